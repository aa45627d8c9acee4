"""A worksheet: a computation worked by hand, step by step, on each student's own numbers.

The author writes ``steps.py`` beside the worksheet's solution: a ``draw(rng)``
that returns the inputs (a dict of numbers and arrays) and one function per
step, whose parameters name the inputs and the earlier steps it is computed
from. That is the graph; the engine knows no worksheet in particular. A step's
docstring is what the sheet asks for. ``STEPS`` (a list of the functions), when
the module has one, gives their order; else they come in the order written.
``MISTAKES`` (optional) maps a step to ``{catalog entry: function}``: what the
step is when that mistake is made, from the same kind of parameters; a wrong
step that equals it is named by the entry of ``misconceptions.yaml``.

Personal numbers are drawn from the student's name (as hidden cases are), again
until no step is degenerate (``degenerate``). Grading is pure arithmetic in the
grader's process (``grader.worksheet_grading``).
"""
from __future__ import annotations

import hashlib
import inspect
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..assignment import Assignment, ConfigError, load_file

STEPS_FILE = "steps.py"
MAX_DRAWS = 200  # draws tried for a student before the worksheet is declared unable to make a sheet
SMALLEST = 1e-3  # a step's entries below this in magnitude are degenerate (a zero gradient, say)
LARGEST = 1e4  # ... and above this, more than a hand calculation should carry


@dataclass(frozen=True)
class Step:
    name: str
    parents: tuple  # names of inputs and earlier steps, in the function's parameter order
    function: object
    asks: str  # what the sheet asks for: the docstring's first paragraph

    def __call__(self, values: dict):
        return np.asarray(self.function(*(values[p] for p in self.parents)), dtype=float)


@dataclass(frozen=True)
class Worksheet:
    name: str
    title: str
    inputs: tuple  # names of the inputs, as draw returns them
    steps: tuple  # of Step, in the order they are computed
    figures: int  # significant figures the sheet asks for
    ecf_credit: float  # share of a step's points when it is right from the student's own wrong values
    rounding_credit: float  # share when it is right only to one figure fewer than asked
    unsupported_credit: float  # share when it is the true value but does not follow from the student's own
    draw: object
    screen: object  # the author's degenerate(values) -> reason or None, or None
    mistakes: dict  # step -> ((catalog entry, function of inputs and steps giving what the mistake gives), ...)
    check_consistency: bool  # whether the student release carries the steps, for make check
    example: dict  # inputs of the public worked example (the handout's), or {}
    file: Path

    def step(self, name: str) -> Step | None:
        return next((s for s in self.steps if s.name == name), None)

    def evaluate(self, inputs: dict, given: dict | None = None) -> dict:
        """Every step's value from ``inputs``; a step in ``given`` keeps that value instead."""
        values = {k: np.asarray(v, dtype=float) for k, v in inputs.items()}
        for s in self.steps:
            values[s.name] = np.asarray(given[s.name], dtype=float) if given and s.name in given else s(values)
        return values

    def tolerance(self, value, figures: int | None = None) -> np.ndarray:
        """One unit in the last asked significant figure of each entry of ``value``."""
        v = np.abs(np.asarray(value, dtype=float))
        exponent = np.floor(np.log10(np.where(v > 0, v, 1.0)))
        return 10.0 ** (exponent - ((figures or self.figures) - 1))


def steps_file(assignment: Assignment) -> Path:
    """Where the steps are: the solution's, or (in a student release) the copy beside the handout."""
    for folder in (assignment.solution_dir, assignment.public_dir):
        if (folder / STEPS_FILE).is_file():
            return folder / STEPS_FILE
    raise ConfigError(f"{assignment.solution_dir / STEPS_FILE}: the worksheet's steps are missing")


def load(assignment: Assignment) -> Worksheet:
    """The worksheet of ``assignment`` (``kind: worksheet``); ConfigError naming the file if malformed."""
    file = steps_file(assignment)
    module = load_file(file, f"_worksheet_{assignment.name}")
    draw = getattr(module, "draw", None)
    screen = getattr(module, "degenerate", None)
    if not callable(draw):
        raise ConfigError(f"{file}: needs draw(rng), returning the inputs as a dict")
    listed = getattr(module, "STEPS", None)
    functions = list(listed) if listed is not None else [
        f for name, f in vars(module).items() if inspect.isfunction(f) and f.__module__ == module.__name__
        and not name.startswith("_") and name not in ("draw", "degenerate")]
    settings = assignment.worksheet
    example = dict(settings.get("example") or {})
    inputs = tuple(draw(np.random.default_rng(0)))
    mistakes = {str(k): tuple((str(n), f) for n, f in dict(v).items())
                for k, v in (getattr(module, "MISTAKES", None) or {}).items()}
    known, steps = set(inputs), []
    for f in functions:
        name = f.__name__
        parents = tuple(inspect.signature(f).parameters)
        unknown = [p for p in parents if p not in known]
        if unknown:
            raise ConfigError(f"{file}: step {name}({', '.join(parents)}) uses {', '.join(unknown)}, neither an "
                              "input that draw returns nor an earlier step")
        if name in known:
            raise ConfigError(f"{file}: step {name} is defined twice, or has an input's name")
        asks = inspect.cleandoc(f.__doc__ or "").split("\n\n")[0].replace("\n", " ").strip()
        steps.append(Step(name, parents, f, asks or name))
        known.add(name)
    for step, named in mistakes.items():
        for entry, f in named:
            unknown = [p for p in inspect.signature(f).parameters if p not in known]
            if step not in known or unknown:
                raise ConfigError(f"{file}: MISTAKES[{step!r}][{entry!r}] uses "
                                  f"{', '.join(unknown) or step}, which the sheet does not have")
    if not steps:
        raise ConfigError(f"{file}: no steps (functions of the inputs and of earlier steps)")
    graded = {s for g in assignment.groups for s in g.steps}
    unknown = sorted(graded - {s.name for s in steps})
    if unknown:
        raise ConfigError(f"{assignment.public_dir / 'assignment.yaml'}: the rubric grades {', '.join(unknown)}, "
                          f"which {file.name} does not compute")
    if example and set(example) != set(inputs):
        raise ConfigError(f"{assignment.public_dir / 'assignment.yaml'}: worksheet.example needs exactly the "
                          f"inputs {', '.join(inputs)}")
    return Worksheet(name=assignment.name, title=assignment.title, inputs=inputs, steps=tuple(steps),
                     figures=int(settings.get("figures", 4)),
                     ecf_credit=float(settings.get("ecf_credit", 1.0)),
                     rounding_credit=float(settings.get("rounding_credit", 0.5)),
                     unsupported_credit=float(settings.get("unsupported_credit", 0.0)),
                     draw=draw, screen=screen if callable(screen) else None, mistakes=mistakes,
                     check_consistency=settings.get("check", "consistency") == "consistency",
                     example=example, file=file)


def student_rng(worksheet: Worksheet, student: str, seed: str = "", attempt: int = 0) -> np.random.Generator:
    text = f"{seed}|{worksheet.name}|{student}|worksheet|{attempt}"
    return np.random.default_rng(int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big"))


def degenerate(worksheet: Worksheet, values: dict) -> str | None:
    """Why a draw makes a poor sheet, or None: a step not finite, an entry near zero (a vanishing
    gradient) or too large to carry by hand, or what the author's ``degenerate(values)`` says
    (a saturated sigmoid, say)."""
    for s in worksheet.steps:
        v = values[s.name]
        if not np.all(np.isfinite(v)):
            return f"{s.name} is not finite"
        a = np.abs(v)
        if np.any(a < SMALLEST) or np.any(a > LARGEST):
            return f"{s.name} has an entry of magnitude {float(a.min() if np.any(a < SMALLEST) else a.max()):.3g}"
    return worksheet.screen(values) if worksheet.screen else None


def personal_inputs(worksheet: Worksheet, student: str, seed: str = "") -> dict:
    """The student's own inputs: the first draw from their name that makes no step degenerate."""
    for attempt in range(MAX_DRAWS):
        inputs = worksheet.draw(student_rng(worksheet, student, seed, attempt))
        if degenerate(worksheet, worksheet.evaluate(inputs)) is None:
            return {k: np.asarray(v, dtype=float) for k, v in inputs.items()}
    raise ConfigError(f"{worksheet.file}: draw(rng) gave no sheet without a degenerate step in {MAX_DRAWS} "
                      f"draws for {student!r}; widen its ranges")
