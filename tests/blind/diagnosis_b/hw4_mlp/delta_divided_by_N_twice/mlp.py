"""hw4_mlp: a multi-layer perceptron (NumPy only).

Notation follows the handout: delta_l = dL/dZ_l, A_0 = X.
"""

import numpy as np


# ------------------------------------------------------------- building blocks

def _sigmoid(Z):
    Z = np.asarray(Z, dtype=float)
    out = np.empty_like(Z)
    np.divide(1.0, 1.0 + np.exp(-Z, where=Z >= 0, out=np.zeros_like(Z)), out=out, where=Z >= 0)
    eZ = np.exp(Z, where=Z < 0, out=np.zeros_like(Z))
    np.divide(eZ, 1.0 + eZ, out=out, where=Z < 0)
    return out


def _softmax(Z):
    Z = Z - Z.max(axis=1, keepdims=True)
    E = np.exp(Z)
    return E / E.sum(axis=1, keepdims=True)


def _L(params):
    return len([k for k in params if k.startswith("W")])


# ------------------------------------------------------------- the API

def init_params(layer_sizes, seed=0):
    """Glorot-normal weights (std sqrt(2 / (fan_in + fan_out))), zero biases."""
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(layer_sizes)):
        fan_in, fan_out = layer_sizes[l - 1], layer_sizes[l]
        std = np.sqrt(2.0 / (fan_in + fan_out))
        params[f"W{l}"] = std * rng.standard_normal((fan_out, fan_in))
        params[f"b{l}"] = np.zeros(fan_out)
    return params


def forward(params, X):
    A = np.asarray(X, dtype=float)
    L = _L(params)
    A_list = [A]
    for l in range(1, L + 1):
        Z = A @ params[f"W{l}"].T + params[f"b{l}"]
        A = _softmax(Z) if l == L else _sigmoid(Z)
        A_list.append(A)
    return A, A_list


def loss(probs, Y, kind="cross_entropy"):
    P = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    N = P.shape[0]
    if kind == "cross_entropy":
        # -sum_k y_k log p_k, only where y_k > 0 (avoids 0 * log 0)
        mask = Y > 0
        return float(-np.sum(Y[mask] * np.log(P[mask])) / N)
    if kind == "squared_error":
        return float(np.sum((P - Y) ** 2) / N)
    raise ValueError(kind)


def backward(params, cache, Y, kind="cross_entropy"):
    A_list = cache
    L = _L(params)
    P = A_list[L]
    Y = np.asarray(Y, dtype=float)
    N = P.shape[0]

    # output layer: delta_L = dL/dZ_L  (the loss is a mean -> 1/N)
    if kind == "cross_entropy":
        delta = (P - Y) / N
    elif kind == "squared_error":
        G = 2.0 * (P - Y) / N
        delta = P * (G - np.sum(G * P, axis=1, keepdims=True))
    else:
        raise ValueError(kind)

    grads = {}
    for l in range(L, 0, -1):
        A_prev = A_list[l - 1]
        # mean over the batch
        grads[f"W{l}"] = delta.T @ A_prev / N
        grads[f"b{l}"] = delta.sum(axis=0) / N
        if l > 1:
            delta = (delta @ params[f"W{l}"]) * A_prev * (1.0 - A_prev)
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    N = X.shape[0]
    params = init_params([X.shape[1], *hidden_layers, Y.shape[1]], seed=seed)
    rng = np.random.default_rng(seed)
    y_int = np.argmax(Y, axis=1)
    history = {"loss": [], "accuracy": []}
    for epoch in range(epochs):
        idx = rng.permutation(N)
        for b in range(0, N, batch_size):
            sel = idx[b:b + batch_size]
            _, cache = forward(params, X[sel])
            grads = backward(params, cache, Y[sel], kind=kind)
            for name, g in grads.items():
                params[name] -= learning_rate * g
        P, _ = forward(params, X)
        history["loss"].append(loss(P, Y, kind=kind))
        history["accuracy"].append(float(np.mean(np.argmax(P, axis=1) == y_int)))
    return params, history


def predict(params, X):
    P, _ = forward(params, X)
    return np.argmax(P, axis=1).astype(int)


def metrics(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=int).ravel()
    y_pred = np.asarray(y_pred, dtype=int).ravel()
    acc = float(np.mean(y_true == y_pred)) if y_true.size else 0.0
    present = np.union1d(y_true, y_pred)
    precisions, recalls, f1s = [], [], []
    for c in present:
        tp = int(np.sum((y_true == c) & (y_pred == c)))
        fp = int(np.sum((y_true != c) & (y_pred == c)))
        fn = int(np.sum((y_true == c) & (y_pred != c)))
        p = tp / (tp + fp) if (tp + fp) > 0 else 0.0
        r = tp / (tp + fn) if (tp + fn) > 0 else 0.0
        f = 2 * p * r / (p + r) if (p + r) > 0 else 0.0
        precisions.append(p)
        recalls.append(r)
        f1s.append(f)
    if set(present.tolist()) <= {0, 1}:
        if 1 in present.tolist():
            i = present.tolist().index(1)
            return {"accuracy": acc, "precision": precisions[i], "recall": recalls[i], "f1": f1s[i]}
        return {"accuracy": acc, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    return {"accuracy": acc, "precision": float(np.mean(precisions)),
            "recall": float(np.mean(recalls)), "f1": float(np.mean(f1s))}
