"""hw1_derivatives: the reference solution checked by other means.

- values against 50-digit arithmetic (``decimal``) for the transcendental
  functions and exact rational arithmetic (``fractions``) for the piecewise
  polynomial losses, including the extremes the spec names (|x| up to 1e4,
  logits up to 1e3);
- every derivative against central finite differences of the reference's own
  function (and the Jacobian column by column against differences of softmax);
- numerical stability: no overflow/invalid/divide warnings at the extremes,
  and a clear ValueError for a zero vector in the cosine similarity;
- the conventions at kinks (relu at 0, L1 at a == y, hinge on the margin,
  Huber at |r| = delta) and the shapes and types of the results;
- autograd (torch, float64) when it is installed.
"""

import decimal
import functools
import warnings
from fractions import Fraction

import numpy as np
import pytest

from grader.assignment import load_reference

D = decimal.Context(prec=50, Emax=10**7, Emin=-10**7)


@pytest.fixture(scope="module")
def d():
    return load_reference("hw1_derivatives").derivatives


def _close(got, expected, rtol=1e-13, atol=0.0):
    got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=rtol, atol=atol)


# ------------------------------------------------------------ independent values
# 50-digit functions: they take floats or Decimals (converted exactly) and return
# Decimals; the losses built from + - * / and abs return exact Fractions.

def _dec(x):
    return x if isinstance(x, decimal.Decimal) else decimal.Decimal(float(x))


def fifty_digits(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        with decimal.localcontext(D):
            return fn(*args)
    return wrapper


@fifty_digits
def sigmoid_hp(x):
    return 1 / (1 + (-_dec(x)).exp())


@fifty_digits
def sigmoid_grad_hp(x):
    e = (-_dec(x)).exp()
    return e / (1 + e) ** 2


@fifty_digits
def tanh_hp(x):
    e = (2 * _dec(x)).exp()
    return (e - 1) / (e + 1)


@fifty_digits
def tanh_grad_hp(x):
    e = (2 * _dec(x)).exp()
    return 4 * e / (e + 1) ** 2  # sech^2 x = 4 e^2x / (e^2x + 1)^2


@fifty_digits
def softmax_hp(z):
    e = [_dec(v).exp() for v in z]
    s = sum(e)
    return [v / s for v in e]


@fifty_digits
def cross_entropy_hp(z, y):
    lse = sum(_dec(v).exp() for v in z).ln()
    return sum(_dec(yi) * (lse - _dec(zi)) for zi, yi in zip(z, y))


@fifty_digits
def cosine_hp(a, y):
    a, y = [_dec(v) for v in a], [_dec(v) for v in y]
    na, ny = sum(v * v for v in a).sqrt(), sum(v * v for v in y).sqrt()
    cos = sum(u * v for u, v in zip(a, y)) / (na * ny)
    return cos, [yi / (na * ny) - cos * ai / (na * na) for ai, yi in zip(a, y)]


def huber_exact(a, y, delta):
    a, y, delta = [Fraction(v) for v in a], [Fraction(v) for v in y], Fraction(delta)
    n = len(a)
    loss, grad = Fraction(0), []
    for ai, yi in zip(a, y):
        r = ai - yi
        if abs(r) <= delta:
            loss += r * r / 2
            grad.append(r / n)
        else:
            loss += delta * (abs(r) - delta / 2)
            grad.append(delta * (1 if r > 0 else -1) / n)
    return loss / n, grad


def floats(values):
    return [float(v) for v in values]


EXTREMES = [-1e4, -1e3, -745.0, -710.0, -40.0, -20.0, -1.0, -1e-9, 0.0, 1e-9, 1.0, 20.0, 40.0, 710.0, 745.0,
            1e3, 1e4]


def test_activations_match_high_precision_arithmetic(d):
    rng = np.random.default_rng(1)
    x = np.concatenate([EXTREMES, rng.normal(0, 5, 40)])
    # relative agreement in the last bits; values below 1e-300 are subnormal floats
    _close(d.sigmoid(x), floats(sigmoid_hp(v) for v in x), rtol=1e-14, atol=1e-300)
    _close(d.sigmoid_grad(x), floats(sigmoid_grad_hp(v) for v in x), rtol=1e-13, atol=1e-300)
    _close(d.tanh(x), floats(tanh_hp(v) for v in x), rtol=1e-14, atol=1e-300)
    _close(d.tanh_grad(x), floats(tanh_grad_hp(v) for v in x), rtol=1e-13, atol=1e-300)
    _close(d.relu(x), [max(v, 0.0) for v in x], rtol=0)
    _close(d.relu_grad(x), [1.0 if v > 0 else 0.0 for v in x], rtol=0)
    # shapes are kept
    X = rng.normal(0, 3, (2, 3, 4))
    for f in (d.sigmoid, d.sigmoid_grad, d.tanh, d.tanh_grad, d.relu, d.relu_grad):
        assert f(X).shape == X.shape


def test_softmax_and_cross_entropy_match_high_precision_arithmetic(d):
    rng = np.random.default_rng(2)
    cases = [rng.normal(0, 3, n) for n in (1, 2, 5, 10)]
    cases += [rng.uniform(-1000, 1000, 6), np.array([1000.0, 1001.0, 1002.0]), np.array([-1000.0, 0.0, 1000.0]),
              np.full(4, 800.0)]
    for z in cases:
        _close(d.softmax(z), floats(softmax_hp(z)), rtol=1e-12, atol=1e-300)
        for t in range(z.size):
            y = np.eye(z.size)[t]
            assert d.cross_entropy(z, y) == pytest.approx(float(cross_entropy_hp(z, y)), rel=1e-12, abs=1e-12)
            _close(d.cross_entropy_grad(z, y), np.array(floats(softmax_hp(z))) - y, rtol=1e-12, atol=1e-15)
    Z = np.stack(cases[5:7])
    _close(d.softmax(Z), [floats(softmax_hp(row)) for row in Z], rtol=1e-12, atol=1e-300)
    p = softmax_hp(cases[2])
    J_expected = [[float(p_i * ((i == j) - p_j)) for j, p_j in enumerate(p)] for i, p_i in enumerate(p)]
    _close(d.softmax_jacobian(cases[2]), J_expected, rtol=1e-12, atol=1e-16)


def test_regression_losses_match_exact_rational_arithmetic(d):
    rng = np.random.default_rng(3)
    for shape in [(1,), (7,), (3, 4)]:
        a, y = rng.normal(0, 2, shape), rng.normal(0, 2, shape)
        y.flat[0] = a.flat[0]  # one entry with a == y
        fa, fy = [Fraction(v) for v in a.ravel()], [Fraction(v) for v in y.ravel()]
        assert d.l2_loss(a, y) == pytest.approx(float(sum((u - v) ** 2 for u, v in zip(fa, fy))), rel=1e-14)
        _close(d.l2_loss_grad(a, y), np.reshape([float(2 * (u - v)) for u, v in zip(fa, fy)], shape), rtol=0)
        assert d.l1_loss(a, y) == pytest.approx(float(sum(abs(u - v) for u, v in zip(fa, fy))), rel=1e-14)
        _close(d.l1_loss_grad(a, y), np.reshape([float((u > v) - (u < v)) for u, v in zip(fa, fy)], shape), rtol=0)
        for delta in (0.3, 1.0, 2.5):
            loss, grad = huber_exact(a.ravel(), y.ravel(), delta)
            assert d.huber_loss(a, y, delta) == pytest.approx(float(loss), rel=1e-14)
            _close(d.huber_loss_grad(a, y, delta), np.reshape(floats(grad), shape), rtol=1e-15)
        loss, grad = huber_exact(a.ravel(), y.ravel(), 1.0)
        assert d.huber_loss(a, y) == pytest.approx(float(loss), rel=1e-14)  # the default delta is 1
        _close(d.huber_loss_grad(a, y), np.reshape(floats(grad), shape), rtol=1e-15)


def test_hinge_and_cosine_match_exact_and_high_precision_arithmetic(d):
    rng = np.random.default_rng(4)
    for n in (1, 3, 8):
        for scale in (0.1, 1.0, 5.0):
            a, y = rng.normal(0, scale, n), rng.choice([-1.0, 1.0], n)
            margin = sum(Fraction(u) * Fraction(v) for u, v in zip(a, y))
            assert d.hinge_loss(a, y) == pytest.approx(float(max(Fraction(0), 1 - margin)), rel=1e-14, abs=1e-15)
            _close(d.hinge_loss_grad(a, y), -y if margin < 1 else np.zeros(n), rtol=0)
            b = rng.normal(0, scale, n)
            cos, grad = cosine_hp(a, b)
            assert d.cosine_similarity(a, b) == pytest.approx(float(cos), rel=1e-13, abs=1e-15)
            _close(d.cosine_similarity_grad(a, b), floats(grad), rtol=1e-12, atol=1e-15 / scale)


# ------------------------------------------------------------ derivatives by finite differences

def _fd_scalar(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[i] += eps
        down[i] -= eps
        g[i] = (f(up) - f(down)) / (2 * eps)
    return g


def _rel(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-300)))


def test_every_derivative_matches_finite_differences(d):
    rng = np.random.default_rng(5)
    x = rng.uniform(-3, 3, (3, 4))
    for f, g in ((d.sigmoid, d.sigmoid_grad), (d.tanh, d.tanh_grad)):
        assert _rel(g(x), _fd_scalar(lambda v: float(np.sum(f(v))), x)) < 1e-7
    xr = rng.choice([-1, 1], (3, 4)) * rng.uniform(0.1, 3, (3, 4))
    assert _rel(d.relu_grad(xr), _fd_scalar(lambda v: float(np.sum(d.relu(v))), xr)) < 1e-7

    z = rng.uniform(-2, 2, 5)
    numeric_J = np.stack([_fd_scalar(lambda v, i=i: d.softmax(v)[i], z) for i in range(5)])
    assert _rel(d.softmax_jacobian(z), numeric_J) < 1e-7
    y = np.eye(5)[2]
    assert _rel(d.cross_entropy_grad(z, y), _fd_scalar(lambda v: d.cross_entropy(v, y), z)) < 1e-7

    a = rng.normal(0, 2, (2, 3))
    t = a - rng.choice([-1, 1], (2, 3)) * rng.uniform(0.1, 2, (2, 3))
    for loss, grad in ((d.l2_loss, d.l2_loss_grad), (d.l1_loss, d.l1_loss_grad)):
        assert _rel(grad(a, t), _fd_scalar(lambda v: loss(v, t), a)) < 1e-7
    for delta in (0.4, 1.0, 2.0):
        r = rng.choice([-1, 1], (2, 3)) * delta * np.array([[0.2, 0.5, 1.5], [2.0, 0.7, 3.0]])
        assert _rel(d.huber_loss_grad(a, a - r, delta), _fd_scalar(lambda v: d.huber_loss(v, a - r, delta), a)) < 1e-7

    yh = rng.choice([-1.0, 1.0], 6)
    for target in (-1.0, 0.3, 2.5):  # margins below and above 1
        ah = rng.normal(0, 1, 6)
        ah += (target - yh @ ah) * yh / 6
        assert _rel(d.hinge_loss_grad(ah, yh), _fd_scalar(lambda v: d.hinge_loss(v, yh), ah)) < 1e-7

    ac, yc = np.array([1.0, -2.0, 0.5, 3.0]), np.array([0.3, 1.0, -2.0, 0.7])
    assert _rel(d.cosine_similarity_grad(ac, yc), _fd_scalar(lambda v: d.cosine_similarity(v, yc), ac)) < 1e-7


# ------------------------------------------------------------ stability, errors, conventions

def test_no_overflow_or_invalid_warnings_at_the_extremes(d):
    x = np.array(EXTREMES)
    z_huge = np.array([[1000.0, -1000.0, 0.0], [800.0, 800.0, 800.0], [-1000.0, -999.0, -1000.0]])
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        for f in (d.sigmoid, d.sigmoid_grad, d.tanh, d.tanh_grad, d.relu, d.relu_grad):
            assert np.all(np.isfinite(f(x)))
        assert np.all(np.isfinite(d.softmax(z_huge)))
        for row in z_huge:
            assert np.all(np.isfinite(d.softmax_jacobian(row)))
            for t in range(3):
                assert np.isfinite(d.cross_entropy(row, np.eye(3)[t]))
                assert np.all(np.isfinite(d.cross_entropy_grad(row, np.eye(3)[t])))
        assert d.cross_entropy(np.array([1000.0, 0.0, -1000.0]), np.eye(3)[2]) == 2000.0
        for scale in (1e-200, 1e200):  # the norms neither underflow nor overflow
            a, y = scale * np.array([3.0, 4.0]), np.array([4.0, 3.0])
            assert d.cosine_similarity(a, y) == pytest.approx(0.96, rel=1e-14)
            _close(d.cosine_similarity_grad(a, y) * scale, [0.0448, -0.0336], rtol=1e-13)


@pytest.mark.parametrize("which", ["a", "y"])
def test_cosine_of_a_zero_vector_raises_a_clear_error(d, which):
    v, zero = np.array([1.0, 2.0, 3.0]), np.zeros(3)
    a, y = (zero, v) if which == "a" else (v, zero)
    for f in (d.cosine_similarity, d.cosine_similarity_grad):
        with pytest.raises(ValueError, match=f"undefined when {which} is the zero vector"):
            f(a, y)


def test_mismatched_shapes_raise(d):
    for f in (d.l2_loss, d.l2_loss_grad, d.l1_loss, d.huber_loss, d.hinge_loss, d.cross_entropy,
              d.cosine_similarity):
        with pytest.raises(ValueError, match="same shape"):
            f(np.zeros(3), np.zeros(4))


def test_conventions_at_kinks(d):
    assert d.relu(0.0) == 0.0 and d.relu_grad(0.0) == 0.0 and d.relu_grad(-0.0) == 0.0
    _close(d.relu_grad([-1.0, 0.0, 1e-300]), [0.0, 0.0, 1.0], rtol=0)
    # l1 at a == y: 0
    _close(d.l1_loss_grad([1.0, 2.0, 3.0], [1.0, 5.0, 0.0]), [0.0, -1.0, 1.0], rtol=0)
    # hinge exactly on the margin (dyadic: y.a is exactly 1): loss 0, gradient 0; just inside: -y
    a, y = np.array([0.5, -0.25, 0.25, 0.125]), np.array([1.0, -1.0, 1.0, -1.0])
    a[3] = -0.0  # y.a = 0.5 + 0.25 + 0.25 = 1
    assert float(y @ a) == 1.0
    assert d.hinge_loss(a, y) == 0.0
    _close(d.hinge_loss_grad(a, y), np.zeros(4), rtol=0)
    _close(d.hinge_loss_grad(a - 1e-9 * y, y), -y, rtol=0)
    # Huber at |r| = delta: both branches agree, in value and in slope (no jump)
    for delta in (0.5, 1.0, 1.5):
        y = np.array([0.25, -0.75])
        at = y + np.array([delta, -delta])
        assert d.huber_loss(at, y, delta) == pytest.approx(0.5 * delta**2)
        _close(d.huber_loss_grad(at, y, delta), [delta / 2, -delta / 2], rtol=1e-15)
        for side in (1 - 1e-9, 1 + 1e-9):
            near = y + side * np.array([delta, -delta])
            _close(d.huber_loss_grad(near, y, delta), [delta / 2, -delta / 2], rtol=1e-8)
    # softmax: equal logits give exactly 1/n; Jacobian rows (and columns) sum to 0
    for n, c in ((3, 0.0), (4, 800.0), (7, -1000.0)):
        _close(d.softmax(np.full(n, c)), np.full(n, 1.0 / n), rtol=1e-15)
    J = d.softmax_jacobian(np.array([0.1, -2.0, 3.0, 0.5]))
    _close(J.sum(axis=1), np.zeros(4), rtol=0, atol=1e-16)
    _close(J, J.T, rtol=0)


def test_results_have_the_spec_shapes_and_types(d):
    rng = np.random.default_rng(6)
    a, y = rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    for f in (d.l2_loss, d.l1_loss, d.huber_loss):
        assert type(f(a, y)) is float
    for g in (d.l2_loss_grad, d.l1_loss_grad, d.huber_loss_grad):
        assert g(a, y).shape == (2, 3)
    v, s = rng.normal(size=4), rng.choice([-1.0, 1.0], 4)
    for f in (d.hinge_loss, d.cosine_similarity, d.cross_entropy):
        assert type(f(v, s if f is d.hinge_loss else np.eye(4)[1])) is float
    assert d.hinge_loss_grad(v, s).shape == (4,)
    assert d.softmax_jacobian(v).shape == (4, 4)
    Z = rng.normal(size=(5, 4))
    _close(d.softmax(Z).sum(axis=1), np.ones(5), rtol=1e-15)
    # Python lists and floats are accepted
    assert d.l2_loss([1.0, 2.0], [0.0, 0.0]) == 5.0
    assert float(d.sigmoid(0.0)) == 0.5


# ------------------------------------------------------------ autograd (optional)

def test_derivatives_match_torch_autograd(d):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(7)

    def autograd(f, x, *rest):
        t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
        f(t, *[torch.tensor(r, dtype=torch.float64) for r in rest]).sum().backward()
        return t.grad.numpy()

    x = rng.normal(0, 3, (3, 4))
    _close(d.sigmoid_grad(x), autograd(torch.sigmoid, x), rtol=1e-12)
    _close(d.tanh_grad(x), autograd(torch.tanh, x), rtol=1e-12)
    _close(d.relu_grad(x), autograd(torch.relu, x), rtol=0)

    z = rng.normal(0, 2, 5)
    _close(d.softmax(z), torch.softmax(torch.tensor(z), 0).numpy(), rtol=1e-13)
    J = torch.autograd.functional.jacobian(lambda t: torch.softmax(t, 0), torch.tensor(z)).numpy()
    _close(d.softmax_jacobian(z), J, rtol=1e-12, atol=1e-16)
    y = np.eye(5)[3]
    ce = lambda t, yy: -(yy * torch.log_softmax(t, 0)).sum()  # noqa: E731
    assert d.cross_entropy(z, y) == pytest.approx(float(ce(torch.tensor(z), torch.tensor(y))), rel=1e-13)
    _close(d.cross_entropy_grad(z, y), autograd(ce, z, y), rtol=1e-12, atol=1e-16)

    a = rng.normal(0, 2, (2, 3))
    t = a - rng.choice([-1, 1], (2, 3)) * rng.uniform(0.1, 2, (2, 3))
    _close(d.l2_loss_grad(a, t), autograd(lambda u, v: ((u - v) ** 2).sum(), a, t), rtol=1e-14)
    _close(d.l1_loss_grad(a, t), autograd(lambda u, v: (u - v).abs().sum(), a, t), rtol=0)
    for delta in (0.5, 1.0, 2.0):
        huber = lambda u, v, delta=delta: torch.nn.functional.huber_loss(u, v, reduction="mean", delta=delta)  # noqa: E731
        assert d.huber_loss(a, t, delta) == pytest.approx(float(huber(torch.tensor(a), torch.tensor(t))), rel=1e-13)
        _close(d.huber_loss_grad(a, t, delta), autograd(huber, a, t), rtol=1e-13)

    yh = np.array([1.0, -1.0, 1.0, 1.0])
    for ah in (np.array([0.2, 0.1, -0.3, 0.4]), np.array([2.0, -1.0, 0.5, 0.0])):
        hinge = lambda u, v: torch.clamp(1 - (u * v).sum(), min=0)  # noqa: E731
        _close(d.hinge_loss_grad(ah, yh), autograd(hinge, ah, yh), rtol=0)

    ac, yc = rng.normal(size=6), rng.normal(size=6)
    cos = lambda u, v: torch.nn.functional.cosine_similarity(u, v, dim=0)  # noqa: E731
    assert d.cosine_similarity(ac, yc) == pytest.approx(float(cos(torch.tensor(ac), torch.tensor(yc))), rel=1e-13)
    _close(d.cosine_similarity_grad(ac, yc), autograd(cos, ac, yc), rtol=1e-11, atol=1e-15)
