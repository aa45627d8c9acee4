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
