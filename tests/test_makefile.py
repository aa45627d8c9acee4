"""The Makefile passes its variables as data: each reaches the grader as the one argument it
was (or, for STUDENT and SHARDS, as the words it lists), whatever shell characters it holds."""
import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="no make on this machine")

HOSTILE = "carol;>x $(touch y) $(shell touch s) `touch z` 'q' \"d\" & |w"


@pytest.fixture
def kit(tmp_path):
    """A copy of the Makefile whose .venv counts as installed and whose Python records its arguments."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "pyproject.toml").write_text("")
    os.utime(tmp_path / "pyproject.toml", (1_000_000_000, 1_000_000_000))
    venv = tmp_path / ".venv"
    venv.mkdir()
    for name in (".installed", ".installed-plots", ".installed-similarity"):
        (venv / name).write_text("")
    recorder = tmp_path / "record.py"
    recorder.write_text(f"#!{sys.executable}\nimport json, sys\n"
                        "with open('args.json', 'a') as f:\n    f.write(json.dumps(sys.argv[1:]) + '\\n')\n")
    recorder.chmod(0o755)
    return tmp_path


def make(kit, target, **variables):
    """Run ``make TARGET VAR=value ...`` in the copy; return the argument lists its commands got."""
    proc = subprocess.run(["make", "-s", target, f"PY={kit / 'record.py'}",
                           *(f"{k}={v}" for k, v in variables.items())],
                          cwd=kit, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    stray = sorted(p.name for p in kit.iterdir())
    assert stray == [".venv", "Makefile", "args.json", "pyproject.toml", "record.py"], stray
    return [json.loads(line) for line in (kit / "args.json").read_text().splitlines()]


def test_grade_passes_every_variable_as_one_argument_and_students_as_words(kit):
    calls = make(kit, "grade", ASSIGNMENT="hw1 ;x", SUBMISSIONS=HOSTILE, FORMAT="$(touch y)", JOBS="2;x",
                 SHARD="1/2 >x", COURSE="c'ourse.yaml", STUDENT="carol;>x dave|x", REPLACE="1")
    assert calls == [["-m", "grader", "grade", "--assignment", "hw1 ;x", "--submissions", HOSTILE,
                      "--format", "$(touch y)", "--jobs", "2;x", "--student", "carol;>x", "--student", "dave|x",
                      "--replace", "--shard", "1/2 >x", "--course", "c'ourse.yaml"]]


def test_grade_without_variables_passes_the_defaults_only(kit):
    assert make(kit, "grade") == [["-m", "grader", "grade", "--format", "github"]]


def test_merge_export_similarity_check_gradescope_and_worksheet_pass_data(kit):
    make(kit, "merge", SHARDS="a;x b'c", ASSIGNMENT="t&x", FORMAT=">x")
    make(kit, "export", EXPORT="csv;x", COURSE="`touch z`")
    make(kit, "similarity", ASSIGNMENT="h$(touch y)", SUBMISSIONS="s|x")
    make(kit, "check", ASSIGNMENT="h;x")
    make(kit, "gradescope", ASSIGNMENT="h>x")
    make(kit, "worksheet", ASSIGNMENT="w;x", ROSTER="r>x")
    calls = make(kit, "worksheet", ASSIGNMENT="w", STUDENT="a;x b")
    assert calls == [
        ["-m", "grader", "merge", "a;x", "b'c", "--assignment", "t&x", "--format", ">x"],
        ["-m", "grader", "export", "csv;x", "--course", "`touch z`"],
        ["-m", "grader", "similarity", "h$(touch y)", "--submissions", "s|x"],
        ["-m", "grader", "check", "h;x"],
        ["-m", "grader", "gradescope", "--assignment", "h>x"],
        ["-m", "grader", "worksheet", "w;x", "--all", "--roster", "r>x"],
        ["-m", "grader", "worksheet", "w", "--student", "a;x", "--student", "b"],
    ]


def test_a_usage_check_is_not_fooled_by_quotes(kit):
    proc = subprocess.run(["make", "-s", "merge", f"PY={kit / 'record.py'}", "SHARDS=\" ;touch x; \""],
                          cwd=kit, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert not (kit / "x").exists()
    assert json.loads((kit / "args.json").read_text()) == ["-m", "grader", "merge", "\"", ";touch", "x;", "\"",
                                                           "--format", "github"]


def test_the_student_release_makefile_passes_the_assignment_as_data(kit):
    from grader.staff.release import STUDENT_MAKEFILE
    (kit / "Makefile").write_text(STUDENT_MAKEFILE)
    assert make(kit, "check", ASSIGNMENT="hw1;>x $(shell touch y) 'q'") == [
        ["-m", "grader", "check", "hw1;>x $(shell touch y) 'q'"]]


def test_make_clean_keeps_the_grades_and_clean_grades_removes_them(kit):
    """grades/ holds real grades: `make clean` removes what the kit made for itself and keeps them."""
    (kit / "grades" / "hw1").mkdir(parents=True)
    (kit / "grades" / "hw1" / "scores.csv").write_text("student,total\nada,30\n")
    (kit / "dist").mkdir()
    subprocess.run(["make", "-s", "clean"], cwd=kit, check=True, timeout=60)
    assert (kit / "grades" / "hw1" / "scores.csv").is_file()
    assert not (kit / ".venv").exists() and not (kit / "dist").exists()
    subprocess.run(["make", "-s", "clean-grades"], cwd=kit, check=True, timeout=60)
    assert not (kit / "grades").exists()


def test_out_resume_and_seed_pass_as_data_and_the_grader_hears_it_came_from_make(kit):
    recorder = kit / "record.py"
    recorder.write_text(f"#!{sys.executable}\nimport json, os, sys\n"
                        "with open('args.json', 'a') as f:\n"
                        "    f.write(json.dumps(sys.argv[1:] + [os.environ.get('NNGRADER_VIA_MAKE')]) + '\\n')\n")
    grade = make(kit, "grade", OUT="o;x", RESUME="1", SEED="s'x")
    assert grade == [["-m", "grader", "grade", "--format", "github", "--out", "o;x", "--resume", "--seed", "s'x", "1"]]
    (kit / "args.json").unlink()
    merge = make(kit, "merge", SHARDS="a b", OUT="o", REPLACE="1", SEED="s")
    assert merge == [["-m", "grader", "merge", "a", "b", "--format", "github", "--replace", "--out", "o",
                      "--seed", "s", "1"]]


def test_grade_and_merge_install_the_plots_extra_and_check_does_not(kit):
    """histogram.png is drawn with matplotlib: `make grade` on a fresh machine installs it; a student's
    `make check` needs none of it."""
    (kit / ".venv" / ".installed-plots").unlink()
    assert make(kit, "check", ASSIGNMENT="hw1") == [["-m", "grader", "check", "hw1"]]
    calls = make(kit, "grade")
    assert calls[-3:] == [["-m", "grader.requirements", "plots"],
                          ["-m", "pip", "install", "--quiet", "--disable-pip-version-check"],
                          ["-m", "grader", "grade", "--format", "github"]]
    assert (kit / ".venv" / ".installed-plots").exists()
    (kit / ".venv" / ".installed-plots").unlink()
    (kit / "args.json").unlink()
    assert make(kit, "merge", SHARDS="a")[0] == ["-m", "grader.requirements", "plots"]


def test_a_venv_without_pip_is_named_with_its_fix_in_one_line(kit):
    """Debian's python3 without python3-venv makes a .venv with no pip: every target would stop on
    "No module named pip"; instead the first names the package to install and what to remove."""
    (kit / ".venv" / ".installed").unlink()
    (kit / ".venv" / "bin").mkdir()
    python = kit / ".venv" / "bin" / "python"
    python.write_text("#!/bin/sh\necho \"$0: No module named pip\" >&2\nexit 1\n")
    python.chmod(0o755)
    proc = subprocess.run(["make", "-s", "grade"], cwd=kit, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    said = [line for line in proc.stdout.splitlines() if "pip" in line]
    assert len(said) == 1 and "apt install python3-venv" in said[0] and "rm -r .venv" in said[0], proc.stdout


def test_release_takes_the_assignments_to_release_as_words(kit):
    assert make(kit, "release") == [["-m", "grader", "release"]]
    (kit / "args.json").unlink()
    assert make(kit, "release", ASSIGNMENT="hw1_derivatives hw2;x") == [
        ["-m", "grader", "release", "--assignment", "hw1_derivatives", "--assignment", "hw2;x"]]
