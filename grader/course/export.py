"""A course's grades as the files an LMS imports, and the course-wide sheet.

Every export reads the grades ``grade`` wrote (``<grades>/<assignment>/scores.json``) for
the assignments of the course file, and has one row per rostered student, in the roster's
order. Submissions that belong to nobody on the roster are in no export; ``unmatched``
lists them. Each row names its student only by ids the roster has for that platform; an
export that cannot name a student unambiguously is refused (``ConfigError``, one line
naming the roster rows) and nothing of it is written.

- ``canvas_csv``: Canvas's gradebook import (``GradebookImporter``): ``Student, ID, SIS User
  ID, SIS Login ID, Section`` and a column ``<title> (<canvas_id>)`` per assignment. Canvas
  finds a row's student by ``ID`` (``canvas_id``), then ``SIS User ID``, then ``SIS Login
  ID``, then the display name, so a student with none of the three ids needs a name no other
  rostered student has. Without a ``canvas_id`` the bare title goes to the Canvas assignment of
  that title (the first of several), else to a new one: a title ending in ``(<digits>)``, which
  Canvas would read as an assignment's number, is written with ``[<digits>]``. A student with
  no submission is blank (Canvas: no score; ``missing: zero`` in the course file writes 0); an
  excused one is ``EX``. The ``Points Possible`` row of Canvas's own export is under the header;
- ``moodle_csv``: Moodle's grade import: an identifier column (``email``: "Email address",
  ``idnumber``: "ID number", ``username``: "Username"; each student's value from
  ``Student.moodle``, checked against the roster before anything is written) and a column per
  assignment, mapped in Moodle's import page; missing and excused are blank (no grade);
- ``plain_csv``: one row per student and assignment, with status, lateness and overrides;
- ``sheet_csv`` and ``sheet_md``: one row per student, one column per assignment (points)
  and the course total in percent under the weights: sum of weight x points / max over
  the assignments, divided by the sum of their weights (a missing assignment counts 0, an
  excused one is left out of both sums).
Points are written to ``classroom.DECIMALS`` decimals at most; a text cell that a
spreadsheet would read as a formula is escaped (``_cell``).
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from tabulate import tabulate

from ..text import csv_cell
from .. import assignment as assignments
from ..assignment import ConfigError
from ..report.classroom import round_points
from .course import Course, Student, check_moodle_ids

MOODLE_IDS = {"email": "Email address", "idnumber": "ID number", "username": "Username"}
EXCUSED = "excused"
CANVAS_ID_IN_TITLE = re.compile(r"\s\((\d+)\)\Z")  # what Canvas reads as "<title> (<assignment id>)"
FILES = ("canvas.csv", "moodle.csv", "grades.csv", "sheet.csv", "sheet.md", "unmatched.csv")


@dataclass(frozen=True)
class Graded:
    """One assignment's grades, as the exports need them."""
    name: str
    title: str
    max_points: float
    weight: float
    canvas_id: str
    rows: dict  # roster id -> scores.json entry
    unmatched: list  # scores.json entries of nobody on the roster


def collect(course: Course, grades: Path, names: list[str] | None = None) -> tuple[list[Graded], list[str]]:
    """The graded assignments of the course (``names``: only these) and a line for each one with no grades yet."""
    grades = Path(grades)
    found, skipped = [], []
    for name in names or list(course.assignments):
        if name not in course.assignments:
            raise ConfigError(f"{course.file}: the course has no assignment {name!r} (its assignments: "
                              f"{', '.join(course.assignments)})")
        file = grades / name / "scores.json"
        if not file.is_file():
            skipped.append(f"{name}: not graded yet ({file} does not exist): left out")
            continue
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            students = data["students"]
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise ConfigError(f"{file}: cannot be read as a run's grades ({e})") from None
        ca = course.assignments[name]
        rows, unmatched = {}, []
        # Under a course each counted row names its student (roster id); a row without one is nobody's
        # or a student's second submission, never matched again by its name. Grades made without the
        # course have no roster at all: their rows are matched by name.
        under_course = any(isinstance(e, dict) and e.get("roster") for e in students)
        for entry in students:
            sid = (entry.get("roster") or {}).get("id")
            if under_course:
                s = course.student(sid) if sid else None
            else:
                s = course.student(str(entry.get("student", "")))
            if s is None:
                unmatched.append(entry)
            elif s.id not in rows or not (entry.get("roster") or {}).get("absent"):
                rows[s.id] = entry
        title = ca.title or data.get("title") or assignments.load(name).title
        found.append(Graded(name, title, float(data.get("max", 0)), ca.weight, ca.canvas_id, rows, unmatched))
    if not found:
        raise ConfigError(f"{course.file}: none of its assignments has grades in {grades}/: run `grade --course` first")
    return found, skipped


def points(g: Graded, s: Student) -> tuple[float, str]:
    """A student's points and status in an assignment (0 and ``missing`` with no submission;
    ``excused`` when an override excuses them, whatever they handed in)."""
    entry = g.rows.get(s.id)
    if entry is not None and (entry.get("roster") or {}).get("excused"):
        return 0.0, EXCUSED
    if entry is None or (entry.get("roster") or {}).get("absent"):
        return 0.0, "missing"
    return float(entry.get("total", 0)), str(entry.get("status", ""))


def lms_score(course: Course, g: Graded, s: Student, excused: str) -> str:
    """A student's cell in an LMS file: the points; a student with no submission blank (what both
    Canvas and Moodle read as no grade; 0 with ``missing: zero``); an excused one ``excused``."""
    got, status = points(g, s)
    if status == EXCUSED:
        return excused
    if absent(g, s):  # not status "missing", which a submission without its files also has
        return "0" if course.missing == "zero" else ""
    return _num(got)


def absent(g: Graded, s: Student) -> bool:
    """Whether the student handed nothing in for the assignment."""
    entry = g.rows.get(s.id)
    return entry is None or bool((entry.get("roster") or {}).get("absent"))


def canvas_title(g: Graded) -> str:
    """An assignment's Canvas column: ``<title> (<canvas_id>)``; without an id, the title with a
    trailing ``(<digits>)`` written ``[<digits>]``, which Canvas would take for an assignment's id."""
    if g.canvas_id:
        return f"{g.title} ({g.canvas_id})"
    return CANVAS_ID_IN_TITLE.sub(lambda m: f" [{m.group(1)}]", g.title)


def check_canvas(course: Course, graded: list[Graded]) -> None:
    """Refuse, in one line naming the roster rows (or the course file's assignments), what
    Canvas's importer would put on the wrong student or assignment."""
    for s in course.students:
        if s.canvas_id or s.sis_user_id or s.sis_login_id:
            continue
        if not s.name:
            raise ConfigError(f"canvas.csv: {s.label()} has no canvas_id, sis_user_id, sis_login_id or name: "
                              "Canvas could not find the student; give one")
        twins = [t for t in course.students if t is not s and t.name.strip().casefold() == s.name.strip().casefold()]
        if twins:
            raise ConfigError(f"canvas.csv: {s.label()} has no canvas_id, sis_user_id or sis_login_id, and "
                              f"{twins[0].label()} has the same name: Canvas would put both rows on one "
                              f"student; give {s.id} a canvas_id")
    columns: dict[str, Graded] = {}
    for g in graded:
        key = g.canvas_id or canvas_title(g).casefold()
        if key in columns:
            what = f"canvas_id {g.canvas_id}" if g.canvas_id else f"the title {g.title!r} and no canvas_id"
            raise ConfigError(f"canvas.csv: {course.file.name}: assignments {columns[key].name} and {g.name} both "
                              f"have {what}: Canvas would put both columns in one assignment; give each its canvas_id")
        columns[key] = g


def canvas_csv(course: Course, graded: list[Graded]) -> str:
    check_canvas(course, graded)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *(_cell(canvas_title(g)) for g in graded)])
    w.writerow(["Points Possible", "", "", "", "", *(_num(g.max_points) for g in graded)])
    for s in course.students:
        w.writerow([_cell(s.name), s.canvas_id, s.sis_user_id, s.sis_login_id, _cell(s.section),
                    *(lms_score(course, g, s, "EX") for g in graded)])
    return buf.getvalue()


def moodle_csv(course: Course, graded: list[Graded], identifier: str | None = None) -> str:
    identifier = identifier or course.moodle_id
    if identifier not in MOODLE_IDS:
        raise ConfigError(f"--moodle-id: expected one of {', '.join(MOODLE_IDS)}, got {identifier!r}")
    check_moodle_ids(course.students, identifier, f"moodle.csv: {course.file.name}")
    seen: dict[str, Student] = {}
    for s in course.students:  # Moodle reads email and username in any case
        key = s.moodle(identifier).casefold() if identifier != "idnumber" else s.moodle(identifier)
        if key in seen:
            raise ConfigError(f"moodle.csv: {seen[key].label()} and {s.label()} have one {identifier} "
                              f"{s.moodle(identifier)!r}: Moodle would refuse the import")
        seen[key] = s
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([MOODLE_IDS[identifier], *(_cell(g.title) for g in graded)])
    for s in course.students:
        w.writerow([s.moodle(identifier), *(lms_score(course, g, s, "") for g in graded)])
    return buf.getvalue()


def plain_csv(course: Course, graded: list[Graded]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "name", "email", "section", "assignment", "points", "max", "status", "submission",
                "submitted_at", "late_penalty", "overrides"])
    for s in course.students:
        for g in graded:
            got, status = points(g, s)
            entry = g.rows.get(s.id) or {}
            absent = (entry.get("roster") or {}).get("absent") or not entry
            late = entry.get("late") or {}
            changes = [a["points"] for a in entry.get("adjustments") or [] if a.get("kind") == "override"]
            w.writerow([_cell(s.id), _cell(s.name), s.email, _cell(s.section), g.name, _num(got), _num(g.max_points),
                        status, "" if absent else _cell(entry.get("student", "")), late.get("submitted_at") or "",
                        _num(late["penalty"]) if late.get("penalty") else "",
                        _num(sum(changes)) if changes else ""])
    return buf.getvalue()


def weighted_percent(course: Course, graded: list[Graded], s: Student) -> float:
    """The course total of a student, in percent, under the assignments' weights (an assignment
    the student is excused from is left out)."""
    counted = [g for g in graded if g.max_points > 0 and points(g, s)[1] != EXCUSED]
    weight = sum(g.weight for g in counted)
    if weight == 0:
        return 0.0
    return round(100 * sum(g.weight * points(g, s)[0] / g.max_points for g in counted) / weight, 2)


def sheet_rows(course: Course, graded: list[Graded]) -> tuple[list[str], list[list[str]]]:
    headers = ["id", "name", "section", *(g.name for g in graded), "total %"]
    rows = [[_cell(s.id), _cell(s.name), _cell(s.section), *(_sheet_cell(points(g, s)) for g in graded),
             f"{weighted_percent(course, graded, s):.2f}"] for s in course.students]
    return headers, rows


def sheet_csv(course: Course, graded: list[Graded]) -> str:
    headers, rows = sheet_rows(course, graded)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(headers)
    w.writerow(["max", "", "", *(_num(g.max_points) for g in graded), "100"])
    w.writerow(["weight", "", "", *(_num(g.weight) for g in graded), ""])
    w.writerows(rows)
    return buf.getvalue()


def sheet_md(course: Course, graded: list[Graded]) -> str:
    headers, rows = sheet_rows(course, graded)
    weights = ", ".join(f"{g.name} {_num(g.weight)} (of {_num(g.max_points)} points)" for g in graded)
    return (f"# {course.title}: course sheet\n\n{len(course.students)} students. Total: the weighted mean of "
            f"the assignments' percentages; weights: {weights}.\n\n"
            + tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True) + "\n")


def unmatched_csv(graded: list[Graded]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["assignment", "submission", "total", "status", "note"])
    for g in graded:
        for e in g.unmatched:
            notes = e.get("notes") or []
            w.writerow([g.name, _cell(e.get("student", "")), _num(float(e.get("total", 0))), e.get("status", ""),
                        next((n for n in notes if n.startswith("another submission of ")),
                             "no rostered student has this name")])
    return buf.getvalue()


# kind -> (its file, what writes it)
KINDS = {"canvas": ("canvas.csv", lambda course, graded, moodle_id: canvas_csv(course, graded)),
         "moodle": ("moodle.csv", moodle_csv),
         "csv": ("grades.csv", lambda course, graded, moodle_id: plain_csv(course, graded)),
         "sheet": ("sheet.csv", lambda course, graded, moodle_id: sheet_csv(course, graded))}


def write_all(course: Course, grades: Path, out: Path, *, moodle_id: str | None = None,
              names: list[str] | None = None) -> tuple[list[Path], list[str]]:
    """Write every export (``FILES``) into ``out``; return the files and the notes to print. Every
    export is made (and checked) before any file is written; one that is refused is not written,
    and its one-line reason is among the notes."""
    graded, notes = collect(course, grades, names)
    out = Path(out)
    texts = {"sheet.md": sheet_md(course, graded), "unmatched.csv": unmatched_csv(graded)}
    for file, make in KINDS.values():
        try:
            texts[file] = make(course, graded, moodle_id)
        except ConfigError as e:  # a roster Canvas or Moodle cannot match: the others are still written
            notes.append(f"{file} not written: {e}")
            (out / file).unlink(missing_ok=True)  # an earlier run's would say what this one refused
    out.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (out / name).write_text(text, encoding="utf-8")
    stray = sum(len(g.unmatched) for g in graded)
    if stray:
        notes.append(f"{stray} submission(s) belong to nobody on the roster and are in no export: "
                     f"{out / 'unmatched.csv'}")
    return [out / n for n in FILES if n in texts], notes


def export(kind: str, course: Course, grades: Path, out: Path | None, *, moodle_id: str | None = None,
           names: list[str] | None = None) -> tuple[Path, list[str]]:
    """One export (``KINDS``: ``canvas``, ``moodle``, ``csv`` or ``sheet``) written to ``out`` (default
    ``<grades>/course/<its file>``); return its path and the notes to print."""
    graded, notes = collect(course, grades, names)
    file, make = KINDS[kind]
    path = Path(out) if out else Path(grades) / "course" / file
    text = make(course, graded, moodle_id)  # a refusal leaves nothing written
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path, notes


def _sheet_cell(p: tuple[float, str]) -> str:
    got, status = p
    if status == EXCUSED:
        return "EX (excused)"
    return _num(got) + (f" ({status})" if status not in ("ok", "") else "")


def _cell(text) -> str:
    """A text cell as a spreadsheet reads it back as text (``text.csv_cell``). For names, titles,
    sections and submissions' names; never for points, nor for the ids an LMS matches verbatim
    (canvas_id is digits; SIS ids, logins and emails come from the SIS)."""
    return csv_cell("" if text is None else str(text))


def _num(x: float) -> str:
    """Points as text, rounded by ``classroom.round_points`` (the one rounding of every export)."""
    return str(round_points(x))
