"""Shared helpers of the kit's own tests."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COURSE = Path(__file__).resolve().parent / "fixtures" / "course"
TOY = COURSE / "assignments" / "toy"


def hidden_from_workers(path) -> bool:
    """Whether ``path`` does not exist at all for a worker here: it lies in a folder the worker's
    mount namespace empties (/tmp, say, where a fresh clone may sit), so an attempt on it fails
    with FileNotFoundError before any sandbox has anything to refuse."""
    import os
    from grader.sandbox import kernel, namespaces
    if not kernel.probe().mount_namespace:
        return False
    real = os.path.realpath(path)
    return any(real.startswith(os.path.realpath(f) + "/") for f in namespaces.PRIVATE_FOLDERS)


def load_module(name, path):
    """Import the file at ``path`` as a module called ``name`` (trusted kit files only)."""
    from grader.assignment import load_file
    return load_file(path, name)


def copy_of_the_kit(dest: Path) -> Path:
    """``dest`` made a copy of the kit as a clone has it: the files git lists (tracked, and new ones not
    ignored), with their times. Skips the test outside a git checkout."""
    proc = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                          capture_output=True, text=True) if shutil.which("git") else None
    if proc is None or proc.returncode != 0:
        pytest.skip("not a git checkout: a clone's files are what git lists")
    for name in filter(None, proc.stdout.split("\0")):
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    return dest


def run_grader(*args, timeout=600, cwd=ROOT):
    """Run ``python -m grader ARGS`` as a user would; return the finished process."""
    return subprocess.run([sys.executable, "-m", "grader", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


def grade_folder(assignment, submissions, out):
    """Grade a folder through the command line; return scores.json as a dict keyed by student."""
    proc = run_grader("grade", "--assignment", assignment, "--submissions", submissions, "--out", out, "-q")
    assert proc.returncode == 0, proc.stderr
    name = Path(str(assignment)).name
    data = json.loads((Path(out) / name / "scores.json").read_text(encoding="utf-8"))
    return {s["student"]: s for s in data["students"]}


def without_times(value):
    """A scores.json or results.json value with every wall time left out (they differ run to run)."""
    if isinstance(value, dict):
        return {k: without_times(v) for k, v in value.items() if k not in ("seconds", "execution_time")}
    if isinstance(value, list):
        return [without_times(v) for v in value]
    return value


def assert_same_grades(one, two):
    """Two output folders hold the same files with the same bytes, wall times aside: JSON files
    compared without their times, summary.md without its slowest-submissions list."""
    one, two = Path(one), Path(two)
    files = sorted(p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two).as_posix() for p in two.rglob("*") if p.is_file())
    for name in files:
        a, b = (one / name).read_bytes(), (two / name).read_bytes()
        if name.endswith(".json"):
            a, b = without_times(json.loads(a)), without_times(json.loads(b))
        elif name == "summary.md":
            a, b = a.split(b"## Slowest")[0], b.split(b"## Slowest")[0]
        assert a == b, name
    return files


def pytest_configure(config):
    # Kit tests import assignment test modules, which carry the grader's marker.
    config.addinivalue_line("markers", "points(group, weight=1): the rubric group a graded test earns points for")


# Six of hw2's example submissions, one of each kind of result: the class the tests of grading in
# parts (test_shards, test_recipes, test_slurm) grade, and compare with one run over it (``hw2_six``).
HW2_SIX = ("reference", "sign_flipped", "stubs", "notebook_reference", "global_cache", "forward_difference")


@pytest.fixture(scope="session")
def hw2_six(tmp_path_factory):
    """(the folder of the six submissions, their grades from one run: <out>/hw2_compgraph/), made
    once for the session; both are read only."""
    tmp = tmp_path_factory.mktemp("hw2-six")
    for name in HW2_SIX:
        shutil.copytree(ROOT / "examples" / "submissions" / "hw2_compgraph" / name, tmp / "submissions" / name)
    proc = run_grader("grade", "-a", "hw2_compgraph", "-s", tmp / "submissions", "-o", tmp / "out", "-q")
    assert proc.returncode == 0, proc.stderr
    return tmp / "submissions", tmp / "out" / "hw2_compgraph"


@pytest.fixture(scope="session")
def toy_grades(tmp_path_factory):
    """The toy course's example submissions, graded once for the session."""
    out = tmp_path_factory.mktemp("toy-grades")
    students = grade_folder(TOY, COURSE / "examples" / "submissions" / "toy", out)
    return out / "toy", students
