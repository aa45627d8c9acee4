"""Hidden tests of hw3_layers: random shapes and weights, finite differences,
the loss as a sum, and dense gradients of weights that are zero.

Shapes: every list of random shapes starts with fixed shapes that any of the
common bugs fails on (a batch of more than one, fan_in != fan_out), so whether
a bug is caught never depends on the draw; the rest are drawn from the `rng`
fixture (batch 1 to 64, widths 1 to 16). Finite differences run on the
reference forward in the grader's process (no calls into the submission), so
they check the submission's backward against the true derivative, independently
of the reference backward; and first, the student's own function the backward
differentiates (the forward whose cache it gets, or the loss returned with the
gradient) must agree with the reference on the same inputs, else the test earns
nothing.
"""

import numpy as np
import pytest

from grader.mistakes import and_arguments
from grader.testing import (assert_close, assert_function_right, assert_no_warnings, diagnosing, first_departure,
                            numerical_gradient, parts)

PARAM_KEYS = ["W1", "b1", "W2", "b2"]
MAX_BATCH, MAX_WIDTH = 64, 16


RETURNS = {"affine_forward": ("out", "cache"), "sigmoid_forward": ("out", "cache"), "l2_loss": ("loss", "dy_hat"),
           "two_layer_forward": ("y_hat", "cache"), "two_layer_loss_and_grads": ("loss", "grads"),
           "affine_backward": ("dx", "dW", "db")}


def _returns(result, call):
    return parts(result, call, RETURNS[call])


def _grads(grads, call):
    """The gradient dict of two_layer_loss_and_grads, checked for its keys."""
    if not isinstance(grads, dict):
        raise AssertionError(f"{call} must return (loss, grads), grads a dict; it returned {type(grads).__name__}")
    missing = [k for k in PARAM_KEYS if k not in grads]
    if missing:
        raise AssertionError(f"{call}: grads lacks the key(s) {', '.join(missing)}; it needs {PARAM_KEYS}")
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


def _draw(rng, n):
    """A random integer in 1..n."""
    return int(rng.integers(1, n + 1))


def _scalar(value, call):
    """The float value of a returned loss; fails with a message when it is not one number."""
    try:
        arr = np.asarray(value)
    except Exception:  # noqa: BLE001 - a loss of any type: say so below
        arr = np.asarray(None)
    assert arr.size == 1 and arr.dtype.kind in "biuf", (
        f"{call} must return the loss as one number (a float); got {type(value).__name__}"
        + (f" of shape {arr.shape}" if arr.ndim else ""))
    return float(arr.reshape(()))


def _assert_fd(analytic, numeric, *, name, inputs=None):
    """Compare a gradient with central differences (eps 1e-6).

    The difference quotient carries a rounding error of about 1e-16 |f| / eps
    in every entry, so entries near 0 are compared with an absolute tolerance
    scaled to the gradient instead of a relative one; every bug the tests look
    for is off by far more.
    """
    numeric = np.array(numeric, dtype=float)  # central differences, shape of the gradient
    scale = max(1.0, float(np.max(np.abs(numeric)))) if numeric.size else 1.0
    assert_close(analytic, numeric, name=f"{name} (checked by finite differences)", rtol=1e-5,
                 atol=1e-6 * scale, inputs=inputs)


def _affine_shapes(rng, random=3):
    """(N, D, M): fixed shapes first, then random ones."""
    shapes = [(5, 4, 3), (1, 1, 1)]
    for _ in range(random):
        shapes.append((_draw(rng, MAX_BATCH), _draw(rng, MAX_WIDTH), _draw(rng, MAX_WIDTH)))
    return shapes


def _net_shapes(rng, random=2):
    """(N, D, H, K): fixed shapes first, then random ones."""
    shapes = [(5, 4, 3, 2), (1, 1, 1, 1)]
    for _ in range(random):
        shapes.append((_draw(rng, MAX_BATCH), _draw(rng, MAX_WIDTH), _draw(rng, MAX_WIDTH), _draw(rng, MAX_WIDTH)))
    return shapes


def _affine_data(rng, N, D, M):
    return rng.normal(size=(N, D)), rng.normal(size=(M, D)), rng.normal(size=M)


def _net_data(rng, N, D, H, K):
    X = rng.normal(size=(N, D))
    Y = rng.uniform(-0.5, 1.5, size=(N, K))
    params = {
        "W1": rng.normal(size=(H, D)),
        "b1": rng.normal(size=H),
        "W2": rng.normal(size=(K, H)),
        "b2": rng.normal(size=K),
    }
    return X, Y, params


def _ref_loss(reference, X, Y, params):
    y_hat, _ = reference.layers.two_layer_forward(X, params)
    return reference.layers.l2_loss(y_hat, Y)[0]


# --------------------------------------------------------------------- affine

@pytest.mark.points("affine")
def test_affine_forward_random_shapes(submission, reference, rng):
    """affine_forward on random shapes"""
    for N, D, M in _affine_shapes(rng):
        x, W, b = _affine_data(rng, N, D, M)
        out, _ = _returns(submission.layers.affine_forward(x, W, b), "affine_forward")
        expected, _ = reference.layers.affine_forward(x, W, b)
        assert_close(out, expected, name=f"affine_forward out for x {x.shape}, W {W.shape}, b {b.shape}",
                     inputs={"x": x, "W": W, "b": b})


@pytest.mark.points("affine", weight=2)
def test_affine_backward_random_shapes(submission, reference, rng):
    """affine_backward on random shapes"""
    for N, D, M in _affine_shapes(rng):
        x, W, b = _affine_data(rng, N, D, M)
        dout = rng.normal(size=(N, M))
        _, cache = _returns(submission.layers.affine_forward(x, W, b), "affine_forward")
        got = _returns(submission.layers.affine_backward(dout, cache), "affine_backward")
        _, ref_cache = reference.layers.affine_forward(x, W, b)
        expected = reference.layers.affine_backward(dout, ref_cache)
        where = f"affine_backward for x {x.shape}, W {W.shape}, b {b.shape}, dout {dout.shape}"
        if N > 1:
            _fail_if_scaled(got[2], expected[2], 1.0 / N,
                            f"{where}: db is the mean of dout over the batch; b is shared by all {N} "
                            "examples, so its gradient is their sum")
        for label, g, e in zip(("dx", "dW", "db"), got, expected):
            assert_close(g, e, name=f"{where}: {label}", inputs={"x": x, "W": W, "dout": dout})


@pytest.mark.points("affine")
def test_affine_backward_finite_differences(submission, reference, rng):
    """affine_backward against finite differences"""
    shapes = [(4, 3, 5)] + [(_draw(rng, 8), _draw(rng, MAX_WIDTH), _draw(rng, MAX_WIDTH))]
    f = reference.layers.affine_forward
    for N, D, M in shapes:
        x, W, b = _affine_data(rng, N, D, M)
        dout = rng.normal(size=(N, M))
        out, cache = _returns(submission.layers.affine_forward(x, W, b), "affine_forward")
        assert_function_right(out, f(x, W, b)[0], function="affine_forward", gradient="affine_backward",
                              name=f"affine_forward out for x {x.shape}, W {W.shape}, b {b.shape}",
                              inputs={"x": x, "W": W, "b": b})
        dx, dW, db = _returns(submission.layers.affine_backward(dout, cache), "affine_backward")
        where = f"affine_backward for x {x.shape}, W {W.shape}, dout {dout.shape}"
        inputs = {"x": x, "W": W, "b": b, "dout": dout}
        _assert_fd(dx, numerical_gradient(lambda v: float(np.sum(dout * f(v, W, b)[0])), x),
                   name=f"{where}: dx", inputs=inputs)
        _assert_fd(dW, numerical_gradient(lambda v: float(np.sum(dout * f(x, v, b)[0])), W),
                   name=f"{where}: dW", inputs=inputs)
        _assert_fd(db, numerical_gradient(lambda v: float(np.sum(dout * f(x, W, v)[0])), b),
                   name=f"{where}: db", inputs=inputs)


# -------------------------------------------------------------------- sigmoid

@pytest.mark.points("sigmoid")
def test_sigmoid_forward_random_and_extreme(submission, reference, rng):
    """sigmoid_forward on random and extreme inputs"""
    extreme = np.array([-1e4, -800.0, -50.0, -1.0, -1e-9, 0.0, 1e-9, 1.0, 50.0, 800.0, 1e4])
    cases = [
        extreme,
        rng.normal(scale=4.0, size=(_draw(rng, MAX_BATCH), _draw(rng, MAX_WIDTH))),
        rng.normal(scale=4.0, size=(2, 3, 4)),
    ]
    for x in cases:
        out, _ = _returns(submission.layers.sigmoid_forward(x), "sigmoid_forward")
        expected, _ = reference.layers.sigmoid_forward(x)
        # an overflow (exp(x) / (1 + exp(x)) at x = 800, say) is named by the library of mistakes, on its probe
        assert_close(out, expected, name=f"sigmoid_forward out for x of shape {x.shape}", inputs={"x": x})
        assert_no_warnings(submission, f"sigmoid_forward(x) for x of shape {x.shape} (exp of a large number overflows)")


@pytest.mark.points("sigmoid")
def test_sigmoid_backward_random(submission, reference, rng):
    """sigmoid_backward on random inputs and against finite differences"""
    f = reference.layers.sigmoid_forward
    for shape in [(5, 3), (_draw(rng, MAX_BATCH), _draw(rng, MAX_WIDTH))]:
        x = rng.normal(scale=2.0, size=shape)
        dout = rng.normal(size=shape)
        out, cache = _returns(submission.layers.sigmoid_forward(x), "sigmoid_forward")
        assert_function_right(out, f(x)[0], function="sigmoid_forward", gradient="sigmoid_backward",
                              name=f"sigmoid_forward out for x of shape {x.shape}", inputs={"x": x})
        dx = submission.layers.sigmoid_backward(dout, cache)
        where = f"sigmoid_backward for x of shape {x.shape}"
        expected = reference.layers.sigmoid_backward(dout, f(x)[1])
        assert_close(dx, expected, name=where, inputs={"x": x, "dout": dout})
        _assert_fd(dx, numerical_gradient(lambda v: float(np.sum(dout * f(v)[0])), x),
                   name=f"{where}: dx", inputs={"x": x, "dout": dout})


# ----------------------------------------------------------------------- loss

@pytest.mark.points("loss")
def test_l2_loss_random(submission, reference, rng):
    """l2_loss on random shapes, against finite differences, and leaving its inputs unchanged"""
    for N, K in [(6, 3), (_draw(rng, MAX_BATCH - 1) + 1, _draw(rng, MAX_WIDTH))]:
        y_hat, y = rng.normal(size=(N, K)), rng.normal(size=(N, K))
        result, (y_hat_after, y_after) = and_arguments(submission.layers.l2_loss, y_hat, y)
        loss, dy_hat = _returns(result, "l2_loss")
        ref_loss, ref_dy = reference.layers.l2_loss(y_hat, y)
        where = f"l2_loss for y_hat, y of shape {y.shape}"
        inputs = {"y_hat": y_hat, "y": y}
        assert_function_right(loss, float(ref_loss), function="l2_loss", gradient="its dy_hat",
                              name=f"{where}: loss", inputs=inputs)
        _fail_if_scaled(dy_hat, ref_dy, 0.5, f"{where}: dy_hat is half the right value: the derivative of "
                        "(y_hat - y)**2 is 2 (y_hat - y)")
        assert_close(dy_hat, ref_dy, name=f"{where}: dy_hat", inputs=inputs)
        numeric = numerical_gradient(lambda v: float(reference.layers.l2_loss(v, y)[0]), y_hat)
        _assert_fd(dy_hat, numeric, name=f"{where}: dy_hat", inputs=inputs)
        # y_hat is the output sigmoid's cache in the network: a loss that overwrites it (y_hat -= y)
        # breaks the backward pass that follows, so the cost is l2_loss's own
        for label, before, after in (("y_hat", y_hat, y_hat_after), ("y", y, y_after)):
            if not np.array_equal(np.asarray(after, dtype=float), before):
                raise AssertionError(
                    f"{where}: l2_loss changed its argument {label} in place (the caller's array); "
                    f"y_hat is also the output sigmoid's cache, which the backward pass reads after the loss. "
                    f"Compute y_hat - y into a new array instead of overwriting {label}")


@pytest.mark.points("loss")
def test_l2_loss_is_a_sum(submission, rng):
    """l2_loss is a sum over all elements, not a mean"""
    y_hat, y = rng.normal(size=(8, 3)), rng.normal(size=(8, 3))
    loss, _ = _returns(submission.layers.l2_loss(y_hat, y), "l2_loss")
    total = float(np.sum((y_hat - y) ** 2))
    if np.isclose(_scalar(loss, "l2_loss"), total / y.size, rtol=1e-9):
        raise AssertionError(
            f"l2_loss for y of shape {y.shape} returned the mean of (y_hat - y)**2 ({total / y.size:.6g}); "
            f"the loss is the sum over all elements ({total:.6g})")
    assert_close(loss, total, name=f"l2_loss for y of shape {y.shape}: the sum of (y_hat - y)**2",
                 inputs={"y_hat": y_hat, "y": y})


# -------------------------------------------------------------------- network

@pytest.mark.points("network")
def test_two_layer_forward_random_shapes(submission, reference, rng):
    """two_layer_forward on random shapes"""
    for N, D, H, K in _net_shapes(rng):
        X, _, params = _net_data(rng, N, D, H, K)
        y_hat, _ = _returns(submission.layers.two_layer_forward(X, params), "two_layer_forward")
        expected, _ = reference.layers.two_layer_forward(X, params)
        assert_close(y_hat, expected, name=f"two_layer_forward y_hat for X {X.shape}, W1 {params['W1'].shape}, "
                     f"W2 {params['W2'].shape}", inputs={"X": X, **params})


@pytest.mark.points("network", weight=2)
def test_two_layer_loss_and_grads_random_shapes(submission, reference, rng):
    """two_layer_loss_and_grads on random shapes"""
    for N, D, H, K in _net_shapes(rng):
        X, Y, params = _net_data(rng, N, D, H, K)
        loss, grads = _returns(submission.layers.two_layer_loss_and_grads(X, Y, params), "two_layer_loss_and_grads")
        ref_loss, ref_grads = reference.layers.two_layer_loss_and_grads(X, Y, params)
        where = f"two_layer_loss_and_grads for X {X.shape}, W1 {params['W1'].shape}, W2 {params['W2'].shape}"
        inputs = {"X": X, "Y": Y, **params}
        try:
            assert_close(loss, float(ref_loss), name=f"{where}: loss", inputs=inputs)
            grads = _grads(grads, "two_layer_loss_and_grads")
            for k in PARAM_KEYS:
                assert_close(grads[k], ref_grads[k], name=f"{where}: grads['{k}']", inputs=inputs)
        except AssertionError as e:
            with diagnosing():
                where = _departure(submission, reference, X, Y, params)
            raise AssertionError(f"{e}\n  Where it departs: {where}") from None


def _departure(submission, reference, X, Y, params) -> str:
    """The network's first wrong node: each of the student's layers run on the reference's values,
    forward, then backward from the loss."""
    L, R = submission.layers, reference.layers
    p = params
    z1, c1 = R.affine_forward(X, p["W1"], p["b1"])
    h, c2 = R.sigmoid_forward(z1)
    z2, c3 = R.affine_forward(h, p["W2"], p["b2"])
    y_hat, c4 = R.sigmoid_forward(z2)
    loss, dy_hat = R.l2_loss(y_hat, Y)
    dz2 = R.sigmoid_backward(dy_hat, c4)
    dh, dW2, db2 = R.affine_backward(dz2, c3)
    dz1 = R.sigmoid_backward(dh, c2)
    _, dW1, db1 = R.affine_backward(dz1, c1)
    calls = {  # the student's calls, each made once: its forward caches feed its backward
        "z1": lambda: L.affine_forward(X, p["W1"], p["b1"]), "h": lambda: L.sigmoid_forward(z1),
        "z2": lambda: L.affine_forward(h, p["W2"], p["b2"]), "y_hat": lambda: L.sigmoid_forward(z2),
        "output backward": lambda: L.affine_backward(dz2, ran("z2")[1]),
        "hidden backward": lambda: L.affine_backward(dz1, ran("z1")[1]),
    }
    made = {}

    def ran(key):
        if key not in made:
            made[key] = parts(calls[key](), key, 3 if key.endswith("backward") else 2)
        return made[key]

    steps = [
        ("affine_forward of the hidden layer (z1)", lambda: ran("z1")[0], z1),
        ("sigmoid_forward of the hidden layer (h)", lambda: ran("h")[0], h),
        ("affine_forward of the output layer (z2)", lambda: ran("z2")[0], z2),
        ("sigmoid_forward of the output layer (y_hat)", lambda: ran("y_hat")[0], y_hat),
        ("l2_loss's loss", lambda: parts(L.l2_loss(y_hat, Y), "l2_loss")[0], loss),
        ("l2_loss's dy_hat", lambda: parts(L.l2_loss(y_hat, Y), "l2_loss")[1], dy_hat),
        ("sigmoid_backward of the output layer (dL/dz2)", lambda: L.sigmoid_backward(dy_hat, ran("y_hat")[1]), dz2),
        ("affine_backward of the output layer: dW2", lambda: ran("output backward")[1], dW2),
        ("affine_backward of the output layer: dh", lambda: ran("output backward")[0], dh),
        ("sigmoid_backward of the hidden layer (dL/dz1)", lambda: L.sigmoid_backward(dh, ran("h")[1]), dz1),
        ("affine_backward of the hidden layer: dW1", lambda: ran("hidden backward")[1], dW1),
        ("affine_backward of the hidden layer: db1", lambda: ran("hidden backward")[2], db1),
    ]
    return first_departure(steps, len(X)) or ("every layer is right on its own: the error is in what passes "
                                              "between them (their order, a cache, or a value changed in place)")


@pytest.mark.points("network")
def test_two_layer_grads_finite_differences(submission, reference, rng):
    """two_layer_loss_and_grads against finite differences"""
    shapes = [(4, 3, 5, 2), (_draw(rng, 8), _draw(rng, 6), _draw(rng, 6), _draw(rng, 3))]
    for N, D, H, K in shapes:
        X, Y, params = _net_data(rng, N, D, H, K)
        loss, grads = _returns(submission.layers.two_layer_loss_and_grads(X, Y, params), "two_layer_loss_and_grads")
        where = f"two_layer_loss_and_grads for X {X.shape}, W1 {params['W1'].shape}, W2 {params['W2'].shape}"
        assert_function_right(loss, float(_ref_loss(reference, X, Y, params)), function="network's loss",
                              gradient="its grads", name=f"{where}: loss", inputs={"X": X, "Y": Y, **params})
        grads = _grads(grads, "two_layer_loss_and_grads")
        for k in PARAM_KEYS:
            def f(v, k=k):
                return float(_ref_loss(reference, X, Y, {**params, k: v}))
            _assert_fd(grads[k], numerical_gradient(f, params[k]), name=f"{where}: grads['{k}']",
                       inputs={"X": X, "Y": Y, **params})


@pytest.mark.points("network")
def test_two_layer_zero_weights_get_dense_gradient(submission, reference, rng):
    """weights equal to 0 still get their gradient (seed 003's W1)"""
    # The edge case earns credit only when the main case is right: the gradients on an ordinary batch.
    X, Y, ordinary = _net_data(rng, 5, 4, 3, 2)
    _, grads = _returns(submission.layers.two_layer_loss_and_grads(X, Y, ordinary), "two_layer_loss_and_grads")
    grads = _grads(grads, "two_layer_loss_and_grads")
    _, ref_grads = reference.layers.two_layer_loss_and_grads(X, Y, ordinary)
    for k in PARAM_KEYS:
        try:
            assert_close(grads[k], ref_grads[k], name=f"grads['{k}'] for an ordinary batch of 5 (X (5, 4), "
                         "W1 (3, 4), W2 (2, 3))", inputs={"X": X, "Y": Y, **ordinary})
        except AssertionError as e:
            raise AssertionError("two_layer_loss_and_grads is wrong on an ordinary batch (random weights, none 0), "
                                 f"so the edge case of weights equal to 0 earns nothing:\n{e}") from None
    # Seed 003's network: hidden unit 1 sees x1, x2 and unit 2 sees x3, x4, so W1
    # has zeros; their gradients are not zero and must be returned.
    params = {
        "W1": np.array([[-1.7, 0.1, 0.0, 0.0], [0.0, 0.0, -0.6, -1.8]]),
        "b1": np.zeros(2),
        "W2": np.array([[0.2, 0.5]]),
        "b2": np.zeros(1),
    }
    X = rng.uniform(0.0, 2.0, size=(6, 4))
    Y = rng.uniform(0.0, 1.0, size=(6, 1))
    _, grads = _returns(submission.layers.two_layer_loss_and_grads(X, Y, params), "two_layer_loss_and_grads")
    grads = _grads(grads, "two_layer_loss_and_grads")
    _, ref_grads = reference.layers.two_layer_loss_and_grads(X, Y, params)
    zero = params["W1"] == 0
    got = np.asarray(grads["W1"])
    if got.shape == zero.shape and np.all(got[zero] == 0) and np.all(ref_grads["W1"][zero] != 0):
        raise AssertionError(
            "two_layer_loss_and_grads returned 0 for the entries of grads['W1'] where W1 is 0 (seed 003's W1); "
            "a weight that is 0 is still a parameter: return the dense gradient "
            f"(expected {np.array2string(ref_grads['W1'][zero], precision=4)} there)")
    assert_close(grads["W1"], ref_grads["W1"], name="grads['W1'] for seed 003's W1 with zeros, batch of 6",
                 inputs={"X": X, "Y": Y, **params})


@pytest.mark.points("network")
def test_two_layer_loss_is_a_sum(submission, reference, rng):
    """the network's loss is a sum over the batch, not a mean"""
    X, Y, params = _net_data(rng, 4, 3, 2, 2)
    loss, _ = _returns(submission.layers.two_layer_loss_and_grads(X, Y, params), "two_layer_loss_and_grads")
    y_hat, _ = reference.layers.two_layer_forward(X, params)
    total = float(np.sum((y_hat - Y) ** 2))
    value = _scalar(loss, "two_layer_loss_and_grads")
    if np.isclose(value, total / Y.size, rtol=1e-9) or np.isclose(value, total / len(Y), rtol=1e-9):
        raise AssertionError(
            f"two_layer_loss_and_grads for a batch of {len(Y)} examples returned a mean of the squared "
            f"errors ({value:.6g}); the loss is the sum over the batch and the outputs ({total:.6g})")
    assert_close(loss, total, name=f"two_layer_loss_and_grads loss for a batch of {len(Y)}: the sum of "
                 "(y_hat - Y)**2", inputs={"X": X, "Y": Y, **params})
    singles = 0.0
    for n in range(len(Y)):
        loss_n, _ = _returns(submission.layers.two_layer_loss_and_grads(X[n:n + 1], Y[n:n + 1], params),
                          "two_layer_loss_and_grads")
        singles += _scalar(loss_n, "two_layer_loss_and_grads")
    assert_close(loss, singles, name="two_layer_loss_and_grads: the loss of a batch vs the sum of its "
                 "examples' losses", inputs={"X": X, "Y": Y, **params})
