"""Multi-layer perceptron (hw4).

Layers are kept in the params dict as W1, b1, ..., WL, bL. The cache of the
forward pass is a list of (A_prev, A) pairs, one per layer.
"""
import numpy as np


class _Act:
    @staticmethod
    def sigmoid(z):
        ez = np.exp(-np.abs(z))
        return np.where(z >= 0, 1.0, ez) / (1.0 + ez)

    @staticmethod
    def softmax(z):
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)


def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    out = {}
    for idx in range(1, len(layer_sizes)):
        fan_in = layer_sizes[idx - 1]
        fan_out = layer_sizes[idx]
        lim = (6.0 / (fan_in + fan_out)) ** 0.5
        out["W" + str(idx)] = rng.uniform(low=-lim, high=lim, size=(fan_out, fan_in))
        out["b" + str(idx)] = np.zeros((fan_out,))
    return out


def forward(params, X):
    n_layers = len(params) // 2
    A = np.asarray(X, dtype=float)
    cache = []
    for idx in range(1, n_layers + 1):
        Z = A @ params["W" + str(idx)].T + params["b" + str(idx)]
        A_new = _Act.softmax(Z) if idx == n_layers else _Act.sigmoid(Z)
        cache.append((A, A_new))
        A = A_new
    return A, cache


def loss(probs, Y, kind="cross_entropy"):
    probs = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    n = probs.shape[0]
    if kind == "squared_error":
        return float(np.sum(np.square(probs - Y)) / n)
    elif kind == "cross_entropy":
        true_class = np.argmax(Y, axis=1)
        p = probs[np.arange(n), true_class]
        return float(-np.sum(np.log(np.maximum(p, 1e-300))) / n)
    raise ValueError("unknown loss " + str(kind))


def backward(params, cache, Y, kind="cross_entropy"):
    Y = np.asarray(Y, dtype=float)
    P = cache[-1][1]
    n = P.shape[0]
    if kind == "cross_entropy":
        dZ = (P - Y) / n
    elif kind == "squared_error":
        G = 2.0 * (P - Y) / n
        # dZ_j = P_j (G_j - sum_i G_i P_i)
        s = np.sum(G * P, axis=1)
        dZ = P * (G - s)
    else:
        raise ValueError("unknown loss " + str(kind))
    grads = {}
    n_layers = len(cache)
    for idx in range(n_layers, 0, -1):
        A_prev, _ = cache[idx - 1]
        grads["W" + str(idx)] = dZ.T @ A_prev
        grads["b" + str(idx)] = dZ.sum(axis=0)
        if idx > 1:
            dZ = (dZ @ params["W" + str(idx)]) * (A_prev * (1.0 - A_prev))
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    layer_sizes = [X.shape[1]] + [int(h) for h in hidden_layers] + [Y.shape[1]]
    params = init_params(layer_sizes, seed=seed)
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    N = X.shape[0]
    for epoch in range(epochs):
        order = rng.permutation(N)
        Xs, Ys = X[order], Y[order]
        for start in range(0, N, batch_size):
            _, cache = forward(params, Xs[start:start + batch_size])
            grads = backward(params, cache, Ys[start:start + batch_size], kind=kind)
            for key in params:
                params[key] -= learning_rate * grads[key]
        probs, _ = forward(params, X)
        history["loss"].append(loss(probs, Y, kind=kind))
        history["accuracy"].append(float(np.mean(np.argmax(probs, 1) == np.argmax(Y, 1))))
    return params, history


def predict(params, X):
    probs, _ = forward(params, X)
    return np.argmax(probs, axis=1)


def metrics(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=int)
    y_pred = np.asarray(y_pred, dtype=int)
    labels = np.unique(np.concatenate([y_true, y_pred]))
    is_binary = bool(np.all((labels == 0) | (labels == 1)))

    def scores(c):
        tp = np.count_nonzero((y_pred == c) & (y_true == c))
        fp = np.count_nonzero((y_pred == c) & (y_true != c))
        fn = np.count_nonzero((y_pred != c) & (y_true == c))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return prec, rec, f1

    if is_binary:
        prec, rec, f1 = scores(1)
    else:
        table = [scores(c) for c in labels]
        prec = sum(t[0] for t in table) / len(table)
        rec = sum(t[1] for t in table) / len(table)
        f1 = sum(t[2] for t in table) / len(table)
    return {"accuracy": float(np.mean(y_true == y_pred)), "precision": float(prec),
            "recall": float(rec), "f1": float(f1)}
