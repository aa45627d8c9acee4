"""MLP from scratch: sigmoid hidden layers, softmax output, SGD."""

import numpy as np


def sigmoid(z):
    out = np.empty_like(z)
    m = z >= 0
    out[m] = 1.0 / (1.0 + np.exp(-z[m]))
    ez = np.exp(z[~m])
    out[~m] = ez / (1.0 + ez)
    return out


def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(layer_sizes)):
        n_in, n_out = layer_sizes[l - 1], layer_sizes[l]
        std = np.sqrt(2.0 / (n_in + n_out))                 # Glorot normal
        params["W%d" % l] = rng.normal(0.0, std, size=(n_out, n_in))
        params["b%d" % l] = np.zeros(n_out)
    return params


def forward(params, X):
    A = np.asarray(X, dtype=float)
    n_layers = len(params) // 2
    cache = {"A0": A}
    for l in range(1, n_layers + 1):
        Z = A @ params["W%d" % l].T + params["b%d" % l]
        if l < n_layers:
            A = sigmoid(Z)
        else:
            Z = Z - Z.max(axis=1, keepdims=True)
            expZ = np.exp(Z)
            A = expZ / expZ.sum(axis=1, keepdims=True)
        cache["A%d" % l] = A
    return A, cache


def loss(probs, Y, kind="cross_entropy"):
    probs = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    n = probs.shape[0]
    if kind == "squared_error":
        per_example = np.sum((probs - Y) ** 2, axis=1)
    else:
        per_example = -np.log(probs[np.arange(n), np.argmax(Y, axis=1)])
    return float(np.mean(per_example))


def backward(params, cache, Y, kind="cross_entropy"):
    Y = np.asarray(Y, dtype=float)
    n_layers = len(params) // 2
    P = cache["A%d" % n_layers]
    n = P.shape[0]
    if kind == "squared_error":
        dP = 2.0 * (P - Y) / n
        K = P.shape[1]
        J = np.einsum("ni,ij->nij", P, np.eye(K)) - np.einsum("ni,nj->nij", P, P)
        dZ = np.einsum("ni,nij->nj", dP, J)
    else:
        dZ = (P - Y) / n
    grads = {}
    for l in range(n_layers, 0, -1):
        A_prev = cache["A%d" % (l - 1)]
        grads["W%d" % l] = dZ.T @ A_prev
        grads["b%d" % l] = dZ.sum(axis=0)
        if l > 1:
            dA = dZ @ params["W%d" % l]
            dZ = dA * A_prev * (1.0 - A_prev)
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    sizes = [X.shape[1]] + list(hidden_layers) + [Y.shape[1]]
    params = init_params(sizes, seed=seed)
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    n = X.shape[0]
    for _ in range(epochs):
        perm = rng.permutation(n)
        Xs, Ys = X[perm], Y[perm]
        for i in range(0, n, batch_size):
            xb, yb = Xs[i:i + batch_size], Ys[i:i + batch_size]
            _, cache = forward(params, xb)
            g = backward(params, cache, yb, kind=kind)
            for name in params:
                params[name] = params[name] + learning_rate * g[name]
        P, _ = forward(params, X)
        history["loss"].append(loss(P, Y, kind=kind))
        history["accuracy"].append(float(np.mean(P.argmax(axis=1) == Y.argmax(axis=1))))
    return params, history


def predict(params, X):
    P, _ = forward(params, X)
    return np.argmax(P, axis=1).astype(int)


def metrics(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=int).ravel()
    y_pred = np.asarray(y_pred, dtype=int).ravel()
    acc = float(np.mean(y_true == y_pred)) if y_true.size else 0.0
    labels = sorted(set(y_true.tolist()) | set(y_pred.tolist()))

    def prf(c):
        tp = int(np.sum((y_true == c) & (y_pred == c)))
        fp = int(np.sum((y_true != c) & (y_pred == c)))
        fn = int(np.sum((y_true == c) & (y_pred != c)))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    if set(labels) <= {0, 1}:
        p, r, f = prf(1)
    else:
        scores = [prf(c) for c in labels]
        p = sum(s[0] for s in scores) / len(scores)
        r = sum(s[1] for s in scores) / len(scores)
        f = sum(s[2] for s in scores) / len(scores)
    return {"accuracy": acc, "precision": float(p), "recall": float(r), "f1": float(f)}
