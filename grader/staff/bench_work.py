"""``make bench``, the work the kit and the other graders share: one assignment with its variants,
written out for each tool, and how a tool is found and run."""
from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from .. import paths

RTOL, ATOL = 1e-7, 1e-12
SOURCE_ASSIGNMENT = "hw1_derivatives"
MODULE = "derivatives"
FUNCTIONS = ("sigmoid", "sigmoid_grad", "relu")
NAME = "bench3"  # the assignment's name in every tool
PUBLIC_X = [-2.0, -0.5, 0.0, 0.5, 2.0]
HIDDEN_X = [[-1e4, -30.0, -1.5, 0.0], [1e-3, 2.5, 30.0, 1e4]]
# The wrong variants: bugs a student makes, each a replacement for one function.
BUGS = {
    "overflowing_sigmoid": {"sigmoid": """\
        def sigmoid(x):
            return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))
        """},  # right values; overflows (a warning) for x = -1e4: fails the hidden check only
    "sigmoid_grad_plus": {"sigmoid_grad": """\
        def sigmoid_grad(x):
            s = sigmoid(x)
            return s * (1.0 + s)
        """},
    "relu_abs": {"relu": """\
        def relu(x):
            return np.abs(np.asarray(x, dtype=float))
        """},
}
VARIANTS = ("reference", *BUGS, "starter")
EXPECTED_POINTS = {"reference": 6, "overflowing_sigmoid": 5, "sigmoid_grad_plus": 4, "relu_abs": 4, "starter": 0}
TOOLS = (  # bench name, distribution, module for -m, command, environment variable
    ("nbgrader", "nbgrader", "nbgrader", "nbgrader", "NNGRADER_BENCH_NBGRADER"),
    ("otter-grader", "otter-grader", "otter", "otter", "NNGRADER_BENCH_OTTER"),
)
MARKER = re.compile(r"^(?P<indent>\s*)# (?P<what>BEGIN|END) SOLUTION\b.*$")


class ToolFailed(Exception):
    """A step of a tool failed or ran out of time; the message is the bench row's text."""


class Work:
    """The three functions (reference with solution markers, starter, bugs), the checks' data and
    the generated students, each a dict function -> source of its ``def``."""

    def __init__(self, count: int):
        from .authoring import starter
        file = paths.SOLUTIONS / SOURCE_ASSIGNMENT / f"{MODULE}.py"
        text = file.read_text(encoding="utf-8")
        tree = ast.parse(text)
        defs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
        missing = [f for f in FUNCTIONS if f not in defs]
        if missing:
            raise FileNotFoundError(f"{file}: no function {', '.join(missing)} to bench with")
        helpers, todo = [], [defs[f] for f in FUNCTIONS]
        while todo:  # the module's private functions the three call, transitively
            used = {n.id for n in ast.walk(todo.pop()) if isinstance(n, ast.Name)}
            for name in sorted(used):
                if name in defs and name not in FUNCTIONS and name not in helpers:
                    helpers.append(name)
                    todo.append(defs[name])
        lines = text.splitlines(keepends=True)
        ends = {id(a): b.lineno - 1 for a, b in zip(tree.body, tree.body[1:])}

        def source(node) -> str:
            """The node's lines up to the next top-level statement, its own trailing comments
            (an indented ``# END SOLUTION``) included, the module's (at column 0) not."""
            start = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
            chunk = lines[start - 1:ends.get(id(node), len(lines))]
            while chunk and (not chunk[-1].strip() or chunk[-1].startswith("#")):
                chunk.pop()
            return "".join(chunk)

        imports = [source(n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        helper_code = [_strip_markers(source(defs[h])) for h in sorted(helpers)]
        self.header = "".join(imports) + "\n\n" + "\n\n\n".join(helper_code)
        self.marked = {f: source(defs[f]) for f in FUNCTIONS}  # with the solution markers
        self.reference = {f: _strip_markers(code) for f, code in self.marked.items()}
        self.starter = {f: starter(code, file) for f, code in self.marked.items()}
        self.students = {}
        for i in range(count):
            variant = VARIANTS[i % len(VARIANTS)]
            code = dict(self.starter if variant == "starter" else self.reference)
            code.update({f: textwrap.dedent(c) for f, c in BUGS.get(variant, {}).items()})
            self.students[f"student{i:02d}_{variant}"] = code
        ref = _load(self.module(self.reference))
        self.public = {f: getattr(ref, f)(_array(PUBLIC_X)).tolist() for f in FUNCTIONS}
        self.hidden = {f: getattr(ref, f)(_array(HIDDEN_X)).tolist() for f in FUNCTIONS}

    def module(self, code: dict) -> str:
        return self.header + "\n\n\n" + "\n\n\n".join(code[f] for f in FUNCTIONS)

    def expected(self, student: str) -> int:
        return EXPECTED_POINTS[student.split("_", 1)[1]]

    def public_check(self, f: str) -> str:
        """The public check as notebook code (nbgrader and otter)."""
        return (f"import numpy as np\n"
                f"np.testing.assert_allclose({f}(np.array({PUBLIC_X!r})), np.array({self.public[f]!r}), "
                f"rtol={RTOL!r}, atol={ATOL!r})")

    def hidden_check(self, f: str) -> str:
        return (f"import warnings\nimport numpy as np\n"
                f"with warnings.catch_warnings():\n"
                f"    warnings.simplefilter('error')  # an overflow fails the check\n"
                f"    got = {f}(np.array({HIDDEN_X!r}))\n"
                f"np.testing.assert_allclose(got, np.array({self.hidden[f]!r}), rtol={RTOL!r}, atol={ATOL!r})")


def _strip_markers(code: str) -> str:
    return "".join(line for line in code.splitlines(keepends=True) if not MARKER.match(line))


def _markers(code: str, begin: str, end: str) -> str:
    """The kit's solution markers (``# BEGIN SOLUTION hint: ...``) rewritten as another tool's."""
    def swap(m):
        return m["indent"] + (begin if m["what"] == "BEGIN" else end)
    return "\n".join(MARKER.sub(swap, line) for line in code.split("\n"))


def _array(x):
    import numpy as np
    return np.array(x, dtype=float)


def _load(source: str):
    import types
    module = types.ModuleType("bench_reference")
    exec(compile(source, "<bench reference>", "exec"), module.__dict__)  # noqa: S102 - the kit's own file
    return module


def _notebook(cells):
    import nbformat
    from nbformat import v4
    nb = v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"}})
    nbformat.validate(nb)
    return nb


def _write(nb, path: Path) -> None:
    import nbformat
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nbformat.writes(nb), encoding="utf-8")


def _run(cmd: list, cwd: Path, deadline: float, env: dict | None = None) -> tuple[float, str]:
    """Run ``cmd``; return (seconds, stdout). ToolFailed when it fails or passes ``deadline``
    (time.monotonic()); its whole process group (a tool's kernels too) is killed then."""
    remaining = deadline - time.monotonic()
    words = [Path(str(c)).name for c in cmd]
    what = " ".join(words[2:4] if words[1:2] == ["-m"] else words[:2])  # "nbgrader autograde"
    if remaining <= 0:
        raise ToolFailed(f"out of time before `{what}`")
    started = time.perf_counter()
    proc = subprocess.Popen([str(c) for c in cmd], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=remaining)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise ToolFailed(f"`{what}` still running at the time limit: stopped") from None
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        last = [line for line in (err or out).strip().splitlines() if line.strip()][-1:] or ["no output"]
        raise ToolFailed(f"`{what}` failed (exit {proc.returncode}): {last[0].strip()[:200]}")
    return seconds, out


def find_tool(distribution: str, module: str, command: str, variable: str) -> tuple[list | None, str]:
    """(command to run the tool, where it was found), or (None, why not)."""
    named = os.environ.get(variable)
    if named:
        exe = shutil.which(named)
        return ([exe], f"{variable}") if exe else (None, f"{variable}={named} is not an executable")
    try:
        importlib.metadata.version(distribution)
        return [sys.executable, "-m", module], "the kit's Python"
    except importlib.metadata.PackageNotFoundError:
        pass
    exe = shutil.which(command)
    return ([exe], "PATH") if exe else (None, "not installed")


def _tool_env(cmd: list, tmp: Path) -> dict:
    """The tool's own bin folder first on PATH (its Jupyter kernel is its Python), and Jupyter's
    per-user folders in ``tmp``, so no user configuration changes the run."""
    env = dict(os.environ)
    env["PATH"] = str(Path(cmd[0]).parent) + os.pathsep + env.get("PATH", "")
    env.pop("VIRTUAL_ENV", None)
    for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                     ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):
        env[var] = str(tmp / "jupyter" / sub)
    return env
