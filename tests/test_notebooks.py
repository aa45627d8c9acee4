"""Notebooks: each assignment as a notebook made from the same sources as its starters, valid under
nbformat; notebook submissions graded exactly like modules; broken notebooks get their reason."""
import base64
import copy
import json
import os
import re
import subprocess
import sys
import time

import nbformat
import pytest

from grader import assignment as assignments
from grader.notebook import read as nbm
from grader.notebook import build as nbb
from grader.notebook.check import Checker
from conftest import COURSE, ROOT, TOY, grade_folder, load_module, run_grader

AVAILABLE = assignments.available(kind="code")  # a worksheet is a sheet of numbers, not a notebook of code
WITH_TOY = AVAILABLE + ["toy"]


def load(name):
    return assignments.load(str(TOY)) if name == "toy" else assignments.load(name)


def lines(text):
    """Non-blank lines: how a module compares across the cells it was split into."""
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def code_cells(nb, role=None):
    return [c for c in nb.cells if c.cell_type == "code"
            and (role is None or c.metadata.get("nngrader", {}).get("role") == role)]


def save(nb, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    return path


def scores(out, name):
    data = json.loads((out / name / "scores.json").read_text(encoding="utf-8"))
    return {s["student"]: s for s in data["students"]}


# -- generated notebooks ------------------------------------------------------------------------

@pytest.mark.parametrize("name", WITH_TOY)
def test_generated_notebook_is_valid_and_made_from_the_starters_and_handout(name):
    a = load(name)
    nb = nbb.build(a)
    nb = nbformat.reads(nbformat.writes(nb), as_version=4)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    # every code cell says what it is; the graded ones say which module they belong to
    roles = [c.metadata["nngrader"]["role"] for c in code_cells(nb)]
    assert roles.count("setup") == 1 and roles.count("check") == len(a.modules)
    for cell in code_cells(nb, "code"):
        assert cell.metadata["nngrader"]["module"] in a.modules
    # the code cells of a module are its starter, split at its functions: no second copy
    for m in a.modules:
        cells = [c.source for c in code_cells(nb, "code") if c.metadata["nngrader"]["module"] == m]
        starter = (a.public_dir / f"{m}.py").read_text(encoding="utf-8")
        assert lines("\n".join(cells)) == lines(starter), f"{name}: the {m} cells differ from {m}.py"
        defined = {f for c in cells for f in re.findall(r"^def (\w+)", c, re.M)}
        assert set(a.functions[m]) <= defined
    # the handout is the markdown, in order
    handout = [c.source for c in nb.cells if c.metadata["nngrader"]["role"] == "handout"]
    readme = (a.public_dir / "README.md").read_text(encoding="utf-8")
    assert lines("\n".join(handout)) == [x for x in lines(readme) if not x.startswith("<!--")]
    # the same sources give the same file (a release is reproducible)
    assert nbformat.writes(nbb.build(a)) == nbformat.writes(nbb.build(a))


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    out = tmp_path_factory.mktemp("nb-release") / "student"
    proc = run_grader("release", "--out", out)
    assert proc.returncode == 0, proc.stderr
    return out


def test_release_writes_a_valid_notebook_for_every_assignment(release):
    for name in AVAILABLE:
        a = assignments.load(name)
        folder = release / "assignments" / name
        path = folder / f"{name}.ipynb"
        assert path.is_file(), f"the release has no {path.name}"
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert nb.metadata["nngrader"]["assignment"] == name
        extracted = nbm.extract(path, a)
        for m in a.modules:
            assert lines(extracted.modules[m]) == lines((folder / f"{m}.py").read_text(encoding="utf-8"))


def test_a_module_folder_becomes_a_notebook_and_back(tmp_path):
    """The authoring helper (python -m grader notebook build --from) round-trips a submission's modules."""
    folder = ROOT / "examples" / "submissions" / "hw2_compgraph" / "sign_flipped"
    out = tmp_path / "nb.ipynb"
    proc = subprocess.run([sys.executable, "-m", "grader", "notebook", "build", "-a", "hw2_compgraph",
                           "--from", str(folder), "-o", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    proc = subprocess.run([sys.executable, "-m", "grader", "notebook", "extract", str(out), "-a", "hw2_compgraph",
                           "-o", str(tmp_path / "modules")], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    for m in ("compgraph", "calculus"):
        got = (tmp_path / "modules" / f"{m}.py").read_text(encoding="utf-8")
        want = (folder / f"{m}.py").read_text(encoding="utf-8") if (folder / f"{m}.py").exists() else \
            (ROOT / "assignments" / "hw2_compgraph" / f"{m}.py").read_text(encoding="utf-8")
        assert lines(got) == lines(want)


# -- grading notebooks ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", WITH_TOY)
def test_a_notebook_of_the_reference_scores_full_marks(name, tmp_path):
    """Parametrized over assignment.available(): an assignment covers itself once it lands."""
    a = load(name)
    save(nbb.build(a, nbb.reference_sources(a)), tmp_path / "subs" / "notebook" / f"{a.name}.ipynb")
    got = grade_folder(a.public_dir, tmp_path / "subs", tmp_path / "out")["notebook"]
    assert (got["status"], got["reason"]) == ("ok", "")
    assert got["total"] == pytest.approx(a.max_points, abs=1e-9)


PNG = base64.b64encode(os.urandom(2**20)).decode()  # about 1.3 MB of base64 per image


def heavy_notebook(a):
    """The reference notebook as a student leaves it: magics, shell lines, scratch cells of their own
    (without metadata), a %%bash cell, and about 20 MB of image outputs."""
    nb = nbb.build(a, nbb.reference_sources(a))
    new = nbformat.v4.new_code_cell
    first_code = next(i for i, c in enumerate(nb.cells) if c.metadata["nngrader"]["role"] == "code")
    nb.cells.insert(first_code - 1, new("%matplotlib inline\n!pip install numpy\nimport numpy as np\n"
                                        "from IPython.display import display"))
    after_forward = next(i for i, c in enumerate(nb.cells) if c.source.startswith("def forward("))
    nb.cells.insert(after_forward + 1, new(
        "x = np.array([1.0, 2.0])\n"
        "display(\n    x,\n)\n"
        "forward?\n"
        "files = !ls\n"
        "_msg = ('%d items'\n        % 3)\n"
        "for _ in range(2):\n    %time _ = 1\n"
        "text = '''\n!not a shell line, part of a string\n'''\n"))
    nb.cells.insert(after_forward + 2, new("%%bash\necho hello"))
    nb.cells.insert(after_forward + 3, new("%%time\n_t = sum(range(10))"))
    nb.cells.append(new("grader.check()"))
    for cell in code_cells(nb, "code")[:20]:
        cell.outputs = [nbformat.v4.new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"})]
    return nb


def test_a_notebook_with_magics_and_images_grades_like_its_module_and_not_slower(tmp_path):
    a = assignments.load("hw2_compgraph")
    module = tmp_path / "module" / "student"
    module.mkdir(parents=True)
    for m, code in nbb.reference_sources(a).items():
        (module / f"{m}.py").write_text(code, encoding="utf-8")
    path = save(heavy_notebook(a), tmp_path / "notebook" / "student" / "hw2_compgraph.ipynb")
    assert path.stat().st_size > 15 * 2**20

    seconds = {}
    for kind in ("module", "notebook", "module", "notebook"):  # the first two warm the disk cache
        started = time.monotonic()
        proc = run_grader("grade", "-a", "hw2_compgraph", "-s", tmp_path / kind, "-o", tmp_path / f"out-{kind}",
                          "-q", "-j", "1")
        seconds[kind] = time.monotonic() - started
        assert proc.returncode == 0, proc.stderr
    by_module = scores(tmp_path / "out-module", "hw2_compgraph")["student"]
    by_notebook = scores(tmp_path / "out-notebook", "hw2_compgraph")["student"]
    assert by_notebook["status"] == "ok", by_notebook["reason"]
    assert {t["name"]: t["points"] for t in by_notebook["tests"]} == \
        {t["name"]: t["points"] for t in by_module["tests"]}
    assert by_notebook["total"] == by_module["total"] == a.max_points
    assert seconds["notebook"] <= 2 * seconds["module"] + 0.5, seconds

    feedback = (tmp_path / "out-notebook" / "hw2_compgraph" / "students" / "student" / "feedback.md").read_text(encoding="utf-8")
    for left_out in ("%matplotlib inline", "!pip install numpy", "forward?", "files = !ls", "%%bash"):
        assert left_out in feedback, f"the feedback does not say {left_out!r} was left out"
    assert "%d items" not in feedback and "not a shell line" not in feedback


def test_a_module_that_fails_in_a_notebook_costs_only_its_own_points(tmp_path):
    a = load("toy")
    sources = nbb.reference_sources(a)
    sources["beta"] = sources["beta"].replace("def square(x):", "def square(x)")
    save(nbb.build(a, sources), tmp_path / "subs" / "student" / "toy.ipynb")
    got = grade_folder(TOY, tmp_path / "subs", tmp_path / "out")["student"]
    assert got["status"] == "error"
    assert got["total"] == pytest.approx(sum(g.points for g in a.groups if g.name != "square"))
    # the place is given in the notebook, not in the rebuilt module the student never saw
    assert "toy.ipynb" in got["reason"] and "def square(x)" in got["reason"] and "beta.py" not in got["reason"]


def test_beside_the_starters_the_notebook_with_the_work_is_graded(tmp_path):
    """A repository made from the release holds the starters and the notebook: the one of the two that
    leaves fewer functions unfinished is graded, module by module."""
    a = load("toy")
    reference, starters = nbb.reference_sources(a), nbb.folder_sources(a, a.public_dir)
    layouts = {  # student: (the .py files, the notebook's modules)
        "worked_in_the_notebook": (starters, reference),
        "worked_in_the_modules": (reference, starters),
        "alpha_in_file_beta_in_notebook": ({"alpha": reference["alpha"], "beta": starters["beta"]},
                                           {"alpha": starters["alpha"], "beta": reference["beta"]}),
    }
    for student, (files, cells) in layouts.items():
        folder = tmp_path / "subs" / student
        folder.mkdir(parents=True)
        for m, code in files.items():
            (folder / f"{m}.py").write_text(code, encoding="utf-8")
        save(nbb.build(a, cells), folder / "toy.ipynb")
    got = grade_folder(TOY, tmp_path / "subs", tmp_path / "out")
    for student in layouts:
        assert (got[student]["total"], got[student]["status"]) == (a.max_points, "ok"), got[student]
    assert any("beta cells were graded" in n for n in got["alpha_in_file_beta_in_notebook"]["notes"])
    assert not any("alpha cells were graded" in n for n in got["alpha_in_file_beta_in_notebook"]["notes"])


def broken_notebooks(folder, a):
    good = nbformat.writes(nbb.build(a, nbb.reference_sources(a)))
    files = {
        "malformed": {"toy.ipynb": good[:len(good) // 2]},
        # a v3 or v2 notebook is upgraded and graded (tests/test_real_notebooks.py); a newer one is refused
        "newer_format": {"toy.ipynb": json.dumps({"nbformat": 5, "nbformat_minor": 0, "metadata": {},
                                                  "cells": [{"cell_type": "code", "source": "def square(x):\n"
                                                             "    return x * x", "metadata": {}, "outputs": []}]})},
        "no_code": {"toy.ipynb": nbformat.writes(nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_markdown_cell("my answers are on paper")]))},
        "not_a_notebook": {"toy.ipynb": "[1, 2, 3]"},
        "empty": {"toy.ipynb": ""},
        "two_notebooks": {"mine.ipynb": good, "copy of mine.ipynb": good},
        "latin1": {"toy.ipynb": None},
    }
    for student, contents in files.items():
        for file, text in contents.items():
            path = folder / student / file
            path.parent.mkdir(parents=True, exist_ok=True)
            if text is None:
                path.write_bytes(b'{"cells": [], "metadata": {"title": "caf\xe9"}}')
            else:
                path.write_text(text, encoding="utf-8")
    nb = nbformat.reads(good, as_version=4)
    nb.cells = [c for c in nb.cells if c.metadata["nngrader"].get("module") != "beta"]
    save(nb, folder / "no_beta" / "toy.ipynb")


def test_broken_notebooks_get_a_reason_naming_the_file(tmp_path):
    a = load("toy")
    broken_notebooks(tmp_path / "subs", a)
    got = grade_folder(TOY, tmp_path / "subs", tmp_path / "out")
    want = {  # student: (status, file named in the reason, words of the reason)
        "malformed": ("error", "toy.ipynb", "malformed"),
        "newer_format": ("error", "toy.ipynb", "notebook format 5, newer than"),
        "no_code": ("missing", "toy.ipynb", "has no code"),
        "not_a_notebook": ("error", "toy.ipynb", "not a notebook"),
        "empty": ("missing", "toy.ipynb", "empty"),
        "two_notebooks": ("error", "mine.ipynb", "2 notebooks"),
        "latin1": ("error", "toy.ipynb", "UTF-8"),
        "no_beta": ("missing", "toy.ipynb", "no code for beta"),
    }
    for student, (status, file, words) in want.items():
        row = got[student]
        assert (row["status"], file in row["reason"], words in row["reason"]) == (status, True, True), (student, row)
        assert "\n" not in row["reason"]
    assert got["no_beta"]["total"] == pytest.approx(sum(g.points for g in a.groups if g.name != "square"))
    assert all(got[s]["total"] == 0 for s in want if s != "no_beta")


# -- reading a notebook's code --------------------------------------------------------------------

def test_ipython_lines_are_left_out_and_python_kept_line_for_line():
    source = ("%matplotlib inline\n"
              "import numpy as np\n"
              "x = ('%d'\n"
              "     % 3)\n"
              "s = '''\n!inside a string\n%also\n'''\n"
              "def f():\n"
              "    !echo hi\n"
              "    return 1\n"
              "out = !ls \\\n"
              "    -l\n"
              "display(x,\n"
              "        s)\n"
              "np.sum??\n"
              "y = x  # ! not a shell line\n")
    code, dropped, magic = nbm.clean(source)
    assert magic is None
    compile(code, "<cell>", "exec")
    assert len(code.split("\n")) == len(source.split("\n"))
    assert [n for n, _, _ in dropped] == [1, 10, 12, 14, 16]
    kept = code.split("\n")
    for number in (2, 3, 4, 5, 6, 7, 8, 9, 11, 17):
        assert kept[number - 1] == source.split("\n")[number - 1]


def test_cell_magics():
    assert nbm.clean("%%bash\necho hi\n")[2] == "%%bash"
    code, dropped, magic = nbm.clean("%%time\nx = 1\n")
    assert magic is None and code.split("\n")[1] == "x = 1" and dropped[0][1] == "%%time"


def test_cells_without_metadata_go_to_the_module_they_define_or_follow(tmp_path):
    a = load("toy")
    nb = nbb.build(a, nbb.reference_sources(a))
    for cell in nb.cells:  # a tool that drops metadata; the student's cells then come unmarked
        cell.metadata = {}
    beta_header = next(i for i, c in enumerate(nb.cells) if c.source.startswith('"""Toy module beta'))
    nb.cells.insert(beta_header, nbformat.v4.new_code_cell("def square(x):\n    return x * x"))
    nb.cells.insert(beta_header, nbformat.v4.new_code_cell("HELPER = 3"))  # follows alpha's last cell
    nb.cells.insert(2, nbformat.v4.new_code_cell("import math"))  # above everything: every module
    extracted = nbm.extract(save(nb, tmp_path / "toy.ipynb"), a)
    assert re.findall(r"^def (\w+)", extracted.modules["beta"], re.M) == ["square", "square"]
    assert "HELPER = 3" in extracted.modules["alpha"] and "HELPER = 3" not in extracted.modules["beta"]
    assert all(code.startswith("import math") for code in extracted.modules.values())
    assert "grader" not in extracted.modules["alpha"] + extracted.modules["beta"]


def test_a_function_in_another_modules_cell_is_pointed_out(tmp_path):
    a = load("toy")
    nb = nbb.build(a, nbb.reference_sources(a))
    square = next(c for c in nb.cells if c.source.startswith("def square"))
    double = next(c for c in nb.cells if c.source.startswith("def double"))
    double.source += "\n\n\n" + square.source
    nb.cells.remove(square)
    extracted = nbm.extract(save(nb, tmp_path / "toy.ipynb"), a)
    assert any("square" in note and "belongs to beta" in note for note in extracted.notes), extracted.notes


# -- checking inside the notebook -----------------------------------------------------------------

def _function_from(tmp_path, name, source):
    file = tmp_path / f"{name}.py"
    file.write_text(source, encoding="utf-8")
    return vars(load_module(name, file))


def test_check_grades_the_saved_notebook_and_warns_when_the_session_differs(release, tmp_path, capsys):
    a = assignments.load("hw2_compgraph")
    folder = release / "assignments" / "hw2_compgraph"
    path = folder / "hw2_compgraph.ipynb"
    original = path.read_text(encoding="utf-8")
    checker = Checker("hw2_compgraph", root=release)
    try:
        assert checker.run(path) == 1  # the starters: every check fails
        out = capsys.readouterr().out
        assert "0 passed" in out and "not implemented yet" in out

        reference = nbb.reference_sources(a)
        save(nbb.build(a, reference), path)
        session = _function_from(tmp_path, "same", reference["compgraph"])
        assert checker.run(path, env=session) == 0
        out = capsys.readouterr().out
        assert re.search(r"\b[1-9]\d* passed, 0 failed", out) and "Warning" not in out

        edited = _function_from(tmp_path, "edited", reference["compgraph"].replace(
            "def loss(y_hat, y):", "def loss(y_hat, y):\n    print('edited, not saved')"))
        assert checker.stale(path, edited) == ["loss"]
        checker.run(path, env=edited)
        assert "Warning: loss" in capsys.readouterr().out
    finally:
        path.write_text(original, encoding="utf-8")


def test_jupyter_runs_a_generated_notebook_with_the_reference_top_to_bottom(release, tmp_path):
    nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed (the `notebooks` extra: "
                                                      "pip install -e '.[notebooks]'); make test installs it")
    pytest.importorskip("ipykernel", reason="ipykernel is not installed (the `notebooks` extra); make test installs it")
    from jupyter_client.kernelspec import KernelSpecManager
    if "python3" not in KernelSpecManager().find_kernel_specs():
        pytest.skip("no python3 Jupyter kernel is installed")
    a = assignments.load("hw2_compgraph")
    folder = release / "assignments" / a.name
    path = folder / f"{a.name}.ipynb"
    original = path.read_text(encoding="utf-8")
    nb = nbb.build(a, nbb.reference_sources(a))
    try:
        save(nb, path)  # the check cells grade the saved file, as a student's would
        nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                resources={"metadata": {"path": str(folder)}}).execute()
    finally:
        path.write_text(original, encoding="utf-8")
    errors = [o for c in code_cells(nb) for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    reports = ["".join(o.get("text", "") for o in c.outputs) for c in code_cells(nb, "check")]
    assert len(reports) == len(a.modules)
    for report in reports:
        assert re.search(r"\b[1-9]\d* passed, 0 failed", report), report
        assert "Warning" not in report
