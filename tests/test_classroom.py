"""GitHub Classroom: the release's workflow and the runner's base64 result decode to the right points."""
import base64
import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import COURSE, ROOT, TOY, run_grader

TOY_SUBMISSIONS = COURSE / "examples" / "submissions" / "toy"
PUBLIC_POINTS = sum(g.get("public", 0) for g in yaml.safe_load((TOY / "assignment.yaml").read_text())["rubric"])


def decode(output_file):
    """The runner's result as the reporter reads it: the last ``result=`` line, base64 of JSON."""
    lines = [line for line in output_file.read_text().splitlines() if line.startswith("result=")]
    assert len(lines) == 1, "one result per runner step"
    return json.loads(base64.b64decode(lines[0][len("result="):], validate=True).decode("utf-8"))


def reporter_points(results: list[dict]) -> tuple[float, float]:
    """Total and max as the grading reporter adds them up: every test's score, every runner's max_score."""
    total = sum(t["score"] for r in results if r["max_score"] for t in r["tests"])
    return total, sum(r["max_score"] for r in results if r["max_score"])


def run_runner(tmp_path, name, folder, cwd=None, assignment=TOY):
    out = tmp_path / f"github_output_{name}"
    out.write_text("earlier=step\n")  # GITHUB_OUTPUT is shared by the job's steps: append, never replace
    args = ["classroom", assignment] + ([] if folder is None else ["--path", folder])
    env = {**os.environ, "GITHUB_OUTPUT": str(out)}
    proc = subprocess.run([sys.executable, "-m", "grader", *map(str, args)], cwd=cwd or ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text().startswith("earlier=step\n")
    return decode(out), proc.stdout


@pytest.mark.parametrize("student", ["reference", "stubs", "beta_syntax_error", "wrong_above_100"])
def test_the_result_decodes_to_the_public_points_that_grading_gives(student, toy_grades, tmp_path):
    _, students = toy_grades
    data, stdout = run_runner(tmp_path, student, TOY_SUBMISSIONS / student)
    assert data["version"] == 1 and data["max_score"] == PUBLIC_POINTS
    assert {t["status"] for t in data["tests"]} <= {"pass", "fail"}
    public = [t for t in students[student]["tests"] if t["visibility"] == "public"]
    total, top = reporter_points([data])
    assert abs(total - sum(t["points"] for t in public)) < 1e-9 and top == PUBLIC_POINTS
    assert len(data["tests"]) == len(public)
    assert data["status"] == ("pass" if all(t["passed"] for t in public) else "fail")
    assert f"Points {total:g}/{top:g}" in stdout.splitlines()
    for t in data["tests"]:
        if t["status"] == "fail":
            assert t["message"], "a failed check says why"


def test_a_missing_folder_still_reports_an_error_result(tmp_path):
    data, stdout = run_runner(tmp_path, "gone", tmp_path / "deleted")
    assert data["status"] == "error" and data["max_score"] == PUBLIC_POINTS
    assert reporter_points([data]) == (0, PUBLIC_POINTS)
    assert f"Points 0/{PUBLIC_POINTS:g}" in stdout


@pytest.fixture(scope="module")
def toy_release(tmp_path_factory):
    out = tmp_path_factory.mktemp("classroom") / "student"
    proc = run_grader("release", "--out", out, "--assignment", TOY)
    assert proc.returncode == 0, proc.stderr
    return out


def test_the_release_workflow_wires_each_runner_to_the_reporter(toy_release):
    workflow = yaml.safe_load((toy_release / ".github" / "workflows" / "classroom.yml").read_text())
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "push" in on
    assert workflow["permissions"]["checks"] == "write"
    job = next(iter(workflow["jobs"].values()))
    steps = job["steps"]
    runners = [s for s in steps if "run" in s and "grader classroom" in s["run"]]
    reporter = next(s for s in steps if "autograding-grading-reporter" in s.get("uses", ""))
    ids = [s["id"] for s in runners]
    assert ids == ["toy"]
    assert reporter["with"]["runners"].split(",") == ids
    for rid in ids:
        assert reporter["env"][f"{rid.upper()}_RESULTS"] == "${{ steps.%s.outputs.result }}" % rid
    assert not (toy_release / "solutions").exists()
    hidden = [p.name for p in (COURSE / "solutions" / "toy" / "tests").glob("test_*.py")]
    assert not [p for p in toy_release.rglob("*") if p.name in hidden], "hidden tests in a student repository"


def test_the_workflow_step_run_in_the_student_repository_reports_its_points(toy_release, tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(toy_release, repo)
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "classroom.yml").read_text())
    step = next(s for s in next(iter(workflow["jobs"].values()))["steps"] if s.get("id") == "toy")
    assert step["run"].startswith("python -m grader classroom toy") and step["shell"] == "bash"

    def run_step(name):
        out = tmp_path / f"out-{name}"
        return run_script(step["run"], repo, out, python_shim(tmp_path / "bin", sys.executable)), None

    def run_script_stdout(name):
        out = tmp_path / f"out-{name}"
        proc = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, capture_output=True, text=True,
                              env={**os.environ, "GITHUB_OUTPUT": str(out), "GITHUB_ACTIONS": "true",
                                   "PATH": f"{python_shim(tmp_path / 'bin', sys.executable)}:{os.environ['PATH']}"},
                              timeout=300)
        assert proc.returncode == 0, proc.stderr
        return decode(out), proc.stdout

    starter, _ = run_step("starter")  # the release's starters: nothing implemented yet
    assert reporter_points([starter]) == (0, PUBLIC_POINTS) and starter["status"] == "fail"
    for f in (TOY_SUBMISSIONS / "reference").iterdir():
        shutil.copy(f, repo / "assignments" / "toy" / f.name)
    done, stdout = run_script_stdout("done")
    assert reporter_points([done]) == (PUBLIC_POINTS, PUBLIC_POINTS) and done["status"] == "pass"
    assert f"::notice title=toy::Points {PUBLIC_POINTS:g}/{PUBLIC_POINTS:g}" in stdout


def python_shim(folder, target):
    """A folder holding ``python``, which runs ``target`` (a path, or shell text for a fake)."""
    folder.mkdir(exist_ok=True)
    shim = folder / "python"
    shim.write_text(f"#!/bin/sh\nexec {target} \"$@\"\n" if os.path.isabs(str(target)) else f"#!/bin/sh\n{target}\n")
    shim.chmod(0o755)
    return folder


def run_script(script, cwd, out, shim_folder):
    """A workflow step's ``run`` as GitHub runs it with ``shell: bash`` (``bash -e``); the result it wrote."""
    proc = subprocess.run(["bash", "-e", "-c", script], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "GITHUB_OUTPUT": str(out),
                               "PATH": f"{shim_folder}:{os.environ['PATH']}"})
    assert proc.returncode == 0, proc.stderr
    return decode(out)


def test_a_runner_whose_python_cannot_start_still_writes_a_result_so_the_others_points_post(toy_release, tmp_path):
    """classroom-resources/autograding-grading-reporter@v1, src/main.js: it decodes every runner's
    ``<ID>_RESULTS``, and one that is empty throws, so no points post at all; src/notify-classroom.js
    (NotifyClassroom) adds every test's score over the runners with a max_score. Replayed here: the
    install step failed, so ``python -m grader`` dies on import; the step still writes an error
    result worth 0 of its maximum, and a second runner's points still count."""
    workflow = yaml.safe_load((toy_release / ".github" / "workflows" / "classroom.yml").read_text())
    step = next(s for s in next(iter(workflow["jobs"].values()))["steps"] if s.get("id") == "toy")
    dead = python_shim(tmp_path / "dead", "echo 'ModuleNotFoundError: No module named yaml' >&2; exit 1")
    failed = run_script(step["run"], toy_release, tmp_path / "out-dead", dead)
    assert failed["status"] == "error" and failed["max_score"] == PUBLIC_POINTS
    assert "could not start" in failed["tests"][0]["message"]
    other, _ = run_runner(tmp_path, "other", TOY_SUBMISSIONS / "reference")
    assert reporter_points([failed, other]) == (PUBLIC_POINTS, 2 * PUBLIC_POINTS)
