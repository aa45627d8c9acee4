"""Notebook formats: a submitted notebook's JSON, in any nbformat version that nbformat reads (1 to 4),
brought to version 4 as ``nbformat.read(..., as_version=4)`` brings it, and refused with a reason
when its kernel speaks a language other than Python.

- ``upgraded``: the notebook as an nbformat 4 ``NotebookNode`` (v1, v2 and v3 converted step by step
  by ``nbformat.convert``; a 4.x of any minor version kept as it is), or a ``FormatProblem``.
- ``language``: the language the notebook's metadata names (kernelspec, language_info, a v3
  notebook's ``language``, or its code cells' ``language``), None when it names none.

A notebook is not refused for failing nbformat's schema (``nbformat.read`` only warns of it): what
Jupyter opens is read as it is. Nothing of a notebook is run here.
"""
from __future__ import annotations

import re

from ..text import printable

CURRENT = 4  # the nbformat major version the grader reads cells from
_PYTHON = re.compile(r"i?python[\d.]*|py[\d.]*")  # "python", "python3", "ipython3", "py"
_LANGUAGE_SHOWN = 40  # characters of a language's name, as the notebook writes it, kept in a reason


class FormatProblem(ValueError):
    """Why a notebook's JSON cannot be read as nbformat 4: the words that follow the file's name in
    the row's reason, and the row's status."""

    def __init__(self, words: str, status: str = "error"):
        super().__init__(words)
        self.status = status


def upgraded(text: str):
    """The notebook JSON ``text`` as an nbformat 4 ``NotebookNode``.

    Raises ``nbformat.reader.NotJSONError`` when ``text`` is not JSON, and ``FormatProblem`` when it
    is not a notebook, is of a version nbformat does not read, cannot be upgraded, or is written in
    another language than Python.
    """
    import nbformat
    from nbformat.reader import parse_json

    raw = parse_json(text)
    if not isinstance(raw, dict):
        raise FormatProblem("is not a notebook: its JSON is not an object")
    version, minor = raw.get("nbformat"), raw.get("nbformat_minor", 0)
    if isinstance(version, bool) or not isinstance(version, int):
        raise FormatProblem("is not a notebook: its JSON has no nbformat version number")
    if version > CURRENT:
        raise FormatProblem(f"is in notebook format {version}, newer than the format {CURRENT} this grader "
                            f"reads: save it as a format {CURRENT} notebook (Jupyter's usual format), or "
                            "submit the .py module(s)")
    if version not in nbformat.versions:
        raise FormatProblem(f"is not a notebook: its nbformat version is {version}")
    if version in (2, 3) and "worksheets" not in raw:
        # nbformat refuses it as invalid; it would be a notebook without a cell
        raise FormatProblem(f"has no code: a notebook of format {version} with no worksheets, so no cells",
                            "missing")
    other = language(raw)
    if other is not None and not _PYTHON.fullmatch(re.sub(r"\s+", "", other.lower())):
        shown = printable(other)
        shown = shown if len(shown) <= _LANGUAGE_SHOWN else shown[:_LANGUAGE_SHOWN] + "…"
        raise FormatProblem(f"is a notebook in {shown}, not Python (the language its metadata names): "
                            "this assignment is graded from Python code; write it in a Python 3 notebook, "
                            "or submit the .py module(s)")
    if isinstance(minor, bool) or not isinstance(minor, int):
        minor = 0
    try:
        nb = nbformat.versions[version].to_notebook_json(raw, minor=minor)
        if version != CURRENT:
            nb = nbformat.convert(nb, CURRENT)
    except RecursionError:
        raise FormatProblem("is not a notebook: its JSON is nested too deeply") from None
    except Exception as e:  # noqa: BLE001 - nbformat raises what the malformed JSON makes it raise
        why = " ".join(str(e).split())[:200] or type(e).__name__
        if version == CURRENT:
            raise FormatProblem(f"is not a notebook ({why})") from None
        raise FormatProblem(f"is in notebook format {version} and could not be upgraded to format {CURRENT} "
                            f"({why}): open it in a current Jupyter and save it, or submit the .py "
                            "module(s)") from None
    return nb


def language(raw) -> str | None:
    """The programming language the notebook ``raw`` (its JSON, of any version) names: its
    kernelspec's ``language``, else its ``language_info``'s ``name``, else a v3 notebook's
    ``language``, else the one language its code cells name (v3 and v2 cells carry one).
    None when it names none, or when its code cells name several."""
    meta = raw.get("metadata")
    meta = meta if isinstance(meta, dict) else {}
    for holder, key in ((meta.get("kernelspec"), "language"), (meta.get("language_info"), "name"),
                        (meta, "language")):
        value = holder.get(key) if isinstance(holder, dict) else None
        if isinstance(value, str) and value.strip():
            return value.strip()
    cells = []
    worksheets = raw.get("worksheets")
    for sheet in worksheets if isinstance(worksheets, list) else []:
        if isinstance(sheet, dict) and isinstance(sheet.get("cells"), list):
            cells += sheet["cells"]
    named = {c.get("language").strip() for c in cells if isinstance(c, dict) and c.get("cell_type") == "code"
             and isinstance(c.get("language"), str) and c.get("language").strip()}
    return named.pop() if len(named) == 1 else None
