"""A course's files checked before grading starts: what ``grades.apply`` would refuse after the whole
class was graded, told first (a time that is not one, an override of a test the assignment lacks)."""
from __future__ import annotations

from ..assignment import Assignment, ConfigError
from .course import Course
from .grades import _times_csv, no_test


def check_files(course: Course, assignment: Assignment, hidden: bool = True) -> None:
    """Refuse, in one line naming the file and the line or entry, what ``apply`` would refuse in
    the course's files of ``assignment`` but can be told without grading: a time in its
    ``submitted_at`` CSV that is not one, an override of a test the assignment does not have.
    A run calls it first, so such a mistake costs no grading of the class."""
    if assignment.name in course.assignments:
        _times_csv(course, course.assignments[assignment.name].submitted_at)
    named = [o for o in course.overrides_of(assignment.name) if o.test]
    if not named:
        return  # the tests' names take a pytest collection: only when an override names one
    from ..grading.rows import expected_tests
    tests = expected_tests(assignment, hidden)
    for o in named:
        if o.test not in tests:
            raise ConfigError(f"{o.where}: test: {no_test(assignment.name, o.test, tests)}")
