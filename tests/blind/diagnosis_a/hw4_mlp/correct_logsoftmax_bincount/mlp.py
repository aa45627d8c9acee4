"""Multi-layer perceptron (hw4_mlp) - forward through a log-softmax,
one cache dict per layer, metrics from a bincount confusion matrix."""

import numpy as np


def _sigmoid(Z):
    # clipping keeps exp finite; sigmoid(-500) ~ 7e-218 is 0 for every practical purpose
    return 1.0 / (1.0 + np.exp(-np.clip(Z, -500.0, 500.0)))


def _log_softmax(Z):
    m = Z.max(axis=1, keepdims=True)
    return Z - m - np.log(np.exp(Z - m).sum(axis=1, keepdims=True))


def init_params(layer_sizes, seed=0):
    """LeCun-uniform weights U(-sqrt(3/fan_in), sqrt(3/fan_in)), zero biases."""
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(layer_sizes)):
        fan_in, fan_out = layer_sizes[l - 1], layer_sizes[l]
        a = np.sqrt(3.0 / fan_in)
        params["W" + str(l)] = rng.uniform(-a, a, (fan_out, fan_in))
        params["b" + str(l)] = np.zeros(fan_out)
    return params


def forward(params, X):
    A = np.asarray(X, dtype=float)
    L = len(params) // 2
    layers = []
    for l in range(1, L + 1):
        Z = A @ params["W" + str(l)].T + params["b" + str(l)]
        out = np.exp(_log_softmax(Z)) if l == L else _sigmoid(Z)
        layers.append({"A_prev": A, "Z": Z, "A": out})
        A = out
    return A, layers


def loss(probs, Y, kind="cross_entropy"):
    P = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    if kind == "cross_entropy":
        return float(-np.mean(np.log(np.einsum("nk,nk->n", P, Y))))
    if kind == "squared_error":
        return float(np.mean(np.einsum("nk,nk->n", P - Y, P - Y)))
    raise ValueError("unknown kind: " + str(kind))


def backward(params, cache, Y, kind="cross_entropy"):
    Y = np.asarray(Y, dtype=float)
    P = cache[-1]["A"]
    N = P.shape[0]
    if kind == "cross_entropy":
        delta = (P - Y) / N
    elif kind == "squared_error":
        G = 2.0 * (P - Y) / N
        delta = P * G - P * np.einsum("nk,nk->n", G, P)[:, None]
    else:
        raise ValueError("unknown kind: " + str(kind))
    grads = {}
    for l in range(len(cache), 0, -1):
        A_prev = cache[l - 1]["A_prev"]
        grads["W" + str(l)] = np.einsum("nj,ni->ji", delta, A_prev)
        grads["b" + str(l)] = np.einsum("nj->j", delta)
        if l > 1:
            delta = np.einsum("nj,ji->ni", delta, params["W" + str(l)]) * A_prev * (1.0 - A_prev)
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    params = init_params((X.shape[1],) + tuple(hidden_layers) + (Y.shape[1],), seed)
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    for _epoch in range(epochs):
        perm = rng.permutation(len(X))
        for chunk in (perm[i:i + batch_size] for i in range(0, len(perm), batch_size)):
            _, cache = forward(params, X[chunk])
            step = backward(params, cache, Y[chunk], kind)
            params = {k: params[k] - learning_rate * step[k] for k in params}
        P, _ = forward(params, X)
        history["loss"].append(loss(P, Y, kind))
        history["accuracy"].append(float((P.argmax(1) == Y.argmax(1)).mean()))
    return params, history


def predict(params, X):
    return np.argmax(forward(params, X)[0], axis=-1)


def metrics(y_true, y_pred):
    t = np.asarray(y_true, dtype=int).ravel()
    p = np.asarray(y_pred, dtype=int).ravel()
    K = int(max(t.max(initial=0), p.max(initial=0))) + 1
    conf = np.bincount(t * K + p, minlength=K * K).reshape(K, K).astype(float)   # rows true, cols predicted
    tp = np.diag(conf)
    n_pred, n_true = conf.sum(axis=0), conf.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        prec = np.where(n_pred > 0, tp / n_pred, 0.0)
        rec = np.where(n_true > 0, tp / n_true, 0.0)
        f1 = np.where(prec + rec > 0, 2 * prec * rec / (prec + rec), 0.0)
    accuracy = float(tp.sum() / t.size) if t.size else 0.0
    present = (n_pred + n_true) > 0
    if K <= 2:
        if K == 2:
            return {"accuracy": accuracy, "precision": float(prec[1]), "recall": float(rec[1]), "f1": float(f1[1])}
        return {"accuracy": accuracy, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    return {"accuracy": accuracy, "precision": float(prec[present].mean()),
            "recall": float(rec[present].mean()), "f1": float(f1[present].mean())}
