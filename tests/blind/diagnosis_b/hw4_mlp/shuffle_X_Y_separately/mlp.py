import numpy as np

# hw4_mlp -- multi-layer perceptron
# sigmoid hidden layers, softmax output, mean losses, mini-batch SGD


def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [int(s) for s in layer_sizes]
    p = {}
    for i in range(1, len(sizes)):
        bound = np.sqrt(6.0 / (sizes[i - 1] + sizes[i]))          # Glorot uniform
        p["W%d" % i] = rng.uniform(-bound, bound, (sizes[i], sizes[i - 1]))
        p["b%d" % i] = np.zeros(sizes[i])
    return p


def _depth(p):
    return len(p) // 2


def _sig(z):
    return np.exp(np.minimum(z, 0)) / (1 + np.exp(-np.abs(z)))


def forward(params, X):
    L = _depth(params)
    a = np.asarray(X, dtype=float)
    cache = {"A0": a}
    for i in range(1, L + 1):
        z = a @ params["W%d" % i].T + params["b%d" % i]
        if i < L:
            a = _sig(z)
        else:
            z = z - z.max(axis=1, keepdims=True)
            a = np.exp(z)
            a = a / a.sum(axis=1, keepdims=True)
        cache["A%d" % i] = a
    cache["L"] = L
    return a, cache


def loss(probs, Y, kind="cross_entropy"):
    P = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    if kind == "squared_error":
        per_example = ((P - Y) ** 2).sum(axis=1)
    else:
        with np.errstate(divide="ignore"):
            logs = np.log(P)
        per_example = -np.where(Y > 0, Y * logs, 0.0).sum(axis=1)
    return float(per_example.mean())


def backward(params, cache, Y, kind="cross_entropy"):
    L = cache["L"]
    P = cache["A%d" % L]
    Y = np.asarray(Y, dtype=float)
    N = P.shape[0]
    if kind == "squared_error":
        G = 2 * (P - Y) / N
        d = P * (G - (G * P).sum(axis=1, keepdims=True))
    else:
        d = (P - Y) / N
    grads = {}
    for i in range(L, 0, -1):
        a_prev = cache["A%d" % (i - 1)]
        grads["W%d" % i] = d.T @ a_prev
        grads["b%d" % i] = d.sum(axis=0)
        if i > 1:
            d = (d @ params["W%d" % i]) * a_prev * (1 - a_prev)
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    N = len(X)
    params = init_params([X.shape[1], *hidden_layers, Y.shape[1]], seed)
    rng = np.random.default_rng(seed)
    hist = {"loss": [], "accuracy": []}
    X_all, Y_all = X, Y
    for ep in range(epochs):
        # reshuffle the training data every epoch
        Xs = X_all[rng.permutation(N)]
        Ys = Y_all[rng.permutation(N)]
        for s in range(0, N, batch_size):
            _, c = forward(params, Xs[s:s + batch_size])
            g = backward(params, c, Ys[s:s + batch_size], kind)
            for k in params:
                params[k] = params[k] - learning_rate * g[k]
        P, _ = forward(params, X_all)
        hist["loss"].append(loss(P, Y_all, kind))
        hist["accuracy"].append(float((P.argmax(1) == Y_all.argmax(1)).mean()))
    return params, hist


def predict(params, X):
    return forward(params, X)[0].argmax(axis=1)


def metrics(y_true, y_pred):
    t = np.asarray(y_true).astype(int).ravel()
    p = np.asarray(y_pred).astype(int).ravel()
    out = {"accuracy": float((t == p).mean())}

    def prf(c):
        tp = float(((p == c) & (t == c)).sum())
        npred = float((p == c).sum())
        ntrue = float((t == c).sum())
        prec = tp / npred if npred else 0.0
        rec = tp / ntrue if ntrue else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return prec, rec, f1

    labels = sorted(set(t.tolist()) | set(p.tolist()))
    if set(labels) <= {0, 1}:
        prec, rec, f1 = prf(1)
    else:
        rows = [prf(c) for c in labels]
        prec, rec, f1 = (sum(r[i] for r in rows) / len(rows) for i in range(3))
    out.update(precision=prec, recall=rec, f1=f1)
    return out
