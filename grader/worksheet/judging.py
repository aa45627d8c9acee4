"""Judging a sheet step by step, from the student's own values: each step recomputed from them, compared
with the rounding of what was written carried, error carried forward, a value that was not read stood in
for by the one its dependants follow from. Pure arithmetic, in the grader (see grading.py for the states)."""
from __future__ import annotations

import inspect
from dataclasses import dataclass

import numpy as np

from .. import diagnose
from .answers import Answers
from .steps import Step, Worksheet

RIGHT, ECF, ROUNDED, UNSUPPORTED, WRONG = "right", "ecf", "rounded", "unsupported", "wrong"
COPIED = "copied"  # follows from another student's numbers, not from the student's own
UNANSWERED, UNREADABLE = "unanswered", "unreadable"


@dataclass
class Judgement:
    step: str
    state: str
    got: np.ndarray | None
    follows: np.ndarray  # what the step is from the student's own parents
    cause: str | None = None


def judge(sheet: Worksheet, answers: Answers, inputs: dict, carry: bool = True,
          others: "Others | None" = None, me: str = "", slipped: dict | None = None) -> dict[str, Judgement]:
    """Every step's judgement, in the order of the steps; ``carry``: give credit for error carried
    forward (not when the sheet holds someone else's numbers); ``others``: the other students'
    numbers, for steps that follow from them (copied); ``slipped``: inputs the student copied wrong
    (name -> as written): the first step that uses one is judged from the student's own numbers, the
    later ones from the sheet's, so the slip costs one step."""
    truth = sheet.evaluate(inputs)
    used = {k: np.asarray(v, dtype=float) for k, v in inputs.items()}  # the student's values, as judged
    half = {}  # step -> half a unit in the last figure written, per entry (the rounding it carries)
    copied = others.copied(me, answers, truth, sheet) if others else {}
    tainted = set()  # steps that are another student's numbers, or follow from them
    loose = sheet.figures - 1
    out = {}
    for step in sheet.steps:
        true = truth[step.name]
        follows = step(used)
        got, state = _answer(answers, step.name, true.shape)
        if got is None:
            out[step.name] = Judgement(step.name, state, None, follows)
            used[step.name] = stand_in(sheet, step, answers, used, half, truth)
            half[step.name] = np.zeros(true.shape)
            continue
        parents_right = all(_within(used[p], truth[p], sheet, loose) for p in step.parents)
        slack = _carried(step, used, half)
        figures = _figures(answers, step.name, got, sheet)
        # an entry written with fewer figures than asked is right only when the figures left out are 0s
        exact = np.where(figures < sheet.figures, 0.0, slack)
        on_path, on_truth = _within(got, follows, sheet, slack=exact), _within(got, true, sheet)
        from_copy = any(p in tainted for p in step.parents)
        if parents_right and (on_path or on_truth) and not from_copy:
            state = RIGHT
        elif on_path and from_copy:
            state = COPIED
        elif on_path:
            state = ECF if carry else WRONG
        elif (parents_right or carry) and _within(got, follows, sheet, loose, slack=slack) or (
                parents_right and _within(got, true, sheet, loose)):
            state = COPIED if from_copy else ROUNDED
        elif on_truth:
            state = UNSUPPORTED
        elif step.name in copied:
            state = COPIED
        else:
            state = WRONG
        if state == COPIED:
            tainted.add(step.name)
        cause = None
        if state == WRONG:
            known = [mistake for mistake, wrong in sheet.mistakes.get(step.name, ())
                     if _matches_mistake(got, Step(mistake, _parameters(wrong), wrong, ""), used, half, sheet)]
            rtol = 2 * float(np.max(sheet.tolerance(follows) / np.maximum(np.abs(follows), 1e-300)))
            cause = diagnose.mistake(known[0]) if known else diagnose.likely_cause(got, follows, name=step.name,
                                                                                    rtol=rtol)
        out[step.name] = Judgement(step.name, state, got, follows, cause)
        used[step.name] = got
        for k in step.parents:
            if slipped and k in slipped:   # charged once: from here on, the sheet's own (wrong) input
                used[k] = np.asarray(slipped.pop(k), dtype=float).reshape(np.shape(used[k]))
        half[step.name] = _half_unit(got, _figures(answers, step.name, got, sheet))
    return out


def _figures(answers: Answers, name: str, got, sheet: Worksheet) -> np.ndarray:
    """The significant figures written for each entry of ``name`` (the sheet's own when unknown)."""
    figures = getattr(answers, "figures", {}).get(name)
    if figures is None or np.size(figures) != np.size(got):
        return np.full(np.shape(got), float(sheet.figures))
    return np.asarray(figures, dtype=float).reshape(np.shape(got))


def _half_unit(value, figures) -> np.ndarray:
    """Half a unit in the last significant figure written of each entry: how far the rounding of what
    was written may be from what was carried (0 for an exact form such as 3/4, or a 0)."""
    v = np.abs(np.asarray(value, dtype=float))
    figures = np.asarray(figures, dtype=float)
    exponent = np.floor(np.log10(np.where(v > 0, v, 1.0)))
    with np.errstate(over="ignore"):
        unit = np.where(np.isfinite(figures) & (v > 0), 10.0 ** (exponent - np.where(np.isfinite(figures),
                                                                                       figures, 1) + 1), 0.0)
    return unit / 2


def stand_in(sheet: Worksheet, step: Step, answers: Answers, used: dict, half: dict, truth: dict) -> np.ndarray:
    """The value of a step that was not read (missing, unreadable, given twice differently) that its
    dependants are judged from: of the true value, the readings a TA could take it for, and the values
    fitted to the steps that use it, the one that most of them follow from (the true value on a tie).
    One mistake is never charged twice."""
    true = truth[step.name]
    later = {s.name: s for s in sheet.steps}
    children = []
    for s in sheet.steps:
        if step.name in s.parents and s.name in answers.values:
            got, _ = _answer(answers, s.name, truth[s.name].shape, note=False)
            if got is not None:
                children.append((s, got))
    if not children:
        return true

    def context(u):
        values = {}
        for s, _ in children:
            for p in s.parents:
                if p in used:
                    values[p] = used[p]
                elif p in answers.values and p in later:
                    got, _ = _answer(answers, p, truth[p].shape, note=False)
                    values[p] = got if got is not None else truth[p]
                else:
                    values[p] = truth[p]
        values[step.name] = u
        return values

    def support(u) -> int:
        count = 0
        for s, got in children:
            values = context(u)
            with np.errstate(all="ignore"):
                follows = s(values)
                count += _within(got, follows, sheet, slack=_carried(s, values, half))
        return count

    candidates = [true] + [np.asarray(a, dtype=float).reshape(true.shape)
                           for a in getattr(answers, "alternatives", {}).get(step.name, ())
                           if np.size(a) == true.size]
    for group in [children] + [[c] for c in children] if len(children) > 1 else [children]:
        candidates.append(_fit(true, lambda u, g=group: np.concatenate([
            ((s(context(u)) - got) / sheet.tolerance(got)).ravel() for s, got in g])))
    best, best_support = true, -1
    for u in candidates:
        if not np.all(np.isfinite(u)):
            continue
        n = support(u)
        if n > best_support:
            best, best_support = u, n
    return best


def _fit(start: np.ndarray, residuals, iterations: int = 40) -> np.ndarray:
    """The value near ``start`` that makes ``residuals`` smallest (Levenberg-Marquardt, numerical
    derivatives): a few unknowns, a few equations."""
    shape = np.shape(start)
    u = np.array(start, dtype=float).ravel()

    def cost_of(x):
        with np.errstate(all="ignore"):
            r = residuals(x.reshape(shape))
        return (r, float(r @ r)) if np.all(np.isfinite(r)) else (r, np.inf)

    r, cost = cost_of(u)
    if not np.isfinite(cost):
        return np.asarray(start, dtype=float)
    damping = 1e-3
    for _ in range(iterations):
        if cost < 1e-8:
            break
        h = 1e-7 * np.maximum(np.abs(u), 1e-3)
        jacobian = np.empty((r.size, u.size))
        for i in range(u.size):
            moved = u.copy()
            moved[i] += h[i]
            jacobian[:, i] = (cost_of(moved)[0] - r) / h[i]
        if not np.all(np.isfinite(jacobian)):
            break
        a = jacobian.T @ jacobian
        g = jacobian.T @ r
        step = np.linalg.lstsq(a + damping * np.diag(np.diag(a) + 1e-12), -g, rcond=None)[0]
        trial = u + step
        r_trial, cost_trial = cost_of(trial)
        if cost_trial < cost:
            u, r, cost, damping = trial, r_trial, cost_trial, damping / 3
        else:
            damping *= 4
            if damping > 1e8:
                break
    return u.reshape(shape)


def _matches_mistake(got, mistake: Step, used: dict, half: dict, sheet: Worksheet) -> bool:
    """Whether ``got`` is what ``mistake`` gives from the student's own values (to the rounding)."""
    try:
        wrong = mistake(used)
    except Exception:  # noqa: BLE001 - an author's mistake function that does not apply says nothing
        return False
    return _within(got, wrong, sheet, slack=_carried(mistake, used, half))


def _parameters(function) -> tuple:
    return tuple(inspect.signature(function).parameters)


def _within(got, target, sheet: Worksheet, figures: int | None = None, slack=0.0) -> bool:
    """Whether ``got`` is ``target`` to one unit in its last asked figure (plus ``slack``)."""
    got, target = np.asarray(got, dtype=float), np.asarray(target, dtype=float)
    bound = (sheet.tolerance(target, figures) + slack) * (1 + 1e-9)   # a bound met exactly is met
    return got.shape == target.shape and bool(np.all(np.abs(got - target) <= bound))


def _carried(step, used: dict, half: dict) -> np.ndarray:
    """How far the rounding of the step's written parents (half a unit in the last figure written of
    each entry, ``half``) can move the step: a first-order bound, entry by entry (inputs are exact)."""
    with np.errstate(all="ignore"):
        base = step(used)
        slack = np.zeros_like(base)
        for p in step.parents:
            if p not in half or not np.any(half[p]):
                continue
            for index in np.ndindex(np.shape(used[p])):
                if not half[p][index]:
                    continue
                moved = np.array(used[p], dtype=float, copy=True)
                moved[index] += half[p][index]
                slack = slack + np.abs(step({**used, p: moved}) - base)
    return np.where(np.isfinite(slack), slack, 0.0)


def _answer(answers: Answers, name: str, shape, note: bool = True) -> tuple[np.ndarray | None, str]:
    """The student's value of ``name`` in the step's shape, or None and why (unanswered, unreadable).
    A number may be written in brackets and a row as one row or one column; nothing else is reshaped."""
    if name in answers.unreadable:
        return None, UNREADABLE
    if name not in answers.values:
        return None, UNANSWERED
    got = np.asarray(answers.values[name], dtype=float)
    shape = tuple(shape)
    if got.shape == shape:
        return got, RIGHT
    if got.size == int(np.prod(shape)) and (len(shape) == 0 or (len(shape) == 1 and got.ndim <= 2 and
                                                                 max(got.shape, default=1) == got.size)):
        return got.reshape(shape), RIGHT
    if note:
        why = f"{_shape_words(got.shape)} given, {_shape_words(shape)} asked for"
        if len(shape) == 2 and got.shape == shape[::-1]:
            why += " (rows and columns exchanged: write it one row per row of the step)"
        answers.unreadable[name] = why
    return None, UNREADABLE


def _shape_words(shape) -> str:
    if not shape:
        return "1 number"
    if len(shape) == 1:
        return f"{shape[0]} numbers"
    return f"{shape[0]} rows of {shape[1]}"
