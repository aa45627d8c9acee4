"""A run's results under a course (``grader.course``): who each submission is, how late, what
the overrides and the late penalty change.

``apply`` turns the results of one assignment into the course's rows:
- each submission is matched to its rostered students (``Matcher``): by its name; in
  Gradescope's bulk export (``submission_<id>/`` folders and one ``submission_metadata.yml``),
  by its submitters' ``gradescope_sid`` or email, every submitter of a group getting the row;
  with ``trust_submission_metadata``, by the emails of its own ``submission_metadata.json``;
  in GitHub Classroom's collection (``<prefix><username>``), by the GitHub user name after
  the assignment's prefix. One that matches nobody keeps its row, listed for the instructor
  (``roster`` empty); of two submissions of one student the later counts (the first by name
  when their times are unknown), the other is listed;
- every rostered student with no submission gets a row: 0 points, status ``missing``;
- overrides add or take points from a test or a group, with their comment; an override of a
  student with no submission is not applied (a note on the row says so), except an excusal,
  which marks any row ``roster["excused"]`` (the exports write it as excused);
- then the late penalty: a share of the assignment's points (``LatePolicy``), after the
  overrides, never taking the total below 0.

It is the same whatever the results held before: what an earlier ``apply`` added (a
``--student`` regrade merges such rows) is stripped first.
"""
from __future__ import annotations

import difflib
import json
import os
import re
import zipfile
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import yaml

from .. import statuses
from ..assignment import Assignment, ConfigError
from .course import Course, Student, parse_time, read_csv
from ..report.words import late_words
from ..report.report import _num
from ..results import StudentResult

METADATA = "submission_metadata.json"  # Gradescope's, in a submission's top folder
BULK_METADATA = "submission_metadata.yml"  # Gradescope's bulk export: at its root, beside submission_<id>/
MAX_BULK_METADATA = 50 * 2**20


def apply(course: Course, assignment: Assignment, results: list[StudentResult], folder: Path) -> list[StudentResult]:
    """The course's rows of ``assignment`` from a run's ``results`` over the submissions in ``folder``."""
    results = [_raw(r) for r in results if not r.roster.get("absent")]
    matcher = Matcher(course, assignment.name, folder, [r.student for r in results])
    times = submission_times(course, assignment.name, folder, [r.student for r in results], matcher)
    claimed: dict[str, list[StudentResult]] = {}
    unmatched = []
    for r in results:
        students = matcher.students(r.student)
        if not students:
            unmatched.append(r)
        group = [f"a group submission of {', '.join(s.id for s in students)}"] if len(students) > 1 else []
        for s in students:
            claimed.setdefault(s.id, []).append(replace(r, roster=s.record(), notes=[*r.notes, *group],
                                                        adjustments=list(r.adjustments)))
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


def no_test(name: str, test: str, tests) -> str:
    """Why ``test`` is no test of assignment ``name`` (whose tests are ``tests``), with the nearest name."""
    near = difflib.get_close_matches(test, list(tests), n=1)
    if near:
        return f"{name} has no test {test!r}; did you mean {near[0]!r}?"
    shown = ", ".join(sorted(tests)[:6]) + (" ..." if len(tests) > 6 else "")
    return f"{name} has no test {test!r} (its tests: {shown or 'none ran'})"


def _raw(r: StudentResult) -> StudentResult:
    return replace(r, roster={}, late={}, adjustments=[],
                   notes=[n for n in r.notes if not n.startswith(_COURSE_NOTES)])


_COURSE_NOTES = ("another submission of ", "a group submission of ", "excused by the course staff: ",
                 "not applied: ")


class Matcher:
    """Who each submission of one assignment's folder belongs to (``students``), by the rules of
    ``apply``'s docstring, in that order. Gradescope's ``submission_metadata.yml`` sits at the
    export's root, outside every student's files, so it is believed without
    ``trust_submission_metadata``."""

    def __init__(self, course: Course, assignment: str, folder: Path, names: list[str]):
        self.course, self.folder = course, Path(folder)
        self.bulk = bulk_export(self.folder)
        ca = course.assignments.get(assignment)
        self.prefix = (ca.classroom_prefix if ca else "") or classroom_prefix(
            course, [n for n in names if course.student(n) is None and n not in self.bulk])

    def students(self, name: str) -> list[Student]:
        """The rostered students the submission ``name`` belongs to: [] for nobody; several for a group."""
        s = self.course.student(name)
        if s is not None:
            return [s]
        if name in self.bulk:
            return submitters(self.course, self.bulk[name], f"{self.folder / BULK_METADATA}: {name}")
        if self.course.trust_submission_metadata:
            s = next(filter(None, map(self.course.student, _emails(self.folder, name))), None)
            if s is not None:
                return [s]
        if self.prefix and name.casefold().startswith(self.prefix.casefold()):
            s = self.course.by_github(name[len(self.prefix):])
            if s is not None:
                return [s]
        return []


def worksheet_identities(course: Course, assignment: str, folder: Path, sources: list) -> None:
    """Set each submission's ``identity`` (``StudentSource``) to its student's roster id, from
    which the worksheet's numbers are drawn whichever name the sheet arrives under (the first
    submitter's, for a group); a submission of nobody on the roster keeps its own name."""
    matcher = Matcher(course, assignment, folder, [s.name for s in sources])
    for source in sources:
        students = matcher.students(source.name)
        if students:
            source.identity = students[0].id


def submitters(course: Course, entry: dict, where: str) -> list[Student]:
    """The rostered students among a bulk export entry's ``submitters``: each by its
    ``gradescope_sid``, else its email; ConfigError when the two name different students."""
    found = []
    for person in entry.get("submitters") or []:
        if not isinstance(person, dict):
            continue
        by_sid, by_email = course.by_sid(str(person.get("sid") or "")), course.by_email(str(person.get("email") or ""))
        if by_sid and by_email and by_sid.id != by_email.id:
            raise ConfigError(f"{where}: the submitter with sid {person.get('sid')!r} is {by_sid.label()} on the roster "
                              f"but their email {person.get('email')!r} is {by_email.label()}'s")
        s = by_sid or by_email
        if s is not None and s not in found:
            found.append(s)
    return found


def classroom_prefix(course: Course, names: list[str]) -> str:
    """The assignment prefix of GitHub Classroom's repositories ``<prefix><username>`` among
    ``names``: the text up to a ``-`` after which at least two names hold a rostered GitHub user
    name, the most common such (none on a tie, or with fewer than two)."""
    counts: dict[str, int] = {}
    for name in names:
        for m in re.finditer("-", name):
            if course.by_github(name[m.end():]) is not None:
                counts[name[:m.end()]] = counts.get(name[:m.end()], 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return ""
    return ranked[0][0]


def bulk_export(folder: Path) -> dict:
    """Gradescope's bulk export metadata in ``folder``: ``{submission folder: {"submitters": [{"name",
    "sid", "email"}], "created_at": text, ...}}``, {} when there is none. It is YAML written by Ruby:
    keys are symbols (``:submitters``, read without the colon) and values may carry Ruby's object
    tags (read as the plain mapping, list or text they tag). It is read as data only: no tag makes
    an object, and anchors (``&a``, ``*a``) are refused."""
    file = Path(folder) / BULK_METADATA
    if not file.is_file():
        return {}
    try:
        if file.stat().st_size > MAX_BULK_METADATA:
            raise ConfigError(f"{file}: larger than {MAX_BULK_METADATA // 2**20} MB; is this Gradescope's export?")
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=_RubyYaml)  # noqa: S506 - a SafeLoader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise ConfigError(f"{file}: cannot be read as Gradescope's export metadata: {' '.join(str(e).split())}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{file}: expected a mapping of submission folders (submission_<id>: ...), "
                          f"got {type(data).__name__}")
    return {str(k): _symbols(v) for k, v in data.items() if isinstance(v, dict)}


class _RubyYaml(yaml.SafeLoader):
    """A SafeLoader that reads Ruby's tags as plain data, times as text, and refuses aliases."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError(f"an alias (*name) at {self.peek_event().start_mark}: Gradescope's export has none")
        return super().compose_node(parent, index)


def _plain(loader, suffix, node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)


_RubyYaml.add_multi_constructor("!", _plain)
_RubyYaml.add_multi_constructor("tag:yaml.org,2002:ruby", _plain)
_RubyYaml.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def _symbols(value):
    """``value`` with Ruby's symbol keys (``:sid``) read as plain ones (``sid``)."""
    if isinstance(value, dict):
        return {str(k).removeprefix(":"): _symbols(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_symbols(v) for v in value]
    return value


def ruby_time(text: str, tz, where: str) -> datetime:
    """A time as Ruby's YAML writes it (``2020-02-27 06:58:05.746365000 Z``), as ``parse_time`` reads it."""
    m = re.fullmatch(r"\s*(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.(\d+))?\s*(Z|[+-]\d\d:?\d\d)?\s*", str(text))
    if not m:
        return parse_time(text, tz, where)
    date, clock, fraction, zone = m.groups()
    zone = "+00:00" if zone == "Z" else (zone or "")
    return parse_time(f"{date}T{clock}{'.' + fraction[:6] if fraction else ''}{zone}", tz, where)


def _stamp(t) -> float:
    return t[0].timestamp() if t else float("-inf")


def _overrides(course: Course, assignment: Assignment, rows: list[StudentResult]) -> None:
    """Apply the overrides of ``assignment`` to ``rows`` (in place). The policy for a student with no
    submission: an excusal applies; points are not given (nothing was graded), and a note on the
    row names the override left out."""
    by_id = {r.roster["id"]: r for r in rows}
    tests = {t.name for r in rows for t in r.tests}
    for o in course.overrides_of(assignment.name):
        r = by_id[o.student]
        if o.excused:
            r.roster["excused"] = o.comment
            r.notes.append(f"excused by the course staff: {o.comment}")
            continue
        entry = {"kind": "override", "points": o.points, "comment": o.comment, "group": o.group, "test": o.test}
        if o.test and o.test not in tests:
            raise ConfigError(f"{o.where}: test: {no_test(assignment.name, o.test, tests)}")
        if r.roster.get("absent"):
            r.notes.append(f"not applied: {o.where} ({o.points:+g} points), since {o.student} submitted nothing")
            continue
        if o.test:
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


def submission_times(course: Course, name: str, folder: Path, students: list[str], matcher: Matcher | None = None) -> dict:
    """``{submission name: (time, source)}``: from the course's ``submitted_at`` CSV (by the submission's
    name or any name of its students), else Gradescope's bulk export (``:created_at``), else (only with
    ``trust_submission_metadata``) the submission's own ``created_at``, else (only with
    ``trust_file_times``) the newest time of the submission's files."""
    folder = Path(folder)
    matcher = matcher or Matcher(course, name, folder, students)
    table = _times_csv(course, course.assignments[name].submitted_at) if name in course.assignments else {}
    found = {}
    for student in students:
        keys = [student.casefold(), *(k for s in matcher.students(student) for k in s.keys())]
        hit = next((table[k] for k in keys if k in table), None)
        if hit is not None:
            found[student] = (hit, "submitted_at")
            continue
        bulk = matcher.bulk.get(student) or {}
        meta = _metadata(folder, student) if course.trust_submission_metadata and not bulk else {}
        if bulk.get("created_at"):
            found[student] = (ruby_time(bulk["created_at"], course.timezone,
                                        f"{folder / BULK_METADATA}: {student}: created_at"), "gradescope")
        elif meta.get("created_at"):
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
        from ..discover.submissions import check_tree
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
