"""A from-scratch multi-layer perceptron.

params: {"W1": (H1, D), "b1": (H1,), ..., "WL": (K, H_{L-1}), "bL": (K,)}
cache : {"A": [X, A1, ..., A_{L-1}, P]}
"""

import numpy as np

TINY = np.finfo(np.float64).tiny


def _sigmoid(z):
    pos = 1.0 / (1.0 + np.exp(-np.clip(z, 0, None)))          # z >= 0 part
    ez = np.exp(np.clip(z, None, 0))
    neg = ez / (1.0 + ez)                                      # z < 0 part
    return np.where(z >= 0, pos, neg)


def _softmax_rows(z):
    m = z.max(axis=1, keepdims=True)
    e = np.exp(z - m)
    return e / e.sum(axis=1, keepdims=True)


def _depth(params):
    return sum(1 for k in params if k[0] == "W")


def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [int(s) for s in layer_sizes]
    out = {}
    for l in range(1, len(sizes)):
        limit = np.sqrt(6.0 / (sizes[l - 1] + sizes[l]))
        out["W%d" % l] = rng.uniform(-limit, limit, size=(sizes[l], sizes[l - 1]))
        out["b%d" % l] = np.zeros(sizes[l])
    return out


def forward(params, X):
    A = [np.asarray(X, dtype=np.float64)]
    L = _depth(params)
    for l in range(1, L + 1):
        z = A[-1] @ params["W%d" % l].T + params["b%d" % l]
        A.append(_softmax_rows(z) if l == L else _sigmoid(z))
    return A[-1], {"A": A}


def loss(probs, Y, kind="cross_entropy"):
    P = np.asarray(probs, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    if kind == "cross_entropy":
        per = -(Y * np.log(np.maximum(P, TINY))).sum(axis=1)
    elif kind == "squared_error":
        per = ((P - Y) ** 2).sum(axis=1)
    else:
        raise ValueError("kind must be cross_entropy or squared_error")
    return float(per.mean())


def _output_delta(P, Y, kind):
    N = P.shape[0]
    if kind == "cross_entropy":
        # softmax + cross-entropy: dL/dz = p - y
        return P - Y
    if kind == "squared_error":
        G = 2.0 * (P - Y) / N
        return P * (G - (G * P).sum(axis=1, keepdims=True))
    raise ValueError("kind must be cross_entropy or squared_error")


def backward(params, cache, Y, kind="cross_entropy"):
    A = cache["A"]
    L = len(A) - 1
    delta = _output_delta(A[-1], np.asarray(Y, dtype=np.float64), kind)
    grads = {}
    for l in reversed(range(1, L + 1)):
        grads["W%d" % l] = delta.T @ A[l - 1]
        grads["b%d" % l] = delta.sum(axis=0)
        if l > 1:
            delta = (delta @ params["W%d" % l]) * A[l - 1] * (1.0 - A[l - 1])
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    params = init_params([X.shape[1], *hidden_layers, Y.shape[1]], seed=seed)
    rng = np.random.default_rng(seed)
    truth = Y.argmax(axis=1)
    history = {"loss": [], "accuracy": []}
    for epoch in range(epochs):
        order = rng.permutation(X.shape[0])
        batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
        for idx in batches:
            _, cache = forward(params, X[idx])
            grads = backward(params, cache, Y[idx], kind=kind)
            for k in params:
                params[k] -= learning_rate * grads[k]
        P, _ = forward(params, X)
        history["loss"].append(loss(P, Y, kind=kind))
        history["accuracy"].append(float((P.argmax(axis=1) == truth).mean()))
    return params, history


def predict(params, X):
    P, _ = forward(params, X)
    return P.argmax(axis=1).astype(int)


def metrics(y_true, y_pred):
    t = np.asarray(y_true).astype(int).ravel()
    p = np.asarray(y_pred).astype(int).ravel()
    out = {"accuracy": float((t == p).mean())}
    labels = sorted(set(t) | set(p))
    binary = set(labels) <= {0, 1}
    classes = [1] if binary else labels
    P, R, F = [], [], []
    for c in classes:
        tp = int(((p == c) & (t == c)).sum())
        n_pred = int((p == c).sum())
        n_true = int((t == c).sum())
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_true if n_true else 0.0
        P.append(prec)
        R.append(rec)
        F.append(2 * prec * rec / (prec + rec) if prec + rec > 0 else 0.0)
    out["precision"] = float(np.mean(P))
    out["recall"] = float(np.mean(R))
    out["f1"] = float(np.mean(F))
    return out
