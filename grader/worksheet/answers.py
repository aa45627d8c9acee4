"""Reading a filled worksheet: ``step: value`` lines (answers.yaml), a Markdown table (answers.md)
or the sheet's notebook, with numbers as people write them.

A value is one number, a row of numbers, or rows (a matrix): ``0.5``, ``[0.1, 0.2]``,
``0.1 0.2``, rows on lines of their own (``- [0.1, 0.2]``) or separated by ``;``.
Numbers: ``-0.0114``, ``1.14e-2``, ``1.14 x 10^-2``, ``−0.0114`` (a Unicode minus). A
decimal comma (``0,0114``) is refused with a message saying so, never read as two
numbers. Nothing here runs anything of the student's.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..text import clean_tree

ANSWER_FILES = ("answers.yaml", "answers.yml", "answers.md")  # then any notebook, in this order
MAX_BYTES = 1_000_000
MAX_NUMBER_CHARS = 64  # a number as people write it (-1.234e-05, 1.14 x 10^-2) is far shorter
MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-", "\ufe63": "-", "\uff0d": "-"})
_TIMES_TEN = re.compile(r"^([-+]?(?:\d+\.?\d*|\.\d+))\s*(?:x|\*|×|·)\s*10\s*\^\s*\(?([-+]?\d+)\)?$", re.I)
_NUMBER = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$", re.I)
_KEY = re.compile(r"^([A-Za-z_][\w]*)\s*:\s*(.*)$")


class SheetError(Exception):
    """A sheet that cannot be read at all, in one line that names the file (and the line)."""


@dataclass
class Answers:
    file: Path
    values: dict = field(default_factory=dict)  # name -> array, for every value that could be read
    unreadable: dict = field(default_factory=dict)  # name -> why its value could not be read
    student: str | None = None  # the name the sheet says it was made for
    blank: list = field(default_factory=list)  # names given with no value


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


def number(text: str) -> float:
    """One number as a person writes it; ValueError with a sentence for the student otherwise."""
    t = str(text).strip().translate(MINUS).replace("\u2009", "").replace(" ", "")
    if len(t) > MAX_NUMBER_CHARS:  # before any pattern: matching is not linear in a number's length
        raise ValueError(f"{text[:20]!r}... ({len(t):,} characters) is too long to be a number written by hand")
    if re.fullmatch(r"[-+]?\d+,\d+", t):
        raise ValueError(f"{text!r} has a decimal comma: write it with a point ({t.replace(',', '.')}); "
                         "to give two numbers, put a space after the comma")
    m = _TIMES_TEN.match(t)
    if m:
        return float(f"{m.group(1)}e{int(m.group(2))}")
    if not _NUMBER.match(t):
        raise ValueError(f"{text!r} is not a number")
    return float(t)


def value(text: str) -> np.ndarray:
    """A value: one number, a row, or rows; ValueError with a sentence for the student otherwise.
    A leading ``name:`` or ``name =`` (the step's name written again) is left out."""
    text = re.sub(r"^\s*[A-Za-z_]\w*\s*[:=]\s*", "", str(text))
    t = re.sub(r"\s*(?:x|×|\*|·)\s*10\s*\^\s*", "x10^", str(text).strip().translate(MINUS), flags=re.I)
    rows = [r for r in re.split(r"\]\s*,?\s*\[|;|\n", t) if r.strip(" []-,")]
    parsed = []
    for row in rows:
        body = re.sub(r"^-\s+", "", row.strip()).strip().strip("[]").strip()   # a YAML list's dash
        tokens = [tok for tok in re.split(r",\s+|\s+|,(?=\s*$)", body) if tok]
        numbers = []
        for tok in tokens:
            if "," in tok and not re.fullmatch(r"[-+]?\d+,\d+", tok):
                numbers += [number(p) for p in tok.split(",") if p]   # 0.1,0.2: two numbers with points
            else:
                numbers.append(number(tok))
        parsed.append(numbers)
    if not parsed:
        raise ValueError("no number given")
    if len(parsed) == 1:
        return np.array(parsed[0][0] if len(parsed[0]) == 1 and not t.startswith("[") else parsed[0])
    if len({len(r) for r in parsed}) != 1:
        raise ValueError(f"rows of different lengths ({', '.join(str(len(r)) for r in parsed)})")
    return np.array(parsed)


def read(file: Path) -> Answers:
    """Every ``name: value`` of the sheet in ``file``; SheetError when it cannot be read at all."""
    file = Path(file)
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
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetError(f"{file.name}: not UTF-8 text; save it as plain text (UTF-8)") from None
    if file.suffix.lower() == ".ipynb":
        pairs, student = _notebook_pairs(file, text)
    elif file.suffix.lower() == ".md":
        pairs, student = _markdown_pairs(file, text)
    else:
        pairs, student = _line_pairs(file, text)
    answers = Answers(file, student=student)
    for name, body in pairs:
        if name in answers.values or name in answers.unreadable or name in answers.blank:
            raise SheetError(f"{file.name}: {name} is given twice")
        if not body.strip(" []-\n"):
            answers.blank.append(name)
            continue
        try:
            answers.values[name] = value(body)
        except ValueError as e:
            answers.unreadable[name] = str(e)
    return answers


def _line_pairs(file: Path, text: str):
    pairs, student, current = [], None, None
    for number_, line in enumerate(text.splitlines(), 1):
        stripped = line.split("#", 1)[0].rstrip()
        if not stripped.strip():
            continue
        if line[:1].isspace() or stripped.lstrip().startswith(("-", "[")) and current is not None:
            if current is None:
                raise SheetError(f"{file.name}: line {number_}: a value with no name before it")
            pairs[-1] = (pairs[-1][0], pairs[-1][1] + "\n" + stripped.strip())
            continue
        m = _KEY.match(stripped.strip())
        if not m:
            raise SheetError(f"{file.name}: line {number_}: expected `name: value`, got {stripped.strip()[:60]!r}")
        name, body = m.group(1), m.group(2).strip()
        if name == "student":
            student, current = body.strip("'\""), None
            continue
        pairs.append((name, body))
        current = name
    return pairs, student


def _markdown_pairs(file: Path, text: str):
    pairs, student = [], None
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
            pairs.append((cells[0], cells[-1].replace("<br>", ";")))
    return pairs, student


def _notebook_pairs(file: Path, text: str):
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
    pairs = []
    for cell in cells:
        meta = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
        meta = meta.get("worksheet") if isinstance(meta.get("worksheet"), dict) else {}
        source = cell.get("source", "")
        source = "".join(map(str, source)) if isinstance(source, list) else str(source)
        if meta.get("step"):
            pairs.append((str(meta["step"]), "\n".join(l.split("#", 1)[0] for l in source.splitlines())))
    return pairs, student
