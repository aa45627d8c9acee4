"""A notebook's code cell read two ways, line for line (``rewrite``): as plain Python with the
IPython-only lines (magics, shell escapes, ``display``, the check) left out and noted (``clean``),
and as the Python that runs when the cell is graded, IPython's lines turned into calls to
``get_ipython()`` as Jupyter turns them (``runtime`` answers them); and the scan of quotes and
brackets that finds where top-level statements begin."""
from __future__ import annotations

import re
from typing import NamedTuple

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


class Rewritten(NamedTuple):
    """One code cell read two ways, line for line (``rewrite``)."""
    code: str  # the Python of the cell, IPython-only lines left out (``clean``)
    runnable: str  # what runs when the cell is graded (``runtime``): the same lines, IPython's as Python
    dropped: list  # (line number, text, why) of the lines left out of ``code``
    inert: list  # those of ``dropped`` that do nothing when graded (shell commands, most magics, the check)
    magic: str | None  # the cell magic when the whole cell is not Python (``%%bash``, ``%%writefile``)


def clean(source: str) -> tuple[str, list[tuple[int, str, str]], str | None]:
    """The Python of one code cell: IPython-only lines left out, line numbers kept.

    Returns the code, the left-out lines as ``(line number, text, why)``, and the
    cell magic when the whole cell is left out (``%%bash``, say). A left-out line
    becomes ``pass`` at its indentation (its continuation lines become blank), so
    a block keeps a body and every other line keeps its number.
    """
    cell = rewrite(source)
    return cell.code, cell.dropped, cell.magic


def _call(text: str) -> str:
    """The Python Jupyter runs for an IPython-only logical line ``text`` (stripped, not Python)."""
    target = ""
    assigned = re.match(rf"^({_NAMES})\s*=\s*(?=[!%])", text)
    if assigned:
        target, text = f"{assigned[1]} = ", text[assigned.end():]
    if text.startswith("!"):
        command = text.lstrip("!")
        how = "getoutput" if target or text.startswith("!!") else "system"
        return f"{target}get_ipython().{how}({command!r})"
    if text.startswith("%"):
        name, _, rest = text[1:].strip().partition(" ")
        return f"{target}get_ipython().run_line_magic({name!r}, {rest.strip()!r})"
    return "pass"  # a help request


def _runs(text: str) -> bool:
    """Whether the IPython-only line ``text`` does something when graded: ``%time`` and ``%timeit``
    run their statement (``runtime.Shell``); every other magic and shell command does nothing."""
    assigned = re.match(rf"^{_NAMES}\s*=\s*(?=[!%])", text)
    text = text[assigned.end():] if assigned else text
    return bool(re.match(r"^%(?:time|timeit)(?:\s|$)", text))


def rewrite(source: str) -> Rewritten:
    """One code cell as ``clean``'s Python and, line for line, as the Python that runs when graded:
    a magic or shell line becomes a call to ``get_ipython()`` (``%time x = f()`` runs ``x = f()``,
    ``files = !ls`` gives an empty list), IPython's Python lines (``display(...)``, ``from IPython...``)
    are kept, and a cell magic becomes one ``run_cell_magic`` call; the check is left out of both."""
    lines = source.split("\n")
    dropped: list[tuple[int, str, str]] = []
    inert: list[tuple[int, str, str]] = []
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].lstrip().startswith("%%"):
        magic, _, args = lines[first].strip().partition(" ")
        if magic[2:] not in PYTHON_CELL_MAGICS:
            why = (first + 1, lines[first].strip(), "a cell magic whose body is not Python")
            body = "\n".join(lines[first + 1:])
            run = [""] * len(lines)
            run[first] = f"get_ipython().run_cell_magic({magic[2:]!r}, {args.strip()!r}, {body!r})"
            return Rewritten("", "\n".join(run), [why], [] if magic == "%%writefile" else [why], magic)
        dropped.append((first + 1, lines[first].strip(), "an IPython cell magic"))
        lines[first] = ""
    out: list[str] = []
    run: list[str] = []
    quote, depth, continued = None, 0, False
    dropping = False  # inside a left-out logical line that is Python (its brackets are followed)
    kept = False  # ... and that runs as it is (IPython's Python, not the check)
    magic_goes_on = False  # a left-out magic or shell line continued by a backslash
    for number, line in enumerate(lines, 1):
        if magic_goes_on:
            out.append("")
            run.append("")
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
                    kept = why not in _CHECK_WHYS
                    run.append(line if kept else f"{indent}pass")
                    if not kept:
                        inert.append(dropped[-1])
                    quote, depth, continued = _scan(line, None, 0)
                else:  # not Python: its quotes mean nothing
                    logical, at = line.strip(), number
                    while logical.endswith("\\") and at < len(lines):
                        logical, at = logical[:-1].rstrip() + " " + lines[at].strip(), at + 1
                    run.append(indent + _call(logical))
                    if not _runs(logical):
                        inert.append(dropped[-1])
                    magic_goes_on = line.endswith("\\")
                continue
        elif dropping:
            out.append("")
            run.append(line if kept else "")
            quote, depth, continued = _scan(line, quote, depth)
            continue
        out.append(line)
        run.append(line)
        quote, depth, continued = _scan(line, quote, depth)
    return Rewritten("\n".join(out), "\n".join(run), dropped, inert, None)
