"""Grading a filled worksheet step by step, with error carried forward. Pure arithmetic, in the grader.

Each step is recomputed from the student's own values of its parents (the
inputs are the student's personal numbers) and compared with the student's
value, to the sheet's rounding: one unit in the last asked significant figure,
plus what half a unit in the last figure of each written parent can move the
step (a student who carried more figures than they wrote is not marked down).

- ``right``: the parents are right (to the rounding) and the step follows from them
  (or equals the true value, when the student carried more figures than written);
- ``ecf``: a parent is wrong and the step follows from the student's own parents
  (error carried forward): ``ecf_credit`` of its points;
- ``rounded``: as either, but only to one figure fewer than asked: ``rounding_credit``;
- ``unsupported``: the true value, although a parent is wrong and the step does not
  follow from it (the answer came from elsewhere): ``unsupported_credit``;
- ``wrong``, ``unanswered``, ``unreadable``: nothing.

Error is carried forward from a student's own slips only: when the numbers written on
the sheet are not the student's (a sheet made for someone else), a step that follows
from wrong earlier steps earns nothing.
"""
from __future__ import annotations

import inspect
import time
from dataclasses import dataclass

import numpy as np

from .. import diagnose, statuses
from ..assignment import Assignment
from ..results import StudentResult, TestResult
from ..source import StudentSource
from .steps import Step, Worksheet, load, personal_inputs
from .answers import Answers, SheetError, find, found_instead, read

RIGHT, ECF, ROUNDED, UNSUPPORTED, WRONG = "right", "ecf", "rounded", "unsupported", "wrong"
UNANSWERED, UNREADABLE = "unanswered", "unreadable"


@dataclass
class Judgement:
    step: str
    state: str
    got: np.ndarray | None
    follows: np.ndarray  # what the step is from the student's own parents
    cause: str | None = None


def grade_all(assignment: Assignment, students: list[StudentSource], *, seed: str = "",
              on_result=None) -> dict[str, StudentResult]:
    """Grade every student's sheet; ``on_result`` is called with each result as it is made."""
    sheet = load(assignment)
    results = {}
    for source in students:
        try:
            results[source.name] = grade_one(assignment, sheet, source, seed=seed)
        except Exception as e:  # noqa: BLE001 - a sheet the grader fails on is that sheet's row
            results[source.name] = StudentResult(
                source.name, statuses.GRADER_ERROR, f"the grader could not grade this sheet: "
                f"{type(e).__name__}: {' '.join(str(e).split())[:200]}", tests=_zeros(assignment, sheet))
        if on_result:
            on_result(results[source.name])
    return results


def grade_one(assignment: Assignment, sheet: Worksheet, source: StudentSource, *, seed: str = "") -> StudentResult:
    started = time.perf_counter()
    diagnose.use(assignment.public_dir)  # the misconceptions the Likely cause lines name
    result = _grade(assignment, sheet, source, seed)
    result.seconds = round(time.perf_counter() - started, 4)
    return result


def _grade(assignment, sheet, source, seed) -> StudentResult:
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
    identity = getattr(source, "identity", "") or name  # the roster id under a course
    inputs = personal_inputs(sheet, identity, seed)
    notes = list(source.notes) + notes + _sheet_notes(sheet, answers, inputs, identity)
    judged = judge(sheet, answers, inputs, carry=not _changed_inputs(sheet, answers, inputs))
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
        return StudentResult(name, statuses.UNFINISHED, f"no step of {file.name} is answered", tests=tests,
                             notes=notes)
    return StudentResult(name, statuses.OK, "", tests=tests, notes=notes)


def judge(sheet: Worksheet, answers: Answers, inputs: dict, carry: bool = True) -> dict[str, Judgement]:
    """Every step's judgement, in the order of the steps; ``carry``: give credit for error carried
    forward (not when the sheet holds someone else's numbers)."""
    truth = sheet.evaluate(inputs)
    used = {k: np.asarray(v, dtype=float) for k, v in inputs.items()}  # the student's values, or the true ones
    written = {s.name for s in sheet.steps}  # the steps whose values in ``used`` are rounded as written
    loose = sheet.figures - 1
    out = {}
    for step in sheet.steps:
        true = truth[step.name]
        follows = step(used)
        parents_right = all(_within(used[p], truth[p], sheet, loose) for p in step.parents)
        got, state = _answer(answers, step.name, true.shape)
        if got is None:
            out[step.name] = Judgement(step.name, state, None, follows)
            used[step.name] = true   # a step left out costs its own points only
            written.discard(step.name)
            continue
        slack, loose_slack = _carried(step, used, written, sheet), _carried(step, used, written, sheet, loose)
        on_path, on_truth = _within(got, follows, sheet, slack=slack), _within(got, true, sheet)
        if parents_right and (on_path or on_truth):
            state = RIGHT
        elif not parents_right and on_path:
            state = ECF if carry else WRONG
        elif (parents_right or carry) and _within(got, follows, sheet, loose, slack=loose_slack) or (
                parents_right and _within(got, true, sheet, loose)):
            state = ROUNDED
        elif on_truth:
            state = UNSUPPORTED
        else:
            state = WRONG
        cause = None
        if state == WRONG:
            known = [mistake for mistake, wrong in sheet.mistakes.get(step.name, ())
                     if _matches_mistake(got, Step(mistake, _parameters(wrong), wrong, ""), used, written, sheet)]
            rtol = 2 * float(np.max(sheet.tolerance(follows) / np.maximum(np.abs(follows), 1e-300)))
            cause = diagnose.mistake(known[0]) if known else diagnose.likely_cause(got, follows, name=step.name,
                                                                                    rtol=rtol)
        out[step.name] = Judgement(step.name, state, got, follows, cause)
        used[step.name] = got
    return out


def _matches_mistake(got, mistake: Step, used: dict, written: set, sheet: Worksheet) -> bool:
    """Whether ``got`` is what ``mistake`` gives from the student's own values (to the rounding)."""
    try:
        wrong = mistake(used)
    except Exception:  # noqa: BLE001 - an author's mistake function that does not apply says nothing
        return False
    return _within(got, wrong, sheet, slack=_carried(mistake, used, written, sheet))


def _parameters(function) -> tuple:
    return tuple(inspect.signature(function).parameters)


def _within(got, target, sheet: Worksheet, figures: int | None = None, slack=0.0) -> bool:
    """Whether ``got`` is ``target`` to one unit in its last asked figure (plus ``slack``)."""
    got, target = np.asarray(got, dtype=float), np.asarray(target, dtype=float)
    bound = (sheet.tolerance(target, figures) + slack) * (1 + 1e-9)   # a bound met exactly is met
    return got.shape == target.shape and bool(np.all(np.abs(got - target) <= bound))


def _carried(step, used: dict, written: set, sheet: Worksheet, figures: int | None = None) -> np.ndarray:
    """How far half a unit in the last figure of each entry of the step's written parents can move
    the step: a first-order bound, entry by entry (inputs are exact)."""
    base = step(used)
    slack = np.zeros_like(base)
    for p in step.parents:
        if p not in written:
            continue
        half = sheet.tolerance(used[p], figures) / 2
        for index in np.ndindex(np.shape(used[p])):
            moved = np.array(used[p], dtype=float, copy=True)
            moved[index] += half[index]
            slack = slack + np.abs(step({**used, p: moved}) - base)
    return slack


def _answer(answers: Answers, name: str, shape) -> tuple[np.ndarray | None, str]:
    if name in answers.unreadable:
        return None, UNREADABLE
    if name not in answers.values:
        return None, UNANSWERED
    got = answers.values[name]
    if got.size != int(np.prod(shape)):
        answers.unreadable[name] = f"{got.size} number(s) given, {_shape_words(shape)} asked for"
        return None, UNREADABLE
    return got.reshape(shape), RIGHT


def _shape_words(shape) -> str:
    if not shape:
        return "1 number"
    if len(shape) == 1:
        return f"{shape[0]} numbers"
    return f"{shape[0]} rows of {shape[1]}"


def show(value, figures: int, pad: bool = True) -> str:
    """A value to ``figures`` significant figures (``pad``: with their trailing zeros), rows in brackets."""
    v = np.asarray(value, dtype=float)
    if v.ndim == 0:
        text = f"{float(v):#.{figures}g}" if pad else f"{float(v):.{figures}g}"
        return text[:-1] if text.endswith(".") else text
    return "[" + ", ".join(show(r, figures, pad) for r in v) + "]"


def _sheet_notes(sheet: Worksheet, answers: Answers, inputs: dict, name: str) -> list[str]:
    notes = []
    if answers.student and answers.student != name:
        notes.append(f"{answers.file.name} says it is the sheet of {answers.student!r}; it was graded on the "
                     f"numbers of {name!r}, whose submission it is")
    changed = _changed_inputs(sheet, answers, inputs)
    if changed:
        notes.append(f"the sheet's {', '.join(changed)} differ from your own numbers: every step was graded "
                     "from your own numbers, and no credit is carried forward from a wrong step")
    known = set(sheet.inputs) | {s.name for s in sheet.steps}
    unknown = [k for k in [*answers.values, *answers.unreadable, *answers.blank] if k not in known]
    if unknown:
        notes.append(f"not a step of this sheet, so not graded: {', '.join(unknown)}")
    missing = [s.name for s in sheet.steps if s.name not in answers.values and s.name not in answers.unreadable]
    if missing and len(missing) < len(sheet.steps):
        notes.append(f"not answered: {', '.join(missing)}")
    return notes


def _changed_inputs(sheet: Worksheet, answers: Answers, inputs: dict) -> list[str]:
    """The inputs the sheet writes other than the student's own numbers."""
    return [k for k in sheet.inputs if k in answers.values
            and not (answers.values[k].size == inputs[k].size
                     and np.allclose(answers.values[k].reshape(inputs[k].shape), inputs[k], rtol=1e-9, atol=1e-12))]


def first_departure(sheet: Worksheet, judged: dict) -> str | None:
    """``Where it departs: ...`` for the first step that does not follow from the student's own values."""
    for j in judged.values():
        if j.state in (WRONG, UNSUPPORTED):
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
    items = [{"name": "note", "ok": True, "text": n, "mark": "·"} for n in notes]
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
    truth_shapes = {k: v.shape for k, v in sheet.evaluate(inputs).items()}
    used = {k: np.asarray(v, dtype=float).reshape(truth_shapes[k]) for k, v in inputs.items()}
    written = {s.name for s in sheet.steps}
    for step in sheet.steps:
        got, state = _answer(answers, step.name, truth_shapes[step.name])
        if got is None:
            text = (f"could not be read: {answers.unreadable[step.name]}" if state == UNREADABLE
                    else "not answered")
            items.append({"name": step.name, "ok": False, "text": text})
            continue
        if not sheet.check_consistency:
            used[step.name] = got
            items.append({"name": step.name, "ok": True, "text": "read"})
            continue
        gaps = [p for p in step.parents if p not in used]
        used[step.name] = got
        if gaps:
            items.append({"name": step.name, "ok": True, "mark": "·",
                          "text": f"read; not checked, as {', '.join(gaps)} is not answered"})
            continue
        follows, parents = step(used), ", ".join(step.parents)
        slack = _carried(step, used, written, sheet)
        if _within(got, follows, sheet, slack=slack):
            items.append({"name": step.name, "ok": True, "text": f"follows from your {parents}"})
        elif _within(got, follows, sheet, sheet.figures - 1, slack=_carried(step, used, written, sheet,
                                                                             sheet.figures - 1)):
            items.append({"name": step.name, "ok": False, "mark": "~",
                          "text": f"follows from your {parents} to {sheet.figures - 1} significant figures "
                                  f"only; the sheet asks for {sheet.figures}"})
        else:
            items.append({"name": step.name, "ok": False, "text": f"does not follow from your {parents}"})
    return items, None
