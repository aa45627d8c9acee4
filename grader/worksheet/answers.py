"""Reading a filled worksheet: ``answers.yaml`` (any YAML or JSON of ``step: value``), ``answers.md`` (a
Markdown table whose last column holds each step's value) or the sheet's notebook (one raw cell per
step), with numbers as people write them. Nothing here runs anything of the student's.

- **A number**: ``-0.0114``, ``1.14e-2``, ``1.14 x 10^-2``, ``1.14·10⁻²``, LaTeX (``$1.2\\times10^{-3}$``,
  ``-\\frac{3}{4}``), ``≈ -0.66``, ``approx. -0.66``, the working before the last ``=``, words or a
  ``(comment)`` around one number, a trailing period, ``75%``, ``3/4`` (exact), a Unicode minus,
  ``- 0.66`` (a minus, space or not), digit groups (``0.059 08``, ``1,234.5``, ``12 345.6``) and a
  decimal comma that cannot be anything else (``0,0114``, noted). With it, its significant figures
  as written (``0.0100``: 3, ``120``: 3, ``75%``: 2, a fraction: exact, ``math.inf``).
- **A value**: one number (shape ``()``), a row (``[0.5]``: ``(1,)``; ``0.1 0.2``: ``(2,)``) or rows
  (``;``, ``[[1, 2], [3, 4]]``, lines of their own, ``<br>``), in the shape written: never reshaped.
- **Never guessed**: what reads two ways (``2,185``; ``0,5`` among commas; lines of ``- 0.1``) leaves
  the step unreadable with a question, each reading kept as an alternative for the TA.
- **A step given twice** counts once when its copies agree (noted), and is unreadable when they do not.

Everything is bounded: a student's file is hostile (MAX_BYTES here; a value's and a number's length in
``numbers.py``, which reads the numbers).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml

from ..text import clean_tree
from .numbers import _Reading, _Refused, _settled, _shown
from .numbers import Unreadable, number, reading, value  # noqa: F401 - the reader's API, read from here too

ANSWER_FILES = ("answers.yaml", "answers.yml", "answers.md")  # then any notebook, in this order
MAX_BYTES = 1_000_000
_KEY = re.compile(r"^([A-Za-z_][\w]*)\s*:\s*(.*)$")


class SheetError(Exception):
    """A sheet that cannot be read at all, in one line that names the file (and the line)."""


@dataclass
class Answers:
    file: Path
    values: dict = field(default_factory=dict)  # name -> array, for every value that could be read
    unreadable: dict = field(default_factory=dict)  # name -> why its value could not be read (one line)
    student: str | None = None  # the name the sheet says it was made for
    blank: list = field(default_factory=list)  # names given with no value
    figures: dict = field(default_factory=dict)  # name -> significant figures written, the value's shape (inf: exact)
    alternatives: dict = field(default_factory=dict)  # unreadable name -> [array]: the readings it could be
    notes: list = field(default_factory=list)  # one line each: how the sheet was read


def found_instead(folder: Path) -> str:
    """What ``folder`` holds that looks meant for an answer file: ``found Answers.md: name it answers.md``."""
    hints = []
    for p in sorted(Path(folder).rglob("*")):
        if not p.is_file() or p.name.startswith("."):
            continue
        stem, suffix = p.stem.lower(), p.suffix.lower()
        if suffix in (".md", ".yaml", ".yml", ".txt") and stem.startswith("answer"):
            hints.append(f"found {p.relative_to(folder).as_posix()}: name it answers"
                         f"{suffix if suffix != '.txt' else '.yaml'} at the top of the submission")
    return "; ".join(hints[:3])


def find(folder: Path, verb: str = "graded") -> tuple[Path | None, list[str]]:
    """The answer file in ``folder`` (None: none), and a note when another one was left aside."""
    folder = Path(folder)
    found = [folder / n for n in ANSWER_FILES if (folder / n).is_file()]
    found += sorted(p for p in folder.glob("*.ipynb") if p.is_file() and not p.name.startswith("."))
    if not found:
        return None, []
    notes = [f"{found[0].name} was {verb}, not {', '.join(p.name for p in found[1:])}"] if len(found) > 1 else []
    return found[0], notes


# --- sheets -----------------------------------------------------------------------------------------

def read(file: Path) -> Answers:
    """Every step of the sheet in ``file``; SheetError when it cannot be read at all."""
    file = Path(file)
    text = _text(file)
    suffix, notes = file.suffix.lower(), []
    if suffix == ".ipynb":
        entries, student = _notebook_entries(file, text)
    elif suffix == ".md":
        entries, student = _markdown_entries(text)
    else:
        entries, student, notes = _yaml_entries(file, text)
    answers = Answers(file, student=student, notes=notes)
    copies: dict[str, list] = {}
    for name, body in entries:
        copies.setdefault(name, []).append(body)
    for name, bodies in copies.items():
        _settle(answers, name, bodies)
    return answers


def _settle(answers: Answers, name: str, bodies: list) -> None:
    """One step into ``answers`` from its copies on the sheet (usually one; blank copies aside): copies
    that read as the same numbers (or are the same text) count once, with a note; differing ones (or an
    unreadable one) leave the step unreadable, each reading kept as an alternative."""
    copies = []
    for body in bodies:
        try:
            got = _settled(body)
        except ValueError as e:
            got = e
        if got is not None:
            copies.append((body, got))
    if not copies:
        answers.blank.append(name)
        return
    if len(copies) == 1 < len(bodies):
        answers.notes.append(f"{name}: given {_times(len(bodies))}, with a value only once: that value was read")
    readings = [got for _, got in copies if isinstance(got, _Reading)]
    first = copies[0][1]
    if (all(body == copies[0][0] for body, _ in copies) or len(readings) == len(copies) and all(
            r.value.shape == first.value.shape and np.array_equal(r.value, first.value) for r in readings)):
        if len(copies) > 1:
            answers.notes.append(f"{name}: given {_times(len(copies))}, the same value each time: counted once")
        if isinstance(first, ValueError):
            answers.unreadable[name] = str(first)
            if getattr(first, "alternatives", None):
                answers.alternatives[name] = first.alternatives
            return
        answers.values[name] = first.value
        answers.figures[name] = np.asarray(np.minimum.reduce([r.figures for r in readings]))  # the fewest written
        answers.notes += [f"{name}: {n}" for n in first.notes]
        return
    shown = [_shown(body) for body, _ in copies]
    none = "neither is" if len(copies) == 2 else "none is"
    answers.unreadable[name] = (f"given {_times(len(copies))}, with different values ({', '.join(shown[:-1])} and "
                                f"{shown[-1]}): a step has one answer, so {none} graded")
    answers.alternatives[name] = [r.value for r in readings]


def _times(n: int) -> str:
    return {2: "twice", 3: "three times"}.get(n, f"{n} times")


def _text(file: Path) -> str:
    """The file's text, within MAX_BYTES and UTF-8; SheetError naming the file otherwise."""
    try:
        size = file.stat().st_size  # before reading: a sheet may be gigabytes (or a sparse file)
        if size > MAX_BYTES:
            raise SheetError(f"{file.name}: {size:,} bytes, more than a sheet of numbers needs ({MAX_BYTES:,})")
        with open(file, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise SheetError(f"{file.name}: could not be read ({e.strerror or e})") from None
    if len(raw) > MAX_BYTES:
        raise SheetError(f"{file.name}: more than a sheet of numbers needs ({MAX_BYTES:,} bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetError(f"{file.name}: not UTF-8 text; save it as plain text (UTF-8)") from None


def _yaml_entries(file: Path, text: str):
    """``(name, body)`` pairs of an answers.yaml read as YAML (a body: the text as written, None, or a
    list), its student and notes; the line reader when it is not YAML (``z: - 0.5`` is not)."""
    try:
        documents = [d for d in yaml.compose_all(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) if d]
    except (yaml.YAMLError, RecursionError, ValueError):
        return _line_entries(file, text)
    if not all(isinstance(d, yaml.MappingNode) and all(isinstance(k, yaml.ScalarNode) for k, _ in d.value)
               for d in documents):
        return _line_entries(file, text)
    entries, student, seen = [], None, set()
    for document in documents:
        for key, node in document.value:
            if key.value == "student":
                student = node.value if isinstance(node, yaml.ScalarNode) and node.value else student
            else:
                entries.append((key.value, _from_node(node, text, seen)))
    notes = []
    if re.search(r"^---", text, re.M):
        notes.append(f"{file.name}: its --- marker was ignored" + (f": its {len(documents)} parts were read as one "
                                                                   "sheet" if len(documents) > 1 else ""))
    return entries, student, notes


def _from_node(node, text: str, seen: set, depth: int = 0):
    """A YAML node as the student wrote it: a scalar's text (never YAML's reading of it: ``1e-3``,
    ``0x10`` and ``yes`` are text), None for a null, a flow list ``[..]`` as its text (so ``[0,5]`` is
    read as written), a block list as a list; a mapping or a repeated (aliased) list is refused."""
    if isinstance(node, yaml.ScalarNode):
        return None if node.tag == "tag:yaml.org,2002:null" else node.value
    if id(node) in seen:
        return _Refused("an alias (*name) of another value: write the value itself", "*alias")
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        return _Refused("name: value pairs under a step: write the step's numbers", "{...}")
    if depth > 2:
        return _Refused("lists nested deeper than rows of numbers", "[[[...]]]")
    raw = text[node.start_mark.index:node.end_mark.index]
    if node.flow_style and raw.startswith("[") and not re.search(r"#|[&*][A-Za-z_]", raw) and _all_plain(node, 0):
        return " ".join(raw.split())   # a flow list's line breaks are spaces (JSON over many lines)
    return [_from_node(n, text, seen, depth + 1) for n in node.value]


def _all_plain(node, depth: int) -> bool:
    """Whether a list holds only unquoted numbers and lists of them (so its text is what it holds)."""
    if isinstance(node, yaml.ScalarNode):
        return not node.style  # plain: None (Python loader) or "" (libyaml)
    return isinstance(node, yaml.SequenceNode) and depth < 3 and all(_all_plain(n, depth + 1) for n in node.value)


def _line_entries(file: Path, text: str):
    """``name: value`` lines, for an answers.yaml that is not YAML; a value may go on under its name,
    indented or as ``- `` items (a list, as in YAML). SheetError naming the file and line otherwise."""
    entries, student, current, notes = [], None, None, []
    for number_, line in enumerate(text.splitlines(), 1):
        stripped = line.split("#", 1)[0].rstrip()
        if not stripped.strip():
            continue
        if stripped.strip() in ("---", "..."):
            notes = [f"{file.name}: its --- marker was ignored"]
            continue
        if line[:1].isspace() or stripped.lstrip().startswith(("-", "[")) and current is not None:
            if current is None:
                raise SheetError(f"{file.name}: line {number_}: a value with no name before it")
            name, body = entries[-1]
            item = re.match(r"- (.*)", stripped.strip())
            if item and isinstance(body, list):
                entries[-1] = (name, body + [item.group(1)])
            else:
                body = body if isinstance(body, str) else "\n".join("- " + b for b in body)
                entries[-1] = (name, body + "\n" + stripped.strip())
            continue
        m = _KEY.match(stripped.strip())
        if not m:
            raise SheetError(f"{file.name}: line {number_}: expected `name: value`, got {stripped.strip()[:60]!r}")
        name, body = m.group(1), m.group(2).strip()
        if name == "student":
            student, current = body.strip("'\""), None
            continue
        entries.append((name, body or []))
        current = name
    return entries, student, notes


def _markdown_entries(text: str):
    """``(step, cell)`` for each table row named like a step (its last cell: the value), and the student."""
    entries, student = [], None
    for line in text.splitlines():
        s = line.strip()
        m = re.match(r"^\**student\**\s*:\s*(.+)$", s, re.I)
        if m:
            student = m.group(1).strip(" *`")
            continue
        if not s.startswith("|"):
            continue
        cells = [c.strip().strip("`") for c in s.strip("|").split("|")]
        if len(cells) < 2 or set(cells[0]) <= set("-: ") or cells[0].lower() in ("step", "name", "input"):
            continue
        if re.fullmatch(r"[A-Za-z_]\w*", cells[0]):
            entries.append((cells[0], cells[-1]))
    return entries, student


def _notebook_entries(file: Path, text: str):
    """``(step, source)`` for each cell tagged with a step, and the student; SheetError when the
    file is not a notebook."""
    from ..notebook.read import NotebookError, check_json_size
    try:
        check_json_size(text.encode("utf-8"), file.name)
        nb = clean_tree(json.loads(text))
        cells = nb["cells"]
    except NotebookError as e:
        raise SheetError(str(e)) from None
    except (ValueError, KeyError, TypeError, RecursionError):
        raise SheetError(f"{file.name}: not a Jupyter notebook (it is not the JSON of one)") from None
    if not isinstance(nb, dict) or not isinstance(cells, list):
        raise SheetError(f"{file.name}: not a Jupyter notebook (it has no list of cells)")
    bad = next((i for i, c in enumerate(cells, 1) if not isinstance(c, dict)), None)
    if bad is not None:
        raise SheetError(f"{file.name}: not a Jupyter notebook (its cell {bad} is not a cell)")
    meta = nb.get("metadata")
    sheet = meta.get("worksheet") if isinstance(meta, dict) else None
    student = sheet.get("student") if isinstance(sheet, dict) else None
    student = student if isinstance(student, str) else None
    entries = []
    for cell in cells:
        meta = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
        meta = meta.get("worksheet") if isinstance(meta.get("worksheet"), dict) else {}
        source = cell.get("source", "")
        source = "".join(map(str, source)) if isinstance(source, list) else str(source)
        if meta.get("step"):
            entries.append((str(meta["step"]), "\n".join(l.split("#", 1)[0] for l in source.splitlines())))
    return entries, student
