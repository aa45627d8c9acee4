"""
MLP from scratch -- hw4_mlp
-------------------------------------------------
layer l:  Z_l = A_{l-1} W_l^T + b_l
          A_l = sigmoid(Z_l)      (hidden)
          P   = softmax(Z_L)      (output)
"""
import numpy as np


def sigmoid(z):
    out = np.empty_like(z, dtype=float)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def softmax(z):
    shifted = z - np.max(z, axis=1, keepdims=True)
    ez = np.exp(shifted)
    return ez / np.sum(ez, axis=1, keepdims=True)


def layer_keys(params):
    n = len([k for k in params if k[0] == "W"])
    return [(f"W{l}", f"b{l}") for l in range(1, n + 1)]


def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    params = {}
    for l, (n_in, n_out) in enumerate(zip(layer_sizes[:-1], layer_sizes[1:]), start=1):
        # scaled normal init: std = 1/sqrt(fan_in)
        params[f"W{l}"] = rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)
        params[f"b{l}"] = np.zeros(n_out)
    return params


def forward(params, X):
    A = np.asarray(X, dtype=float)
    keys = layer_keys(params)
    inputs_per_layer = []
    for i, (wk, bk) in enumerate(keys):
        inputs_per_layer.append(A)
        Z = A @ params[wk].T + params[bk]
        if i == len(keys) - 1:
            A = softmax(Z)
        else:
            A = sigmoid(Z)
    probs = A
    cache = {"inputs": inputs_per_layer, "probs": probs}
    return probs, cache


def loss(probs, Y, kind="cross_entropy"):
    probs = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    n = probs.shape[0]
    if kind == "cross_entropy":
        picked = probs[Y.astype(bool)]
        return float(-np.sum(np.log(picked)) / n)
    elif kind == "squared_error":
        return float(np.sum((probs - Y) ** 2) / n)
    raise ValueError("kind must be 'cross_entropy' or 'squared_error'")


def backward(params, cache, Y, kind="cross_entropy"):
    P = cache["probs"]
    inputs = cache["inputs"]
    Y = np.asarray(Y, dtype=float)
    n = P.shape[0]

    if kind == "cross_entropy":
        dZ = (P - Y) / n
    elif kind == "squared_error":
        dP = 2 * (P - Y) / n
        inner = np.sum(dP * P, axis=1, keepdims=True)
        dZ = P * (dP - inner)
    else:
        raise ValueError("kind must be 'cross_entropy' or 'squared_error'")

    grads = {}
    keys = layer_keys(params)
    for i in reversed(range(len(keys))):
        wk, bk = keys[i]
        A_in = inputs[i]
        grads[wk] = dZ.T @ A_in
        grads[bk] = np.sum(dZ, axis=0)
        if i > 0:
            dA = dZ @ params[wk]
            dZ = dA * A_in * (1 - A_in)
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    n = X.shape[0]
    sizes = [X.shape[1]] + list(hidden_layers) + [Y.shape[1]]
    params = init_params(sizes, seed)
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}

    for epoch in range(epochs):
        perm = rng.permutation(n)
        for start in range(0, n, batch_size):
            batch = perm[start:start + batch_size]
            _, cache = forward(params, X[batch])
            grads = backward(params, cache, Y[batch], kind)
            # SGD step, averaged over the mini-batch
            for key in params:
                params[key] -= learning_rate * grads[key] / len(batch)

        probs, _ = forward(params, X)
        history["loss"].append(loss(probs, Y, kind))
        history["accuracy"].append(float(np.mean(np.argmax(probs, axis=1) == np.argmax(Y, axis=1))))
    return params, history


def predict(params, X):
    probs, _ = forward(params, X)
    return np.argmax(probs, axis=1)


def _safe_div(a, b):
    return a / b if b > 0 else 0.0


def metrics(y_true, y_pred):
    y_true = np.asarray(y_true).ravel()
    y_pred = np.asarray(y_pred).ravel()
    accuracy = float(np.mean(y_true == y_pred))
    classes = np.union1d(y_true, y_pred)

    def scores(c):
        tp = np.sum((y_pred == c) & (y_true == c))
        fp = np.sum((y_pred == c) & (y_true != c))
        fn = np.sum((y_pred != c) & (y_true == c))
        p = _safe_div(tp, tp + fp)
        r = _safe_div(tp, tp + fn)
        f = _safe_div(2 * p * r, p + r)
        return p, r, f

    if np.all(np.isin(classes, [0, 1])):
        p, r, f = scores(1)
    else:
        all_scores = np.array([scores(c) for c in classes])
        p, r, f = all_scores.mean(axis=0)
    return {"accuracy": accuracy, "precision": float(p), "recall": float(r), "f1": float(f)}
