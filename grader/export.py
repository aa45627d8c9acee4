"""A course's grades as the files an LMS imports, and the course-wide sheet.

Every export reads the grades ``grade`` wrote (``<grades>/<assignment>/scores.json``) for
the assignments of the course file, and has one row per rostered student, in the roster's
order: a student with no submission (or no row at all) has 0 points and status ``missing``.
Submissions that belong to nobody on the roster are in no export; ``unmatched`` lists them.

- ``canvas_csv``: Canvas's gradebook import: ``Student, ID, SIS User ID, SIS Login ID,
  Section`` and a column ``<title> (<canvas_id>)`` per assignment (the title alone when
  the course file gives no ``canvas_id``: Canvas then makes a new assignment), with the
  ``Points Possible`` row Canvas's own export has under the header;
- ``moodle_csv``: Moodle's grade import: an identifier column (``email``: "Email
  address", ``idnumber``: "ID number", ``username``: "Username") and a column per
  assignment, to be mapped in Moodle's import page;
- ``plain_csv``: one row per student and assignment, with status, lateness and overrides;
- ``sheet_csv`` and ``sheet_md``: one row per student, one column per assignment (points)
  and the course total in percent under the weights: sum of weight x points / max over
  the assignments, divided by the sum of their weights.
Points are written to 4 decimals at most.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from tabulate import tabulate

from . import assignment as assignments
from .assignment import ConfigError
from .course import Course, Student

MOODLE_IDS = {"email": "Email address", "idnumber": "ID number", "username": "Username"}
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
        for entry in students:
            sid = (entry.get("roster") or {}).get("id")
            s = course.student(sid) if sid else course.student(str(entry.get("student", "")))
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
    """A student's points and status in an assignment (0 and ``missing`` with no submission)."""
    entry = g.rows.get(s.id)
    if entry is None:
        return 0.0, "missing"
    return float(entry.get("total", 0)), str(entry.get("status", ""))


def canvas_csv(course: Course, graded: list[Graded]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                *(f"{g.title} ({g.canvas_id})" if g.canvas_id else g.title for g in graded)])
    w.writerow(["Points Possible", "", "", "", "", *(_num(g.max_points) for g in graded)])
    for s in course.students:
        w.writerow([s.name or s.id, s.canvas_id, s.sis_user_id or s.id, s.sis_login_id, s.section,
                    *(_num(points(g, s)[0]) for g in graded)])
    return buf.getvalue()


def moodle_csv(course: Course, graded: list[Graded], identifier: str = "email") -> str:
    if identifier not in MOODLE_IDS:
        raise ConfigError(f"--moodle-id: expected one of {', '.join(MOODLE_IDS)}, got {identifier!r}")
    value = {"email": lambda s: s.email, "idnumber": lambda s: s.sis_user_id or s.id,
             "username": lambda s: s.sis_login_id or s.id}[identifier]
    lacking = [s.id for s in course.students if not value(s)]
    if lacking:
        raise ConfigError(f"{course.file}: the roster gives no {identifier} of {', '.join(lacking[:5])}: "
                          "choose another --moodle-id")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([MOODLE_IDS[identifier], *(g.title for g in graded)])
    for s in course.students:
        w.writerow([value(s), *(_num(points(g, s)[0]) for g in graded)])
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
            w.writerow([s.id, s.name, s.email, s.section, g.name, _num(got), _num(g.max_points), status,
                        "" if absent else entry.get("student", ""), late.get("submitted_at") or "",
                        _num(late["penalty"]) if late.get("penalty") else "",
                        _num(sum(changes)) if changes else ""])
    return buf.getvalue()


def weighted_percent(course: Course, graded: list[Graded], s: Student) -> float:
    """The course total of a student, in percent, under the assignments' weights."""
    weight = sum(g.weight for g in graded if g.max_points > 0)
    if weight == 0:
        return 0.0
    return round(100 * sum(g.weight * points(g, s)[0] / g.max_points for g in graded if g.max_points > 0) / weight, 2)


def sheet_rows(course: Course, graded: list[Graded]) -> tuple[list[str], list[list[str]]]:
    headers = ["id", "name", "section", *(g.name for g in graded), "total %"]
    rows = [[s.id, s.name, s.section, *(_cell(points(g, s)) for g in graded),
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
            w.writerow([g.name, e.get("student", ""), _num(float(e.get("total", 0))), e.get("status", ""),
                        next((n for n in notes if n.startswith("another submission of ")),
                             "no rostered student has this name")])
    return buf.getvalue()


# kind -> (its file, what writes it)
KINDS = {"canvas": ("canvas.csv", lambda course, graded, moodle_id: canvas_csv(course, graded)),
         "moodle": ("moodle.csv", moodle_csv),
         "csv": ("grades.csv", lambda course, graded, moodle_id: plain_csv(course, graded)),
         "sheet": ("sheet.csv", lambda course, graded, moodle_id: sheet_csv(course, graded))}


def write_all(course: Course, grades: Path, out: Path, *, moodle_id: str = "email",
              names: list[str] | None = None) -> tuple[list[Path], list[str]]:
    """Write every export (``FILES``) into ``out``; return the files and the notes to print."""
    graded, notes = collect(course, grades, names)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    texts = {"sheet.md": sheet_md(course, graded), "unmatched.csv": unmatched_csv(graded)}
    for file, make in KINDS.values():
        try:
            texts[file] = make(course, graded, moodle_id)
        except ConfigError as e:  # a roster without the Moodle identifier: the others are still written
            notes.append(f"{file} not written: {e}")
    for name, text in texts.items():
        (out / name).write_text(text, encoding="utf-8")
    stray = sum(len(g.unmatched) for g in graded)
    if stray:
        notes.append(f"{stray} submission(s) belong to nobody on the roster and are in no export: "
                     f"{out / 'unmatched.csv'}")
    return [out / n for n in FILES if n in texts], notes


def export(kind: str, course: Course, grades: Path, out: Path | None, *, moodle_id: str = "email",
           names: list[str] | None = None) -> tuple[Path, list[str]]:
    """One export (``KINDS``: ``canvas``, ``moodle``, ``csv`` or ``sheet``) written to ``out`` (default
    ``<grades>/course/<its file>``); return its path and the notes to print."""
    graded, notes = collect(course, grades, names)
    file, make = KINDS[kind]
    path = Path(out) if out else Path(grades) / "course" / file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(make(course, graded, moodle_id), encoding="utf-8")
    return path, notes


def _cell(p: tuple[float, str]) -> str:
    got, status = p
    return _num(got) + (f" ({status})" if status not in ("ok", "") else "")


def _num(x: float) -> str:
    x = round(float(x), 4)
    return f"{x:.4f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))
