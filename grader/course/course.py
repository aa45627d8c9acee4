"""A course: ``course.yaml``, its roster, due dates, extensions, late policy and overrides.

``load`` reads and checks the whole file (every problem is a ``ConfigError`` of one
line naming the file and the entry); ``grader.course_grades.apply`` uses it on a run's
results. The format (docs/course.md documents every key; only ``roster`` is needed)::

    course: Neural networks, fall 2026     # a title, for the course sheet
    timezone: America/New_York             # of every time written without an offset (default UTC)
    roster: roster.csv                     # or a list of students; paths are from this file's folder
    late_policy: {per: day, penalty: 0.1, cap: 0.5, grace: 15 minutes}   # or: none
    trust_file_times: false                # the files' own times as submission times (default: no)
    trust_submission_metadata: false       # each submission's submission_metadata.json (default: no)
    missing: blank                         # a student with no submission in the LMS files: blank (no grade) or zero
    moodle_id: email                       # moodle.csv's identifier: email, idnumber or username (default email)
    overrides: overrides.yaml
    assignments:
      hw2_compgraph:
        due: 2026-10-02 23:59
        weight: 1                          # in the course sheet's total (default 1)
        canvas_id: 1001                    # Canvas's number of the assignment (digits), for its column
        title: Computational graphs        # the LMS column's title (default: the assignment's own)
        submissions: submissions/hw2_compgraph
        classroom_prefix: hw2-compgraph-   # GitHub Classroom's repositories <prefix><username> (default: detected)
        submitted_at: times.csv            # columns student, submitted_at
    extensions:
      - {student: s03, assignment: hw2_compgraph, due: 2026-10-05 23:59}   # or days: 3

The roster (a CSV, or the same keys in YAML) has a column ``id`` and any of ``name``,
``email``, ``section``, ``sis_user_id``, ``sis_login_id``, ``canvas_id``, ``github``,
``gradescope_sid``, ``moodle_username``, ``moodle_idnumber`` and ``aliases`` (names
separated by ``;``). ``id`` is the student's one stable name: worksheets draw their numbers
from it, and every export's row is the student it names. A submission belongs to the
student whose id, email, SIS login, GitHub user name or alias is its name, in any case (and,
in Gradescope's bulk export, whose ``gradescope_sid`` or email is a submitter's; in GitHub
Classroom's, whose GitHub user name follows the assignment's prefix). No two students share
a name, a ``canvas_id``, a ``sis_user_id``, a ``gradescope_sid`` or a Moodle identifier;
a ``canvas_id`` is digits.
"""
from __future__ import annotations

import csv
import math
import re
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path

import yaml

from ..assignment import ConfigError
from .model import (_ASSIGNMENT_KEYS, _EXTENSION_KEYS, _OVERRIDE_KEYS, _POLICY_KEYS, _TOP_KEYS, MISSING, MOODLE_IDS,
                    ROSTER_COLUMNS, UNIQUE_IDS, UNITS, Course, CourseAssignment, LatePolicy, Override, Student)

def load(path: Path) -> Course:
    """Read and check ``course.yaml`` and the files it names."""
    path = Path(path)
    data = _yaml(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of course settings, got {type(data).__name__}")
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_TOP_KEYS))})")
    tz = _timezone(data.get("timezone", "UTC"), f"{path}: timezone")
    base = path.parent
    if "roster" not in data:
        raise ConfigError(f"{path}: no roster (a CSV file, or a list of students with an id each)")
    students = _roster(data["roster"], base, path)
    keys = _keys(students, path)
    _unique_ids(students)
    missing = _choice(data.get("missing", "blank"), MISSING, f"{path}: missing")
    moodle_id = _choice(data.get("moodle_id", "email"), MOODLE_IDS, f"{path}: moodle_id")
    if "moodle_id" in data:
        check_moodle_ids(students, moodle_id, f"{path}: moodle_id")
    late = _policy(data.get("late_policy"), f"{path}: late_policy")
    assignments = {}
    for name, entry in (data.get("assignments") or {}).items():
        assignments[str(name)] = _assignment(str(name), entry or {}, base, tz, f"{path}: assignments.{name}")
    extensions = {}
    for i, e in enumerate(data.get("extensions") or [], 1):
        where = f"{path}: extensions, entry {i}"
        sid, a = _member(e, where, keys, assignments)
        unknown = sorted(set(e) - _EXTENSION_KEYS)
        if unknown:
            raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_EXTENSION_KEYS))})")
        if "due" in e and "days" in e:
            raise ConfigError(f"{where}: give due or days, not both")
        if "due" in e:
            due = parse_time(e["due"], tz, f"{where}: due")
        elif "days" in e:
            base_due = assignments[a].due
            if base_due is None:
                raise ConfigError(f"{where}: days of extension, but {a} has no due date")
            due = base_due + timedelta(days=_number(e["days"], f"{where}: days"))
        else:
            raise ConfigError(f"{where}: needs due (a time) or days (added to the due date)")
        if (sid, a) in extensions:
            raise ConfigError(f"{where}: a second extension of {sid} for {a}")
        extensions[(sid, a)] = due
    trust = {key: data.get(key, False) for key in ("trust_file_times", "trust_submission_metadata")}
    for key, value in trust.items():
        if not isinstance(value, bool):
            raise ConfigError(f"{path}: {key}: expected true or false, got {value!r}")
    overrides_file = base / str(data["overrides"]) if data.get("overrides") else None
    course = Course(file=path, title=str(data.get("course") or path.parent.name), timezone=tz,
                    students=tuple(students), assignments=assignments, late=late, extensions=extensions,
                    overrides=(), overrides_file=overrides_file, missing=missing, moodle_id=moodle_id, _keys=keys,
                    **trust)
    if overrides_file is not None:
        course.overrides = tuple(load_overrides(overrides_file, course))
    return course


def grades_folder(course: Course) -> Path:
    """Where ``grade --course`` writes by default: ``grades/<the course file's folder name>/``."""
    from .. import paths
    return paths.GRADES / course.file.resolve().parent.name


def load_overrides(path: Path, course: Course) -> list[Override]:
    """The overrides in ``path``, each naming a rostered student, a course assignment, and a test
    or a group of it (checked against the assignment's rubric; test names when grading)."""
    from .. import assignment as assignments
    data = _yaml(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise ConfigError(f"{path}: expected a list of overrides (student, assignment, test or group, points, "
                          f"comment), got {type(data).__name__}")
    found = []
    for i, e in enumerate(data, 1):
        where = f"{path}, entry {i}"
        sid, a = _member(e, where, course._keys, course.assignments)
        unknown = sorted(set(e) - _OVERRIDE_KEYS)
        if unknown:
            raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_OVERRIDE_KEYS))})")
        comment = str(e.get("comment") or "").strip()
        if e.get("excused") is not None:
            if e["excused"] is not True or {"test", "group", "points"} & set(e):
                raise ConfigError(f"{where}: excused: true stands alone (no test, group or points): the "
                                  f"assignment counts in none of the student's totals")
            if not comment:
                raise ConfigError(f"{where}: no comment (the student reads why they are excused)")
            found.append(Override(student=sid, assignment=a, points=0.0, comment=comment, where=where, excused=True))
            continue
        if bool(e.get("test")) == bool(e.get("group")):
            raise ConfigError(f"{where}: name either a test or a group of {a}")
        if "points" not in e:
            raise ConfigError(f"{where}: no points (added; negative to remove)")
        points = e["points"]
        if isinstance(points, bool) or not isinstance(points, (int, float)) or not math.isfinite(points):
            raise ConfigError(f"{where}: points: expected a number, got {points!r}")
        if not comment:
            raise ConfigError(f"{where}: no comment (the student reads why their points changed)")
        group = str(e.get("group") or "")
        if group:
            rubric = assignments.load(a).groups
            if group not in {g.name for g in rubric}:
                raise ConfigError(f"{where}: {a} has no group {group!r} (its groups: "
                                  f"{', '.join(g.name for g in rubric)})")
        found.append(Override(student=sid, assignment=a, points=float(points), comment=comment,
                              test=str(e.get("test") or ""), group=group, where=where))
    return found


def _member(e, where: str, keys: dict, assignments: dict) -> tuple[str, str]:
    """The (student id, assignment) an extension or override names, both checked."""
    if not isinstance(e, dict):
        raise ConfigError(f"{where}: expected a mapping with student and assignment, got {e!r}")
    name = str(e.get("student") or "")
    student = keys.get(name.casefold())
    if student is None:
        raise ConfigError(f"{where}: no student {name!r} on the roster")
    a = str(e.get("assignment") or "")
    if a not in assignments:
        raise ConfigError(f"{where}: no assignment {a!r} in the course (its assignments: "
                          f"{', '.join(assignments) or 'none'})")
    return student.id, a


def _yaml(path: Path):
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise ConfigError(f"{path}: cannot be read: {' '.join(str(e).split())}") from None


def _roster(value, base: Path, course_file: Path) -> list[Student]:
    if isinstance(value, str):
        file = base / value
        if file.suffix.lower() in (".yaml", ".yml"):
            rows, where = _yaml(file), str(file)
        else:
            rows, where = read_csv(file, f"{course_file}: roster"), str(file)
        row_name = (lambda i: f"{file.name}, line {i + 1}") if file.suffix.lower() not in (".yaml", ".yml") \
            else (lambda i: f"{file.name}, student {i}")  # a CSV's row i is its line i + 1, under the header
    else:
        rows, where = value, f"{course_file}: roster"
        row_name = lambda i: f"{course_file.name}: roster, student {i}"  # noqa: E731
    if not isinstance(rows, list) or not rows:
        raise ConfigError(f"{where}: expected a list of students (an id each), found none")
    students = []
    for i, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise ConfigError(f"{where}: student {i}: expected a mapping, got {row!r}")
        row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
        unknown = sorted(set(row) - set(ROSTER_COLUMNS))
        if unknown:
            raise ConfigError(f"{where}: unknown column {unknown[0]!r} (known: {', '.join(ROSTER_COLUMNS)})")
        sid = str(row.get("id") or "").strip()
        if not sid:
            raise ConfigError(f"{where}: student {i} has no id")
        aliases = row.get("aliases") or ()
        if isinstance(aliases, str):
            aliases = [a for a in re.split(r"[;,\s]+", aliases) if a]
        student = Student(id=sid, aliases=tuple(str(a).strip() for a in aliases), where=row_name(i),
                          **{k: str(row.get(k) or "").strip() for k in ROSTER_COLUMNS[1:-1]})
        if student.canvas_id and not student.canvas_id.isdigit():
            raise ConfigError(f"{where}: {student.label()}: canvas_id {student.canvas_id!r} is not Canvas's user id "
                              "(digits only: the number in the user's page address)")
        students.append(student)
    return students


def check_moodle_ids(students, identifier: str, where: str) -> None:
    """Refuse a roster on which a student has no value of Moodle's ``identifier``: Moodle would
    find no user for that row and refuse the whole import."""
    lacking = [s for s in students if not s.moodle(identifier)]
    if lacking:
        column = {"email": "email", "idnumber": "moodle_idnumber or sis_user_id",
                  "username": "moodle_username or sis_login_id"}[identifier]
        more = f" and {len(lacking) - 3} more" if len(lacking) > 3 else ""
        raise ConfigError(f"{where}: Moodle matches on {identifier}, and the roster has no {column} for "
                          f"{'; '.join(s.label() for s in lacking[:3])}{more}")


def _unique_ids(students: list[Student]) -> None:
    """Refuse two students with one platform id (``UNIQUE_IDS``; user names and emails in any case)."""
    for column in UNIQUE_IDS:
        seen: dict[str, Student] = {}
        for s in students:
            value = getattr(s, column)
            key = value.casefold() if column == "moodle_username" else value
            if value and key in seen:
                raise ConfigError(f"{s.where.split(',')[0]}: {seen[key].label()} and {s.label()} share the "
                                  f"{column} {value!r}: on that platform it names one person")
            seen.setdefault(key, s)


def _choice(value, choices: tuple, where: str) -> str:
    text = str(value).strip().lower()
    if text not in choices:
        raise ConfigError(f"{where}: expected {' or '.join(choices)}, got {value!r}")
    return text


def read_csv(file: Path, named_by: str) -> list[dict]:
    """The rows of a CSV file the course file names (``named_by``: where, for the error)."""
    try:
        with open(file, newline="", encoding="utf-8-sig") as f:
            return list(csv.DictReader(f))
    except FileNotFoundError:
        raise ConfigError(f"{named_by}: no such file {file}") from None
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise ConfigError(f"{file}: cannot be read: {e}") from None


def _keys(students: list[Student], where: Path) -> dict:
    keys: dict[str, Student] = {}
    for s in students:
        for k in dict.fromkeys(s.keys()):
            other = keys.get(k)
            if other is not None and other.id != s.id:
                raise ConfigError(f"{where}: the name {k!r} is both {other.id}'s and {s.id}'s on the roster")
            if other is not None:
                raise ConfigError(f"{where}: two students have the id {s.id}")
            keys[k] = s
    return keys


def _policy(value, where: str) -> LatePolicy:
    if value in (None, "none", False):
        return LatePolicy()
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected none or a mapping of {', '.join(sorted(_POLICY_KEYS))}")
    unknown = sorted(set(value) - _POLICY_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_POLICY_KEYS))})")
    per = value.get("per", "day")
    if per in (None, "none"):
        return LatePolicy(grace=_duration(value.get("grace", 0), f"{where}.grace"))
    if per not in UNITS:
        raise ConfigError(f"{where}.per: expected day, hour or none, got {per!r}")
    penalty = _share(value.get("penalty"), f"{where}.penalty")
    cap = _share(value.get("cap", 1.0), f"{where}.cap")
    return LatePolicy(per=per, penalty=penalty, cap=cap, grace=_duration(value.get("grace", 0), f"{where}.grace"))


def _assignment(name: str, entry, base: Path, tz: tzinfo, where: str) -> CourseAssignment:
    from .. import assignment as assignments
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a mapping ({', '.join(sorted(_ASSIGNMENT_KEYS))})")
    unknown = sorted(set(entry) - _ASSIGNMENT_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_ASSIGNMENT_KEYS))})")
    if name not in assignments.available():
        raise ConfigError(f"{where}: no such assignment (the kit's: {', '.join(assignments.available())})")
    weight = _number(entry.get("weight", 1.0), f"{where}.weight")
    if weight < 0:
        raise ConfigError(f"{where}.weight: expected a number >= 0, got {weight:g}")
    canvas_id = str(entry.get("canvas_id") or "").strip()
    if canvas_id and not canvas_id.isdigit():
        raise ConfigError(f"{where}.canvas_id: expected Canvas's number of the assignment (digits only: the number "
                          f"after /assignments/ in its address), got {entry['canvas_id']!r}")
    return CourseAssignment(
        name=name, due=parse_time(entry["due"], tz, f"{where}.due") if entry.get("due") is not None else None,
        weight=weight, canvas_id=canvas_id, title=str(entry.get("title") or "").strip(),
        submissions=base / str(entry["submissions"]) if entry.get("submissions") else None,
        submitted_at=base / str(entry["submitted_at"]) if entry.get("submitted_at") else None,
        classroom_prefix=str(entry.get("classroom_prefix") or "").strip())


def _timezone(name, where: str) -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    text = str(name).strip()
    if text.upper() in ("UTC", "Z"):
        return timezone.utc
    m = re.fullmatch(r"([+-])(\d\d):?(\d\d)", text)
    if m:
        sign = 1 if m.group(1) == "+" else -1
        return timezone(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3))))
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{where}: unknown time zone {text!r} (an IANA name such as Europe/Berlin, "
                          "UTC, or an offset such as +02:00)") from None


def parse_time(value, tz: tzinfo, where: str) -> datetime:
    """A time from YAML or a CSV cell: ISO 8601, with or without an offset (then in ``tz``)."""
    if isinstance(value, datetime):
        t = value
    else:
        text = str(value).strip().replace(" ", "T", 1)
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
            text += "T23:59:59"  # a date alone: due at the end of that day
        try:
            t = datetime.fromisoformat(text)
        except ValueError:
            raise ConfigError(f"{where}: expected a time such as 2026-10-02 23:59 or 2026-10-02T23:59:00-04:00, "
                              f"got {value!r}") from None
    # YAML reads an unquoted time with an offset as UTC already; one without as naive: the course's zone.
    return t if t.tzinfo is not None else t.replace(tzinfo=tz)


def _duration(value, where: str) -> timedelta:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return timedelta(minutes=value)
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(m|min|minutes?|h|hours?|d|days?)\s*", str(value))
    if not m:
        raise ConfigError(f"{where}: expected a duration such as 15 minutes, 2 hours or 1 day, got {value!r}")
    n, unit = float(m.group(1)), m.group(2)[0]
    return {"m": timedelta(minutes=n), "h": timedelta(hours=n), "d": timedelta(days=n)}[unit]


def _share(value, where: str) -> float:
    text = str(value).strip()
    try:
        x = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise ConfigError(f"{where}: expected a share such as 0.1 or 10%, got {value!r}") from None
    if not 0 <= x <= 1:
        raise ConfigError(f"{where}: expected a share between 0 and 1 (or 0% and 100%), got {value!r}")
    return x


def _number(value, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ConfigError(f"{where}: expected a number, got {value!r}")
    return float(value)
