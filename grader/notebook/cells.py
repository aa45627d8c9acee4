"""A notebook's code cell cleaned into plain Python: IPython-only lines (magics, shell escapes,
``display``, the check cells) left out and noted, and the scan of quotes and brackets that finds
where top-level statements begin."""
from __future__ import annotations

import re

# %%-magics whose body is Python: the body is kept, the magic line dropped.
PYTHON_CELL_MAGICS = {"time", "timeit", "capture", "prun", "debug"}
_DEF = re.compile(r"^(?:async\s+def|def|class)\s+([A-Za-z_]\w*)", re.M)
_TOP_BOUNDARY = re.compile(r"^(?:async\s+def|def|class)\s|^@")
_NAMES = r"[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*"
_IPYTHON_ANYWHERE = [  # (pattern on the stripped logical line, why; these are not Python at all)
    (re.compile(r"^%"), "an IPython magic"),
    (re.compile(r"^!"), "a shell command"),
    (re.compile(rf"^{_NAMES}\s*=\s*[!%]"), "a shell command or magic"),
    (re.compile(r"^\?{1,2}[A-Za-z_][\w.]*\s*$|^[A-Za-z_][\w.]*\?{1,2}\s*$"), "an IPython help request"),
]
_IPYTHON_TOP = [  # (pattern at column 0, why; Python, but only meaningful in a notebook)
    (re.compile(r"^(?:from\s+IPython[\w.]*\s+import\b|import\s+IPython\b)"), "an IPython import"),
    (re.compile(r"^display\s*\("), "display(), which only a notebook has"),
    (re.compile(r"^get_ipython\s*\("), "get_ipython(), which only a notebook has"),
    (re.compile(r"^(?:from\s+grader\b|import\s+grader\b)"), "the notebook's checker"),
    (re.compile(r"^grader\s*\.\s*check\w*\s*\(|^grader\s*=\s*Checker\s*\("), "the notebook's check"),
]
_CHECK_WHYS = {"the notebook's checker", "the notebook's check"}


def _scan(line: str, quote: str | None, depth: int) -> tuple[str | None, int, bool]:
    """Follow strings, brackets and comments through one physical line of Python.

    Returns the open triple quote (or None), the bracket depth and whether a
    backslash continues the line. Approximate by design: it only has to know
    where logical lines start.
    """
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if quote:
            if c == "\\":
                i += 2
            elif line.startswith(quote, i):
                i += len(quote)
                quote = None
            else:
                i += 1
            continue
        if c == "#":
            return None, depth, False
        if c in "'\"":
            quote = line[i:i + 3] if line[i:i + 3] in ('"""', "'''") else c
            i += len(quote)
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth = max(0, depth - 1)
        i += 1
    continued = line.endswith("\\")
    if quote in ("'", '"'):  # a one-line string left open: a syntax error, or continued by a backslash
        return (quote if continued else None), depth, False
    return quote, depth, continued and quote is None


def _ipython_only(line: str) -> tuple[str | None, bool]:
    """Why the logical line starting at ``line`` is IPython-only (or None), and whether it is Python."""
    stripped = line.strip()
    for pattern, why in _IPYTHON_ANYWHERE:
        if pattern.search(stripped):
            return why, False
    if line[:1] not in (" ", "\t"):
        for pattern, why in _IPYTHON_TOP:
            if pattern.search(line):
                return why, True
    return None, False


def clean(source: str) -> tuple[str, list[tuple[int, str, str]], str | None]:
    """The Python of one code cell: IPython-only lines left out, line numbers kept.

    Returns the code, the left-out lines as ``(line number, text, why)``, and the
    cell magic when the whole cell is left out (``%%bash``, say). A left-out line
    becomes ``pass`` at its indentation (its continuation lines become blank), so
    a block keeps a body and every other line keeps its number.
    """
    lines = source.split("\n")
    dropped: list[tuple[int, str, str]] = []
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].lstrip().startswith("%%"):
        magic = lines[first].split()[0]
        if magic[2:] not in PYTHON_CELL_MAGICS:
            return "", [(first + 1, lines[first].strip(), "a cell magic whose body is not Python")], magic
        dropped.append((first + 1, lines[first].strip(), "an IPython cell magic"))
        lines[first] = ""
    out: list[str] = []
    quote, depth, continued = None, 0, False
    dropping = False  # inside a left-out logical line that is Python (its brackets are followed)
    magic_goes_on = False  # a left-out magic or shell line continued by a backslash
    for number, line in enumerate(lines, 1):
        if magic_goes_on:
            out.append("")
            magic_goes_on = line.endswith("\\")
            continue
        if quote is None and depth == 0 and not continued:
            why, is_python = _ipython_only(line)
            dropping = bool(why)
            if why:
                indent = line[:len(line) - len(line.lstrip())]
                out.append(f"{indent}pass")
                dropped.append((number, line.strip(), why))
                if is_python:
                    quote, depth, continued = _scan(line, None, 0)
                else:  # not Python: its quotes mean nothing
                    magic_goes_on = line.endswith("\\")
                continue
        elif dropping:
            out.append("")
            quote, depth, continued = _scan(line, quote, depth)
            continue
        out.append(line)
        quote, depth, continued = _scan(line, quote, depth)
    return "\n".join(out), dropped, None
