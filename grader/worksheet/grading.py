"""Grading a filled worksheet: the sheet found and read, each step judged (``judging.py``), whose
numbers it holds (``copies.py``), the points and the feedback; and ``make check``'s reading of a sheet.
Pure arithmetic, in the grader. The policy is docs/worksheets.md's:

- ``right``: within one unit in the last asked figure of what follows from the student's own written
  earlier values, plus what the rounding of those values (to the figures written) can move it; or
  the true value, the earlier values right (a student who carried more figures than written);
- ``ecf``: the same from wrong earlier values of their own (error carried forward): ``ecf_credit``;
- ``rounded``: as either, but only to one figure fewer than asked: ``rounding_credit``;
- ``unsupported``: the true value, although an earlier value is wrong and the step does not follow
  from it (the answer came from elsewhere): ``unsupported_credit``;
- ``copied``: follows from another student's numbers, or from a step that does: nothing;
- ``wrong``, ``unanswered``, ``unreadable``: nothing; a value not read is stood in for, for its
  dependants, by the value most of them follow from (never charged twice).
"""
from __future__ import annotations

import time

import numpy as np

from .. import diagnose, statuses
from ..assignment import Assignment
from ..results import StudentResult, TestResult
from ..source import StudentSource
from .steps import Worksheet, load, personal_inputs
from .answers import MAX_BYTES, Answers, SheetError, find, found_instead, read
from .copies import Others, _changed_inputs, inputs_written  # noqa: F401 - the run's other sheets
from .judging import (COPIED, ECF, RIGHT, ROUNDED, UNANSWERED, UNREADABLE, UNSUPPORTED, WRONG,  # noqa: F401
                      Judgement, _answer, _carried, _figures, _half_unit, _within, judge, stand_in)

def grade_all(assignment: Assignment, students: list[StudentSource], *, seed: str = "",
              on_result=None) -> dict[str, StudentResult]:
    """Grade every student's sheet; ``on_result`` is called with each result as it is made. The
    run's sheets are read first, so that a step copied from another sheet of the run is seen."""
    sheet = load(assignment)
    others = _others(sheet, students, seed)
    results = {}
    for source in students:
        try:
            results[source.name] = grade_one(assignment, sheet, source, seed=seed, others=others)
        except Exception as e:  # noqa: BLE001 - a sheet the grader fails on is that sheet's row
            results[source.name] = StudentResult(
                source.name, statuses.GRADER_ERROR, f"the grader could not grade this sheet: "
                f"{type(e).__name__}: {' '.join(str(e).split())[:200]}", tests=_zeros(assignment, sheet))
        if on_result:
            on_result(results[source.name])
    return results


def _others(sheet: Worksheet, students: list[StudentSource], seed: str) -> "Others":
    """Every student's true numbers and written values in this run (and those of a name a sheet
    says it was made for)."""
    others = Others(sheet)
    for source in students:
        who = getattr(source, "identity", "") or source.name
        try:
            inputs = personal_inputs(sheet, who, seed)
            others.add(source.name, sheet.evaluate(inputs))
            file, _ = find(source.path) if source.path and not source.problem else (None, [])
            if file is None:
                continue
            answers = read(file)
            others.add(source.name, {k: v for k, v in answers.values.items()})
            if answers.student and answers.student not in (who, source.name):
                others.add(answers.student, sheet.evaluate(personal_inputs(sheet, answers.student, seed)))
        except Exception:  # noqa: BLE001 - a sheet that cannot be read has no numbers to copy
            continue
    return others


def grade_one(assignment: Assignment, sheet: Worksheet, source: StudentSource, *, seed: str = "",
              others: "Others | None" = None) -> StudentResult:
    started = time.perf_counter()
    diagnose.use(assignment.public_dir)  # the misconceptions the Likely cause lines name
    result = _grade(assignment, sheet, source, seed, others)
    result.seconds = round(time.perf_counter() - started, 4)
    return result


def _grade(assignment, sheet, source, seed, others=None) -> StudentResult:
    name = source.name
    if source.problem:
        return StudentResult(name, statuses.ERROR, source.problem, tests=_zeros(assignment, sheet))
    file, notes = find(source.path) if source.path else (None, [])
    if file is None:
        why = "no answers.yaml, answers.md or notebook (.ipynb) in the submission"
        instead = found_instead(source.path) if source.path else ""
        why += f": {instead}" if instead else ""
        return StudentResult(name, statuses.MISSING, why, tests=_zeros(assignment, sheet))
    try:
        answers = read(file)
    except SheetError as e:
        return StudentResult(name, statuses.ERROR, str(e), tests=_zeros(assignment, sheet))
    other = other_worksheet(assignment, sheet, answers)
    if other:
        return StudentResult(name, statuses.ERROR, f"{file.name} is a sheet of {other}, not of {assignment.name}: "
                             f"hand in the {assignment.name} sheet", tests=_zeros(assignment, sheet))
    identity = getattr(source, "identity", "") or name  # the roster id under a course
    inputs = personal_inputs(sheet, identity, seed)
    whose = inputs_written(sheet, answers, inputs, others, name)
    notes = list(source.notes) + notes + list(getattr(answers, "notes", ())) + _sheet_notes(
        sheet, answers, inputs, identity, whose)
    slipped = {k: answers.values[k] for k in _changed_inputs(sheet, answers, inputs)} if whose == "slip" else None
    judged = judge(sheet, answers, inputs, carry=whose != "someone else", others=others, me=name, slipped=slipped)
    tests = _tests(assignment, sheet, judged, answers.unreadable)
    departs = first_departure(sheet, judged)
    if departs:
        notes.append(departs)
    if not any(j.got is not None for j in judged.values()):
        if answers.unreadable:  # written, but not as numbers: not an unfinished sheet
            step, why = next(iter(answers.unreadable.items()))
            more = len(answers.unreadable) - 1
            return StudentResult(name, statuses.ERROR, f"no step of {file.name} could be read as a number: "
                                 f"{step}: {why}" + (f" (and {more} more)" if more else ""), tests=tests, notes=notes)
        if not answers.blank and _has_text(file):  # something, but no step of the sheet: not the sheet
            return StudentResult(name, statuses.ERROR, f"{file.name} has no step of this sheet: hand in the "
                                 f"{assignment.name} sheet, its steps filled in", tests=tests, notes=notes)
        return StudentResult(name, statuses.UNFINISHED, f"no step of {file.name} is answered", tests=tests,
                             notes=notes)
    return StudentResult(name, statuses.OK, "", tests=tests, notes=notes)


def _has_text(file) -> bool:
    """Whether a sheet holds anything but blanks (read within the reader's bound)."""
    try:
        with open(file, "rb") as f:
            return bool(f.read(MAX_BYTES).strip())
    except OSError:
        return False


def other_worksheet(assignment: Assignment, sheet: Worksheet, answers: Answers) -> str | None:
    """The worksheet a sheet was made for, when it is not this one: most of its names are that
    worksheet's steps and none is this one's."""
    given = {*answers.values, *answers.unreadable, *answers.blank}
    ours = len(given & {s.name for s in sheet.steps})
    if not given or ours * 2 >= len(sheet.steps):
        return None
    from ..assignment import available, load as load_assignment
    root = assignment.public_dir.parent.parent
    for name in available(root, kind="worksheet"):
        if name == assignment.name:
            continue
        try:
            theirs = {step for g in load_assignment(name, root).groups for step in g.steps}
        except Exception:  # noqa: BLE001 - another assignment's own problem is not this sheet's
            continue
        if len(given & theirs) > 2 * ours:
            return name
    return None


def show(value, figures: int, pad: bool = True) -> str:
    """A value to ``figures`` significant figures (``pad``: with their trailing zeros), rows in brackets."""
    v = np.asarray(value, dtype=float)
    if v.ndim == 0:
        text = f"{float(v):#.{figures}g}" if pad else f"{float(v):.{figures}g}"
        return text[:-1] if text.endswith(".") else text
    return "[" + ", ".join(show(r, figures, pad) for r in v) + "]"


# The words of a sheet's feedback that say its work is not the student's own (the summary lists such rows).
COPIED_WORDS = "follows from another student's numbers"
OTHER_SHEET_WORDS = "says it is the sheet of"
NOT_OWN_INPUTS_WORDS = "are not your own numbers"


def _sheet_notes(sheet: Worksheet, answers: Answers, inputs: dict, name: str, whose: str = "own") -> list[str]:
    notes = []
    if answers.student and answers.student != name:
        notes.append(f"{answers.file.name} {OTHER_SHEET_WORDS} {answers.student!r}; it was graded on the "
                     f"numbers of {name!r}, whose submission it is")
    changed = _changed_inputs(sheet, answers, inputs)
    if changed and whose == "someone else":
        notes.append(f"the sheet's {', '.join(changed)} {NOT_OWN_INPUTS_WORDS}: every step was graded "
                     "from your own numbers, and no credit is carried forward from a wrong step")
    elif changed:
        slips = "; ".join(f"{k} written {show(answers.values[k], 6, pad=False)}, yours is "
                          f"{show(inputs[k], 6, pad=False)}" for k in changed)
        notes.append(f"an input copied wrong on the sheet ({slips}): every step was graded from your own "
                     "numbers, so the first step that uses it does not follow, and the steps after it are "
                     "carried forward from it")
    known = set(sheet.inputs) | {s.name for s in sheet.steps}
    unknown = [k for k in [*answers.values, *answers.unreadable, *answers.blank] if k not in known]
    if unknown:
        notes.append(f"not a step of this sheet, so not graded: {', '.join(unknown)}")
    missing = [s.name for s in sheet.steps if s.name not in answers.values and s.name not in answers.unreadable]
    if missing and len(missing) < len(sheet.steps):
        notes.append(f"not answered: {', '.join(missing)}")
    return notes


def first_departure(sheet: Worksheet, judged: dict) -> str | None:
    """``Where it departs: ...`` for the first step that does not follow from the student's own values."""
    for j in judged.values():
        if j.state in (WRONG, UNSUPPORTED, COPIED):
            step = sheet.step(j.step)
            line = (f"Where it departs: {j.step} is the first step that does not follow from your earlier "
                    f"values ({', '.join(step.parents)})")
            return line + (f"\n  Likely cause: {j.cause}" if j.cause else "")
    return None


def _message(sheet: Worksheet, j: Judgement, answers_note: str = "") -> str:
    step = sheet.step(j.step)
    parents = ", ".join(step.parents)
    figures = sheet.figures
    if j.state == RIGHT:
        return ""
    if j.state == UNANSWERED:
        return "not answered"
    if j.state == UNREADABLE:
        return f"could not be read: {answers_note}"
    yours, should = show(j.got, figures + 2, pad=False), show(j.follows, figures)
    if j.state == ECF:
        credit = "full points" if sheet.ecf_credit == 1 else f"{sheet.ecf_credit:.0%} of its points"
        return (f"right from your earlier values: it follows from your {parents}, not all of which are right "
                f"(error carried forward: {credit})")
    if j.state == ROUNDED:
        return (f"right to {figures - 1} significant figures only: the sheet asks for {figures} "
                f"(yours {yours}; from your {parents} it is {should})")
    if j.state == COPIED:
        return (f"{COPIED_WORDS}, not from your own {parents}: from yours it is "
                f"{should}. A step earns points when it is your own work from your own numbers")
    if j.state == UNSUPPORTED:
        return (f"does not follow from your own {parents}: from them it is {should}, not {yours}. Yours is the "
                "value that follows from the right ones; work each step from your own earlier answers")
    text = f"wrong: from your own {parents} it is {should}; yours is {yours}"
    return text + (f"\n  Likely cause: {j.cause}" if j.cause else "")


CREDIT = {RIGHT: lambda s: 1.0, ECF: lambda s: s.ecf_credit, ROUNDED: lambda s: s.rounding_credit,
          UNSUPPORTED: lambda s: s.unsupported_credit}


def _tests(assignment: Assignment, sheet: Worksheet, judged: dict, unreadable: dict) -> list:
    tests = []
    for group in assignment.groups:
        each = group.points / len(group.steps)
        for name in group.steps:
            j = judged[name]
            share = CREDIT.get(j.state, lambda s: 0.0)(sheet)
            tests.append(TestResult(
                name=f"step[{name}]", title=sheet.step(name).asks, group=group.name, visibility="public",
                max_points=each, points=round(each * share, 9), passed=share == 1.0,
                message=_message(sheet, j, unreadable.get(name, ""))))
    return tests


def _zeros(assignment: Assignment, sheet: Worksheet) -> list:
    return [TestResult(name=f"step[{s}]", title=sheet.step(s).asks, group=g.name, visibility="public",
                       max_points=g.points / len(g.steps), points=0.0, passed=False, message="")
            for g in assignment.groups for s in g.steps]


def check(assignment: Assignment, folder) -> tuple[str, bool]:
    """``make check`` for a sheet: can it be read, is every step there, and (when the worksheet lets
    the release carry its steps) does each step follow from the student's own earlier values. It
    never says what a value should be. Returns the report and whether all is well."""
    items, problem = check_items(assignment, folder)
    if problem:
        return f"error: {problem}", False
    ok = all(item["ok"] for item in items)
    marks = {True: "✓", False: "✗"}
    consistency = assignment.worksheet.get("check", "consistency") == "consistency"
    lines = [f"# {assignment.title}: checking your sheet", ""]
    lines += [f"- {item.get('mark') or marks[item['ok']]} {item['name']}: {item['text']}" for item in items]
    lines += ["", ("every step can be read and follows from your own earlier values" if ok else
                   "fix the lines marked ✗, ~ or ? before you hand the sheet in") +
              ("" if consistency else " (this check reads the sheet; it does not check the steps)"),
              "A step that follows from your earlier values is not yet a right step: grading also compares "
              "each step with its true value, and gives credit for an error carried forward."]
    return "\n".join(lines), ok


def check_items(assignment: Assignment, folder) -> tuple[list[dict], str | None]:
    """What ``check`` says, line by line: ``{"name", "ok", "text", "mark"?}`` for each step (and each
    name that is no step, and each note), or a problem that stops the check (a sheet not found or
    not readable)."""
    sheet = load(assignment)
    file, notes = find(folder, "checked")
    if file is None:
        return [], f"{folder}: no answers.md, answers.yaml or notebook (.ipynb) to check"
    try:
        answers = read(file)
    except SheetError as e:
        return [], str(e)
    items = [{"name": "note", "ok": True, "text": n, "mark": "·"} for n in notes + list(getattr(answers, "notes", ()))]
    other = other_worksheet(assignment, sheet, answers)
    if other:
        return [], f"{file.name} is a sheet of {other}, not of {assignment.name}"
    inputs = {k: answers.values[k] for k in sheet.inputs if k in answers.values}
    if len(inputs) < len(sheet.inputs):
        if not answers.student:
            gone = ", ".join(k for k in sheet.inputs if k not in inputs)
            return [], f"{file.name} has lost your numbers ({gone}) and your name: write them back"
        inputs = personal_inputs(sheet, answers.student)
    known = set(sheet.inputs) | {s.name for s in sheet.steps}
    for k in [*answers.values, *answers.unreadable, *answers.blank]:
        if k not in known:
            items.append({"name": k, "ok": False, "mark": "?",
                          "text": "not a step of this sheet (a typo?); it will not be graded"})
    shapes = {k: np.shape(v) for k, v in sheet.draw(np.random.default_rng(0)).items()}
    if any(np.size(inputs[k]) != int(np.prod(shapes[k])) for k in sheet.inputs):
        bad = ", ".join(k for k in sheet.inputs if np.size(inputs[k]) != int(np.prod(shapes[k])))
        return [], f"{file.name}: your numbers {bad} do not have their sheet's shape: write them back as given"
    truth = sheet.evaluate({k: np.asarray(v, dtype=float).reshape(shapes[k]) for k, v in inputs.items()})
    used = {k: truth[k] for k in sheet.inputs}
    half, stood_in = {}, set()
    for step in sheet.steps:
        got, state = _answer(answers, step.name, truth[step.name].shape)
        if got is None:
            text = (f"could not be read: {answers.unreadable[step.name]}" if state == UNREADABLE
                    else "not answered")
            items.append({"name": step.name, "ok": False, "text": text})
            used[step.name] = stand_in(sheet, step, answers, used, half, truth)
            half[step.name] = np.zeros(truth[step.name].shape)
            stood_in.add(step.name)
            continue
        if not sheet.check_consistency:
            used[step.name] = got
            items.append({"name": step.name, "ok": True, "text": "read"})
            continue
        follows, parents = step(used), ", ".join(step.parents)
        slack = _carried(step, used, half)
        used[step.name] = got
        half[step.name] = _half_unit(got, _figures(answers, step.name, got, sheet))
        gaps = [p for p in step.parents if p in stood_in]
        taking = (f" (taking for {', '.join(gaps)} the value your later steps follow from)" if gaps else "")
        if _within(got, follows, sheet, slack=slack):
            items.append({"name": step.name, "ok": True, "text": f"follows from your {parents}{taking}"})
        elif _within(got, follows, sheet, sheet.figures - 1, slack=slack):
            items.append({"name": step.name, "ok": False, "mark": "~",
                          "text": f"follows from your {parents}{taking} to {sheet.figures - 1} significant "
                                  f"figures only; the sheet asks for {sheet.figures}"})
        else:
            items.append({"name": step.name, "ok": False, "text": f"does not follow from your {parents}{taking}"})
    return items, None
