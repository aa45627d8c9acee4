"""hw4_mlp: a configurable MLP (sigmoid hidden layers, softmax output)."""

import numpy as np


def _sig(z):
    # 1 / (1 + e^-z) = exp(-log(1 + e^-z)), computed with logaddexp (no overflow)
    return np.exp(-np.logaddexp(0.0, -z))


def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [int(s) for s in layer_sizes]
    params = {}
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        params["W" + str(i)] = rng.standard_normal((n_out, n_in)) * np.sqrt(1.0 / n_in)
        params["b" + str(i)] = np.zeros(n_out)
    return params


def _depth(params):
    return sum(1 for k in params if k[0] == "W")


def forward(params, X):
    a = np.asarray(X, dtype=float)
    depth = _depth(params)
    acts = [a]
    for i in range(1, depth + 1):
        z = a @ params["W" + str(i)].T + params["b" + str(i)]
        if i == depth:
            z = z - z.max(axis=1, keepdims=True)
            ez = np.exp(z)
            a = ez / ez.sum(axis=1, keepdims=True)
        else:
            a = _sig(z)
        acts.append(a)
    return a, tuple(acts)


def loss(probs, Y, kind="cross_entropy"):
    P = np.asarray(probs, dtype=float)
    T = np.asarray(Y, dtype=float)
    if kind == "cross_entropy":
        logs = np.log(P, out=np.zeros_like(P), where=T > 0)
        return float(-np.sum(T * logs) / P.shape[0])
    elif kind == "squared_error":
        return float(np.sum(np.square(P - T)) / P.shape[0])
    raise ValueError("kind must be 'cross_entropy' or 'squared_error'")


def backward(params, cache, Y, kind="cross_entropy"):
    acts = cache
    T = np.asarray(Y, dtype=float)
    P = acts[-1]
    n = P.shape[0]
    if kind == "cross_entropy":
        d = P - T
    else:
        g = 2.0 * (P - T)
        d = P * g - P * np.sum(P * g, axis=1, keepdims=True)
    d = d / n          # the loss is a mean over the batch
    depth = len(acts) - 1
    collected = []
    for i in range(depth, 0, -1):
        a_prev = acts[i - 1]
        collected.append((d.T @ a_prev, d.sum(axis=0)))
        if i > 1:
            d = (d @ params["W" + str(i)]) * a_prev * (1.0 - a_prev)
    grads = {}
    for i, (dW, db) in enumerate(collected, start=1):
        grads["W" + str(i)] = dW
        grads["b" + str(i)] = db
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    params = init_params([X.shape[1], *hidden_layers, Y.shape[1]], seed=seed)
    rng = np.random.default_rng(seed)
    hist = {"loss": [], "accuracy": []}
    N = len(X)
    for ep in range(epochs):
        idx = rng.permutation(N)
        X_sh = X[idx]
        Y_sh = Y[idx]
        for b in range(0, N, batch_size):
            _, cache = forward(params, X_sh[b:b + batch_size])
            grads = backward(params, cache, Y_sh[b:b + batch_size], kind)
            for k in params:
                params[k] -= learning_rate * grads[k]
        P, _ = forward(params, X)
        hist["loss"].append(loss(P, Y, kind))
        hist["accuracy"].append(float(np.mean(P.argmax(axis=1) == Y.argmax(axis=1))))
    return params, hist


def predict(params, X):
    P, _ = forward(params, X)
    return P.argmax(axis=1)


def metrics(y_true, y_pred):
    t = np.asarray(y_true).astype(int).ravel()
    p = np.asarray(y_pred).astype(int).ravel()
    labels = np.unique(np.concatenate([t, p]))
    index = {int(c): i for i, c in enumerate(labels)}
    C = np.zeros((len(labels), len(labels)))          # rows: true, columns: predicted
    for a, b in zip(t, p):
        C[index[int(a)], index[int(b)]] += 1
    tp = np.diag(C)
    predicted = C.sum(axis=0)
    actual = C.sum(axis=1)
    precision = np.divide(tp, predicted, out=np.zeros_like(tp), where=predicted > 0)
    recall = np.divide(tp, actual, out=np.zeros_like(tp), where=actual > 0)
    denom = precision + recall
    f1 = np.divide(2 * precision * recall, denom, out=np.zeros_like(tp), where=denom > 0)
    acc = float(tp.sum() / max(len(t), 1))
    if all(int(c) in (0, 1) for c in labels):
        if 1 in index:
            k = index[1]
            return {"accuracy": acc, "precision": float(precision[k]), "recall": float(recall[k]),
                    "f1": float(f1[k])}
        return {"accuracy": acc, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    return {"accuracy": acc, "precision": float(precision.mean()), "recall": float(recall.mean()),
            "f1": float(f1.mean())}
