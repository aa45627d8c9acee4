"""Kit tests of hw2_compgraph: the reference solution and the handout's numbers.

Every documented value is checked by a second method that shares no code with
the reference: the graph evaluated node by node with math.exp (as a student
would by hand), central differences written here, exact hand-derived values
for the calculus part, and, when torch is installed, autograd.
"""

import math
import warnings

import numpy as np
import pytest

from grader import paths
from grader.assignment import load_reference
from conftest import load_module


@pytest.fixture(scope="module")
def ref():
    return load_reference("hw2_compgraph")


@pytest.fixture(scope="module")
def doc(ref):
    """documented(ref) with its NumPy arrays (documented.json holds the same values as lists)."""
    return load_module("_hw2_documented", paths.SOLUTIONS / "hw2_compgraph" / "documented.py").documented(ref)


# -- independent second methods ----------------------------------------------------------

def _by_hand(W, v, x, y):
    """The graph node by node in plain floats, and its gradients by the chain rule."""
    nodes = {"p": [], "q": [], "z": [], "f": [], "h": []}
    for j in range(3):
        p = W[j][1] * x[0]
        q = W[j][2] * x[1]
        z = W[j][0] + p + q
        f = 1.0 / (1.0 + math.exp(-z))
        for k, val in zip("pqzfh", (p, q, z, f, v[j + 1] * f)):
            nodes[k].append(val)
    y_hat = v[0] + sum(nodes["h"])
    d_y_hat = 2.0 * (y_hat - y)
    d_f = [d_y_hat * v[j + 1] for j in range(3)]
    d_z = [d_f[j] * nodes["f"][j] * (1.0 - nodes["f"][j]) for j in range(3)]
    dW = [[d_z[j], d_z[j] * x[0], d_z[j] * x[1]] for j in range(3)]
    dv = [d_y_hat] + [d_y_hat * f for f in nodes["f"]]
    return {**nodes, "y_hat": y_hat, "loss": (y_hat - y) ** 2, "d_y_hat": d_y_hat,
            "d_f": d_f, "d_z": d_z, "dW": dW, "dv": dv}


def _central(fun, x, eps=1e-5):
    """Central differences of a scalar function, written independently of any code under test."""
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = eps
        g[idx] = (fun(x + e) - fun(x - e)) / (2 * eps)
    return g


def _sig(t):
    return 1.0 / (1.0 + np.exp(-t))


def _loss(W, v, x, y):
    return (v[0] + v[1:] @ _sig(W[:, 0] + W[:, 1:] @ x) - y) ** 2


def _sigmoid_output_E(W, v, X, Y):
    return 0.5 * sum((_sig(v[0] + v[1:] @ _sig(W[:, 0] + W[:, 1:] @ x)) - y) ** 2 for x, y in zip(X, Y))


def _F(p):
    return np.array([p[0] ** 2 + 2 * p[1], 3 * p[0] + 4 * p[1] ** 2])


# -- the documented values ---------------------------------------------------------------

def test_documented_network_is_the_seeds(doc):
    net = doc["network"]
    assert np.array_equal(net["W"], [[0.01, 0.02, 0.03], [0.03, 0.01, 0.02], [0.02, 0.03, 0.01]])
    assert np.array_equal(net["v"], [0.01, 0.02, 0.03, 0.04])
    assert np.array_equal(net["X"], [[1, 2], [1, 3], [2, 2]])
    assert np.array_equal(net["Y"], [8, 11, 10])


def test_documented_examples_match_a_calculation_by_hand(doc):
    net = doc["network"]
    for ex, x, y in zip(doc["examples"], net["X"], net["Y"]):
        hand = _by_hand(net["W"].tolist(), net["v"].tolist(), x.tolist(), float(y))
        for key, value in hand.items():
            np.testing.assert_allclose(ex[key], value, rtol=1e-12, atol=1e-15, err_msg=key)


def test_documented_gradients_match_finite_differences(doc):
    net = doc["network"]
    W, v = net["W"], net["v"]
    for ex, x, y in zip(doc["examples"], net["X"], net["Y"]):
        np.testing.assert_allclose(ex["dv"], _central(lambda v_: _loss(W, v_, x, y), v), rtol=1e-7)
        np.testing.assert_allclose(ex["dW"], _central(lambda W_: _loss(W_, v, x, y), W), rtol=1e-7)
    batch = lambda W_, v_: sum(_loss(W_, v_, x, y) for x, y in zip(net["X"], net["Y"]))  # noqa: E731
    np.testing.assert_allclose(doc["batch"]["dv"], _central(lambda v_: batch(W, v_), v), rtol=1e-7)
    np.testing.assert_allclose(doc["batch"]["dW"], _central(lambda W_: batch(W_, v), W), rtol=1e-7)
    np.testing.assert_allclose(doc["batch"]["loss"], batch(W, v), rtol=1e-12)
    E = lambda v_: _sigmoid_output_E(W, v_, net["X"], net["Y"])  # noqa: E731
    np.testing.assert_allclose(doc["sigmoid_output"]["dv"], _central(E, v), rtol=1e-7)
    np.testing.assert_allclose(doc["sigmoid_output"]["E"], E(v), rtol=1e-12)


def test_documented_calculus_values_are_the_exact_ones(doc):
    c = doc["calculus"]
    # f = (2x + 3y)^2 at (1, 2): u = 8, grad = [4u, 6u]; DF(1, 2) = [[2x, 2], [3, 8y]];
    # (F o G)(x) = [3x^2, 3x + 4x^4], derivative [6x, 3 + 16x^3] = [12, 131] at x = 2 (the seed's 121 is a slip).
    assert np.array_equal(c["grad_f"]["expected"], [32.0, 48.0])
    assert np.array_equal(c["jacobian_F"]["expected"], [[2.0, 2.0], [3.0, 16.0]])
    assert np.array_equal(c["G"]["expected"], [2.0, 4.0])
    assert np.array_equal(c["jacobian_FG"]["expected"], [12.0, 131.0])
    for fd, expected in [
        (_central(lambda p: (2 * p[0] + 3 * p[1]) ** 2, [1.0, 2.0]), [32.0, 48.0]),
        (np.array([_central(lambda p: _F(p)[i], [1.0, 2.0]) for i in range(2)]), [[2, 2], [3, 16]]),
        (np.array([_central(lambda t: _F([t[0], t[0] ** 2])[i], [2.0])[0] for i in range(2)]), [12, 131]),
    ]:
        np.testing.assert_allclose(fd, expected, rtol=1e-8)


def test_documented_numerical_cases(doc):
    n = doc["numerical"]
    assert n["gradient"]["function"] == "prod" and n["jacobian"]["function"] == "cumprod"
    np.testing.assert_allclose(n["gradient"]["expected"], [6.0, 3.0, 2.0], rtol=1e-8)
    np.testing.assert_allclose(n["jacobian"]["expected"], [[1, 0, 0], [2, 1, 0], [6, 3, 2]], rtol=1e-8, atol=1e-9)


def test_hand_calculation_digits_claimed_by_the_handout(doc):
    """The handout says: sigmoid carried to 6 decimals gives 4 significant digits;
    rounded to 0.52 (as the seeds do) only about 2."""
    net = doc["network"]

    def sig_digits(rounding):
        worst = math.inf
        for ex, x, y in zip(doc["examples"], net["X"], net["Y"]):
            f = np.round(ex["f"], rounding)
            y_hat = net["v"][0] + net["v"][1:] @ f
            d = 2 * (y_hat - y)
            dW = np.outer(d * net["v"][1:] * f * (1 - f), np.r_[1.0, x])
            for got, true in [(y_hat, ex["y_hat"]), (d * np.r_[1.0, f], ex["dv"]), (dW, ex["dW"])]:
                rel = np.max(np.abs(np.asarray(got) - true) / np.abs(true))
                worst = min(worst, -math.log10(rel))
        return worst

    assert sig_digits(6) > 4.0
    assert 1.5 < sig_digits(2) < 3.0


# -- the reference at random points ------------------------------------------------------

def test_reference_gradients_at_random_points(ref):
    rng = np.random.default_rng(2)
    cg = ref.compgraph
    for _ in range(5):
        W, v = rng.normal(size=(3, 3)), rng.normal(size=4)
        x, y = rng.normal(scale=2, size=2), rng.normal(scale=2)
        y_hat, cache = cg.forward(x, W, v)
        assert isinstance(y_hat, float)
        assert cg.loss(y_hat, y) == pytest.approx(_loss(W, v, x, y), rel=1e-12)
        dW, dv = cg.backward(y, cache)
        assert dW.shape == (3, 3) and dv.shape == (4,)
        np.testing.assert_allclose(dv, _central(lambda v_: _loss(W, v_, x, y), v), rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(dW, _central(lambda W_: _loss(W_, v, x, y), W), rtol=1e-6, atol=1e-8)
        X, Y = rng.normal(scale=2, size=(5, 2)), rng.normal(scale=2, size=5)
        batch = lambda W_, v_: sum(_loss(W_, v_, a, b) for a, b in zip(X, Y))  # noqa: E731
        bW, bv = cg.batch_gradients(X, Y, W, v)
        np.testing.assert_allclose(bv, _central(lambda v_: batch(W, v_), v), rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(bW, _central(lambda W_: batch(W_, v), W), rtol=1e-6, atol=1e-8)
        T = rng.uniform(size=5)
        np.testing.assert_allclose(cg.sigmoid_output_grad_v(X, T, W, v),
                                   _central(lambda v_: _sigmoid_output_E(W, v_, X, T), v), rtol=1e-6, atol=1e-8)


def test_reference_accepts_lists_and_one_example_batches(ref):
    cg = ref.compgraph
    W = [[0.1, -0.2, 0.3], [0.0, 0.5, -0.5], [1.0, 1.0, 1.0]]
    v = [0.5, -1.0, 2.0, 0.25]
    y_hat, cache = cg.forward([1.0, -2.0], W, v)
    dW, dv = cg.backward(3.0, cache)
    bW, bv = cg.batch_gradients([[1.0, -2.0]], [3.0], W, v)
    np.testing.assert_allclose(bW, dW, rtol=1e-15)
    np.testing.assert_allclose(bv, dv, rtol=1e-15)
    assert cg.sigmoid_output_grad_v([[1.0, -2.0]], [0.5], W, v).shape == (4,)


def test_reference_sigmoid_does_not_overflow(ref):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = ref.compgraph.sigmoid(np.array([-1e4, -40.0, 0.0, 40.0, 1e4]))
    np.testing.assert_allclose(s, [0.0, _sig(-40.0), 0.5, _sig(40.0), 1.0], rtol=1e-15, atol=0)


def test_reference_calculus_at_random_points(ref):
    rng = np.random.default_rng(3)
    calc = ref.calculus
    for x, y in rng.uniform(-3, 3, size=(5, 2)):
        np.testing.assert_allclose(calc.grad_f(x, y), _central(lambda p: (2 * p[0] + 3 * p[1]) ** 2, [x, y]),
                                   rtol=1e-8, atol=1e-8)
        np.testing.assert_allclose(calc.jacobian_F(x, y),
                                   [_central(lambda p: _F(p)[i], [x, y]) for i in range(2)], rtol=1e-8, atol=1e-8)
        np.testing.assert_allclose(calc.G(x), [x, x * x], rtol=1e-15)
        np.testing.assert_allclose(calc.jacobian_FG(x), [6 * x, 3 + 16 * x ** 3], rtol=1e-12)


def test_reference_numerical_differences(ref):
    calc = ref.calculus
    rng = np.random.default_rng(4)
    A = rng.normal(size=(3, 3))
    A_before = A.copy()
    np.testing.assert_allclose(calc.numerical_gradient(np.linalg.det, A),
                               np.linalg.det(A) * np.linalg.inv(A).T, rtol=1e-6, atol=1e-8)
    assert np.array_equal(A, A_before), "numerical_gradient changed its argument"
    x = rng.normal(size=5)
    np.testing.assert_allclose(calc.numerical_gradient(np.linalg.norm, x), x / np.linalg.norm(x),
                               rtol=1e-6, atol=1e-8)
    # eps is honoured: central differences of exp are exp(x) sinh(eps) / eps
    np.testing.assert_allclose(calc.numerical_jacobian(np.exp, x, eps=0.1),
                               np.diag(np.exp(x) * np.sinh(0.1) / 0.1), rtol=1e-10, atol=1e-12)
    J = calc.numerical_jacobian(np.diff, x)
    assert J.shape == (4, 5)
    np.testing.assert_allclose(J, np.eye(5, k=1)[:4] - np.eye(5)[:4], atol=1e-9)
    # a function returning a view of its argument must not corrupt the differences
    np.testing.assert_allclose(calc.numerical_jacobian(np.flip, x[:3]), np.fliplr(np.eye(3)), atol=1e-9)
    np.testing.assert_allclose(calc.numerical_jacobian(lambda t: _F(np.array([t[0], t[0] ** 2])), [2.0]).ravel(),
                               calc.jacobian_FG(2.0), rtol=1e-8)


def test_documented_values_agree_with_torch_autograd(doc):
    torch = pytest.importorskip("torch")
    net = doc["network"]
    for ex, x, y in zip(doc["examples"], net["X"], net["Y"]):
        W = torch.tensor(net["W"], dtype=torch.float64, requires_grad=True)
        v = torch.tensor(net["v"], dtype=torch.float64, requires_grad=True)
        xb = torch.tensor(np.r_[1.0, x], dtype=torch.float64)
        f = torch.sigmoid(W @ xb)
        y_hat = v[0] + v[1:] @ f
        loss = (y_hat - float(y)) ** 2
        loss.backward()
        np.testing.assert_allclose(ex["y_hat"], y_hat.item(), rtol=1e-12)
        np.testing.assert_allclose(ex["dW"], W.grad.numpy(), rtol=1e-12)
        np.testing.assert_allclose(ex["dv"], v.grad.numpy(), rtol=1e-12)
    W = torch.tensor(net["W"], dtype=torch.float64)
    v = torch.tensor(net["v"], dtype=torch.float64, requires_grad=True)
    X = torch.tensor(np.hstack([np.ones((3, 1)), net["X"]]), dtype=torch.float64)
    F = torch.sigmoid(X @ W.T)
    y_hat = torch.sigmoid(v[0] + F @ v[1:])
    E = 0.5 * ((y_hat - torch.tensor(net["Y"], dtype=torch.float64)) ** 2).sum()
    E.backward()
    np.testing.assert_allclose(doc["sigmoid_output"]["dv"], v.grad.numpy(), rtol=1e-12)
    J = torch.autograd.functional.jacobian(
        lambda t: torch.stack([t ** 2 + 2 * t ** 2, 3 * t + 4 * t ** 4]), torch.tensor(2.0, dtype=torch.float64))
    np.testing.assert_allclose(doc["calculus"]["jacobian_FG"]["expected"], J.numpy(), rtol=1e-12)


# -- the example submissions -------------------------------------------------------------

def test_handout_prints_the_true_values():
    """Values worked out independently (full-precision sigmoid) appear in the generated handout."""
    text = (paths.ASSIGNMENTS / "hw2_compgraph" / "README.md").read_text(encoding="utf-8")
    for value in ["0.522485", "0.0567491", "63.0952", "-15.8865", "-8.30046", "-0.0792719",  # example 1
                  "-0.109036", "-0.655522", "-0.0991276", "-0.396718",                        # examples 2, 3
                  "-57.6578", "-1.36958", "-6.85872",                                         # batch, sigmoid out
                  "[32, 48]", "[[2, 2], [3, 16]]", "[12, 131]", "[6, 3, 2]"]:
        assert value in text, value
