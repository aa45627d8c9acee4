"""Mistakes confirmed, never guessed: an assignment's library of mistaken computations.

An assignment may keep, beside its reference, ``solutions/<name>/mistakes.py``: each mistake a
function written as a student would write it wrongly, standing in for one (or more) of the
reference's functions, with the sentence a student reads and the handout section to re-read::

    library = Library()

    @library.probe("derivatives.sigmoid_grad")
    def _(m):                       # m.derivatives: the student's module, the reference's, or a mistake's
        return [m.derivatives.sigmoid_grad(x) for x in INPUTS]

    @library.mistake("derivatives.sigmoid_grad", section="1. Sigmoid")
    def sigmoid_grad_at_the_input(x):
        '''sigmoid_grad applies s(1 - s) to the input x itself: ...'''
        return x * (1 - x)

A mistake runs in the grader (trusted code, never the student's), inside a copy of the reference
modules where it replaces the function it names, so the reference's other functions call it as
they would call the student's. Its globals are the reference module's, then the library's.

A function's probe computes what is compared: several inputs (at least three, chosen so the
library's mistakes differ from one another on them). A mistake is named for a student only when
the student's outputs equal the mistake's on every input of the probe while the reference's
differ; when two mistakes both match, both are said as possibilities; more, and nothing is said.
"""
from __future__ import annotations

import re

import types
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

RTOL, ATOL = 1e-6, 1e-9   # equal "as numbers": a student's order of summation may differ
MAX_POSSIBILITIES = 2     # more mistakes than this agreeing with a student: none is named


@dataclass(frozen=True)
class Mistake:
    name: str
    replaces: dict          # "module.function" -> the mistaken function
    says: str               # what the student reads
    section: str = ""       # the handout section to re-read

    def sentence(self) -> str:
        return self.says + (f" (handout: “{self.section}”)" if self.section else "")


@dataclass
class Library:
    """The probes and mistakes of one assignment, in the order they were declared (callees first)."""
    probes: dict = field(default_factory=dict)     # "module.function" -> probe(m) -> outputs
    mistakes: list = field(default_factory=list)   # Mistake, in declaration order
    names: dict = field(default_factory=dict)      # "module.function" -> readable label
    uses: dict = field(default_factory=dict)       # "module.function" -> the functions it calls

    def probe(self, function: str, label: str = "", uses=()):
        """Declare how ``function`` ("module.function") is tried: ``probe(m)`` returns its outputs.
        ``uses``: the functions of the student's it calls (declared before it), where its errors may enter."""
        def register(probe):
            self.probes[function] = probe
            self.names[function] = label or function.split(".")[-1]
            self.uses[function] = tuple(uses)
            return probe
        return register

    def callees(self, function: str) -> set:
        """Every function ``function`` uses, directly or through another."""
        found, todo = set(), list(self.uses.get(function, ()))
        while todo:
            f = todo.pop()
            if f not in found:
                found.add(f)
                todo += self.uses.get(f, ())
        return found

    def mistake(self, function: str, *, section: str = "", also: dict | None = None, name: str = ""):
        """Declare the decorated function a mistaken ``function``; its docstring is what the student
        reads. ``also``: other functions ("module.function" -> mistaken function) the same mistake
        replaces (a cache both sides of a forward/backward pair agree on, say)."""
        def register(wrong):
            says = " ".join((wrong.__doc__ or "").split())
            if not says:
                raise ValueError(f"mistake {wrong.__name__}: its docstring is what the student reads")
            self.mistakes.append(Mistake(name or wrong.__name__, {function: wrong, **(also or {})},
                                         says, section))
            return wrong
        return register

    def of(self, function: str) -> list[Mistake]:
        """The mistakes that replace ``function`` (as the one they are made in, or ``also``)."""
        return [m for m in self.mistakes if function in m.replaces]

    def find(self, name: str) -> Mistake | None:
        return next((m for m in self.mistakes if m.name == name), None)


def load(solution_dir: Path) -> Library | None:
    """The library in ``solution_dir/mistakes.py``, or None when the assignment has none."""
    file = Path(solution_dir) / "mistakes.py"
    if not file.is_file():
        return None
    from .assignment import load_file
    module = load_file(file, f"_mistakes_{Path(solution_dir).name}")
    library = getattr(module, "library", None)
    if not isinstance(library, Library):
        raise ValueError(f"{file}: defines no `library = Library()`")
    return library


def patched(reference: types.SimpleNamespace, mistake: Mistake) -> types.SimpleNamespace:
    """Copies of the reference modules in which ``mistake`` replaces what it names: every function
    of a copy looks names up in the copy, so a reference function calls the mistaken one."""
    copies = {}
    for name, module in vars(reference).items():
        copy = types.ModuleType(module.__name__)
        copy.__dict__.update(module.__dict__)
        copies[name] = copy
    for copy in copies.values():
        for key, value in list(copy.__dict__.items()):
            if isinstance(value, types.FunctionType) and value.__module__ == copy.__name__:
                copy.__dict__[key] = _rebound(value, copy.__dict__)
    for qualified, wrong in mistake.replaces.items():
        module, function = qualified.split(".")
        scope = {**wrong.__globals__, **copies[module].__dict__}
        copies[module].__dict__[function] = _rebound(wrong, scope)
    # A mistake's globals are a snapshot: point them at the patched copies of its module's names.
    return types.SimpleNamespace(**copies)


def _rebound(function: types.FunctionType, scope: dict) -> types.FunctionType:
    new = types.FunctionType(function.__code__, scope, function.__name__, function.__defaults__,
                             function.__closure__)
    new.__kwdefaults__ = function.__kwdefaults__
    new.__doc__ = function.__doc__
    return new


def and_arguments(function, *args):
    """``(function(*args), args as the call left them)`` for a student's function (run in its worker)
    and for the reference's or a mistake's alike: a probe sees a change made in place."""
    if hasattr(function, "and_arguments"):
        return function.and_arguments(*args)
    import copy
    args = copy.deepcopy(args)
    return function(*args), list(args)


class Raised:
    """What a probe "returned" when the code raised: equal only to another raise of the same kind."""

    def __init__(self, exc: BaseException):
        kind = getattr(exc, "kind", None)   # a student's raise comes back as a StudentError with a kind
        if kind is None:
            self.kind = type(exc).__name__
        elif kind == "exception":   # its sentence names the type: "... raised ValueError: ..."
            named = re.search(r"\b([A-Za-z_]\w*(?:Error|Exception))(?::|\s*$)", str(exc))
            self.kind = named.group(1) if named else "exception"
        else:   # not implemented, missing, a value that cannot be sent: no mistake raises these
            self.kind = f"the student's {kind}"

    def __eq__(self, other):
        return isinstance(other, Raised) and self.kind == other.kind

    __hash__ = None

    def __repr__(self):
        return f"raised {self.kind}"


STOPPING = ("timeout", "memory", "crashed", "sandbox")  # a student's call that ends the probe, not one input


class InPlace:
    """An outcome whose call also changed some of its arguments in place: the value returned and the
    positions of the arguments it changed (equal only to the same value with the same changes)."""

    def __init__(self, value, changed: tuple):
        self.value, self.changed = value, tuple(changed)

    def __eq__(self, other):
        return isinstance(other, InPlace) and self.changed == other.changed and same(self.value, other.value)

    __hash__ = None

    def __repr__(self):
        return f"{self.value!r}, changing argument(s) {self.changed}"


def each(inputs, call) -> list:
    """``call(*i)`` for every input tuple ``i``: a probe's outcomes, a raise kept as the outcome of
    that input alone (a missing keepdims raises on one shape only), a call that changed its
    arguments kept as ``InPlace``. A call that ran out of time or memory, crashed or was refused ends
    the whole probe: trying more inputs would only pay it again."""
    out = []
    for i in inputs:
        try:
            got, after = and_arguments(call, *i)
            changed = tuple(k for k, (before, now) in enumerate(zip(i, after)) if not same(before, now))
            out.append(InPlace(got, changed) if changed else got)
        except Exception as e:  # noqa: BLE001 - a raise is an outcome to compare
            if getattr(e, "kind", None) in STOPPING:
                raise
            out.append(Raised(e))
    return out


def _values(outcome):
    """An outcome with every ``InPlace`` replaced by its value: what was returned, changes aside."""
    if isinstance(outcome, InPlace):
        return _values(outcome.value)
    if isinstance(outcome, list):
        return [_values(o) for o in outcome]
    return outcome


def _changes(outcome) -> set:
    """The argument positions an outcome's calls changed in place."""
    if isinstance(outcome, InPlace):
        return set(outcome.changed)
    if isinstance(outcome, list):
        return set().union(*(_changes(o) for o in outcome)) if outcome else set()
    return set()


def outputs(probe, m):
    """``probe(m)``, or Raised when it raised (the student's code, or a mistake, may)."""
    try:
        with np.errstate(all="ignore"):
            return probe(m)
    except Exception as e:  # noqa: BLE001 - a raise is an outcome to compare, not an error here
        return Raised(e)


def same(a, b) -> bool:
    """Whether two probe outcomes are equal as numbers (nan equal to nan), structure and shape alike."""
    if isinstance(a, Raised) or isinstance(b, Raised):
        return isinstance(a, Raised) and isinstance(b, Raised) and a.kind == b.kind
    if isinstance(a, InPlace) or isinstance(b, InPlace):
        return isinstance(a, InPlace) and a == b
    if isinstance(a, dict) or isinstance(b, dict):
        return (isinstance(a, dict) and isinstance(b, dict) and set(a) == set(b)
                and all(same(a[k], b[k]) for k in a))
    if _is_sequence(a) and _is_sequence(b) and not (_numeric(a) and _numeric(b)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    try:
        x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        return False
    if x.shape != y.shape:
        return False
    scale = float(np.nanmax(np.abs(y[np.isfinite(y)]), initial=0.0))
    return bool(np.allclose(x, y, rtol=RTOL, atol=ATOL * max(scale, 1.0), equal_nan=True))


def _is_sequence(v) -> bool:
    return isinstance(v, (list, tuple))


def _numeric(v) -> bool:
    try:
        return np.asarray(v).dtype.kind in "biuf"
    except (TypeError, ValueError):
        return False


@dataclass
class Verdict:
    """What the library says about one function of one student."""
    function: str
    right: bool                          # equal to the reference on every input of its probe
    matches: tuple = ()                  # the mistakes whose outputs the student's equal
    outcome: object = None               # what the student's function gave on the probe
    in_place: str | None = None          # right values, but arguments changed: the sentence that says so

    def cause(self) -> str | None:
        """The sentence a student reads, or None when nothing is confirmed."""
        if not self.right and not self.matches and self.in_place:
            return self.in_place
        if self.right or not self.matches or len(self.matches) > MAX_POSSIBILITIES:
            return None
        if len(self.matches) == 1:
            return self.matches[0].sentence()
        return "one of these (they give the same numbers on every input tried): " + \
            "; or ".join(m.sentence() for m in self.matches)


class Judge:
    """Confirms mistakes for the students of one run: the reference's and each mistake's outputs are
    computed once, the student's once per student and function."""

    def __init__(self, library: Library, reference: types.SimpleNamespace):
        self.library, self.reference = library, reference
        self._expected: dict = {}
        self._wrong: dict = {}
        self._verdicts: dict = {}

    def verdict(self, student: str, submission, function: str) -> Verdict | None:
        """The verdict on ``function`` ("module.function") for ``student``, None without a probe."""
        probe = self.library.probes.get(function)
        if probe is None:
            return None
        key = (student, function)
        if key not in self._verdicts:
            got = outputs(probe, submission)
            if function not in self._expected:
                self._expected[function] = outputs(probe, self.reference)
            right = same(got, self._expected[function])
            matches = () if right else tuple(m for m in self.library.of(function)
                                             if same(got, self._mistaken(m, function, probe)))
            in_place = None
            if not right and not matches and _changes(got) and not _changes(self._expected[function]) \
                    and same(_values(got), self._expected[function]):
                in_place = self._in_place(function, sorted(_changes(got)))
            self._verdicts[key] = Verdict(function, right, matches, got, in_place)
        return self._verdicts[key]

    def _in_place(self, function: str, positions: list) -> str:
        """The sentence for a function that returns the right values but changes its arguments: seen
        on the probe itself (the arguments after the call were compared with those passed)."""
        module, name = function.split(".", 1)
        try:
            import inspect
            parameters = list(inspect.signature(getattr(getattr(self.reference, module), name)).parameters)
        except (AttributeError, TypeError, ValueError):
            parameters = []
        names = [parameters[k] if k < len(parameters) else f"argument {k + 1}" for k in positions]
        section = next((m.section for m in self.library.of(function) if m.section), "")
        says = (f"{name} returns the right values but changes its argument{'s' if len(names) > 1 else ''} "
                f"{' and '.join(names)} in place: the caller's array is not what it passed after the call "
                "(np.asarray does not copy a float array, and x -= ..., x[...] = ... write into it). "
                "Compute into a new array (x - m, np.where, x.copy())")
        return says + (f" (handout: “{section}”)" if section else "")

    def _mistaken(self, mistake: Mistake, function: str, probe):
        key = (mistake.name, function)
        if key not in self._wrong:
            self._wrong[key] = outputs(probe, patched(self.reference, mistake))
        return self._wrong[key]

    def explain(self, student: str, submission, called) -> str | None:
        """The line added under a failed test that called ``called`` ("module.function", in any
        order). The functions no other called one uses are what the test is about (the last declared
        first). A mistake of such a function confirmed on its probe is named; else its callees
        (declared ``uses``, in order) are tried: the first wrong on its own probe is where the error
        enters, and its mistake is named when one is confirmed."""
        order = [f for f in self.library.probes if f in set(called)]
        tops = [f for f in order if not any(f in self.library.callees(g) for g in order)]
        for top in reversed(tops):  # the last declared is the likeliest subject of the test
            mine = self.verdict(student, submission, top)
            callees = [f for f in self.library.probes if f in self.library.callees(top)]
            wrong = [v for v in (self.verdict(student, submission, f) for f in callees) if v and not v.right]
            # A callee's confirmed mistake that, put in the reference, also gives what the student's top
            # gave explains both: it comes before a mistake of the top's own that gives the same numbers.
            # A callee's confirmed mistake also comes first when the top is right on its own: then the
            # test failed on the callee, which it called itself.
            for v in wrong:
                if len(v.matches) == 1 and mine is not None and (mine.right or same(
                        mine.outcome, self._mistaken(v.matches[0], top, self.library.probes[top]))):
                    return f"Likely cause: {v.cause()}"
            if mine is not None and mine.cause():
                return f"Likely cause: {mine.cause()}"
            if wrong:  # where the error enters is confirmed; what it does to the caller is not
                return (f"Where it departs: {self.library.names[wrong[0].function]}, which "
                        f"{self.library.names[top]} is meant to use, is wrong on its own inputs "
                        f"(the kit's): start there")
        return None
