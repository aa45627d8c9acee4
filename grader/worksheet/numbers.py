"""Numbers and values as students write them on a worksheet: one number with the significant figures
written, a row or rows in the shape written, and the forms that read two ways (a question, never a guess).
The reader of the answer files (``answers.py``) uses it; nothing here runs anything of the student's."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

MAX_VALUE_CHARS = 10_000  # one step's value as written (a 10 x 10 matrix is far shorter)
MAX_NUMBER_CHARS = 64  # a number as people write it (-1.234e-05, 1.14 x 10^-2) is far shorter
MINUS = str.maketrans({c: "-" for c in "\u2212\u2013\u2012\u2010\u2011\u2014\ufe63\uff0d"})
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_INVISIBLE = str.maketrans({c: None for c in "\u200b\u2060\ufeff\u00ad"})
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_NUMBER = re.compile(r"([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+)|x10\^(?:([-+]?\d+)|\(([-+]?\d+)\)))?(%?)")
_TIMES_TEN = re.compile(r" ?[x×*·⋅∙] ?10 ?\^ ?", re.I)
_THOUSANDS = re.compile(r"[-+]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?"   # with 2+ commas or a point: no other reading
                        r"(?:[eE][-+]?\d+|x10\^(?:[-+]?\d+|\([-+]?\d+\)))?")
_COMMA_PAIR = re.compile(r"([-+]?\d+),(\d+)")
_MAYBE_THOUSANDS = re.compile(r"[-+]?[1-9]\d{0,2},\d{3}")
_INTEGER = re.compile(r"[-+]?\d+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.]*[:,;!?]?")




class Unreadable(ValueError):
    """A value that cannot be read, in one line; ``alternatives``: the readings a TA could take it for."""

    def __init__(self, message: str, alternatives=()):
        super().__init__(message)
        self.alternatives = list(alternatives)


class _Ambiguous(ValueError):
    """Raised at the first form that reads two ways: the question, the ``choice`` it is about
    (``comma``, ``dash``) and the ``options`` a reading can be made with."""

    def __init__(self, question: str, choice: str, options: tuple):
        super().__init__(question)
        self.choice, self.options = choice, options


@dataclass
class _Reading:
    """One value read: its numbers, their significant figures (same shape) and notes on how it was read."""
    value: np.ndarray
    figures: np.ndarray
    notes: list


class _Refused(str):
    """A YAML value that is no value (a mapping, an alias): why, for the step's message, and ``shown``:
    how it looks in a message that quotes it."""

    def __new__(cls, why: str, shown: str):
        refused = super().__new__(cls, why)
        refused.shown = shown
        return refused


# --- numbers and values ---------------------------------------------------------------------------

def number(text: str) -> float:
    """One number as a person writes it; ValueError with a sentence for the student otherwise."""
    got = value(text)
    if got.shape != ():
        raise ValueError(f"{got.size} numbers given where one is asked")
    return float(got)


def value(text: str) -> np.ndarray:
    """A value (a number, a row or rows, in the shape written); ValueError with a sentence for the
    student otherwise (``Unreadable``, with the readings it could be, when it reads two ways)."""
    return reading(text)[0]


def reading(text: str) -> tuple[np.ndarray, np.ndarray]:
    """A value and the significant figures written of each of its numbers (same shape; inf: exact)."""
    r = _settled(str(text))
    if r is None:
        raise ValueError("no number given")
    return r.value, r.figures


def _settled(body) -> _Reading | None:
    """``body`` (a text, or a list of them from YAML) read; when it reads two ways, ``Unreadable``
    with the question and each reading as an alternative. None: nothing written."""
    try:
        return _body(body, {})
    except _Ambiguous as a:
        alternatives = []
        for option in a.options:
            try:
                alternatives.append(_body(body, {a.choice: option}).value)
            except ValueError:
                pass
        raise Unreadable(str(a), alternatives) from None


def _body(body, choices: dict, depth: int = 0) -> _Reading | None:
    """A YAML value (a text, None, a list of them) or a text read, with ``choices`` made for forms
    that read two ways; None: blank."""
    if isinstance(body, _Refused):
        raise ValueError(str(body))
    if body is None or isinstance(body, str) and _blank(body):
        return None
    if isinstance(body, str):
        return _read(body, choices)
    if depth >= 2:
        raise ValueError("lists nested deeper than rows of numbers")
    parts = [_body(b, choices, depth + 1) for b in body]
    if not parts:
        return None
    if any(p is None for p in parts):
        raise ValueError("an empty entry in its list")
    if len({p.value.shape for p in parts}) > 1:
        raise ValueError(f"rows of different lengths ({', '.join(str(p.value.size) for p in parts)})")
    if parts[0].value.ndim > 1:
        raise ValueError("lists nested deeper than rows of numbers")
    return _Reading(np.stack([p.value for p in parts]), np.stack([p.figures for p in parts]),
                   [n for p in parts for n in p.notes])


def _blank(text: str) -> bool:
    return not text.strip(" \t\r\n[]-;,$`")


def _read(text: str, choices: dict, words: bool = True) -> _Reading:
    """A value from its text: the working before the last ``=``, a ``label:``, comments and words
    around one number left out, then its rows and numbers."""
    if len(text) > MAX_VALUE_CHARS:  # before any pattern
        raise ValueError(f"{len(text):,} characters: too long to be a step's value written by hand")
    lines = _lines(text)
    after = [a for a in (line.rsplit("=", 1)[1].strip() for line in lines if "=" in line) if a and _reads(a, choices)]
    if len(after) > 1:
        raise ValueError(f"{len(after)} lines each give a value after '=' ({after[0]}, {after[1]}): write the "
                         "step's value once, alone or after the last '=' (a row as [a, b, c])")
    joined = "\n".join(lines)
    joined = joined.rsplit("=", 1)[1] if "=" in joined else joined  # the answer after the working
    head, colon, tail = joined.rpartition(":")
    if colon and re.search("[A-Za-z]", head):  # a label: ``ans: -0.66``, ``dL/dz:``
        joined = tail
    asides = [m[2] for line in joined.split("\n") for m in re.finditer(r"(^| )\(([^()]*)\)", line)
              if _wordy(m[2]) and re.search(r"\d", m[2])]
    if asides:   # ``-0.1828 (or -0.1838?)``: two answers, one of them in brackets
        which = _ask(choices, "aside", f"{_shown(text)!r} gives a second number in brackets ({asides[0]}): which "
                     "is your answer? Write the step's value alone", ("outside", "inside"))
        if which == "inside":
            joined = " ".join(re.sub(r"[^\d.eE+\-x^()/%]", " ", a) for a in asides)
    lines = [re.sub(r"(^| )\(([^()]*)\)", lambda m: " " if _wordy(m[2]) else m[0], line) for line in
             joined.split("\n")]   # ``(rounded)``, but not ``2(...)`` nor ``10^(-2)``
    tokens = " ".join(lines).split()
    if words and any(_is_word(t) for t in tokens):  # words around one number
        rest = " ".join(t for t in tokens if not _is_word(t))
        if not rest.strip(" .,;:"):
            raise ValueError(f"{_shown(text)!r} is not a number")
        got = _read(rest, choices, words=False)
        if got.value.shape != ():
            raise ValueError(f"{_shown(text)!r} has words and several numbers: write the step's value alone")
        return got
    return _rows([re.sub(r"(?<=[\d%)\]])[.,]$", "", line.strip()) for line in lines], choices)


def _is_word(token: str) -> bool:
    """Whether a token is a word around the number (``is``, ``approx.``, ``dL/dy_hat``), not a number
    written with letters (``1e-3``, ``1.2x10^-3``)."""
    if _WORD.fullmatch(token):
        return True
    if not re.search(r"[A-Za-z_]", token) or len(token) > MAX_NUMBER_CHARS:
        return False
    m = _NUMBER.fullmatch(token.strip(".,;:[]").replace(",", ""))
    return not (m and (m[2] or m[3]))


def _reads(text: str, choices: dict) -> bool:
    try:
        _read(text, choices)
        return True
    except ValueError:
        return False


def _lines(text: str) -> list[str]:
    """The text's lines, plain: controls refused, LaTeX and Unicode forms made ASCII (``\\frac{3}{4}``:
    ``3/4``, ``10⁻²`` and ``\\times10^{-2}``: ``x10^(-2)``, ``≈``: ``=``), spaces single, ``12.5 %``: ``12.5%``."""
    text = text.translate(_INVISIBLE)
    if _CONTROL.search(text):
        raise ValueError(f"{_shown(text)!r} holds control characters, not a number")
    text = re.sub(r"<br\s*/?>|\\\\|\r\n?", "\n", text.translate(MINUS), flags=re.I)
    text = re.sub(r"\\[dt]?frac\s?\{([^{}]*)\}\s?\{([^{}]*)\}", r"\1/\2", text)
    text = re.sub(r"\\(?:text|mathrm|textrm|mbox)\s?\{([^{}]*)\}", r" \1 ", text)
    text = re.sub(r"\\(?:begin|end)\s?\{[^{}]*\}", " ", text)
    for latex, plain in (("\\times", "x"), ("\\cdot", "·"), ("\\approx", "="), ("\\%", "%"), ("\\left", ""),
                         ("\\right", ""), ("$", " "), ("~", " "), ("&", ", "), ("{", "("), ("}", ")"),
                         ("≈", "="), ("≃", "="), ("≅", "=")):
        text = text.replace(latex, plain)
    text = re.sub(r"\\[A-Za-z]+|\\[,;:! ]", " ", text)
    text = re.sub(r"\^?([⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+)", lambda m: "^" + m[1].translate(_SUPERSCRIPTS), text)
    lines = []
    for line in text.split("\n"):
        line = _TIMES_TEN.sub("x10^", " ".join(line.split()))
        lines.append(re.sub(r"(?<=\d) %", "%", line))
    return lines


def _wordy(text: str) -> bool:
    """Whether a bracketed ``(...)`` holds words (a comment), not a number's exponent."""
    return bool(re.search("[A-Za-z]", re.sub(r"(?<=[\d.])(?:[eE]|x10)(?=[-+^\d(])", "", text)))


def _rows(lines: list[str], choices: dict) -> _Reading:
    """A value's rows, in the shape written: ``[..]`` a row, ``[[..], [..]]`` or ``;`` or lines rows;
    a ``- `` before ``[`` a list's dash; ``- 0.5`` a minus (on lines of their own: a question)."""
    lines = [re.sub(r"^- (?=\[)", "", line) for line in lines if line]
    dashed = [line for line in lines if re.match(r"- [\d.]", line)]
    dash = "minus"
    if len(dashed) > 1:
        dash = _ask(choices, "dash", f"lines begin with '- ' ({dashed[0]}, {dashed[1]}): minus signs or a list's "
                    "dashes? Write a negative number without the space (-0.1), a row in brackets ([0.1, 0.2])",
                    ("minus", "list"))
    if dash == "list":
        lines = [line[2:] if line in dashed else line for line in lines]
    lines = [re.sub(r"(^|[\[(;,]) ?- (?=[\d.])", lambda m: m[1] + " -" if m[1] == "," else m[1] + "-", line)
             for line in lines]
    text = re.sub(r"\[ +", "[", re.sub(r" +\]", "]", "\n".join(lines).strip()))   # [ [1, 2] ] is [[1, 2]]
    wrapped = text.startswith("[[") and text.endswith("]]")
    pieces = [p.strip() for p in re.split(r"\] ?,? ?\[|[;\n]", text[1:-1] if wrapped else text)]
    rows, notes, bracketed = [], [], "[" in text
    for piece in pieces:
        inner = piece.removeprefix("[").removesuffix("]").strip()  # piece != inner: a row in brackets
        if "[" in inner or "]" in inner:
            raise ValueError(f"brackets that do not pair up in {_shown(piece)!r}: write a row as [a, b, c]")
        if inner.strip(" ,"):
            numbers, said = _row(inner, wrapped or piece != inner, choices)
            rows.append(numbers)
            notes += said
    if not rows:
        raise ValueError("no number given")
    if len({len(r) for r in rows}) > 1:
        raise ValueError(f"rows of different lengths ({', '.join(str(len(r)) for r in rows)})")
    array = np.array(rows, dtype=float)  # (rows, numbers, 2): each number's value and figures
    if len(rows) == 1 and not wrapped:
        array = array[0] if bracketed or len(rows[0]) > 1 else array[0, 0]
    return _Reading(array[..., 0], array[..., 1], notes)


def _row(text: str, bracketed: bool, choices: dict) -> tuple[list, list]:
    """The numbers of one row (``0.1, 0.2``, ``0.1 0.2``, ``0.1,0.2``) as (value, figures) pairs, and
    notes. A bare comma is read as a decimal point only where it cannot be anything else."""
    chunks = re.split(r" ?, | ,", text)
    if any(not c.strip() for c in chunks[:-1]):
        raise ValueError(f"a number is missing between two commas in {_shown(text)!r}")
    tokens, notes = [], []
    for chunk in chunks:
        joined, said = _groups(chunk.split())
        tokens += [t.strip(",") for t in joined if t.strip(",")]
        notes += said
    kinds = [_comma_kind(t) for t in tokens]
    among_commas = len(chunks) > 1 or bracketed or "list" in kinds
    numbers = []
    for token, kind in zip(tokens, kinds):
        parts = [token]
        if kind == "thousands":
            parts = [token.replace(",", "")]
            notes.append(f"{token} read as {parts[0]} (its commas group thousands)")
        elif kind == "list":
            parts = token.split(",")
        elif kind == "pair":
            head, tail = _COMMA_PAIR.fullmatch(token).groups()
            point = f"{head}.{tail}"
            if _MAYBE_THOUSANDS.fullmatch(token):
                how = _ask(choices, "comma", f"is {token} the number {point} (a decimal comma) or {head}{tail}? "
                           f"Write it with a point, {point}, or without the comma", ("point", "group"))
                parts = [point] if how == "point" else [head + tail]
            elif among_commas:
                how = _ask(choices, "comma", f"is {token} the number {point} (a decimal comma) or the two numbers "
                           f"{head} and {tail}? Write decimals with a point ({point}) and put a space after a "
                           "comma between numbers", ("point", "group"))
                parts = [point] if how == "point" else [head, tail]
            else:
                parts = [point]
                notes.append(f"{token} read as {point} (a decimal comma)")
        elif kind == "unclear":
            question = (f"are the commas in {token} decimal commas or between numbers? Write decimals with a point "
                        f"and put a space after each comma between numbers ({', '.join(token.split(','))})")
            if _ask(choices, "comma", question, ("group",)) != "group":
                raise ValueError(question)
            parts = token.split(",")
        numbers += [_number(p) for p in parts]
    return numbers, notes


def _comma_kind(token: str) -> str | None:
    """How a token's bare commas read: ``thousands`` (1,234.5), ``list`` (0.1,0.2), ``pair`` (0,5: a
    decimal comma, or two numbers), ``unclear`` (0,5,1,2), None (no comma)."""
    if "," not in token:
        return None
    if _THOUSANDS.fullmatch(token) and (token.count(",") > 1 or "." in token.split("x10^")[0].lower().split("e")[0]):
        return "thousands"
    if _COMMA_PAIR.fullmatch(token):
        return "pair"
    parts = token.split(",")
    if any(_INTEGER.fullmatch(a) and re.match(r"\d+(?![\d.])", b) for a, b in zip(parts, parts[1:])):
        return "unclear"
    return "list"


def _groups(items: list[str]) -> tuple[list[str], list[str]]:
    """Items with their digit groups joined, and a note for each: ``0.059 08`` (decimals in groups of
    3 after the point, as SI writes them) and ``12 345.6`` (thousands, ending at a point)."""
    out, notes, i = [], [], 0
    while i < len(items):
        j = i + 1
        if re.fullmatch(r"[-+]?\d*\.\d{3}", items[i]):
            while j < len(items) and re.fullmatch(r"\d{1,3}", items[j]) and len(items[j - 1].rpartition(".")[2]) == 3:
                j += 1
        elif re.fullmatch(r"[-+]?[1-9]\d{0,2}", items[i]):
            k = j
            while k < len(items) and re.fullmatch(r"\d{3}", items[k]):
                k += 1
            if not (k < len(items) and re.fullmatch(r"\d{3}\.\d+", items[k])):
                out += items[i:k]  # no point ends the groups: numbers apart (and each looked at once)
                i = k
                continue
            j = k + 1
        out.append("".join(items[i:j]))
        if j > i + 1:
            notes.append(f"{' '.join(items[i:j])} read as one number, {out[-1]} (its digits grouped by spaces)")
        i = j
    return out, notes


def _ask(choices: dict, choice: str, question: str, options: tuple) -> str:
    """The option chosen for a form that reads two ways; without one, _Ambiguous with the question."""
    if choice in choices:
        return choices[choice]
    raise _Ambiguous(question, choice, options)


def _number(text: str) -> tuple[float, float]:
    """One number with no space or comma in it (``-1.14x10^-2``, ``75%``, ``3/4``): its value and its
    significant figures (inf: a fraction of integers, exact)."""
    if len(text) > MAX_NUMBER_CHARS:  # before any pattern, and no int() of a long string
        raise ValueError(f"{text[:20]!r}... ({len(text):,} characters) is too long to be a number written by hand")
    if text.count("/") == 1:
        top, bottom = text.split("/")
        (a, fa), (b, fb) = _number(top), _number(bottom)
        if b == 0:
            raise ValueError(f"{text!r} divides by zero")
        exact = [math.inf if _INTEGER.fullmatch(t) else f for t, f in ((top, fa), (bottom, fb))]
        return _finite(a / b, text), min(exact)
    m = _NUMBER.fullmatch(text)
    if not m or not (m[2] or m[3]):
        raise ValueError(f"{text!r} is not a number")
    sign, whole, decimals, e, ten, ten_bracketed, percent = m.groups()
    exponent = int(e or ten or ten_bracketed or 0) - (2 if percent else 0)
    digits = (whole + (decimals or "")).lstrip("0")
    x = _finite(float(f"{sign}{whole or 0}.{decimals or 0}e{exponent}"), text)
    if x == 0 and digits:
        raise ValueError(f"{text!r} is too small to be a value on this sheet")
    return x, float(len(digits) if digits else max(1, len(decimals or "")))


def _finite(x: float, text: str) -> float:
    if not math.isfinite(x):
        raise ValueError(f"{text!r} is too large to be a value on this sheet")
    return x


def _shown(body, width: int = 40) -> str:
    """A value as written, on one line and short, for a message."""
    if isinstance(body, _Refused):
        return body.shown
    if isinstance(body, list):
        text = "[" + ", ".join(_shown(b, width) for b in body) + "]"
    else:
        text = " ".join(str(body if body is not None else "").split())
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= width else text[:width - 3] + "..."
