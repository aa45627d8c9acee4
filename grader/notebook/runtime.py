"""A notebook's code cells run as Jupyter runs them, inside the sandboxed worker.

The module file the worker imports for a notebook (``driver``) hands its cells to ``run``:
each cell is compiled on its own (``from __future__`` anywhere, a top-level ``await``) and run
in the module's namespace in order, under a time limit of its own; a cell that fails or runs
too long is recorded (``failures``) and the cells after it still run, so every function a cell
that ran defined is graded. IPython's idioms meet stand-ins: ``get_ipython()`` (magics and shell
lines, which ``cells.rewrite`` turns into its calls: ``%time`` and ``%%writefile`` run, shell
commands and other magics do nothing), ``display``, ``input()`` (an empty answer), and
front-end-only modules (IPython, ipywidgets, ``tqdm.notebook``, Colab's ``google.colab``).

Only the standard library (and ``cells``) is imported here: the worker imports this module
before its sandbox is in place, and nothing of the kit can be read after that.
"""
from __future__ import annotations

import __future__
import ast
import builtins
import importlib
import importlib.abc
import importlib.machinery
import json
import linecache
import os
import re
import signal
import sys
import time
import types

from .cells import PYTHON_CELL_MAGICS

CELL_SHARE = 0.5  # of the module's import time, what one cell may take
RESERVE = 0.25  # seconds kept for each cell still to run (at most half of what is left)
MIN_CELL = 0.05  # a cell with less time than this left is not run
MAX_FAILURES = 20  # failed cells recorded per module
FRONT_END = ("IPython", "ipywidgets", "google.colab", "tqdm.notebook", "tqdm.auto", "tqdm.autonotebook",
             "ipykernel", "matplotlib_inline")  # modules only a notebook front end has: stand-ins
ABSENT_ONLY = ("google", "tqdm")  # stand-ins only when not installed (parents of the above)
_TIMED = ("time", "timeit")  # line magics whose argument is a statement: it runs once
_OPTIONS = re.compile(r"^(?:\s*-(?:[nrp]\s*\d+|[A-Za-z]+)(?=\s))*\s*")  # %timeit -n 10 -r 3 ...
_DISPLAY_NAMES = ["display", "clear_output", "Image", "HTML", "Markdown", "Math", "Latex", "SVG", "JSON",
                  "Javascript", "Audio", "Video", "IFrame", "YouTubeVideo", "FileLink", "FileLinks", "Code",
                  "Pretty", "display_markdown", "display_html", "display_png", "display_latex", "update_display"]
_FAILED: dict[str, list] = {}  # module -> [(cell, exception or words)] of its last run


class CellTimeLimit(BaseException):
    """Raised in a cell that ran past its time (a BaseException: ``except Exception`` does not stop it)."""


class _Armed:
    on = False  # the cell's timer may raise


def driver(cells, seconds: float) -> str:
    """The source of a module whose import runs ``cells`` ([(cell, first line, code)], the lines
    numbered as in the rebuilt module) within ``seconds``, the worker's limit for an import."""
    cells = json.dumps([(int(c), int(first), str(code)) for c, first, code in cells])  # one string: compiles at once
    return ('"""Rebuilt from the code cells of a notebook: they run one by one, as Jupyter runs them."""\n'
            f"__import__('grader.notebook.runtime', fromlist=['run']).run(globals(), {cells!r}, {float(seconds)!r})\n")


def failures(module: str) -> list:
    """The failed cells of ``module``'s last run, as (cell, exception or words), and forgets them."""
    found = _FAILED.pop(module, None)
    if not isinstance(found, list):
        return []
    return [(c, e) for c, e in found[:MAX_FAILURES]
            if type(c) is int and (type(e) is str or isinstance(e, BaseException))]


def run(namespace: dict, cells, seconds: float) -> None:
    """Run ``cells`` (a list, or its JSON) in ``namespace`` (a module's), in order, each within its share
    of ``seconds``."""
    install()
    cells = json.loads(cells) if isinstance(cells, str) else cells
    name, file = namespace.get("__name__", "?"), namespace.get("__file__", "<notebook>")
    _SHELL.user_ns, _SHELL.folder = namespace, os.path.dirname(os.path.realpath(file))
    _remember(file, cells)
    failed = _FAILED.setdefault(name, [])
    failed.clear()
    deadline = time.monotonic() + max(seconds * 0.85 - 0.25, seconds * 0.5)
    flags = 0  # the __future__ features seen so far: they hold for the cells after, as in IPython
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for i, (cell, first, code) in enumerate(cells):
            left = deadline - time.monotonic()
            limit = min(seconds * CELL_SHARE, left - min(left / 2, RESERVE * (len(cells) - i - 1)))
            if limit < MIN_CELL:
                later = f", nor the {len(cells) - i - 1:,} after it" if i < len(cells) - 1 else ""
                failed.append((cell, f"not run{later}: the notebook's cells had used the {seconds:g} s they may take"))
                break
            try:
                compiled, flags = _compile(code, file, first, flags)
                error = _execute(compiled, namespace, limit)
            except CellTimeLimit:  # the timer fired as the cell ended
                error = CellTimeLimit()
            except BaseException as e:  # noqa: BLE001 - a cell that does not compile
                error = e
            finally:
                _disarm()
            if isinstance(error, CellTimeLimit):
                error = (f"stopped after {limit:.1f} s, the time one cell may take when graded (what trains or "
                         "runs long can go under `if __name__ == \"__main__\":`, which Jupyter runs and grading skips)")
            if error is not None and len(failed) < MAX_FAILURES:
                failed.append((cell, error))
    finally:
        _disarm()
        signal.signal(signal.SIGALRM, previous)


def _compile(code: str, file: str, first: int, flags: int):
    """A cell compiled with its lines numbered from ``first``; its ``from __future__`` imports,
    wherever they stand, added to ``flags``."""
    source = code
    try:
        if "__future__" in code:
            source = compile(code, file, "exec", ast.PyCF_ONLY_AST | flags, dont_inherit=True)
            body = []
            for node in source.body:
                if isinstance(node, ast.ImportFrom) and node.module == "__future__":
                    for alias in node.names:
                        feature = getattr(__future__, alias.name, None)
                        if not isinstance(feature, __future__._Feature):
                            raise SyntaxError(f"future feature {alias.name} is not defined",
                                              (file, node.lineno, 1, None))
                        flags |= feature.compiler_flag
                else:
                    body.append(node)
            source.body = body
        compiled = compile(source, file, "exec", flags | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
    except SyntaxError as e:
        if e.lineno is not None:
            e.lineno += first - 1
            if getattr(e, "end_lineno", None) is not None:
                e.end_lineno += first - 1
        raise
    return _shifted(compiled, first - 1), flags


def _shifted(code: types.CodeType, lines: int) -> types.CodeType:
    """``code`` and the code of every function in it, ``lines`` lines further down."""
    consts = tuple(_shifted(c, lines) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    return code.replace(co_firstlineno=code.co_firstlineno + lines, co_consts=consts)


def _execute(code, namespace: dict, limit: float):
    """Run one compiled cell within ``limit`` seconds; the exception it ended with, or None."""
    _Armed.on = True
    signal.setitimer(signal.ITIMER_REAL, limit, 0.05)  # again every 50 ms, should the cell catch it
    try:
        value = eval(code, namespace)
        if code.co_flags & 0x80:  # CO_COROUTINE: a top-level await
            _await(value)
        return None
    except BaseException as e:  # noqa: BLE001 - what the cell raised, as Jupyter shows it
        return e
    finally:
        _disarm()


def _alarm(signum, frame):
    if _Armed.on:
        raise CellTimeLimit()


def _disarm() -> None:
    _Armed.on = False
    signal.setitimer(signal.ITIMER_REAL, 0)


def _await(coroutine) -> None:
    """Run a cell's top-level ``await`` to its end, on an event loop that needs no socket (the sandbox
    has none: asyncio's own loop opens a socket pair)."""
    import asyncio

    class Loop(asyncio.BaseEventLoop):
        _selector = types.SimpleNamespace(select=lambda timeout: time.sleep(0.01 if timeout is None else timeout))

        def _process_events(self, events):
            pass

        def _write_to_self(self):
            pass

    loop = Loop()
    try:
        loop.run_until_complete(coroutine)
    finally:
        loop.close()


def _remember(file: str, cells) -> None:
    """The cells as the source of ``file`` for tracebacks and ``inspect`` (the file itself is the driver)."""
    lines: list[str] = []
    for _, first, code in cells:
        body = code.split("\n")
        lines.extend([""] * (first - 1 + len(body) - len(lines)))
        lines[first - 1:first - 1 + len(body)] = body
    text = [line + "\n" for line in lines]
    linecache.cache[file] = (sum(map(len, text)), None, text, file)


# -- stand-ins for what only a notebook has ---------------------------------------------------------

class StandIn:
    """Whatever a front-end-only library hands a notebook: it can be called, read, iterated (empty)
    and used as a decorator (it gives the function back), and it shows nothing."""

    def __init__(self, name: str):
        self._name = name

    def __call__(self, *args, **kwargs):
        if len(args) == 1 and not kwargs and callable(args[0]) and not isinstance(args[0], StandIn):
            return args[0]  # @interact, @interact(x=...)
        return StandIn(self._name)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return StandIn(f"{self._name}.{name}")

    def __iter__(self):
        return iter(())

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def __repr__(self):
        return f"<{self._name}: not shown while grading>"


class Progress(StandIn):
    """``tqdm`` in a notebook: the iterable it wraps, with no bar (``update``, ``close``... do nothing)."""

    def __init__(self, iterable=None, *args, **kwargs):
        super().__init__("tqdm")
        self.iterable, self.n = iterable, 0

    def __iter__(self):
        return iter(self.iterable if self.iterable is not None else ())

    def __len__(self):
        return len(self.iterable) if hasattr(self.iterable, "__len__") else 0


def _trange(*args, **kwargs):
    return Progress(range(*args))


class ShellOutput(list):
    """What ``x = !command`` gives when graded: no lines (no command runs), with IPython's SList names."""
    s = n = nlstr = spstr = ""
    l = p = property(lambda self: self)  # noqa: E741
    grep = fields = (lambda self, *args, **kwargs: ShellOutput())


class Shell:
    """``get_ipython()`` when graded: ``%time``/``%timeit`` run their statement once, ``%%writefile``
    writes inside the submission's folder, shell commands and the other magics do nothing."""

    def __init__(self):
        self.user_ns: dict = {}
        self.folder = ""

    def run_line_magic(self, name, line, _stack_depth=1):
        if name in _TIMED:
            return self._statement(str(line))
        return None

    def magic(self, line):
        name, _, rest = str(line).lstrip("%").partition(" ")
        return self.run_line_magic(name, rest)

    def run_cell_magic(self, name, line, cell):
        if name == "writefile":
            return self._writefile(str(line), str(cell))
        if name in PYTHON_CELL_MAGICS:
            exec(compile(str(cell), "<cell magic>", "exec", dont_inherit=True), self.user_ns)
        return None

    def system(self, command):
        return None

    def getoutput(self, command, split=True):
        return ShellOutput()

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return StandIn(f"get_ipython().{name}")

    def _statement(self, line: str):
        statement = _OPTIONS.sub("", line, count=1).strip()
        if not statement:
            return None
        try:
            code = compile(statement, "<%time>", "eval", dont_inherit=True)
        except SyntaxError:
            exec(compile(statement, "<%time>", "exec", dont_inherit=True), self.user_ns)
            return None
        return eval(code, self.user_ns)

    def _writefile(self, line: str, cell: str):
        import shlex
        try:
            words = shlex.split(line)
        except ValueError:
            words = line.split()
        names = [w for w in words if not w.startswith("-")]
        if len(names) != 1:
            raise ValueError(f"%%writefile takes one file name, not {line!r}")
        folder = self.folder or os.getcwd()
        path = os.path.realpath(os.path.join(folder, os.path.expanduser(names[0])))
        if not path.startswith(folder.rstrip("/") + "/"):
            raise PermissionError(f"%%writefile writes only inside the submission's folder when graded, "
                                  f"not {names[0]}")
        with open(path, "a" if {"-a", "--append"} & set(words) else "w", encoding="utf-8") as f:
            f.write(cell if cell.endswith("\n") else cell + "\n")
        importlib.invalidate_caches()  # so that `import helpers` finds the file just written
        return None


_SHELL = Shell()


def get_ipython() -> Shell:
    return _SHELL


class Display(StandIn):
    """IPython's ``display`` (and its module's names): nothing is shown when graded."""

    def __call__(self, *objects, **kwargs):
        return None


display = Display("display")


def answer(prompt="") -> str:
    """``input()`` when graded: no one answers, so the answer is empty."""
    print(prompt, end="")
    return ""


class FrontEndModule(types.ModuleType):
    """A stand-in module: every name it is asked for exists (``tqdm``'s bars wrap their iterable)."""

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        special = {"display": display, "get_ipython": get_ipython, "tqdm": Progress, "tqdm_notebook": Progress,
                   "trange": _trange, "tnrange": _trange}
        value = special.get(name) or StandIn(f"{self.__name__}.{name}")
        setattr(self, name, value)
        return value


class FrontEndFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Hands a stand-in for a front-end-only module, and for its parent when that is not installed."""

    def find_spec(self, name, path=None, target=None):
        stand_in = any(name == m or name.startswith(m + ".") for m in FRONT_END)
        if not stand_in and name in ABSENT_ONLY:
            stand_in = importlib.machinery.PathFinder.find_spec(name, path) is None
        return importlib.machinery.ModuleSpec(name, self, is_package=True) if stand_in else None

    def create_module(self, spec):
        module = FrontEndModule(spec.name)
        if spec.name.endswith(".display") or spec.name == "IPython":
            module.__all__ = list(_DISPLAY_NAMES) + (["get_ipython"] if spec.name == "IPython" else [])
        return module

    def exec_module(self, module):
        pass


def install() -> None:
    """The stand-ins, once per worker: ``display``, ``get_ipython`` and ``input`` in builtins (as IPython
    puts them there), and the finder, after any finder that refuses imports and before the real ones."""
    if any(isinstance(f, FrontEndFinder) for f in sys.meta_path):
        return
    builtins.display, builtins.get_ipython, builtins.input = display, get_ipython, answer
    standard = (importlib.machinery.BuiltinImporter, importlib.machinery.FrozenImporter,
                importlib.machinery.PathFinder)
    at = next((i for i, f in enumerate(sys.meta_path) if f in standard or isinstance(f, standard)),
              len(sys.meta_path))
    sys.meta_path.insert(at, FrontEndFinder())
