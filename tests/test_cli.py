"""The command line's shape: --version, the assignment given either way, every output named in --help."""
import re

import pytest

from conftest import ROOT, run_grader


def test_version_is_the_project_s():
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M).group(1)
    proc = run_grader("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"nngrader {version}"


@pytest.mark.parametrize("command", ["check", "classroom"])
def test_the_assignment_is_positional_or_an_option(command, tmp_path):
    extra = ["--output", tmp_path / "out"] if command == "classroom" else []
    path = ROOT / "solutions" / "hw1_derivatives"
    positional = run_grader(command, "hw1_derivatives", "--path", path, *extra)
    option = run_grader(command, "-a", "hw1_derivatives", "--path", path, *extra)
    assert positional.returncode == option.returncode == 0, positional.stderr + option.stderr
    assert re.sub(r"\d+\.\d+ ?s", "", positional.stdout) == re.sub(r"\d+\.\d+ ?s", "", option.stdout)


def test_a_command_of_one_assignment_given_none_or_two_says_so_in_one_line():
    for args in (["gradescope"], ["check", "hw1_derivatives", "-a", "hw2_compgraph"]):
        proc = run_grader(*args)
        assert proc.returncode == 2 and proc.stderr.strip().count("\n") == 0
        assert "give one assignment" in proc.stderr


def test_grade_help_names_every_file_a_run_writes():
    text = " ".join(run_grader("grade", "--help").stdout.split())
    for name in ("scores.csv", "scores.json", "gradebook.csv", "summary.md", "histogram.png", "results.json",
                 "feedback.md", "canvas.csv", "moodle.csv", "grades.csv", "sheet.csv", "sheet.md", "unmatched.csv"):
        assert name in text, name
    assert "similarity.html" in " ".join(run_grader("similarity", "--help").stdout.split())
    export = " ".join(run_grader("export", "--help").stdout.split())
    assert all(f"<grades>/course/{f}" in export for f in ("canvas.csv", "moodle.csv", "grades.csv", "sheet.csv"))


def test_a_shard_s_hint_to_merge_is_in_the_words_of_the_command_that_graded_it(monkeypatch):
    from grader.cli import commands, said
    from grader.grading.shard import parse
    monkeypatch.setenv(said.VIA_MAKE, "1")
    assert commands._merge_hint(parse("1/3"), "hw2", "c.yaml") == (
        "shard 1/3: once all 3 parts are graded, join them: make merge ASSIGNMENT=hw2 "
        "SHARDS=\"<each part's hw2/ folder>\" COURSE=c.yaml (it makes the course's rows and exports)")
    monkeypatch.delenv(said.VIA_MAKE)
    assert commands._merge_hint(parse("2/2"), "hw2", None) == (
        "shard 2/2: once all 2 parts are graded, join them: python -m grader merge <each part's hw2/ folder>")
