"""hw3_layers: the reference solution, the starter and the tests' own helpers.

The reference's backwards are checked by central finite differences written
here (not the grader's), on random shapes; torch cross-checks when installed.
"""

import ast
import pathlib
import warnings

import numpy as np
import pytest
import yaml

from grader.assignment import load_reference
from conftest import load_module

ROOT = pathlib.Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "solutions" / "hw3_layers"
ASSIGNMENT = ROOT / "assignments" / "hw3_layers"



@pytest.fixture(scope="module")
def L():
    return load_reference("hw3_layers").layers


def _fd(f, x, eps=1e-6):
    """Central differences of scalar f at array x (x is not modified)."""
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[idx] += eps
        xm[idx] -= eps
        g[idx] = (f(xp) - f(xm)) / (2 * eps)
    return g


def _close(a, b, tol=1e-7):
    a, b = np.asarray(a, float), np.asarray(b, float)
    assert a.shape == b.shape, (a.shape, b.shape)
    scale = max(float(np.max(np.abs(a) + np.abs(b))) if a.size else 0.0, 1e-12)
    err = float(np.max(np.abs(a - b))) / scale if a.size else 0.0
    assert err < tol, err


SHAPES = [(1, 1, 1), (1, 3, 2), (5, 4, 3), (7, 2, 6), (3, 16, 16)]


@pytest.mark.parametrize("N,D,M", SHAPES)
def test_affine_backward_by_finite_differences(L, N, D, M):
    rng = np.random.default_rng(N * 100 + D * 10 + M)
    x, W, b = rng.normal(size=(N, D)), rng.normal(size=(M, D)), rng.normal(size=M)
    dout = rng.normal(size=(N, M))
    out, cache = L.affine_forward(x, W, b)
    assert out.shape == (N, M)
    np.testing.assert_allclose(out, np.einsum("nd,md->nm", x, W) + b, rtol=1e-12)
    dx, dW, db = L.affine_backward(dout, cache)
    assert (dx.shape, dW.shape, db.shape) == (x.shape, W.shape, b.shape)
    _close(dx, _fd(lambda v: np.sum(dout * L.affine_forward(v, W, b)[0]), x))
    _close(dW, _fd(lambda v: np.sum(dout * L.affine_forward(x, v, b)[0]), W))
    _close(db, _fd(lambda v: np.sum(dout * L.affine_forward(x, W, v)[0]), b))


@pytest.mark.parametrize("shape", [(1, 1), (4, 3), (2, 3, 4)])
def test_sigmoid_backward_by_finite_differences(L, shape):
    rng = np.random.default_rng(sum(shape))
    x, dout = rng.normal(scale=3, size=shape), rng.normal(size=shape)
    out, cache = L.sigmoid_forward(x)
    np.testing.assert_allclose(out, 1 / (1 + np.exp(-x)), rtol=1e-14)
    _close(L.sigmoid_backward(dout, cache), _fd(lambda v: np.sum(dout * L.sigmoid_forward(v)[0]), x))


def test_sigmoid_extremes_without_warnings(L):
    x = np.array([-1e4, -800.0, -745.0, -50.0, 0.0, 50.0, 800.0, 1e4])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out, cache = L.sigmoid_forward(x)
        dx = L.sigmoid_backward(np.ones_like(x), cache)
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(dx))
    assert out[0] == 0.0 and out[-1] == 1.0 and out[4] == 0.5
    np.testing.assert_allclose(out[3], np.exp(-50.0) / (1 + np.exp(-50.0)), rtol=1e-14)


def test_l2_loss_is_a_sum_with_gradient(L):
    rng = np.random.default_rng(3)
    y_hat, y = rng.normal(size=(6, 3)), rng.normal(size=(6, 3))
    loss, dy = L.l2_loss(y_hat, y)
    assert isinstance(loss, float)
    assert np.isclose(loss, sum((a - b) ** 2 for a, b in zip(y_hat.ravel(), y.ravel())), rtol=1e-13)
    _close(dy, _fd(lambda v: L.l2_loss(v, y)[0], y_hat))


@pytest.mark.parametrize("N,D,H,K", [(1, 1, 1, 1), (1, 3, 2, 1), (6, 4, 3, 2), (9, 5, 7, 3)])
def test_two_layer_grads_by_finite_differences(L, N, D, H, K):
    rng = np.random.default_rng(N + 10 * D + 100 * H + 1000 * K)
    X, Y = rng.normal(size=(N, D)), rng.uniform(size=(N, K))
    params = {"W1": rng.normal(size=(H, D)), "b1": rng.normal(size=H),
              "W2": rng.normal(size=(K, H)), "b2": rng.normal(size=K)}
    y_hat, _ = L.two_layer_forward(X, params)
    assert y_hat.shape == (N, K)
    loss, grads = L.two_layer_loss_and_grads(X, Y, params)
    assert np.isclose(loss, np.sum((y_hat - Y) ** 2), rtol=1e-13)
    assert sorted(grads) == sorted(params)
    for k in params:
        assert grads[k].shape == params[k].shape

        def f(v, k=k):
            return L.two_layer_loss_and_grads(X, Y, {**params, k: v})[0]
        _close(grads[k], _fd(f, params[k]))
    # the loss and gradients of a batch are the sums over its examples
    singles = [L.two_layer_loss_and_grads(X[n:n + 1], Y[n:n + 1], params) for n in range(N)]
    assert np.isclose(loss, sum(s[0] for s in singles), rtol=1e-12)
    for k in params:
        np.testing.assert_allclose(grads[k], sum(s[1][k] for s in singles), rtol=1e-10, atol=1e-14)


def test_two_layer_matches_torch(L):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(7)
    X, Y = rng.normal(size=(13, 6)), rng.normal(size=(13, 4))
    params = {"W1": rng.normal(size=(5, 6)), "b1": rng.normal(size=5),
              "W2": rng.normal(size=(4, 5)), "b2": rng.normal(size=4)}
    loss, grads = L.two_layer_loss_and_grads(X, Y, params)
    t = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    Xt, Yt = torch.tensor(X), torch.tensor(Y)
    out = torch.sigmoid(torch.sigmoid(Xt @ t["W1"].T + t["b1"]) @ t["W2"].T + t["b2"])
    tl = ((out - Yt) ** 2).sum()
    tl.backward()
    assert np.isclose(loss, tl.item(), rtol=1e-12)
    for k in params:
        np.testing.assert_allclose(grads[k], t[k].grad.numpy(), rtol=1e-10, atol=1e-14)


def test_masked_W1_gets_the_dense_gradient(L):
    params = {"W1": np.array([[-1.7, 0.1, 0.0, 0.0], [0.0, 0.0, -0.6, -1.8]]), "b1": np.zeros(2),
              "W2": np.array([[0.2, 0.5]]), "b2": np.zeros(1)}
    X = np.array([[0.7, 1.2, 1.1, 2.0], [0.3, -0.4, 0.9, 1.5]])
    Y = np.array([[0.5], [0.1]])
    _, grads = L.two_layer_loss_and_grads(X, Y, params)
    assert np.all(grads["W1"][params["W1"] == 0] != 0)
    _close(grads["W1"], _fd(lambda v: L.two_layer_loss_and_grads(X, Y, {**params, "W1": v})[0], params["W1"]))


def _function_names(path):
    tree = ast.parse(pathlib.Path(path).read_text())
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}


def test_assignment_yaml_names_every_reference_function():
    spec = yaml.safe_load((ASSIGNMENT / "assignment.yaml").read_text())
    assert spec["modules"] == ["layers"]
    public = {n for n in _function_names(SOLUTION / "layers.py") if not n.startswith("_")}
    assert set(spec["functions"]["layers"]) == public
    assert sum(g["public"] + g["hidden"] for g in spec["rubric"]) == 20


def test_starter_stubs_raise_not_implemented():
    starter = ASSIGNMENT / "layers.py"
    module = load_module("hw3_starter_layers", starter)
    spec = yaml.safe_load((ASSIGNMENT / "assignment.yaml").read_text())
    ref_defs = _function_names(SOLUTION / "layers.py")
    stub_defs = _function_names(starter)
    for name in spec["functions"]["layers"]:
        assert ast.dump(stub_defs[name].args) == ast.dump(ref_defs[name].args), name
        args = [np.zeros((1, 1))] * len(ref_defs[name].args.args)
        with pytest.raises(NotImplementedError):
            getattr(module, name)(*args)


HIDDEN = SOLUTION / "tests" / "test_hidden.py"
PUBLIC = ASSIGNMENT / "tests" / "test_public.py"


def test_every_test_carries_points_of_a_rubric_group():
    spec = yaml.safe_load((ASSIGNMENT / "assignment.yaml").read_text())
    groups = {g["group"] for g in spec["rubric"]}
    for path in (PUBLIC, HIDDEN):
        seen = set()
        for name, node in _function_names(path).items():
            if not name.startswith("test_"):
                continue
            marks = [d for d in node.decorator_list
                     if isinstance(d, ast.Call) and getattr(d.func, "attr", None) == "points"]
            assert len(marks) == 1, f"{path.name}::{name} has no points marker"
            seen.add(marks[0].args[0].value)
        assert seen == groups, (path.name, seen, groups)
