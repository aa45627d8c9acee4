"""The terminal's score table fits the terminal (COLUMNS, else 100): past its width the groups'
columns go, then the reasons are cut, and a last line says where they are whole."""
import os
import subprocess
import sys

from grader.assignment import load
from grader.report import report
from grader.results import StudentResult
from conftest import ROOT, TOY

RESULTS = [StudentResult(student="ada", status="ok", reason=""),
           StudentResult(student="bob_with_a_long_folder_name", status="sandbox",
                         reason="the submission tried something not allowed while grading: reading /etc/hostname"),
           StudentResult(student="cy", status="timeout", reason="importing beta.py did not finish within 2 s")]


def _widest(text):
    return max(len(line) for line in text.splitlines())


def test_a_wide_terminal_gets_every_column_and_a_narrow_one_the_totals_with_cut_reasons():
    a = load(str(TOY))
    wide = report.table(a, RESULTS, width=200)
    assert "double /3" in wide and "reading /etc/hostname" in wide and "cut to fit" not in wide
    for width in (100, 80, 70):
        text = report.table(a, RESULTS, width=width)
        assert _widest(text) <= width, (width, text)
        assert "total /7" in text and "double /3" not in text, (width, text)
        assert "(reasons cut" in text or "(groups' points and reasons cut" in text
        assert "summary.md" in text
    assert "sandbox: the submission tried something" in report.table(a, RESULTS, width=100)
    assert "| sandbox " in report.table(a, RESULTS, width=40)  # no room left for a reason


def test_files_formats_are_not_fitted():
    text = report.table(load(str(TOY)), RESULTS, "latex", width=40)
    assert "double /3" in text and "sandbox: the submission tried something not allowed while grading: r…" in text
    assert "cut to fit" not in text


def test_the_width_is_columns_else_100_where_it_is_unknown():
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    code = "from grader.report import report; print(report.terminal_width())"
    widths = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                             env={**env, **extra}).stdout.strip() for extra in ({}, {"COLUMNS": "70"})]
    assert widths == ["100", "70"]
