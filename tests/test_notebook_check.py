"""grader.check() in any kernel: a release notebook checks itself in a kernel that has NumPy and
nothing of the kit, renders its report as Markdown in Jupyter, finds a release uploaded as a zip
(Colab), and says in one line what to do when it cannot run."""
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from grader import assignment as assignments
from grader.notebook import build as nbb
from grader.notebook import check as nbc
from grader.notebook.check import Checker
from conftest import run_grader

NAME = "hw1_derivatives"  # the quickest check of the code assignments


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    out = tmp_path_factory.mktemp("nb-check-release") / "student"
    proc = run_grader("release", "--assignment", NAME, "--out", out)
    assert proc.returncode == 0, proc.stderr
    return out


def reference_notebook():
    a = assignments.load(NAME)
    return nbb.build(a, nbb.reference_sources(a))


def setup_source(nb) -> str:
    return next(c.source for c in nb.cells if c.metadata.get("nngrader", {}).get("role") == "setup")


# -- a kernel with NumPy and nothing of the kit ---------------------------------------------------

def _dependencies(names):
    """The installed distributions ``names`` need, themselves included (extras left out)."""
    from packaging.markers import Marker
    seen, todo = {}, list(names)
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        seen[key] = dist
        for requirement in dist.requires or []:
            spec, _, marker = requirement.partition(";")
            if marker and ("extra" in marker or not Marker(marker).evaluate()):
                continue
            todo.append(re.split(r"[<>=!~ \[(]", spec.strip(), maxsplit=1)[0])
    return seen


def numpy_only_python(folder: Path) -> Path:
    """A venv of its own (no system site-packages) holding NumPy, ipykernel, nbclient, pip and what
    they need, linked from this Python's site-packages: no pyyaml, pytest, tabulate, no kit."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    site = next(folder.glob("lib/python*/site-packages"))
    for dist in _dependencies(["numpy", "ipykernel", "nbclient", "pip"]).values():
        for file in dist.files or []:
            source = Path(dist.locate_file(file)).resolve()
            if ".." in file.parts or not source.is_file():
                continue
            target = site / file
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                try:  # a hard link, not a symlink: the sandbox's Landlock rules see paths inside the venv
                    os.link(source, target)
                except OSError:
                    shutil.copy2(source, target)
    return folder / "bin" / "python"


def test_a_release_notebook_checks_itself_in_a_kernel_with_only_numpy(release, tmp_path, monkeypatch):
    """Done when: the reference in the release's notebook, run by nbclient in a kernel whose Python has
    NumPy, ipykernel and nbclient only; its check cells report full marks."""
    nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed (the `notebooks` extra: "
                                                      "pip install -e '.[notebooks]'); make test installs it")
    pytest.importorskip("ipykernel", reason="ipykernel is not installed (the `notebooks` extra); make test installs it")
    if not sys.platform.startswith(("linux", "darwin")):
        pytest.skip("the check runs on Linux and macOS only")
    python = numpy_only_python(tmp_path / "numpy-only")
    probe = subprocess.run([str(python), "-I", "-c", "import importlib.util as u; print([m for m in "
                            "('numpy', 'ipykernel', 'nbclient', 'yaml', 'pytest', 'tabulate', 'grader') "
                            "if u.find_spec(m)])"], capture_output=True, text=True, cwd=tmp_path)
    assert probe.stdout.strip() == "['numpy', 'ipykernel', 'nbclient']", probe

    spec = tmp_path / "jupyter" / "kernels" / "numpy-only"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "NumPy only", "language": "python",
        "env": {"PYTHONPATH": "", "PYTHONNOUSERSITE": "1", "XDG_CACHE_HOME": str(tmp_path / "cache")},
    }), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))

    folder = release / "assignments" / NAME
    path = folder / f"{NAME}.ipynb"
    original = path.read_text(encoding="utf-8")
    nb = reference_notebook()
    new = nbformat.v4.new_code_cell
    nb.cells += [new('grader.check("sigmoid")'),
                 new("import importlib.util\n"
                     "print('kernel has:', [m for m in ('yaml', 'pytest', 'tabulate')\n"
                     "                      if importlib.util.find_spec(m)])")]
    try:
        path.write_text(nbformat.writes(nb), encoding="utf-8")  # the check grades the saved file
        nbclient.NotebookClient(nb, timeout=300, kernel_name="numpy-only",
                                resources={"metadata": {"path": str(folder)}}).execute()
    finally:
        path.write_text(original, encoding="utf-8")

    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    checks = [c for c in nb.cells if c.metadata.get("nngrader", {}).get("role") == "check"] + [nb.cells[-2]]
    said = "".join(o.get("text", "") for o in checks[0].outputs if o.output_type == "stream")
    if "check: could not install" in said and "pip" in said:   # the kernel's installs need a package index
        pytest.skip(f"no package index reachable from here for the kernel's one install: {said.strip()[-200:]}")
    assert len(checks) == 2
    tallies = (r"^\d+ passed, 0 failed$", r"^sigmoid: 2 passed, 0 failed \(all: \d+ passed, 0 failed\)$")
    for cell, tally in zip(checks, tallies):
        text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        assert re.search(tally, text, re.M), text
        assert "Warning" not in text
        markdown = [o.data["text/markdown"] for o in cell.outputs if o.output_type == "display_data"]
        assert len(markdown) == 1, cell.outputs  # rendered by Jupyter, not printed as raw Markdown
        assert "Public checks: **11 / 11** points" in markdown[0]
    whole, sigmoid = (next(o.data["text/markdown"] for o in c.outputs if o.output_type == "display_data")
                      for c in checks)
    assert "## tanh and tanh_grad" in whole and "## tanh and tanh_grad" not in sigmoid
    assert "## sigmoid and sigmoid_grad: 1 / 1" in sigmoid
    # what the kernel lacked was installed once, beside it, and the kernel's own environment is as it was
    first = "".join(o.get("text", "") for o in checks[0].outputs if o.output_type == "stream")
    assert "Installing what the check needs" in first and "pytest" in first
    assert "Installing" not in "".join(o.get("text", "") for o in checks[1].outputs if o.output_type == "stream")
    assert "kernel has: []" in "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    assert list((tmp_path / "cache" / "nngrader").glob("check-py*/.complete"))


# -- the set-up cell ------------------------------------------------------------------------------

def test_without_a_release_the_set_up_cell_and_the_check_say_what_to_do(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # a notebook opened on its own: no grader/ above or beside it
    namespace = {}
    exec(setup_source(reference_notebook()), namespace)
    namespace["grader"].check()
    lines = capsys.readouterr().out.strip().split("\n")
    assert len(lines) == 2 and lines[0] == lines[1], lines
    assert lines[0].startswith("check: no grader/ folder") and f"assignments/{NAME}/" in lines[0]
    assert ".zip" in lines[0]


def test_colab_a_release_zip_beside_the_notebook_and_the_open_notebook_from_the_page(release, tmp_path):
    """Colab: the release's zip uploaded to /content, the notebook not on the disk (the page holds it)."""
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(release.with_name(release.name + ".zip"), content / "student.zip")
    fake = tmp_path / "fake" / "google" / "colab"  # Colab's module that asks the page for the notebook
    fake.mkdir(parents=True)
    (fake.parent / "__init__.py").write_text("", encoding="utf-8")
    (fake / "__init__.py").write_text("", encoding="utf-8")
    notebook = tmp_path / "open.json"
    notebook.write_text(json.dumps({"ipynb": json.loads(nbformat.writes(reference_notebook()))}), encoding="utf-8")
    (fake / "_message.py").write_text(textwrap.dedent(f"""\
        import json
        def blocking_request(kind, timeout_sec=None):
            assert kind == "get_ipynb"
            return json.load(open({str(notebook)!r}, encoding="utf-8"))
        """), encoding="utf-8")
    script = ("import google.colab\n" + setup_source(reference_notebook())
              + "\nprint('root:', grader.root)\nraise SystemExit(grader.run())\n")
    proc = subprocess.run([sys.executable, "-c", script], cwd=content, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(tmp_path / "fake")})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"root: {content / 'student'}" in proc.stdout
    assert re.search(r"^\d+ passed, 0 failed$", proc.stdout, re.M), proc.stdout


# -- when it cannot run ---------------------------------------------------------------------------

def _one_line(capsys) -> str:
    out = capsys.readouterr().out.strip()
    assert "\n" not in out, out
    return out


def test_on_windows_the_check_says_in_one_line_what_to_do(release, monkeypatch, capsys):
    monkeypatch.setattr(nbc.sys, "platform", "win32")
    path = release / "assignments" / NAME / f"{NAME}.ipynb"
    assert Checker(NAME, root=release).run(path) == 2
    out = _one_line(capsys)
    assert out.startswith("check: ") and "Linux and macOS" in out and "WSL" in out


def test_a_failed_install_is_one_line_with_what_to_do(release, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("PIP_NO_INDEX", "1")  # nothing to install from
    monkeypatch.setenv("PIP_FIND_LINKS", str(tmp_path))
    monkeypatch.setattr(Checker, "lacking", lambda self: ["nngrader-no-such-package>=1"])
    path = release / "assignments" / NAME / f"{NAME}.ipynb"
    assert Checker(NAME, root=release).run(path) == 2
    out = capsys.readouterr().out.strip().split("\n")
    assert out[0].startswith("Installing what the check needs") and len(out) == 2, out
    assert out[1].startswith("check: could not install nngrader-no-such-package") and "%pip install" in out[1]
    assert "make check ASSIGNMENT=hw1_derivatives" in out[1]
    assert not list((tmp_path / "cache").glob("nngrader/*"))  # nothing half-installed is kept


def test_a_check_that_cannot_start_is_one_line(release, capsys):
    path = release / "assignments" / NAME / f"{NAME}.ipynb"
    assert Checker("no_such_assignment", root=release).run(path) == 2
    out = _one_line(capsys)
    assert out.startswith("check: the checks could not run: ") and "no_such_assignment" in out
    assert Checker(NAME, root=release).run(release / "missing.ipynb") == 2
    assert _one_line(capsys) == f"check: {release / 'missing.ipynb'}: no such notebook"


# -- one group or function ------------------------------------------------------------------------

REPORT = """# T: feedback for your code

Public checks: **1 / 2** points.

## sigmoid and sigmoid_grad: 1 / 1

- ✓ sigmoid: the handout's cases (0.5 / 0.5)
- ✓ sigmoid_grad: the handout's cases (0.5 / 0.5)

## forward and loss: 0 / 1

- ✗ loss: the handout's cases (0 / 1)
    wrong

## What your code printed

```
hello
```"""


def test_a_question_shows_its_group_or_function_only():
    groups = {"sigmoid": "sigmoid and sigmoid_grad", "forward": "forward and loss"}
    report, tally = nbc._only(REPORT, "forward", groups, "2 passed, 1 failed")
    assert "## forward and loss" in report and "## sigmoid" not in report and "hello" in report
    assert tally == "forward: 0 passed, 1 failed (all: 2 passed, 1 failed)"
    report, tally = nbc._only(REPORT, "sigmoid_grad", groups, "2 passed, 1 failed")
    assert "## sigmoid and sigmoid_grad" in report and "## forward" not in report
    assert tally.startswith("sigmoid_grad: 2 passed, 0 failed")  # the group's checks, both shown
    report, tally = nbc._only(REPORT, "nothing", groups, "2 passed, 1 failed")
    assert report == REPORT and "no check is named 'nothing'" in tally and "sigmoid, forward" in tally


def test_the_check_imports_nothing_but_the_standard_library():
    """The set-up cell imports it in a kernel that has no pyyaml, nbformat or NumPy."""
    code = ("import sys; before = set(sys.modules); import grader.notebook.check; "
            "print(sorted({m.split('.')[0] for m in set(sys.modules) - before} - set(sys.stdlib_module_names) "
            "- {'grader'}))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=Path(nbc.__file__).parents[2],
                          capture_output=True, text=True)
    assert proc.stdout.strip() == "[]", proc.stdout + proc.stderr
