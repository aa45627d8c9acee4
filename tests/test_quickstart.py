"""After the quickstart's `make grade`, shards merge into the bundled examples' grades; a refusal from
`make` names make's variables (REPLACE=1), not options. The README's own sequence (the examples, a
class, a regrade, the refusal in make's words) runs as printed in tests/test_docs_commands.py."""
import json
import os
import shutil
import subprocess
import sys

from conftest import COURSE, ROOT

from grader.cli import said

VIA_MAKE = {**os.environ, said.VIA_MAKE: "1"}


def _toy_kit(tmp_path):
    """The toy assignment laid out as the kit lays out its own: assignments/, solutions/ and its bundled
    examples (two of them, so that a run is quick); returns its assignment folder."""
    kit = tmp_path / "kit"
    for part in ("assignments", "solutions"):
        shutil.copytree(COURSE / part / "toy", kit / part / "toy")
    examples = kit / "examples" / "submissions" / "toy"
    for name in ("reference", "stubs"):
        shutil.copytree(COURSE / "examples" / "submissions" / "toy" / name, examples / name)
    return kit / "assignments" / "toy"


def _course_folder(tmp_path, *names):
    folder = tmp_path / "course" / "toy"
    for name in names:
        shutil.copytree(COURSE / "examples" / "submissions" / "toy" / "reference", folder / name)
    return folder


def _grader(*args, env=None):
    return subprocess.run([sys.executable, "-m", "grader", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=env)


def test_said_writes_each_option_as_its_make_variable_only_under_make(monkeypatch):
    text = ("x/ holds grades of 2 student(s) (a, b); nothing was replaced: pass --replace to drop them, or "
            "--student NAME to regrade; --shard 5/3: K/N; another --out; --resume; --seed; --replace-all")
    monkeypatch.delenv(said.VIA_MAKE, raising=False)
    assert said.said(text) == text
    monkeypatch.setenv(said.VIA_MAKE, "1")
    assert said.said(text) == (
        "x/ holds grades of 2 student(s) (a, b); nothing was replaced: pass REPLACE=1 to drop them, or "
        "STUDENT=NAME to regrade; SHARD=5/3: K/N; another OUT=<folder>; RESUME=1; SEED=<salt>; --replace-all")


def test_shards_merge_into_the_examples_grades_as_printed(tmp_path):
    toy = _toy_kit(tmp_path)
    out = tmp_path / "grades"
    assert _grader("grade", "-a", toy, "--out", out, "-q", "--jobs", "1").returncode == 0
    course = _course_folder(tmp_path, "carol", "dave", "erin")
    shards = []
    for k in (1, 2):
        shard = tmp_path / "shards" / str(k)
        proc = _grader("grade", "-a", toy, "-s", course, "-o", shard, "--shard", f"{k}/2", "-q", "--jobs", "1")
        assert proc.returncode == 0, proc.stderr
        shards.append(shard / "toy")
    proc = _grader("merge", *shards, "--assignment", toy, "--out", out / "toy", "-q", env=VIA_MAKE)
    assert proc.returncode == 0, proc.stderr
    data = json.loads((out / "toy" / "scores.json").read_text())
    assert sorted(s["student"] for s in data["students"]) == ["carol", "dave", "erin"]
