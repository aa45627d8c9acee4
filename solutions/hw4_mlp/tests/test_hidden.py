"""Hidden tests of hw4_mlp.

- forward group: init_params, forward, predict and loss on random architectures
  against the reference; forward with logits of +-1000 and loss with probabilities of
  exactly 0 (each earns only when the function's ordinary case is right);
- backward group: backward against central differences of the reference's
  mean loss, both losses, on random architectures (1 to 3 hidden layers,
  widths 1 to 16, 2 to 5 classes, batches of 3 to 8); an architecture earns
  nothing unless the student's forward (whose cache backward gets) and loss
  agree with the reference's on the same inputs first;
- metrics group: metrics against confusion counts computed here, and edge cases (which
  earn only when an ordinary case is right);
- train group: the submission's own train on each shipped data set with the
  settings of assignment.yaml, the most probable class of the parameters it
  returned on the held-out part (the reference's predict: a wrong predict costs
  the predict test only), accuracy computed here with the reference's metrics; and the comparison table
  (reference, yours, PyTorch when installed) in every student's feedback.
"""

import importlib.util
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

from grader import StudentError
from grader.assignment import load_file
from grader.testing import (assert_close, assert_function_right, check_all, diagnosing, first_departure,
                            numerical_gradient, parts)

ROOT = Path(__file__).resolve().parents[3]
ASSIGNMENT_DIR = ROOT / "assignments" / "hw4_mlp"
DATASETS = ("twoclass", "iris", "digits")
KINDS = ("cross_entropy", "squared_error")
METRICS = ("accuracy", "precision", "recall", "f1")


@lru_cache(maxsize=None)
def _tools():
    """The released train.py (markdown_table, train_torch, and its datasets module)."""
    return load_file(ASSIGNMENT_DIR / "train.py", "_hw4_mlp_train_hidden")


@lru_cache(maxsize=None)
def _data(name):
    return _tools().datasets.load(name)


def _a(value):
    return np.asarray(value, dtype=float)



def _expected_shapes(sizes):
    shapes = {}
    for l in range(1, len(sizes)):
        shapes[f"W{l}"] = (sizes[l], sizes[l - 1])
        shapes[f"b{l}"] = (sizes[l],)
    return shapes


def _check_param_dict(value, sizes, call):
    assert isinstance(value, dict), f"{call} must give a dict of arrays; it gave {type(value).__name__}"
    shapes = _expected_shapes(sizes)
    assert set(value) == set(shapes), (
        f"{call}: keys {sorted(value)}, but a network with layer sizes {list(sizes)} has exactly {list(shapes)}")
    for k, shape in shapes.items():
        got = np.shape(value[k])
        assert got == shape, f"{call}: {k} has shape {got}, expected {shape} (weights are (fan_out, fan_in))"


# -- random cases ---------------------------------------------------------------------

def _architectures(rng):
    """Four layer-size lists: 1, 2 and 3 hidden layers (the first with 2 classes), and 2-3-3-2."""
    archs = []
    for n_hidden, classes in ((1, 2), (2, int(rng.integers(3, 6))), (3, int(rng.integers(3, 6)))):
        widths = [int(w) for w in rng.integers(1, 17, size=n_hidden)]
        archs.append([int(rng.integers(1, 7)), *widths, classes])
    archs[int(rng.integers(0, 3))][1] = 1          # one of them has a hidden layer of width 1
    archs.append([2, 3, 3, 2])
    return archs


def _random_params(rng, sizes):
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(0.0, 1.5 / np.sqrt(sizes[l - 1]), size=(sizes[l], sizes[l - 1]))
        params[f"b{l}"] = rng.normal(0.0, 0.5, size=sizes[l])
    return params


def _random_batch(rng, sizes, n):
    X = rng.normal(0.0, 1.0, size=(n, sizes[0]))
    labels = rng.integers(0, sizes[-1], size=n)
    Y = np.eye(sizes[-1])[labels]
    return X, Y


# -- forward group ----------------------------------------------------------------------

@pytest.mark.points("forward")
def test_init_params_random_sizes(submission, rng):
    """init_params on random layer sizes: keys, shapes, finite values, same seed same parameters"""
    for _ in range(3):
        sizes = [int(rng.integers(1, 30)) for _ in range(int(rng.integers(2, 6)))]
        seed = int(rng.integers(0, 1000))
        call = f"init_params({sizes}, seed={seed})"
        params = submission.mlp.init_params(sizes, seed=seed)
        _check_param_dict(params, sizes, call)
        for k, v in params.items():
            assert np.all(np.isfinite(_a(v))), f"{call}: {k} contains NaN or infinity"
        again = submission.mlp.init_params(sizes, seed=seed)
        for k in params:
            assert np.array_equal(_a(params[k]), _a(again[k])), (
                f"{call} gave a different {k} on a second call: the same seed must give the same parameters")


@pytest.mark.points("forward")
def test_forward_and_predict_random(submission, reference, rng, credit):
    """forward and predict on random architectures and batches (each its own check), and forward where
    hidden pre-activations reach +-800 and logits +-1000 (the softmax's max shift)"""
    checks = []
    for sizes in _architectures(rng):
        params = _random_params(rng, sizes)
        X, _ = _random_batch(rng, sizes, int(rng.integers(3, 9)))

        def forward_check(sizes=sizes, params=params, X=X):
            expected, _ = reference.mlp.forward(params, X)
            probs, _ = parts(submission.mlp.forward(params, X), "forward(params, X)")
            assert_close(probs, expected, name=f"forward(params, X)[0] for layer sizes {sizes}",
                         rtol=1e-7, atol=1e-12, inputs={"X": X})

        def predict_check(sizes=sizes, params=params, X=X):
            expected, _ = reference.mlp.forward(params, X)
            top2 = np.sort(expected, axis=1)[:, -2:]
            clear = top2[:, 1] - top2[:, 0] > 1e-9
            pred = np.asarray(submission.mlp.predict(params, X))
            assert pred.shape == (X.shape[0],), f"predict(params, X) has shape {pred.shape}, expected ({X.shape[0]},)"
            wrong = clear & (pred != expected.argmax(axis=1))
            assert not wrong.any(), (
                f"predict(params, X) for layer sizes {sizes} is {pred.tolist()}, but the most probable "
                f"classes are {expected.argmax(axis=1).tolist()}")
        checks += [(f"forward, layer sizes {sizes}", forward_check), (f"predict, layer sizes {sizes}", predict_check)]
    checks.append(("forward, logits of +-1000", lambda: _forward_large_logits(submission, reference, rng)))
    check_all(credit, checks)


def _large_logits(rng):
    """A 2-3-4 network whose hidden pre-activations reach +-800 and whose logits reach +-1000, rows far apart."""
    # hidden units: sigma(+-800) and 0.5 or 1; logits by row: [1100, -1050, 4, 375], [-800, 250, 2, -325],
    # [300, -800, 6, 50], [0, 0, 0, 0] and small ones (plus a bias of about 1): exp(1100) overflows, and
    # row 2 is more than 745 below the batch's maximum, where exp underflows
    params = {"W1": np.vstack([np.eye(2), [[1.0, 1.0]]]) * 800.0, "b1": np.zeros(3),
              "W2": np.array([[1000.0, -900.0, 200.0], [-1000.0, 300.0, -100.0], [5.0, 3.0, -2.0],
                              [400.0, -300.0, -50.0]]),
              "b2": rng.normal(0.0, 1.0, size=4)}
    X = np.array([[1.0, -1.0], [-1.0, 1.0], [1.0, 1.0], [-1.0, -1.0], [0.001, -0.002]])
    return params, X


def _main_case_right(submission, reference, rng, function):
    """An edge case earns credit only when the function's ordinary case is right: fail otherwise."""
    sizes = [3, 5, 4]
    params = _random_params(rng, sizes)
    X, Y = _random_batch(rng, sizes, 5)
    expected, _ = reference.mlp.forward(params, X)
    if function == "forward":
        got, _ = parts(submission.mlp.forward(params, X), "forward(params, X)")
        ok = np.shape(got) == expected.shape and np.allclose(_a(got), expected, rtol=1e-7, atol=1e-12)
    else:
        ok = all(np.isclose(_a(submission.mlp.loss(expected, Y, kind=kind)), reference.mlp.loss(expected, Y, kind=kind),
                            rtol=1e-7, atol=1e-12) for kind in KINDS)
    assert ok, (f"{function} is wrong on an ordinary batch (layer sizes {sizes}, 5 examples), so its edge case "
                f"earns nothing: the test of {function} on random inputs shows where")


def _forward_large_logits(submission, reference, rng):
    """forward where hidden pre-activations reach +-800 and logits +-1000: no overflow (the softmax's max shift)"""
    _main_case_right(submission, reference, rng, "forward")
    params, X = _large_logits(rng)
    expected, _ = reference.mlp.forward(params, X)
    probs, _ = parts(submission.mlp.forward(params, X), "forward(params, X)")
    assert_close(probs, expected, rtol=1e-7, atol=1e-12, inputs={"X": X},
                 name="forward(params, X)[0] with hidden pre-activations of +-800 and logits of +-1000 (the "
                      "handout's Conventions: a sigmoid without overflow, a softmax after subtracting each row's "
                      "maximum)")


def _loss_zero_probabilities(submission, reference, rng):
    """loss where a wrong class has probability exactly 0 (a softmax that underflowed): finite, 0 log 0 = 0"""
    _main_case_right(submission, reference, rng, "loss")
    probs = np.array([[0.7, 0.3, 0.0, 0.0], [0.0, 0.1, 0.9, 0.0], [0.2, 0.5, 0.3, 0.0], [0.0, 0.0, 0.4, 0.6]])
    Y = np.eye(4)[[0, 2, 1, 3]]
    for kind in KINDS:
        assert_close(submission.mlp.loss(probs, Y, kind=kind), reference.mlp.loss(probs, Y, kind=kind),
                     name=f'loss(probs, Y, kind="{kind}") where wrong classes have probability 0 (a term with '
                          f'y_k = 0 counts 0)', inputs={"probs": probs, "Y": Y})


@pytest.mark.points("forward")
def test_loss_random(submission, reference, rng, credit):
    """loss on random probabilities and targets, both kinds, batches of 1 to 8, and with probabilities of
    exactly 0 for wrong classes (0 log 0 = 0)"""
    checks = []
    for kind in KINDS:
        for n in (1, int(rng.integers(2, 9))):
            k = int(rng.integers(2, 6))
            probs = rng.dirichlet(np.ones(k), size=n)
            Y = np.eye(k)[rng.integers(0, k, size=n)]
            expected = reference.mlp.loss(probs, Y, kind=kind)
            checks.append((f"{kind}, N = {n}", lambda probs=probs, Y=Y, kind=kind, expected=expected: assert_close(
                submission.mlp.loss(probs, Y, kind=kind), expected, name=f'loss(probs, Y, kind="{kind}")',
                inputs={"probs": probs, "Y": Y})))
    checks.append(("probabilities of exactly 0", lambda: _loss_zero_probabilities(submission, reference, rng)))
    check_all(credit, checks)


# -- backward group -----------------------------------------------------------------------

def _gradient_checks(submission, reference, rng, kind):
    checks = []
    for sizes in _architectures(rng):
        params = _random_params(rng, sizes)
        X, Y = _random_batch(rng, sizes, int(rng.integers(3, 9)))

        def check(sizes=sizes, params=params, X=X, Y=Y):
            call = f'backward(params, cache, Y, kind="{kind}")'
            probs, cache = parts(submission.mlp.forward(params, X), "forward(params, X)")
            expected, _ = reference.mlp.forward(params, X)
            assert_function_right(probs, expected, function="forward", gradient=call,
                                  name=f"forward(params, X)[0] for layer sizes {sizes}", inputs={"X": X})
            assert_function_right(submission.mlp.loss(expected, Y, kind=kind),
                                  reference.mlp.loss(expected, Y, kind=kind), function="loss", gradient=call,
                                  name=f'loss(probs, Y, kind="{kind}")', inputs={"probs": expected, "Y": Y})
            grads = submission.mlp.backward(params, cache, Y, kind=kind)
            assert isinstance(grads, dict), f"{call} must return a dict; it returned {type(grads).__name__}"
            missing = [k for k in params if k not in grads]
            assert not missing, f"{call}: no gradient for {', '.join(missing)}"
            layers = len(sizes) - 1
            try:
                for key in [k for l in range(layers, 0, -1) for k in (f"W{l}", f"b{l}")]:   # output layer first
                    def f(value, key=key):
                        trial = dict(params, **{key: value})
                        return reference.mlp.loss(reference.mlp.forward(trial, X)[0], Y, kind=kind)
                    numeric = numerical_gradient(f, params[key])
                    assert_close(grads[key], numeric, rtol=1e-5, atol=1e-8,
                                 name=f"d{key} of {call} against central differences of the mean loss "
                                      f"(layer sizes {sizes}, batch of {X.shape[0]})", batch=X.shape[0])
            except AssertionError as e:
                with diagnosing():
                    ref_grads = reference.mlp.backward(params, reference.mlp.forward(params, X)[1], Y, kind=kind)
                    where = _departure(grads, ref_grads, layers, kind, X.shape[0])
                raise AssertionError(f"{e}\n  Where it departs: {where}") from None
        checks.append((f"layer sizes {sizes}", check))
    return checks


def _departure(grads, ref_grads, layers, kind, batch: int) -> str:
    """The first layer, going back from the loss, whose gradients differ from the reference's, and
    the step of backpropagation that leads into it (forward and loss are right when this is asked)."""
    steps, layer_of = [], {}
    for l in range(layers, 0, -1):
        what = "the output layer" if l == layers else f"hidden layer {l}"
        for key in (f"W{l}", f"b{l}"):
            label = f"d{key} ({what} of {layers})"
            layer_of[label] = l
            steps.append((label, lambda key=key: grads[key], ref_grads[key]))
    where = first_departure(steps, batch)
    if where is None:
        return "every layer's gradient equals the reference's on the same cache"
    layer = next(l for label, l in layer_of.items() if where.startswith(label))
    if layer == layers:  # compared: the gradients, not dL/dz, so nothing is said of what led to them
        return where
    into = (f"the layers after it are right, so the error enters where the gradient is passed back from "
            f"layer {layer + 1}: through W{layer + 1} and the sigmoid derivative of layer {layer}")
    return f"{where}; {into}"


@pytest.mark.points("backward")
def test_backward_cross_entropy_finite_differences(submission, reference, rng, credit):
    """backward with cross-entropy against finite differences, random architectures and batches"""
    check_all(credit, _gradient_checks(submission, reference, rng, "cross_entropy"))


@pytest.mark.points("backward")
def test_backward_squared_error_finite_differences(submission, reference, rng, credit):
    """backward with squared error (full softmax Jacobian) against finite differences"""
    check_all(credit, _gradient_checks(submission, reference, rng, "squared_error"))


# -- metrics group ---------------------------------------------------------------------

def _metrics_from_counts(y_true, y_pred):
    """The expected metrics, from the confusion matrix (rows true class, columns predicted)."""
    labels = np.union1d(y_true, y_pred)
    index = {c: i for i, c in enumerate(labels)}
    confusion = np.zeros((labels.size, labels.size))
    for t, p in zip(y_true, y_pred):
        confusion[index[t], index[p]] += 1
    tp = np.diag(confusion)
    predicted = confusion.sum(axis=0)
    actual = confusion.sum(axis=1)
    precision = np.divide(tp, predicted, out=np.zeros_like(tp), where=predicted > 0)
    recall = np.divide(tp, actual, out=np.zeros_like(tp), where=actual > 0)
    both = precision + recall
    f1 = np.divide(2 * precision * recall, both, out=np.zeros_like(tp), where=both > 0)
    if set(labels.tolist()) <= {0, 1}:
        if 1 in index:
            i = index[1]
            precision, recall, f1 = precision[i:i + 1], recall[i:i + 1], f1[i:i + 1]
        else:
            precision = recall = f1 = np.zeros(1)
    return {"accuracy": tp.sum() / confusion.sum(), "precision": precision.mean(),
            "recall": recall.mean(), "f1": f1.mean()}


def _metric_check(submission, y_true, y_pred, expected, label):
    def check():
        got = submission.mlp.metrics(np.asarray(y_true), np.asarray(y_pred))
        assert isinstance(got, dict), f"metrics must return a dict; it returned {type(got).__name__}"
        for key in METRICS:
            assert key in got, f"metrics returned no {key!r}"
            assert_close(got[key], expected[key], name=f"metrics(y_true, y_pred)[{key!r}] ({label})",
                         rtol=1e-9, atol=1e-12,
                         inputs={"y_true": np.asarray(y_true), "y_pred": np.asarray(y_pred)})
    return check


@pytest.mark.points("metrics")
def test_metrics_against_confusion_counts(submission, rng, credit):
    """metrics on random labels against counts from the confusion matrix (binary and macro)"""
    checks = []
    for case in range(4):
        k = 2 if case < 2 else int(rng.integers(3, 7))
        n = int(rng.integers(20, 61))
        y_true = rng.integers(0, k, size=n)
        noise = rng.random(n) < 0.35
        y_pred = np.where(noise, rng.integers(0, k, size=n), y_true)
        if case == 3:                                   # one class is never predicted
            y_pred = np.where(y_pred == k - 1, 0, y_pred)
        label = "binary" if k == 2 else f"{k} classes" + (", one never predicted" if case == 3 else "")
        checks.append((label, _metric_check(submission, y_true, y_pred, _metrics_from_counts(y_true, y_pred), label)))
    check_all(credit, checks)


@pytest.mark.points("metrics")
def test_metrics_edge_cases(submission, credit):
    """metrics edge cases: perfect, no positive predicted, 0/0 ratios, a class only predicted"""
    cases = [
        ("all correct, 3 classes", [0, 1, 2, 2, 1, 0], [0, 1, 2, 2, 1, 0],
         {"accuracy": 1.0, "precision": 1.0, "recall": 1.0, "f1": 1.0}),
        ("binary, class 1 never predicted", [1, 0, 1, 0], [0, 0, 0, 0],
         {"accuracy": 0.5, "precision": 0.0, "recall": 0.0, "f1": 0.0}),
        ("binary, only class 0 anywhere (every ratio 0/0)", [0, 0, 0], [0, 0, 0],
         {"accuracy": 1.0, "precision": 0.0, "recall": 0.0, "f1": 0.0}),
        ("binary, all predicted 1", [1, 0, 1, 1], [1, 1, 1, 1],
         {"accuracy": 0.75, "precision": 0.75, "recall": 1.0, "f1": 2 * 0.75 / 1.75}),
        # classes 0..3; class 2 never predicted, class 3 never true:
        # precision (1, 1, 0, 0) / 4, recall (1, 1, 0, 0) / 4, F1 (1, 1, 0, 0) / 4
        ("class 3 only predicted, class 2 never", [0, 1, 2, 0], [0, 1, 3, 0],
         {"accuracy": 0.75, "precision": 0.5, "recall": 0.5, "f1": 0.5}),
        # classes 0, 1, 2; class 2 never predicted: P = (1/3, 1, 0), R = (1, 1/2, 0), F1 = (1/2, 2/3, 0)
        ("3 classes, class 2 never predicted", [0, 1, 1, 2], [0, 1, 0, 0],
         {"accuracy": 0.5, "precision": 4 / 9, "recall": 0.5, "f1": 7 / 18}),
    ]
    ordinary_true, ordinary_pred = np.array([0, 1, 2, 2, 1, 0, 2, 1, 0]), np.array([0, 2, 2, 1, 1, 0, 2, 0, 0])
    try:
        _metric_check(submission, ordinary_true, ordinary_pred, _metrics_from_counts(ordinary_true, ordinary_pred),
                      "3 classes")()
    except AssertionError as e:
        raise AssertionError(f"metrics is wrong on an ordinary 3-class case, so its edge cases earn nothing:\n{e}") from None
    check_all(credit, [(label, _metric_check(submission, t, p, e, label)) for label, t, p, e in cases])


# -- train group ----------------------------------------------------------------------

_OUTCOMES = {}      # (student, data set) -> what the submission's training gave
_REFERENCE = {}     # data set -> reference test metrics (trained once per grading session)
_TORCH = {}         # data set -> PyTorch test metrics, or None


def _hyper(s):
    return {"hidden_layers": tuple(s["hidden_layers"]), "epochs": s["epochs"],
            "learning_rate": s["learning_rate"], "batch_size": s["batch_size"], "kind": s["kind"],
            "seed": s["seed"]}


def _describe(name, s):
    return (f"train(X_train, Y_train, hidden_layers={tuple(s['hidden_layers'])}, epochs={s['epochs']}, "
            f"learning_rate={s['learning_rate']}, batch_size={s['batch_size']}, kind={s['kind']!r}, "
            f"seed={s['seed']}) on {name}")


def _chance(y_test):
    return float(np.bincount(y_test).max() / y_test.size)


def _outcome(submission, reference, settings, name):
    """Train the submission on ``name`` once; keep params, history, predictions or the error."""
    key = (submission.name, name)
    if key in _OUTCOMES:
        return _OUTCOMES[key]
    s = settings["datasets"][name]
    X_train, y_train, X_test, y_test = _data(name)
    k = int(y_train.max()) + 1
    sizes = [X_train.shape[1], *s["hidden_layers"], k]
    out = {"error": None, "problem": None, "history": None, "metrics": None, "sizes": sizes}
    _OUTCOMES[key] = out
    call = _describe(name, s)
    try:
        params, history = parts(submission.mlp.train(X_train, np.eye(k)[y_train], **_hyper(s)), call)
        out["history"] = history
        _check_param_dict(params, sizes, call)
        values = {kk: _a(v) for kk, v in params.items()}
        bad = [kk for kk, v in values.items() if not np.all(np.isfinite(v))]
        if bad:
            out["problem"] = (f"{call}: the trained parameters {', '.join(bad)} contain NaN or infinity: "
                              "no credit for this data set" + _divergence(submission, reference, settings, name, out))
            return out
        # The model graded is the one train returned, its predictions the most probable class of those
        # parameters under the handout's Conventions (the reference's predict): a wrong predict costs the
        # predict test, not the trained models.
        pred = np.asarray(reference.mlp.predict(values, X_test)).astype(int)
        out["metrics"] = reference.mlp.metrics(y_test, pred)
    except StudentError as e:
        out["error"] = e
    except AssertionError as e:
        out["problem"] = str(e)
    except (TypeError, ValueError) as e:   # values that are not arrays of numbers
        out["problem"] = f"{call}: the parameters or predictions returned are not arrays of numbers ({e})"
    return out


def _divergence(submission, reference, settings, name, out) -> str:
    """A line saying when a training run that ended non-finite became so (the first non-finite epoch, an
    observation); memoised in ``out``."""
    if "divergence" not in out:
        with diagnosing():
            out["divergence"] = _find_divergence(submission, reference, settings, name, out.get("history"))
    return out["divergence"]


def _find_divergence(submission, reference, settings, name, history) -> str:
    """The first non-finite epoch of the history (an observation); why is the library's to confirm, on
    train's own probe (solutions/hw4_mlp/mistakes.py)."""
    lines = ""
    try:
        losses = np.asarray(history["loss"], dtype=float).ravel()
        bad = np.flatnonzero(~np.isfinite(losses))
        if bad.size:  # an observation: the run may have gone wrong well before its first NaN
            rose = next((i for i in range(1, int(bad[0])) if losses[i] > losses[i - 1]), None)
            lines += (f"\n  history['loss'] is NaN or infinite from epoch {bad[0] + 1} of {losses.size}"
                      + (f"; it first rose at epoch {rose + 1}" if rose is not None else ""))
    except (TypeError, KeyError, ValueError, IndexError):
        pass
    return lines


def _reference_metrics(reference, settings, name):
    if name not in _REFERENCE:
        s = settings["datasets"][name]
        X_train, y_train, X_test, y_test = _data(name)
        k = int(y_train.max()) + 1
        params, _ = reference.mlp.train(X_train, np.eye(k)[y_train], **_hyper(s))
        _REFERENCE[name] = reference.mlp.metrics(y_test, reference.mlp.predict(params, X_test))
    return _REFERENCE[name]


def _torch_metrics(reference, settings, name):
    """The same network trained with PyTorch autograd, when torch is installed (else None)."""
    if name not in _TORCH:
        _TORCH[name] = None
        if importlib.util.find_spec("torch") is not None:
            s = settings["datasets"][name]
            X_train, y_train, X_test, y_test = _data(name)
            k = int(y_train.max()) + 1
            try:
                params, _ = _tools().train_torch(X_train, np.eye(k)[y_train], reference.mlp.init_params, **_hyper(s))
            except ImportError:
                return None
            _TORCH[name] = reference.mlp.metrics(y_test, _tools().predict_numpy(params, X_test))
    return _TORCH[name]


def _accuracy_test(submission, reference, settings, credit, name):
    s = settings["datasets"][name]
    out = _outcome(submission, reference, settings, name)
    if out["error"] is not None:
        raise out["error"]
    if out["problem"] is not None:
        raise AssertionError(out["problem"])
    _, _, _, y_test = _data(name)
    accuracy, threshold, chance = out["metrics"]["accuracy"], s["full_credit_accuracy"], _chance(y_test)
    credit.set((accuracy - chance) / (threshold - chance))
    if accuracy >= threshold:
        credit.note(f"{name}: test accuracy {accuracy:.1%} (full credit from {threshold:.0%})")
    assert accuracy >= threshold, (
        f"{_describe(name, s)}: test accuracy {accuracy:.1%}; full credit from {threshold:.0%}, "
        f"none at or below chance ({chance:.1%}, always the most frequent class)")


@pytest.mark.points("train")
def test_trained_twoclass(submission, reference, settings, credit):
    """trained model on the two-class set (seed 000's network): test accuracy"""
    _accuracy_test(submission, reference, settings, credit, "twoclass")


@pytest.mark.points("train")
def test_trained_iris(submission, reference, settings, credit):
    """trained model on Iris: test accuracy"""
    _accuracy_test(submission, reference, settings, credit, "iris")


@pytest.mark.points("train")
def test_trained_digits(submission, reference, settings, credit):
    """trained model on the 8 x 8 digits: test accuracy"""
    _accuracy_test(submission, reference, settings, credit, "digits")


@pytest.mark.points("train")
def test_training_history(submission, reference, settings, credit):
    """train's history: one finite loss per epoch on every data set (and the comparison table)"""
    columns = ["data set", "model", *[m if m != "f1" else "F1" for m in METRICS]]
    rows = []
    has_torch = importlib.util.find_spec("torch") is not None
    checks = []
    for name in DATASETS:
        s = settings["datasets"][name]
        out = _outcome(submission, reference, settings, name)
        ref = _reference_metrics(reference, settings, name)
        rows.append([name, "reference", *[ref[m] for m in METRICS]])
        yours = out["metrics"]
        rows.append([name, "yours", *[yours[m] if yours else None for m in METRICS]])
        t = _torch_metrics(reference, settings, name) if has_torch else None
        if has_torch:
            rows.append([name, "PyTorch (autograd)", *[t[m] if t else None for m in METRICS]])
        for m in METRICS:  # seed 000's comparison, for the instructor's summary
            credit.metric(f"{name} {m if m != 'f1' else 'F1'}", yours[m] if yours else None, reference=ref[m],
                          **({"PyTorch": t[m]} if t else {}))

        def check(out=out, s=s, name=name):
            history = out["history"]
            if history is None:
                if out["error"] is not None:
                    raise out["error"]
                raise AssertionError(out["problem"])
            assert isinstance(history, dict) and "loss" in history, (
                f"{_describe(name, s)}: history must be a dict with a list 'loss', one value per epoch")
            losses = np.asarray(history["loss"], dtype=float).ravel()
            assert losses.size == s["epochs"], (
                f"{_describe(name, s)}: history['loss'] has {losses.size} values, expected {s['epochs']}")
            assert np.all(np.isfinite(losses)), (
                f"{_describe(name, s)}: history['loss'] contains NaN or infinity: the training diverged"
                + _divergence(submission, reference, settings, name, out))
        checks.append((name, check))
    credit.note("Test-set metrics of the trained networks (accuracy, precision, recall, F1; "
                "macro averages for more than two classes):\n\n" + _tools().markdown_table(columns, rows))
    check_all(credit, checks)
