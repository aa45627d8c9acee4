"""The grading plugin's promises that no example can show: a row for every student, come what may."""
import shutil

from grader import assignment
from grader.grading.session import run_session
from grader.source import StudentSource
from conftest import COURSE, TOY


def test_a_grader_failure_inside_tests_is_reported_to_the_instructor(tmp_path, monkeypatch, capfd):
    toy = assignment.load(str(TOY))

    def broken_start(self):
        raise RuntimeError("simulated failure inside the grader")

    monkeypatch.setattr("grader.sandbox.proxy.Submission._start", broken_start)
    folder = tmp_path / "alice"
    shutil.copytree(COURSE / "examples" / "submissions" / "toy" / "reference", folder)
    rows = []
    results = run_session(toy, [StudentSource("alice", folder)], on_result=rows.append)
    assert [r.student for r in rows] == ["alice"] and results["alice"].total == 0
    assert all("could not check the answer: RuntimeError" in t.message for t in results["alice"].tests)
    assert "internal error(s)" in capfd.readouterr().err


def test_a_failing_fixture_setup_still_gives_a_row(tmp_path, monkeypatch):
    toy = assignment.load(str(TOY))

    def broken_init(self, *args, **kwargs):
        raise RuntimeError("the proxy could not be built")

    monkeypatch.setattr("grader.sandbox.proxy.Submission.__init__", broken_init)
    rows = []
    results = run_session(toy, [StudentSource("bob", tmp_path)], on_result=rows.append)
    assert results["bob"].status == "grader error" and "could not be built" in results["bob"].reason
    assert len(rows) == 1


def test_check_all_keeps_every_failure_and_gives_the_share_that_passed():
    from grader.grading.plugin import Credit
    from grader.testing import check_all
    import pytest

    def bare_assert(x):
        assert x == 1, f"x was {x}\nassert {x} == 1"

    credit = Credit()
    with pytest.raises(AssertionError) as e:
        check_all(credit, [("one", lambda: bare_assert(1)), ("two", lambda: bare_assert(2)),
                           ("three", lambda: bare_assert(3))])
    assert credit.fraction == pytest.approx(1 / 3)
    message = str(e.value)
    assert "2 of 3 checks failed" in message and "two: x was 2" in message and "three: x was 3" in message
    assert "\nassert " not in message
