"""Public tests of hw3_layers: the two worked networks of the handout.

Each documented case is one example (a batch of one). The values are in
tests/documented.json; the handout (README.md) prints the same numbers.
"""

import numpy as np
import pytest

from grader.testing import assert_close, parts

CASES = ["seed002", "seed003", "seed003_w5_neg"]
PARAM_KEYS = ["W1", "b1", "W2", "b2"]


def _a(value):
    return np.asarray(value, dtype=float)


def _params(case):
    return {k: _a(case["params"][k]) for k in PARAM_KEYS}


RETURNS = {"affine_forward": ("out", "cache"), "sigmoid_forward": ("out", "cache"), "l2_loss": ("loss", "dy_hat"),
           "two_layer_forward": ("y_hat", "cache"), "two_layer_loss_and_grads": ("loss", "grads"),
           "affine_backward": ("dx", "dW", "db")}


def _returns(result, call):
    return parts(result, call, RETURNS[call])


def _grads(grads, call):
    assert isinstance(grads, dict), f"{call} must return (loss, grads) with grads a dict; got {type(grads).__name__}"
    missing = [k for k in PARAM_KEYS if k not in grads]
    assert not missing, f"{call}: grads has no key {', '.join(missing)} (expected keys {PARAM_KEYS})"
    return {k: grads[k] for k in PARAM_KEYS}


def _fail_if_scaled(got, expected, factor, message):
    """Fail with ``message`` when ``got`` is ``expected`` times ``factor``: a known slip."""
    try:
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return
    expected = np.asarray(expected, dtype=float)
    if arr.shape == expected.shape and np.any(expected != 0) and np.allclose(arr, expected * factor, rtol=1e-9, atol=0):
        raise AssertionError(message)


@pytest.mark.points("affine")
def test_affine_forward_documented(submission, documented):
    """affine_forward on the worked examples (z1 and z2)"""
    L = submission.layers
    for name in CASES:
        c = documented[name]
        p = _params(c)
        X, h = _a(c["X"]), _a(c["forward"]["h"])
        z1, _ = _returns(L.affine_forward(X, p["W1"], p["b1"]), "affine_forward")
        assert_close(z1, _a(c["forward"]["z1"]), name=f"{name}: z1 = affine_forward(x, W1, b1)",
                     inputs={"x": X, "W1": p["W1"], "b1": p["b1"]})
        z2, _ = _returns(L.affine_forward(h, p["W2"], p["b2"]), "affine_forward")
        assert_close(z2, _a(c["forward"]["z2"]), name=f"{name}: z2 = affine_forward(h, W2, b2)",
                     inputs={"h": h, "W2": p["W2"], "b2": p["b2"]})


@pytest.mark.points("affine")
def test_affine_backward_documented(submission, documented):
    """affine_backward on the worked examples (both layers)"""
    L = submission.layers
    for name in CASES:
        c = documented[name]
        p = _params(c)
        X, h = _a(c["X"]), _a(c["forward"]["h"])
        b, g = c["backward"], c["grads"]

        _, cache = _returns(L.affine_forward(h, p["W2"], p["b2"]), "affine_forward")
        dz2 = _a(b["dz2"])
        dh, dW2, db2 = _returns(L.affine_backward(dz2, cache), "affine_backward")
        where = f"{name}: affine_backward(dz2, cache of affine_forward(h, W2, b2))"
        inputs = {"h": h, "W2": p["W2"], "dz2": dz2}
        assert_close(dh, _a(b["dh"]), name=f"{where}, dx", inputs=inputs)
        assert_close(dW2, _a(g["W2"]), name=f"{where}, dW", inputs=inputs)
        assert_close(db2, _a(g["b2"]), name=f"{where}, db", inputs=inputs)

        _, cache = _returns(L.affine_forward(X, p["W1"], p["b1"]), "affine_forward")
        dz1 = _a(b["dz1"])
        dX, dW1, db1 = _returns(L.affine_backward(dz1, cache), "affine_backward")
        where = f"{name}: affine_backward(dz1, cache of affine_forward(x, W1, b1))"
        inputs = {"x": X, "W1": p["W1"], "dz1": dz1}
        assert_close(dX, _a(b["dX"]), name=f"{where}, dx", inputs=inputs)
        assert_close(dW1, _a(g["W1"]), name=f"{where}, dW", inputs=inputs)
        assert_close(db1, _a(g["b1"]), name=f"{where}, db", inputs=inputs)


@pytest.mark.points("sigmoid")
def test_sigmoid_forward_documented(submission, documented):
    """sigmoid_forward on the worked examples"""
    L = submission.layers
    for name in CASES:
        f = documented[name]["forward"]
        for z, a in (("z1", "h"), ("z2", "y_hat")):
            out, _ = _returns(L.sigmoid_forward(_a(f[z])), "sigmoid_forward")
            assert_close(out, _a(f[a]), name=f"{name}: {a} = sigmoid_forward({z})", inputs={z: _a(f[z])})


@pytest.mark.points("sigmoid")
def test_sigmoid_backward_documented(submission, documented):
    """sigmoid_backward on the worked examples"""
    L = submission.layers
    for name in CASES:
        f, b = documented[name]["forward"], documented[name]["backward"]
        for z, up, down in (("z2", "dy_hat", "dz2"), ("z1", "dh", "dz1")):
            _, cache = _returns(L.sigmoid_forward(_a(f[z])), "sigmoid_forward")
            dz = L.sigmoid_backward(_a(b[up]), cache)
            assert_close(dz, _a(b[down]), name=f"{name}: {down} = sigmoid_backward({up}, cache of sigmoid_forward({z}))",
                         inputs={z: _a(f[z]), up: _a(b[up])})


@pytest.mark.points("loss")
def test_l2_loss_documented(submission, documented):
    """l2_loss on the worked examples"""
    L = submission.layers
    for name in CASES:
        c = documented[name]
        y_hat, Y = _a(c["forward"]["y_hat"]), _a(c["Y"])
        loss, dy_hat = _returns(L.l2_loss(y_hat, Y), "l2_loss")
        inputs = {"y_hat": y_hat, "y": Y}
        assert_close(loss, float(c["loss"]), name=f"{name}: loss of l2_loss(y_hat, y)", inputs=inputs)
        _fail_if_scaled(dy_hat, _a(c["backward"]["dy_hat"]), 0.5,
                        f"{name}: dy_hat of l2_loss(y_hat, y) is half the right value: the derivative "
                        "of (y_hat - y)**2 is 2 (y_hat - y)")
        assert_close(dy_hat, _a(c["backward"]["dy_hat"]), name=f"{name}: dy_hat of l2_loss(y_hat, y)", inputs=inputs)


@pytest.mark.points("network")
def test_two_layer_forward_documented(submission, documented):
    """two_layer_forward on the worked examples"""
    L = submission.layers
    for name in CASES:
        c = documented[name]
        X, p = _a(c["X"]), _params(c)
        y_hat, _ = _returns(L.two_layer_forward(X, p), "two_layer_forward")
        assert_close(y_hat, _a(c["forward"]["y_hat"]), name=f"{name}: y_hat of two_layer_forward(X, params)",
                     inputs={"X": X, **p})


@pytest.mark.points("network")
def test_two_layer_loss_and_grads_documented(submission, documented):
    """two_layer_loss_and_grads on the worked examples"""
    L = submission.layers
    for name in CASES:
        c = documented[name]
        X, Y, p = _a(c["X"]), _a(c["Y"]), _params(c)
        loss, grads = _returns(L.two_layer_loss_and_grads(X, Y, p), "two_layer_loss_and_grads")
        inputs = {"X": X, "Y": Y, **p}
        assert_close(loss, float(c["loss"]), name=f"{name}: loss of two_layer_loss_and_grads", inputs=inputs)
        grads = _grads(grads, "two_layer_loss_and_grads")
        for k in PARAM_KEYS:
            assert_close(grads[k], _a(c["grads"][k]), name=f"{name}: grads['{k}'] of two_layer_loss_and_grads",
                         inputs=inputs)
