"""hw4 MLP -- my implementation.

Bug on purpose (example submission): a 1/log(t) learning-rate schedule with
an off-by-one, lr = learning_rate / log(epoch + 1), so the first epoch's rate
is learning_rate / log(1) = infinity (NumPy divides a float by 0.0 with a
warning, not an error). The first step makes the parameters infinite and
every later value NaN. Every function but train is correct.
"""
import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def softmax(z):
    z = z - np.max(z, axis=1, keepdims=True)
    ez = np.exp(z)
    return ez / np.sum(ez, axis=1, keepdims=True)


def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    params = {}
    for i in range(1, len(layer_sizes)):
        params["W%d" % i] = rng.normal(0.0, 1.0, (layer_sizes[i], layer_sizes[i - 1])) / np.sqrt(layer_sizes[i - 1])
        params["b%d" % i] = np.zeros(layer_sizes[i])
    return params


def forward(params, X):
    X = np.asarray(X, dtype=float)
    L = len(params) // 2
    outs = [X]
    h = X
    for i in range(1, L + 1):
        z = h @ params["W%d" % i].T + params["b%d" % i]
        h = softmax(z) if i == L else sigmoid(z)
        outs.append(h)
    return h, tuple(outs)


def loss(probs, Y, kind="cross_entropy"):
    probs = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    if kind == "cross_entropy":
        return float(np.mean(-np.sum(Y * np.log(probs + 1e-300), axis=1)))
    return float(np.mean(np.sum((probs - Y) ** 2, axis=1)))


def backward(params, cache, Y, kind="cross_entropy"):
    outs = list(cache)
    L = len(outs) - 1
    O = outs[-1]
    N = O.shape[0]
    if kind == "cross_entropy":
        delta = (O - Y) / N
    else:
        g = 2.0 * (O - Y) / N
        # full softmax Jacobian: dL/dz_i = sum_k g_k O_k (delta_ki - O_i)
        delta = O * (g - np.sum(g * O, axis=1, keepdims=True))
    grads = {}
    for i in range(L, 0, -1):
        grads["W%d" % i] = delta.T @ outs[i - 1]
        grads["b%d" % i] = delta.sum(axis=0)
        if i > 1:
            a = outs[i - 1]
            delta = (delta @ params["W%d" % i]) * a * (1.0 - a)
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    sizes = [X.shape[1]] + list(hidden_layers) + [Y.shape[1]]
    params = init_params(sizes, seed)
    rng = np.random.default_rng(seed + 1)
    history = {"loss": [], "accuracy": []}
    for epoch in range(epochs):
        lr = learning_rate / np.log(epoch + 1)   # annealing 1/log(t); meant log(epoch + 2)
        perm = rng.permutation(len(X))
        for s in range(0, len(X), batch_size):
            b = perm[s:s + batch_size]
            _, cache = forward(params, X[b])
            g = backward(params, cache, Y[b], kind)
            for k in params:
                params[k] -= lr * g[k]
        P, _ = forward(params, X)
        history["loss"].append(loss(P, Y, kind))
        history["accuracy"].append(float(np.mean(P.argmax(1) == Y.argmax(1))))
    return params, history


def predict(params, X):
    P, _ = forward(params, X)
    return np.argmax(P, axis=1)


def metrics(y_true, y_pred):
    y_true = np.asarray(y_true).astype(int)
    y_pred = np.asarray(y_pred).astype(int)
    acc = float(np.mean(y_true == y_pred))
    labels = sorted(set(y_true.tolist()) | set(y_pred.tolist()))
    if set(labels) <= {0, 1}:
        labels = [1]
    P, R, F = [], [], []
    for c in labels:
        tp = np.sum((y_pred == c) & (y_true == c))
        fp = np.sum((y_pred == c) & (y_true != c))
        fn = np.sum((y_pred != c) & (y_true == c))
        p = tp / (tp + fp) if tp + fp > 0 else 0.0
        r = tp / (tp + fn) if tp + fn > 0 else 0.0
        f = 2 * p * r / (p + r) if p + r > 0 else 0.0
        P.append(p)
        R.append(r)
        F.append(f)
    return {"accuracy": acc, "precision": float(np.mean(P)), "recall": float(np.mean(R)),
            "f1": float(np.mean(F))}
