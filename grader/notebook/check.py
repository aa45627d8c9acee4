"""The notebook's checker, and the command line of notebooks.

``grader.check()`` in a notebook (``Checker``) grades the *saved* notebook file (what
the student submits) with the public tests, in a separate process through the
sandboxed engine (``python -m grader check``), and prints which functions pass and
what is wrong with the rest. It warns when a function the kernel ran differs from
the saved file. ``python -m grader notebook build|extract|check`` is ``main``.
"""
from __future__ import annotations

import argparse
import inspect
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from .read import NotebookError, _meta, extract, read
from .build import build, folder_sources, reference_sources, write

# -- in the notebook ------------------------------------------------------------------------------

class Checker:
    """``grader = Checker("hw2_compgraph")`` in a notebook; ``grader.check()`` runs the public checks."""

    def __init__(self, assignment: str, root: Path | None = None):
        self.assignment = assignment
        self.root = Path(root or Path(__file__).resolve().parent.parent.parent)

    def __repr__(self):
        return f"Checker({self.assignment!r}): grader.check() runs the public checks on the saved notebook"

    def notebook_path(self, notebook=None, env: dict | None = None) -> Path:
        """The saved notebook to check: ``notebook`` if given, else the one Jupyter or VS Code says is open,
        else ``<assignment>.ipynb`` (or the only notebook) in the working folder."""
        env = env or {}
        cwd = Path.cwd()
        candidates = []
        if notebook:
            candidates.append(Path(notebook))
        for hint in (env.get("__vsc_ipynb_file__"), os.environ.get("JPY_SESSION_NAME")):
            if isinstance(hint, str) and hint.endswith(".ipynb"):
                candidates += [Path(hint), cwd / Path(hint).name]
        candidates.append(cwd / f"{self.assignment}.ipynb")
        for c in candidates:
            if c.is_file():
                return c
        if notebook:
            raise FileNotFoundError(f"{notebook}: no such notebook")
        found = sorted(cwd.glob("*.ipynb"))
        if len(found) == 1:
            return found[0]
        raise FileNotFoundError(f"cannot tell which notebook to check in {cwd}: "
                                f"use grader.check(\"your_notebook.ipynb\")")

    def stale(self, path: Path, env: dict) -> list[str]:
        """Listed functions whose code in this session differs from the saved notebook's."""
        from .. import assignment as assignments
        try:
            a = assignments.load(self.assignment, root=self.root)
            modules = extract(path, a).modules
        except Exception:  # noqa: BLE001 - the check itself will say what is wrong
            return []
        saved = "\n".join(_normal(code) for code in modules.values())
        out = []
        for fs in a.functions.values():
            for f in fs:
                obj = env.get(f)
                if not inspect.isfunction(obj) and not inspect.isclass(obj):
                    continue
                try:
                    src = _normal(textwrap.dedent(inspect.getsource(obj)))
                except (OSError, TypeError):
                    continue
                if src and src not in saved:
                    out.append(f)
        return out

    def check(self, notebook=None) -> None:
        """Grade the saved notebook (default: the open one) with the public checks; print the report."""
        frame = inspect.currentframe().f_back
        self.run(notebook, env=frame.f_globals if frame is not None else {})

    def run(self, notebook=None, *, env: dict | None = None, timeout: float = 600) -> int:
        """``check``, returning the exit status of ``python -m grader check`` (0: every check passed,
        1: some failed, 2: the check could not run). ``env``: the kernel's globals, to warn about
        functions that differ from the saved file."""
        env = env or {}
        try:
            path = self.notebook_path(notebook, env)
        except FileNotFoundError as e:
            print(f"check: {e}")
            return 2
        stale = self.stale(path, env)
        python = self.root / ".venv" / "bin" / "python"
        python = str(python) if python.is_file() else sys.executable
        with tempfile.TemporaryDirectory(prefix="nngrader-check-") as tmp:
            shutil.copyfile(path, Path(tmp) / path.name)
            try:
                proc = subprocess.run([python, "-m", "grader", "check", self.assignment, "--path", tmp],
                                      cwd=self.root, capture_output=True, text=True, timeout=timeout,
                                      stdin=subprocess.DEVNULL)
            except subprocess.TimeoutExpired:
                print(f"check: the checks did not finish within {timeout:g} s")
                return 2
        if stale:
            print(f"Warning: {', '.join(stale)} in this session differ(s) from the saved {path.name}. The check "
                  "grades the saved file, which is what you submit: save the notebook (Ctrl+S) and check again.\n")
        print(proc.stdout.rstrip())
        if proc.returncode not in (0, 1) or (proc.stderr.strip() and not proc.stdout.strip()):
            print(proc.stderr.rstrip())
        return proc.returncode


def _normal(code: str) -> str:
    return "\n".join(line.rstrip() for line in code.strip().split("\n") if line.strip())


# -- command line ---------------------------------------------------------------------------------

def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m grader notebook",
                                description="Assignments as notebooks, and notebooks as modules.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    b = sub.add_parser("build", help="write an assignment as a notebook",
                       description="Write an assignment as a notebook: the handout and the starters (default), "
                                   "the reference (--reference) or the modules of a folder (--from), e.g. to "
                                   "make a notebook example submission from a module one.")
    b.add_argument("-a", "--assignment", required=True, help="assignment name or folder")
    src = b.add_mutually_exclusive_group()
    src.add_argument("--from", dest="folder", type=Path, help="folder of module files (missing ones: starters)")
    src.add_argument("--reference", action="store_true", help="the reference solution (never release it)")
    b.add_argument("-o", "--out", type=Path, required=True, help="the .ipynb to write")
    e = sub.add_parser("extract", help="the modules a notebook submission is graded as",
                       description="Rebuild the modules from a notebook as the grader does; print them, "
                                   "or write them to a folder.")
    e.add_argument("notebook", type=Path)
    e.add_argument("-a", "--assignment", required=True, help="assignment name or folder")
    e.add_argument("-o", "--out", type=Path, help="folder to write <module>.py files to")
    c = sub.add_parser("check", help="run an assignment's public checks on a notebook",
                       description="What grader.check() does in the notebook, from a shell.")
    c.add_argument("notebook", type=Path)
    c.add_argument("-a", "--assignment", help="assignment name (default: the notebook's metadata)")
    args = p.parse_args(argv)

    from .. import assignment as assignments
    try:
        if args.command == "check":
            name = args.assignment or _meta(read(args.notebook)).get("assignment")
            if not name:
                raise NotebookError(f"{args.notebook.name}: says no assignment; give --assignment")
            return min(Checker(name).run(args.notebook.resolve()), 2)
        a = assignments.load(args.assignment)
        if args.command == "build":
            sources = (reference_sources(a) if args.reference else
                       folder_sources(a, args.folder) if args.folder else None)
            print(f"wrote {write(build(a, sources, file=args.out.name), args.out)}")
            return 0
        result = extract(args.notebook, a)
        for note in result.notes:
            print(f"note: {note}", file=sys.stderr)
        for m, why in result.missing.items():
            print(f"missing: {why}", file=sys.stderr)
        for m, code in result.modules.items():
            if args.out:
                args.out.mkdir(parents=True, exist_ok=True)
                (args.out / f"{m}.py").write_text(code, encoding="utf-8")
                print(f"wrote {args.out / (m + '.py')}")
            else:
                print(f"# ---- {m}.py\n{code}")
        return 0
    except (NotebookError, assignments.ConfigError, FileNotFoundError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
