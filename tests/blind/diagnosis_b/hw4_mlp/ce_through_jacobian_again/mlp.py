"""hw4_mlp -- my MLP.

Backward pass in two steps for every loss:
   1. G = dL/dP (gradient w.r.t. the softmax outputs)
   2. delta_L = dL/dZ_L = J^T G with J[n] = diag(P[n]) - P[n] P[n]^T (per example)
then the usual backprop through the sigmoid layers.
"""

import numpy as np


def _sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, 1.0 / (1.0 + np.exp(-np.abs(z))),
                    np.exp(-np.abs(z)) / (1.0 + np.exp(-np.abs(z))))


def _softmax(z):
    z = z - np.max(z, axis=1, keepdims=True)
    ez = np.exp(z)
    return ez / ez.sum(axis=1, keepdims=True)


def _softmax_jacobians(P):
    """(N, K, K): J[n, i, j] = P[n, i] (delta_ij - P[n, j])"""
    K = P.shape[1]
    return np.einsum("ni,ij->nij", P, np.eye(K)) - np.einsum("ni,nj->nij", P, P)


def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(layer_sizes)):
        fan_in, fan_out = layer_sizes[l - 1], layer_sizes[l]
        r = 1.0 / np.sqrt(fan_in)
        params["W%d" % l] = rng.uniform(-r, r, size=(fan_out, fan_in))
        params["b%d" % l] = np.zeros(fan_out)
    return params


def forward(params, X):
    L = len(params) // 2
    acts = [np.asarray(X, dtype=float)]
    for l in range(1, L + 1):
        z = np.einsum("nd,jd->nj", acts[-1], params["W%d" % l]) + params["b%d" % l]
        acts.append(_softmax(z) if l == L else _sigmoid(z))
    return acts[-1], acts


def loss(probs, Y, kind="cross_entropy"):
    P = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    if kind == "cross_entropy":
        return float(-np.mean(np.einsum("nk,nk->n", Y, np.log(np.clip(P, 1e-300, 1.0)))))
    if kind == "squared_error":
        return float(np.mean(np.einsum("nk,nk->n", P - Y, P - Y)))
    raise ValueError("unknown loss: " + str(kind))


def backward(params, cache, Y, kind="cross_entropy"):
    acts = cache
    L = len(params) // 2
    P = acts[-1]
    Y = np.asarray(Y, dtype=float)
    N = P.shape[0]

    # step 1: dL/dP
    if kind == "cross_entropy":
        G = (P - Y) / N
    elif kind == "squared_error":
        G = 2.0 * (P - Y) / N
    else:
        raise ValueError("unknown loss: " + str(kind))
    # step 2: through the softmax Jacobian, delta[n, j] = sum_i G[n, i] J[n, i, j]
    delta = np.einsum("ni,nij->nj", G, _softmax_jacobians(P))

    grads = {}
    for l in range(L, 0, -1):
        A_prev = acts[l - 1]
        grads["W%d" % l] = np.einsum("nj,nd->jd", delta, A_prev)
        grads["b%d" % l] = np.einsum("nj->j", delta)
        if l > 1:
            delta = np.einsum("nj,jd->nd", delta, params["W%d" % l]) * A_prev * (1.0 - A_prev)
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    N = X.shape[0]
    params = init_params([X.shape[1]] + [int(h) for h in hidden_layers] + [Y.shape[1]], seed)
    rng = np.random.default_rng(seed)
    target = Y.argmax(axis=1)
    history = {"loss": [], "accuracy": []}
    for _ in range(int(epochs)):
        perm = rng.permutation(N)
        for i in range(0, N, int(batch_size)):
            b = perm[i:i + int(batch_size)]
            _, cache = forward(params, X[b])
            g = backward(params, cache, Y[b], kind)
            params = {k: v - learning_rate * g[k] for k, v in params.items()}
        P, _ = forward(params, X)
        history["loss"].append(loss(P, Y, kind))
        history["accuracy"].append(float(np.mean(P.argmax(axis=1) == target)))
    return params, history


def predict(params, X):
    return np.argmax(forward(params, X)[0], axis=1)


def metrics(y_true, y_pred):
    yt = np.asarray(y_true).astype(int).ravel()
    yp = np.asarray(y_pred).astype(int).ravel()
    labels = np.union1d(yt, yp)
    # one row per class: tp, predicted, actual
    tp = np.array([np.sum((yt == c) & (yp == c)) for c in labels], dtype=float)
    npred = np.array([np.sum(yp == c) for c in labels], dtype=float)
    ntrue = np.array([np.sum(yt == c) for c in labels], dtype=float)
    prec = np.divide(tp, npred, out=np.zeros_like(tp), where=npred > 0)
    rec = np.divide(tp, ntrue, out=np.zeros_like(tp), where=ntrue > 0)
    f1 = np.divide(2 * prec * rec, prec + rec, out=np.zeros_like(tp), where=(prec + rec) > 0)
    acc = float(np.mean(yt == yp))
    if np.isin(labels, [0, 1]).all():
        pos = labels == 1
        if not pos.any():
            return {"accuracy": acc, "precision": 0.0, "recall": 0.0, "f1": 0.0}
        return {"accuracy": acc, "precision": float(prec[pos][0]),
                "recall": float(rec[pos][0]), "f1": float(f1[pos][0])}
    return {"accuracy": acc, "precision": float(prec.mean()),
            "recall": float(rec.mean()), "f1": float(f1.mean())}
