"""Grading runs that never lose a grade: one key per student, one run per output folder, no
silent replacement of earlier grades, regrading some students, and reasons that say what was found."""
import json
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import COURSE, ROOT, TOY, run_grader, without_times

EXAMPLES = COURSE / "examples" / "submissions" / "toy"


def course(tmp_path, *names):
    """A folder of submissions copied from the toy examples (``name`` or ``name=example``)."""
    folder = tmp_path / "submissions"
    folder.mkdir(exist_ok=True)
    for entry in names:
        name, _, example = entry.partition("=")
        shutil.copytree(EXAMPLES / (example or name), folder / name)
    return folder


def grade(folder, out, *extra):
    return run_grader("grade", "--assignment", TOY, "--submissions", folder, "--out", out, "-q", *extra)


def scores(out):
    data = json.loads((out / "toy" / "scores.json").read_text(encoding="utf-8"))
    return {s["student"]: s for s in data["students"]}


def leftovers(out):
    """Anything a run leaves beside its output folder: .new, .old, .partial, .lock."""
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))


def test_two_sources_for_one_student_get_one_row_naming_both(tmp_path):
    folder = course(tmp_path, "carol=reference", "dave=reference")
    with zipfile.ZipFile(folder / "carol.zip", "w") as z:
        for f in (EXAMPLES / "stubs").iterdir():
            z.write(f, f.name)
    proc = grade(folder, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    rows = scores(tmp_path / "out")
    assert set(rows) == {"carol", "dave"}
    assert rows["carol"]["total"] == 0 and "carol/ and carol.zip" in rows["carol"]["reason"]
    assert rows["dave"]["total"] == 7 and rows["dave"]["status"] == "ok"
    assert leftovers(tmp_path / "out") == []


def test_a_collected_release_repository_grades_as_its_module_would(tmp_path):
    """GitHub Classroom collects repositories made from the release: assignments/<name>/<module>.py."""
    folder = tmp_path / "submissions"
    repo = folder / "erin"
    shutil.copytree(EXAMPLES / "reference", repo / "assignments" / "toy")
    shutil.copytree(TOY, repo / "assignments" / "other", ignore=shutil.ignore_patterns("*.py"))
    (repo / "README.md").write_text("the release's README")
    # the starters beside a notebook holding the work, as a student who worked in Jupyter leaves them
    shutil.copytree(EXAMPLES / "stubs", folder / "frank" / "assignments" / "toy")
    with zipfile.ZipFile(EXAMPLES / "notebook_reference.zip") as z:
        notebook = next(n for n in z.namelist() if n.endswith(".ipynb"))
        (folder / "frank" / "assignments" / "toy" / "toy.ipynb").write_bytes(z.read(notebook))
    proc = grade(folder, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    rows = scores(tmp_path / "out")
    assert rows["erin"]["total"] == 7 and rows["erin"]["status"] == "ok"
    assert rows["frank"]["total"] == 7 and rows["frank"]["status"] == "ok", rows["frank"]["reason"]


@pytest.mark.parametrize("files, reason", [
    ({"Alpha.py": "reference/alpha.py", "beta.py": "reference/beta.py"},
     "the submission has no alpha.py (found Alpha.py: name it alpha.py)"),
    ({"alpha_hw.py": "reference/alpha.py", "beta.py": "reference/beta.py"},
     "the submission has no alpha.py (found alpha_hw.py: name it alpha.py)"),
    ({"alpha.py.txt": "reference/alpha.py", "notes.txt": None},
     "the submission has none of alpha.py, beta.py (found alpha.py.txt: name it alpha.py)"),
    ({"homework.py": "reference/alpha.py", "notes.txt": None},
     "the submission has none of alpha.py, beta.py (found homework.py, notes.txt)"),
])
def test_a_missing_module_says_what_was_found_and_nothing_misnamed_is_graded(tmp_path, files, reason):
    student = tmp_path / "submissions" / "gina"
    student.mkdir(parents=True)
    for name, source in files.items():
        (student / name).write_text((EXAMPLES / source).read_text() if source else "notes\n")
    proc = grade(student.parent, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    row = scores(tmp_path / "out")["gina"]
    assert row["reason"] == reason and row["status"] == "missing"
    graded_alpha = [t for t in row["tests"] if t["group"] in ("double", "scale")]
    assert graded_alpha and all(t["points"] == 0 for t in graded_alpha), "a misnamed file was graded"


def test_a_second_run_into_the_same_folder_stops_naming_the_first(tmp_path):
    from grader.runs import previous
    folder = course(tmp_path, "reference")
    out = tmp_path / "out"
    with previous.lock(out / "toy"):
        proc = grade(folder, out)
        assert proc.returncode == 2
        line = proc.stderr.strip()
        assert "\n" not in line and f"{out / 'toy'}/ is being graded by another run (pid " in line
        assert not (out / "toy").exists()
    assert grade(folder, out).returncode == 0  # the lock is gone with its run
    assert leftovers(out) == []


def test_an_empty_or_mistyped_folder_replaces_nothing(tmp_path):
    folder = course(tmp_path, "reference")
    out = tmp_path / "out"
    assert grade(folder, out).returncode == 0
    before = (out / "toy" / "scores.csv").read_text()
    (tmp_path / "empty").mkdir()
    for where, says in ((tmp_path / "empty", "no submissions in it"), (tmp_path / "typo", "no such folder")):
        proc = grade(where, out)
        assert proc.returncode == 2 and says in proc.stderr and proc.stderr.count("\n") == 1, proc.stderr
        assert (out / "toy" / "scores.csv").read_text() == before
    assert leftovers(out) == []


def test_a_run_that_would_drop_students_needs_replace(tmp_path):
    folder = course(tmp_path, "reference", "stubs", "wrong_above_100")
    out = tmp_path / "out"
    assert grade(folder, out).returncode == 0
    shutil.rmtree(folder / "stubs")
    proc = grade(folder, out)
    assert proc.returncode == 2 and "1 student(s) this run has no submission of (stubs)" in proc.stderr
    assert "--replace" in proc.stderr and set(scores(out)) == {"reference", "stubs", "wrong_above_100"}
    assert grade(folder, out, "--replace").returncode == 0
    assert set(scores(out)) == {"reference", "wrong_above_100"}
    (out / "toy" / "scores.json").unlink()
    proc = grade(folder, out)  # a folder that is not an earlier run's grades is not ours to replace
    assert proc.returncode == 2 and "holds no scores.json" in proc.stderr


def test_regrading_one_student_merges_into_the_earlier_grades_as_a_full_run_would(tmp_path):
    folder = course(tmp_path, "alice=reference", "bob=stubs", "carl=wrong_above_100", "dora=beta_syntax_error")
    merged, full = tmp_path / "merged", tmp_path / "full"
    assert grade(folder, merged).returncode == 0
    assert scores(merged)["bob"]["total"] == 0
    shutil.rmtree(folder / "bob")
    shutil.copytree(EXAMPLES / "reference", folder / "bob")  # bob resubmits, the TA regrades him alone
    proc = grade(folder, merged, "--student", "bob")
    assert proc.returncode == 0, proc.stderr
    assert "1 submission(s) regraded and merged" in proc.stdout and "alice" not in proc.stdout
    assert grade(folder, full).returncode == 0
    assert scores(merged)["bob"]["total"] == 7
    for name in ("scores.csv", "gradebook.csv"):
        assert (merged / "toy" / name).read_text() == (full / "toy" / name).read_text(), name
    a, b = (json.loads((d / "toy" / "scores.json").read_text()) for d in (merged, full))
    assert without_times(a) == without_times(b)
    summary = [(d / "toy" / "summary.md").read_text().split("## Slowest")[0] for d in (merged, full)]
    assert summary[0] == summary[1]
    for student in ("alice", "bob", "carl", "dora"):
        for name in ("results.json", "feedback.md"):
            one, two = ((d / "toy" / "students" / student / name).read_text() for d in (merged, full))
            if name == "results.json":
                one, two = without_times(json.loads(one)), without_times(json.loads(two))
            assert one == two, (student, name)
    assert leftovers(merged) == []


def test_regrading_needs_a_known_student_and_comparable_grades(tmp_path):
    folder = course(tmp_path, "alice=reference")
    out = tmp_path / "out"
    proc = grade(folder, out, "--student", "alice")
    assert proc.returncode == 2 and "has none: grade everyone first" in proc.stderr
    assert grade(folder, out).returncode == 0
    proc = grade(folder, out, "--student", "zoe")
    assert proc.returncode == 2 and "no submission named zoe" in proc.stderr
    proc = grade(folder, out, "--student", "alice", "--seed", "another term")
    assert proc.returncode == 2 and "grade everyone again" in proc.stderr


def test_documented_commands_under_a_python_without_the_requirements_say_what_to_run(tmp_path):
    # -S: no site-packages, as with a plain system Python that has none of the kit's requirements
    for command in (["check", "hw1_derivatives"], ["notebook", "check", "x.ipynb"]):
        proc = subprocess.run([sys.executable, "-S", "-m", "grader", *command], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        line = proc.stderr.strip()
        assert proc.returncode == 2 and "\n" not in line and "Traceback" not in line, proc.stderr
        assert "has no numpy" in line and f"`.venv/bin/python -m grader {' '.join(command)}`" in line
    # the notebook commands' former home says where they are now
    proc = subprocess.run([sys.executable, "-m", "grader.notebook", "check", "x.ipynb"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and proc.stderr.strip().endswith("`.venv/bin/python -m grader notebook check x.ipynb`")


def test_resume_keeps_only_results_the_grader_signed(tmp_path):
    from grader.runs import previous
    from grader.grading import staging as staged
    from grader.assignment import load
    from grader.results import StudentResult, TestResult
    folder = course(tmp_path, "alice=stubs", "bob=reference", "cleo=stubs")
    out = tmp_path / "out"
    staging = staged.staging_folder(out / "toy")
    staging.mkdir(parents=True)
    fingerprint = previous.fingerprint(load(str(TOY)), "", True)
    forged = StudentResult("alice", "ok", "", tests=[TestResult("test_double_documented", "t", "double", "public", 1, 1, True)])
    signed = staged.stage(staging, StudentResult("bob", "ok", "", tests=[
        TestResult("test_double_documented", "t", "double", "public", 1, 0.5, False)]), fingerprint)
    # a result written without the key, and one whose signature was copied from another record
    (staging / signed.name.replace(signed.stem, "0" * 16)).write_text(json.dumps(forged.to_dict()))
    record = json.loads(signed.read_text())
    staged.file_for(staging, "cleo").write_text(json.dumps(
        {"result": record["result"].replace('"bob"', '"cleo"'), "mac": record["mac"]}))
    proc = grade(folder, out, "--resume")
    assert proc.returncode == 0, proc.stderr
    rows = scores(out)
    assert rows["alice"]["total"] == 0 and rows["cleo"]["total"] == 0  # graded again, for real
    assert rows["bob"]["tests"] == [dict(name="test_double_documented", title="t", group="double", visibility="public",
                                         max_points=1, points=0.5, passed=False, message="", notes=[], seconds=0.0,
                                         metrics={})]
    assert not staging.exists()
