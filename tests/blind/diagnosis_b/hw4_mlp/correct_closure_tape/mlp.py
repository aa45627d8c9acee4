"""hw4_mlp.

A slightly unusual design: `forward` records a *tape* -- one small closure
per layer that knows how to send a gradient back through that layer -- and
returns it as the cache.  `backward` only seeds the output gradient and
replays the tape in reverse.  (The closures capture only local arrays, so
several caches can be alive at once.)
"""

import numpy as np


def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    sizes = list(map(int, layer_sizes))
    out = {}
    for l, (fi, fo) in enumerate(zip(sizes, sizes[1:]), 1):
        a = np.sqrt(6.0 / (fi + fo))
        out["W%d" % l] = rng.uniform(-a, a, (fo, fi))
        out["b%d" % l] = np.zeros(fo)
    return out


def _logistic(z):
    # logistic(z) = (1 + tanh(z/2)) / 2 is mathematically equal, but loses
    # digits for very negative z; use the exp(-|z|) split instead.
    t = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0, t) / (1.0 + t)


def _affine_node(A_in, W):
    def back(dZ):
        return dZ.T @ A_in, dZ.sum(axis=0), dZ @ W      # dW, db, dA_in
    return back


def _sigmoid_node(A):
    def back(dA):
        return dA * A * (1.0 - A)
    return back


def forward(params, X):
    A = np.asarray(X, dtype=float)
    L = sum(k[0] == "W" for k in params)
    tape = []
    for l in range(1, L + 1):
        W, b = np.asarray(params["W%d" % l], float), np.asarray(params["b%d" % l], float)
        tape.append(("affine", l, _affine_node(A, W)))
        Z = A @ W.T + b
        if l < L:
            A = _logistic(Z)
            tape.append(("sigmoid", l, _sigmoid_node(A)))
        else:
            Z = Z - Z.max(axis=1, keepdims=True)
            A = np.exp(Z)
            A /= A.sum(axis=1, keepdims=True)
    return A, {"probs": A, "tape": tape}


def loss(probs, Y, kind="cross_entropy"):
    P = np.asarray(probs, float)
    Y = np.asarray(Y, float)
    if kind == "cross_entropy":
        logP = np.log(P, out=np.zeros_like(P), where=Y != 0)
        return float(-(Y * logP).sum() / P.shape[0])
    if kind == "squared_error":
        return float(np.square(P - Y).sum() / P.shape[0])
    raise ValueError("kind must be cross_entropy or squared_error, not %r" % (kind,))


def _output_delta(P, Y, kind):
    N = P.shape[0]
    if kind == "cross_entropy":
        return (P - Y) / N
    if kind == "squared_error":
        G = 2.0 * (P - Y) / N
        # J^T G row by row, J = diag(P) - P P^T (symmetric)
        return P * G - P * np.einsum("nk,nk->n", G, P)[:, None]
    raise ValueError("kind must be cross_entropy or squared_error, not %r" % (kind,))


def backward(params, cache, Y, kind="cross_entropy"):
    g = _output_delta(cache["probs"], np.asarray(Y, float), kind)
    grads = {}
    for node, l, back in reversed(cache["tape"]):
        if node == "affine":
            grads["W%d" % l], grads["b%d" % l], g = back(g)
        else:
            g = back(g)
    return {k: grads[k] for k in params}


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, float)
    Y = np.asarray(Y, float)
    params = init_params([X.shape[1], *hidden_layers, Y.shape[1]], seed)
    rng = np.random.default_rng(seed)
    truth = Y.argmax(1)
    history = {"loss": [], "accuracy": []}
    for _ in range(epochs):
        perm = rng.permutation(len(X))
        for chunk in np.array_split(perm, np.arange(batch_size, len(X), batch_size)):
            _, cache = forward(params, X[chunk])
            for k, g in backward(params, cache, Y[chunk], kind).items():
                params[k] = params[k] - learning_rate * g
        P, _ = forward(params, X)
        history["loss"].append(loss(P, Y, kind))
        history["accuracy"].append(float((P.argmax(1) == truth).mean()))
    return params, history


def predict(params, X):
    return forward(params, X)[0].argmax(axis=1)


def metrics(y_true, y_pred):
    t = np.asarray(y_true).astype(int).ravel()
    p = np.asarray(y_pred).astype(int).ravel()
    labels, inv = np.unique(np.concatenate([t, p]), return_inverse=True)
    ti, pi = inv[:t.size], inv[t.size:]
    C = np.zeros((labels.size, labels.size))
    np.add.at(C, (ti, pi), 1.0)                      # rows: truth, columns: prediction
    tp, col, row = np.diag(C), C.sum(0), C.sum(1)
    prec = np.divide(tp, col, out=np.zeros_like(tp), where=col > 0)
    rec = np.divide(tp, row, out=np.zeros_like(tp), where=row > 0)
    f1 = np.divide(2 * prec * rec, prec + rec, out=np.zeros_like(tp), where=prec + rec > 0)
    acc = float(tp.sum() / max(t.size, 1))
    if set(labels.tolist()) <= {0, 1}:
        sel = labels == 1
        pick = (lambda v: float(v[sel][0])) if sel.any() else (lambda v: 0.0)
    else:
        pick = lambda v: float(v.mean())
    return {"accuracy": acc, "precision": pick(prec), "recall": pick(rec), "f1": pick(f1)}
