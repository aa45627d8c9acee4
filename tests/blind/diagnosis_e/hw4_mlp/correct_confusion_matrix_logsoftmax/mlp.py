"""hw4_mlp: sigmoid MLP with a softmax head, trained by mini-batch SGD.

Implementation notes: the cache is a list of per-layer dicts; the output keeps
the log-probabilities (log-softmax) too; the squared-error backward multiplies
by the per-example softmax Jacobians with einsum; metrics come from a
confusion matrix built with np.add.at.
"""
import numpy as np


def init_params(layer_sizes, seed=0):
    sizes = [int(s) for s in layer_sizes]
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(sizes)):
        fan_in, fan_out = sizes[l - 1], sizes[l]
        std = np.sqrt(2.0 / (fan_in + fan_out))          # Glorot-normal
        params[f"W{l}"] = rng.normal(0.0, std, size=(fan_out, fan_in))
        params[f"b{l}"] = np.zeros(fan_out)
    return params


def _depth(params):
    return max(int(k[1:]) for k in params if k.startswith("W"))


def _sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def _log_softmax(z):
    m = np.max(z, axis=1, keepdims=True)
    return z - m - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))


def forward(params, X):
    a = np.atleast_2d(np.asarray(X, dtype=float))
    layers = [{"a": a}]
    L = _depth(params)
    for l in range(1, L + 1):
        z = a @ np.asarray(params[f"W{l}"], float).T + np.asarray(params[f"b{l}"], float)
        if l < L:
            a = _sigmoid(z)
            layers.append({"a": a})
        else:
            logp = _log_softmax(z)
            a = np.exp(logp)
            layers.append({"a": a, "logp": logp})
    return a, layers


def loss(probs, Y, kind="cross_entropy"):
    P = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    n = P.shape[0]
    if kind == "squared_error":
        return float(np.einsum("nk,nk->", P - Y, P - Y) / n)
    if kind == "cross_entropy":
        logs = np.zeros_like(P)
        np.log(P, out=logs, where=Y != 0)            # only where y_k != 0: 0 log 0 = 0
        return float(-np.einsum("nk,nk->", Y, logs) / n)
    raise ValueError(f"unknown loss kind {kind!r}")


def _output_delta(P, Y, kind):
    n = P.shape[0]
    if kind == "cross_entropy":
        return (P - Y) / n
    G = 2.0 * (P - Y) / n
    K = P.shape[1]
    J = np.einsum("ni,ij->nij", P, np.eye(K)) - np.einsum("ni,nj->nij", P, P)   # J[n, i, j] = dP_i/dz_j
    return np.einsum("ni,nij->nj", G, J)


def backward(params, cache, Y, kind="cross_entropy"):
    L = len(cache) - 1
    Y = np.asarray(Y, dtype=float)
    delta = _output_delta(cache[L]["a"], Y, kind)
    grads = {}
    for l in range(L, 0, -1):
        below = cache[l - 1]["a"]
        grads[f"W{l}"] = np.einsum("nj,nk->jk", delta, below)
        grads[f"b{l}"] = np.einsum("nj->j", delta)
        if l > 1:
            delta = np.einsum("nj,jk->nk", delta, params[f"W{l}"]) * below * (1.0 - below)
    return {k: grads[k] for k in params}


def predict(params, X):
    probs, _ = forward(params, X)
    return np.argmax(probs, axis=1).astype(int)


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    params = init_params([X.shape[1], *hidden_layers, Y.shape[1]], seed=seed)
    rng = np.random.default_rng(seed)
    labels = np.argmax(Y, axis=1)
    history = {"loss": [], "accuracy": []}
    batches = lambda order: (order[i:i + batch_size] for i in range(0, len(order), batch_size))
    for _ in range(int(epochs)):
        for idx in batches(rng.permutation(X.shape[0])):
            _, cache = forward(params, X[idx])
            step = backward(params, cache, Y[idx], kind=kind)
            params = {k: params[k] - learning_rate * step[k] for k in params}
        P, _ = forward(params, X)
        history["loss"].append(loss(P, Y, kind=kind))
        history["accuracy"].append(float(np.mean(np.argmax(P, axis=1) == labels)))
    return params, history


def metrics(y_true, y_pred):
    t = np.asarray(y_true).astype(int).ravel()
    p = np.asarray(y_pred).astype(int).ravel()
    present = np.union1d(t, p)
    k = int(present.max()) + 1
    cm = np.zeros((k, k))
    np.add.at(cm, (t, p), 1.0)                 # rows: true class, columns: predicted
    tp = np.diag(cm)
    with np.errstate(divide="ignore", invalid="ignore"):
        prec = np.nan_to_num(tp / cm.sum(axis=0))
        rec = np.nan_to_num(tp / cm.sum(axis=1))
        f1 = np.nan_to_num(2 * prec * rec / (prec + rec))
    acc = float(tp.sum() / t.size)
    if np.all(present <= 1):
        pick = [1] if k > 1 else []
    else:
        pick = present
    mean = (lambda v: float(np.mean(v[pick]))) if len(pick) else (lambda v: 0.0)
    return {"accuracy": acc, "precision": mean(prec), "recall": mean(rec), "f1": mean(f1)}
