"""`python -m grader new NAME` starts an assignment that, as it is, passes the checks `make test`
applies to every assignment and grades its examples as its expected.yaml says; a bad name, a name
already taken and a folder that is not a kit's are refused in one line, with nothing written.

Everything runs in a copy of the kit (its files as git lists them, the untracked ones included),
with this kit's Python: the checks are the kit's own tests, run there on the new assignment."""
import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, copy_of_the_kit

NAME = "tanh_scaffolded"
# The checks of tests/ that every assignment gets, as node ids of the new one (or of them all).
CHECKS = [
    f"tests/test_authoring.py::test_committed_generated_files_match_what_make_assignments_writes[{NAME}]",
    f"tests/test_authoring.py::test_starter_hints_point_at_the_handout_instead_of_giving_the_formula[{NAME}]",
    f"tests/test_examples.py::test_examples_get_their_expected_scores[{NAME}]",
    "tests/test_examples.py::test_every_assignment_has_examples",
    "tests/test_mistakes.py::test_every_code_assignment_has_a_library",
    f"tests/test_mistakes.py::test_library_is_sound[{NAME}]",
    f"tests/test_notebooks.py::test_generated_notebook_is_valid_and_made_from_the_starters_and_handout[{NAME}]",
    f"tests/test_notebooks.py::test_a_notebook_of_the_reference_scores_full_marks[{NAME}]",
    "tests/test_diagnose.py::test_every_assignment_catalog_loads_and_names_functions_it_has",
    "tests/test_diagnose.py::test_every_computed_mistake_a_test_names_is_in_its_catalog_and_used",
]


def _grader(cwd, *args):
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def _tree(root):
    """Every file under an assignment's three folders, with its bytes, and the top folder's entries."""
    files = {p.relative_to(root).as_posix(): p.read_bytes()
             for top in ("assignments", "solutions", "examples") for p in sorted((root / top).rglob("*"))
             if p.is_file() and "__pycache__" not in p.parts}
    return files, sorted(os.listdir(root))


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    """A copy of the kit with the new assignment NAME in it; returns (its folder, what `new` printed)."""
    kit = copy_of_the_kit(tmp_path_factory.mktemp("scaffold") / "kit")
    proc = _grader(kit, "new", NAME)
    assert proc.returncode == 0, proc.stderr
    return kit, proc.stdout


def test_new_writes_the_assignment_and_says_what_to_run_next(kit):
    kit, out = kit
    listed = re.findall(r"^  ((?:assignments|solutions|examples)/\S+)$", out, re.M)
    for part in (f"assignments/{NAME}/assignment.yaml", f"assignments/{NAME}/tests/test_public.py",
                 f"assignments/{NAME}/layers.py", f"assignments/{NAME}/README.md",
                 f"assignments/{NAME}/tests/documented.json", f"solutions/{NAME}/layers.py",
                 f"solutions/{NAME}/documented.py", f"solutions/{NAME}/handout.md", f"solutions/{NAME}/mistakes.py",
                 f"solutions/{NAME}/tests/test_hidden.py", f"examples/submissions/{NAME}/expected.yaml",
                 f"examples/submissions/{NAME}/reference/layers.py", f"examples/submissions/{NAME}/stubs/layers.py"):
        assert part in listed and (kit / part).is_file(), part
    assert all((kit / p).is_file() for p in listed)
    on_disk = {p.relative_to(kit).as_posix() for top in ("assignments", "solutions", "examples/submissions")
               for p in (kit / top / NAME).rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert on_disk == set(listed), "`new` lists every file it writes, and writes nothing else"
    for command in ("make assignments", f"make grade ASSIGNMENT={NAME}", "make test"):
        assert re.search(rf"^  {re.escape(command)}\s", out, re.M), command
    assert not [p for p in os.listdir(kit) if p.startswith(".new-")], "its staging folder is left behind"


def test_the_starter_is_what_make_assignments_makes_of_the_reference(kit):
    from grader.staff import authoring
    kit, _ = kit
    reference = kit / "solutions" / NAME / "layers.py"
    starter = (kit / "assignments" / NAME / "layers.py").read_text(encoding="utf-8")
    assert starter == authoring.starter(reference.read_text(encoding="utf-8"), reference)
    assert "NotImplementedError" in starter and "np.tanh(x)" not in starter
    proc = _grader(kit, "assignments", "--check", NAME)
    assert proc.returncode == 0 and "up to date" in proc.stdout, proc.stdout + proc.stderr


def test_the_checks_make_test_applies_to_every_assignment_pass_on_it(kit):
    kit, _ = kit
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *CHECKS], cwd=kit,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert re.search(rf"\b{len(CHECKS)} passed\b", proc.stdout), proc.stdout[-2000:]  # none skipped or missing


def test_grade_gives_the_reference_full_marks_and_each_example_its_expected_score(kit, tmp_path):
    kit, _ = kit
    proc = _grader(kit, "grade", "-a", NAME, "--out", tmp_path, "-q", "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    got = {s["student"]: s for s in json.loads((tmp_path / NAME / "scores.json").read_text())["students"]}
    expected = yaml.safe_load((kit / "examples" / "submissions" / NAME / "expected.yaml").read_text())
    assert set(got) == set(expected) >= {"reference", "stubs"}
    for student, want in expected.items():
        assert (got[student]["total"], got[student]["status"]) == (pytest.approx(want["total"]), want["status"]), \
            (student, got[student]["reason"])
    maximum = sum(g["public"] + g["hidden"] for g in yaml.safe_load(
        (kit / "assignments" / NAME / "assignment.yaml").read_text())["rubric"])
    assert got["reference"]["total"] == maximum > 0 and got["stubs"]["status"] == "unfinished"


@pytest.mark.parametrize("bad", ["1st_layer", "tanh-layer", "tanh layer", "../tanh", "tanh/layer", "", "class",
                                 "_tanh", "ta\u0308nh", "t" * 65])
def test_a_name_that_cannot_name_an_assignment_is_refused_in_one_line(kit, bad):
    kit, _ = kit
    before = _tree(kit)
    proc = _grader(kit, "new", bad)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith("error: ") and "cannot name an assignment" in proc.stderr, proc.stderr
    assert _tree(kit) == before


def test_a_name_taken_is_refused_and_nothing_is_overwritten(kit):
    kit, _ = kit
    (kit / "examples" / "submissions" / "half_made").mkdir()  # any one of the three folders takes the name
    before = _tree(kit)
    for name, taken in ((NAME, f"assignments/{NAME}/"), ("hw1_derivatives", "assignments/hw1_derivatives/"),
                        ("half_made", "examples/submissions/half_made/")):
        proc = _grader(kit, "new", name)
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
        assert f"{taken} exists" in proc.stderr and "nothing was written" in proc.stderr, proc.stderr
        assert _tree(kit) == before
    (kit / "examples" / "submissions" / "half_made").rmdir()


def test_outside_a_kit_checkout_it_is_refused(tmp_path):
    """The engine and its requirements alone (as in an autograder's tree): no Makefile, no solutions/."""
    shutil.copytree(ROOT / "grader", tmp_path / "grader", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    proc = _grader(tmp_path, "new", "tanh_layer")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
    assert "is not a kit checkout" in proc.stderr, proc.stderr
    assert sorted(os.listdir(tmp_path)) == ["grader", "pyproject.toml"]


@pytest.mark.skipif(shutil.which("make") is None, reason="no make on this machine")
def test_make_new_passes_the_name_as_data_and_takes_it_from_its_command_line_only(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "pyproject.toml").write_text("")
    os.utime(tmp_path / "pyproject.toml", (1_000_000_000, 1_000_000_000))
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / ".installed").write_text("")
    recorder = tmp_path / "record.py"
    recorder.write_text(f"#!{sys.executable}\nimport json, sys\nprint(json.dumps(sys.argv[1:]))\n")
    recorder.chmod(0o755)

    def make(*args, **env):
        return subprocess.run(["make", "-s", "new", f"PY={recorder}", *args], cwd=tmp_path, capture_output=True,
                              text=True, timeout=60, env={**os.environ, **env})
    hostile = "t;touch x $(touch y) 'q'"
    proc = make(f"NAME={hostile}")
    assert proc.returncode == 0 and json.loads(proc.stdout) == ["-m", "grader", "new", hostile], proc.stderr
    for proc in (make(), make(NAME="MYPC")):  # WSL sets NAME to the machine's name
        assert proc.returncode == 2 and proc.stdout.strip() == "usage: make new NAME=<name>", proc.stdout
    assert sorted(os.listdir(tmp_path)) == [".venv", "Makefile", "pyproject.toml", "record.py"]


def test_the_authoring_guide_shows_what_new_prints(kit):
    """docs/authoring.md's walk-through shows `new`'s output for its own name: the same lines."""
    _, out = kit
    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    name = re.search(r"^make new NAME=(\w+)$", text, re.M).group(1)
    shown = re.search(r"```text\n(new assignment .*?)```", text, re.S).group(1)

    def words(lines):
        return [line.split() for line in lines.splitlines()]
    assert words(shown) == words(out.replace(NAME, name))
