"""Notebooks: every assignment as a Jupyter notebook, and notebook submissions graded like modules.

This module is the grader's side, ``extract``; ``grader.notebook_build`` writes an
assignment as a notebook, and ``grader.notebook_check`` is the notebook's ``Checker``
and the command line.

- ``extract``: the grader's side. It reads a submitted ``.ipynb`` with nbformat
  (JSON only, no kernel, nothing run here) and rebuilds each module from its code
  cells, twice over and line for line (``cells.rewrite``): as Python with the
  IPython-only lines (``%magic``, ``!shell``, ``display(...)``, ...) left out,
  which is read (which functions are defined, where a line is), and as the cells
  that run when graded, IPython's lines turned into Python as Jupyter turns them.
  Check and set-up cells are left out of both; a line that does nothing when
  graded is noted for the student. The worker imports each rebuilt module as a
  ``runtime.driver`` that runs its cells one by one, as Jupyter does: a cell that
  fails or runs too long costs only itself.
- ``Checker`` (``grader.notebook_check``): the notebook's side. ``grader.check()`` in the notebook grades the
  *saved* notebook file (what the student submits) with the public tests, in a
  separate process through the sandboxed engine (``python -m grader check``), and
  prints which functions pass and what is wrong with the rest. It warns when a
  function the kernel ran differs from the saved file.

Which module a code cell belongs to: its ``nngrader.module`` metadata; for a cell
without it (a cell the student added), the module whose listed functions it
defines, else the module of the cell above it. Cells above the first module's
cells (a student's own imports, say) go into every module. An assignment with a
single module takes every code cell.

Command line: ``python -m grader notebook build|extract|check`` (``grader.notebook_check.main``).
"""
from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from ..text import clean_tree, json_items
from .cells import _CHECK_WHYS, _DEF, clean, rewrite  # noqa: F401 - clean: read.clean as before

META = "nngrader"  # the key of the kit's cell and notebook metadata
FORMAT = 1  # version of the kit's notebook layout, in the notebook's metadata
MAX_NOTEBOOK_BYTES = 50 * 2**20  # a larger notebook is refused (outputs can be cleared)
MAX_CODE_BYTES = 10 * 2**20  # the rebuilt module's limit, as for a submitted .py file
# Parsing JSON costs memory and time per item, not per byte: a few MB of ``[]`` or ``{}`` parse to
# gigabytes. Items (containers, elements and strings), counted from the bytes, are bounded first.
MAX_JSON_ITEMS = 1_000_000
NOTED_LINES = 6  # left-out lines listed one by one in the feedback

_SETUP_MARK = re.compile(r"^\s*from\s+grader\.notebook(?:_check|\.check)?\s+import\b", re.M)  # old and new set-up cells


class NotebookError(ValueError):
    """A notebook that cannot be used, in one sentence that names the file."""

    def __init__(self, message: str, status: str = "error"):
        super().__init__(message)
        self.status = status


# -- IPython-only lines -------------------------------------------------------------------------

# -- reading a submitted notebook -----------------------------------------------------------------

@dataclass
class _Piece:
    cell: int  # 1-based position of the cell in the notebook
    code: str
    first_line: str
    run: str = ""  # what runs when graded (``cells.rewrite``), line for line with ``code``


@dataclass
class Extracted:
    """The modules a notebook yields, and what the student should know about how."""

    file: str  # the notebook's file name
    modules: dict = field(default_factory=dict)  # module -> rebuilt source
    missing: dict = field(default_factory=dict)  # module -> why the notebook has no code for it
    notes: list = field(default_factory=list)
    pieces: dict = field(default_factory=dict)  # module -> [(first line in the module, _Piece)]
    checks: int = 0  # check and set-up cells left out

    def defines(self, module: str, cell: int) -> set:
        """The names that cell ``cell`` of ``module`` defines at its top level (read, not run)."""
        return {n for _, p in self.pieces.get(module, ()) if p.cell == cell for n in _DEF.findall(p.code)}

    def place(self, module: str, line: int):
        """Line ``line`` of a rebuilt module as (its cell's piece, the line in that cell), or None."""
        for start, piece in reversed(self.pieces.get(module) or []):
            if line >= start:
                offset = line - start + 1
                return (piece, offset) if offset <= piece.code.count("\n") + 1 else None
        return None

    def where(self, module: str, line: int) -> str:
        """``compgraph.py, line 42`` of a rebuilt module as a place in the notebook."""
        found = self.place(module, line)
        if found:
            return f"{self.file}, line {found[1]} of cell {found[0].cell} (\"{found[0].first_line}\")"
        return f"{self.file}, the {module} code, line {line}"


def _source(cell) -> str:
    source = cell.get("source", "")
    if isinstance(source, list):
        source = "".join(str(s) for s in source)
    if not isinstance(source, str):
        raise TypeError("a cell's source is neither text nor a list of lines")
    return source.replace("\r\n", "\n")


def _meta(cell_or_nb) -> dict:
    meta = cell_or_nb.get("metadata")
    meta = meta.get(META) if isinstance(meta, dict) else None
    return meta if isinstance(meta, dict) else {}


def check_json_size(raw: bytes, name: str) -> None:
    """NotebookError when the JSON in ``raw`` has more items than ``MAX_JSON_ITEMS`` (an upper bound,
    counted before any parsing: ``[``, ``{``, ``,`` and pairs of quotes)."""
    items = json_items(raw)
    if items > MAX_JSON_ITEMS:
        raise NotebookError(f"{name} holds more than {MAX_JSON_ITEMS:,} JSON items, more than a notebook "
                            "of code needs (clear its outputs and save it again)")


def read(path: Path):
    """The notebook at ``path`` as an nbformat v4 NotebookNode, a notebook of format 1 to 3 upgraded as
    ``nbformat.read(..., as_version=4)`` upgrades it (``formats.upgraded``); NotebookError says why it
    cannot be (a notebook in another language than Python is named as such)."""
    import nbformat

    from . import formats

    path = Path(path)
    name = path.name
    size = path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        raise NotebookError(f"{name} is {size / 2**20:.0f} MB, more than the {MAX_NOTEBOOK_BYTES // 2**20} MB "
                            "a notebook may have (clear its outputs and save it again)")
    raw = path.read_bytes()
    if not raw.strip():
        raise NotebookError(f"{name} is empty", "missing")
    check_json_size(raw, name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise NotebookError(f"{name} is not a notebook: not UTF-8 text (byte {e.start})") from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nb = formats.upgraded(text)
    except formats.FormatProblem as e:
        raise NotebookError(f"{name} {e}", e.status) from None
    except nbformat.reader.NotJSONError:
        try:
            json.loads(text)
            detail = ""
        except RecursionError:
            detail = ": it is nested too deeply"
        except ValueError as e:
            detail = (f" at line {e.lineno}, column {e.colno} ({e.msg})" if hasattr(e, "lineno") else f" ({e})")
        raise NotebookError(f"{name} is not a notebook: its JSON is malformed{detail}; "
                            "was it saved completely?") from None
    except nbformat.NBFormatError as e:
        raise NotebookError(f"{name} is not a notebook this grader can read ({e})") from None
    except RecursionError:
        raise NotebookError(f"{name} is not a notebook: its JSON is nested too deeply") from None
    except Exception as e:  # noqa: BLE001 - JSON that is not a notebook at all
        why = " ".join(str(e).split())[:200] or type(e).__name__
        raise NotebookError(f"{name} is not a notebook ({why})") from None
    if not isinstance(nb, dict):
        raise NotebookError(f"{name} is not a notebook: its JSON is not an object")
    cells = nb.get("cells")
    if not isinstance(cells, list) or not all(isinstance(c, dict) for c in cells):
        raise NotebookError(f"{name} is not a notebook: it has no list of cells")
    for cell in cells:  # the student's text: a lone surrogate (\ud800 in the JSON) would fail every write
        if "source" in cell:
            cell["source"] = clean_tree(cell["source"])
    return nb


def find(folder: Path, assignment) -> Path | None:
    """The notebook of a submission folder: its only ``.ipynb``, else the one named after the
    assignment (or a module); None when it has none. NotebookError when it cannot tell which."""
    folder = Path(folder)
    found = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith(".") and p.is_file()
                   and not p.is_symlink())
    if len(found) <= 1:
        return found[0] if found else None
    for name in (assignment.name, *assignment.modules):
        if (folder / f"{name}.ipynb") in found:
            return folder / f"{name}.ipynb"
    names = ", ".join(p.name for p in found[:4]) + (", ..." if len(found) > 4 else "")
    raise NotebookError(f"the submission has {len(found)} notebooks ({names}) and none named "
                        f"{assignment.name}.ipynb: submit one")


def extract(path: Path, assignment, nb=None) -> Extracted:
    """Rebuild the assignment's modules from the notebook at ``path`` (read with nbformat; nothing runs).

    Raises NotebookError when the notebook cannot be used at all (status and reason for its row).
    """
    path = Path(path)
    nb = nb if nb is not None else read(path)
    result = Extracted(path.name)
    modules = list(assignment.modules)
    owner = {f: m for m in modules for f in assignment.functions[m]}
    made_for = _meta(nb).get("assignment")
    if made_for and made_for != assignment.name:
        result.notes.append(f"{path.name} was made for {made_for}, not {assignment.name}")

    code_bytes = sum(len(_source(c)) for c in nb["cells"] if c.get("cell_type") == "code"
                     and isinstance(c.get("source", ""), (str, list)))
    if code_bytes > MAX_CODE_BYTES:
        raise NotebookError(f"the code cells of {path.name} hold {code_bytes / 2**20:.0f} MB of code, more than "
                            f"the {MAX_CODE_BYTES // 2**20} MB a module may have")
    prelude: list[_Piece] = []
    per_module: dict[str, list[_Piece]] = {m: [] for m in modules}
    dropped_lines: list[str] = []
    dropped_cells: list[str] = []
    checks = 0
    current = None  # the module of the section we are in
    code_cells = 0
    for index, cell in enumerate(nb["cells"], 1):
        meta = _meta(cell)
        tagged = meta.get("module") if meta.get("module") in per_module else None
        kind = cell.get("cell_type")
        if kind != "code":
            if tagged:
                current = tagged
            continue
        try:
            source = _source(cell)
        except TypeError:
            result.notes.append(f"cell {index} of {path.name} could not be read and was left out")
            continue
        if not source.strip():
            continue
        code_cells += 1
        if meta.get("role") in ("check", "setup") or _SETUP_MARK.search(source):
            checks += 1
            continue
        rewritten = rewrite(source)
        code, dropped, magic = rewritten.code, rewritten.dropped, rewritten.magic
        first_line = next((line.strip() for line in source.split("\n") if line.strip()), "")[:60]
        if magic and magic != "%%writefile":  # %%writefile runs: `import helpers` may follow
            dropped_cells.append(f"cell {index} ({magic})")
            continue
        empty = _empty(code)
        if empty and dropped and all(why in _CHECK_WHYS for _, _, why in dropped):
            checks += 1  # a check cell the student made
            continue
        for number, text, why in rewritten.inert:
            dropped_lines.append(f"cell {index}, line {number}: `{text[:60]}` ({why})")
        if empty and _empty(rewritten.runnable):
            continue
        defined = {owner[n] for n in _DEF.findall(code) if n in owner}
        if len(modules) == 1:
            module = modules[0]
        elif tagged:
            module = tagged
        elif len(defined) == 1:
            module = defined.pop()
        else:
            module = current
        code, run = code.rstrip(), rewritten.runnable.rstrip()
        code += "\n" * (run.count("\n") - code.count("\n"))  # as many lines as what runs, for ``where``
        piece = _Piece(index, code, first_line, run)
        if module is None:
            prelude.append(piece)
        else:
            per_module[module].append(piece)
            current = module

    if code_cells == 0:
        raise NotebookError(f"{path.name} has no code: it has no code cell, or only empty ones", "missing")
    for m in modules:
        if not per_module[m]:
            result.missing[m] = (f"{path.name} has no code for {m}" + (
                "" if len(modules) == 1 else f" (no cell tagged {m} and none defining its functions)"))
            continue
        text, spans, line = [], [], 1
        for piece in prelude + per_module[m]:
            spans.append((line, piece))
            text.append(piece.code + "\n\n\n")
            line += piece.code.count("\n") + 3
        result.modules[m] = "".join(text).rstrip("\n") + "\n"
        result.pieces[m] = spans

    for m, code in result.modules.items():  # a listed function in another module's cells
        defined_here = set(_DEF.findall(code))
        for f in assignment.functions[m]:
            if f in defined_here:
                continue
            elsewhere = [other for other, c in result.modules.items() if other != m and f in _DEF.findall(c)]
            if elsewhere:
                result.notes.append(f"{f} is defined in a {elsewhere[0]} cell of {path.name}, but it belongs to "
                                    f"{m}: move it to a {m} cell (or tag its cell {m})")
    if dropped_lines:
        shown = "; ".join(dropped_lines[:NOTED_LINES])
        more = f"; and {len(dropped_lines) - NOTED_LINES} more" if len(dropped_lines) > NOTED_LINES else ""
        result.notes.append(f"{len(dropped_lines)} line(s) of {path.name} that only Jupyter runs did nothing "
                            "when graded (shell commands and magics do not run there, but %time and %%writefile "
                            f"do; `x = !command` gives an empty list): {shown}{more}")
    if dropped_cells:
        result.notes.append(f"cell magics that do not run when graded were left out of {path.name}: "
                            + ", ".join(dropped_cells))
    result.checks = checks
    return result


def _empty(code: str) -> bool:
    """Whether ``code`` does nothing: blank lines, ``pass`` and comments."""
    return all(not line.strip() or line.strip() == "pass" or line.lstrip().startswith("#") for line in code.split("\n"))


def unfinished(code: str, functions) -> int:
    """How many of ``functions`` the module ``code`` leaves unfinished: not defined, or a body that
    still raises NotImplementedError (the starter's stub). Read, never run."""
    bodies: dict[str, list[str]] = {}
    current = None
    for line in code.split("\n"):
        m = _DEF.match(line)
        if m:
            current = m[1]
            bodies[current] = []  # a later definition replaces an earlier one, as in Python
        elif line[:1] not in ("", " ", "\t", "#"):
            current = None
        elif current:
            bodies[current].append(line)
    return sum(1 for f in functions if f not in bodies or "NotImplementedError" in "\n".join(bodies[f]))


def for_submission(folder: Path, assignment):
    """The notebook of a submission folder, rebuilt: an ``Extracted``, a NotebookError, or None (no notebook)."""
    try:
        path = find(folder, assignment)
        if path is None:
            return None
        return extract(path, assignment)
    except NotebookError as e:
        return e
    except OSError as e:
        return NotebookError(f"the notebook could not be read: {e.strerror or e}")
