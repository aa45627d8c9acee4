"""A notebook is graded as Jupyter runs it: its code cells run one by one in the sandboxed worker, a
cell that fails or runs too long costs only itself (its error is in the feedback as "cell N: ..."), and
IPython's idioms run or meet stand-ins instead of breaking the cells after them."""
import builtins
import importlib.util
import re
import shutil
import sys
import traceback
from pathlib import Path

import nbformat
import pytest
import yaml

from grader import assignment as assignments
from grader.notebook import build as nbb
from grader.notebook import cells as nbc
from grader.notebook import read as nbm
from grader.notebook import runtime
from conftest import ROOT, TOY, grade_folder

new = nbformat.v4.new_code_cell
OUTSIDE = "/tmp/nngrader_test_notebook_cells_outside.py"

# The idioms of the issue, each a cell (or two) among the cells of a correct solution: (cell, fails?)
IDIOMS = [
    ("import numpy as np\nfrom IPython.display import Image, display, HTML", False),
    ("Image(url='https://example.org/network.png')\nHTML('<b>forward pass</b>')", False),
    ("files = !ls\n%matplotlib inline\n!pip install numpy", False),
    ("print(files)\nassert files == []", False),
    ("from __future__ import annotations\n\ndef scaled(x: np.ndarray) -> np.ndarray:\n    return 2 * x", False),
    ("import asyncio\nawait asyncio.sleep(0.01)\nawaited = await asyncio.sleep(0, result=7)", False),
    ("%%writefile helpers.py\ndef double(x):\n    return 2 * x\n", False),
    ("import helpers\nassert helpers.double(awaited) == 14", False),
    (f"%%writefile {OUTSIDE}\nprint('written outside')\n", True),
    ("import ipywidgets as widgets\nslider = widgets.IntSlider(value=3)\ndisplay(slider)\n"
     "@widgets.interact(x=(0, 10))\ndef show(x):\n    return x", False),
    ("from tqdm.notebook import tqdm, trange\ntotal = 0\nfor i in tqdm(range(4)):\n    total += i\n"
     "for i in trange(2):\n    total += i\nassert total == 7", False),
    ("import pandas as pd\nframe = pd.DataFrame({'a': [1, 2]})", importlib.util.find_spec("pandas") is None),
    ("from google.colab import drive\ndrive.mount('/content/drive')", False),
    ("name = input('your name: ')\nprint('hello', name or 'nobody')", False),
    ("%time loss = float(np.square(np.ones(3)).sum())\nassert loss == 3.0", False),
    ("print(not_defined_anywhere)", True),
    ("w = np.zeros(3)\nfor epoch in range(10**9):\n    w = w + 0.001 * np.tanh(w + 1)", True),  # training, too long
]


def fast_copy(tmp_path, name, **limits):
    """A copy of assignment ``name`` (public and hidden parts) with ``limits``; its path for --assignment."""
    kit = tmp_path / "kit"
    for part in ("assignments", "solutions"):
        shutil.copytree(ROOT / part / name, kit / part / name, ignore=shutil.ignore_patterns("__pycache__"))
    config = kit / "assignments" / name / "assignment.yaml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["limits"] = {**data.get("limits", {}), **limits}
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return kit / "assignments" / name


def save(nb, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    return path


def feedback(out, assignment, student):
    return (out / assignment / "students" / student / "feedback.md").read_text(encoding="utf-8")


def test_an_idioms_notebook_gets_full_marks_and_each_failing_cell_is_in_the_feedback(tmp_path):
    path = fast_copy(tmp_path, "hw1_derivatives", import_seconds=4)
    a = assignments.load(str(path))
    nb = nbb.build(a, nbb.reference_sources(a))
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.metadata["nngrader"]["role"] == "code"]
    # the idioms after the first cell of the solution: every function after them must still be graded
    at = code[1]
    for offset, (source, _) in enumerate(IDIOMS):
        nb.cells.insert(at + offset, new(source))
    save(nb, tmp_path / "subs" / "idioms" / f"{a.name}.ipynb")
    got = grade_folder(path, tmp_path / "subs", tmp_path / "out")["idioms"]
    assert (got["status"], got["total"]) == ("ok", pytest.approx(a.max_points, abs=1e-9)), got["reason"]

    cell_of = {source: nb.cells.index(cell) + 1 for source, _ in IDIOMS
               for cell in nb.cells if cell.get("source") == source}
    text = feedback(tmp_path / "out", a.name, "idioms")
    noted = {int(n) for n in re.findall(r"^- cell (\d+): ", text, re.M)}
    assert noted == {cell_of[source] for source, fails in IDIOMS if fails}, text
    assert re.search(rf"- cell {cell_of[IDIOMS[-2][0]]}: NameError: name 'not_defined_anywhere' is not defined", text)
    assert re.search(rf"- cell {cell_of[IDIOMS[-1][0]]}: stopped after [\d.]+ s", text)
    assert re.search(rf"- cell {cell_of[IDIOMS[8][0]]}: PermissionError: %%writefile writes only inside", text)
    assert not (tmp_path / "subs" / "idioms" / "helpers.py").exists()  # written in the worker's copy
    assert not Path(OUTSIDE).exists()
    assert "%matplotlib inline" in text and "!pip install numpy" in text  # noted: they did nothing


def toy_notebook(*extra):
    """The toy assignment's reference as a notebook, with ``extra`` cells (source, where) inserted."""
    a = assignments.load(str(TOY))
    nb = nbb.build(a, nbb.reference_sources(a))
    for source, before in extra:
        at = next(i for i, c in enumerate(nb.cells) if c.get("source", "").startswith(before))
        nb.cells.insert(at, new(source))
    return a, nb


def test_a_cell_that_fails_costs_only_itself_and_a_failed_definition_is_the_rows_reason(tmp_path):
    a, nb = toy_notebook(("raise RuntimeError('a cell of scratch work')", "def square"),
                         ("import numpy as np\nx = np.ones(2) @ np.ones(3)", "def square"))
    save(nb, tmp_path / "subs" / "scratch" / "toy.ipynb")
    sources = nbb.reference_sources(a)
    sources["beta"] = sources["beta"].replace("def square(x):", "def square(x):\n    return undefined_name +")
    save(nbb.build(a, sources), tmp_path / "subs" / "broken_square" / "toy.ipynb")
    _, nb = toy_notebook(("import grader.notebook.runtime as r\nr._FAILED['alpha'] = [('x', 1), (3, 'forged'), "
                          "(4, ValueError('own words')), (5, [])] * 50\nr._FAILED['beta'] = 'no list'", "def square"))
    save(nb, tmp_path / "subs" / "tampered" / "toy.ipynb")  # its own notes only; never the grader's error
    got = grade_folder(TOY, tmp_path / "subs", tmp_path / "out")
    assert (got["tampered"]["status"], got["tampered"]["total"]) == ("ok", a.max_points)
    assert sum(n.startswith("cell ") for n in got["tampered"]["notes"]) <= 2 * runtime.MAX_FAILURES
    assert (got["scratch"]["status"], got["scratch"]["total"]) == ("ok", a.max_points)
    notes = " ".join(got["scratch"]["notes"])
    assert "RuntimeError: a cell of scratch work" in notes and "ValueError: matmul" in notes
    broken = got["broken_square"]
    assert broken["status"] == "error" and broken["total"] == sum(g.points for g in a.groups if g.name != "square")
    assert re.match(r"cell \d+: SyntaxError", broken["reason"]) and "toy.ipynb" in broken["reason"]


def test_a_rewritten_cell_keeps_its_lines_and_runs_ipython_as_jupyter_does():
    source = ("%matplotlib inline\n"
              "out = !ls \\\n"
              "    -l\n"
              "for _ in range(2):\n"
              "    %time y = 1\n"
              "display(x,\n"
              "        y)\n"
              "x?\n"
              "grader.check('alpha')\n")
    cell = nbc.rewrite(source)
    assert len(cell.runnable.split("\n")) == len(cell.code.split("\n")) == len(source.split("\n"))
    assert cell.runnable.split("\n") == [
        "get_ipython().run_line_magic('matplotlib', 'inline')",
        "out = get_ipython().getoutput('ls -l')",
        "",
        "for _ in range(2):",
        "    get_ipython().run_line_magic('time', 'y = 1')",
        "display(x,",
        "        y)",
        "pass",
        "pass",
        "",
    ]
    assert [n for n, _, _ in cell.inert] == [1, 2, 8, 9]  # what does nothing when graded
    writefile = nbc.rewrite("%%writefile helpers.py\ndef f():\n    return 1")
    assert writefile.magic == "%%writefile" and not writefile.inert
    assert writefile.runnable.split("\n")[0] == \
        "get_ipython().run_cell_magic('writefile', 'helpers.py', 'def f():\\n    return 1')"


@pytest.fixture
def stand_ins_undone():
    """``runtime.run`` puts stand-ins in builtins, sys.meta_path and sys.modules: taken out after the test."""
    saved = {name: getattr(builtins, name, None) for name in ("display", "get_ipython", "input")}
    meta_path = list(sys.meta_path)
    yield
    sys.meta_path[:] = meta_path
    for name, value in saved.items():
        if value is None:
            delattr(builtins, name)
        else:
            setattr(builtins, name, value)
    for name in [n for n, m in sys.modules.items() if isinstance(m, runtime.FrontEndModule)]:
        del sys.modules[name]


def test_cells_run_in_order_with_future_imports_await_and_a_time_limit_each(tmp_path, stand_ins_undone):
    """``runtime.run`` itself, in this process: what the worker does when it imports a driver."""
    cells = [(1, 1, "x = 1"), (2, 3, "y = x +"), (3, 5, "from __future__ import annotations\n"
                                                     "def f(a: Undefined) -> int:\n    return a"),
             (4, 9, "import asyncio\nz = await asyncio.sleep(0.01, result=x + 1)"),
             (5, 12, "try:\n    while True:\n        pass\nexcept BaseException:\n    pass\nwhile True:\n    pass"),
             (6, 19, "w = z + 1\nname = input()\nfrom IPython.display import Image\nImage('x.png')")]
    namespace = {"__name__": "cells_under_test", "__file__": str(tmp_path / "cells_under_test.py")}
    runtime.run(namespace, cells, 1.0)
    failed = dict(runtime.failures("cells_under_test"))
    assert set(failed) == {2, 5}
    assert isinstance(failed[2], SyntaxError) and failed[2].lineno == 3
    assert failed[5].startswith("stopped after")  # though the loop caught the first stop
    assert (namespace["z"], namespace["w"], namespace["name"]) == (2, 3, "")
    assert namespace["f"].__annotations__ == {"a": "Undefined", "return": "int"}
    assert runtime.failures("cells_under_test") == []  # read once


def test_the_rebuilt_module_maps_every_place_back_to_its_cell(tmp_path, stand_ins_undone):
    a, nb = toy_notebook(("files = !ls\n\n%%time\nprint(files)", "def square"),
                         ("%time _ = 1\n\nx = 1\nraise ValueError(x)", "def square"))
    extracted = nbm.extract(save(nb, tmp_path / "toy.ipynb"), a)
    for module, spans in extracted.pieces.items():
        text = extracted.modules[module].split("\n")
        for start, piece in spans:
            run = piece.run.split("\n")
            assert len(run) == len(piece.code.split("\n"))
            for offset, line in enumerate(run):
                if line and "get_ipython()" not in line and line.strip() != "pass":
                    assert text[start - 1 + offset] == line
    # an error in a cell, as the worker sees it, is placed at its line of its cell
    cells = [(p.cell, start, p.run) for start, p in extracted.pieces["beta"]]
    namespace = {"__name__": "beta", "__file__": str(tmp_path / "beta.py")}
    runtime.run(namespace, cells, 2.0)
    (cell, error), = runtime.failures("beta")
    line = list(traceback.walk_tb(error.__traceback__))[-1][1]
    assert extracted.where("beta", line).endswith(f"line 4 of cell {cell} (\"%time _ = 1\")")
    assert traceback.extract_tb(error.__traceback__)[-1].line == "raise ValueError(x)"  # the cell's own line
    assert callable(namespace["square"])
