"""The engine's layers (docs/architecture.md): each package of grader/ imports only the packages its
``__init__.py`` docstring names on its ``May import:`` line, and no import closes a cycle. Every
import counts, at any depth: the lazy ones inside functions too."""
import ast
import re
from pathlib import Path

from conftest import ROOT

GRADER = ROOT / "grader"
# Modules directly in grader/ that are entry points, not layers: they may import any package, and
# no module of the engine imports them (assignment tests import grader.testing).
FRONT = {"__init__", "__main__", "testing"}
CORE = "core"  # the other modules directly in grader/: plain data and helpers every stage uses
MAX_LINES = 400
MAX_TOP_MODULES = 12


def _packages() -> list[str]:
    return sorted(p.name for p in GRADER.iterdir() if (p / "__init__.py").is_file())


def _unit(module: str) -> str:
    """The layer of a dotted module name under grader: a package's name, CORE or FRONT's name."""
    parts = module.split(".")[1:]
    if not parts:
        return "grader"
    if parts[0] in _packages():
        return parts[0]
    return parts[0] if parts[0] in FRONT else CORE


def _name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, dotted module of grader) for every import of the engine in ``path``, at any depth."""
    name = _name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "grader"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.split(".")[0] != "grader":
                continue
            for a in node.names:  # `from grader import report` names a module: that module is the import
                sub = f"{module}.{a.name}"
                is_module = (ROOT / Path(*sub.split("."))).is_dir() or (ROOT / Path(*sub.split("."))).with_suffix(".py").is_file()
                found.append((node.lineno, sub if is_module else module))
    return found


def _allowed() -> dict[str, set[str]]:
    """Each package's ``May import:`` line, read from its __init__.py's docstring."""
    allowed = {}
    for package in _packages():
        doc = ast.get_docstring(ast.parse((GRADER / package / "__init__.py").read_text(encoding="utf-8"))) or ""
        line = re.search(r"^May import: (.*)$", doc, re.M)
        assert line, f"grader/{package}/__init__.py: its docstring has no `May import:` line"
        names = {n.strip().rstrip(".") for n in line[1].split(",")}
        allowed[package] = {CORE if n.startswith("the core modules") else n for n in names}
        assert allowed[package] <= {CORE, *_packages()}, f"grader/{package}: unknown {allowed[package]}"
    return allowed


def _engine() -> list[Path]:
    return sorted(p for p in GRADER.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_package_says_its_job_and_what_it_may_import_and_those_are_in_one_order():
    allowed = _allowed()
    order, left = [], dict(allowed)
    while left:  # the packages that import only what is already placed, layer by layer
        ready = sorted(p for p, deps in left.items() if deps - {CORE} <= set(order))
        assert ready, f"the packages' `May import:` lines close a cycle among {sorted(left)}"
        order += ready
        for p in ready:
            del left[p]
    for package in _packages():
        doc = ast.get_docstring(ast.parse((GRADER / package / "__init__.py").read_text(encoding="utf-8")))
        assert len(doc.split("\n\n")[0]) > 40, f"grader/{package}: say its one job first"


def test_no_import_breaks_the_order_lazy_ones_included():
    allowed = _allowed()
    wrong = []
    for path in _engine():
        here = _unit(_name(path) if path.name != "__init__.py" or path.parent != GRADER else "grader.__init__")
        for line, module in _imports(path):
            there = _unit(module)
            where = f"{path.relative_to(ROOT)}:{line} imports {module}"
            if there in ("grader", here) or here in FRONT:
                continue
            if there in FRONT:
                wrong.append(f"{where}: an entry point, which no module of the engine imports")
            elif here == CORE and there != CORE:
                wrong.append(f"{where}: the core modules import only each other")
            elif here != CORE and there not in allowed[here]:
                wrong.append(f"{where}: grader/{here}/ may import {sorted(allowed[here])} only")
    assert not wrong, "\n".join(wrong)


def test_no_module_imports_close_a_cycle():
    graph = {}
    for path in _engine():
        name = _name(path)
        if path.name == "__init__.py" and path.parent == GRADER:
            continue  # the package's lazy attributes (grader.StudentError) are an entry point
        graph[name] = {m for _, m in _imports(path) if m not in (name, "grader")}
    seen, stack, cycles = set(), [], []

    def visit(node):
        if node in stack:
            cycles.append(stack[stack.index(node):] + [node])
            return
        if node in seen:
            return
        seen.add(node)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            # a package's __init__ is imported on the way to its modules: only its own imports count
            visit(nxt)
        stack.pop()

    for node in sorted(graph):
        visit(node)
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_no_module_over_400_lines_and_few_modules_directly_in_grader():
    long = {str(p.relative_to(ROOT)): n for p in _engine() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long
    top = sorted(p.name for p in GRADER.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top
