"""A run's results under a course (``grader.course``): who each submission is, how late, what
the overrides and the late penalty change.

``apply`` turns the results of one assignment into the course's rows:
- each submission is matched to its rostered student by its name (or, with
  ``trust_submission_metadata``, the emails of its ``submission_metadata.json``); one that matches nobody keeps
  its row, listed for the instructor (``roster`` empty); of two submissions of one student
  the later counts (the first by name when their times are unknown), the other is listed;
- every rostered student with no submission gets a row: 0 points, status ``missing``;
- overrides add or take points from a test or a group, with their comment;
- then the late penalty: a share of the assignment's points (``LatePolicy``), after the
  overrides, never taking the total below 0.

It is the same whatever the results held before: what an earlier ``apply`` added (a
``--student`` regrade merges such rows) is stripped first.
"""
from __future__ import annotations

import json
import os
import zipfile
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from . import statuses
from .assignment import Assignment, ConfigError
from .course import Course, late_words, parse_time, read_csv
from .report import _num
from .results import StudentResult

METADATA = "submission_metadata.json"  # Gradescope's, in a submission's top folder


def apply(course: Course, assignment: Assignment, results: list[StudentResult], folder: Path) -> list[StudentResult]:
    """The course's rows of ``assignment`` from a run's ``results`` over the submissions in ``folder``."""
    results = [_raw(r) for r in results if not r.roster.get("absent")]
    times = submission_times(course, assignment.name, folder, [r.student for r in results])
    claimed: dict[str, list[StudentResult]] = {}
    unmatched = []
    for r in results:
        emails = _emails(folder, r.student) if course.trust_submission_metadata else []
        s = course.student(r.student) or next(filter(None, map(course.student, emails)), None)
        if s is None:
            unmatched.append(r)
        else:
            claimed.setdefault(s.id, []).append(replace(r, roster=s.record()))
    rows = []
    for s in course.students:
        mine = claimed.get(s.id)
        if not mine:
            rows.append(StudentResult(s.id, statuses.MISSING, f"no submission of {s.name or s.id} was found in {folder}",
                                      roster={**s.record(), "absent": True}))
            continue
        mine.sort(key=lambda r: (-_stamp(times.get(r.student)), r.student))  # the latest first
        counted, *others = mine
        rows.append(counted)
        for o in others:
            unmatched.append(replace(o, roster={}, notes=[*o.notes, f"another submission of {s.id} counts: "
                                                                    f"{counted.student}"]))
    _overrides(course, assignment, rows)
    rows = [_late(course, assignment, r, times.get(r.student)) for r in rows]
    return rows + sorted(unmatched, key=lambda r: r.student)


def _raw(r: StudentResult) -> StudentResult:
    return replace(r, roster={}, late={}, adjustments=[],
                   notes=[n for n in r.notes if not n.startswith("another submission of ")])


def _stamp(t) -> float:
    return t[0].timestamp() if t else float("-inf")


def _overrides(course: Course, assignment: Assignment, rows: list[StudentResult]) -> None:
    by_id = {r.roster["id"]: r for r in rows}
    tests = {t.name for r in rows for t in r.tests}
    for o in course.overrides_of(assignment.name):
        r = by_id[o.student]
        entry = {"kind": "override", "points": o.points, "comment": o.comment, "group": o.group, "test": o.test}
        if o.test:
            if o.test not in tests:
                shown = ", ".join(sorted(tests)[:6]) + (" ..." if len(tests) > 6 else "")
                raise ConfigError(f"{o.where}: {assignment.name} has no test {o.test!r} (its tests: {shown or 'none ran'})")
            test = next((t for t in r.tests if t.name == o.test), None)
            if test is None:
                raise ConfigError(f"{o.where}: {o.student} has no graded {o.test!r} to change (status {r.status})")
            given = sum(a["points"] for a in r.adjustments if a.get("test") == o.test)
            after = test.points + given + o.points
            if not -1e-9 <= after <= test.max_points + 1e-9:
                raise ConfigError(f"{o.where}: {o.student}'s {o.test} would have {after:g} of its "
                                  f"{test.max_points:g} points; give extra credit to a group instead")
            entry["group"] = test.group
        r.adjustments.append(entry)


def _late(course: Course, assignment: Assignment, r: StudentResult, time) -> StudentResult:
    if not r.roster or r.roster.get("absent"):
        return r
    due, extension = course.due(r.roster["id"], assignment.name)
    if due is None:
        return r
    late = {"due": due.isoformat(), "extension": extension, "submitted_at": None}
    if time is None:
        return replace(r, late=late, notes=[*r.notes, "no submission time is known, so lateness was not checked"])
    submitted, source = time
    by = submitted - due
    share = course.late.share(by)
    penalty = round(min(share * assignment.max_points, max(0.0, r.total)), 9)
    late.update(submitted_at=submitted.isoformat(), source=source, late_seconds=max(0, round(by.total_seconds())),
                units=course.late.units(by), unit=course.late.per or "", share=share, penalty=penalty)
    notes = list(r.notes)
    if by > timedelta(0):
        when = f"{late_words(by)} after the due date{' of your extension' if extension else ''}"
        if course.late.units(by) == 0:
            notes.append(f"submitted {when}, within the grace period: on time")
        elif penalty or share:
            notes.append(f"submitted {when}: late penalty {_num(penalty)} point{'' if penalty == 1 else 's'} "
                         f"({course.late.describe()})")
        else:
            notes.append(f"submitted {when} (no late penalty)")
    adjustments = list(r.adjustments)
    if penalty:
        adjustments.append({"kind": "late", "points": -penalty, "comment": f"late by {late_words(by)}",
                            "group": "", "test": ""})
    return replace(r, late=late, notes=notes, adjustments=adjustments)


def submission_times(course: Course, name: str, folder: Path, students: list[str]) -> dict:
    """``{submission name: (time, source)}``: from the course's ``submitted_at`` CSV, else (only with
    ``trust_submission_metadata``) Gradescope's ``created_at``, else (only with ``trust_file_times``)
    the newest time of the submission's files."""
    folder = Path(folder)
    table = _times_csv(course, course.assignments[name].submitted_at) if name in course.assignments else {}
    found = {}
    for student in students:
        s = course.student(student)
        keys = [student.casefold(), *(s.keys() if s else [])]
        hit = next((table[k] for k in keys if k in table), None)
        if hit is not None:
            found[student] = (hit, "submitted_at")
            continue
        meta = _metadata(folder, student) if course.trust_submission_metadata else {}
        if meta.get("created_at"):
            found[student] = (parse_time(meta["created_at"], course.timezone,
                                         f"{_entry(folder, student)}/{METADATA}: created_at"), "gradescope")
        elif course.trust_file_times:
            t = _file_time(folder, student, course.timezone)
            if t is not None:
                found[student] = (t, "file times")
    return found


def _times_csv(course: Course, path: Path | None) -> dict:
    if path is None:
        return {}
    rows = read_csv(path, f"{course.file}: submitted_at")
    if rows and not {"student", "submitted_at"} <= set(rows[0]):
        raise ConfigError(f"{path}: expected the columns student and submitted_at, found {', '.join(rows[0])}")
    table, lines = {}, {}
    for i, row in enumerate(rows, 2):
        key = str(row.get("student") or "").strip().casefold()
        if not key:
            continue
        if key in lines:  # which of two times counts is no guess to make: the file says it twice
            raise ConfigError(f"{path}, line {i}: {str(row['student']).strip()!r} is given a time on line "
                              f"{lines[key]} already (names are compared ignoring case)")
        lines[key] = i
        table[key] = parse_time(row["submitted_at"], course.timezone, f"{path}, line {i}: submitted_at")
    return table


def _entry(folder: Path, student: str) -> Path:
    d = folder / student
    return d if d.is_dir() else folder / f"{student}.zip"


def _metadata(folder: Path, student: str) -> dict:
    """The submission's Gradescope metadata, {} when it has none or it cannot be read."""
    entry = _entry(folder, student)
    try:
        if entry.is_dir():
            text = (entry / METADATA).read_text(encoding="utf-8")
        else:
            with zipfile.ZipFile(entry) as z:
                text = z.read(METADATA).decode("utf-8")
        data = json.loads(text)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return {}
    return data if isinstance(data, dict) else {}


def _emails(folder: Path, student: str) -> list[str]:
    users = _metadata(Path(folder), student).get("users") or []
    return [str(u.get("email")) for u in users if isinstance(u, dict) and u.get("email")]


def _file_time(folder: Path, student: str, tz) -> datetime | None:
    """The newest modification time of a submission's files (a zip's: of its members, which
    record no zone: read in the course's)."""
    entry = _entry(folder, student)
    if entry.is_dir():
        from .submissions import check_tree
        if check_tree(entry)[0]:
            return None  # a tree that is not graded has no time worth trusting
        stamps = [os.lstat(os.path.join(d, f)).st_mtime for d, _, files in os.walk(entry) for f in files
                  if not os.path.islink(os.path.join(d, f))]
        return datetime.fromtimestamp(max(stamps), timezone.utc) if stamps else None
    try:
        with zipfile.ZipFile(entry) as z:
            stamps = [datetime(*m.date_time, tzinfo=tz) for m in z.infolist() if not m.is_dir()]
    except (OSError, zipfile.BadZipFile, ValueError):  # ValueError: a member dated month 0, say
        return None
    return max(stamps) if stamps else None
