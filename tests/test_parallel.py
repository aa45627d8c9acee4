"""Parallel grading: --jobs N gives the table of --jobs 1, times each submission, shows progress, resumes."""
import io
import json
import shutil

import pytest

from grader.grading import parallel, staging as staged
from grader.runs import previous
from grader.assignment import load
from grader.report.progress import Progress
from grader.results import StudentResult
from grader.results import TestResult as _TestResult
from conftest import COURSE, TOY, run_grader

TOY_SUBMISSIONS = COURSE / "examples" / "submissions" / "toy"
REFERENCE = TOY_SUBMISSIONS / "reference"


def _scores(out):
    data = json.loads((out / "toy" / "scores.json").read_text(encoding="utf-8"))
    return {s["student"]: s for s in data["students"]}


def _without_times(students):
    return {n: (s["total"], s["status"], s["reason"], [(t["name"], t["points"], t["passed"], t["message"])
                                                        for t in s["tests"]]) for n, s in students.items()}


def test_jobs_n_gives_the_same_table_and_results_as_jobs_1(tmp_path):
    one = run_grader("grade", "-a", TOY, "-s", TOY_SUBMISSIONS, "-o", tmp_path / "one", "-q", "--jobs", "1")
    three = run_grader("grade", "-a", TOY, "-s", TOY_SUBMISSIONS, "-o", tmp_path / "three", "-q", "--jobs", "3")
    assert one.returncode == 0 and three.returncode == 0, one.stderr + three.stderr
    assert one.stdout == three.stdout
    assert _without_times(_scores(tmp_path / "one")) == _without_times(_scores(tmp_path / "three"))
    assert (tmp_path / "one" / "toy" / "scores.csv").read_text() == (tmp_path / "three" / "toy" / "scores.csv").read_text()
    assert not (tmp_path / "three" / ".toy.partial").exists(), "the staging folder is removed after a run"


def test_each_submission_has_its_wall_time_and_progress_lines_without_a_terminal(tmp_path):
    folder = tmp_path / "subs"
    for name in ("fast_a", "fast_b", "slow"):
        shutil.copytree(REFERENCE, folder / name)
    beta = (REFERENCE / "beta.py").read_text()
    (folder / "slow" / "beta.py").write_text("import time\n" + beta.replace("def square(x):\n",
                                                                              "def square(x):\n    time.sleep(0.4)\n"))
    assert "time.sleep(0.4)" in (folder / "slow" / "beta.py").read_text()
    proc = run_grader("grade", "-a", TOY, "-s", folder, "-o", tmp_path / "out", "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("  toy: ")]
    assert sorted(line.split(":")[1].strip() for line in lines) == ["fast_a", "fast_b", "slow"]
    assert "\r" not in proc.stderr, "no bar when stderr is not a terminal"
    students = _scores(tmp_path / "out")
    square_calls = sum(1 for t in students["slow"]["tests"] if t["group"] == "square")
    assert students["slow"]["seconds"] >= 0.4 * square_calls
    assert all(s["seconds"] > 0 and s["total"] == 7 for s in students.values())
    for name, s in students.items():
        gradescope = json.loads((tmp_path / "out" / "toy" / "students" / name / "results.json").read_text())
        assert gradescope["execution_time"] == s["seconds"]


def test_a_resumed_parallel_run_keeps_what_was_staged_and_grades_only_the_rest(tmp_path):
    folder = tmp_path / "subs"
    names = [f"student{i}" for i in range(5)]
    for name in names:
        shutil.copytree(REFERENCE, folder / name)
    out = tmp_path / "out" / "toy"
    staging = staged.staging_folder(out)
    staging.mkdir(parents=True)
    # Staged by an earlier, killed run: a marker score no grading of the reference could give.
    fingerprint = previous.fingerprint(load(str(TOY)), "", True)
    for name in names[:2]:
        staged.stage(staging, StudentResult(student=name, status="ok", reason="", seconds=0.5, tests=[
            _TestResult(name="test_double_documented", title="marker", group="double", visibility="public",
                       max_points=1, points=0.25, passed=False)]), fingerprint)
    (staging / "cut_short.json").write_text('{"student": "stud')  # a write cut short by the kill
    proc = run_grader("grade", "-a", TOY, "-s", folder, "-o", tmp_path / "out", "--jobs", "2", "--resume")
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("  toy: ")]
    assert lines[0] == "  toy: resuming: 2 of 5 kept from the stopped run, 3 to grade", lines
    assert sorted(line.split(":")[1].strip() for line in lines[1:]) == names[2:]
    students = _scores(tmp_path / "out")
    assert [students[n]["total"] for n in names] == [0.25, 0.25, 7, 7, 7]
    assert not staging.exists()


def test_a_broken_assignment_stops_a_parallel_run_with_one_line_naming_the_file(tmp_path):
    course = tmp_path / "course"
    for part in ("assignments", "solutions"):
        shutil.copytree(COURSE / part / "toy", course / part / "toy")
    (course / "solutions" / "toy" / "tests" / "test_unmarked.py").write_text(
        "def test_forgot_points(submission):\n    assert True\n")
    for jobs in ("1", "2"):
        proc = run_grader("grade", "-a", course / "assignments" / "toy", "-s", TOY_SUBMISSIONS,
                          "-o", tmp_path / "out", "-q", "--jobs", jobs)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.count("\n") == 1 and "test_unmarked.py" in proc.stderr, proc.stderr


def test_jobs_must_be_a_whole_number_of_processes(tmp_path):
    proc = run_grader("grade", "-a", TOY, "-s", TOY_SUBMISSIONS, "-o", tmp_path, "--jobs", "0")
    assert proc.returncode == 2 and "--jobs" in proc.stderr and "0" in proc.stderr


@pytest.mark.parametrize("count,jobs", [(1, 4), (5, 2), (7, 3), (10, 10), (3, 1)])
def test_shards_deal_every_student_once_and_leave_no_shard_empty(count, jobs):
    students = [f"s{i}" for i in range(count)]
    dealt = parallel.shards(students, jobs)
    assert sorted(s for shard in dealt for s in shard) == students
    assert len(dealt) == min(count, jobs) and all(dealt)
    assert max(map(len, dealt)) - min(map(len, dealt)) <= 1


def test_progress_draws_a_bar_on_a_terminal_and_plain_lines_elsewhere():
    a = load(str(TOY))
    results = [StudentResult(student=f"s{i}", status="ok", reason="", seconds=0.1) for i in range(4)]
    term = io.StringIO()
    bar = Progress("toy", a.max_points, stream=term, tty=True)
    bar.begin(4, 0)
    for r in results:
        bar(r)
    bar.end()
    text = term.getvalue()
    assert text.count("\r") == 5 and text.endswith("\n") and text.count("\n") == 1
    last = text.rstrip("\n").split("\r")[-1]
    assert "4/4" in last and "[" + "#" * 10 in last and "." not in last.split("]")[0]
    assert "0/4" in text.split("\r")[1]
    plain = io.StringIO()
    lines = Progress("toy", a.max_points, stream=plain, tty=False)
    lines.begin(4, 0)
    for r in results:
        lines(r)
    lines.end()
    assert plain.getvalue().splitlines() == [f"  toy: s{i}: 0/7 (ok, 0.10 s)" for i in range(4)]


def test_what_a_shard_says_on_stderr_reaches_the_user(tmp_path):
    course = tmp_path / "course"
    for part in ("assignments", "solutions"):
        shutil.copytree(COURSE / part / "toy", course / part / "toy")
    (course / "solutions" / "toy" / "tests" / "test_grader_bug.py").write_text(
        "import pytest\n\n\n@pytest.mark.points('scale')\ndef test_bug_in_the_grader(submission):\n"
        "    {}['a key the grader forgot']\n")
    folder = tmp_path / "subs"
    for name in ("a", "b", "c", "d"):
        shutil.copytree(REFERENCE, folder / name)
    proc = run_grader("grade", "-a", course / "assignments" / "toy", "-s", folder, "-o", tmp_path / "out",
                      "-q", "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count("internal error(s)") == 2, proc.stderr  # one report per shard
    assert "KeyError" in proc.stderr


def test_consecutive_sessions_grade_as_one_and_need_not_hold_the_results(monkeypatch):
    from grader.grading import session
    from grader.discover import submissions
    toy = load(str(TOY))
    sources, scratch = submissions.discover(TOY_SUBMISSIONS, toy)
    try:
        whole = session.run_session(toy, sources)
        monkeypatch.setattr(session, "SESSION_SUBMISSIONS", 2)   # several sessions, two submissions each
        calls = []
        real = session._one_session
        monkeypatch.setattr(session, "_one_session", lambda *a, **k: calls.append(len(a[1])) or real(*a, **k))
        seen = []
        parts = session.run_session(toy, sources, on_result=seen.append)
        assert calls and max(calls) == 2 and sum(calls) == len(sources)
        assert {n: (r.total, r.status, [(t.name, t.points, t.message) for t in r.tests]) for n, r in parts.items()} == \
            {n: (r.total, r.status, [(t.name, t.points, t.message) for t in r.tests]) for n, r in whole.items()}
        assert session.run_session(toy, sources, keep=False, on_result=seen.append) == {}
        assert sorted(r.student for r in seen) == sorted([s.name for s in sources] * 2)
    finally:
        submissions.cleanup(scratch)
