"""Pytest sessions that grade a list of submissions in this process (each with one fork server)."""
from __future__ import annotations

import contextlib
import io
import os
import sys

import pytest

from ..assignment import Assignment, ConfigError
from .plugin import GradingPlugin
from ..results import StudentResult
from ..source import StudentSource


def pytest_args(assignment: Assignment, hidden: bool) -> list[str]:
    dirs = [assignment.public_tests_dir] + ([assignment.hidden_tests_dir] if hidden else [])
    for d in dirs:
        if not d.is_dir():
            raise ConfigError(f"{d}: the assignment's tests folder is missing")
    return [*map(str, dirs), "-s", "-p", "no:cacheprovider", "-p", "no:terminal", "-p", "no:pastebin",
            "-p", "no:junitxml", "-p", "no:doctest", "--import-mode=importlib",
            "-c", os.devnull, f"--rootdir={assignment.public_dir.parent.parent}", "-W", "ignore"]


# A session's memory grows with its items (a test per submission): about 50 KB a submission. More
# submissions than this are graded in consecutive sessions, so a process's memory stays flat.
SESSION_SUBMISSIONS = 200


def run_session(assignment: Assignment, students: list[StudentSource], *, hidden: bool = True,
                on_result=None, seed: str = "", keep: bool = True) -> dict[str, StudentResult]:
    """Grade ``students`` in pytest sessions in this process, ``SESSION_SUBMISSIONS`` at most in
    each; return their results by name (none without ``keep``: a caller that stages each result
    through ``on_result`` need not hold them all).

    A worksheet has no code and no session: its sheets are graded by arithmetic here."""
    if not students:
        return {}
    if assignment.is_worksheet:
        from ..worksheet.grading import grade_all
        return grade_all(assignment, students, seed=seed, on_result=on_result)
    results = {}
    for start in range(0, len(students), SESSION_SUBMISSIONS):
        graded = _one_session(assignment, students[start:start + SESSION_SUBMISSIONS], hidden=hidden,
                              on_result=on_result, seed=seed)
        if keep:
            results.update(graded)
    return results


def _one_session(assignment: Assignment, students: list[StudentSource], *, hidden: bool, on_result,
                 seed: str) -> dict[str, StudentResult]:
    plugin = GradingPlugin(assignment, students, hidden=hidden, on_result=on_result, seed=seed)
    # pytest reports a problem of the assignment's tests as an INTERNALERROR traceback on stderr;
    # the plugin has it in one line already, so that is what the user sees.
    captured = io.StringIO()
    with contextlib.redirect_stderr(captured):
        code = pytest.main(pytest_args(assignment, hidden), plugins=[plugin])
    if plugin.problems:
        raise ConfigError(plugin.problems[0])
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
        last = captured.getvalue().strip().splitlines()[-1:] or ["no message"]
        raise RuntimeError(f"grading {assignment.name} stopped: pytest exit code {int(code)}: {last[0].strip()}")
    sys.stderr.write(captured.getvalue())
    return plugin.results
