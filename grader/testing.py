"""What graded tests use to compare numbers and to explain a failure to a student."""
from __future__ import annotations

import numpy as np

from . import diagnose
from .diagnose import mistake, timed as diagnosing  # noqa: F401 - for tests: a computed mistake's sentence; its cost
from .sandbox.proxy import StudentError
from .sandbox.wire import Handle

TINY = 1e-300


def show(value, precision: int = 6) -> str:
    """A short, one-line rendering of a number or an array."""
    if isinstance(value, Handle):
        return repr(value)
    try:
        arr = np.asarray(value)
    except Exception:  # noqa: BLE001 - anything a student may return
        return f"<{type(value).__name__}>"
    if arr.dtype.kind in "biufc":
        text = np.array2string(arr, precision=precision, threshold=12, edgeitems=3,
                               max_line_width=10**6, separator=", ")
        return " ".join(text.split())
    text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _as_numbers(got, name: str, expected_shape, expected=None) -> np.ndarray:
    if got is None:
        raise AssertionError(f"{name} returned None: is a `return` missing?")
    if isinstance(got, Handle):
        raise AssertionError(f"{name} returned {got!r}, not numbers")
    if isinstance(got, dict):
        raise AssertionError(f"{name} returned a dict, not numbers")
    try:
        arr = np.asarray(got)
    except Exception:  # noqa: BLE001 - ragged lists and the like
        raise AssertionError(f"{name} returned {show(got)}, which is not an array of numbers") from None
    if arr.dtype.kind not in "biuf":
        what = "text" if arr.dtype.kind in "US" else f"values of type {arr.dtype}"
        raise AssertionError(f"{name} returned {what} ({show(got)}), not real numbers")
    arr = arr.astype(float)
    if arr.shape != tuple(expected_shape):
        if expected_shape == () and arr.size == 1:
            return arr.reshape(())
        raise AssertionError(f"{name} has shape {arr.shape} but should have shape {tuple(expected_shape)}"
                             + _cause(arr, expected, name, None))
    return arr


def _cause(got, expected, name: str, inputs, batch: int | None = None) -> str:
    """``\n  Likely cause: ...`` when the catalog names one, ``\n  Observed: ...`` when only a relation
    holds, else nothing (never a guess)."""
    if expected is None:
        return ""
    line = diagnose.cause_line(got, expected, name=name, inputs=inputs, batch=batch)
    return f"\n  {line}" if line else ""


def rel_error(a, b) -> float:
    """max|a - b| / max(max(|a| + |b|), tiny): one ratio for the whole array, 0 when identical.

    Taking the largest difference over the largest magnitude (rather than the
    largest entry-by-entry ratio) keeps a tiny gradient entry from failing a
    finite-difference check on rounding noise alone.
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b)) / max(float(np.max(np.abs(a) + np.abs(b))), TINY))


def assert_close(got, expected, *, name: str, rtol: float = 1e-7, atol: float = 1e-12, inputs=None,
                 mistakes=None, batch: int | None = None) -> None:
    """Fail with a student-readable message unless ``got`` matches ``expected``.

    Entries match when ``|got - expected| <= atol + rtol * |expected|``, and
    NaN or infinity match only themselves. ``inputs`` (name -> value) are
    shown in the message so the student can reproduce the case. ``mistakes``
    (sentence -> what that mistake returns, computed by the test) name the
    cause when ``got`` is exactly one of them; else the diagnosis may. ``batch``: the number of
    examples behind the value, where ``inputs`` do not show it (a factor N is named only then).
    """
    expected = np.asarray(expected, dtype=float)
    arr = _as_numbers(got, name, expected.shape, expected)
    same_special = (np.isnan(arr) & np.isnan(expected)) | (np.isinf(arr) & (arr == expected))
    err = np.abs(arr - expected)
    bad = ~same_special & ~(err <= atol + rtol * np.abs(expected))
    if not bad.any():
        return
    where = np.argwhere(bad)
    first = tuple(int(i) for i in where[0]) if expected.ndim else ()
    g, e = arr[first], expected[first]
    if not np.isfinite(g):
        detail = f"got {g} where {e:.10g} was expected"
    else:
        off = abs(g - e)
        error = (f"relative error |got - expected| / |expected| = {off / abs(e):.1e}" if e != 0
                 else f"absolute error {off:.1e}")
        detail = f"expected {e:.10g}, got {g:.10g} ({error}; tolerance {rtol:g} relative, {atol:g} absolute)"
    at = f" at index {first}" if expected.ndim else ""
    count = f" at {bad.sum()} of {bad.size} entries" if expected.size > 1 else ""
    lines = [f"{name} is wrong{count}; first{at}: {detail}"]
    if expected.size > 1:
        lines.append(f"  expected: {show(expected)}")
        lines.append(f"  got:      {show(arr)}")
    if inputs:
        lines.append("  inputs: " + "; ".join(f"{k} = {show(v)}" for k, v in inputs.items()))
    known = _known(arr, mistakes, atol=atol)
    cause = f"\n  Likely cause: {known}" if known else _cause(arr, expected, name, inputs, batch)
    raise AssertionError("\n".join(lines) + cause)


def _known(arr: np.ndarray, mistakes, *, atol: float) -> str | None:
    """The sentence of the first of ``mistakes`` ({sentence: what it returns}) that ``arr`` is."""
    return next((why for why, wrong in (mistakes or {}).items()
                 if np.shape(wrong) == arr.shape
                 and np.allclose(arr, wrong, rtol=1e-6, atol=atol, equal_nan=True)), None)


def overflow_confirmed(sentence, wrong) -> dict:
    """``mistakes`` for ``assert_close`` naming an overflow only where it is confirmed: ``wrong`` (what
    the form that overflows returns, computed by the test) has a nan or an inf, and the catalog has
    the sentence (``sentence()``, a ``mistake(...)`` call: the grader loads the catalog)."""
    if np.all(np.isfinite(wrong)):
        return {}
    try:
        return {sentence(): wrong}
    except LookupError:
        return {}


def numerical_gradient(f, x, eps: float = 1e-6) -> np.ndarray:
    """Central differences of the scalar function ``f`` at the array ``x``; same shape as ``x``."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + eps
        up = float(f(x.copy()))
        x[i] = old - eps
        down = float(f(x.copy()))
        x[i] = old
        grad[i] = (up - down) / (2 * eps)
    return grad


def assert_gradient(analytic, numeric, *, name: str, threshold: float = 1e-6, inputs=None) -> None:
    """A finite-difference check: fail when rel_error(analytic, numeric) exceeds ``threshold``."""
    numeric = np.asarray(numeric, dtype=float)
    arr = _as_numbers(analytic, name, numeric.shape, numeric)
    if not np.all(np.isfinite(arr)):
        raise AssertionError(f"{name} contains NaN or infinity: {show(arr)}")
    err = rel_error(arr, numeric)
    if err <= threshold:
        return
    diff = np.abs(arr - numeric)
    worst = tuple(int(i) for i in np.unravel_index(int(np.argmax(diff)), diff.shape)) if diff.ndim else ()
    lines = [f"{name} disagrees with finite differences: relative error {err:.1e} (max|yours - numerical| "
             "/ max(|yours| + |numerical|)) "
             f"(threshold {threshold:g}); worst at index {worst}: yours {arr[worst]:.8g}, "
             f"numerical {numeric[worst]:.8g}",
             f"  yours:     {show(arr)}", f"  numerical: {show(numeric)}"]
    if inputs:
        lines.append("  inputs: " + "; ".join(f"{k} = {show(v)}" for k, v in inputs.items()))
    raise AssertionError("\n".join(lines) + _cause(arr, numeric, name, inputs))


def assert_function_right(got, expected, *, function: str, gradient: str, name: str | None = None,
                          rtol: float = 1e-7, atol: float = 1e-12, inputs=None) -> None:
    """The first step of every finite-difference test: the function it differentiates must be right.

    Agreeing with finite differences of a wrong function (zeros, say) proves
    nothing, so a finite-difference test first compares the student's
    ``function`` (``got``, on the check's inputs) with the reference's
    (``expected``) as assert_close does, and on a mismatch fails saying that
    the check of ``gradient`` earns nothing, and why.
    """
    try:
        assert_close(got, expected, name=name or function, rtol=rtol, atol=atol, inputs=inputs)
    except AssertionError as e:
        raise AssertionError(f"your {function} itself is wrong on these inputs, so the finite-difference "
                             f"check of {gradient} earns nothing:\n{e}") from None


def checked_function(f, reference_f, *, function: str, gradient: str, arg_names, rtol: float = 1e-7,
                     atol: float = 1e-12):
    """The student's ``f``, each call compared with ``reference_f`` on the same arguments first.

    Finite differences of the returned function are differences of a function
    that is right at every point they evaluate it: a call whose result differs
    from the reference's fails as assert_function_right does.
    """
    def call(*args):
        got = f(*args)
        assert_function_right(got, reference_f(*args), function=function, gradient=gradient,
                              name=f"{function}({', '.join(arg_names)})", rtol=rtol, atol=atol,
                              inputs=dict(zip(arg_names, args)))
        return got
    return call


def check_all(credit, checks) -> None:
    """Run ``(label, thunk)`` checks; earn the share that passed; fail with the others' messages."""
    checks = list(checks)
    failures = []
    for label, thunk in checks:
        try:
            thunk()
        except (AssertionError, StudentError) as e:
            text = str(e).split("\nassert ")[0].strip() or "an assertion of the test failed"  # no pytest rewrite
            failures.append(f"{label}: {text}" if label else text)
    if checks:
        credit.set((len(checks) - len(failures)) / len(checks))
    if failures:
        shown = "\n".join(f"- {f}" for f in failures[:3])
        more = f"\n(and {len(failures) - 3} more)" if len(failures) > 3 else ""
        raise AssertionError(f"{len(failures)} of {len(checks)} checks failed:\n{shown}{more}")


def assert_no_warnings(submission, name: str) -> None:
    """Fail when the student's last call raised warnings (an overflow in exp, say)."""
    if submission.last_warnings:
        shown = "; ".join(submission.last_warnings[:3])
        raise AssertionError(f"{name} raised warnings: {shown}")


def parts(result, call: str, names=2) -> tuple:
    """The parts of the tuple a student's function returned, or a failure saying what came back.

    ``names``: how many parts (2: "a pair"), or their names (``("out", "cache")``), which
    the message then shows: ``affine_forward must return (out, cache); it returned ndarray``.
    """
    count = names if isinstance(names, int) else len(names)
    if isinstance(result, (tuple, list)) and len(result) == count:
        return tuple(result)
    what = type(result).__name__ + (f" of length {len(result)}" if isinstance(result, (tuple, list)) else "")
    wanted = ({2: "a pair", 3: "a triple"}.get(count, f"{count} values") if isinstance(names, int)
              else f"({', '.join(names)})")
    raise AssertionError(f"{call} must return {wanted}; it returned {what}")


def first_departure(steps, batch: int | None = None) -> str | None:
    """Where a chain of computations first goes wrong: ``"<label> is the first wrong step: <why>"``.

    ``steps``: (label, compute, expected) or (label, compute, expected, mistakes) in the
    order the values flow (forward, then backward from the loss); ``compute()`` runs one of
    the student's functions on the reference's inputs to that step; ``mistakes`` as in
    ``assert_close``; ``batch`` the number of examples. None when every step is right on its own.
    """
    with diagnose.timed():
        return _first_departure(steps, batch)


def _first_departure(steps, batch: int | None) -> str | None:
    for label, compute, expected, *mistakes in steps:
        try:
            got = np.asarray(compute(), dtype=float)
        except Exception as e:  # noqa: BLE001 - the student's step raised: that is where it departs
            return f"{label} is the first wrong step: it raised {type(e).__name__}"
        want = np.asarray(expected, dtype=float)
        if got.shape == want.shape and np.allclose(got, want, rtol=1e-7, atol=1e-12):
            continue
        known = _known(got, mistakes[0] if mistakes else None, atol=1e-12)
        cause = known or diagnose.likely_cause(got, want, name=label, batch=batch)
        return f"{label} is the first wrong step" + (f": {cause}" if cause else "")
    return None
