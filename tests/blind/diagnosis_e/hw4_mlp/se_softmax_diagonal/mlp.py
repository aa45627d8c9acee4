import numpy as np

LOSSES = ("cross_entropy", "squared_error")


def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    params = {}
    for l, (a, b) in enumerate(zip(layer_sizes, layer_sizes[1:]), 1):
        s = np.sqrt(6.0 / (a + b))
        params[f"W{l}"] = rng.uniform(-s, s, (b, a))
        params[f"b{l}"] = np.zeros(b)
    return params


def _logistic(z):
    return np.where(z >= 0, 1.0 / (1.0 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1.0 + np.exp(-np.abs(z))))


def _softmax_rows(z):
    z = z - z.max(axis=1, keepdims=True)
    ez = np.exp(z)
    return ez / ez.sum(axis=1, keepdims=True)


def forward(params, X):
    L = len(params) // 2
    a = np.asarray(X, dtype=float)
    cache = [(None, a)]                 # (z, a) per layer; layer 0 is the input
    for l in range(1, L + 1):
        z = a @ params[f"W{l}"].T + params[f"b{l}"]
        a = _softmax_rows(z) if l == L else _logistic(z)
        cache.append((z, a))
    return a, cache


def loss(probs, Y, kind="cross_entropy"):
    if kind not in LOSSES:
        raise ValueError(kind)
    P = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    if kind == "cross_entropy":
        safe = np.where(Y > 0, P, 1.0)
        return float(-(Y * np.log(np.maximum(safe, 1e-300))).sum(axis=1).mean())
    return float(((P - Y) ** 2).sum(axis=1).mean())


def backward(params, cache, Y, kind="cross_entropy"):
    L = len(cache) - 1
    P = cache[L][1]
    Y = np.asarray(Y, dtype=float)
    N = P.shape[0]
    if kind == "cross_entropy":
        dZ = (P - Y) / N
    else:
        dP = 2.0 * (P - Y) / N
        dZ = dP * P * (1.0 - P)                 # softmax derivative dO/do = O (1 - O)
    grads = {}
    for l in range(L, 0, -1):
        a_prev = cache[l - 1][1]
        grads[f"W{l}"] = dZ.T @ a_prev
        grads[f"b{l}"] = dZ.sum(axis=0)
        if l > 1:
            dZ = (dZ @ params[f"W{l}"]) * a_prev * (1.0 - a_prev)
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    params = init_params([X.shape[1], *hidden_layers, Y.shape[1]], seed)
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    n = X.shape[0]
    for _ in range(epochs):
        perm = rng.permutation(n)
        Xp, Yp = X[perm], Y[perm]
        for s in range(0, n, batch_size):
            _, cache = forward(params, Xp[s:s + batch_size])
            grads = backward(params, cache, Yp[s:s + batch_size], kind)
            params = {k: v - learning_rate * grads[k] for k, v in params.items()}
        P, _ = forward(params, X)
        history["loss"].append(loss(P, Y, kind))
        history["accuracy"].append(float(np.mean(P.argmax(axis=1) == Y.argmax(axis=1))))
    return params, history


def predict(params, X):
    P, _ = forward(params, X)
    return P.argmax(axis=1).astype(np.int64)


def metrics(y_true, y_pred):
    yt = np.asarray(y_true).astype(int).ravel()
    yp = np.asarray(y_pred).astype(int).ravel()
    labels = np.unique(np.concatenate([yt, yp]))
    k = int(labels.max()) + 1
    cm = np.zeros((k, k), dtype=int)
    for t, p in zip(yt, yp):
        cm[t, p] += 1
    tp = np.diag(cm).astype(float)
    pred = cm.sum(axis=0).astype(float)
    true = cm.sum(axis=1).astype(float)
    prec = np.divide(tp, pred, out=np.zeros(k), where=pred > 0)
    rec = np.divide(tp, true, out=np.zeros(k), where=true > 0)
    f1 = np.divide(2 * prec * rec, prec + rec, out=np.zeros(k), where=(prec + rec) > 0)
    acc = float(tp.sum() / len(yt))
    if set(labels.tolist()) <= {0, 1}:
        return {"accuracy": acc, "precision": float(prec[1]) if k > 1 else 0.0,
                "recall": float(rec[1]) if k > 1 else 0.0, "f1": float(f1[1]) if k > 1 else 0.0}
    return {"accuracy": acc, "precision": float(prec[labels].mean()),
            "recall": float(rec[labels].mean()), "f1": float(f1[labels].mean())}
