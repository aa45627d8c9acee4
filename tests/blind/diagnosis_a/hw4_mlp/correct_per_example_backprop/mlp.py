"""hw4 MLP. I find backprop easiest one example at a time, so backward loops
over the rows of the batch and averages the per-example gradients at the end."""

from collections import Counter

import numpy as np


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    sizes = list(layer_sizes)
    params = {}
    for l, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        bound = np.sqrt(6.0 / (fan_in + fan_out))
        params[f"W{l}"] = (2.0 * rng.random((fan_out, fan_in)) - 1.0) * bound
        params[f"b{l}"] = np.zeros(fan_out)
    return params


def forward(params, X):
    X = np.atleast_2d(np.asarray(X, dtype=float))
    L = len(params) // 2
    activations = [X]
    for l in range(1, L + 1):
        Z = activations[-1] @ params[f"W{l}"].T + params[f"b{l}"]
        if l < L:
            activations.append(_sigmoid(Z))
        else:
            Z = Z - Z.max(axis=1, keepdims=True)
            E = np.exp(Z)
            activations.append(E / E.sum(axis=1, keepdims=True))
    return activations[-1], {"activations": activations}


def loss(probs, Y, kind="cross_entropy"):
    P = np.atleast_2d(np.asarray(probs, dtype=float))
    Y = np.atleast_2d(np.asarray(Y, dtype=float))
    per_example = []
    for p, y in zip(P, Y):
        if kind == "cross_entropy":
            k = int(np.argmax(y))
            per_example.append(-y[k] * np.log(p[k]))
        elif kind == "squared_error":
            per_example.append(np.sum((p - y) ** 2))
        else:
            raise ValueError(kind)
    return float(np.mean(per_example))


def backward(params, cache, Y, kind="cross_entropy"):
    acts = cache["activations"]
    Y = np.atleast_2d(np.asarray(Y, dtype=float))
    L = len(acts) - 1
    N = Y.shape[0]
    grads = {k: np.zeros_like(v, dtype=float) for k, v in params.items()}
    for n in range(N):
        a = [A[n] for A in acts]                 # this example's activations
        p, y = a[-1], Y[n]
        if kind == "cross_entropy":
            delta = p - y
        elif kind == "squared_error":
            J = np.diag(p) - np.outer(p, p)      # dp_i/dz_j
            delta = J.T @ (2.0 * (p - y))
        else:
            raise ValueError(kind)
        for l in range(L, 0, -1):
            grads[f"W{l}"] += np.outer(delta, a[l - 1])
            grads[f"b{l}"] += delta
            if l > 1:
                delta = (params[f"W{l}"].T @ delta) * a[l - 1] * (1.0 - a[l - 1])
    for k in grads:
        grads[k] /= N                            # the loss is the mean over the batch
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    params = init_params([X.shape[1]] + list(hidden_layers) + [Y.shape[1]], seed=seed)
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    order = np.arange(X.shape[0])
    for _ in range(epochs):
        rng.shuffle(order)
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            _, cache = forward(params, X[batch])
            grads = backward(params, cache, Y[batch], kind=kind)
            for k in params:
                params[k] = params[k] - learning_rate * grads[k]
        probs, _ = forward(params, X)
        history["loss"].append(loss(probs, Y, kind=kind))
        history["accuracy"].append(float(np.mean(probs.argmax(axis=1) == Y.argmax(axis=1))))
    return params, history


def predict(params, X):
    return forward(params, X)[0].argmax(axis=1)


def metrics(y_true, y_pred):
    y_true = [int(v) for v in np.ravel(y_true)]
    y_pred = [int(v) for v in np.ravel(y_pred)]
    tp, fp, fn = Counter(), Counter(), Counter()
    for t, p in zip(y_true, y_pred):
        if t == p:
            tp[t] += 1
        else:
            fp[p] += 1
            fn[t] += 1

    def ratio(a, b):
        return a / b if b else 0.0

    def scores(c):
        pr = ratio(tp[c], tp[c] + fp[c])
        rc = ratio(tp[c], tp[c] + fn[c])
        return pr, rc, ratio(2 * pr * rc, pr + rc)

    classes = sorted(set(y_true) | set(y_pred))
    accuracy = ratio(sum(tp.values()), len(y_true))
    if set(classes) <= {0, 1}:
        pr, rc, f1 = scores(1)
    else:
        per_class = [scores(c) for c in classes]
        pr, rc, f1 = (sum(s[i] for s in per_class) / len(per_class) for i in range(3))
    return {"accuracy": float(accuracy), "precision": float(pr), "recall": float(rc), "f1": float(f1)}
