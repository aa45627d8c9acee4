"""Generated files of an assignment, all from ``solutions/<name>/`` (one source of truth).

- ``assignments/<name>/<module>.py``: the starter, the reference with its
  solution blocks turned into ``raise NotImplementedError(hint)``;
- ``assignments/<name>/tests/documented.json``: ``documented(ref)`` of
  ``solutions/<name>/documented.py``, the documented cases;
- ``assignments/<name>/README.md``: ``solutions/<name>/handout.md`` with its
  ``{{ path:fmt }}`` placeholders filled from the documented values and the rubric;
- ``examples/submissions/<name>/reference/`` and ``stubs/``: the reference without its
  markers and the starter, the two example submissions every assignment has.

Floats differ in their last bits between CPUs, maths libraries and BLAS builds,
so the documented values are compared as numbers (``values_differ``, relative
tolerance ``DRIFT_RTOL``), never as text: when the committed documented.json
holds the reference's values to that tolerance, it is kept as it is and the
handout is rendered from it, so the generated files are the same on every machine.
"""
from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path

import numpy as np

from .. import paths
from ..assignment import BEGIN, END, Assignment, ConfigError, load_file, load_reference

PLACEHOLDER = re.compile(r"\{\{\s*(?P<path>[^}:\s]+)\s*(?::(?P<fmt>[^}]*))?\}\}")
HANDOUT_BANNER = "<!-- Generated from solutions/{name}/handout.md by `make assignments`: edit that file. -->\n"
# A documented number may differ by this much, relative to the largest magnitude in its array (a lone
# number: to itself), before the committed copy counts as stale: well above the last-bit differences
# between machines (~1e-16), far below any change of the maths (a slip is 1e-6 or more).
DRIFT_RTOL = 1e-12


def starter(source: str, file: Path) -> str:
    """The reference ``source`` with each solution block replaced (inside a function) or removed."""
    out, block = [], None
    for number, line in enumerate(source.splitlines(keepends=True), 1):
        begin, end = BEGIN.match(line), END.match(line)
        if block is None:
            if end:
                raise ConfigError(f"{file}:{number}: '# END SOLUTION' without a '# BEGIN SOLUTION' before it")
            if begin:
                block = (number, begin["indent"], begin["hint"] or "")
            else:
                out.append(line)
            continue
        if begin:
            raise ConfigError(f"{file}:{number}: solution markers do not nest (block opened at line {block[0]})")
        if end:
            _, indent, hint = block
            if indent:
                out.append(f"{indent}raise NotImplementedError({(hint or 'not implemented yet')!r})\n")
            block = None
    if block is not None:
        raise ConfigError(f"{file}:{block[0]}: '# BEGIN SOLUTION' is never closed by '# END SOLUTION'")
    return re.sub(r"\n{4,}", "\n\n\n", "".join(out))  # a removed block leaves no gap wider than PEP 8's


def unmarked(source: str) -> str:
    """The reference ``source`` without its solution markers: the ``reference`` example submission."""
    return "".join(line for line in source.splitlines(keepends=True) if not (BEGIN.match(line) or END.match(line)))


def solution_lines(source: str) -> list[str]:
    """The non-trivial lines inside solution blocks: what a release must never contain."""
    lines, inside = [], False
    for line in source.splitlines():
        if BEGIN.match(line):
            inside = True
        elif END.match(line):
            inside = False
        elif inside and len(line.strip()) >= 12 and not line.strip().startswith("#"):
            lines.append(line.strip())
    return lines


def plain(value):
    """NumPy values as JSON-ready Python values."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def documented_values(assignment: Assignment) -> dict:
    """The documented cases: ``documented(ref)`` of documented.py; for a worksheet, every input and
    step of its worked example (``worksheet.example`` in assignment.yaml), as ``example.<name>``."""
    if assignment.is_worksheet:
        from ..worksheet import steps as worksheet
        sheet = worksheet.load(assignment)
        return {"example": plain(sheet.evaluate(sheet.example))} if sheet.example else {}
    file = assignment.solution_dir / "documented.py"
    if not file.is_file():
        return {}
    module = load_file(file, f"_documented_{assignment.name}")
    if not callable(getattr(module, "documented", None)):
        raise ConfigError(f"{file}: expected a function documented(ref) returning a dict")
    values = plain(module.documented(load_reference(assignment)))
    if not isinstance(values, dict):
        raise ConfigError(f"{file}: documented(ref) returned {type(values).__name__}, expected a dict")
    return values


def rubric_values(assignment: Assignment) -> dict:
    groups = {g.name: {"public": g.public, "hidden": g.hidden, "points": g.points, "title": g.title,
                       "steps": ", ".join(g.steps)} for g in assignment.groups}
    return {**groups, "total": assignment.max_points}


def render(template: str, values: dict, file: Path) -> str:
    """Fill ``{{ path }}`` / ``{{ path:fmt }}`` from ``values`` (dotted keys and list indices)."""

    def lookup(path: str):
        value = values
        for part in path.split("."):
            try:
                value = value[int(part)] if isinstance(value, list) else value[part]
            except (KeyError, IndexError, ValueError, TypeError):
                raise ConfigError(f"{file}: placeholder {{{{ {path} }}}}: no value at '{part}'") from None
        return value

    def fmt(value, spec: str, path: str):
        if isinstance(value, list):
            return "[" + ", ".join(fmt(v, spec, path) for v in value) + "]"
        if isinstance(value, float) and not spec:
            spec = ".6g"
        if isinstance(value, float) and value == 0:
            value = 0.0  # never print -0.0000
        try:
            text = format(value, spec)
        except (ValueError, TypeError) as e:
            raise ConfigError(f"{file}: placeholder {{{{ {path}:{spec} }}}}: {e}") from None
        return "0" + text[2:] if text.startswith("-0") and float(text) == 0 else text

    return PLACEHOLDER.sub(lambda m: fmt(lookup(m["path"]), (m["fmt"] or "").strip(), m["path"]), template)


def values_differ(committed, current, path: str = "") -> str | None:
    """Where two JSON-ready values differ beyond ``DRIFT_RTOL`` (``"examples.0.f: ..."``), or None.

    Numbers are compared as numbers, array by array; strings, booleans and the
    structure (keys, lengths) must be equal.
    """
    where = path or "the top level"
    if _is_number(committed) and _is_number(current):
        return _numbers_differ([committed], [current], where)
    if isinstance(committed, dict) and isinstance(current, dict):
        if committed.keys() != current.keys():
            extra, gone = sorted(current.keys() - committed.keys()), sorted(committed.keys() - current.keys())
            return f"{where}: keys differ (new: {extra or 'none'}, gone: {gone or 'none'})"
        for key in current:
            why = values_differ(committed[key], current[key], f"{path}.{key}" if path else str(key))
            if why:
                return why
        return None
    if isinstance(committed, list) and isinstance(current, list):
        if len(committed) != len(current):
            return f"{where}: {len(committed)} entries committed, {len(current)} now"
        flat_a, flat_b = _flat_numbers(committed), _flat_numbers(current)
        if flat_a is not None and flat_b is not None and len(flat_a) == len(flat_b):
            return _numbers_differ(flat_a, flat_b, where)
        for i, (a, b) in enumerate(zip(committed, current)):
            why = values_differ(a, b, f"{path}.{i}" if path else str(i))
            if why:
                return why
        return None
    if type(committed) is not type(current) or committed != current:
        return f"{where}: {committed!r} committed, {current!r} now"
    return None


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _flat_numbers(value):
    """The numbers of a nested list, in order, or None when it holds anything else."""
    if _is_number(value):
        return [value]
    if not isinstance(value, list):
        return None
    out = []
    for v in value:
        inner = _flat_numbers(v)
        if inner is None:
            return None
        out += inner
    return out


def _numbers_differ(a: list, b: list, where: str) -> str | None:
    finite = [abs(x) for x in a + b if math.isfinite(x)]
    scale = max(finite, default=0.0)
    for i, (x, y) in enumerate(zip(a, b)):
        same = x == y or (math.isnan(x) and math.isnan(y)) or (
            math.isfinite(x) and math.isfinite(y) and abs(x - y) <= DRIFT_RTOL * scale)
        if not same:
            at = where if len(a) == 1 else f"{where} (entry {i})"
            return f"{at}: {x!r} committed, {y!r} now (beyond the relative tolerance {DRIFT_RTOL:g})"
    return None


def _committed_values(file: Path):
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def hint_problem(hint: str) -> str | None:
    """Why a starter's hint is not one, or None: a hint points the student at the handout and gives
    no formula (the course's rule for its assignments; ``make test`` holds every assignment to it)."""
    if "handout" not in hint:
        return "it does not point at the handout"
    if re.search(r"[-+*/]\s*\(|\*\*|np\.\w+\(|exp\(|log\(", hint):
        return "it gives a formula"
    return None


def hint_problems(assignment: Assignment) -> list[str]:
    """``<reference>:<line>: the hint '...': <why>`` for each solution block whose hint breaks the rule."""
    found = []
    for module in assignment.modules:
        src = assignment.solution_dir / f"{module}.py"
        if not src.is_file():
            continue
        for number, line in enumerate(src.read_text(encoding="utf-8").splitlines(), 1):
            begin = BEGIN.match(line)
            if begin and begin["indent"]:
                hint = begin["hint"] or "not implemented yet"
                why = hint_problem(hint)
                if why:
                    found.append(f"{src.relative_to(paths.ROOT) if src.is_relative_to(paths.ROOT) else src}:"
                                 f"{number}: the hint {hint!r}: {why} (make test holds every assignment to this)")
    return found


def generated_files(assignment: Assignment) -> dict[Path, str]:
    """Every generated file of the assignment and the text it should hold.

    The documented values are the committed ones whenever they agree with the
    reference's to ``DRIFT_RTOL`` (see the module's docstring).
    """
    files: dict[Path, str] = {}
    examples = examples_folder(assignment)
    for module in assignment.modules:
        src = assignment.solution_dir / f"{module}.py"
        if not src.is_file():
            raise ConfigError(f"{src}: the reference solution is missing")
        text = src.read_text(encoding="utf-8")
        files[assignment.public_dir / f"{module}.py"] = starter(text, src)
        if examples.is_dir():  # the two examples every assignment has: its reference and its untouched starter
            files[examples / "reference" / f"{module}.py"] = unmarked(text)
            files[examples / "stubs" / f"{module}.py"] = starter(text, src)
    values = documented_values(assignment)
    if values:
        target = assignment.public_tests_dir / "documented.json"
        committed = _committed_values(target)
        if committed is not None and values_differ(committed, json.loads(json.dumps(values))) is None:
            files[target] = target.read_text(encoding="utf-8")
            values = committed
        else:
            files[target] = json.dumps(values, indent=1) + "\n"
    handout = assignment.solution_dir / "handout.md"
    if handout.is_file():
        text = render(handout.read_text(encoding="utf-8"), {**values, "rubric": rubric_values(assignment)}, handout)
        files[assignment.public_dir / "README.md"] = HANDOUT_BANNER.format(name=assignment.name) + text
    return files


def examples_folder(assignment: Assignment) -> Path:
    """``examples/submissions/<name>/``: its reference and stubs examples are generated only when it exists."""
    return assignment.public_dir.parent.parent / "examples" / "submissions" / assignment.name


def skipped(assignment: Assignment) -> list[str]:
    """What ``build`` leaves out, a line each: the reference and stubs examples of an assignment
    whose examples folder does not exist (an author who has not made it yet would otherwise
    not know that `make test` grades no example of theirs)."""
    folder = examples_folder(assignment)
    if not assignment.modules or folder.is_dir():
        return []
    return [f"{folder}/ does not exist, so its reference/ and stubs/ examples were not written: "
            f"make the folder (and its expected.yaml) and run `make assignments` again"]


def stale(assignment: Assignment) -> list[str]:
    """One line per generated file that differs from what ``make assignments`` writes, saying where."""
    out = []
    for path, text in generated_files(assignment).items():
        if not path.exists():
            out.append(f"{path}: missing")
            continue
        current = path.read_text(encoding="utf-8")
        if current == text:
            continue
        why = None
        if path.suffix == ".json":
            committed = _committed_values(path)
            why = "not valid JSON" if committed is None else values_differ(committed, json.loads(text))
        else:
            line = next((i for i, (a, b) in enumerate(zip(current.splitlines(), text.splitlines()), 1) if a != b),
                        min(len(current.splitlines()), len(text.splitlines())) + 1)
            why = f"differs from line {line}"
        out.append(f"{path}: stale, {why or 'differs'}")
    return out


def require_fresh(assignment: Assignment, before: str) -> None:
    """Raise ``ConfigError`` naming the first stale generated file (``before``: what needs them fresh)."""
    lines = stale(assignment)
    if lines:
        raise ConfigError(f"{lines[0]}; run `make assignments` before {before}")


def build(assignment: Assignment, *, check: bool = False) -> list[Path]:
    """Write the generated files (or, with ``check``, only list those that differ); return the changed."""
    changed = []
    for path, text in generated_files(assignment).items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            changed.append(path)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(f".{path.name}.tmp")
                tmp.write_text(text, encoding="utf-8")
                os.replace(tmp, path)
    return changed
