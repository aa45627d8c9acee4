"""Whose numbers a sheet holds: the other students' of the run (a step copied from them earns nothing,
and neither does what follows from it), an input the student copied wrong (their own slip), or
another student's inputs altogether."""
from __future__ import annotations

import numpy as np

from .answers import Answers
from .judging import _answer, _within
from .steps import Worksheet


MIN_COPIED_NUMBERS = 3  # numbers that must equal one other student's before a step counts as copied


class Others:
    """The other students' numbers of one run, for steps copied from them: by step, each one's true
    values (drawn from their name) and the values written on their sheet."""

    def __init__(self, sheet: Worksheet):
        self.sheet = sheet
        self.owners: dict[str, list[str]] = {}  # step or input -> whose rows
        self.rows: dict[str, list[np.ndarray]] = {}

    def add(self, who: str, values: dict) -> None:
        for name, value in values.items():
            value = np.asarray(value, dtype=float)
            if value.size and np.all(np.isfinite(value)):
                self.owners.setdefault(name, []).append(who)
                self.rows.setdefault(name, []).append(value.ravel())

    def matches(self, name: str, value, me: str) -> set[str]:
        """Whose values of ``name`` equal ``value``, to the sheet's rounding (never ``me``)."""
        rows = [r for r in self.rows.get(name, ()) if r.size == np.size(value)]
        if not rows:
            return set()
        owners = [o for o, r in zip(self.owners[name], self.rows[name]) if r.size == np.size(value)]
        table = np.vstack(rows)
        close = np.all(np.abs(table - np.ravel(value)) <= 1.5 * self.sheet.tolerance(table), axis=1)
        return {o for o, hit in zip(owners, close) if hit and o != me}

    def copied(self, me: str, answers: Answers, truth: dict, sheet: Worksheet) -> dict[str, str]:
        """The steps of ``me``'s sheet that are another student's numbers and not ``me``'s own (step ->
        that student), when at least MIN_COPIED_NUMBERS of the sheet's numbers equal that student's."""
        found: dict[str, set] = {}
        for step in sheet.steps:
            got, _ = _answer(answers, step.name, truth[step.name].shape, note=False)
            if got is None or _within(got, truth[step.name], sheet):
                continue
            found[step.name] = self.matches(step.name, got, me)
        numbers: dict[str, int] = {}
        for name, whose in found.items():
            for who in whose:
                numbers[who] = numbers.get(who, 0) + truth[name].size
        sources = {who for who, n in numbers.items() if n >= MIN_COPIED_NUMBERS}
        return {name: sorted(whose & sources)[0] for name, whose in found.items() if whose & sources}


def _changed_inputs(sheet: Worksheet, answers: Answers, inputs: dict) -> list[str]:
    """The inputs the sheet writes other than the student's own numbers."""
    return [k for k in sheet.inputs if k in answers.values
            and not (answers.values[k].size == inputs[k].size
                     and np.allclose(answers.values[k].reshape(inputs[k].shape), inputs[k], rtol=1e-9, atol=1e-12))]


MAX_SLIPPED_INPUTS = 2  # input numbers a student may copy wrong and still be working their own numbers


def inputs_written(sheet: Worksheet, answers: Answers, inputs: dict, others: "Others | None" = None,
                   me: str = "") -> str:
    """Whose numbers the sheet's inputs are: ``own`` (as drawn for the student), ``slip`` (theirs with
    one or two numbers copied wrong) or ``someone else`` (another student's, or mostly not theirs)."""
    changed = _changed_inputs(sheet, answers, inputs)
    if not changed:
        return "own"
    written = {k: answers.values[k] for k in sheet.inputs if k in answers.values}
    if others and all(others.matches(k, v, me) for k, v in written.items()) and \
            set.intersection(*(others.matches(k, v, me) for k, v in written.items())):
        return "someone else"
    differ = sum(int(np.sum(~np.isclose(np.ravel(answers.values[k]), np.ravel(inputs[k]), rtol=1e-9, atol=1e-12)))
                 if answers.values[k].size == inputs[k].size else inputs[k].size for k in changed)
    total = sum(int(np.size(inputs[k])) for k in written)
    return "slip" if differ <= MAX_SLIPPED_INPUTS and differ * 4 <= total else "someone else"
