"""A student's own worksheet: ``answers.md`` (a Markdown sheet whose table they fill in) and
``<assignment>.ipynb`` (the same sheet as a notebook, one answer cell per step).

``python -m grader worksheet NAME --student alice`` writes them for one student,
``--all --roster FILE`` for every student of a roster (a CSV with a column
``student``, ``id``, ``name``, ``login`` or ``email``, or one name per line).
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import numpy as np

from ..assignment import Assignment, ConfigError
from .steps import Worksheet, load, personal_inputs

ROSTER_COLUMNS = ("student", "id", "name", "login", "email")


def number_text(value) -> str:
    """An input as given: the shortest text that reads back as the same number."""
    v = np.asarray(value, dtype=float)
    if v.ndim == 0:
        return repr(float(v)).removesuffix(".0") if float(v).is_integer() else repr(float(v))
    return "[" + ", ".join(number_text(x) for x in v) + "]"


def input_text(value) -> str:
    """An input as the sheet shows it: a number, a row, or a matrix's rows separated by ``;``."""
    v = np.asarray(value)
    return "; ".join(number_text(r) for r in v) if v.ndim == 2 else number_text(v)


def markdown(sheet: Worksheet, student: str, inputs: dict, values: dict | None = None) -> str:
    """The sheet for ``student``: their numbers, then a table with a line per step to fill in.
    ``values`` (step -> text) fills the answer column, for examples."""
    lines = [f"# Your worksheet: {sheet.title}", "", f"Student: {student}", "",
             "Work each step by hand from your numbers and your own earlier steps. Write every "
             f"number to **{sheet.figures} significant figures**; a vector as `[a, b, c]`, a matrix as "
             "its rows separated by `;` (`[a, b, c]; [d, e, f]`). Use a decimal point, not a comma. "
             "Leave this file's layout as it is and hand it in as `answers.md`.", "",
             "## Your numbers (do not change them)", "", "| input | value |", "|---|---|"]
    lines += [f"| {k} | {input_text(inputs[k])} |" for k in sheet.inputs]
    lines += ["", "## Your answers", "", "| step | what it is | your answer |", "|---|---|---|"]
    for s in sheet.steps:
        answer = (values or {}).get(s.name, "")
        lines.append(f"| {s.name} | {s.asks.split(': ', 1)[-1].replace('|', '/')} | {answer} |")
    return "\n".join(lines) + "\n"


def notebook(sheet: Worksheet, student: str, inputs: dict) -> dict:
    """The sheet as an nbformat 4.5 notebook: a markdown cell per step and a raw answer cell under it;
    every cell has the ``id`` 4.5 requires (``intro``, ``numbers``, ``<step>-asks``, ``<step>-answer``)."""
    def md(text, cell_id):
        return {"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": text}
    cells = [md(f"# Your worksheet: {sheet.title}\n\nStudent: {student}\n\nWrite each answer in the raw cell "
                f"under its step, to {sheet.figures} significant figures (a vector `[a, b, c]`, a matrix's rows "
                "separated by `;`). Save the notebook and hand it in.", "intro")]
    cells.append(md("## Your numbers\n\n" + "\n".join(f"- `{k} = {input_text(inputs[k])}`" for k in sheet.inputs),
                    "numbers"))
    for s in sheet.steps:
        cells.append(md(f"**{s.name}**: {s.asks.split(': ', 1)[-1]}", _cell_id(f"{s.name}-asks")))
        cells.append({"cell_type": "raw", "id": _cell_id(f"{s.name}-answer"), "metadata": {"worksheet": {"step": s.name}},
                      "source": ""})
    return {"nbformat": 4, "nbformat_minor": 5, "cells": cells,
            "metadata": {"worksheet": {"assignment": sheet.name, "student": student}}}


def _cell_id(text: str) -> str:
    """A cell id nbformat 4.5 accepts: letters, digits, ``-`` and ``_``, 1 to 64 of them."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)[:64] or "cell"


def write(assignment: Assignment, student: str, out: Path, *, seed: str = "") -> list[Path]:
    """Write ``student``'s sheet into ``out/<student>/``; return the files written."""
    sheet = load(assignment)
    inputs = personal_inputs(sheet, student, seed)
    folder = Path(out) / student
    folder.mkdir(parents=True, exist_ok=True)
    md_file, nb_file = folder / "answers.md", folder / f"{assignment.name}.ipynb"
    md_file.write_text(markdown(sheet, student, inputs), encoding="utf-8")
    nb_file.write_text(json.dumps(notebook(sheet, student, inputs), indent=1, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    return [md_file, nb_file]


def roster_names(file: Path) -> list[str]:
    """The students of a roster file; ConfigError naming the file when it has none."""
    file = Path(file)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise ConfigError(f"{file}: could not be read ({e.strerror or e})") from None
    rows = list(csv.reader(text.splitlines()))
    header = [c.strip().lower() for c in rows[0]] if rows else []
    column = next((header.index(c) for c in ROSTER_COLUMNS if c in header), None)
    body = rows[1:] if column is not None else rows
    names = [r[column if column is not None else 0].strip() for r in body if r and any(c.strip() for c in r)]
    bad = [n for n in names if not n or "/" in n or n.startswith(".")]
    if bad or not names:
        raise ConfigError(f"{file}: " + (f"{bad[0]!r} cannot name a student's folder" if bad else "no students in it"))
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise ConfigError(f"{file}: {twice[0]} is listed twice")
    return names


def answer_text(value, figures: int) -> str:
    """A value written as a student writes it on the sheet, to ``figures`` significant figures."""
    v = np.asarray(value, dtype=float)
    if v.ndim == 0:
        return f"{float(v):.{figures}g}"
    if v.ndim == 1:
        return "[" + ", ".join(f"{x:.{figures}g}" for x in v) + "]"
    return "; ".join(answer_text(r, figures) for r in v)
