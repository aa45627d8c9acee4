"""The notebook's checker, and the command line of notebooks.

``grader.check()`` in a notebook (``Checker``) grades the *saved* notebook (what the student
submits; in Colab, the open notebook as the page holds it) with the public tests, in a process of
its own through the sandboxed engine: ``python -m grader check``, the command ``make check`` runs.
It renders the report as Markdown in Jupyter and Colab and prints it elsewhere, and warns when a
function the kernel ran differs from the saved file. ``grader.check("sigmoid")`` shows one group's
or one function's checks. When the check cannot run it says so in one line, with what to do.

The kernel needs nothing of the kit: this module imports only the standard library (the rest of
the kit is imported in ``main`` alone). The check runs with the release's ``.venv`` when
``make check`` made one, else with the kernel's Python; what of the kit's requirements that
Python lacks is installed once with pip into a cache folder of its own (``--target``: the
kernel's environment is left as it was) and put on the check's ``PYTHONPATH``.
``python -m grader notebook build|extract|check`` is ``main``.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import inspect
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

META = "nngrader"  # the key of the kit's notebook metadata (read.META; not imported: see above)
IMPORT_NAMES = {"pyyaml": "yaml"}  # a requirement whose module is named otherwise (requirements.IMPORT_NAMES)
TALLY = re.compile(r"^(\d+) passed, (\d+) failed$")
BULLET = re.compile(r"^- ([✓◐✗]) ")


class CannotCheck(Exception):
    """Why the check cannot run here, in one line that says what to do."""


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
                                f"use grader.check(notebook=\"your_notebook.ipynb\")")

    def saved_copy(self, notebook, env: dict, folder: Path) -> Path:
        """A copy in ``folder`` of the notebook to check: the saved file, or in Colab, where the kernel
        has no file of it, the notebook as the page holds it (saved or not, it is what Colab downloads)."""
        try:
            path = self.notebook_path(notebook, env)
        except FileNotFoundError:
            colab = _colab_notebook() if not notebook else None
            if colab is None:
                raise
            copy = folder / f"{self.assignment}.ipynb"
            copy.write_text(json.dumps(colab), encoding="utf-8")
            return copy
        copy = folder / path.name
        shutil.copyfile(path, copy)
        return copy

    def stale(self, path: Path, env: dict) -> list[str]:
        """Functions and classes of the saved notebook whose code in this session differs from it."""
        try:
            nb = json.loads(Path(path).read_text(encoding="utf-8"))
            sources = [_cell_source(c) for c in nb.get("cells", []) if c.get("cell_type") == "code"]
        except (OSError, ValueError, AttributeError, TypeError):
            return []  # the check itself will say what is wrong with the file
        saved = "\n".join(_normal(s) for s in sources)
        top = re.compile(r"^(?:async\s+def|def|class)\s+(\w+)", re.M)
        defined = dict.fromkeys(m[1] for s in sources for m in top.finditer(s))
        out = []
        for name in defined:
            obj = env.get(name)
            if not inspect.isfunction(obj) and not inspect.isclass(obj):
                continue
            try:
                src = _normal(textwrap.dedent(inspect.getsource(obj)))
            except (OSError, TypeError):
                continue
            if src and src not in saved:
                out.append(name)
        return out

    def check(self, question: str | None = None, notebook=None) -> None:
        """Grade the saved notebook (default: the open one) with the public checks and show the report;
        ``question``: a rubric group or a function, to show its checks only."""
        if question is not None and notebook is None and str(question).endswith(".ipynb"):
            question, notebook = None, question  # grader.check("my_notebook.ipynb"), as before
        frame = inspect.currentframe().f_back
        self.run(notebook, env=frame.f_globals if frame is not None else {}, question=question)

    def run(self, notebook=None, *, env: dict | None = None, timeout: float = 600,
            question: str | None = None) -> int:
        """``check``, returning the exit status of ``python -m grader check`` (0: every check passed,
        1: some failed, 2: the check could not run). ``env``: the kernel's globals, to warn about
        functions that differ from the saved file."""
        env = env or {}
        with tempfile.TemporaryDirectory(prefix="nngrader-check-") as tmp:
            try:
                _supported()
                copy = self.saved_copy(notebook, env, Path(tmp))
                python, run_env = self.python()
            except (CannotCheck, FileNotFoundError) as e:
                print(f"check: {e}")
                return 2
            stale = self.stale(copy, env)
            groups = _meta(copy).get("groups") or {}
            try:
                proc = subprocess.run([python, "-m", "grader", "check", self.assignment, "--path", tmp],
                                      cwd=self.root, env=run_env, capture_output=True, text=True,
                                      timeout=timeout, stdin=subprocess.DEVNULL)
            except subprocess.TimeoutExpired:
                print(f"check: the checks did not finish within {timeout:g} s: look for a loop that does not "
                      "end or a long run at the top level of a cell, save, and check again")
                return 2
            except OSError as e:
                print(f"check: {python} cannot run ({e.strerror}): run `make check ASSIGNMENT={self.assignment}` "
                      "once in a terminal, or delete the release's .venv/ folder, and check again")
                return 2
        if stale:
            print(f"Warning: {', '.join(stale)} in this session differ(s) from the saved {Path(copy).name}. The "
                  "check grades the saved file, which is what you submit: save the notebook (Ctrl+S) and check "
                  "again.\n")
        report, tally = _split(proc.stdout)
        if proc.returncode not in (0, 1) or not report:
            said = (proc.stderr.strip() or proc.stdout.strip() or f"exit status {proc.returncode}").splitlines()
            print(f"check: the checks could not run: {said[-1].strip()}")
            return 2
        if question is not None:
            report, tally = _only(report, str(question), groups, tally)
        _show(report, tally)
        return proc.returncode

    def python(self) -> tuple[str, dict]:
        """The Python that runs the check, and its environment: the release's ``.venv`` (made by
        ``make check``), else this kernel's Python, with what it lacks of the kit's requirements
        installed once into a cache folder on its ``PYTHONPATH``."""
        env = dict(os.environ)
        venv = self.root / ".venv" / "bin" / "python"
        if venv.is_file():
            return str(venv), env
        lacking = self.lacking()
        if not lacking:
            return sys.executable, env
        target = _cache() / _target_name(lacking)
        if not (target / ".complete").is_file():
            _install(lacking, target, self.assignment)
        env["PYTHONPATH"] = os.pathsep.join([str(target), *filter(None, [env.get("PYTHONPATH")])])
        return sys.executable, env

    def lacking(self) -> list[str]:
        """The kit's requirements (from the release's pyproject.toml, pip's notation) that this
        kernel's Python cannot import."""
        try:
            proc = subprocess.run([sys.executable, "-m", "grader.requirements"], cwd=self.root, capture_output=True,
                                  text=True, timeout=60, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise CannotCheck(f"cannot read the kit's requirements in {self.root}: {e}") from None
        if proc.returncode != 0:
            said = (proc.stderr.strip().splitlines() or ["no message"])[-1]
            raise CannotCheck(f"cannot read the kit's requirements in {self.root} ({said}): take the notebook and "
                              "the grader/ folder from the same release")
        return [r for r in proc.stdout.split() if importlib.util.find_spec(_module_of(r)) is None]


def _supported() -> None:
    if not hasattr(os, "fork") or sys.platform == "win32":
        raise CannotCheck("the checks run on Linux and macOS only (the sandbox needs os.fork and resource): on "
                          "Windows, open this notebook in WSL's Jupyter or in Colab, or submit and read the feedback")


def _module_of(requirement: str) -> str:
    name = re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].strip().lower()
    return IMPORT_NAMES.get(name, name.replace("-", "_"))


def _cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "nngrader"


def _target_name(requirements: list[str]) -> str:
    """A folder per Python, platform and list of requirements: a kernel of another Python, or a
    release with other bounds, gets its own."""
    digest = hashlib.sha256(" ".join(sorted(requirements)).encode()).hexdigest()[:12]
    return f"check-py{sys.version_info[0]}.{sys.version_info[1]}-{sys.platform}-{platform.machine()}-{digest}"


def _install(requirements: list[str], target: Path, assignment: str) -> None:
    names = ", ".join(re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0] for r in requirements)
    print(f"Installing what the check needs and this kernel lacks ({names}), once, into {target} ...", flush=True)
    part = target.with_name(f"{target.name}.part-{os.getpid()}")
    shutil.rmtree(part, ignore_errors=True)
    try:
        proc = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                               "--no-input", "--target", str(part), *requirements],
                              capture_output=True, text=True, timeout=1800, stdin=subprocess.DEVNULL)
        failed = proc.returncode != 0 and ((proc.stderr.strip().splitlines() or ["exit status "
                                                                                  f"{proc.returncode}"])[-1])
    except (OSError, subprocess.TimeoutExpired) as e:
        failed = str(e)
    if failed:
        shutil.rmtree(part, ignore_errors=True)
        raise CannotCheck(f"could not install {names} for this kernel ({failed.strip()}): run "
                          f"`%pip install {' '.join(requirements)}` in a cell, or `make check ASSIGNMENT={assignment}` "
                          "once in a terminal (grader.check() then uses its .venv/), and check again")
    (part / ".complete").write_text(" ".join(requirements) + "\n", encoding="utf-8")
    if target.is_dir() and not (target / ".complete").is_file():
        shutil.rmtree(target, ignore_errors=True)  # not one of ours: .complete is written before the rename
    try:
        os.replace(part, target)
    except OSError:  # another kernel installed the same at the same time: keep theirs
        shutil.rmtree(part, ignore_errors=True)


def _colab_notebook() -> dict | None:
    """The open notebook's JSON from Colab's page, or None outside Colab."""
    if "google.colab" not in sys.modules:
        return None
    try:
        from google.colab import _message
        reply = _message.blocking_request("get_ipynb", timeout_sec=60)
    except Exception:  # noqa: BLE001 - an old Colab, or the page did not answer: no notebook, said as such
        return None
    nb = reply.get("ipynb") if isinstance(reply, dict) else None
    return nb if isinstance(nb, dict) else None


def _cell_source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _meta(path: Path) -> dict:
    try:
        meta = json.loads(Path(path).read_text(encoding="utf-8")).get("metadata", {}).get(META)
    except (OSError, ValueError, AttributeError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _split(stdout: str) -> tuple[str, str]:
    """``python -m grader check``'s output as its report (Markdown) and its last line, the tally."""
    lines = stdout.rstrip().split("\n")
    if lines and TALLY.match(lines[-1].strip()):
        return "\n".join(lines[:-1]).rstrip(), lines[-1].strip()
    return stdout.rstrip(), ""


def _only(report: str, question: str, groups: dict, tally: str) -> tuple[str, str]:
    """The report's head and the sections of ``question``: the rubric group of that name, or the
    groups with a check of the function of that name; and their tally."""
    head, *sections = re.split(r"\n(?=## )", report)
    titles = {groups[question]} if isinstance(groups.get(question), str) else set()
    bullet = re.compile(rf"^- [✓◐✗] {re.escape(question)}\b", re.M)
    kept = [s for s in sections if s.split("\n", 1)[0][3:].rsplit(": ", 1)[0] in titles or bullet.search(s)
            or s.startswith("## What your code printed")]
    if not any(not s.startswith("## What your code printed") for s in kept):
        names = ", ".join(groups) if groups else "the names of the report's sections"
        return report, f"{tally} (no check is named {question!r}: the groups are {names})"
    marks = [m[1] for s in kept for m in re.finditer(r"^- ([✓◐✗]) ", s, re.M)]
    passed = marks.count("✓")
    return "\n\n".join([head, *kept]), f"{question}: {passed} passed, {len(marks) - passed} failed (all: {tally})"


def _show(report: str, tally: str) -> None:
    """The report as Markdown in a Jupyter or Colab kernel, as text elsewhere; the tally as a line of text."""
    shell = None
    if "IPython" in sys.modules:
        try:
            from IPython import get_ipython
            shell = get_ipython()
        except ImportError:
            shell = None
    if shell is not None and getattr(shell, "kernel", None) is not None:
        from IPython.display import display
        display({"text/markdown": report, "text/plain": report}, raw=True)
    else:
        print(report)
    if tally:
        print(tally)


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
    from .build import build, folder_sources, reference_sources, write
    from .read import NotebookError, _meta as meta_of, extract, read
    try:
        if args.command == "check":
            name = args.assignment or meta_of(read(args.notebook)).get("assignment")
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
