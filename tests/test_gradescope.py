"""Gradescope's autograder zip, run in a simulated /autograder tree: results.json to their spec, always."""
import errno
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from conftest import COURSE, ROOT, TOY, run_grader

TOY_SUBMISSIONS = COURSE / "examples" / "submissions" / "toy"
VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}
TOP_KEYS = {"score", "execution_time", "output", "output_format", "test_output_format", "test_name_format",
            "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard"}
TEST_KEYS = {"score", "max_score", "status", "name", "name_format", "number", "output", "output_format",
             "tags", "visibility", "extra_data"}


def validate(data) -> list[str]:
    """What is wrong with ``data`` as a Gradescope results.json (their published format)."""
    problems = []
    if not isinstance(data, dict):
        return ["not a JSON object"]
    problems += [f"unknown top-level key {k}" for k in set(data) - TOP_KEYS]
    number = (int, float)
    if "score" not in data and not all("score" in t for t in data.get("tests", [])):
        problems.append("no score, neither overall nor on every test")
    if "score" in data and (not isinstance(data["score"], number) or isinstance(data["score"], bool)):
        problems.append("score is not a number")
    if "execution_time" in data and not isinstance(data["execution_time"], number):
        problems.append("execution_time is not a number")
    for key in ("visibility", "stdout_visibility"):
        if key in data and data[key] not in VISIBILITIES:
            problems.append(f"{key} {data[key]!r} is not one of {sorted(VISIBILITIES)}")
    if "output" in data and not isinstance(data["output"], str):
        problems.append("output is not a string")
    if "extra_data" in data and not isinstance(data["extra_data"], dict):
        problems.append("extra_data is not an object")
    if not isinstance(data.get("tests", []), list):
        return problems + ["tests is not a list"]
    for i, t in enumerate(data.get("tests", [])):
        problems += [f"tests[{i}]: unknown key {k}" for k in set(t) - TEST_KEYS]
        for key in ("score", "max_score"):
            if key in t and not isinstance(t[key], number):
                problems.append(f"tests[{i}].{key} is not a number")
        if "status" in t and t["status"] not in ("passed", "failed"):
            problems.append(f"tests[{i}].status {t['status']!r}")
        if "visibility" in t and t["visibility"] not in VISIBILITIES:
            problems.append(f"tests[{i}].visibility {t['visibility']!r}")
        if not isinstance(t.get("name", ""), str) or not isinstance(t.get("output", ""), str):
            problems.append(f"tests[{i}]: name and output must be strings")
    return problems


def test_the_validator_itself_catches_what_gradescope_refuses():
    assert validate({"score": 1, "tests": []}) == []
    assert validate({"score": "1"}) and validate({"tests": [{"name": "x"}]})
    assert validate({"score": 1, "tests": [{"score": 1, "status": "ok"}]})
    assert validate({"score": 1, "visibility": "public"}) and validate({"score": 1, "scores": 2})


@pytest.fixture(scope="module")
def toy_zip(tmp_path_factory):
    out = tmp_path_factory.mktemp("gradescope")
    proc = run_grader("gradescope", "--assignment", TOY, "--out", out)
    assert proc.returncode == 0, proc.stderr
    return out / "toy.zip"


def simulate(zip_path: Path, tree: Path, files: Path | None, *, email: str | None = None, python=sys.executable,
             break_source=None) -> dict:
    """Lay out an /autograder tree at ``tree`` as Gradescope does, run run_autograder, return results.json."""
    with zipfile.ZipFile(zip_path) as z:
        z.extractall(tree / "source")
        for info in z.infolist():  # zipfile drops the permission bits; Gradescope keeps them
            os.chmod(tree / "source" / info.filename, (info.external_attr >> 16) & 0o777 or 0o644)
    shutil.copy(tree / "source" / "run_autograder", tree / "run_autograder")
    (tree / "submission").mkdir()
    if files is not None and files.is_dir():
        shutil.copytree(files, tree / "submission", dirs_exist_ok=True)
    elif files is not None:
        shutil.copy(files, tree / "submission" / files.name)
    if email:
        (tree / "submission_metadata.json").write_text(json.dumps({"users": [{"email": email, "id": 1,
                                                                              "name": "A Student"}]}))
    if break_source:
        break_source(tree / "source")
    env = {**os.environ, "AUTOGRADER_ROOT": str(tree), "AUTOGRADER_PYTHON": str(python)}
    for attempt in range(20):
        try:
            proc = subprocess.run([str(tree / "run_autograder")], cwd=tree, env=env, capture_output=True,
                                  text=True, timeout=300)
            break
        except OSError as e:  # ETXTBSY: another thread's fork still held the copy open for writing
            if e.errno != errno.ETXTBSY or attempt == 19:
                raise
            time.sleep(0.05)
    assert proc.returncode == 0, proc.stderr
    results = tree / "results" / "results.json"
    assert results.is_file(), f"no results.json: {proc.stderr[-2000:]}"
    data = json.loads(results.read_text(encoding="utf-8"))
    assert validate(data) == [], validate(data)
    return data


def test_the_zip_has_gradescopes_files_at_its_root_and_everything_grading_needs(toy_zip):
    with zipfile.ZipFile(toy_zip) as z:
        names = set(z.namelist())
        modes = {i.filename: (i.external_attr >> 16) & 0o777 for i in z.infolist()}
        texts = {n: z.read(n).decode() for n in ("requirements.txt", "setup.sh", "run_autograder")}
    assert {"setup.sh", "run_autograder", "requirements.txt"} <= names
    assert modes["run_autograder"] & 0o111 and modes["setup.sh"] & 0o111
    assert "grader/staff/gradescope.py" in names and "grader/runs/run.py" in names
    for test in (COURSE / "solutions" / "toy" / "tests").glob("*.py"):
        assert f"solutions/toy/tests/{test.name}" in names, "the hidden tests are what Gradescope grades with"
    assert {"solutions/toy/alpha.py", "solutions/toy/beta.py", "assignments/toy/assignment.yaml"} <= names
    assert not [n for n in names if "examples/" in n or "__pycache__" in n]
    assert "numpy" in texts["requirements.txt"] and "pytest" in texts["requirements.txt"]
    for script in ("setup.sh", "run_autograder"):
        text = texts[script]
        assert text.startswith("#!/usr/bin/env bash")
        check = subprocess.run(["bash", "-n"], input=text, capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


def test_every_toy_example_gets_the_score_make_grade_gives_it(toy_zip, toy_grades, tmp_path):
    _, students = toy_grades
    entries = sorted(p for p in TOY_SUBMISSIONS.iterdir() if p.name != "expected.yaml")

    def one(entry):
        name = entry.stem if entry.suffix == ".zip" else entry.name
        return name, simulate(toy_zip, tmp_path / name, entry, email=name)

    with ThreadPoolExecutor(max_workers=4) as pool:
        got = dict(pool.map(one, entries))
    assert set(got) == set(students)
    for name, data in got.items():
        want = students[name]
        assert abs(data["score"] - want["total"]) < 1e-9, (name, data["score"], want["total"])
        assert data["extra_data"]["status"] == want["status"], name
        by_name = {t["name"]: t["points"] for t in want["tests"]}
        assert abs(sum(t["score"] for t in data["tests"]) - sum(by_name.values())) < 1e-9
        assert abs(sum(t["max_score"] for t in data["tests"]) - 7) < 1e-9


def test_a_repository_shaped_submission_is_found_and_an_empty_one_scores_zero(toy_zip, tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(TOY_SUBMISSIONS / "reference", repo / "assignments" / "toy")
    (repo / "README.md").write_text("a student's repository")
    data = simulate(toy_zip, tmp_path / "from-repo", repo, email="reference")
    assert data["score"] == 7
    empty = simulate(toy_zip, tmp_path / "empty", None)
    assert empty["score"] == 0 and empty["extra_data"]["status"] == "missing" and empty["output"]


def test_results_json_is_written_even_when_the_grader_fails(toy_zip, tmp_path):
    def corrupt(source):
        (source / "assignments" / "toy" / "assignment.yaml").write_text("title: [unclosed\n")

    data = simulate(toy_zip, tmp_path / "broken-config", TOY_SUBMISSIONS / "reference", break_source=corrupt)
    assert data["score"] == 0 and data["tests"] == []
    assert "could not grade" in data["output"] and "assignment.yaml" in data["extra_data"]["error"]
    assert data["output_format"] == "text"

    data = simulate(toy_zip, tmp_path / "no-python", TOY_SUBMISSIONS / "reference", python="/bin/false")
    assert data["score"] == 0 and "stopped" in data["output"]
    assert data["extra_data"]["status"] == "grader error"
    assert data["output_format"] == "text"  # docs/specs.md: the top-level default, simple_format, is HTML


REAL = sorted(p.parent.name for p in (ROOT / "examples" / "submissions").glob("*/expected.yaml")
              if (ROOT / "solutions" / p.parent.name / "tests").is_dir()
              or (ROOT / "solutions" / p.parent.name / "steps.py").is_file())  # a worksheet


@pytest.mark.parametrize("assignment", REAL)
def test_real_assignments_grade_in_the_simulated_tree_as_their_examples_expect(assignment, tmp_path):
    proc = run_grader("gradescope", "--assignment", assignment, "--out", tmp_path)
    assert proc.returncode == 0, proc.stderr
    expected = yaml.safe_load((ROOT / "examples" / "submissions" / assignment / "expected.yaml").read_text())
    examples = [n for n in ("reference", "stubs") if n in expected]  # every example: test_examples.py

    def one(name):
        return name, simulate(tmp_path / f"{assignment}.zip", tmp_path / name,
                              ROOT / "examples" / "submissions" / assignment / name, email=name)

    with ThreadPoolExecutor(max_workers=len(examples)) as pool:
        for name, data in pool.map(one, examples):
            assert abs(data["score"] - expected[name]["total"]) < 1e-6, (name, data["score"], expected[name])
            assert data["extra_data"]["status"] == expected[name]["status"]


def test_the_new_subcommands_have_help_and_bad_input_gets_one_line(tmp_path):
    for command in ("gradescope", "classroom"):
        proc = run_grader(command, "--help")
        assert proc.returncode == 0 and "usage: python -m grader " + command in proc.stdout
    proc = run_grader("gradescope", "--assignment", "no_such_assignment", "--out", tmp_path)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert "no_such_assignment/assignment.yaml" in proc.stderr


def test_a_bare_notebook_upload_is_graded(toy_zip, tmp_path):
    upload = tmp_path / "upload"
    upload.mkdir()
    proc = subprocess.run([sys.executable, "-m", "grader", "notebook", "build", "-a", str(TOY), "--reference",
                           "-o", str(upload / "my work.ipynb")], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    data = simulate(toy_zip, tmp_path / "tree", upload, email="reference")
    assert data["score"] == 7 and data["extra_data"]["status"] == "ok"


def test_a_failed_build_leaves_no_zip_half_written(tmp_path, monkeypatch):
    from grader import assignment
    from grader.staff import gradescope
    out = tmp_path / "gs"
    out.mkdir()
    (out / "toy.zip").write_bytes(b"the autograder already uploaded")
    written = []

    def failing(self, info, data, *args, **kwargs):
        written.append(info)
        if len(written) == 5:
            raise OSError("disk full")
        return real(self, info, data, *args, **kwargs)

    real = zipfile.ZipFile.writestr
    monkeypatch.setattr(zipfile.ZipFile, "writestr", failing)
    with pytest.raises(OSError, match="disk full"):
        gradescope.build(assignment.load(str(TOY)), out)
    assert [p.name for p in out.iterdir()] == ["toy.zip"]
    assert (out / "toy.zip").read_bytes() == b"the autograder already uploaded"


def test_a_stale_documented_value_stops_the_build(tmp_path):
    course = tmp_path / "course"
    shutil.copytree(COURSE, course)
    documented = course / "assignments" / "toy" / "tests" / "documented.json"
    values = json.loads(documented.read_text())
    documented.write_text(json.dumps(_scaled(values, 1 + 1e-6)))
    proc = run_grader("gradescope", "--assignment", course / "assignments" / "toy", "--out", tmp_path / "gs")
    assert proc.returncode == 2 and "documented.json: stale" in proc.stderr and "make assignments" in proc.stderr
    assert not (tmp_path / "gs").exists() or list((tmp_path / "gs").iterdir()) == []
    documented.write_text(json.dumps(_scaled(values, 1 + 2 ** -52)))  # one ulp or so: the same numbers
    proc = run_grader("gradescope", "--assignment", course / "assignments" / "toy", "--out", tmp_path / "gs")
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in (tmp_path / "gs").iterdir()] == ["toy.zip"]


def _scaled(value, factor):
    if isinstance(value, dict):
        return {k: _scaled(v, factor) for k, v in value.items()}
    if isinstance(value, list):
        return [_scaled(v, factor) for v in value]
    return value * factor if isinstance(value, float) else value


def test_a_worksheet_on_gradescope_is_graded_on_the_numbers_of_the_students_email(tmp_path):
    from grader import assignment
    from grader.worksheet import steps as worksheet
    from grader.worksheet.sheet import answer_text, markdown
    name = "ws1_network_231"
    proc = run_grader("gradescope", "--assignment", name, "--out", tmp_path)
    assert proc.returncode == 0, proc.stderr
    sheet = worksheet.load(assignment.load(name))
    email = "ada@uni.example"
    inputs = worksheet.personal_inputs(sheet, email)
    texts = {k: answer_text(v, 4) for k, v in sheet.evaluate(inputs).items() if k not in sheet.inputs}
    (tmp_path / "upload").mkdir()
    (tmp_path / "upload" / "answers.md").write_text(markdown(sheet, email, inputs, texts), encoding="utf-8")
    data = simulate(tmp_path / f"{name}.zip", tmp_path / "mine", tmp_path / "upload", email=email)
    assert data["score"] == 10 and data["extra_data"]["status"] == "ok"
    other = simulate(tmp_path / f"{name}.zip", tmp_path / "theirs", tmp_path / "upload", email="bo@uni.example")
    assert other["score"] == 0 and "are not your own numbers" in other["output"]


def test_with_the_course_a_worksheet_is_graded_on_the_roster_id_its_sheet_was_made_for(tmp_path):
    """`make worksheet ROSTER=roster.csv` draws each sheet from the roster's id; Gradescope knows the
    submitter by email. Built with the course, the zip maps the email to the id, so Ada's sheet for
    s01 scores full marks under ada@example.edu, and results.json says its output is plain text."""
    from grader import assignment
    from grader.worksheet import steps as worksheet
    from grader.worksheet.sheet import answer_text, markdown
    name = "ws1_network_231"
    proc = run_grader("gradescope", "--assignment", name, "--out", tmp_path,
                      "--course", ROOT / "examples" / "course" / "course.yaml")
    assert proc.returncode == 0, proc.stderr
    sheet = worksheet.load(assignment.load(name))
    inputs = worksheet.personal_inputs(sheet, "s01")
    texts = {k: answer_text(v, 4) for k, v in sheet.evaluate(inputs).items() if k not in sheet.inputs}
    (tmp_path / "upload").mkdir()
    (tmp_path / "upload" / "answers.md").write_text(markdown(sheet, "s01", inputs, texts), encoding="utf-8")
    data = simulate(tmp_path / f"{name}.zip", tmp_path / "ada", tmp_path / "upload", email="Ada@Example.edu")
    assert data["score"] == 10 and data["extra_data"]["status"] == "ok", data["output"]
    assert data["output_format"] == "text" and not validate(data)
    stranger = simulate(tmp_path / f"{name}.zip", tmp_path / "gus", tmp_path / "upload", email="gus@example.edu")
    assert stranger["score"] < 10 and "are not your own numbers" in stranger["output"]
