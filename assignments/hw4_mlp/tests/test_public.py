"""Public tests of hw4_mlp: the documented cases of the handout and a short training run.

The values are in tests/documented.json; the handout (README.md) prints the
same numbers. The documented network is seed 000's 2-3-3-2 (sigmoid, sigmoid,
softmax) on one example, so these tests cannot see whether a gradient is
averaged over a batch: the hidden tests check batches of several examples.
"""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from grader.testing import assert_close, check_all, parts

HERE = Path(__file__).resolve().parent
KINDS = ["squared_error", "cross_entropy"]


def _a(value):
    return np.asarray(value, dtype=float)


def _datasets():
    """datasets.py beside the starter, imported by its path."""
    spec = importlib.util.spec_from_file_location("_hw4_mlp_datasets_public", HERE.parent / "datasets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _most_probable(params, X):
    """The most probable class under the handout's Conventions (sigmoid hidden layers, softmax output):
    the model judged is the parameters train returned, whatever predict does."""
    A, L = X, len(params) // 2
    for l in range(1, L + 1):
        Z = A @ params[f"W{l}"].T + params[f"b{l}"]
        A = 0.5 * (1.0 + np.tanh(0.5 * Z)) if l < L else Z
    return A.argmax(axis=1)


def _params(case):
    return {k: _a(v) for k, v in case["params"].items()}



def _param_dict(value, sizes, call):
    """Check that ``value`` is a dict W1, b1, ... of the shapes of ``sizes``."""
    assert isinstance(value, dict), f"{call} must return a dict of arrays; it returned {type(value).__name__}"
    expected = {}
    for l in range(1, len(sizes)):
        expected[f"W{l}"] = (sizes[l], sizes[l - 1])
        expected[f"b{l}"] = (sizes[l],)
    missing = [k for k in expected if k not in value]
    extra = [k for k in value if k not in expected]
    assert not missing and not extra, (
        f"{call}: keys {sorted(value)} but layer sizes {sizes} need exactly {list(expected)}"
        + (f" (missing {', '.join(missing)})" if missing else "") + (f" (unexpected {', '.join(extra)})" if extra else ""))
    for k, shape in expected.items():
        got = np.shape(value[k])
        assert got == shape, f"{call}: {k} has shape {got}, expected {shape} (weights are (fan_out, fan_in))"


@pytest.mark.points("forward")
def test_init_params(submission):
    """init_params: one (fan_out, fan_in) weight matrix and one bias vector per layer, reproducible"""
    mlp = submission.mlp
    for sizes in ([2, 3, 3, 2], [4, 16, 8, 3], [64, 10]):
        params = mlp.init_params(sizes, seed=0)
        call = f"init_params({sizes}, seed=0)"
        _param_dict(params, sizes, call)
        for k, v in params.items():
            assert np.all(np.isfinite(_a(v))), f"{call}: {k} contains NaN or infinity"
        for l in range(1, len(sizes)):
            W = _a(params[f"W{l}"])
            assert W.size < 2 or np.ptp(W) > 0, (
                f"{call}: every entry of W{l} is {W.flat[0]}: equal weights make the units of a layer "
                "learn the same thing; draw them at random")
        again = mlp.init_params(sizes, seed=0)
        for k in params:
            assert np.array_equal(_a(params[k]), _a(again[k])), (
                f"{call} gave different {k} on a second call: the same seed must give the same parameters "
                "(use numpy.random.default_rng(seed), not the global random state)")


@pytest.mark.points("forward")
def test_forward_documented(submission, documented):
    """forward and predict on seed 000's 2-3-3-2 network"""
    c = documented["seed000"]
    p, X = _params(c), _a(c["X"])
    probs, _ = parts(submission.mlp.forward(p, X), "forward(params, X)")
    assert_close(probs, _a(c["forward"]["o_out"]), name="probs = forward(params, X)[0]",
                 inputs={"X": X}, rtol=1e-7, atol=1e-12)
    pred = submission.mlp.predict(p, X)
    assert_close(pred, _a(c["predict"]), name="predict(params, X)", inputs={"X": X})


@pytest.mark.points("forward")
def test_loss_documented(submission, documented, credit):
    """loss: cross-entropy and squared error, on one example and as the mean over a batch"""
    c, b = documented["seed000"], documented["loss_batch"]
    checks = []
    for kind in KINDS:
        P1, Y1, PB, YB = _a(c["forward"]["o_out"]), _a(c["Y"]), _a(b["probs"]), _a(b["Y"])
        checks.append((f"seed 000, {kind}", lambda kind=kind, P=P1, Y=Y1: assert_close(
            submission.mlp.loss(P, Y, kind=kind), c[kind]["loss"], name=f'loss(probs, Y, kind="{kind}")',
            inputs={"probs": P, "Y": Y})))
        checks.append((f"batch of 3, {kind}", lambda kind=kind, P=PB, Y=YB: assert_close(
            submission.mlp.loss(P, Y, kind=kind), b[kind],
            name=f'loss(probs, Y, kind="{kind}") (the mean over the 3 rows)', inputs={"probs": P, "Y": Y})))
    check_all(credit, checks)


def _check_grads(submission, documented, kind):
    c = documented["seed000"]
    p, X, Y = _params(c), _a(c["X"]), _a(c["Y"])
    _, cache = parts(submission.mlp.forward(p, X), "forward(params, X)")
    grads = submission.mlp.backward(p, cache, Y, kind=kind)
    call = f'backward(params, cache, Y, kind="{kind}")'
    assert isinstance(grads, dict), f"{call} must return a dict of gradients; it returned {type(grads).__name__}"
    missing = [k for k in p if k not in grads]
    assert not missing, f"{call}: no gradient for {', '.join(missing)} (one per parameter, same keys)"
    expected = c[kind]["grads"]
    if kind == "squared_error":
        half = documented["softmax_half"]["dW3_elementwise"]
        got = np.asarray(grads["W3"], dtype=float)
        if got.shape == np.shape(half) and np.allclose(got, half, rtol=1e-6, atol=1e-12):
            raise AssertionError(
                f"{call}: dW3 = {np.round(got, 6).tolist()} is exactly half of the true gradient. With two "
                "classes this is what differentiating the softmax one output at a time, dO_i/do_i = O_i (1 - O_i), "
                "gives (each output depends on every logit: the full Jacobian is dO_i/do_j = O_i (delta_ij - O_j), "
                "the handout's section on the softmax derivative); a missing factor 2 in dL/dO = 2 (O - y) gives "
                "the same numbers here.")
    for k in ["W3", "b3", "W2", "b2", "W1", "b1"]:
        assert_close(grads[k], _a(expected[k]), name=f"d{k} of {call}", inputs={"X": X, "Y": Y})


@pytest.mark.points("backward")
def test_backward_documented_squared_error(submission, documented):
    """backward with squared error through the full softmax Jacobian (seed 000)"""
    _check_grads(submission, documented, "squared_error")


@pytest.mark.points("backward")
def test_backward_documented_cross_entropy(submission, documented):
    """backward with cross-entropy on seed 000's network"""
    _check_grads(submission, documented, "cross_entropy")


@pytest.mark.points("metrics")
def test_metrics_documented(submission, documented, credit):
    """metrics: a binary and a multi-class (macro-averaged) case"""
    checks = []
    for name, case in documented["metrics"].items():
        def check(case=case, name=name):
            got = submission.mlp.metrics(np.array(case["y_true"]), np.array(case["y_pred"]))
            assert isinstance(got, dict), f"metrics must return a dict; it returned {type(got).__name__}"
            for key, value in case["expected"].items():
                assert key in got, f"metrics returned no {key!r} (keys accuracy, precision, recall, f1)"
                assert_close(got[key], value, name=f"metrics(y_true, y_pred)[{key!r}] ({name} case)",
                             inputs={"y_true": case["y_true"], "y_pred": case["y_pred"]})
        checks.append((name, check))
    check_all(credit, checks)


@pytest.mark.points("train")
def test_train_short_run(submission, documented):
    """train: a short run on Iris returns well-shaped parameters, a finite falling loss, a useful model"""
    s = documented["train_public"]
    data = _datasets()
    X_train, y_train, _, _ = data.load(s["dataset"])
    k = int(y_train.max()) + 1
    hyper = {key: s[key] for key in ("epochs", "learning_rate", "batch_size", "kind", "seed")}
    call = (f"train(X, Y, hidden_layers={tuple(s['hidden_layers'])}, "
            + ", ".join(f"{key}={value!r}" for key, value in hyper.items()) + ") on Iris")
    result = submission.mlp.train(X_train, data.one_hot(y_train, k), hidden_layers=tuple(s["hidden_layers"]), **hyper)
    params, history = parts(result, call)
    _param_dict(params, [X_train.shape[1], *s["hidden_layers"], k], call)
    assert isinstance(history, dict) and "loss" in history, (
        f"{call}: history must be a dict with at least the key 'loss' (a list, one value per epoch)")
    losses = np.asarray(history["loss"], dtype=float).ravel()
    assert losses.size == s["epochs"], f"{call}: history['loss'] has {losses.size} values, expected one per epoch ({s['epochs']})"
    if not np.all(np.isfinite(losses)):
        first_bad = int(np.flatnonzero(~np.isfinite(losses))[0])
        rose = next((i for i in range(1, first_bad) if losses[i] > losses[i - 1]), None)
        raise AssertionError(f"{call}: the loss became NaN or infinite: {np.round(losses, 4).tolist()}\n"
                             f"  It is NaN or infinite from epoch {first_bad + 1} of {losses.size}"
                             + (f"; it first rose at epoch {rose + 1}" if rose is not None else ""))
    assert losses[-1] < losses[0], (
        f"{call}: the loss did not fall: first epoch {losses[0]:.4f}, last {losses[-1]:.4f}")
    pred = _most_probable({k: _a(v) for k, v in params.items()}, X_train)   # your predict is tested on its own
    accuracy = float(np.mean(pred == y_train))
    assert accuracy >= s["min_train_accuracy"], (
        f"{call}: predict on the training data is right for only {accuracy:.1%} of the examples; "
        f"a working network reaches at least {s['min_train_accuracy']:.0%} in this run")
