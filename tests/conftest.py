"""Shared helpers of the kit's own tests."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COURSE = Path(__file__).resolve().parent / "fixtures" / "course"
TOY = COURSE / "assignments" / "toy"


def load_module(name, path):
    """Import the file at ``path`` as a module called ``name`` (trusted kit files only)."""
    from grader.assignment import load_file
    return load_file(path, name)


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


def pytest_configure(config):
    # Kit tests import assignment test modules, which carry the grader's marker.
    config.addinivalue_line("markers", "points(group, weight=1): the rubric group a graded test earns points for")


@pytest.fixture(scope="session")
def toy_grades(tmp_path_factory):
    """The toy course's example submissions, graded once for the session."""
    out = tmp_path_factory.mktemp("toy-grades")
    students = grade_folder(TOY, COURSE / "examples" / "submissions" / "toy", out)
    return out / "toy", students
