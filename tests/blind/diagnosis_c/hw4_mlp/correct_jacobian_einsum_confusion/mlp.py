"""MLP from scratch.

The softmax is differentiated literally: for every example n its Jacobian
J[n] = diag(p_n) - p_n p_n^T is built, and dL/dZ[n] = J[n]^T dL/dP[n] (einsum).
The metrics come from a confusion matrix.
"""

import numpy as np


def _logistic(z):
    # exp(-log(1 + exp(-z))): logaddexp is stable for any z
    return np.exp(-np.logaddexp(0.0, -z))


def _log_softmax(z):
    m = z.max(axis=1, keepdims=True)
    return z - (m + np.log(np.exp(z - m).sum(axis=1, keepdims=True)))


def _weights(params):
    L = sum(1 for k in params if k.startswith("W"))
    return [(params[f"W{l}"], params[f"b{l}"]) for l in range(1, L + 1)]


def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [int(s) for s in layer_sizes]
    params = {}
    for l in range(1, len(sizes)):
        fan_in, fan_out = sizes[l - 1], sizes[l]
        bound = np.sqrt(6.0 / (fan_in + fan_out))
        params[f"W{l}"] = rng.uniform(-bound, bound, size=(fan_out, fan_in))
        params[f"b{l}"] = np.zeros(fan_out)
    return params


def forward(params, X):
    layers = _weights(params)
    acts = [np.asarray(X, dtype=float)]
    for i, (W, b) in enumerate(layers):
        z = acts[-1] @ np.asarray(W, dtype=float).T + np.asarray(b, dtype=float)
        acts.append(np.exp(_log_softmax(z)) if i == len(layers) - 1 else _logistic(z))
    return acts[-1], acts


def loss(probs, Y, kind="cross_entropy"):
    P = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    N = P.shape[0]
    if kind == "cross_entropy":
        # only the true classes: 0 * log 0 never appears
        rows, cols = np.nonzero(Y)
        p_true = np.maximum(P[rows, cols], np.finfo(float).tiny)
        return float(-(Y[rows, cols] * np.log(p_true)).sum() / N)
    if kind == "squared_error":
        return float(np.einsum("nk,nk->", P - Y, P - Y) / N)
    raise ValueError(f"unknown loss kind {kind!r}")


def backward(params, cache, Y, kind="cross_entropy"):
    acts = cache
    Y = np.asarray(Y, dtype=float)
    P = acts[-1]
    N, K = P.shape
    if kind == "cross_entropy":
        delta = (P - Y) / N
    elif kind == "squared_error":
        dP = 2.0 * (P - Y) / N
        J = np.einsum("nk,kj->nkj", P, np.eye(K)) - np.einsum("nk,nj->nkj", P, P)   # J[n, i, j] = dp_i/dz_j
        delta = np.einsum("ni,nij->nj", dP, J)
    else:
        raise ValueError(f"unknown loss kind {kind!r}")
    layers = _weights(params)
    grads = {}
    for l in range(len(layers), 0, -1):
        A_prev = acts[l - 1]
        grads[f"W{l}"] = np.einsum("nj,ni->ji", delta, A_prev)
        grads[f"b{l}"] = np.einsum("nj->j", delta)
        if l > 1:
            delta = (delta @ layers[l - 1][0]) * A_prev * (1.0 - A_prev)
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    params = init_params([X.shape[1], *hidden_layers, Y.shape[1]], seed=seed)
    shuffler = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    n = len(X)
    batches = max(1, int(batch_size))
    for _ in range(int(epochs)):
        perm = shuffler.permutation(n)
        for chunk in np.array_split(perm, range(batches, n, batches)):
            _, acts = forward(params, X[chunk])
            grads = backward(params, acts, Y[chunk], kind=kind)
            params = {k: v - learning_rate * grads[k] for k, v in params.items()}
        P, _ = forward(params, X)
        history["loss"].append(loss(P, Y, kind=kind))
        history["accuracy"].append(float(np.mean(P.argmax(axis=1) == Y.argmax(axis=1))))
    return params, history


def predict(params, X):
    P, _ = forward(params, X)
    return np.asarray(P.argmax(axis=1), dtype=int)


def _confusion(y_true, y_pred, labels):
    index = {c: i for i, c in enumerate(labels)}
    C = np.zeros((len(labels), len(labels)), dtype=np.int64)
    np.add.at(C, ([index[t] for t in y_true], [index[p] for p in y_pred]), 1)
    return C                                    # rows: truth, columns: prediction


def _safe_ratio(num, den):
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    out = np.zeros_like(num)
    np.divide(num, den, out=out, where=den > 0)
    return out


def metrics(y_true, y_pred):
    y_true = np.asarray(y_true).astype(int).ravel().tolist()
    y_pred = np.asarray(y_pred).astype(int).ravel().tolist()
    labels = sorted(set(y_true) | set(y_pred))
    if not labels:
        return {"accuracy": 0.0, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    C = _confusion(y_true, y_pred, labels)
    tp = np.diag(C)
    prec = _safe_ratio(tp, C.sum(axis=0))
    rec = _safe_ratio(tp, C.sum(axis=1))
    f1 = _safe_ratio(2 * prec * rec, prec + rec)
    accuracy = float(tp.sum() / C.sum())
    if set(labels) <= {0, 1}:
        k = labels.index(1) if 1 in labels else None
        if k is None:
            return {"accuracy": accuracy, "precision": 0.0, "recall": 0.0, "f1": 0.0}
        return {"accuracy": accuracy, "precision": float(prec[k]), "recall": float(rec[k]), "f1": float(f1[k])}
    return {"accuracy": accuracy, "precision": float(prec.mean()), "recall": float(rec.mean()),
            "f1": float(f1.mean())}
