"""hw4_mlp: the reference solution, the handout's numbers and the hidden tests' own claims.

Every documented value is checked by a second method that shares no code
with the reference: the 2-3-3-2 network unit by unit with math.exp, central
differences written here, exact fractions for the metrics cases, and, when
torch is installed, autograd (on the documented case and on whole training
runs). The robustness the example scores rely on (a bug fails every random
architecture; a correct network clears the accuracy thresholds with room to
spare; the buggy examples land far from the thresholds) is checked here too.
"""

import json
import math
import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import yaml

from grader.assignment import load_reference
from conftest import load_module

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "solutions" / "hw4_mlp"
ASSIGNMENT = ROOT / "assignments" / "hw4_mlp"
EXAMPLES = ROOT / "examples" / "submissions" / "hw4_mlp"
SETTINGS = yaml.safe_load((ASSIGNMENT / "assignment.yaml").read_text(encoding="utf-8"))["settings"]["datasets"]



@pytest.fixture(scope="module")
def mlp():
    return load_reference("hw4_mlp").mlp


@pytest.fixture(scope="module")
def doc():
    """The committed tests/documented.json (what the public tests and the handout use)."""
    return json.loads((ASSIGNMENT / "tests" / "documented.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def data():
    return load_module("_hw4_datasets_kit", ASSIGNMENT / "datasets.py")


@pytest.fixture(scope="module")
def hidden():
    """The hidden tests' module, for its random-case generators."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pytest.PytestUnknownMarkWarning)  # @points is the grader's marker
        return load_module("_hw4_hidden_kit", SOLUTION / "tests" / "test_hidden.py")


def _example(name):
    return load_module(f"_hw4_example_{name}", EXAMPLES / name / "mlp.py")


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


def _close(a, b, rtol=1e-6, atol=1e-9):
    a, b = np.asarray(a, float), np.asarray(b, float)
    assert a.shape == b.shape, (a.shape, b.shape)
    assert np.allclose(a, b, rtol=rtol, atol=atol), np.max(np.abs(a - b))


# -- the documented 2-3-3-2 case, by hand -------------------------------------------------

def _by_hand(params, x, y, kind):
    """Seed 000's network unit by unit in plain floats; the loss of one example."""
    a = list(x)
    n_layers = len(params) // 2
    for l in range(1, n_layers + 1):
        W, b = params[f"W{l}"], params[f"b{l}"]
        z = [sum(W[j][i] * a[i] for i in range(len(a))) + b[j] for j in range(len(W))]
        if l < n_layers:
            a = [1.0 / (1.0 + math.exp(-v)) for v in z]
        else:
            e = [math.exp(v) for v in z]
            a = [v / sum(e) for v in e]
    if kind == "squared_error":
        return a, sum((p - t) ** 2 for p, t in zip(a, y))
    return a, -sum(t * math.log(p) for p, t in zip(a, y) if t)


def test_documented_forward_by_hand(doc):
    c = doc["seed000"]
    probs, se = _by_hand(c["params"], c["X"][0], c["Y"][0], "squared_error")
    _, ce = _by_hand(c["params"], c["X"][0], c["Y"][0], "cross_entropy")
    _close(c["forward"]["o_out"][0], probs, rtol=1e-12)
    assert math.isclose(c["squared_error"]["loss"], se, rel_tol=1e-12)
    assert math.isclose(c["cross_entropy"]["loss"], ce, rel_tol=1e-12)
    # the hidden activations, unit by unit
    W1, W2 = c["params"]["W1"], c["params"]["W2"]
    x = c["X"][0]
    j_out = [1 / (1 + math.exp(-(W1[j][0] * x[0] + W1[j][1] * x[1]))) for j in range(3)]
    k_out = [1 / (1 + math.exp(-sum(W2[k][j] * j_out[j] for j in range(3)))) for k in range(3)]
    _close(c["forward"]["j_out"][0], j_out, rtol=1e-12)
    _close(c["forward"]["k_out"][0], k_out, rtol=1e-12)
    assert c["predict"] == [int(np.argmax(probs))]


@pytest.mark.parametrize("kind", ["squared_error", "cross_entropy"])
def test_documented_gradients_by_finite_differences(doc, kind):
    c = doc["seed000"]
    params = {k: np.array(v, dtype=float) for k, v in c["params"].items()}
    for key in params:
        def f(value, key=key):
            trial = {k: (value if k == key else v).tolist() for k, v in params.items()}
            return _by_hand(trial, c["X"][0], c["Y"][0], kind)[1]
        _close(c[kind]["grads"][key], _fd(f, params[key]), rtol=1e-6, atol=1e-10)


@pytest.mark.parametrize("kind", ["squared_error", "cross_entropy"])
def test_documented_gradients_by_torch(doc, kind):
    torch = pytest.importorskip("torch")
    c = doc["seed000"]
    p = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in c["params"].items()}
    x, y = torch.tensor(c["X"], dtype=torch.float64), torch.tensor(c["Y"], dtype=torch.float64)
    a = torch.sigmoid(x @ p["W1"].T + p["b1"])
    a = torch.sigmoid(a @ p["W2"].T + p["b2"])
    o_in = a @ p["W3"].T + p["b3"]
    o_in.retain_grad()
    probs = torch.softmax(o_in, dim=1)
    loss = ((probs - y) ** 2).sum(1).mean() if kind == "squared_error" else -(y * torch.log(probs)).sum(1).mean()
    loss.backward()
    for key, value in p.items():
        _close(c[kind]["grads"][key], value.grad.numpy(), rtol=1e-10, atol=1e-14)
    _close(c[kind]["backward"]["do_in"], o_in.grad.numpy(), rtol=1e-10, atol=1e-14)


# -- the handout's claim: one output at a time is exactly half for two classes ------------------

def _squared_error_of_logits(z, y):
    e = np.exp(z - z.max())
    p = e / e.sum()
    return float(np.sum((p - y) ** 2))


def test_softmax_one_output_at_a_time_is_half_for_two_classes():
    rng = np.random.default_rng(0)
    for _ in range(200):
        z = rng.normal(0.0, 3.0, size=2)
        y = np.eye(2)[rng.integers(0, 2)]
        true = _fd(lambda v: _squared_error_of_logits(v, y), z)      # dL/dz, numerically
        p = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
        one_at_a_time = 2 * (p - y) * p * (1 - p)
        if np.max(np.abs(true)) > 1e-6:
            _close(one_at_a_time, true / 2, rtol=1e-6, atol=1e-10)


def test_softmax_one_output_at_a_time_is_no_constant_factor_for_three_classes():
    rng = np.random.default_rng(1)
    ratios = []
    for _ in range(20):
        z = rng.normal(0.0, 1.0, size=3)
        y = np.eye(3)[0]
        true = _fd(lambda v: _squared_error_of_logits(v, y), z)
        p = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
        ratios.append((2 * (p - y) * p * (1 - p)) / true)
    assert np.ptp(np.concatenate(ratios)) > 0.1


def test_documented_half_case(doc):
    h = doc["softmax_half"]
    _close(np.array(h["true"]) / np.array(h["elementwise"]), [[2.0, 2.0]], rtol=1e-12)
    _close(np.array(doc["seed000"]["squared_error"]["grads"]["W3"]) / 2, h["dW3_elementwise"], rtol=1e-12)


# -- metrics: exact fractions ------------------------------------------------------------

def test_documented_metrics_by_exact_fractions(doc):
    F = Fraction
    # binary: TP 4, FP 1, FN 2
    binary = {"accuracy": F(7, 10), "precision": F(4, 5), "recall": F(4, 6), "f1": F(8, 11)}
    # 4 classes: P = (2/3, 2/3, 3/4, 0), R = (2/3, 1, 3/4, 0), F1 = (2/3, 4/5, 3/4, 0)
    multi = {"accuracy": F(7, 10), "precision": (F(2, 3) + F(2, 3) + F(3, 4)) / 4,
             "recall": (F(2, 3) + 1 + F(3, 4)) / 4, "f1": (F(2, 3) + F(4, 5) + F(3, 4)) / 4}
    for name, expected in (("binary", binary), ("multiclass", multi)):
        got = doc["metrics"][name]["expected"]
        for key, value in expected.items():
            assert math.isclose(got[key], float(value), rel_tol=1e-12), (name, key)


def test_metrics_edge_cases_and_no_warnings(mlp):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert mlp.metrics([0, 0, 0], [0, 0, 0]) == {"accuracy": 1.0, "precision": 0.0, "recall": 0.0, "f1": 0.0}
        m = mlp.metrics([1, 0, 1, 0], [0, 0, 0, 0])
        assert m == {"accuracy": 0.5, "precision": 0.0, "recall": 0.0, "f1": 0.0}
        m = mlp.metrics([0, 1, 2, 0], [0, 1, 3, 0])
        assert m == {"accuracy": 0.75, "precision": 0.5, "recall": 0.5, "f1": 0.5}
        mlp.metrics(np.array([], dtype=int), np.array([], dtype=int))


def test_metrics_against_sklearn(mlp):
    skm = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(2)
    for k in (2, 3, 5):
        y_true = rng.integers(0, k, 50)
        y_pred = np.where(rng.random(50) < 0.4, rng.integers(0, k, 50), y_true)
        avg = "binary" if k == 2 else "macro"
        got = mlp.metrics(y_true, y_pred)
        assert math.isclose(got["precision"], skm.precision_score(y_true, y_pred, average=avg, zero_division=0))
        assert math.isclose(got["recall"], skm.recall_score(y_true, y_pred, average=avg, zero_division=0))
        assert math.isclose(got["f1"], skm.f1_score(y_true, y_pred, average=avg, zero_division=0))


def test_hidden_confusion_count_helper_is_right(hidden):
    got = hidden._metrics_from_counts(np.array([0, 1, 1, 2]), np.array([0, 1, 0, 0]))
    for key, value in {"accuracy": 0.5, "precision": 4 / 9, "recall": 0.5, "f1": 7 / 18}.items():
        assert math.isclose(got[key], value, rel_tol=1e-12)
    got = hidden._metrics_from_counts(np.array([1, 0, 1, 1]), np.array([1, 1, 1, 1]))
    assert math.isclose(got["f1"], 2 * 0.75 / 1.75)


# -- the reference's backward, and the hidden gradient check's robustness ---------------------

@pytest.mark.parametrize("kind", ["cross_entropy", "squared_error"])
def test_reference_backward_by_finite_differences(mlp, kind):
    rng = np.random.default_rng(3)
    for sizes in ([2, 3, 3, 2], [5, 1, 4], [3, 16, 7, 9, 5], [1, 2, 2]):
        params = {}
        for l in range(1, len(sizes)):
            params[f"W{l}"] = rng.normal(0, 1, (sizes[l], sizes[l - 1]))
            params[f"b{l}"] = rng.normal(0, 1, sizes[l])
        X = rng.normal(0, 1, (6, sizes[0]))
        Y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], 6)]
        _, cache = mlp.forward(params, X)
        grads = mlp.backward(params, cache, Y, kind=kind)
        assert set(grads) == set(params)
        for key in params:
            def f(value, key=key):
                probs, _ = mlp.forward(dict(params, **{key: value}), X)
                return mlp.loss(probs, Y, kind=kind)
            _close(grads[key], _fd(f, params[key]), rtol=1e-5, atol=1e-9)


def _fd_check_outcomes(hidden, module, mlp, kind, seeds):
    """For each seed and random architecture of the hidden test: does ``module``'s backward pass?"""
    from grader.testing import numerical_gradient
    outcomes = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        for sizes in hidden._architectures(rng):
            params = hidden._random_params(rng, sizes)
            X, Y = hidden._random_batch(rng, sizes, int(rng.integers(3, 9)))
            _, cache = module.forward(params, X)
            grads = module.backward(params, cache, Y, kind=kind)
            ok = True
            for key in params:
                numeric = numerical_gradient(
                    lambda v, key=key: mlp.loss(mlp.forward(dict(params, **{key: v}), X)[0], Y, kind=kind), params[key])
                ok &= bool(np.all(np.abs(np.asarray(grads[key]) - numeric) <= 1e-8 + 1e-5 * np.abs(numeric)))
            outcomes.append(ok)
    return outcomes


@pytest.mark.parametrize("kind", ["cross_entropy", "squared_error"])
def test_hidden_gradient_check_never_fails_the_reference(hidden, mlp, kind):
    assert all(_fd_check_outcomes(hidden, mlp, mlp, kind, range(25)))


def test_hidden_gradient_check_fails_the_buggy_examples_on_every_architecture(hidden, mlp):
    elementwise, summed = _example("softmax_elementwise"), _example("grad_not_averaged")
    assert not any(_fd_check_outcomes(hidden, elementwise, mlp, "squared_error", range(25)))
    assert all(_fd_check_outcomes(hidden, elementwise, mlp, "cross_entropy", range(5)))
    for kind in ("cross_entropy", "squared_error"):
        assert not any(_fd_check_outcomes(hidden, summed, mlp, kind, range(25)))


def test_hidden_architectures_cover_the_promised_range(hidden):
    seen_depths, seen_classes, widths = set(), set(), set()
    for seed in range(200):
        for sizes in hidden._architectures(np.random.default_rng(seed)):
            seen_depths.add(len(sizes) - 2)
            seen_classes.add(sizes[-1])
            widths.update(sizes[1:-1])
    assert seen_depths == {1, 2, 3} and seen_classes == {2, 3, 4, 5} and min(widths) == 1 and max(widths) == 16


# -- training: thresholds and the examples' outcomes -------------------------------------------

def _test_accuracy(module, data, name, **overrides):
    s = {**SETTINGS[name], **overrides}
    X_train, y_train, X_test, y_test = data.load(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the diverging examples overflow
        params, history = module.train(
            X_train, data.one_hot(y_train), hidden_layers=tuple(s["hidden_layers"]), epochs=s["epochs"],
            learning_rate=s["learning_rate"], batch_size=s["batch_size"], kind=s["kind"], seed=s["seed"])
        if not all(np.all(np.isfinite(v)) for v in params.values()):
            return float("nan"), history
        probs, _ = load_reference("hw4_mlp").mlp.forward(params, X_test)
    return float(np.mean(probs.argmax(1) == y_test)), history


@pytest.mark.parametrize("name", list(SETTINGS))
def test_reference_clears_the_threshold_with_room(mlp, data, name):
    threshold = SETTINGS[name]["full_credit_accuracy"]
    accuracy, history = _test_accuracy(mlp, data, name)
    assert accuracy >= threshold + 0.03, (name, accuracy)
    assert len(history["loss"]) == SETTINGS[name]["epochs"] and history["loss"][-1] < history["loss"][0]
    for seed in (1, 2, 3):       # other shuffles and initialisations
        assert _test_accuracy(mlp, data, name, seed=seed)[0] >= threshold + 0.01, (name, seed)


@pytest.mark.parametrize("scale", [0.01, 0.1, 1.0])
def test_a_correct_network_with_another_init_clears_the_thresholds(mlp, data, scale):
    """A student's N(0, scale²) initialisation must not cost the trained-model points."""
    module = load_module(f"_hw4_ref_init_{scale}", SOLUTION / "mlp.py")

    def init_params(sizes, seed=0):
        rng = np.random.default_rng(seed + 1000)
        return {k: v for l in range(1, len(sizes)) for k, v in (
            (f"W{l}", rng.normal(0.0, scale, (sizes[l], sizes[l - 1]))), (f"b{l}", np.zeros(sizes[l])))}
    module.init_params = init_params
    for name in SETTINGS:
        assert _test_accuracy(module, data, name)[0] >= SETTINGS[name]["full_credit_accuracy"], (name, scale)


def _chance(data, name):
    y_test = data.load(name)[3]
    return np.bincount(y_test).max() / y_test.size


def test_example_outcomes_are_far_from_the_thresholds(data):
    """What examples/submissions/hw4_mlp/expected.yaml reasons out, with margins, on several seeds."""
    elementwise, summed, nan = (_example(n) for n in ("softmax_elementwise", "grad_not_averaged", "lr_diverges_nan"))
    for seed in (0, 1):
        for name in SETTINGS:
            threshold = SETTINGS[name]["full_credit_accuracy"]
            assert _test_accuracy(elementwise, data, name, seed=seed)[0] >= threshold + 0.02, (name, seed)
            accuracy, history = _test_accuracy(summed, data, name, seed=seed)
            assert np.all(np.isfinite(history["loss"]))
            if name == "iris":
                assert accuracy >= threshold + 0.02, (name, seed, accuracy)
            else:
                assert accuracy <= _chance(data, name) + 0.01, (name, seed, accuracy)
            accuracy, history = _test_accuracy(nan, data, name, seed=seed)
            assert math.isnan(accuracy) and not np.all(np.isfinite(history["loss"]))


def test_elementwise_training_equals_half_the_learning_rate(mlp, data):
    """Two classes, squared error: the diagonal softmax derivative is the true gradient halved."""
    elementwise = _example("softmax_elementwise")
    X_train, y_train, _, _ = data.load("twoclass")
    Y = data.one_hot(y_train)
    params = elementwise.init_params([2, 3, 3, 2], seed=5)
    _, cache = elementwise.forward(params, X_train[:32])
    wrong = elementwise.backward(params, cache, Y[:32], kind="squared_error")
    _, cache = mlp.forward(params, X_train[:32])
    right = mlp.backward(params, cache, Y[:32], kind="squared_error")
    for key in params:
        _close(wrong[key], right[key] / 2, rtol=1e-10, atol=1e-15)


def test_torch_training_matches_the_reference(mlp, data):
    pytest.importorskip("torch")
    tools = load_module("_hw4_train_kit", ASSIGNMENT / "train.py")
    X_train, y_train, _, _ = data.load("iris")
    for kind in ("cross_entropy", "squared_error"):
        hyper = dict(hidden_layers=(5, 4), epochs=5, learning_rate=0.5, batch_size=7, kind=kind, seed=3)
        ours, our_history = mlp.train(X_train, data.one_hot(y_train), **hyper)
        theirs, their_history = tools.train_torch(X_train, data.one_hot(y_train), mlp.init_params, **hyper)
        for key in ours:
            _close(ours[key], theirs[key], rtol=1e-9, atol=1e-12)
        _close(our_history["loss"], their_history["loss"], rtol=1e-9)
