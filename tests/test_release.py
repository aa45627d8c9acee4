"""The student release holds starters, handouts, public tests and the check command: no solution."""
import shutil
import subprocess
import sys
import zipfile

import pytest

from grader import assignment
from grader.staff import authoring
from conftest import ROOT


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "student"
    proc = subprocess.run([sys.executable, "-m", "grader", "release", "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True)
    if proc.returncode != 0 and "stale" in proc.stderr:
        pytest.fail(f"the release refuses stale generated files: {proc.stderr}")
    assert proc.returncode == 0, proc.stderr
    return out


def test_release_has_what_students_need(release):
    assert (release / "Makefile").is_file() and (release / "README.md").is_file()
    assert (release / "grader" / "cli" / "commands.py").is_file()
    for name in assignment.available():
        a = assignment.load(name)
        folder = release / "assignments" / name
        assert (folder / "README.md").is_file() and (folder / "assignment.yaml").is_file()
        if a.is_worksheet:   # a sheet of numbers, no code: its steps, for make check to say what follows
            consistency = a.worksheet.get("check", "consistency") == "consistency"
            assert (folder / "steps.py").is_file() == consistency and not list(folder.glob("*.ipynb"))
            continue
        assert sorted(folder.glob("tests/test_*.py")), f"{name}: no public tests in the release"
        for module in a.modules:
            assert (folder / f"{module}.py").is_file()
    assert zipfile.is_zipfile(release.with_suffix(".zip"))


def test_release_holds_no_solution_and_no_hidden_test(release):
    files = [p for p in release.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert not (release / "solutions").exists() and not (release / "examples").exists()
    secrets = []
    for name in assignment.available(kind="code"):
        a = assignment.load(name)
        hidden = sorted(a.hidden_tests_dir.glob("*.py"))
        assert hidden, f"{name} has no hidden tests to keep out"
        # lines the public tests or the engine also hold are not secret
        public = "\n".join(p.read_text() for p in [*a.public_dir.rglob("*.py"), *(ROOT / "grader").rglob("*.py")])
        for test_file in hidden:
            assert test_file.name not in names or test_file.name == "conftest.py"
            # a hidden test's own lines; helper lines it shares with the public tests are not secret
            secrets += [line.strip() for line in test_file.read_text().splitlines()
                        if len(line.strip()) > 30 and line.strip() not in public]
        for module in a.modules:
            secrets += [line for line in authoring.solution_lines((a.solution_dir / f"{module}.py").read_text())
                        if line not in public]
    secrets = set(secrets)
    released_on_purpose = {release / "assignments" / n / "steps.py" for n in assignment.available(kind="worksheet")}
    leaks = [(str(p.relative_to(release)), line.strip()) for p in files
             if p.suffix in (".py", ".md", ".yaml", ".ipynb", "") and p not in released_on_purpose
             for line in p.read_text(errors="replace").splitlines()
             if line.strip().strip('",').replace('\\n', '').strip() in secrets]
    assert not leaks, f"solution or hidden-test lines in the release: {leaks[:5]}"
    with zipfile.ZipFile(release.with_suffix(".zip")) as z:
        assert not [n for n in z.namelist() if "/solutions/" in n or "test_hidden" in n]


def test_a_failed_release_leaves_the_previous_one_whole_and_nothing_half_written(tmp_path, monkeypatch):
    from grader.notebook import build as notebook_build
    from grader.staff import release as releases
    out = tmp_path / "dist" / "student"
    out.mkdir(parents=True)
    (out / "previous.txt").write_text("the release students already have")
    (tmp_path / "dist" / "student.zip").write_bytes(b"previous zip")
    calls, real = [], notebook_build.write_release

    def failing(assignment, folder):
        calls.append(assignment.name)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(assignment, folder)

    monkeypatch.setattr(notebook_build, "write_release", failing)
    with pytest.raises(OSError, match="disk full"):
        releases.build(out)
    assert len(calls) == 2
    assert sorted(p.name for p in (tmp_path / "dist").iterdir()) == ["student", "student.zip"]
    assert [p.name for p in out.iterdir()] == ["previous.txt"]
    assert (tmp_path / "dist" / "student.zip").read_bytes() == b"previous zip"


def test_a_stale_starter_stops_the_release_before_anything_is_written(tmp_path):
    from conftest import COURSE
    from grader.staff import release as releases
    from grader.assignment import ConfigError
    course = tmp_path / "course"
    shutil.copytree(COURSE, course)
    starter = course / "assignments" / "toy" / "alpha.py"
    starter.write_text(starter.read_text() + "\n# edited by hand\n")
    with pytest.raises(ConfigError, match=r"alpha.py: stale, differs from line \d+; run `make assignments`"):
        releases.build(tmp_path / "dist" / "student", names=[str(course / "assignments" / "toy")])
    assert not (tmp_path / "dist").exists() or list((tmp_path / "dist").iterdir()) == []


def test_the_release_carries_the_checker_and_none_of_the_staff_tools(release, tmp_path):
    from grader.staff.release import STAFF_PACKAGES
    # every module and package of the released engine, by name (grader/sandbox/proxy.py: sandbox, proxy)
    engine = {part.removesuffix(".py") for p in (release / "grader").rglob("*.py")
              for part in p.relative_to(release / "grader").parts}
    staff = {p.stem for pkg in STAFF_PACKAGES for p in (ROOT / "grader" / pkg).glob("*.py")} - {"__init__"}
    assert {"cli", "session", "plugin", "proxy", "worker", "notebook", "classroom", "kernel"} <= engine
    assert not engine & (set(STAFF_PACKAGES) | staff) and {"bench", "authoring", "gradescope"} <= staff
    # what a student runs works without them; a staff command says in one line that it is not there
    check = subprocess.run([sys.executable, "-m", "grader", "check", "hw1_derivatives"], cwd=release,
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 1 and "passed," in check.stdout, check.stderr
    staff = subprocess.run([sys.executable, "-m", "grader", "release", "--out", str(tmp_path / "r")], cwd=release,
                           capture_output=True, text=True, timeout=60)
    assert staff.returncode == 2 and staff.stderr.count("\n") == 1 and "course staff's command" in staff.stderr


def test_a_worksheet_that_checks_format_only_releases_no_steps(tmp_path):
    import yaml
    from grader.staff import release as releases
    course = tmp_path / "course"
    for top in ("assignments", "solutions"):
        shutil.copytree(ROOT / top / "ws1_network_231", course / top / "ws1_network_231")
    file = course / "assignments" / "ws1_network_231" / "assignment.yaml"
    data = yaml.safe_load(file.read_text())
    data["worksheet"]["check"] = "format"
    file.write_text(yaml.safe_dump(data))
    a = assignment.load(str(course / "assignments" / "ws1_network_231"))
    tree = tmp_path / "tree"
    releases._write_tree(tree, [a], "")
    assert not (tree / "assignments" / "ws1_network_231" / "steps.py").exists()
    assert (tree / "assignments" / "ws1_network_231" / "README.md").is_file()


def test_the_release_ignores_what_checks_make_and_knows_its_own_public_checks(release, tmp_path):
    import base64
    import json
    import re
    ignored = (release / ".gitignore").read_text().split()
    assert {".venv/", "__pycache__/", "grades/"} <= set(ignored)
    recorded = json.loads((release / "grader" / "release.json").read_text())
    workflow = (release / ".github" / "workflows" / "classroom.yml").read_text()
    digest = re.search(r"grader classroom hw1_derivatives --digest ([0-9a-f]{64})", workflow).group(1)
    assert recorded["hw1_derivatives"] == digest
    # A student who edits the documented values gains nothing: make check and Classroom's step refuse.
    copy = tmp_path / "student"
    shutil.copytree(release, copy)
    documented = copy / "assignments" / "hw1_derivatives" / "tests" / "documented.json"
    documented.write_text(documented.read_text().replace("1", "2"))
    check = subprocess.run([sys.executable, "-m", "grader", "check", "hw1_derivatives"], cwd=copy,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 2 and "not the release's" in check.stderr, check.stderr
    (copy / "grader" / "release.json").unlink()  # the workflow's own digest still holds
    output = tmp_path / "github_output"
    step = subprocess.run([sys.executable, "-m", "grader", "classroom", "hw1_derivatives", "--digest", digest,
                           "--output", output], cwd=copy, capture_output=True, text=True, timeout=120)
    assert step.returncode == 0 and "not the release's" in step.stderr, step.stderr
    result = json.loads(base64.b64decode(output.read_text().strip().removeprefix("result=")))
    assert sum(t.get("score", 0) for t in result["tests"]) == 0


def test_a_one_assignment_release_names_its_own_assignment_to_students(tmp_path):
    from grader.staff import release as releases
    a = assignment.load("hw3_layers")
    tree = tmp_path / "tree"
    releases._write_tree(tree, [a], "")
    readme, makefile = (tree / "README.md").read_text(), (tree / "Makefile").read_text()
    assert "make check ASSIGNMENT=hw3_layers" in readme and "(`hw3_layers`)" in readme
    assert "make check ASSIGNMENT=hw3_layers" in makefile
    assert "hw1_derivatives" not in readme + makefile and "{assignments}" not in readme
