"""An assignment as a Jupyter notebook (nbformat v4), made from the same files as the release.

The handout (``assignments/<name>/README.md``) becomes markdown cells, each starter
module (``assignments/<name>/<module>.py``) code cells, one per top-level function
or class, and check cells follow. Every generated cell carries
``metadata["nngrader"] = {"role": ..., "module": ...}``, which ``grader.notebook``
reads back when a notebook is submitted. ``make release`` writes ``<name>.ipynb``
next to the starters; nothing hand-kept, so nothing to drift.
"""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

from .cells import _TOP_BOUNDARY, _scan
from .read import FORMAT, META

# -- building an assignment's notebook ------------------------------------------------------------

def split_module(source: str) -> list[str]:
    """A module's source as cells: the header (docstring, imports), then one cell per top-level
    function or class (with its decorators and the comment lines just above it)."""
    lines = source.rstrip("\n").split("\n")
    starts, quote, depth, continued = [], None, 0, False
    pending = False  # a decorator opened a cell whose def or class has not come yet
    for i, line in enumerate(lines):
        if quote is None and depth == 0 and not continued and _TOP_BOUNDARY.match(line):
            if not pending:
                start = i  # the comment lines just above (blank lines between allowed) come along
                for j in range(i - 1, -1, -1):
                    if lines[j].startswith("#"):
                        start = j
                    elif lines[j].strip():
                        break
                starts.append(start)
            pending = line.startswith("@")
        quote, depth, continued = _scan(line, quote, depth)
    bounds = [0] + [s for s in starts if s > 0] + [len(lines)]
    cells = ["\n".join(lines[a:b]).strip("\n") for a, b in zip(bounds, bounds[1:])]
    return [c for c in cells if c.strip()]


def split_markdown(text: str) -> list[str]:
    """A handout as markdown cells, one per heading of level 1 or 2 (never inside a code fence)."""
    cells, current, fence = [], [], None
    for line in text.split("\n"):
        marker = re.match(r"^\s*(```+|~~~+)", line)
        if marker:
            fence = None if fence and marker[1].startswith(fence) else (fence or marker[1])
        if fence is None and re.match(r"^#{1,2}\s", line) and any(x.strip() for x in current):
            cells.append("\n".join(current).strip("\n"))
            current = []
        current.append(line)
    if any(x.strip() for x in current):
        cells.append("\n".join(current).strip("\n"))
    return cells


def reference_sources(assignment) -> dict:
    """The reference solution of each module, solution markers removed (for tests and examples)."""
    from ..assignment import BEGIN, END
    sources = {}
    for m in assignment.modules:
        text = (assignment.solution_dir / f"{m}.py").read_text(encoding="utf-8")
        sources[m] = "".join(line for line in text.splitlines(keepends=True)
                             if not BEGIN.match(line) and not END.match(line))
    return sources


def folder_sources(assignment, folder: Path) -> dict:
    """The modules of a folder of ``.py`` files (a missing one stays the starter)."""
    folder = Path(folder)
    sources = {}
    for m in assignment.modules:
        file = folder / f"{m}.py"
        sources[m] = (file if file.is_file() else assignment.public_dir / f"{m}.py").read_text(encoding="utf-8")
    return sources


def _intro(assignment, file: str) -> str:
    mods = ", ".join(f"`{m}.py`" for m in assignment.modules)
    several = len(assignment.modules) > 1
    lines = [
        f"# {assignment.title} (`{assignment.name}`)",
        "",
        f"This notebook is the assignment: the handout below, then the code of {mods} as code cells.",
        "Fill in the functions (each `raise NotImplementedError(...)`), run the cells, and check your work:",
        "",
        "1. Run the set-up cell below once. It finds the course's grader in the student release this notebook",
        "   came with (in Colab: upload the release's `.zip` to the Files pane first). The check needs Linux",
        "   or macOS (Colab is Linux); on Windows, use WSL.",
        "2. **Save the notebook** (Ctrl+S or Cmd+S), then run a `grader.check()` cell. It grades the saved",
        "   notebook with the public checks (the handout's documented cases) in the course's grader, as",
        "   `make check` does, and says which functions pass and what is wrong with the rest;",
        "   `grader.check(\"<function>\")` shows one function's checks. Grading also runs hidden tests, so a",
        "   passing check is necessary, not sufficient.",
        "",
        f"**Submit** this notebook (`{file}`) or the module file(s) {mods}.",
        "",
        "**How the notebook is graded.** As Jupyter runs it: the grader takes the saved notebook and runs",
        (f"each module's code cells ({', '.join(f'`{m}`' for m in assignment.modules)}; a cell's module is "
         "kept in its metadata) one by one, in order, then grades each module's functions on their own."
         if several else "its code cells one by one, in order, then grades the functions they define."),
        "You may add cells" + (": a new cell belongs to the module of the section it is in, so keep each "
                               "module's code in its own section."
                               if several else "."),
        "A cell that fails is listed in your feedback and the cells after it still run; check cells are left",
        "out, shell commands and most magics do nothing, and a cell that runs too long is stopped.",
    ]
    return "\n".join(lines)


def _setup(assignment) -> str:
    """The set-up cell: it finds the student release's grader/ (a folder above the notebook, or a
    release folder or ``.zip`` beside it, as uploaded to Colab) and defines ``grader``; without a
    release, ``grader.check()`` says in one line what to do. It needs nothing but Python."""
    return textwrap.dedent(f"""\
        # Set-up: run this cell first; it is not graded. It finds the course's grader: the grader/ folder of
        # the student release, above this notebook or beside it (in Colab, upload the release's .zip to the
        # Files pane: this cell unpacks it). The first grader.check() installs what it lacks, once.
        import sys
        import zipfile
        from pathlib import Path

        def _release(here):
            places = [here, *here.parents, *sorted(p for p in here.iterdir() if p.is_dir())]
            return next((p for p in places if (p / "grader" / "notebook" / "check.py").is_file()), None)

        _here = Path.cwd()
        if _release(_here) is None:
            for _zip in sorted(_here.glob("*.zip")):
                with zipfile.ZipFile(_zip) as _z:
                    if any(n.endswith("grader/notebook/check.py") for n in _z.namelist()):
                        _z.extractall(_here)
                        break
        if _release(_here) is not None:
            sys.path.insert(0, str(_release(_here)))
            from grader.notebook.check import Checker
            grader = Checker({assignment.name!r})
        else:
            class _NoGrader:
                def check(self, *args, **kwargs):
                    print(f"check: no grader/ folder above or beside {{_here}}: open this notebook from "
                          "assignments/{assignment.name}/ of the course's student release, or upload the release's "
                          ".zip beside it (Colab: the Files pane), then run the set-up cell again")
            grader = _NoGrader()
            grader.check()""")


CHECK_CELL = ("# Save the notebook first (Ctrl+S): the check grades the saved file, as the grader will.\n"
              "grader.check()")


def build(assignment, sources: dict | None = None, handout: str | None = None, *, file: str | None = None):
    """The assignment as an nbformat v4 notebook: ``sources`` (module -> code; default the starters)
    as code cells, ``handout`` (default the assignment's README.md) as markdown cells."""
    import nbformat
    from nbformat import v4

    if sources is None:
        sources = folder_sources(assignment, assignment.public_dir)
    if handout is None:
        readme = assignment.public_dir / "README.md"
        handout = readme.read_text(encoding="utf-8") if readme.is_file() else ""
    handout = re.sub(r"^<!--.*?-->\s*", "", handout, flags=re.S)
    file = file or f"{assignment.name}.ipynb"
    counter = {}

    def cell(kind: str, source: str, role: str, module: str | None = None):
        key = f"{role}-{module}" if module else role
        counter[key] = counter.get(key, 0) + 1
        meta = {META: {"role": role, **({"module": module} if module else {})}}
        make = v4.new_code_cell if kind == "code" else v4.new_markdown_cell
        return make(source, metadata=meta, id=f"{key}-{counter[key]}")

    cells = [cell("markdown", _intro(assignment, file), "intro"), cell("code", _setup(assignment), "setup")]
    cells += [cell("markdown", text, "handout") for text in split_markdown(handout)]
    for m in assignment.modules:
        functions = ", ".join(f"`{f}`" for f in assignment.functions[m])
        heading = (f"## Your code: `{m}.py`\n\nThe code cells from here to the check below are the module "
                   f"`{m}` (graded functions: {functions}).")
        cells.append(cell("markdown", heading, "module", m))
        cells += [cell("code", code, "code", m) for code in split_module(sources[m])]
        cells.append(cell("code", CHECK_CELL, "check", m))
    nb = v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        META: {"assignment": assignment.name, "modules": list(assignment.modules), "format": FORMAT,
               "groups": {g.name: g.title for g in assignment.groups}},  # grader.check("<group>") reads them
    })
    nbformat.validate(nb)
    return nb


def write(nb, path: Path) -> Path:
    import nbformat
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    return path


def write_release(assignment, folder: Path) -> Path:
    """Write ``<folder>/<name>.ipynb`` of the release from the assignment's starters and handout."""
    return write(build(assignment), Path(folder) / f"{assignment.name}.ipynb")
