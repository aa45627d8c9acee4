"""A grading run: find the submissions, run one pytest session over them, write the results.

Each submission's result is written to a staging folder as soon as it is
graded, so a run that is killed can be resumed (``resume=True``) and still end
with the same table.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from . import report, submissions
from .assignment import Assignment, ConfigError
from .plugin import GradingPlugin, StudentSource
from .results import StudentResult


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
    """Grade ``students`` in one pytest session in this process; return their results by name."""
    if not students:
        return {}
    plugin = GradingPlugin(assignment, students, hidden=hidden, on_result=on_result, seed=seed)
    code = pytest.main(pytest_args(assignment, hidden), plugins=[plugin])
    if plugin.problems:
        raise ConfigError(plugin.problems[0])
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
        raise RuntimeError(f"grading {assignment.name} stopped: pytest exit code {int(code)}")
    return plugin.results


def _staging_file(staging: Path, student: str) -> Path:
    return staging / (hashlib.sha1(student.encode()).hexdigest()[:16] + ".json")


def grade(assignment: Assignment, folder: Path, out: Path, *, resume: bool = False,
          hidden: bool = True, seed: str = "", progress=None) -> list[StudentResult]:
    """Grade every submission in ``folder``; write the outputs to ``out``; return the results."""
    sources, scratch = submissions.discover(folder, assignment.modules)
    out = Path(out)
    staging = out.with_name(f".{out.name}.partial")
    if not resume:
        shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True, exist_ok=True)
    done: dict[str, StudentResult] = {}
    for file in staging.glob("*.json"):
        try:
            r = StudentResult.from_dict(json.loads(file.read_text(encoding="utf-8")))
            done[r.student] = r
        except (ValueError, TypeError, KeyError):
            file.unlink()  # a result cut short by the kill: grade that student again

    def finished(result: StudentResult) -> None:
        tmp = tempfile.NamedTemporaryFile("w", dir=staging, delete=False, suffix=".tmp", encoding="utf-8")
        with tmp:
            json.dump(result.to_dict(), tmp, ensure_ascii=False)
        os.replace(tmp.name, _staging_file(staging, result.student))
        if progress:
            progress(result)

    try:
        todo = [s for s in sources if s.name not in done]
        done.update(run_session(assignment, todo, hidden=hidden, on_result=finished, seed=seed))
    finally:
        submissions.cleanup(scratch)
    results = [done[s.name] for s in sources if s.name in done]
    report.write(assignment, results, out)
    shutil.rmtree(staging, ignore_errors=True)
    return results
