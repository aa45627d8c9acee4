"""Resolve: what each module of a submission is graded as, decided before any worker starts.

A module comes from its ``.py`` file, or from the code cells of the submission's
notebook (``grader.notebook``) when the file is missing or leaves more of its
functions unfinished than the notebook does. ``resolve`` reads files and the
notebook's JSON only; it runs nothing. Its ``Resolved`` says, per module, the
code's origin or why it cannot be graded, and maps places in a rebuilt module
back to the notebook's cells for feedback.
"""
from __future__ import annotations

import re
from pathlib import Path

from .. import statuses
from ..notebook import runtime
from .files import left_out_note
from .submissions import found_instead

MAX_FILE_BYTES = 10 * 2**20  # larger files of a submission are not copied to the worker


class Resolved:
    """A submission's modules as grading will see them.

    ``folder``: the student's files (None when nothing could be read; ``problem`` says why).
    ``module_problems``: module -> (reason, status) for the modules that cannot be graded.
    ``notebook``: the ``notebook.Extracted`` whose cells stand in for the modules in ``from_notebook``.
    ``none_reason``: the row's reason when the submission holds none of the modules.
    ``import_seconds`` and ``functions``: the assignment's, for the cells a rebuilt module runs.
    """

    def __init__(self, folder: Path | None, problem: str | None = None, notes=()):
        self.folder, self.problem, self.notes = folder, problem, list(notes)
        self.module_problems: dict[str, tuple[str, str]] = {}
        self.notebook = None
        self.from_notebook: set[str] = set()
        self.none_reason: str | None = None
        self.import_seconds = 10.0
        self.functions: dict = {}

    def from_cells(self, module: str) -> bool:
        """Whether ``module`` is graded from the notebook's cells (not from its .py file)."""
        return self.notebook is not None and module in self.notebook.modules and module in self.from_notebook

    def rebuilt(self) -> dict[str, str]:
        """The modules rebuilt from the notebook: module -> the code written into the worker's folder, a
        ``runtime.driver`` that runs the module's cells one by one when imported."""
        if not self.notebook:
            return {}
        return {m: runtime.driver([(p.cell, start, p.run) for start, p in self.notebook.pieces[m]], self.import_seconds)
                for m in self.notebook.modules if self.from_cells(m)}

    def ran_cells(self, module: str, cells, event) -> None:
        """Note, once each, the cells of ``module`` that failed when its import ran them (the worker's
        ``cells``: dicts of kind, message and where). A failed cell that defines one of the module's
        functions, or one stopped by a limit of the sandbox, is also an ``event(status, reason)``."""
        if not self.from_cells(module) or not isinstance(cells, list):
            return
        for item in cells[:runtime.MAX_FAILURES]:
            if not isinstance(item, dict) or not isinstance(item.get("cell"), int):
                continue
            message = str(item.get("message") or "failed")[:600]
            where = re.match(r"^(\w+)\.py, line (\d{1,9})(.*)$", str(item.get("where") or ""))
            found = self.notebook.place(module, int(where[2])) if where and where[1] == module else None
            if found and found[0].cell == item["cell"]:  # in the cell's own code
                message += f" ({self.notebook.file}, line {found[1]} of the cell \"{found[0].first_line}\")"
            elif where:  # in a function another cell defined
                message += f" ({self.where(where[0])})"
            note = f"cell {item['cell']}: {message}"
            kind = item.get("kind") if isinstance(item.get("kind"), str) else "exception"
            listed = set(self.functions.get(module, ()))
            if kind in statuses.IMPORT_KINDS and kind != "missing":
                event(statuses.IMPORT_KINDS[kind], note)
            elif kind != "timeout" and self.notebook.defines(module, item["cell"]) & listed:
                event(statuses.ERROR, note)
            if note not in self.notes:
                self.notes.append(note)

    def where(self, where: str) -> str:
        """A place in a rebuilt module (``compgraph.py, line 9, in forward``) as a place in the notebook."""
        m = re.match(r"^(\w+)\.py, line (\d+)(.*)$", where)
        if m and self.from_cells(m[1]):
            return self.notebook.where(m[1], int(m[2])) + m[3]
        return where

    def label(self, module: str) -> str:
        """How feedback names a module's code: ``compgraph.py`` or ``the compgraph code of hw2.ipynb``."""
        return f"the {module} code of {self.notebook.file}" if self.from_cells(module) else f"{module}.py"

    def missing_function(self, module: str, function: str, message: str) -> str:
        """The worker's ``message`` that ``module`` has no ``function``, in the words of where the student
        wrote the code: ``no code cell of hw1.ipynb defines sigmoid`` when it is a notebook's cells."""
        if self.from_cells(module) and message.endswith(f"function {function}"):
            return f"no code cell of {self.notebook.file} defines {function} (check its name)"
        return message.replace(f"function {function}", f"function {function} (check its name)")


def resolve(folder: Path | None, assignment, *, problem: str | None = None, notes=()) -> Resolved:
    """What each of the assignment's modules is graded as, for the files in ``folder``."""
    r = Resolved(folder, problem, notes)
    r.import_seconds, r.functions = assignment.limits.import_seconds, assignment.functions
    if folder is None and problem is None:
        r.problem = "no files were submitted"
    if r.problem:
        return r
    notebook = _read_notebook(r, assignment)
    present = []
    for m in assignment.modules:
        if notebook is not None and m in r.from_notebook:
            reason, status = _notebook_module_problem(notebook, m)
        else:
            reason, status = _module_file_problem(folder / f"{m}.py")
        if reason and status == statuses.MISSING and m not in r.from_notebook:
            unread = left_out_note(r.notes, f"{m}.py")
            if unread:  # handed in, but damaged, encrypted or unreadable in its zip: not a missing file
                reason, status = unread, statuses.ERROR
                r.notes.remove(unread)
            else:
                instead = found_instead(folder, [m], assignment.modules)
                reason += f" ({instead})" if instead else ""
        if reason:
            r.module_problems[m] = (reason, status)
        else:
            present.append(m)
    if not present and notebook is None:
        none_of = f"the submission has none of {', '.join(m + '.py' for m in assignment.modules)}"
        instead = found_instead(folder, assignment.modules, assignment.modules)
        r.none_reason = none_of + (f" ({instead})" if instead else "")
    return r


def _module_file_problem(path: Path) -> tuple[str | None, str]:
    if path.is_symlink():
        return f"{path.name} is a symbolic link; links are not followed", statuses.MISSING
    if not path.is_file():
        return f"the submission has no {path.name}", statuses.MISSING
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return (f"{path.name} is {size / 2**20:.0f} MB, more than the {MAX_FILE_BYTES // 2**20} MB "
                "a file of a submission may have", statuses.ERROR)
    return None, statuses.OK


def _read_notebook(r: Resolved, assignment):
    """The submission's notebook: an Extracted, a NotebookError, or None (none, or not needed).

    It is read when a module file is missing or still has unfinished functions (the starters
    beside a notebook the student worked in, as in a repository made from the release). A
    module comes from the notebook when its file is missing, or when the notebook leaves fewer
    of its functions unfinished. Only the notebook's JSON is read here (nbformat); the rebuilt
    modules run in the worker like .py files."""
    from ..notebook import read as notebook
    folder = r.folder

    def has_file(module: str) -> bool:
        path = folder / f"{module}.py"
        return path.exists() or path.is_symlink()

    missing = [m for m in assignment.modules if not has_file(m)]
    unfinished = {}
    for m in assignment.modules:
        path = folder / f"{m}.py"
        if m not in missing and path.is_file() and not path.is_symlink() and path.stat().st_size <= MAX_FILE_BYTES:
            count = notebook.unfinished(path.read_text(encoding="utf-8", errors="replace"), assignment.functions[m])
            if count:
                unfinished[m] = count
    if not missing and not unfinished:
        return None
    found = notebook.for_submission(folder, assignment)
    if found is None:
        return None
    r.from_notebook = set(missing)
    if not isinstance(found, notebook.Extracted):
        if unfinished and not missing:
            r.notes.append(f"{found} (the .py files were graded)")
        return found
    r.notebook = found
    for m, count in unfinished.items():
        if m in found.modules and notebook.unfinished(found.modules[m], assignment.functions[m]) < count:
            r.from_notebook.add(m)
            r.notes.append(f"{m}.py leaves {count} function(s) unfinished and {found.file} fewer: "
                           f"its {m} cells were graded, not {m}.py")
    rebuilt = [m for m in found.modules if m in r.from_notebook]
    if rebuilt:
        r.notes.insert(0, f"{' and '.join(rebuilt)} rebuilt from the code cells of {found.file}"
                          + (f" (its {found.checks} check and set-up cells are not graded)" if found.checks else ""))
    r.notes.extend(found.notes)
    taken = [m for m in found.modules if m not in r.from_notebook]
    if taken:
        r.notes.append(f"{' and '.join(m + '.py' for m in taken)} used, not the {'/'.join(taken)} cells of "
                       f"{found.file}: of the two, the one with fewer unfinished functions counts (the .py on a tie)")
    return found


def _notebook_module_problem(notebook, module: str) -> tuple[str | None, str]:
    if isinstance(notebook, Exception):
        return str(notebook), getattr(notebook, "status", statuses.ERROR)
    if module in notebook.missing:
        return notebook.missing[module], statuses.MISSING
    size = len(notebook.modules[module].encode("utf-8"))
    if size > MAX_FILE_BYTES:
        return (f"the {module} code of {notebook.file} is {size / 2**20:.0f} MB, more than the "
                f"{MAX_FILE_BYTES // 2**20} MB a module may have"), statuses.ERROR
    return None, statuses.OK
