"""The README's quickstart, in its order: `make grade` grades the bundled examples into grades/, and
the commands the README gives next (a course's own folder, a regrade, shards merged) then work as
printed into the same folder. A refusal from `make` names make's variables (REPLACE=1), not options."""
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


def test_after_the_examples_the_readme_s_next_commands_work_as_printed(tmp_path):
    toy = _toy_kit(tmp_path)
    out = tmp_path / "grades"
    first = _grader("grade", "-a", toy, "--out", out, "-q", "--jobs", "1", env=VIA_MAKE)  # `make grade`
    assert first.returncode == 0, first.stderr
    assert json.loads((out / "toy" / "scores.json").read_text())["examples"] is True

    # `make grade ASSIGNMENT=... SUBMISSIONS=~/course/...`: the examples' grades are no one's, so replaced
    course = _course_folder(tmp_path, "carol", "dave")
    proc = _grader("grade", "-a", toy, "-s", course, "--out", out, "-q", "--jobs", "1", env=VIA_MAKE)
    assert proc.returncode == 0, proc.stderr
    data = json.loads((out / "toy" / "scores.json").read_text())
    assert [s["student"] for s in data["students"]] == ["carol", "dave"] and "examples" not in data

    # `make grade ... STUDENT=carol`
    proc = _grader("grade", "-a", toy, "-s", course, "--out", out, "-q", "--student", "carol", env=VIA_MAKE)
    assert proc.returncode == 0, proc.stderr

    # The course's grades are real: a run without carol is refused, in make's words under make.
    shutil.rmtree(course / "carol")
    proc = _grader("grade", "-a", toy, "-s", course, "--out", out, "-q", env=VIA_MAKE)
    assert proc.returncode == 2
    assert "REPLACE=1" in proc.stderr and "STUDENT=NAME" in proc.stderr and "--" not in proc.stderr, proc.stderr
    plain = _grader("grade", "-a", toy, "-s", course, "--out", out, "-q", env={**VIA_MAKE, said.VIA_MAKE: ""})
    assert plain.returncode == 2 and "pass --replace" in plain.stderr, plain.stderr
    assert [s["student"] for s in json.loads((out / "toy" / "scores.json").read_text())["students"]] == \
        ["carol", "dave"]


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
