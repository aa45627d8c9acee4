"""One pytest session that grades a list of submissions in this process (with one fork server)."""
from __future__ import annotations

import contextlib
import io
import os
import sys

import pytest

from .assignment import Assignment, ConfigError
from .plugin import GradingPlugin
from .results import StudentResult
from .source import StudentSource


def pytest_args(assignment: Assignment, hidden: bool) -> list[str]:
    dirs = [assignment.public_tests_dir] + ([assignment.hidden_tests_dir] if hidden else [])
    for d in dirs:
        if not d.is_dir():
            raise ConfigError(f"{d}: the assignment's tests folder is missing")
    return [*map(str, dirs), "-s", "-p", "no:cacheprovider", "-p", "no:terminal", "-p", "no:pastebin",
            "-p", "no:junitxml", "-p", "no:doctest", "--import-mode=importlib",
            "-c", os.devnull, f"--rootdir={assignment.public_dir.parent.parent}", "-W", "ignore"]


def run_session(assignment: Assignment, students: list[StudentSource], *, hidden: bool = True,
                on_result=None, seed: str = "") -> dict[str, StudentResult]:
    """Grade ``students`` in one pytest session in this process; return their results by name.

    A worksheet has no code and no session: its sheets are graded by arithmetic here."""
    if not students:
        return {}
    if assignment.is_worksheet:
        from .worksheet_grading import grade_all
        return grade_all(assignment, students, seed=seed, on_result=on_result)
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
