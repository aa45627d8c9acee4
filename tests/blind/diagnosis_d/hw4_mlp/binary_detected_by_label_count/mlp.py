"""Homework 4: multi-layer perceptron (NumPy only)."""
import numpy as np

EPS = 1e-12


def _sig(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    p = {}
    for l, (n_in, n_out) in enumerate(zip(layer_sizes[:-1], layer_sizes[1:]), start=1):
        a = np.sqrt(6.0 / (n_in + n_out))
        p[f"W{l}"] = rng.uniform(-a, a, size=(n_out, n_in))
        p[f"b{l}"] = np.zeros(n_out)
    return p


def forward(params, X):
    L = len(params) // 2
    As, Zs = [np.asarray(X, dtype=float)], []
    for l in range(1, L + 1):
        Z = As[-1] @ params[f"W{l}"].T + params[f"b{l}"]
        Zs.append(Z)
        if l < L:
            As.append(_sig(Z))
        else:
            Z = Z - Z.max(axis=1, keepdims=True)
            E = np.exp(Z)
            As.append(E / E.sum(axis=1, keepdims=True))
    return As[-1], (As, Zs)


def loss(probs, Y, kind="cross_entropy"):
    P, Y = np.asarray(probs, float), np.asarray(Y, float)
    if kind == "cross_entropy":
        per_example = -np.sum(np.where(Y > 0, Y * np.log(np.maximum(np.where(Y > 0, P, 1.0), EPS)), 0.0), axis=1)
    else:
        per_example = np.sum((P - Y) ** 2, axis=1)
    return float(per_example.mean())


def backward(params, cache, Y, kind="cross_entropy"):
    As, _ = cache
    Y = np.asarray(Y, float)
    P = As[-1]
    N = P.shape[0]
    if kind == "cross_entropy":
        D = (P - Y) / N
    else:
        G = 2.0 * (P - Y) / N
        D = P * (G - (G * P).sum(axis=1, keepdims=True))
    L = len(As) - 1
    g = {}
    for l in range(L, 0, -1):
        g[f"W{l}"] = D.T @ As[l - 1]
        g[f"b{l}"] = D.sum(axis=0)
        if l > 1:
            D = (D @ params[f"W{l}"]) * As[l - 1] * (1.0 - As[l - 1])
    return g


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X, Y = np.asarray(X, float), np.asarray(Y, float)
    params = init_params([X.shape[1], *hidden_layers, Y.shape[1]], seed)
    rng = np.random.default_rng(seed)
    hist = {"loss": [], "accuracy": []}
    for _ in range(epochs):
        perm = rng.permutation(X.shape[0])
        for i in range(0, X.shape[0], batch_size):
            b = perm[i:i + batch_size]
            _, c = forward(params, X[b])
            g = backward(params, c, Y[b], kind)
            params = {k: v - learning_rate * g[k] for k, v in params.items()}
        P, _ = forward(params, X)
        hist["loss"].append(loss(P, Y, kind))
        hist["accuracy"].append(float((P.argmax(1) == Y.argmax(1)).mean()))
    return params, hist


def predict(params, X):
    return forward(params, X)[0].argmax(axis=1)


def _prf(y_true, y_pred, c):
    tp = float(np.sum((y_pred == c) & (y_true == c)))
    pp = float(np.sum(y_pred == c))
    ap = float(np.sum(y_true == c))
    prec = tp / pp if pp else 0.0
    rec = tp / ap if ap else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def metrics(y_true, y_pred):
    y_true = np.asarray(y_true).astype(int).ravel()
    y_pred = np.asarray(y_pred).astype(int).ravel()
    acc = float(np.mean(y_true == y_pred))
    labels = np.unique(np.concatenate([y_true, y_pred]))
    if len(labels) == 2:
        # binary problem: scores of the positive class
        prec, rec, f1 = _prf(y_true, y_pred, labels[1])
    else:
        scores = np.array([_prf(y_true, y_pred, c) for c in labels])
        prec, rec, f1 = scores.mean(axis=0)
    return {"accuracy": acc, "precision": float(prec), "recall": float(rec), "f1": float(f1)}
