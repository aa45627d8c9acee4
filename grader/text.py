"""Text from a submission, made safe where it enters the grader and escaped where it is shown.

Everything a student controls (what their code prints, exception messages, folder
and file names, answers) is untrusted text. ``clean`` makes it valid UTF-8 (a lone
surrogate or an undecodable byte becomes a visible U+FFFD) and bounds its length;
``student_name`` turns a folder name into a row's name; ``printable`` escapes what a
terminal or a log would obey; ``csv_cell`` keeps a spreadsheet from reading a formula;
``markdown`` keeps Markdown and HTML viewers from reading markup; ``fence`` wraps text
in a code block it cannot close.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata

REPLACEMENT = "\ufffd"
MAX_TEXT = 20_000  # characters of one message kept (output has its own, larger, bound)
MAX_NAME = 255  # UTF-8 bytes of a student's name kept, as in a file name; a longer one ends in a digest

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 and C1 controls, DEL, line and paragraph separators, bidirectional overrides and isolates.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_TAG = re.compile(r"<(?=[A-Za-z/!?])")


def clean(text, limit: int | None = MAX_TEXT) -> str:
    """``text`` (str or bytes) as valid UTF-8 text of at most ``limit`` characters (None: no bound).

    Undecodable bytes and lone surrogates become U+FFFD, so they stay visible; a text cut
    short says how much was left out.
    """
    if isinstance(text, (bytes, bytearray, memoryview)):
        text = bytes(text).decode("utf-8", "replace")
    elif not isinstance(text, str):
        text = str(text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub(REPLACEMENT, text)
    if limit is not None and len(text) > limit:
        text = text[:limit] + f"… ({len(text) - limit:,} more characters)"
    return text


def clean_tree(value):
    """``value`` with every string in it (dict keys too) passed through ``clean`` without a bound."""
    if isinstance(value, str):
        return clean(value, None)
    if isinstance(value, list):
        return [clean_tree(v) for v in value]
    if isinstance(value, tuple):
        return tuple(clean_tree(v) for v in value)
    if isinstance(value, dict):
        return {clean_tree(k): clean_tree(v) for k, v in value.items()}
    return value


def json_items(raw: bytes) -> int:
    """An upper bound on the items (containers, elements, strings) that the JSON text ``raw`` parses
    to, counted from its bytes before any parsing: parsing costs memory per item, not per byte."""
    return raw.count(b"[") + raw.count(b"{") + raw.count(b",") + raw.count(b'"') // 2


def student_name(file_name: str) -> str:
    """The row's name for a submission's file or folder name: valid UTF-8 (an undecodable byte is
    written ``\\xe9``), controls escaped (``\\n``, ``\\x1b``), at most ``MAX_NAME`` bytes (a longer
    one, made longer by its escapes, keeps its start and a digest of the whole, so two stay apart)."""
    raw = os.fsencode(file_name) if isinstance(file_name, str) else bytes(file_name)
    name = raw.decode("utf-8", "backslashreplace")
    name = printable(name)
    if len(name.encode("utf-8")) > MAX_NAME:
        digest = hashlib.sha256(raw).hexdigest()[:8]
        head = name.encode("utf-8")[:MAX_NAME - 12].decode("utf-8", "ignore")
        name = f"{head}…{digest}"
    return name


def same_name_key(name: str) -> str:
    """What two names that one file system (macOS, Windows) or one person may take for the same share:
    Unicode-normalised (NFC) and case-folded."""
    return unicodedata.normalize("NFC", name).casefold()


def printable(text: str) -> str:
    """``text`` with every character a terminal or log reader would obey written as an escape
    (``\\n``, ``\\r``, ``\\t``, ``\\x1b``, ``\\u202e``): one line that shows what is there."""
    text = clean(text, None)
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(_escape, text)


def _escape(m) -> str:
    c = m.group(0)
    special = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if c in special:
        return special[c]
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def csv_cell(value):
    """A cell for a CSV file a spreadsheet may open: text that a spreadsheet would read as a formula
    (starting with ``=``, ``+``, ``-``, ``@``, a tab or a line break) gets a leading ``'``; numbers
    stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def markdown(text: str) -> str:
    """Student text placed in Markdown: no HTML tag or comment can start (``<`` before a letter,
    ``/``, ``!`` or ``?`` is written ``&lt;``), and controls are escaped; ``a < b`` stays as it is."""
    text = clean(text, None)
    text = _CONTROL.sub(lambda m: m.group(0) if m.group(0) in "\n\t" else _escape(m), text)
    return _TAG.sub("&lt;", text)


def fence(text: str, info: str = "") -> list[str]:
    """Lines of a Markdown code block holding ``text`` that nothing in it can close: the fence is
    longer than the longest run of backticks inside."""
    text = clean(text, None)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    bar = "`" * max(3, longest + 1)
    return [bar + info, text.rstrip(), bar]


def counted(n: int, noun: str) -> str:
    """``1 submission``, ``2 submissions``: ``n`` and ``noun``, plural unless ``n`` is 1."""
    return f"{n} {noun}" + ("" if n == 1 else "s")
