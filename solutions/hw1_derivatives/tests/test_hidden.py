"""Hidden tests of hw1_derivatives.

Every group has tests of the same kinds:

- ``*_random``: the function on random inputs (drawn from the per-student
  ``rng``) of several shapes, compared with the reference under
  ``documented["grading"]``'s rtol/atol;
- ``*_grad_fd``: the student's ``*_grad`` against central differences of the
  student's OWN function (step ``fd_eps``), relative error
  ``max_i |a_i-b_i| / (|a_i|+|b_i|)`` below ``fd_threshold``; the function
  itself must agree with the reference (rtol/atol as above) on the check's
  inputs and at every point the differences evaluate it, else the test earns
  nothing (a function and gradient that are both zero agree with each other);
- one edge-case test (relu at 0, l1 at a == y, hinge on the margin, Huber at
  |r| = delta, softmax with huge and with equal logits, Jacobian rows summing
  to 0, sigmoid/tanh at |x| up to 1e4, cross-entropy with logits up to 1e3).
  An edge case earns its points only when the test's functions are right on an
  ordinary input first (``_ordinary_first``): a constant or all-zeros function
  satisfies many edge cases (a Jacobian whose rows sum to 0, a gradient of 0 on
  the margin) without computing anything.

All weights are 1: a group's hidden points are shared equally among its tests.
The input generators (``*_cases``) guarantee the properties the edge cases and
the grading of typical mistakes rely on, whatever the seed: mixed signs of
a - y, Huber residuals on both sides of delta with delta != 1, hinge margins
away from 1 (and exactly 1 in the margin test), logits of size 1e3.
"""

import numpy as np
import pytest

from grader.mistakes import and_arguments
from grader.testing import assert_close, assert_gradient, assert_no_warnings, checked_function, numerical_gradient

points = pytest.mark.points

SHAPES = [(7,), (3, 4), (2, 3, 2)]   # elementwise activations: any shape
LOSS_SHAPES = [(6,), (3, 4)]         # l2, l1, huber: a and y of any (equal) shape
FD_LOSS_SHAPES = [(6,), (2, 3)]      # the finite-difference checks cost 2 calls per entry


# ---------------------------------------------------------------- helpers

def _close(got, expected, documented, name, inputs):
    tol = documented["grading"]
    assert_close(got, expected, name=name, inputs=inputs, rtol=tol["rtol"], atol=tol["atol"])


def _unchanged(submission, func, *args, names=("x",)):
    """``func(*args)`` of the student, failing when it changed one of its arguments in place (the handout's
    rule: np.asarray does not copy a float array, so x[x < 0] = 0 or z -= m changes the caller's array)."""
    value, after = and_arguments(getattr(submission.derivatives, func), *args)
    for name, before, now in zip(names, args, after):
        if isinstance(before, np.ndarray) and not np.array_equal(np.asarray(now), before, equal_nan=True):
            changed = int(np.sum(np.asarray(now) != before))
            raise AssertionError(f"{func}({', '.join(names)}) changed its argument {name} in place ({changed} of "
                                 f"{before.size} entries): a function must not change the arrays it is given "
                                 f"(np.asarray does not copy a float array; compute a new array instead)")
    return value


def _fd_elementwise(f, x, eps):
    """Central differences of an elementwise f: two calls for the whole array."""
    return (np.asarray(f(x + eps), dtype=float) - np.asarray(f(x - eps), dtype=float)) / (2 * eps)


def _checked(submission, reference, documented, func, arg_names):
    """The student's ``func``, compared with the reference's at every call (finite differences of it)."""
    tol = documented["grading"]
    return checked_function(getattr(submission.derivatives, func), getattr(reference.derivatives, func),
                            function=func, gradient=func + "_grad", arg_names=arg_names,
                            rtol=tol["rtol"], atol=tol["atol"])


def _check_gradient(analytic, numeric, documented, name, inputs):
    assert_gradient(analytic, numeric, name=name, threshold=documented["grading"]["fd_threshold"],
                    inputs=inputs)


# Ordinary inputs (away from every edge case) of each function, checked before its edge cases.
_X = np.array([[-2.5, -0.4, 0.3], [1.2, 2.75, -1.1]])
_R = (np.array([0.5, -1.0, 2.0, 0.3]), np.array([1.0, 0.0, 0.5, -0.9]))
ORDINARY = {
    "sigmoid": [(_X,)], "sigmoid_grad": [(_X,)], "tanh": [(_X,)], "tanh_grad": [(_X,)],
    "relu": [(_X,)], "relu_grad": [(_X,)],
    "softmax": [(np.array([1.0, -0.5, 2.0, 0.25]),), (_X,)],
    "softmax_jacobian": [(np.array([1.0, -0.5, 2.0, 0.25]),)],
    "cross_entropy": [(np.array([1.0, -0.5, 2.0, 0.25]), np.array([0.0, 1.0, 0.0, 0.0]))],
    "cross_entropy_grad": [(np.array([1.0, -0.5, 2.0, 0.25]), np.array([0.0, 1.0, 0.0, 0.0]))],
    "l2_loss": [_R], "l2_loss_grad": [_R], "l1_loss": [_R], "l1_loss_grad": [_R],
    "hinge_loss": [(np.array([0.2, 0.1, -0.3, 0.5]), np.array([1.0, -1.0, 1.0, 1.0])),
                   (np.array([2.0, -1.0, 0.5]), np.array([1.0, -1.0, 1.0]))],
    "hinge_loss_grad": [(np.array([0.2, 0.1, -0.3, 0.5]), np.array([1.0, -1.0, 1.0, 1.0])),
                        (np.array([2.0, -1.0, 0.5]), np.array([1.0, -1.0, 1.0]))],
    "huber_loss": [(*_R, 0.5), (*_R, 2.0)], "huber_loss_grad": [(*_R, 0.5), (*_R, 2.0)],
    "cosine_similarity": [(np.array([1.0, 2.0, -0.5]), np.array([0.5, -1.0, 2.0]))],
    "cosine_similarity_grad": [(np.array([1.0, 2.0, -0.5]), np.array([0.5, -1.0, 2.0]))],
}
ARG_NAMES = {"softmax": ("z",), "softmax_jacobian": ("z",), "cross_entropy": ("z", "y"),
             "cross_entropy_grad": ("z", "y"), "huber_loss": ("a", "y", "delta"),
             "huber_loss_grad": ("a", "y", "delta")}


def _ordinary_first(submission, reference, documented, *funcs):
    """An edge-case test earns its points only when its functions are right on an ordinary input first
    (compared with the reference): a constant or all-zeros function meets many edge cases by chance."""
    for func in funcs:
        names = ARG_NAMES.get(func, ("x",) if len(ORDINARY[func][0]) == 1 else ("a", "y"))
        for args in ORDINARY[func]:
            inputs = dict(zip(names, args))
            _close(getattr(submission.derivatives, func)(*args), getattr(reference.derivatives, func)(*args),
                   documented, f"{func}({', '.join(inputs)}) on an ordinary input, checked first (this edge-case "
                   f"test earns its points only when {func} is right away from the edge case too)", inputs)


def _signs(rng, shape):
    """Random signs with at least one -1 and one +1."""
    s = rng.choice([-1.0, 1.0], size=shape)
    s.flat[0], s.flat[1] = -1.0, 1.0
    return rng.permuted(s.ravel()).reshape(shape)


# ---------------------------------------------------------------- input generators

def elementwise_cases(rng):
    return [rng.normal(0.0, 4.0, s) for s in SHAPES]


def elementwise_fd_cases(rng):
    """Where the derivatives are not tiny (the check's relative error is taken entry by entry)."""
    return [rng.uniform(-3.0, 3.0, s) for s in SHAPES]


def extreme_cases(rng):
    fixed = np.array([-1e4, -1e3, -745.0, -710.0, -40.0, -20.0, 20.0, 40.0, 710.0, 745.0, 1e3, 1e4])
    return [fixed, _signs(rng, (2, 4)) * rng.uniform(50.0, 1e4, (2, 4))]


def relu_fd_cases(rng):
    """Away from the kink at 0."""
    return [_signs(rng, s) * rng.uniform(0.1, 3.0, s) for s in SHAPES]


def relu_zero_cases(rng):
    x2 = rng.normal(0.0, 2.0, (3, 4))
    x2.flat[rng.permutation(12)[:4]] = 0.0
    return [np.array([-2.5, -0.0, 0.0, 1.5, 0.0]), x2]


def softmax_1d_cases(rng):
    return [rng.normal(0.0, 3.0, n) for n in (2, 5, 10)]


def softmax_2d_cases(rng):
    return [rng.normal(0.0, 3.0, s) for s in ((4, 3), (6, 10), (1, 5))]


def softmax_huge_cases(rng):
    z1 = rng.permuted(np.concatenate([[1000.0, -1000.0], rng.uniform(-1000.0, 1000.0, 4)]))
    offsets = np.array([[1000.0], [-1000.0], [700.0], [-750.0]])
    z2 = rng.normal(0.0, 3.0, (4, 5)) + offsets
    return [z1, z2, np.array([1000.0, 1001.0, 1002.0])]


def softmax_equal_cases(rng):
    return [np.zeros(4), np.full(5, rng.uniform(-5.0, 5.0)), np.full(3, 800.0), np.full(6, -1000.0),
            np.array([[0.0] * 5, [900.0] * 5, [-900.0] * 5, [rng.uniform(-5.0, 5.0)] * 5])]


def jacobian_cases(rng, sizes=(2, 4, 7)):
    return [rng.normal(0.0, 2.0, n) for n in sizes]


def one_hot(rng, n):
    y = np.zeros(n)
    y[rng.integers(n)] = 1.0
    return y


def cross_entropy_cases(rng, sizes=(3, 5, 10)):
    return [(rng.normal(0.0, 3.0, n), one_hot(rng, n)) for n in sizes]


def cross_entropy_fd_cases(rng, sizes=(3, 6)):
    """Moderate logits: no probability (a gradient entry) is tiny."""
    return [(rng.uniform(-1.5, 1.5, n), one_hot(rng, n)) for n in sizes]


def cross_entropy_large_cases(rng):
    cases = []
    for target in ("smallest", "largest"):
        z = rng.permuted(np.concatenate([[1000.0, -1000.0], rng.uniform(-1000.0, 1000.0, 3)]))
        y = np.zeros(5)
        y[np.argmin(z) if target == "smallest" else np.argmax(z)] = 1.0
        cases.append((z, y))
    cases.append((np.array([1000.0, 0.0, -1000.0]), np.array([0.0, 0.0, 1.0])))
    return cases


def regression_cases(rng, shapes=LOSS_SHAPES):
    """(a, y) with |a - y| >= 0.1 and both signs of a - y."""
    cases = []
    for s in shapes:
        a = rng.normal(0.0, 2.0, s)
        r = _signs(rng, s) * rng.uniform(0.1, 2.0, s)
        cases.append((a, a - r))
    return cases


def l1_equal_cases(rng):
    cases = []
    for s in LOSS_SHAPES:
        a = rng.normal(0.0, 2.0, s)
        y = a - _signs(rng, s) * rng.uniform(0.1, 2.0, s)
        equal = rng.permutation(a.size)[: max(2, a.size // 3)]
        y.flat[equal] = a.flat[equal]
        cases.append((a, y))
    return cases


def hinge_cases(rng, sizes=(4, 8)):
    """(a, y) with margins y.a on both sides of 1, at least 0.5 away from it."""
    cases = []
    for n in sizes:
        for t in (rng.uniform(-2.0, 0.5), rng.uniform(1.5, 4.0)):
            y = rng.choice([-1.0, 1.0], n)
            a0 = rng.normal(0.0, 1.0, n)
            cases.append((a0 + (t - y @ a0) * y / n, y))
    return cases


def hinge_margin_cases(rng, sizes=(4, 6)):
    """(a, y) with y.a == 1 exactly: a_i = y_i k_i / 8 with integers k summing to 8."""
    cases = []
    for n in sizes:
        y = rng.choice([-1.0, 1.0], n)
        k = rng.integers(-4, 5, n).astype(float)
        k[0] += 8.0 - k.sum()
        cases.append((y * k / 8.0, y))
    return cases


def _huber_residuals(rng, shape, delta):
    """Residuals with at least two entries inside and two outside [-delta, delta], and one between delta
    and sqrt(delta) (0.85 delta for delta > 1, 1.15 delta for delta < 1: a threshold on r^2 instead of |r|
    puts it in the other branch, whatever the seed). The others keep away from +-delta."""
    n = int(np.prod(shape))
    inside = np.concatenate([[True, True, False, False], rng.random(n - 4) < 0.5])
    u = np.where(inside, rng.uniform(0.05, 0.8, n), rng.uniform(1.2, 3.0, n))
    if delta > 1.0:
        u[0] = 0.85       # inside, yet r^2 > delta (delta > 1.39)
    elif delta < 1.0:
        u[2] = 1.15       # outside, yet r^2 < delta (delta < 0.75)
    r = rng.permuted(u) * rng.choice([-1.0, 1.0], n) * delta
    return r.reshape(shape)


def huber_delta(rng):
    """A delta != 1: below 1 or above 1 (0.3-0.7 or 1.5-3: sqrt(delta) is at least 15 % from delta)."""
    return float(rng.uniform(0.3, 0.7) if rng.random() < 0.5 else rng.uniform(1.5, 3.0))


def huber_cases(rng, shapes=LOSS_SHAPES):
    """(a, y, delta) with delta != 1 and residuals on both sides of delta."""
    cases = []
    for s in shapes:
        delta = huber_delta(rng)
        a = rng.normal(0.0, 2.0, s)
        cases.append((a, a - _huber_residuals(rng, s, delta), delta))
    return cases


def huber_default_case(rng):
    a = rng.normal(0.0, 2.0, 6)
    return a, a - _huber_residuals(rng, (6,), 1.0)


def huber_boundary_cases(rng):
    """(a, y, delta) with r = a - y exactly +-delta in some entries, inside elsewhere (dyadic numbers)."""
    cases = []
    for shape in ((5,), (2, 3)):
        delta = float(rng.choice([0.5, 0.75, 1.5, 2.0]))
        n = int(np.prod(shape))
        r = rng.permuted(np.concatenate([[delta, -delta], rng.choice([delta / 2, -delta / 4, 0.0], n - 2)]))
        y = rng.integers(-16, 17, n) / 8.0
        cases.append(((y + r).reshape(shape), y.reshape(shape), delta))
    return cases


def cosine_cases(rng):
    cases = [(rng.normal(0.0, 2.0, n), rng.normal(0.0, 2.0, n)) for n in (3, 8)]
    cases.append((rng.normal(0.0, 2.0, 5), one_hot(rng, 5)))
    return cases


def cosine_fd_cases(rng, reference):
    """Like cosine_cases, redrawn until no entry of the gradient is tiny next to the largest."""
    cases = []
    for a, y in cosine_cases(rng):
        while True:
            g = np.abs(reference.derivatives.cosine_similarity_grad(a, y))
            if g.min() >= 0.05 * g.max():
                break
            a = rng.normal(0.0, 2.0, a.size)
        cases.append((a, y))
    return cases


def cosine_edge_cases(rng):
    y = rng.normal(0.0, 2.0, 4)
    c = rng.uniform(0.5, 3.0)
    orth_a, orth_y = np.array([1.0, 1.0, 0.0, 2.0]), np.array([1.0, -1.0, 3.0, 0.0])
    return [(c * y, y), (-c * y, y), (orth_a * c, orth_y)]


# ---------------------------------------------------------------- 1-3 activations

def _elementwise_random(submission, reference, documented, rng, func):
    for x in elementwise_cases(rng):
        _close(_unchanged(submission, func, x), getattr(reference.derivatives, func)(x),
               documented, f"{func}(x) for x of shape {x.shape}", {"x": x})


def _elementwise_fd(submission, reference, documented, cases, func):
    f = _checked(submission, reference, documented, func, ("x",))
    f_grad = getattr(submission.derivatives, func + "_grad")
    eps = documented["grading"]["fd_eps"]
    for x in cases:
        f(x)   # the function itself first, on the check's own inputs
        _check_gradient(f_grad(x), _fd_elementwise(f, x, eps), documented,
                        f"{func}_grad(x), the derivative of your {func}(x),", {"x": x})


def _elementwise_both(submission, reference, documented, cases, func, what):
    for x in cases:
        for name in (func, func + "_grad"):
            _close(getattr(submission.derivatives, name)(x), getattr(reference.derivatives, name)(x),
                   documented, f"{name}(x) {what}", {"x": x})


@points("sigmoid")
def test_sigmoid_random(submission, reference, documented, rng):
    """sigmoid on random inputs of several shapes"""
    _elementwise_random(submission, reference, documented, rng, "sigmoid")


@points("sigmoid")
def test_sigmoid_grad_random(submission, reference, documented, rng):
    """sigmoid_grad on random inputs of several shapes"""
    _elementwise_random(submission, reference, documented, rng, "sigmoid_grad")


@points("sigmoid")
def test_sigmoid_grad_fd(submission, reference, documented, rng):
    """sigmoid_grad against finite differences of your sigmoid"""
    _elementwise_fd(submission, reference, documented, elementwise_fd_cases(rng), "sigmoid")


@points("sigmoid")
def test_sigmoid_extremes(submission, reference, documented, rng):
    """sigmoid and sigmoid_grad for |x| up to 1e4"""
    _ordinary_first(submission, reference, documented, "sigmoid", "sigmoid_grad")
    _elementwise_both(submission, reference, documented, extreme_cases(rng), "sigmoid",
                      "for |x| up to 1e4 (no overflow: never exp of a large positive number)")
    x = np.array([-1e4, -800.0, 800.0, 1e4])
    for name in ("sigmoid", "sigmoid_grad"):
        getattr(submission.derivatives, name)(x)
        assert_no_warnings(submission, f"{name}(x) for x = [-1e4, -800, 800, 1e4] (exp of a large number overflows)")


@points("tanh")
def test_tanh_random(submission, reference, documented, rng):
    """tanh on random inputs of several shapes"""
    _elementwise_random(submission, reference, documented, rng, "tanh")


@points("tanh")
def test_tanh_grad_random(submission, reference, documented, rng):
    """tanh_grad on random inputs of several shapes"""
    _elementwise_random(submission, reference, documented, rng, "tanh_grad")


@points("tanh")
def test_tanh_grad_fd(submission, reference, documented, rng):
    """tanh_grad against finite differences of your tanh"""
    _elementwise_fd(submission, reference, documented, elementwise_fd_cases(rng), "tanh")


@points("tanh")
def test_tanh_extremes(submission, reference, documented, rng):
    """tanh and tanh_grad for |x| up to 1e4"""
    _ordinary_first(submission, reference, documented, "tanh", "tanh_grad")
    _elementwise_both(submission, reference, documented, extreme_cases(rng), "tanh",
                      "for |x| up to 1e4")


@points("relu")
def test_relu_random(submission, reference, documented, rng):
    """relu on random inputs of several shapes"""
    _elementwise_random(submission, reference, documented, rng, "relu")


@points("relu")
def test_relu_grad_random(submission, reference, documented, rng):
    """relu_grad on random inputs of several shapes"""
    _elementwise_random(submission, reference, documented, rng, "relu_grad")


@points("relu")
def test_relu_grad_fd(submission, reference, documented, rng):
    """relu_grad against finite differences of your relu (away from 0)"""
    _elementwise_fd(submission, reference, documented, relu_fd_cases(rng), "relu")


@points("relu")
def test_relu_at_zero(submission, reference, documented, rng):
    """relu and relu_grad at x = 0"""
    _ordinary_first(submission, reference, documented, "relu", "relu_grad")
    _elementwise_both(submission, reference, documented, relu_zero_cases(rng), "relu",
                      "with entries exactly 0 (relu_grad(0) is 0 by convention)")


# ---------------------------------------------------------------- 4 softmax

def _softmax_cases(submission, reference, documented, cases, what):
    # A softmax without the max shift is named by the library (mistakes.py), on its own probe.
    for z in cases:
        _close(_unchanged(submission, "softmax", z, names=("z",)), reference.derivatives.softmax(z), documented,
               f"softmax(z) for z of shape {z.shape}{what}", {"z": z})


@points("softmax")
def test_softmax_1d_random(submission, reference, documented, rng):
    """softmax of random 1-D logits"""
    _softmax_cases(submission, reference, documented, softmax_1d_cases(rng), "")


@points("softmax")
def test_softmax_2d_random(submission, reference, documented, rng):
    """softmax of random 2-D logits (one softmax per row)"""
    _softmax_cases(submission, reference, documented, softmax_2d_cases(rng), " (one softmax per row)")


@points("softmax")
def test_softmax_huge_logits(submission, reference, documented, rng):
    """softmax of logits of size 1000"""
    _ordinary_first(submission, reference, documented, "softmax")
    _softmax_cases(submission, reference, documented, softmax_huge_cases(rng),
                   ", logits of size 1e3 (subtract the maximum first)")


@points("softmax")
def test_softmax_equal_logits(submission, reference, documented, rng):
    """softmax of equal logits (small and huge)"""
    _ordinary_first(submission, reference, documented, "softmax")
    _softmax_cases(submission, reference, documented, softmax_equal_cases(rng),
                   ", equal logits (every probability 1/n)")


@points("softmax_jacobian")
def test_softmax_jacobian_random(submission, reference, documented, rng):
    """softmax_jacobian on random logits"""
    for z in jacobian_cases(rng):
        _close(_unchanged(submission, "softmax_jacobian", z, names=("z",)),
               reference.derivatives.softmax_jacobian(z),
               documented, f"softmax_jacobian(z) for z of shape {z.shape}", {"z": z})


@points("softmax_jacobian")
def test_softmax_jacobian_rows_sum_to_zero(submission, reference, documented, rng):
    """softmax_jacobian: every row sums to 0"""
    _ordinary_first(submission, reference, documented, "softmax_jacobian")
    for z in jacobian_cases(rng, sizes=(3, 6)):
        J = np.asarray(submission.derivatives.softmax_jacobian(z), dtype=float)
        n = z.size
        assert J.shape == (n, n), f"softmax_jacobian(z) for z of shape ({n},) must have shape ({n}, {n}), got {J.shape}"
        _close(J.sum(axis=1), np.zeros(n), documented,
               "softmax_jacobian(z).sum(axis=1) (every row must sum to 0: shifting all logits "
               "by the same amount does not change softmax)", {"z": z})


# ---------------------------------------------------------------- 5 cross-entropy

@points("cross_entropy")
def test_cross_entropy_random(submission, reference, documented, rng):
    """cross_entropy on random logits and targets"""
    for z, y in cross_entropy_cases(rng):
        _close(_unchanged(submission, "cross_entropy", z, y, names=("z", "y")),
               reference.derivatives.cross_entropy(z, y),
               documented, "cross_entropy(z, y)", {"z": z, "y": y})


@points("cross_entropy")
def test_cross_entropy_grad_random(submission, reference, documented, rng):
    """cross_entropy_grad on random logits and targets"""
    for z, y in cross_entropy_cases(rng):
        _close(_unchanged(submission, "cross_entropy_grad", z, y, names=("z", "y")),
               reference.derivatives.cross_entropy_grad(z, y),
               documented, "cross_entropy_grad(z, y)", {"z": z, "y": y})


def _loss_fd(submission, reference, documented, loss, cases):
    """The student's loss_grad against central differences of the student's loss, which must be right."""
    f_grad = getattr(submission.derivatives, loss + "_grad")
    eps = documented["grading"]["fd_eps"]
    first = "z" if loss == "cross_entropy" else "a"
    for a, y, *extra in cases:
        inputs = {first: a, "y": y, **({"delta": extra[0]} if extra else {})}
        f = _checked(submission, reference, documented, loss, tuple(inputs))
        f(a, y, *extra)   # the loss itself first, on the check's own inputs
        numeric = numerical_gradient(lambda v: f(v, y, *extra), a, eps=eps)
        args = ", ".join(inputs)
        _check_gradient(f_grad(a, y, *extra), numeric, documented,
                        f"{loss}_grad({args}), the derivative of your {loss}({args}),", inputs)


@points("cross_entropy")
def test_cross_entropy_grad_fd(submission, reference, documented, rng):
    """cross_entropy_grad against finite differences of your cross_entropy"""
    _loss_fd(submission, reference, documented, "cross_entropy", cross_entropy_fd_cases(rng))


@points("cross_entropy")
def test_cross_entropy_large_logits(submission, reference, documented, rng):
    """cross_entropy and its gradient for logits of size 1000"""
    _ordinary_first(submission, reference, documented, "cross_entropy", "cross_entropy_grad")
    for z, y in cross_entropy_large_cases(rng):
        for name in ("cross_entropy", "cross_entropy_grad"):
            _close(getattr(submission.derivatives, name)(z, y), getattr(reference.derivatives, name)(z, y),
                   documented, f"{name}(z, y) for logits of size 1e3 (use log-sum-exp, never log(softmax))",
                   {"z": z, "y": y})


# ---------------------------------------------------------------- 6-10 losses

def _loss_random(submission, reference, documented, name, cases):
    for a, y, *extra in cases:
        inputs = {"a": a, "y": y}
        if extra:
            inputs["delta"] = extra[0]
        _close(_unchanged(submission, name, a, y, *extra, names=("a", "y", "delta")),
               getattr(reference.derivatives, name)(a, y, *extra),
               documented, f"{name}({', '.join(inputs)}) for a of shape {a.shape}", inputs)


@points("l2")
def test_l2_loss_random(submission, reference, documented, rng):
    """l2_loss on random inputs"""
    _loss_random(submission, reference, documented, "l2_loss", regression_cases(rng))


@points("l2")
def test_l2_loss_grad_random(submission, reference, documented, rng):
    """l2_loss_grad on random inputs"""
    _loss_random(submission, reference, documented, "l2_loss_grad", regression_cases(rng))


@points("l2")
def test_l2_loss_grad_fd(submission, reference, documented, rng):
    """l2_loss_grad against finite differences of your l2_loss"""
    _loss_fd(submission, reference, documented, "l2_loss", regression_cases(rng, FD_LOSS_SHAPES))


@points("l2")
def test_l2_loss_at_target(submission, reference, documented, rng):
    """l2_loss and l2_loss_grad at a == y"""
    _ordinary_first(submission, reference, documented, "l2_loss", "l2_loss_grad")
    for a, _ in regression_cases(rng):
        y = a.copy()
        for name in ("l2_loss", "l2_loss_grad"):
            _close(getattr(submission.derivatives, name)(a, y), getattr(reference.derivatives, name)(a, y),
                   documented, f"{name}(a, y) with a == y", {"a": a, "y": y})


@points("l1")
def test_l1_loss_random(submission, reference, documented, rng):
    """l1_loss on random inputs"""
    _loss_random(submission, reference, documented, "l1_loss", regression_cases(rng))


@points("l1")
def test_l1_loss_grad_random(submission, reference, documented, rng):
    """l1_loss_grad on random inputs"""
    _loss_random(submission, reference, documented, "l1_loss_grad", regression_cases(rng))


@points("l1")
def test_l1_loss_grad_fd(submission, reference, documented, rng):
    """l1_loss_grad against finite differences of your l1_loss"""
    _loss_fd(submission, reference, documented, "l1_loss", regression_cases(rng, FD_LOSS_SHAPES))


@points("l1")
def test_l1_loss_at_equality(submission, reference, documented, rng):
    """l1_loss and l1_loss_grad with a == y in some entries"""
    _ordinary_first(submission, reference, documented, "l1_loss", "l1_loss_grad")
    for a, y in l1_equal_cases(rng):
        for name in ("l1_loss", "l1_loss_grad"):
            _close(getattr(submission.derivatives, name)(a, y), getattr(reference.derivatives, name)(a, y),
                   documented, f"{name}(a, y) with a == y in some entries (the gradient is 0 there)",
                   {"a": a, "y": y})


@points("hinge")
def test_hinge_loss_random(submission, reference, documented, rng):
    """hinge_loss on random inputs (margins below and above 1)"""
    _loss_random(submission, reference, documented, "hinge_loss", hinge_cases(rng))


@points("hinge")
def test_hinge_loss_grad_random(submission, reference, documented, rng):
    """hinge_loss_grad on random inputs (margins below and above 1)"""
    _loss_random(submission, reference, documented, "hinge_loss_grad", hinge_cases(rng))


@points("hinge")
def test_hinge_loss_grad_fd(submission, reference, documented, rng):
    """hinge_loss_grad against finite differences of your hinge_loss"""
    _loss_fd(submission, reference, documented, "hinge_loss", hinge_cases(rng))


@points("hinge")
def test_hinge_loss_on_margin(submission, reference, documented, rng):
    """hinge_loss and hinge_loss_grad exactly on the margin y·a = 1"""
    _ordinary_first(submission, reference, documented, "hinge_loss", "hinge_loss_grad")
    for a, y in hinge_margin_cases(rng):
        for name in ("hinge_loss", "hinge_loss_grad"):
            _close(getattr(submission.derivatives, name)(a, y), getattr(reference.derivatives, name)(a, y),
                   documented, f"{name}(a, y) exactly on the margin y·a = 1 (the gradient is 0 there)",
                   {"a": a, "y": y})


@points("huber")
def test_huber_loss_random(submission, reference, documented, rng):
    """huber_loss on random inputs and deltas"""
    _loss_random(submission, reference, documented, "huber_loss", huber_cases(rng))
    a, y = huber_default_case(rng)
    _close(submission.derivatives.huber_loss(a, y), reference.derivatives.huber_loss(a, y),
           documented, "huber_loss(a, y) with the default delta", {"a": a, "y": y})


@points("huber")
def test_huber_loss_grad_random(submission, reference, documented, rng):
    """huber_loss_grad on random inputs and deltas"""
    _loss_random(submission, reference, documented, "huber_loss_grad", huber_cases(rng))
    a, y = huber_default_case(rng)
    _close(submission.derivatives.huber_loss_grad(a, y), reference.derivatives.huber_loss_grad(a, y),
           documented, "huber_loss_grad(a, y) with the default delta", {"a": a, "y": y})


@points("huber")
def test_huber_loss_grad_fd(submission, reference, documented, rng):
    """huber_loss_grad against finite differences of your huber_loss"""
    _loss_fd(submission, reference, documented, "huber_loss", huber_cases(rng, FD_LOSS_SHAPES))


@points("huber")
def test_huber_loss_at_delta(submission, reference, documented, rng):
    """huber_loss and huber_loss_grad at |a - y| == delta"""
    _ordinary_first(submission, reference, documented, "huber_loss", "huber_loss_grad")
    for a, y, delta in huber_boundary_cases(rng):
        for name in ("huber_loss", "huber_loss_grad"):
            _close(getattr(submission.derivatives, name)(a, y, delta),
                   getattr(reference.derivatives, name)(a, y, delta),
                   documented, f"{name}(a, y, delta) with |a - y| == delta in some entries",
                   {"a": a, "y": y, "delta": delta})


@points("cosine")
def test_cosine_similarity_random(submission, reference, documented, rng):
    """cosine_similarity on random vectors"""
    _loss_random(submission, reference, documented, "cosine_similarity", cosine_cases(rng))


@points("cosine")
def test_cosine_similarity_grad_random(submission, reference, documented, rng):
    """cosine_similarity_grad on random vectors"""
    _loss_random(submission, reference, documented, "cosine_similarity_grad", cosine_cases(rng))


@points("cosine")
def test_cosine_similarity_grad_fd(submission, reference, documented, rng):
    """cosine_similarity_grad against finite differences of your cosine_similarity"""
    _loss_fd(submission, reference, documented, "cosine_similarity", cosine_fd_cases(rng, reference))


@points("cosine")
def test_cosine_similarity_parallel_and_orthogonal(submission, reference, documented, rng):
    """cosine similarity of parallel, antiparallel and orthogonal vectors"""
    _ordinary_first(submission, reference, documented, "cosine_similarity", "cosine_similarity_grad")
    for a, y in cosine_edge_cases(rng):
        for name in ("cosine_similarity", "cosine_similarity_grad"):
            _close(getattr(submission.derivatives, name)(a, y), getattr(reference.derivatives, name)(a, y),
                   documented, f"{name}(a, y) for a parallel, antiparallel or orthogonal to y",
                   {"a": a, "y": y})
