"""The pytest plugin that turns an assignment's tests into grades.

One pytest session grades a whole folder: every graded test is parametrized
over the submissions, and the tests are ordered so that each submission's
tests run together against one worker process, which stops when they are done.
"""
from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from .. import diagnose, mistakes, statuses
from ..assignment import Assignment, ConfigError, load_reference
from ..sandbox.forkserver import ForkServer
from ..sandbox.proxy import StudentError, Submission
from ..results import StudentResult, TestResult
from ..source import StudentSource


class Credit:
    """Partial credit and extra feedback for one test (the ``credit`` fixture)."""

    def __init__(self):
        self.fraction: float | None = None
        self.notes: list[str] = []
        self.metrics: dict[str, dict] = {}

    def set(self, fraction: float) -> None:
        """Earn ``fraction`` (0 to 1) of the test's points, whether it then passes or fails."""
        self.fraction = min(1.0, max(0.0, float(fraction)))

    def note(self, text: str) -> None:
        """Add feedback (Markdown) that the student sees even when the test passes."""
        self.notes.append(str(text))

    def metric(self, name: str, value, **baselines) -> None:
        """Record a number for the instructor's summary, beside named baselines (``reference=0.97``).

        The summary shows each metric's baselines next to the class's mean, median,
        minimum and maximum. ``value`` None (the student's code gave none) is counted apart.
        """
        def number(x):
            return None if x is None else float(x)
        self.metrics[str(name)] = {"value": number(value), **{k: number(v) for k, v in baselines.items()}}


class GradingPlugin:
    def __init__(self, assignment: Assignment, students: list[StudentSource], *,
                 hidden: bool = True, on_result=None, seed: str = ""):
        self.assignment = assignment
        try:
            # the mistakes the tests may name (only with the hidden tests: the library is beside them)
            self.library = mistakes.load(assignment.solution_dir) if hidden else None
            diagnose.use(assignment.public_dir, self.library)  # for "Likely cause" lines
        except (ValueError, SyntaxError) as e:
            raise ConfigError(str(e)) from None
        self._judge: mistakes.Judge | None = None
        self._diagnosed: dict[str, int] = {}  # student -> how many of their calls the diagnosis has seen
        self.students = students
        self.hidden = hidden
        self.on_result = on_result or (lambda result: None)
        self.seed = seed
        self.results: dict[str, StudentResult] = {}
        self.problems: list[str] = []  # errors in the assignment's own tests
        self.internal_errors: list[str] = []  # exceptions that are not the student's doing
        self._tests: dict[str, list[TestResult]] = {s.name: [] for s in students}
        self._shares: dict[str, float] = {}
        self._warned: dict[str, int] = {}  # student -> how much of their warnings log the tests have noted
        self._forkserver: ForkServer | None = None
        self._reference = None
        self._documented = None

    # -- collection -------------------------------------------------------
    def pytest_addoption(self, parser):
        # The terminal plugin, which owns --tb, is off; a failure's traceback is never shown,
        # and the cheapest style pytest knows spares formatting a long one for every failure.
        parser.addoption("--tb", dest="tbstyle", default="native")

    def pytest_configure(self, config):
        config.addinivalue_line("markers", "points(group, weight=1): the rubric group a test earns points for")

    def pytest_generate_tests(self, metafunc):
        if "submission" in metafunc.fixturenames:
            metafunc.parametrize("submission", [s.name for s in self.students], indirect=True,
                                 scope="session", ids=[f"@{i}" for i in range(len(self.students))])

    def pytest_collectreport(self, report):
        if report.failed:
            self.problems.append(f"{report.nodeid or 'collection'}: {report.longreprtext.strip().splitlines()[-1]}")

    def visibility(self, item) -> str:
        path = Path(str(item.path)).resolve()
        return "hidden" if self.assignment.solution_dir.resolve() in path.parents else "public"

    @staticmethod
    def test_key(item) -> str:
        """The test's name without the student: ``test_x`` or ``test_x[case]``."""
        params = getattr(getattr(item, "callspec", None), "params", {})
        indices = getattr(getattr(item, "callspec", None), "indices", {})
        parts = []
        for name, value in params.items():
            if name == "submission":
                continue
            parts.append(str(value) if isinstance(value, (str, int, float, bool)) and len(str(value)) < 60
                         else f"{name}{indices.get(name, '')}")
        return item.originalname + (f"[{'-'.join(parts)}]" if parts else "")

    def pytest_collection_modifyitems(self, session, config, items):
        weights: dict[tuple, float] = {}
        keys: dict[str, tuple] = {}
        file = self.assignment.public_dir / "assignment.yaml"
        for item in items:
            marker = item.get_closest_marker("points")
            where = f"{Path(str(item.path)).name}::{item.originalname}"
            if marker is None:
                self.problems.append(f"{where}: a graded test needs @pytest.mark.points(\"group\")")
                continue
            if "submission" not in item.fixturenames:
                self.problems.append(f"{where}: a graded test must use the submission fixture")
                continue
            group = marker.args[0] if marker.args else marker.kwargs.get("group")
            weight = float(marker.kwargs.get("weight", 1))
            if self.assignment.group(group) is None:
                self.problems.append(f"{where}: @points({group!r}) names no group of {file}")
                continue
            key = self.test_key(item)
            keys[key] = (group, self.visibility(item), weight)
        for key, (group, vis, weight) in keys.items():
            weights[(group, vis)] = weights.get((group, vis), 0.0) + weight
        for g in self.assignment.groups:
            for vis, points in (("public", g.public), ("hidden", g.hidden)):
                if points > 0 and (g.name, vis) not in weights and (vis == "public" or self.hidden):
                    self.problems.append(f"{file}: group {g.name} has {points:g} {vis} points "
                                         f"but no {vis} test carries @pytest.mark.points({g.name!r})")
        for key, (group, vis, weight) in keys.items():
            g = self.assignment.group(group)
            self._shares[key] = (g.public if vis == "public" else g.hidden) * weight / weights[(group, vis)]
        order = {s.name: i for i, s in enumerate(self.students)}
        items.sort(key=lambda it: order.get(getattr(getattr(it, "callspec", None), "params", {}).get("submission"), -1))
        if self.problems:
            raise ConfigError(self.problems[0])

    # -- fixtures -----------------------------------------------------------
    @pytest.fixture(scope="session")
    def submission(self, request):
        source = next(s for s in self.students if s.name == request.param)
        if self._forkserver is None:
            self._forkserver = ForkServer()
        sub = Submission(source.name, source.path, self.assignment, self._forkserver,
                         problem=source.problem, notes=source.notes,
                         problem_status=source.status)
        started = time.monotonic()
        yield sub
        sub.close()
        status, reason = sub.status, sub.reason
        tests = self._tests[sub.name]
        if status == statuses.OK and sub.not_implemented and not any(t.points for t in tests):
            todo = sorted(sub.not_implemented)
            status, reason = statuses.UNFINISHED, (
                f"nothing earned a point, and {len(todo)} function(s) still raise NotImplementedError: "
                + ", ".join(todo[:6]) + (" and more" if len(todo) > 6 else ""))
        result = StudentResult(student=sub.name, status=status, reason=reason, tests=tests, notes=sub.notes,
                               output=sub.output, seconds=round(time.monotonic() - started, 3))
        if sub.printed > len(sub.output):
            result.notes.append(f"your code printed {sub.printed:,} characters; the first "
                                f"{len(sub.output):,} are shown")
        self.results[sub.name] = result
        self._deliver(result)

    def _deliver(self, result: StudentResult) -> None:
        """Hand ``result`` on (staging it); a failure there is that student's row, never raised into
        the next student's test and never the end of the run."""
        try:
            self.on_result(result)
        except Exception as e:  # noqa: BLE001 - whatever went wrong, it is this submission's
            why = f"{type(e).__name__}: {e}"
            self.internal_errors.append(f"{result.student}: staging its result: {why}")
            fallback = StudentResult(student=result.student, status=statuses.GRADER_ERROR,
                                     reason=f"the grader could not record this submission's result ({why[:200]}); "
                                            "grade it again (--student)", tests=[])
            self.results[result.student] = fallback
            try:
                self.on_result(fallback)
            except Exception:  # noqa: BLE001 - the row is still in this session's results
                pass

    @pytest.fixture
    def credit(self):
        return Credit()

    @pytest.fixture
    def rng(self, request):
        student = request.node.callspec.params.get("submission", "") if hasattr(request.node, "callspec") else ""
        text = f"{self.seed}|{self.assignment.name}|{student}|{self.test_key(request.node)}"
        return np.random.default_rng(int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big"))

    @pytest.fixture(scope="session")
    def settings(self):
        return self.assignment.settings

    @pytest.fixture(scope="session")
    def documented(self):
        if self._documented is None:
            file = self.assignment.public_tests_dir / "documented.json"
            self._documented = json.loads(file.read_text(encoding="utf-8")) if file.exists() else {}
        return self._documented

    @pytest.fixture(scope="session")
    def reference(self):
        if self._reference is None:
            self._reference = load_reference(self.assignment)
        return self._reference

    # -- outcomes -------------------------------------------------------------
    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        if call.when == "call" or (call.when == "setup" and not report.passed):
            self._record(item, call, report)

    def _record(self, item, call, report) -> None:
        student = item.callspec.params["submission"]
        key = self.test_key(item)
        marker = item.get_closest_marker("points")
        credit = item.funcargs.get("credit") if hasattr(item, "funcargs") else None
        passed = report.passed
        fraction = credit.fraction if credit and credit.fraction is not None else (1.0 if passed else 0.0)
        message = ""
        if report.skipped:
            message = f"not graded: {_skip_reason(report)}"
            fraction = 0.0
        elif not passed and call.excinfo is not None:
            message = failure_message(call.excinfo.value)
            if not isinstance(call.excinfo.value, (StudentError, AssertionError)):
                self.internal_errors.append(f"{item.nodeid} ({call.when}): {call.excinfo.exconly()}")
        doc = (item.function.__doc__ or "").strip().splitlines()
        share = self._shares[key]
        notes = (list(credit.notes) if credit else []) + self._warnings_since_last_test(item, student)
        message += self._diagnosis(item, student, message if not passed and not report.skipped else "")
        self._tests[student].append(TestResult(
            name=key, title=doc[0] if doc else key, group=marker.args[0] if marker.args else marker.kwargs["group"],
            visibility=self.visibility(item), max_points=round(share, 9),
            points=round(share * fraction, 9), passed=passed, message=message,
            notes=notes, seconds=round(call.duration, 4),
            metrics=dict(credit.metrics) if credit else {}))

    def _diagnosis(self, item, student: str, message: str) -> str:
        """The library's line under a failed test (``\n  Likely cause: ...``; ``message`` empty: the
        test passed), or nothing. Its probes run the functions the test called; the calls of every
        test, and the probes', are then forgotten."""
        sub = item.funcargs.get("submission") if hasattr(item, "funcargs") else None
        if self.library is None or sub is None or not isinstance(sub, Submission):
            return ""
        start = self._diagnosed.get(student, 0)
        called = sub.called[start:]
        line = None  # after a passed test only forget its calls: the next failure is about its own
        if message and called and "Likely cause:" not in message and not sub.events & _NOT_DIAGNOSED:
            if self._judge is None:
                self._judge = mistakes.Judge(self.library, load_reference(self.assignment))
            with diagnose.timed():
                try:
                    line = self._judge.explain(student, sub, called)
                except Exception as e:  # noqa: BLE001 - a diagnosis never costs the student the failure itself
                    self.internal_errors.append(f"{item.nodeid}: diagnosis: {type(e).__name__}: {e}")
        self._diagnosed[student] = len(sub.called)
        self._warned[student] = len(sub.warnings_log)
        return f"\n  {line}" if line else ""

    def _warnings_since_last_test(self, item, student: str) -> list[str]:
        """The warnings the student's calls raised during this test, as notes (passing or not): a naive
        sigmoid's overflow shows in the public check, before a hidden test fails it."""
        sub = item.funcargs.get("submission") if hasattr(item, "funcargs") else None
        log = getattr(sub, "warnings_log", None)
        if log is None:
            return []
        start, self._warned[student] = self._warned.get(student, 0), len(log)
        seen = list(dict.fromkeys(f"{function}(): {w}" for function, w in log[start:]))
        if not seen:
            return []
        return [f"your code raised a warning: {'; '.join(seen[:3])}" + (f" and {len(seen) - 3} more" if len(seen) > 3 else "")
                + ". Grading fails a function that warns on ordinary inputs (an overflow, say)."]

    def pytest_sessionfinish(self, session):
        # Every student gets a row, even when the grader itself failed on their submission
        # (a fixture that could not be set up never reaches its teardown, where rows are made).
        for source in self.students:
            if source.name not in self.results:
                messages = [t.message for t in self._tests[source.name] if t.message]
                reason = messages[0] if messages else "the grader stopped before this submission was graded"
                result = StudentResult(student=source.name, status=statuses.GRADER_ERROR,
                                       reason=f"the grader could not grade this submission: {reason}",
                                       tests=self._tests[source.name])
                self.results[source.name] = result
                self._deliver(result)
        if self.internal_errors:
            print(f"grader: {len(self.internal_errors)} internal error(s); the first: {self.internal_errors[0]}",
                  file=sys.stderr)
        if self._forkserver is not None:
            self._forkserver.close()
            self._forkserver = None


_NOT_DIAGNOSED = {statuses.TIMEOUT, statuses.MEMORY, statuses.CRASHED, statuses.SANDBOX}  # probes would pay it again


def _skip_reason(report) -> str:
    longrepr = report.longrepr
    return longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else "skipped"


def failure_message(exc: BaseException) -> str:
    """The sentence a student reads for a failed test."""
    if isinstance(exc, StudentError):
        return str(exc)
    if isinstance(exc, AssertionError):
        text = str(exc).strip()
        return text.split("\nassert ")[0] if text else "an assertion of the test failed"
    return f"the test could not check the answer: {type(exc).__name__}: {exc}"
