"""Hidden tests of hw2_compgraph.

Random weights, inputs and points come from the `rng` fixture (seeded per
assignment, student and test). forward, and backward after several forwards,
are compared with the reference. The gradient tests compare with finite
differences computed in the grader's process on hand-coded copies of the loss
functions below (no calls into the submission, no reference code), so they
check the submission against the true derivative; and first, the student's own
functions those losses are made of (forward and loss, G) must agree with the
reference on the same inputs, else the test earns nothing. jacobian_FG is
compared with the numerical Jacobian of F(G(x)). numerical_gradient and
numerical_jacobian are checked on NumPy functions the handout does not use,
handed to the student's code by name (grader.NumpyFunction), against exact
derivatives or, with a large eps, against the central-difference formula
itself (which one-sided differences fail).
"""

import numpy as np
import pytest

from grader import NumpyFunction
from grader.testing import assert_close, assert_function_right, check_all, numerical_gradient, parts

# Finite differences of the loss (values up to ~100, eps 1e-6) carry rounding
# errors of about 1e-8; a wrong gradient is off by far more.
FD_RTOL, FD_ATOL = 1e-5, 1e-7



# -- hand-coded functions the finite differences run on --------------------------------

def _sig(t):
    return 1.0 / (1.0 + np.exp(-t))


def _y_hat(W, v, x):
    return v[0] + v[1:] @ _sig(W[:, 0] + W[:, 1:] @ x)


def _loss(W, v, x, y):
    return (_y_hat(W, v, x) - y) ** 2


def _batch_loss(W, v, X, Y):
    return sum(_loss(W, v, x, y) for x, y in zip(X, Y))


def _sigmoid_output_E(W, v, X, Y):
    return 0.5 * sum((_sig(_y_hat(W, v, x)) - y) ** 2 for x, y in zip(X, Y))


def _F(x, y):
    return np.array([x ** 2 + 2 * y, 3 * x + 4 * y ** 2])


def _G(x):
    return np.array([x, x ** 2])


def _forward_right(submission, reference, x, W, v, gradient, y=None, example=""):
    """The student's forward (and loss, given the target ``y``) on the check's inputs, as the reference's.

    Returns forward's cache.
    """
    cg, ref = submission.compgraph, reference.compgraph
    y_hat, cache = parts(cg.forward(x, W, v), "forward(x, W, v)")
    expected, _ = ref.forward(x, W, v)
    assert_function_right(y_hat, expected, function="forward", gradient=gradient,
                          name=f"y_hat = forward(x, W, v)[0]{example}", inputs={"x": x, "W": W, "v": v})
    if y is not None:
        assert_function_right(cg.loss(expected, y), ref.loss(expected, y), function="loss", gradient=gradient,
                              name=f"loss(y_hat, y){example}", inputs={"y_hat": expected, "y": y})
    return cache


def _batch_forward_right(submission, reference, X, W, v, gradient, Y=None):
    for i, x in enumerate(X):
        _forward_right(submission, reference, x, W, v, gradient, None if Y is None else float(Y[i]),
                       example=f" of example {i + 1}")


# -- random draws ------------------------------------------------------------------------

def _network(rng):
    return rng.normal(size=(3, 3)), rng.normal(size=4)


def _example(rng):
    return rng.normal(scale=2.0, size=2), float(rng.normal(scale=2.0))


def _batch(rng, m):
    return rng.normal(scale=2.0, size=(m, 2)), rng.normal(scale=2.0, size=m)


# -- the network -------------------------------------------------------------------------

@pytest.mark.points("forward")
def test_forward_and_loss_random(submission, reference, rng, credit):
    """forward and loss with random weights and inputs (also as Python lists)"""
    W, v = _network(rng)
    draws = [_example(rng) for _ in range(3)]
    cg = submission.compgraph

    def check_forward(x, y, as_lists):
        args = (x.tolist(), W.tolist(), v.tolist()) if as_lists else (x, W, v)
        y_hat, _ = parts(cg.forward(*args), "forward(x, W, v)")
        expected, _ = reference.compgraph.forward(x, W, v)
        assert_close(y_hat, expected, name="y_hat" + (" (x, W, v given as Python lists)" if as_lists else ""),
                     inputs={"x": x, "W": W, "v": v})

    def check_loss():
        for y_hat, y in [(0.25, -1.5), (draws[0][1], draws[1][1])]:
            assert_close(cg.loss(y_hat, y), (y_hat - y) ** 2, name="loss(y_hat, y)",
                         inputs={"y_hat": y_hat, "y": y})

    check_all(credit, [
        ("forward, example 1", lambda: check_forward(*draws[0], False)),
        ("forward, example 2", lambda: check_forward(*draws[1], False)),
        ("forward with Python lists", lambda: check_forward(*draws[2], True)),
        ("loss", check_loss),
    ])


@pytest.mark.points("backward")
def test_backward_uses_the_cache_it_is_given(submission, reference, rng):
    """backward uses the cache it is given (three forwards first, then the backwards in reverse order)"""
    W, v = _network(rng)
    draws = [_example(rng) for _ in range(3)]
    cg = submission.compgraph
    caches = [parts(cg.forward(x, W, v), "forward(x, W, v)")[1] for x, _ in draws]
    ref_caches = [reference.compgraph.forward(x, W, v)[1] for x, _ in draws]
    for i in reversed(range(3)):
        x, y = draws[i]
        dW, dv = parts(cg.backward(y, caches[i]), "backward(y, cache)")
        ref_dW, ref_dv = reference.compgraph.backward(y, ref_caches[i])
        note = (f" of example {i + 1} (forward was called for examples 1, 2 and 3 first, then backward "
                f"for 3, 2, 1: backward must use only the cache it is given)")
        inputs = {"x": x, "y": y, "W": W, "v": v}
        assert_close(dv, ref_dv, name="dv" + note, inputs=inputs)
        assert_close(dW, ref_dW, name="dW" + note, inputs=inputs)


@pytest.mark.points("backward")
def test_backward_finite_differences(submission, reference, rng):
    """backward against finite differences of L, random weights and inputs"""
    W, v = _network(rng)
    cg = submission.compgraph
    for _ in range(2):
        x, y = _example(rng)
        cache = _forward_right(submission, reference, x, W, v, "backward", y)
        dW, dv = parts(cg.backward(y, cache), "backward(y, cache)")
        inputs = {"x": x, "y": y, "W": W, "v": v}
        assert_close(dv, numerical_gradient(lambda v_: _loss(W, v_, x, y), v),
                     name="dv (expected: finite differences of L)", rtol=FD_RTOL, atol=FD_ATOL, inputs=inputs)
        assert_close(dW, numerical_gradient(lambda W_: _loss(W_, v, x, y), W),
                     name="dW (expected: finite differences of L)", rtol=FD_RTOL, atol=FD_ATOL, inputs=inputs)


@pytest.mark.points("batch")
def test_batch_gradients_finite_differences(submission, reference, rng):
    """batch_gradients against finite differences, batches of 4 and of 1"""
    W, v = _network(rng)
    for m in (4, 1):
        X, Y = _batch(rng, m)
        _batch_forward_right(submission, reference, X, W, v, "batch_gradients", Y)
        dW, dv = parts(submission.compgraph.batch_gradients(X, Y, W, v), "batch_gradients(X, Y, W, v)")
        inputs = {"X": X, "Y": Y, "W": W, "v": v}
        assert_close(dv, numerical_gradient(lambda v_: _batch_loss(W, v_, X, Y), v),
                     name=f"dv for {m} example(s) (expected: finite differences of the summed loss)",
                     rtol=FD_RTOL, atol=FD_ATOL, inputs=inputs)
        assert_close(dW, numerical_gradient(lambda W_: _batch_loss(W_, v, X, Y), W),
                     name=f"dW for {m} example(s) (expected: finite differences of the summed loss)",
                     rtol=FD_RTOL, atol=FD_ATOL, inputs=inputs)


@pytest.mark.points("sigmoid_output")
def test_sigmoid_output_grad_v_finite_differences(submission, reference, rng):
    """sigmoid_output_grad_v against finite differences of E"""
    W, v = _network(rng)
    X = rng.normal(scale=2.0, size=(4, 2))
    Y = rng.uniform(0.0, 1.0, size=4)   # targets of a sigmoid output
    _batch_forward_right(submission, reference, X, W, v, "sigmoid_output_grad_v")  # E uses forward, not loss
    assert_close(submission.compgraph.sigmoid_output_grad_v(X, Y, W, v),
                 numerical_gradient(lambda v_: _sigmoid_output_E(W, v_, X, Y), v),
                 name="dE/dv (expected: finite differences of E)", rtol=FD_RTOL, atol=FD_ATOL,
                 inputs={"X": X, "Y": Y, "W": W, "v": v})


# -- vector calculus ---------------------------------------------------------------------

@pytest.mark.points("calculus")
def test_grad_f_jacobian_F_G_random(submission, rng, credit):
    """grad_f, jacobian_F and G at random points"""
    points = [tuple(float(t) for t in rng.uniform(-3.0, 3.0, size=2)) for _ in range(3)]
    calc = submission.calculus

    def check_grad_f():
        for x, y in points:
            fd = numerical_gradient(lambda p: (2 * p[0] + 3 * p[1]) ** 2, np.array([x, y]))
            assert_close(calc.grad_f(x, y), fd, name=f"grad_f({x:.4g}, {y:.4g}) (expected: finite differences)",
                         rtol=1e-6, atol=1e-8)

    def check_jacobian_F():
        for x, y in points:
            fd = np.array([numerical_gradient(lambda p: _F(*p)[i], np.array([x, y])) for i in range(2)])
            assert_close(calc.jacobian_F(x, y), fd,
                         name=f"jacobian_F({x:.4g}, {y:.4g}) (expected: finite differences, row i = gradient of F_i)",
                         rtol=1e-6, atol=1e-8)

    def check_G():
        for x, _ in points:
            assert_close(calc.G(x), np.array([x, x * x]), name=f"G({x:.4g})")

    check_all(credit, [("grad_f", check_grad_f), ("jacobian_F", check_jacobian_F), ("G", check_G)])


@pytest.mark.points("calculus")
def test_jacobian_FG_random(submission, reference, rng):
    """jacobian_FG at random points, against the numerical Jacobian of F(G(x))"""
    for x in rng.uniform(-3.0, 3.0, size=3):
        x = float(x)
        assert_function_right(submission.calculus.G(x), reference.calculus.G(x), function="G",
                              gradient="jacobian_FG", name=f"G({x:.4g})")
        fd = reference.calculus.numerical_jacobian(lambda t: _F(*_G(t[0])), np.array([x])).reshape(2)
        assert_close(submission.calculus.jacobian_FG(x), fd,
                     name=f"jacobian_FG({x:.4g}) (expected: numerical Jacobian of F(G(x)))", rtol=1e-6, atol=1e-8)


# -- numerical differentiation -----------------------------------------------------------

def _cofactors(A):
    """Gradient of det at A: the cofactor matrix, from 2x2 minors."""
    C = np.empty_like(A)
    for i in range(3):
        for j in range(3):
            M = np.delete(np.delete(A, i, axis=0), j, axis=1)
            C[i, j] = (-1) ** (i + j) * (M[0, 0] * M[1, 1] - M[0, 1] * M[1, 0])
    return C


def _cumprod_jacobian(x):
    n = len(x)
    J = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1):
            J[i, j] = np.prod(np.delete(x[:i + 1], j))
    return J


@pytest.mark.points("numerical")
def test_numerical_gradient_on_numpy_functions(submission, rng, credit):
    """numerical_gradient of np.linalg.det (a matrix argument) and np.linalg.norm"""
    calc = submission.calculus
    A = rng.normal(size=(3, 3))
    x = rng.normal(size=5)

    def det():   # a matrix argument: the gradient has its shape; det is linear in each entry
        assert_close(calc.numerical_gradient(NumpyFunction("linalg.det"), A), _cofactors(A),
                     name="numerical_gradient(np.linalg.det, A) for a 3x3 matrix A (expected: the cofactor matrix)",
                     rtol=1e-6, atol=1e-8, inputs={"A": A})

    def norm():  # eps large enough that central and one-sided differences differ
        eps = 1e-3
        expected = np.array([(np.linalg.norm(x + eps * e) - np.linalg.norm(x - eps * e)) / (2 * eps)
                             for e in np.eye(5)])
        assert_close(calc.numerical_gradient(NumpyFunction("linalg.norm"), x, eps=eps), expected,
                     name="numerical_gradient(np.linalg.norm, x, eps=1e-3) "
                          "(expected: central differences (f(x + eps e_k) - f(x - eps e_k)) / (2 eps))",
                     rtol=1e-6, atol=1e-9, inputs={"x": x})

    check_all(credit, [("np.linalg.det", det), ("np.linalg.norm with eps=1e-3", norm)])


@pytest.mark.points("numerical")
def test_numerical_jacobian_on_numpy_functions(submission, rng, credit):
    """numerical_jacobian of np.cumprod, np.diff and np.sin"""
    calc = submission.calculus
    x4, x5, x3 = rng.normal(size=4), rng.normal(size=5), rng.normal(size=3)

    def cumprod():
        assert_close(calc.numerical_jacobian(NumpyFunction("cumprod"), x4), _cumprod_jacobian(x4),
                     name="numerical_jacobian(np.cumprod, x)", rtol=1e-6, atol=1e-8, inputs={"x": x4})

    def diff():  # 5 inputs, 4 outputs: shape (4, 5), row i = output i
        J = np.eye(5, k=1)[:4] - np.eye(5)[:4]
        assert_close(calc.numerical_jacobian(NumpyFunction("diff"), x5), J,
                     name="numerical_jacobian(np.diff, x) for x of length 5 (shape (len(F(x)), len(x)))",
                     rtol=1e-6, atol=1e-8, inputs={"x": x5})

    def sin():   # eps large enough that central and one-sided differences differ
        eps = 1e-3
        expected = np.diag((np.sin(x3 + eps) - np.sin(x3 - eps)) / (2 * eps))
        assert_close(calc.numerical_jacobian(NumpyFunction("sin"), x3, eps=eps), expected,
                     name="numerical_jacobian(np.sin, x, eps=1e-3) "
                          "(expected: central differences (F(x + eps e_k) - F(x - eps e_k)) / (2 eps))",
                     rtol=1e-6, atol=1e-9, inputs={"x": x3})

    check_all(credit, [("np.cumprod", cumprod), ("np.diff", diff), ("np.sin with eps=1e-3", sin)])
