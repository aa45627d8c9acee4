"""Documented cases and handout numbers of hw4_mlp, computed by the reference.

- ``seed000``: seed 000's 2-3-3-2 network (sigmoid, sigmoid, softmax) without
  biases (zero bias vectors), one example, with every activation and every
  gradient, for squared error (the seed's loss) and for cross-entropy. The
  seed works symbolically; the weights here are ours.
- ``softmax_half``: the same example's output-layer gradient computed the
  seed's way, one output at a time as O (1 - O), which for two classes is
  exactly half of the true one.
- ``loss_batch``: the mean over a batch of three.
- ``metrics``: a binary and a multi-class case with their confusion counts.
- ``train_public``: the settings of the public training test.
- ``grading``: the trained-model settings of assignment.yaml and the
  reference's own results with them (printed in the handout).

Arrays have the shapes the functions use: X (N, D), Y (N, K), activations
(N, units), W (fan_out, fan_in), b (fan_out,).
"""

from pathlib import Path

import numpy as np
import yaml

HERE = Path(__file__).resolve().parent
ASSIGNMENT = HERE.parent.parent / "assignments" / "hw4_mlp"

SEED000_PARAMS = {
    "W1": [[0.1, -0.2],
           [0.4, 0.2],
           [-0.3, 0.5]],
    "b1": [0.0, 0.0, 0.0],
    "W2": [[0.2, -0.1, 0.4],
           [-0.5, 0.3, 0.1],
           [0.3, 0.2, -0.2]],
    "b2": [0.0, 0.0, 0.0],
    "W3": [[0.6, -0.4, 0.3],
           [-0.2, 0.5, -0.1]],
    "b3": [0.0, 0.0],
}
SEED000_X = [[1.0, 0.5]]
SEED000_Y = [[1.0, 0.0]]

BATCH_PROBS = [[0.7, 0.2, 0.1],
               [0.1, 0.3, 0.6],
               [0.25, 0.25, 0.5]]
BATCH_Y = [[1.0, 0.0, 0.0],
           [0.0, 0.0, 1.0],
           [0.0, 1.0, 0.0]]

METRICS_CASES = {
    "binary": {
        "y_true": [1, 0, 1, 1, 0, 0, 1, 0, 1, 1],
        "y_pred": [1, 0, 0, 1, 1, 0, 1, 0, 0, 1],
    },
    "multiclass": {
        "y_true": [0, 0, 0, 1, 1, 2, 2, 2, 2, 3],
        "y_pred": [0, 0, 1, 1, 1, 2, 0, 2, 2, 2],
    },
}

TRAIN_PUBLIC = {"dataset": "iris", "hidden_layers": [8], "epochs": 20, "learning_rate": 0.3,
                "batch_size": 5, "kind": "cross_entropy", "seed": 0, "min_train_accuracy": 0.85}


def _a(value):
    return np.asarray(value, dtype=float)


def assignment_yaml():
    """assignments/hw4_mlp/assignment.yaml as a dict."""
    return yaml.safe_load((ASSIGNMENT / "assignment.yaml").read_text(encoding="utf-8"))


def load_datasets():
    """The released ``datasets`` module (loaded by path: no import-path games)."""
    import sys
    from grader.assignment import load_file
    name = "_hw4_mlp_datasets"
    return sys.modules.get(name) or load_file(ASSIGNMENT / "datasets.py", name)


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def seed000(ref):
    """Every intermediate of the 2-3-3-2 example, layer by layer, in the seed's names."""
    m = ref.mlp
    p = {k: _a(v) for k, v in SEED000_PARAMS.items()}
    X, Y = _a(SEED000_X), _a(SEED000_Y)

    # Forward, written out layer by layer (the seed's j, k and o units).
    j_in = X @ p["W1"].T
    j_out = _sigmoid(j_in)
    k_in = j_out @ p["W2"].T
    k_out = _sigmoid(k_in)
    o_in = k_out @ p["W3"].T
    o_out = np.exp(o_in) / np.exp(o_in).sum(axis=1, keepdims=True)

    probs, cache = m.forward(p, X)
    assert np.allclose(probs, o_out, rtol=1e-12, atol=0)

    out = {
        "X": X, "Y": Y, "params": p,
        "forward": {"j_in": j_in, "j_out": j_out, "k_in": k_in, "k_out": k_out,
                    "o_in": o_in, "o_out": o_out},
        "predict": m.predict(p, X),
    }
    for kind in ("squared_error", "cross_entropy"):
        if kind == "squared_error":
            dO = 2.0 * (o_out - Y)                          # dL/dO_out
            o = o_out[0]
            jac = np.diag(o) - np.outer(o, o)               # dO_i/do_in_j = O_i (delta_ij - O_j)
            do_in = dO @ jac                                # J is symmetric: J^T dO = J dO
        else:
            dO = -Y / o_out
            do_in = o_out - Y
        dW3 = do_in.T @ k_out
        dk_out = do_in @ p["W3"]
        dk_in = dk_out * k_out * (1.0 - k_out)
        dW2 = dk_in.T @ j_out
        dj_out = dk_in @ p["W2"]
        dj_in = dj_out * j_out * (1.0 - j_out)
        dW1 = dj_in.T @ X
        grads = m.backward(p, cache, Y, kind=kind)
        mine = {"W1": dW1, "b1": dj_in.sum(0), "W2": dW2, "b2": dk_in.sum(0), "W3": dW3, "b3": do_in.sum(0)}
        for key, value in mine.items():
            assert np.allclose(grads[key], value, rtol=1e-10, atol=1e-15), (kind, key)
        out[kind] = {
            "loss": m.loss(probs, Y, kind=kind),
            "backward": {"dO_out": dO, "do_in": do_in, "dk_out": dk_out, "dk_in": dk_in,
                         "dj_out": dj_out, "dj_in": dj_in},
            "grads": grads,
        }
        if kind == "squared_error":
            out[kind]["backward"]["softmax_jacobian"] = jac
    return out


def softmax_half(case):
    """The seed's one-output-at-a-time derivative against the full Jacobian."""
    o_out = case["forward"]["o_out"]
    dO = case["squared_error"]["backward"]["dO_out"]
    true = case["squared_error"]["backward"]["do_in"]
    elementwise = dO * o_out * (1.0 - o_out)
    return {"elementwise": elementwise, "true": true, "ratio": true / elementwise,
            "dW3_elementwise": elementwise.T @ case["forward"]["k_out"]}


def metrics_cases(ref):
    out = {}
    for name, case in METRICS_CASES.items():
        y_true, y_pred = np.array(case["y_true"]), np.array(case["y_pred"])
        k = int(max(y_true.max(), y_pred.max())) + 1
        confusion = np.zeros((k, k), dtype=int)          # rows: true class, columns: predicted
        np.add.at(confusion, (y_true, y_pred), 1)
        out[name] = {**case, "confusion": confusion, "expected": ref.mlp.metrics(y_true, y_pred)}
    return out


def chance(grading):
    """Per data set, the test share of its most frequent class (zero credit at or below it)."""
    datasets = load_datasets()
    return {name: float(np.bincount(datasets.load(name)[3]).max() / datasets.load(name)[3].size)
            for name in grading["datasets"]}


def reference_results(ref, grading):
    """The reference trained with the grading settings: test metrics per data set."""
    datasets = load_datasets()
    results = {}
    for name, s in grading["datasets"].items():
        X_train, y_train, X_test, y_test = datasets.load(name)
        k = int(y_train.max()) + 1
        params, history = ref.mlp.train(
            X_train, datasets.one_hot(y_train, k), hidden_layers=tuple(s["hidden_layers"]),
            epochs=s["epochs"], learning_rate=s["learning_rate"], batch_size=s["batch_size"],
            kind=s["kind"], seed=s["seed"])
        scores = ref.mlp.metrics(y_test, ref.mlp.predict(params, X_test))
        results[name] = {**{k: round(v, 4) for k, v in scores.items()},
                         "final_loss": round(history["loss"][-1], 4)}
    return results


def documented(ref):
    case = seed000(ref)
    config = assignment_yaml()
    grading = config["settings"]
    train_seconds = config["limits"]["calls"]["train"]
    return {
        "seed000": case,
        "softmax_half": softmax_half(case),
        "loss_batch": {
            "probs": _a(BATCH_PROBS), "Y": _a(BATCH_Y),
            "cross_entropy": ref.mlp.loss(_a(BATCH_PROBS), _a(BATCH_Y), kind="cross_entropy"),
            "squared_error": ref.mlp.loss(_a(BATCH_PROBS), _a(BATCH_Y), kind="squared_error"),
        },
        "metrics": metrics_cases(ref),
        "train_public": TRAIN_PUBLIC,
        "grading": {**grading, "reference": reference_results(ref, grading), "chance": chance(grading),
                    "train_seconds": train_seconds},
    }
