"""Time budgets per module: a module that hangs spends its own time limit, never another module's.

``limits.submission_seconds`` is the time limit of each module's calls and import, in all. Once a
module's time is spent its calls fail at once, with no worker started for them, while the other
modules keep a worker; a module whose calls keep killing the worker is given up alone.
"""
import dataclasses
import json
import shutil

import pytest

from conftest import COURSE, ROOT, TOY, run_grader
from grader import assignment
from grader.sandbox import proxy
from grader.sandbox.forkserver import ForkServer
from grader.sandbox.proxy import StudentError, Submission

REFERENCE = COURSE / "examples" / "submissions" / "toy" / "reference"
LOOPING_DOUBLE = "def double(x):\n    while True:\n        pass\n"


def _alpha(body: str) -> str:
    """The reference alpha.py with ``double`` replaced by ``body``."""
    text = (REFERENCE / "alpha.py").read_text()
    start = text.index("def double(x):")
    end = text.index("class _Cache")
    return text[:start] + body + "\n\n" + text[end:]


def _toy(**limits):
    a = assignment.load(str(TOY))
    return dataclasses.replace(a, limits=dataclasses.replace(a.limits, **limits))


@pytest.fixture
def server():
    s = ForkServer()
    spawned = []
    spawn = s.spawn
    s.spawn = lambda spec: spawned.append(spec) or spawn(spec)
    s.spawned = spawned
    yield s
    s.close()


def _submission(tmp_path, toy, server, alpha_body: str) -> Submission:
    source = tmp_path / "student"
    shutil.copytree(REFERENCE, source)
    (source / "alpha.py").write_text(_alpha(alpha_body))
    return Submission("student", source, toy, server)


def test_a_module_that_hangs_spends_its_own_time_and_the_other_module_keeps_a_worker(tmp_path, server):
    toy = _toy(call_seconds=0.5, submission_seconds=1.2)
    sub = _submission(tmp_path, toy, server, LOOPING_DOUBLE)
    try:
        messages = []
        for _ in range(3):  # 0.5 s, 0.5 s, then what is left of alpha's 1.2 s
            with pytest.raises(StudentError) as e:
                sub.alpha.double(1.0)
            messages.append(str(e.value))
        assert messages[:2] == ["alpha.py: double() did not return within 0.5 s"] * 2
        assert messages[2] == "the time limit of 1.2 s for alpha.py ran out"
        spawns = sub.spawns
        for call in (lambda: sub.alpha.double(1.0), lambda: sub.alpha.scale_forward([1.0], 2.0)):
            with pytest.raises(StudentError) as e:
                call()
            assert str(e.value) == "not run: the time limit of 1.2 s for alpha.py ran out"
            assert e.value.kind == "timeout"
        assert sub.spawns == spawns, "a call of a module out of time started a worker"
        assert sub.beta.square(3.0) == 9.0
        assert sub.beta.square(-2.0) == 4.0
    finally:
        sub.close()
    assert sub.status == "timeout"
    assert sub.reason == "alpha.py: double() did not return within 0.5 s"
    assert server.spawned[0]["cpu_seconds"] == 3 + 5  # both modules' 1.2 s, rounded up, and 5 s


def test_a_module_that_kills_its_worker_is_given_up_alone(tmp_path, server, monkeypatch):
    monkeypatch.setattr(proxy, "MAX_SPAWNS", 3)
    sub = _submission(tmp_path, _toy(), server, "def double(x):\n    import os\n    os._exit(3)\n")
    try:
        for _ in range(3):
            with pytest.raises(StudentError) as e:
                sub.alpha.double(1.0)
            assert e.value.kind == "crashed"
            assert sub.beta.square(2.0) == 4.0  # a fresh worker serves beta after each crash
        spawns = sub.spawns
        with pytest.raises(StudentError) as e:
            sub.alpha.double(1.0)
        assert str(e.value) == ("the student's process had to be restarted 3 times because of alpha.py; "
                                "its remaining tests were not run")
        with pytest.raises(StudentError):
            sub.alpha.scale_forward([1.0], 2.0)
        assert sub.spawns == spawns
        assert sub.beta.square(5.0) == 25.0
    finally:
        sub.close()
    assert sub.status == "crashed"


def _course_copy(tmp_path, submission_seconds: float):
    """The toy course with another ``limits.submission_seconds``; returns its assignment folder."""
    course = tmp_path / "course"
    for part in ("assignments", "solutions"):
        shutil.copytree(COURSE / part / "toy", course / part / "toy")
    yaml_file = course / "assignments" / "toy" / "assignment.yaml"
    text = yaml_file.read_text()
    assert "submission_seconds: 20" in text
    yaml_file.write_text(text.replace("submission_seconds: 20", f"submission_seconds: {submission_seconds:g}"))
    return course / "assignments" / "toy"


def test_a_hang_in_alpha_leaves_beta_its_points_in_a_run(tmp_path):
    """Calls of 2 s, 5 s per module: alpha's double() loops, so double's 6 calls and scale's run out
    of alpha's time; beta is the reference and keeps square's 1 public and 1 hidden point."""
    toy = _course_copy(tmp_path, 5)
    folder = tmp_path / "submissions"
    shutil.copytree(REFERENCE, folder / "hangs")
    (folder / "hangs" / "alpha.py").write_text(_alpha(LOOPING_DOUBLE))
    shutil.copytree(REFERENCE, folder / "victim")
    proc = run_grader("grade", "--assignment", toy, "--submissions", folder, "--out", tmp_path / "out", "-q",
                      "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / "out" / "toy" / "scores.json").read_text(encoding="utf-8"))
    rows = {s["student"]: s for s in data["students"]}
    hangs = rows["hangs"]
    assert (hangs["total"], hangs["status"]) == (2, "timeout")
    assert "alpha.py" in hangs["reason"]
    square = [t for t in hangs["tests"] if "square" in t["name"]]
    assert len(square) == 2 and all(t["points"] == t["max_points"] for t in square)
    scale = [t for t in hangs["tests"] if "scale" in t["name"]]
    assert [t["points"] for t in scale] == [0]
    assert "not run: the time limit of 5 s for alpha.py ran out" in scale[0]["message"]
    assert (rows["victim"]["total"], rows["victim"]["status"]) == (7, "ok")


def test_a_hang_in_compgraph_forward_leaves_calculus_its_points(tmp_path):
    """hw2 with calls of 1 s and 3 s per module: compgraph's forward loops; calculus.py is the
    reference, so its groups (calculus 1 + 2, numerical 1 + 2) keep all 6 of their points."""
    course = tmp_path / "course"
    for part in ("assignments", "solutions"):
        shutil.copytree(ROOT / part / "hw2_compgraph", course / part / "hw2_compgraph")
    yaml_file = course / "assignments" / "hw2_compgraph" / "assignment.yaml"
    text = yaml_file.read_text()
    assert "  call_seconds: 10\n  submission_seconds: 60\n" in text
    yaml_file.write_text(text.replace("  call_seconds: 10\n  submission_seconds: 60\n",
                                      "  call_seconds: 1\n  submission_seconds: 3\n"))
    student = tmp_path / "submissions" / "hangs"
    student.mkdir(parents=True)
    for module in ("compgraph", "calculus"):
        shutil.copy(ROOT / "solutions" / "hw2_compgraph" / f"{module}.py", student / f"{module}.py")
    compgraph = (student / "compgraph.py").read_text()
    assert compgraph.count("def forward(x, W, v):\n") == 1
    (student / "compgraph.py").write_text(compgraph.replace(
        "def forward(x, W, v):\n", "def forward(x, W, v):\n    while True:\n        pass\n"))
    proc = run_grader("grade", "--assignment", course / "assignments" / "hw2_compgraph", "--submissions",
                      student.parent, "--out", tmp_path / "out", "-q", "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    row = json.loads((tmp_path / "out" / "hw2_compgraph" / "scores.json").read_text(encoding="utf-8"))["students"][0]
    calculus = [t for t in row["tests"] if t["group"] in ("calculus", "numerical")]
    assert len(calculus) >= 4 and all(t["points"] == t["max_points"] for t in calculus), calculus
    assert sum(t["points"] for t in calculus) == 6
    forward = [t for t in row["tests"] if t["group"] == "forward"]
    assert forward and all(t["points"] == 0 for t in forward)
    assert row["status"] == "timeout" and "compgraph.py" in row["reason"]
