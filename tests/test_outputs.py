"""What a grading run writes: scores.csv, scores.json, Gradescope's results.json, feedback.md."""
import csv
import json
import re

import pytest

from conftest import COURSE, TOY, grade_folder, run_grader

TOY_SUBMISSIONS = COURSE / "examples" / "submissions" / "toy"


def test_scores_csv_has_a_row_per_student_and_the_documented_columns(toy_grades):
    out, students = toy_grades
    with open(out / "scores.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["student", "double", "square", "scale", "total", "max", "percent", "status", "reason"]
    assert {r["student"] for r in rows} == set(students)
    row = next(r for r in rows if r["student"] == "wrong_above_100")
    assert float(row["double"]) == 2.625 and float(row["total"]) == 6.625 and float(row["max"]) == 7
    assert float(row["percent"]) == round(100 * 6.625 / 7, 2)
    assert all(r["status"] == "ok" or r["reason"] for r in rows)


def test_gradescope_results_follow_their_format(toy_grades):
    out, students = toy_grades
    for name in students:
        data = json.loads((out / "students" / name / "results.json").read_text(encoding="utf-8"))
        assert isinstance(data["score"], float | int) and isinstance(data["execution_time"], float | int)
        assert data["score"] == students[name]["total"]
        assert abs(sum(t["score"] for t in data["tests"]) - data["score"]) < 1e-9
        assert abs(sum(t["max_score"] for t in data["tests"]) - 7) < 1e-9
        for t in data["tests"]:
            assert set(t) == {"name", "score", "max_score", "status", "output", "visibility"}
            assert t["status"] in ("passed", "failed") and 0 <= t["score"] <= t["max_score"]
            assert t["visibility"] in ("visible", "after_published")
            if t["status"] == "failed":
                assert t["output"], f"a failed test of {name} says nothing"


def test_feedback_explains_failures_in_plain_words(toy_grades):
    out, _ = toy_grades
    text = (out / "students" / "wrong_above_100" / "feedback.md").read_text(encoding="utf-8")
    assert "Score: **6.625 / 7**" in text
    assert "1 of 4 checks failed" in text and "relative error" in text
    stub = (out / "students" / "stubs" / "feedback.md").read_text(encoding="utf-8")
    assert "double() is not implemented yet (twice x)" in stub
    torch = (out / "students" / "alpha_imports_torch" / "feedback.md").read_text(encoding="utf-8")
    assert "imports torch, which this assignment forbids" in torch


def test_the_cache_object_stays_in_the_worker_and_backward_accepts_it(toy_grades):
    out, students = toy_grades
    test = next(t for t in students["reference"]["tests"] if t["name"] == "test_scale_backward_uses_forward_cache")
    assert test["passed"] and test["notes"] == ["the cache stayed in the student's process"]


def _random_input(students, name):
    test = next(t for t in students[name]["tests"] if t["name"] == "test_square_random")
    return test["notes"][0]


def test_random_cases_differ_between_students_and_repeat_across_runs(toy_grades, tmp_path):
    _, students = toy_grades
    assert _random_input(students, "reference") != _random_input(students, "wrong_above_100")
    again = grade_folder(TOY, TOY_SUBMISSIONS, tmp_path)
    assert {n: s["total"] for n, s in again.items()} == {n: s["total"] for n, s in students.items()}
    assert _random_input(again, "reference") == _random_input(students, "reference")


def test_a_new_run_replaces_the_old_results_whole(tmp_path):
    sub = tmp_path / "subs"
    (sub / "alice").mkdir(parents=True)
    for f in (TOY_SUBMISSIONS / "reference").iterdir():
        (sub / "alice" / f.name).write_bytes(f.read_bytes())
    grade_folder(TOY, sub, tmp_path / "out")
    (tmp_path / "out" / "toy" / "stale.txt").write_text("from an older run")
    (sub / "alice").rename(sub / "bob")
    refused = run_grader("grade", "-a", TOY, "-s", sub, "-o", tmp_path / "out", "-q")
    assert refused.returncode == 2 and "(alice)" in refused.stderr  # alice would be dropped: not without --replace
    proc = run_grader("grade", "-a", TOY, "-s", sub, "-o", tmp_path / "out", "-q", "--replace")
    assert proc.returncode == 0, proc.stderr
    students = {s["student"]: s for s in json.loads((tmp_path / "out" / "toy" / "scores.json").read_text())["students"]}
    assert set(students) == {"bob"}
    assert sorted(p.name for p in (tmp_path / "out" / "toy").iterdir()) == [
        "gradebook.csv", "scores.csv", "scores.json", "students", "summary.md"]
    assert [p.name for p in (tmp_path / "out" / "toy" / "students").iterdir()] == ["bob"]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["toy"]


def test_table_format_is_selectable(tmp_path):
    proc = run_grader("grade", "-a", TOY, "-s", TOY_SUBMISSIONS, "-o", tmp_path, "-q", "--format", "grid")
    assert proc.returncode == 0 and re.search(r"^\+[-+]+\+$", proc.stdout, re.M)
    proc = run_grader("grade", "-a", TOY, "-s", TOY_SUBMISSIONS, "-o", tmp_path, "-q", "--format", "latex")
    assert "\\begin{tabular}" in proc.stdout


def test_check_runs_only_public_tests_and_fails_until_they_pass():
    stub = run_grader("check", TOY, "--path", TOY_SUBMISSIONS / "stubs")
    assert stub.returncode == 1
    assert "double() is not implemented yet" in stub.stdout and "0 passed, 2 failed" in stub.stdout
    assert "hidden" not in stub.stdout
    good = run_grader("check", TOY, "--path", TOY_SUBMISSIONS / "reference")
    assert good.returncode == 0 and "2 passed, 0 failed" in good.stdout


def test_bad_input_gets_a_one_line_error_naming_the_file(tmp_path):
    proc = run_grader("grade", "-a", "no_such_assignment", "-o", tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "no_such_assignment/assignment.yaml" in proc.stderr
    proc = run_grader("grade", "-a", TOY, "-s", tmp_path / "missing", "-o", tmp_path)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "missing" in proc.stderr


def test_every_subcommand_has_help():
    for command in ("grade", "check", "assignments", "release"):
        proc = run_grader(command, "--help")
        assert proc.returncode == 0 and "usage: python -m grader " + command in proc.stdout


def test_a_student_named_like_an_output_file_is_graded_and_lost_nothing(tmp_path):
    sub = tmp_path / "subs"
    for name in ("scores.csv", "summary.md", "students"):
        (sub / name).mkdir(parents=True)
        for f in (TOY_SUBMISSIONS / "reference").iterdir():
            (sub / name / f.name).write_bytes(f.read_bytes())
    students = grade_folder(TOY, sub, tmp_path / "out")
    assert {n: s["total"] for n, s in students.items()} == {"scores.csv": 7, "summary.md": 7, "students": 7}
    assert (tmp_path / "out" / "toy" / "students" / "scores.csv" / "feedback.md").is_file()


def test_the_public_check_reports_a_warning_even_when_the_test_passes(tmp_path):
    from conftest import ROOT
    reference = ROOT / "examples" / "submissions" / "hw1_derivatives" / "reference" / "derivatives.py"
    text = reference.read_text(encoding="utf-8")
    start = text.index("def sigmoid(x)")
    end = text.index("\ndef ", start + 5)
    naive = text[:start] + "def sigmoid(x):\n    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))\n\n" + text[end:]
    (tmp_path / "naive").mkdir()
    (tmp_path / "naive" / "derivatives.py").write_text(naive, encoding="utf-8")
    proc = run_grader("check", "hw1_derivatives", "--path", tmp_path / "naive")
    section = proc.stdout.split("## sigmoid")[1].split("## ")[0]
    assert "✓ sigmoid: the handout's cases" in section
    assert "your code raised a warning: sigmoid(): RuntimeWarning: overflow encountered in exp" in section
    clean = run_grader("check", "hw1_derivatives", "--path", reference.parent)
    assert clean.returncode == 0 and "raised a warning" not in clean.stdout


@pytest.mark.parametrize("count, extra", [(3, {"fingerprint": "f00d", "sandbox": {"description": "Zoë’s", "n": [1]}}),
                                          (0, {}), (1, {"shard": {"index": 1, "count": 2}})])
def test_scores_json_written_one_student_at_a_time_is_the_whole_documents_text(tmp_path, count, extra):
    from grader.report import report
    from grader.assignment import load
    from grader.results import StudentResult, TestResult
    toy = load(str(TOY))
    results = [StudentResult(f"s{i}", "ok" if i else "error", "" if i else "a reason\nwith “quotes” \\ and Zoë",
                             tests=[TestResult(f"test_{j}", "t", toy.groups[0].name, "public", 1.0, 0.5 * j, j > 0,
                                               message="line one\n  line two") for j in range(2)],
                             notes=["a note"]) for i in range(count)]
    report.write_scores_json(tmp_path / "scores.json", toy, results, extra)
    assert (tmp_path / "scores.json").read_text(encoding="utf-8") == json.dumps(
        {**report.scores_json(toy, results), **extra}, indent=1, ensure_ascii=False)
