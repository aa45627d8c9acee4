"""What ``course.yaml`` holds once read and checked (``course.load``): the students, the late policy,
the assignments with their due dates, the overrides, and the keys each part of the file may have."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

from ..report.words import duration_words

ROSTER_COLUMNS = ("id", "name", "email", "section", "sis_user_id", "sis_login_id", "canvas_id", "github",
                  "gradescope_sid", "moodle_username", "moodle_idnumber", "aliases")
# Ids no two students may share: on the platform that reads them, they name one person.
UNIQUE_IDS = ("canvas_id", "sis_user_id", "gradescope_sid", "moodle_username", "moodle_idnumber")
MISSING = ("blank", "zero")
MOODLE_IDS = ("email", "idnumber", "username")
UNITS = {"day": timedelta(days=1), "hour": timedelta(hours=1)}
_TOP_KEYS = {"course", "timezone", "roster", "late_policy", "trust_file_times", "trust_submission_metadata",
             "overrides", "assignments", "extensions", "missing", "moodle_id"}
_ASSIGNMENT_KEYS = {"due", "weight", "canvas_id", "submissions", "submitted_at", "title", "classroom_prefix"}
_POLICY_KEYS = {"per", "penalty", "cap", "grace"}
_OVERRIDE_KEYS = {"student", "assignment", "test", "group", "points", "comment", "excused"}
_EXTENSION_KEYS = {"student", "assignment", "due", "days"}


@dataclass(frozen=True)
class Student:
    id: str
    name: str = ""
    email: str = ""
    section: str = ""
    sis_user_id: str = ""
    sis_login_id: str = ""
    canvas_id: str = ""
    github: str = ""
    gradescope_sid: str = ""
    moodle_username: str = ""
    moodle_idnumber: str = ""
    aliases: tuple = ()
    where: str = ""  # "roster.csv, line 4": for refusals that name the row

    def keys(self) -> list[str]:
        """The names a submission of this student may arrive under, case-folded."""
        return [k.casefold() for k in (self.id, self.email, self.sis_login_id, self.github, *self.aliases) if k]

    def moodle(self, identifier: str) -> str:
        """The value Moodle's import matches this student on under ``identifier`` (``MOODLE_IDS``):
        the email; the ID number (``moodle_idnumber``, else the SIS user id a Moodle fed by the same
        SIS holds); the user name (``moodle_username``, else the SIS login). "" when the roster has none."""
        return {"email": self.email, "idnumber": self.moodle_idnumber or self.sis_user_id,
                "username": self.moodle_username or self.sis_login_id}[identifier]

    def label(self) -> str:
        """``roster.csv, line 4 (s03, Chen Wei)``: the roster row, for a refusal."""
        who = ", ".join(x for x in (self.id, self.name) if x)
        return f"{self.where} ({who})" if self.where else who

    def record(self) -> dict:
        """What a result keeps of its student (``StudentResult.roster``)."""
        return {"id": self.id, "name": self.name, "email": self.email, "section": self.section}


@dataclass(frozen=True)
class LatePolicy:
    """A share of the assignment's points per started ``per`` (day or hour) after the due date,
    at most ``cap``; a submission at most ``grace`` late is on time. ``per`` None: lateness is
    shown and takes nothing."""
    per: str | None = None
    penalty: float = 0.0
    cap: float = 1.0
    grace: timedelta = timedelta(0)

    def units(self, late: timedelta) -> int:
        """How many started days (hours) late ``late`` is; 0 when on time or within the grace."""
        if late <= self.grace or late <= timedelta(0):
            return 0
        return math.ceil(late / UNITS[self.per or "day"])

    def share(self, late: timedelta) -> float:
        """The share of the assignment's points a submission ``late`` late loses."""
        return 0.0 if self.per is None else min(self.cap, self.units(late) * self.penalty)

    def describe(self) -> str:
        if self.per is None:
            return "no late penalty"
        grace = f", {duration_words(self.grace)} of grace" if self.grace else ""
        return f"{_percent(self.penalty)} of the points per started {self.per} late, at most {_percent(self.cap)}{grace}"


@dataclass(frozen=True)
class CourseAssignment:
    name: str
    due: datetime | None = None
    weight: float = 1.0
    canvas_id: str = ""
    title: str = ""
    submissions: Path | None = None
    submitted_at: Path | None = None
    classroom_prefix: str = ""


@dataclass(frozen=True)
class Override:
    """Points added to a test or a group, or (``excused``) the assignment excused: it counts in
    no total and Canvas reads ``EX``. Only an excusal applies to a student with no submission."""
    student: str  # a roster id
    assignment: str
    points: float
    comment: str
    test: str = ""
    group: str = ""
    where: str = ""  # "overrides.yaml, entry 3", for errors
    excused: bool = False


@dataclass
class Course:
    file: Path
    title: str
    timezone: tzinfo
    students: tuple
    assignments: dict  # name -> CourseAssignment, in the file's order
    late: LatePolicy
    extensions: dict  # (student id, assignment) -> due datetime
    overrides: tuple
    trust_file_times: bool = False
    # A submission_metadata.json inside a submission is a file among the uploader's own: trusted (for
    # times and emails) only when the folders came from an export the LMS wrote, such as Gradescope's.
    trust_submission_metadata: bool = False
    overrides_file: Path | None = None
    missing: str = "blank"  # how the LMS files write a student with no submission: blank or zero
    moodle_id: str = "email"
    _keys: dict = field(default_factory=dict, repr=False)

    def student(self, name: str) -> Student | None:
        """The rostered student a submission named ``name`` belongs to, or None."""
        return self._keys.get(str(name).casefold())

    def by_sid(self, sid: str) -> Student | None:
        """The rostered student whose ``gradescope_sid`` is ``sid`` (exactly), or None."""
        sid = str(sid or "").strip()
        return next((s for s in self.students if sid and s.gradescope_sid == sid), None)

    def by_email(self, email: str) -> Student | None:
        """The rostered student whose email is ``email`` (in any case), or None."""
        email = str(email or "").strip().casefold()
        return next((s for s in self.students if email and s.email.casefold() == email), None)

    def by_github(self, user: str) -> Student | None:
        """The rostered student whose GitHub user name is ``user`` (in any case), or None."""
        user = str(user or "").casefold()
        return next((s for s in self.students if user and s.github.casefold() == user), None)

    def due(self, student_id: str, assignment: str) -> tuple[datetime | None, bool]:
        """The student's due date of the assignment and whether it is an extension."""
        if (student_id, assignment) in self.extensions:
            return self.extensions[(student_id, assignment)], True
        a = self.assignments.get(assignment)
        return (a.due if a else None), False

    def overrides_of(self, assignment: str) -> list[Override]:
        return [o for o in self.overrides if o.assignment == assignment]


def _percent(x: float) -> str:
    return f"{100 * x:.4g} %"
