"""Rows the grader did not just compute: what ``merge``, ``--student`` and ``--resume`` check before
they believe a row read from a folder (a shard's or an earlier run's scores.json, a staged result).

A row is believed when it is one this assignment's grading makes:
- its student is a plain name (``name_problem``): one file name, so that ``students/<name>/`` stays
  inside the output folder;
- its status is one of ``grader.statuses``;
- its tests are the assignment's own (``expected_tests``), each named once, with the group,
  visibility and maximum the rubric gives it, and points from 0 to that maximum;
- the totals it carries (``total``, ``groups``, ``max`` in scores.json) are the ones its tests and
  adjustments add up to.

Anything else is a one-line reason (``problem``); the caller names the file it came from.
"""
from __future__ import annotations

import contextlib
import io
import math
from dataclasses import dataclass, fields

from .. import statuses
from ..assignment import Assignment, ConfigError
from ..results import StudentResult, TestResult
from ..text import student_name

TOLERANCE = 1e-6  # points are stored rounded to 9 digits; sums of them may differ in the last ones
KNOWN_STATUSES = frozenset(statuses.SEVERITY) | {statuses.GRADER_ERROR}
ADJUSTMENT_KINDS = ("override", "late")


@dataclass(frozen=True)
class Expected:
    """What the assignment's grading gives one test: its group, visibility and maximum."""
    group: str
    visibility: str
    max_points: float


def shown(name) -> str:
    """A student name as an error message quotes it: one line, at most about 60 characters."""
    text = repr(name)
    return text if len(text) <= 62 else text[:59] + "...'"


def name_problem(name) -> str | None:
    """Why ``name`` is not a plain student name (one file name of its own), or None when it is."""
    if not isinstance(name, str) or not name:
        return "is not a name"
    if name in (".", ".."):
        return "is a folder's own name, not a student's"
    if name.startswith("/"):
        return "is an absolute path, not a student's name"
    if "/" in name:
        return "holds a path separator, so it is not one student's name"
    if name != student_name(name):  # what discovery makes of a file name, and so every row's name is
        return "holds characters no grading run gives a name (controls, invalid text) or is too long"
    return None


def expected_tests(assignment: Assignment, hidden: bool) -> dict[str, Expected]:
    """Every test this assignment's grading gives a row, by name: a worksheet's steps, or the
    tests pytest collects (public, and hidden with ``hidden``) with the points the rubric shares
    among them. Raises ``ConfigError`` when the assignment's tests cannot be collected."""
    if assignment.is_worksheet:
        return {f"step[{s}]": Expected(g.name, "public", g.points / len(g.steps))
                for g in assignment.groups for s in g.steps}
    return _collected(assignment, hidden)


def _collected(assignment: Assignment, hidden: bool) -> dict[str, Expected]:
    """The tests of a code assignment, as one pytest collection (no test runs) finds them."""
    import pytest
    from .plugin import GradingPlugin
    from .session import pytest_args
    from ..source import StudentSource

    plugin = GradingPlugin(assignment, [StudentSource("collect", None)], hidden=hidden)
    found: dict[str, tuple[str, str]] = {}

    class Names:
        @pytest.hookimpl(trylast=True)
        def pytest_collection_modifyitems(self, items):
            for item in items:
                marker = item.get_closest_marker("points")
                group = (marker.args[0] if marker.args else marker.kwargs.get("group")) if marker else None
                found[plugin.test_key(item)] = (group, plugin.visibility(item))

    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        code = pytest.main([*pytest_args(assignment, hidden), "--collect-only"], plugins=[plugin, Names()])
    if plugin.problems:
        raise ConfigError(plugin.problems[0])
    if code != pytest.ExitCode.OK:
        raise ConfigError(f"{assignment.public_tests_dir}: the assignment's tests could not be collected "
                          f"(pytest exit code {int(code)})")
    return {key: Expected(group, vis, round(plugin._shares[key], 9)) for key, (group, vis) in found.items()}


def problem(result: StudentResult, tests: dict[str, Expected]) -> str | None:
    """The first thing that makes ``result`` no row of this grading, in words, or None."""
    wrong = name_problem(result.student)
    if wrong:
        return f"the student name {shown(result.student)} {wrong}"
    who = f"the row of {shown(result.student)}"
    if result.status not in KNOWN_STATUSES or not isinstance(result.reason, str):
        return f"{who} has the status {shown(result.status)}, which the grader never gives"
    if not isinstance(result.tests, list) or not all(isinstance(t, TestResult) for t in result.tests):
        return f"{who} holds no list of tests"
    if not _texts(result.output, *result.notes if isinstance(result.notes, list) else [None]) \
            or not _number(result.seconds):
        return f"{who} holds output, notes or a time of the wrong kind"
    names = [t.name for t in result.tests]
    if len(set(map(str, names))) != len(names):
        return f"{who} names a test twice"
    for t in result.tests:
        wrong = _test_problem(t, tests.get(t.name) if isinstance(t.name, str) else None)
        if wrong:
            return f"{who}: test {shown(t.name)} {wrong}"
    return _adjustments_problem(result, who)


def _test_problem(test: TestResult, expected: Expected | None) -> str | None:
    if expected is None:
        return "is none of the assignment's tests"
    if (test.group, test.visibility) != (expected.group, expected.visibility):
        return f"is in {shown(test.group)} ({shown(test.visibility)}), not {expected.group} ({expected.visibility})"
    if not _number(test.max_points) or abs(test.max_points - expected.max_points) > TOLERANCE:
        return f"is worth {shown(test.max_points)} points, not {expected.max_points:g}"
    if not _number(test.points) or not -TOLERANCE <= test.points <= expected.max_points + TOLERANCE:
        return f"has {shown(test.points)} points, outside 0 to its {expected.max_points:g}"
    if not isinstance(test.passed, bool):
        return "is neither passed nor failed"
    if not _texts(test.title, test.message, *test.notes if isinstance(test.notes, list) else [None]):
        return "holds a title, message or note that is no text"
    if not isinstance(test.metrics, dict) or not _number(test.seconds):
        return "holds metrics or a time of the wrong kind"
    return None


def _adjustments_problem(result: StudentResult, who: str) -> str | None:
    """A course row's overrides and late penalty: each a kind the course makes, with finite points."""
    if not isinstance(result.adjustments, list):
        return f"{who} holds adjustments that are no list"
    for a in result.adjustments:
        if not isinstance(a, dict) or a.get("kind") not in ADJUSTMENT_KINDS or not _number(a.get("points")):
            return f"{who} holds an adjustment the course never makes: {shown(a)}"
    if not isinstance(result.roster, dict) or not isinstance(result.late, dict):
        return f"{who} holds a roster or lateness record that is no mapping"
    return None


def totals_problem(entry: dict, result: StudentResult, assignment: Assignment) -> str | None:
    """Whether the totals a scores.json entry carries are the ones its tests add up to."""
    who = f"the row of {shown(result.student)}"
    if "total" in entry and not _near(entry["total"], result.total):
        return f"{who} says {shown(entry['total'])} points in all, but its tests add up to {result.total:g}"
    if "max" in entry and not _near(entry["max"], assignment.max_points):
        return f"{who} says it is out of {shown(entry['max'])}, but {assignment.name} is out of {assignment.max_points:g}"
    groups = entry.get("groups")
    if groups is not None:
        if not isinstance(groups, dict):
            return f"{who} holds group points that are no mapping"
        for g in assignment.groups:
            if g.name in groups and not _near(groups[g.name], result.group_points(g.name)):
                return (f"{who} says {shown(groups[g.name])} points for {g.name}, but its tests add up to "
                        f"{result.group_points(g.name):g}")
    return None


def from_entry(entry) -> StudentResult:
    """A StudentResult from a scores.json entry or a staged record (which also hold derived keys);
    ``ValueError`` when it is not one."""
    if not isinstance(entry, dict) or not isinstance(entry.get("tests", []), list):
        raise ValueError("a row is not a mapping with a list of tests")
    test_keys = {f.name for f in fields(TestResult)}
    row_keys = {f.name for f in fields(StudentResult)} - {"tests"}
    try:
        tests = [TestResult(**{k: v for k, v in t.items() if k in test_keys}) for t in entry.get("tests", [])]
        return StudentResult(**{k: v for k, v in entry.items() if k in row_keys}, tests=tests)
    except (TypeError, AttributeError) as e:
        raise ValueError(f"the row of {shown(entry.get('student'))} is not a row of grades ({e})") from None


def _number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _texts(*values) -> bool:
    return all(isinstance(v, str) for v in values)


def _near(x, y: float) -> bool:
    return _number(x) and abs(x - y) <= TOLERANCE
