"""hw4 -- multi-layer perceptron, numpy only."""
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)


def softmax(z):
    z = z - np.max(z, axis=1, keepdims=True)
    ez = np.exp(z)
    return ez / ez.sum(axis=1, keepdims=True)


def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    p = {}
    for l in range(1, len(layer_sizes)):
        a = np.sqrt(6 / (layer_sizes[l - 1] + layer_sizes[l]))
        p["W%d" % l] = rng.uniform(-a, a, size=(layer_sizes[l], layer_sizes[l - 1]))
        p["b%d" % l] = np.zeros(layer_sizes[l])
    return p


def forward(params, X):
    L = len(params) // 2
    A = np.asarray(X, dtype=float)
    acts = [A]
    for l in range(1, L + 1):
        Z = A @ params["W%d" % l].T + params["b%d" % l]
        A = softmax(Z) if l == L else sigmoid(Z)
        acts.append(A)
    return A, {"acts": acts}


def loss(probs, Y, kind="cross_entropy"):
    P = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    if kind == "cross_entropy":
        logs = np.log(np.where(Y > 0, np.maximum(P, 1e-300), 1.0))
        return float(-np.sum(Y * logs) / P.shape[0])
    return float(np.sum((P - Y) ** 2) / P.shape[0])


def backward(params, cache, Y, kind="cross_entropy"):
    acts = cache["acts"]
    Y = np.asarray(Y, dtype=float)
    L = len(params) // 2
    P = acts[-1]
    N = P.shape[0]
    if kind == "cross_entropy":
        delta = (P - Y) / N
    else:
        dP = 2 * (P - Y) / N
        delta = P * (dP - (dP * P).sum(axis=1, keepdims=True))
    grads = {}
    for l in range(L, 0, -1):
        grads["W%d" % l] = delta.T @ acts[l - 1]
        grads["b%d" % l] = delta.sum(axis=0)
        if l > 1:
            # back through the sigmoid of layer l-1
            delta = (delta @ params["W%d" % l]) * sigmoid_prime(acts[l - 1])
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    params = init_params([X.shape[1], *hidden_layers, Y.shape[1]], seed=seed)
    rng = np.random.default_rng(seed)
    hist = {"loss": [], "accuracy": []}
    for ep in range(epochs):
        order = rng.permutation(len(X))
        for s in range(0, len(X), batch_size):
            b = order[s:s + batch_size]
            _, c = forward(params, X[b])
            g = backward(params, c, Y[b], kind=kind)
            for k in params:
                params[k] -= learning_rate * g[k]
        P, _ = forward(params, X)
        hist["loss"].append(loss(P, Y, kind))
        hist["accuracy"].append(float((P.argmax(1) == Y.argmax(1)).mean()))
    return params, hist


def predict(params, X):
    return forward(params, X)[0].argmax(axis=1)


def metrics(y_true, y_pred):
    t = np.asarray(y_true).astype(int)
    p = np.asarray(y_pred).astype(int)
    out = {"accuracy": float((t == p).mean())}
    classes = np.unique(np.concatenate([t, p]))
    binary = np.all(np.isin(classes, [0, 1]))
    use = [1] if binary else list(classes)
    P, R, F = [], [], []
    for c in use:
        tp = np.sum((p == c) & (t == c))
        pred_c = np.sum(p == c)
        true_c = np.sum(t == c)
        prec = tp / pred_c if pred_c else 0.0
        rec = tp / true_c if true_c else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        P.append(prec)
        R.append(rec)
        F.append(f1)
    out["precision"] = float(np.mean(P))
    out["recall"] = float(np.mean(R))
    out["f1"] = float(np.mean(F))
    return out
