"""The course's exports of every grade run: gradebook.csv, summary.md, histogram.png."""
import csv
import importlib.util
import re
import shutil

import yaml

from grader.report import summary
from grader.assignment import load
from grader.results import StudentResult
from grader.results import TestResult as _TestResult
from conftest import COURSE, TOY, grade_folder

MAX = sum(g.get("public", 0) + g.get("hidden", 0)
          for g in yaml.safe_load((TOY / "assignment.yaml").read_text())["rubric"])


def test_every_grade_run_writes_the_exports(toy_grades):
    out, students = toy_grades
    for name in ("gradebook.csv", "summary.md"):
        assert (out / name).is_file()
    png = out / "histogram.png"
    if importlib.util.find_spec("matplotlib"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    else:
        assert not png.exists()


def test_the_gradebook_has_one_row_per_student_with_total_and_max(toy_grades):
    out, students = toy_grades
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["student_id", "total", "max"]
    assert [r["student_id"] for r in rows] == sorted(students)
    for r in rows:
        assert abs(float(r["total"]) - students[r["student_id"]]["total"]) < 1e-4
        assert float(r["max"]) == MAX


def _section(text, title):
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_summary_has_pass_rates_histogram_and_slowest(toy_grades):
    out, students = toy_grades
    text = (out / "summary.md").read_text(encoding="utf-8")
    assert f"{len(students)} submissions, max {MAX:g} points." in text
    tests = _section(text, "Tests")
    names = {t["name"] for s in students.values() for t in s["tests"]}
    for name in names:
        ran = [t for s in students.values() for t in s["tests"] if t["name"] == name]
        passed = sum(t["passed"] for t in ran)
        row = next(line for line in tests.splitlines() if line.startswith(f"| {name} "))
        assert f"| {passed}/{len(ran)} " in row and f"| {round(100 * passed / len(ran))} % " in row
    counts = [int(m) for m in re.findall(r"^\[.*?[\])]\s+\[.*?[\])]\s+(\d+)", _section(text, "Scores"), re.M)]
    assert len(counts) == 10 and sum(counts) == len(students)
    assert counts[-1] == sum(1 for s in students.values() if s["total"] >= 0.9 * MAX)
    assert counts[0] == sum(1 for s in students.values() if s["total"] < 0.1 * MAX)
    slow = _section(text, "Slowest submissions").splitlines()
    first = next(line for line in slow if line.startswith("| ") and "student" not in line)
    slowest = max(students.values(), key=lambda s: s["seconds"])
    assert first.startswith(f"| {slowest['student']} ")


def _result(name, points):
    return StudentResult(student=name, status="ok", reason="", tests=[_TestResult(
        name="t", title="t", group="double", visibility="public", max_points=MAX, points=points, passed=True)])


def test_histogram_bins_include_their_low_edge_and_the_last_includes_the_maximum():
    a = load(str(TOY))
    totals = [0, MAX / 10, MAX / 10 - 0.01, MAX / 2, MAX - 0.01, MAX]
    rows = summary.histogram(a, [_result(f"s{i}", t) for i, t in enumerate(totals)])
    assert [c for _, _, c in rows] == [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]
    assert rows[0][0] == 0 and abs(rows[-1][1] - MAX) < 1e-12


def test_one_submission_gets_no_png_and_names_are_safe_in_tables(tmp_path):
    sub = tmp_path / "subs"
    shutil.copytree(COURSE / "examples" / "submissions" / "toy" / "reference", sub / "pipe|name")
    grade_folder(TOY, sub, tmp_path / "out")
    out = tmp_path / "out" / "toy"
    assert not (out / "histogram.png").exists()
    text = (out / "summary.md").read_text(encoding="utf-8")
    assert "| pipe\\|name " in text
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as f:
        assert list(csv.reader(f))[1] == ["pipe|name", f"{MAX:g}", f"{MAX:g}"]


def test_recorded_metrics_are_summarised_beside_their_baselines():
    def student(name, accuracy):
        test = _TestResult(name="test_trained", title="t", group="double", visibility="hidden", max_points=1,
                           points=1, passed=True,
                           metrics={"iris accuracy": {"value": accuracy, "reference": 0.98, "PyTorch": 0.97}})
        return StudentResult(student=name, status="ok", reason="", tests=[test])

    results = [student("a", 0.5), student("b", 0.9), student("c", 1.0), student("d", None)]
    text = summary.summary_md(load(str(TOY)), results)
    row = next(line for line in text.splitlines() if line.startswith("| iris accuracy"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    # metric, reference, PyTorch, mean, median, min, max, submissions
    assert cells == ["iris accuracy", "0.98", "0.97", f"{(0.5 + 0.9 + 1.0) / 3:.4g}", "0.9", "0.5", "1",
                     "3 (+1 none)"]
    assert "## Metrics" not in summary.summary_md(load(str(TOY)), [_result("e", 3)])
