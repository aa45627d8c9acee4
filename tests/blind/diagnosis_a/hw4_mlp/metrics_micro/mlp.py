"""A multi-layer perceptron trained from scratch with NumPy (hw4)."""

import numpy as np


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(layer_sizes)):
        fan_in, fan_out = int(layer_sizes[l - 1]), int(layer_sizes[l])
        limit = np.sqrt(6.0 / (fan_in + fan_out))          # Glorot uniform
        params[f"W{l}"] = rng.uniform(-limit, limit, size=(fan_out, fan_in))
        params[f"b{l}"] = np.zeros(fan_out)
    return params


def _num_layers(params):
    return len([k for k in params if k.startswith("W")])


def forward(params, X):
    X = np.asarray(X, dtype=float)
    L = _num_layers(params)
    A = X
    As, Zs = [X], []
    for l in range(1, L + 1):
        Z = A @ params[f"W{l}"].T + params[f"b{l}"]
        Zs.append(Z)
        A = _softmax(Z) if l == L else _sigmoid(Z)
        As.append(A)
    return A, {"A": As, "Z": Zs}


def loss(probs, Y, kind="cross_entropy"):
    P = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    N = P.shape[0]
    if kind == "cross_entropy":
        p_true = np.sum(P * Y, axis=1)
        return float(-np.sum(np.log(p_true)) / N)
    if kind == "squared_error":
        return float(np.sum((P - Y) ** 2) / N)
    raise ValueError(f"unknown loss {kind!r}")


def backward(params, cache, Y, kind="cross_entropy"):
    As, Zs = cache["A"], cache["Z"]
    Y = np.asarray(Y, dtype=float)
    L = len(Zs)
    P = As[-1]
    N = P.shape[0]
    if kind == "cross_entropy":
        delta = (P - Y) / N
    elif kind == "squared_error":
        G = 2.0 * (P - Y) / N
        # full softmax Jacobian, row by row: P_j (G_j - sum_i G_i P_i)
        delta = P * (G - np.sum(G * P, axis=1, keepdims=True))
    else:
        raise ValueError(f"unknown loss {kind!r}")
    grads = {}
    for l in range(L, 0, -1):
        A_prev = As[l - 1]
        grads[f"W{l}"] = delta.T @ A_prev
        grads[f"b{l}"] = delta.sum(axis=0)
        if l > 1:
            delta = (delta @ params[f"W{l}"]) * A_prev * (1.0 - A_prev)
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    N, D = X.shape
    K = Y.shape[1]
    params = init_params([D, *hidden_layers, K], seed)
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    for epoch in range(epochs):
        order = rng.permutation(N)
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            probs, cache = forward(params, X[idx])
            grads = backward(params, cache, Y[idx], kind)
            for key in params:
                params[key] -= learning_rate * grads[key]
        probs, _ = forward(params, X)
        history["loss"].append(loss(probs, Y, kind))
        history["accuracy"].append(float(np.mean(np.argmax(probs, axis=1) == np.argmax(Y, axis=1))))
    return params, history


def predict(params, X):
    probs, _ = forward(params, X)
    return np.argmax(probs, axis=1)


def _safe_div(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return np.divide(a, b, out=np.zeros_like(a), where=b != 0)


def metrics(y_true, y_pred):
    y_true = np.asarray(y_true).astype(int).ravel()
    y_pred = np.asarray(y_pred).astype(int).ravel()
    accuracy = float(np.mean(y_true == y_pred)) if y_true.size else 0.0
    classes = np.union1d(y_true, y_pred)
    tp = np.array([np.sum((y_pred == c) & (y_true == c)) for c in classes])
    fp = np.array([np.sum((y_pred == c) & (y_true != c)) for c in classes])
    fn = np.array([np.sum((y_pred != c) & (y_true == c)) for c in classes])
    if np.all(np.isin(classes, [0, 1])):
        # binary: the scores of the positive class 1
        t1 = np.sum((y_pred == 1) & (y_true == 1))
        p1 = float(_safe_div(t1, np.sum(y_pred == 1)))
        r1 = float(_safe_div(t1, np.sum(y_true == 1)))
        f1 = float(_safe_div(2 * p1 * r1, p1 + r1))
        return {"accuracy": accuracy, "precision": p1, "recall": r1, "f1": f1}
    precision = float(_safe_div(tp.sum(), tp.sum() + fp.sum()))
    recall = float(_safe_div(tp.sum(), tp.sum() + fn.sum()))
    f1 = float(_safe_div(2 * precision * recall, precision + recall))
    return {"accuracy": accuracy, "precision": precision, "recall": recall, "f1": f1}
