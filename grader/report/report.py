"""The outputs of a grading run: the printed table, scores.csv, scores.json, and per student
Gradescope's results.json and a feedback.md in plain words; the course's exports
(gradebook.csv, summary.md, histogram.png) come from ``grader.summary``."""
from __future__ import annotations

import contextlib
import csv
import errno
import io
import json
import os
import re
import shutil
from pathlib import Path

from tabulate import tabulate

from .. import statuses
from . import summary
from .words import late_cell
from ..assignment import Assignment
from ..results import StudentResult
from ..text import counted, csv_cell, fence, markdown, printable


def _num(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def _percent(result: StudentResult, assignment: Assignment) -> float:
    return round(100.0 * result.total / assignment.max_points, 2) if assignment.max_points else 0.0


def terminal_width() -> int:
    """The terminal's columns: ``COLUMNS``, else the terminal's own, else 100 (a log, a pipe)."""
    return shutil.get_terminal_size((100, 24)).columns


# Formats read on a terminal, which a table is fitted to; the others (latex, html, tsv) are files.
TERMINAL_FORMATS = ("github", "grid", "simple", "plain", "pipe", "rst")
REASON_CHARS = 60  # of a reason in a file format's table; summary.md and scores.csv have it whole
WHOLE = 10 ** 6  # a cell's width that cuts no reason
KEEP_GROUPS = 40  # characters of reason the groups' columns may leave, at least, before they go


def table(assignment: Assignment, results: list[StudentResult], fmt: str = "github",
          width: int | None = None) -> str:
    """The score table. In a terminal format it fits ``width`` columns (default: the terminal's,
    ``terminal_width``): the reasons are cut to fit, the groups' columns go when they would leave
    a reason fewer than ``KEEP_GROUPS`` characters, and a last line says where all is whole."""
    if fmt not in TERMINAL_FORMATS:
        return _table(assignment, results, fmt, groups=True, cell=None)
    width = width or terminal_width()
    groups, cell = True, None
    text = _table(assignment, results, fmt, groups=True, cell=WHOLE)
    if _widest(text) > width:
        statuses = max([len(r.status) for r in results] + [len("status")])
        room = {g: width - (_widest(_table(assignment, results, fmt, groups=g, cell=0)) - statuses)
                for g in (True, False)}
        longest = max([len(r.status) + 2 for r in results if r.status != "ok" and r.reason] + [0])
        groups = room[True] - longest >= KEEP_GROUPS or room[True] >= room[False]
        cell = room[groups]
        text = _table(assignment, results, fmt, groups=groups, cell=cell)
    cut = [what for what, done in (("groups' points", not groups),
                                   ("reasons", cell is not None and any(
                                       _status_cell(r, cell) != _status_cell(r, WHOLE) for r in results)))
           if done]
    if not cut:
        return text
    import textwrap
    return text + "\n" + textwrap.fill(f"({' and '.join(cut)} cut to fit {width} columns: whole in summary.md "
                                        "and scores.csv)", max(width, 20))


def _table(assignment: Assignment, results: list[StudentResult], fmt: str, *, groups: bool,
           cell: int | None) -> str:
    shown = [g for g in assignment.groups] if groups else []
    course = _has_course(results)
    headers = ["student", *(["roster id"] if course else []),
               *[f"{g.name} /{_num(g.points)}" for g in shown],
               f"total /{_num(assignment.max_points)}", "%", *(["late"] if course else []), "status"]
    rows = []
    for r in results:
        rows.append([r.student, *([printable(_roster_cell(r))] if course else []),
                     *[_num(r.group_points(g.name)) for g in shown],
                     _num(r.total), f"{_percent(r, assignment):.1f}", *([late_cell(r)] if course else []),
                     _status_cell(r, cell)])
    return tabulate(rows, headers=headers, tablefmt=fmt, disable_numparse=True)


def _status_cell(r: StudentResult, cell: int | None) -> str:
    """The status and its reason: the reason cut to ``REASON_CHARS`` (``cell`` None), or the whole
    cut to ``cell`` characters (the status alone when that leaves too little of the reason)."""
    if r.status == "ok" or not r.reason:
        return r.status
    room = REASON_CHARS if cell is None else cell - len(r.status) - 2
    if room < 8:  # a reason of a few letters says nothing
        return r.status
    return f"{r.status}: {_trim(r.reason, room)}"


def _widest(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def _has_course(results) -> bool:
    return any(r.roster or r.late or r.adjustments for r in results)


def _roster_cell(r: StudentResult) -> str:
    return r.roster.get("id", "") if r.roster else "(not on the roster)"


def scores_csv(assignment: Assignment, results: list[StudentResult]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    course = _has_course(results)
    extra = ["roster_id", "name", "section", "due", "submitted_at", "late_seconds", "late_penalty",
             "overrides"] if course else []
    w.writerow(["student", *[g.name for g in assignment.groups], "total", "max", "percent", "status", "reason",
                *extra])
    for r in results:
        row = [r.student, *[r.group_points(g.name) for g in assignment.groups], r.total,
               assignment.max_points, _percent(r, assignment), r.status, r.reason]
        if course:
            overrides = round(sum(a["points"] for a in r.adjustments if a["kind"] == "override"), 9)
            row += [r.roster.get("id", ""), r.roster.get("name", ""), r.roster.get("section", ""),
                    r.late.get("due", ""), r.late.get("submitted_at") or "", r.late.get("late_seconds", ""),
                    r.late.get("penalty", ""), overrides if any(a["kind"] == "override" for a in r.adjustments) else ""]
        w.writerow([csv_cell(x) for x in row])
    return buf.getvalue()


def scores_json(assignment: Assignment, results: list[StudentResult]) -> dict:
    return {**_scores_head(assignment), "students": [_scores_entry(assignment, r) for r in results]}


def _scores_head(assignment: Assignment) -> dict:
    return {
        "assignment": assignment.name,
        "title": assignment.title,
        "max": assignment.max_points,
        "groups": [{"name": g.name, "title": g.title, "public": g.public, "hidden": g.hidden}
                   for g in assignment.groups],
    }


def _scores_entry(assignment: Assignment, r: StudentResult) -> dict:
    return {**r.to_dict(), "max": assignment.max_points, "percent": _percent(r, assignment),
            "groups": {g.name: r.group_points(g.name) for g in assignment.groups}}


def write_scores_json(file: Path, assignment: Assignment, results, extra: dict) -> None:
    """scores.json, the text ``json.dumps(scores_json(...) | extra, indent=1)`` gives, written one
    student at a time: the whole document at once costs about 50 KB of memory a student."""
    placeholder = "\u0000students\u0000"
    head = json.dumps({**_scores_head(assignment), "students": placeholder, **extra}, indent=1, ensure_ascii=False)
    before, after = head.split(json.dumps(placeholder), 1)
    with open(file, "w", encoding="utf-8") as f:
        f.write(before)
        first = True
        for r in results:
            entry = json.dumps(_scores_entry(assignment, r), indent=1, ensure_ascii=False)
            f.write(("[\n" if first else ",\n") + "\n".join("  " + line for line in entry.splitlines()))
            first = False
        f.write("[]" if first else "\n ]")
        f.write(after)


def gradescope(assignment: Assignment, result: StudentResult, sandbox: dict | None = None) -> dict:
    """One submission in Gradescope's autograder format (results.json); ``sandbox``: the kernel
    layers the worker had (``run.sandbox_report``), for the staff in ``extra_data``."""
    tests = []
    for t in _ordered(assignment, result):
        changes = [a for a in result.adjustments if a.get("test") == t.name]
        output = "\n\n".join(x for x in [t.message, *t.notes, *(f"Changed by the course staff: {_points(a['points'])}. "
                                                                 f"{a['comment']}" for a in changes)] if x)
        tests.append({
            "name": f"{t.group}: {t.title}",
            "score": round(t.points + sum(a["points"] for a in changes), 9),
            "max_score": t.max_points,
            "status": "passed" if t.passed else "failed",
            "output": output,
            "visibility": assignment.visibility[t.visibility],
        })
    header = [] if result.status == "ok" else [f"Status: {result.status}. {result.reason}"]
    header += [f"{'Late penalty' if a['kind'] == 'late' else 'Changed by the course staff'}"
               f"{'' if a['kind'] == 'late' else ' (' + a['group'] + ')'}: {_points(a['points'])}. {a['comment']}"
               for a in result.adjustments if not a.get("test")]
    return {
        "score": result.total,
        "execution_time": result.seconds,
        "output": "\n".join(header + list(result.notes)),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
        "extra_data": {"status": result.status, "max_score": assignment.max_points,
                       **({"sandbox": sandbox} if sandbox else {})},
    }


def _only_the_reason(message: str, reason: str) -> bool:
    """Whether a test's message says no more than the row's reason: the reason itself, or each of its
    checks failing with it (``N of N checks failed:`` then ``- check: <reason>`` lines)."""
    message, reason = (message or "").strip(), (reason or "").strip()
    if not message or not reason:
        return False
    first, *rest = message.splitlines()
    return message == reason or (bool(re.fullmatch(r"\d+ of \d+ checks failed:", first.strip())) and bool(rest)
                                 and all(line.rstrip().endswith(reason) or re.fullmatch(r"\s*\(and \d+ more\)", line)
                                         for line in rest))


def feedback(assignment: Assignment, result: StudentResult, *, public_only: bool = False) -> str:
    """A student's feedback in plain words (Markdown)."""
    name = (result.roster or {}).get("name")  # under a course: the student's name on the roster
    who = f"{name} ({result.student})" if name and name != result.student else result.student
    lines = [f"# {assignment.title}: feedback for {markdown(who)}", ""]
    if public_only:
        earned, checked = sum(t.points for t in result.tests), sum(t.max_points for t in result.tests)
        lines.append(f"Public checks: **{_num(earned)} / {_num(checked)}** points. {_num(checked)} of the "
                     f"assignment's {_num(assignment.max_points)} points are checked here; grading "
                     "checks the rest on other inputs.")
    else:
        lines.append(f"Score: **{_num(result.total)} / {_num(assignment.max_points)}** "
                     f"({_percent(result, assignment):.0f} %)." + _adjusted_words(result))
    if result.status != "ok":
        # The status as the table names it, then its reason: the status's own words only without one.
        lines += ["", f"**{result.status.capitalize()}:** {markdown(result.reason)}" if result.reason
                  else f"**{statuses.words(result.status).capitalize()}.**"]
    for note in result.notes:
        lines += ["", f"- {markdown(note)}"]
    unrun = {t.name for t in result.tests if _only_the_reason(t.message, result.reason)}
    if unrun:  # said once here, not under each of them
        lines += ["", f"{counted(len(unrun), 'test')} below could not run, for that reason: those marked ✗ with "
                      "no message."]
    for g in assignment.groups:
        tests = [t for t in _ordered(assignment, result) if t.group == g.name]
        if not tests:
            continue
        got, of = result.group_points(g.name), sum(t.max_points for t in tests)
        lines += ["", f"## {g.title}: {_num(got)} / {_num(of)}", ""]
        for t in tests:
            mark = "✓" if t.passed else ("◐" if t.points > 0 else "✗")
            lines.append(f"- {mark} {t.title} ({_num(t.points)} / {_num(t.max_points)})"
                         + ("" if t.visibility == "public" else " · hidden test"))
            if t.message and t.name not in unrun:
                lines.append(_indent(markdown(t.message)))
            for note in t.notes:
                lines.append(_indent(markdown(note)))
            for a in result.adjustments:
                if a.get("test") == t.name:
                    lines.append(_indent(f"Changed by the course staff: {_points(a['points'])}. {a['comment']}"))
        for a in result.adjustments:
            if a["kind"] == "override" and a.get("group") == g.name and not a.get("test"):
                lines.append(f"- Changed by the course staff: {_points(a['points'])}. {a['comment']}")
    if result.output:
        lines += ["", "## What your code printed", "", *fence(result.output)]
    return "\n".join(lines) + "\n"


def write(assignment: Assignment, results: list[StudentResult], out: Path, *, fingerprint: str = "",
          sandbox: dict | None = None, shard: dict | None = None, hidden=(), examples: bool = False) -> None:
    """Write every output into ``out``, replacing an earlier run's whole folder at once.

    ``fingerprint`` (of the tests and seed that made the grades) goes into scores.json,
    so that a later run of some students knows whether it may merge into these grades;
    ``sandbox`` (the kernel layers the workers had) goes into scores.json, summary.md and
    every results.json; ``shard`` (which part of the students a ``--shard`` run graded,
    ``shard.record``) goes into scores.json; ``hidden`` (the submissions folder's hidden entries,
    never graded) into summary.md; ``examples`` (the grades are of the kit's bundled example
    submissions, which a later run replaces without asking) into scores.json.
    Nothing is left half-written: the new folder is built beside ``out`` and renamed.
    """
    out = Path(out)
    _refuse_unplain_names(results, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    new, old = _swap_names(out)
    shutil.rmtree(new, ignore_errors=True)
    try:
        new.mkdir()
        results = _write_students(assignment, results, new, sandbox)
        (new / "scores.csv").write_text(scores_csv(assignment, results), encoding="utf-8")
        extra = {**({"fingerprint": fingerprint} if fingerprint else {}), **({"sandbox": sandbox} if sandbox else {}),
                 **({"shard": shard} if shard else {}), **({"examples": True} if examples else {})}
        write_scores_json(new / "scores.json", assignment, results, extra)
        summary.write(assignment, results, new, (sandbox or {}).get("description", ""), hidden)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        os.rename(out, old)
    os.rename(new, out)
    shutil.rmtree(old, ignore_errors=True)


_DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO}


def _write_students(assignment: Assignment, results: list[StudentResult], new: Path, sandbox) -> list[StudentResult]:
    """Each student's results.json and feedback.md under ``new/students/``; return the results, with
    the row of a student whose files could not be written turned into a ``grader error`` that says
    why (a full disk, though, stops the run: it is no one student's)."""
    (new / "students").mkdir()
    written = []
    for r in results:
        d = new / "students" / r.student  # apart from the course files: a student may be called anything
        try:
            _write_student(assignment, r, d, sandbox)
        except (OSError, ValueError) as e:
            if isinstance(e, OSError) and e.errno in _DISK_ERRORS:
                raise
            r = StudentResult(student=r.student, status=statuses.GRADER_ERROR,
                              reason=f"the grader could not write this student's feedback ({type(e).__name__}: "
                                     f"{' '.join(str(e).split())[:200]}); grade it again (--student)")
            with contextlib.suppress(OSError, ValueError):
                shutil.rmtree(d, ignore_errors=True)
                _write_student(assignment, r, d, sandbox)
        written.append(r)
    return written


def _write_student(assignment: Assignment, r: StudentResult, d: Path, sandbox) -> None:
    d.mkdir()
    (d / "results.json").write_text(json.dumps(gradescope(assignment, r, sandbox), indent=1,
                                               ensure_ascii=False), encoding="utf-8")
    (d / "feedback.md").write_text(feedback(assignment, r), encoding="utf-8")


def _swap_names(out: Path) -> tuple[Path, Path]:
    """The folders ``write`` swaps through: the new one built beside ``out``, and the earlier one moved aside."""
    return out.with_name(f".{out.name}.new"), out.with_name(f".{out.name}.old")


def recover(out: Path) -> None:
    """Finish the swap of ``out`` that a run stopped between ``write``'s two renames left half done.

    Then ``out`` is missing and the earlier grades are in the ``.old`` folder; the ``.new`` one is
    whole, since it is built before the first rename, and takes ``out``'s place (with none, the
    earlier grades go back). Without ``out`` and ``.old``, nothing was swapped yet: nothing to do."""
    out = Path(out)
    new, old = _swap_names(out)
    if out.exists() or not old.is_dir():
        return
    os.rename(new if (new / "scores.json").is_file() else old, out)
    shutil.rmtree(old, ignore_errors=True)


def _refuse_unplain_names(results: list[StudentResult], out: Path) -> None:
    """``ConfigError`` unless every student's name is one file name, so every folder stays in ``out``."""
    from ..assignment import ConfigError
    from ..grading.rows import name_problem, shown
    for r in results:
        wrong = name_problem(r.student)
        if wrong:
            raise ConfigError(f"{out}: the student name {shown(r.student)} {wrong}; nothing was written")


def _signed(x: float) -> str:
    return ("+" if x > 0 else "") + _num(x)


def _points(x: float) -> str:
    """``+1 point``, ``-2.5 points``: signed, in words."""
    return f"{_signed(x)} point{'' if abs(x) == 1 else 's'}"


def _adjusted_words(result: StudentResult) -> str:
    """`` The tests gave 9; the course staff changed it by +1; the late penalty took 2.`` or ""."""
    if not result.adjustments:
        return ""
    words = [f" The tests gave {_num(result.tests_total)}"]
    override = round(sum(a["points"] for a in result.adjustments if a["kind"] == "override"), 9)
    late = round(-sum(a["points"] for a in result.adjustments if a["kind"] == "late"), 9)
    if override:
        words.append(f"the course staff changed it by {_signed(override)}")
    if late:
        words.append(f"the late penalty took {_num(late)}")
    return "; ".join(words) + "."


def _ordered(assignment: Assignment, result: StudentResult):
    rank = {g.name: i for i, g in enumerate(assignment.groups)}
    return sorted(result.tests, key=lambda t: (rank.get(t.group, 99), t.visibility != "public"))


def _trim(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


def _indent(text: str) -> str:
    return "\n".join("    " + line if line else "" for line in text.splitlines())
