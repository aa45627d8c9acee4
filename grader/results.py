"""What grading produces: one ``StudentResult`` per submission, each a list of ``TestResult``."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .text import clean, printable


@dataclass
class TestResult:
    name: str  # the test's name without the student, e.g. "test_documented[sigmoid]"
    title: str  # one line for people: the test docstring's first line, or its name
    group: str
    visibility: str  # "public" or "hidden"
    max_points: float
    points: float
    passed: bool
    message: str = ""  # why it failed (or what partial credit stands for), for the student
    notes: list = field(default_factory=list)  # extra feedback, shown even when it passed
    seconds: float = 0.0
    metrics: dict = field(default_factory=dict)  # name -> {"value": x, baseline name: x, ...}

    def __post_init__(self):
        # A message may quote what the student's code raised or returned: valid UTF-8, bounded.
        self.name, self.title, self.message = clean(self.name, None), clean(self.title), clean(self.message)
        self.notes = [clean(n) for n in self.notes]


@dataclass
class StudentResult:
    student: str
    status: str  # one of grader.statuses
    reason: str  # one sentence that explains a status other than ok
    tests: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # about the submission as a whole
    output: str = ""  # what the student's code printed, trimmed
    seconds: float = 0.0
    # With a course (grader.course_grades): the rostered student, {} when none matched
    # ({"id", "name", "email", "section"}, and "absent": True for a row with no submission);
    # the lateness ({"submitted_at", "due", "extension", "late_seconds", "units", "share",
    # "penalty"}); and the points added or taken on top of the tests, each
    # {"kind": "override"|"late", "points", "comment", "group", "test"}.
    roster: dict = field(default_factory=dict)
    late: dict = field(default_factory=dict)
    adjustments: list = field(default_factory=list)

    def __post_init__(self):
        # The student's own text (output, exception messages) as valid UTF-8 of bounded length, so
        # that no file, terminal or log the grader writes can fail on it.
        # The name, the reason and the notes are one line each: a line break or an escape in a file
        # name or in what the student's code raised is written out (\n, \x1b), never obeyed, so no
        # table, log or progress line needs to escape them again.
        self.student, self.reason = printable(self.student), printable(clean(self.reason))
        self.output = clean(self.output, None)
        self.notes = [printable(clean(n)) for n in self.notes]

    @property
    def total(self) -> float:
        return round(sum(t.points for t in self.tests) + sum(a["points"] for a in self.adjustments), 9)

    @property
    def tests_total(self) -> float:
        """The points of the tests alone, before overrides and the late penalty."""
        return round(sum(t.points for t in self.tests), 9)

    def group_points(self, group: str) -> float:
        return round(sum(t.points for t in self.tests if t.group == group)
                     + sum(a["points"] for a in self.adjustments if a.get("group") == group), 9)

    def to_dict(self) -> dict:
        d = asdict(self)
        for key in ("roster", "late", "adjustments"):  # a course's: left out of a run without one
            if not d[key]:
                del d[key]
        d["total"] = self.total
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "StudentResult":
        d = {k: v for k, v in d.items() if k != "total"}
        d["tests"] = [TestResult(**t) for t in d.get("tests", [])]
        return cls(**d)
