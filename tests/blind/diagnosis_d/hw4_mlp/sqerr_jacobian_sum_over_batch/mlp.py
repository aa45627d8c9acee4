import numpy as np


def sigmoid(x):
    return np.exp(-np.logaddexp(0, -x))


def softmax(Z):
    Z = Z - Z.max(axis=1, keepdims=True)
    expZ = np.exp(Z)
    return expZ / expZ.sum(axis=1, keepdims=True)


def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(layer_sizes)):
        fan_in, fan_out = layer_sizes[l - 1], layer_sizes[l]
        # Xavier/Glorot normal
        std = np.sqrt(2.0 / (fan_in + fan_out))
        params[f"W{l}"] = rng.normal(0.0, std, size=(fan_out, fan_in))
        params[f"b{l}"] = np.zeros(fan_out)
    return params


def forward(params, X):
    n_layers = len(params) // 2
    a = np.asarray(X, dtype=float)
    acts = [a]
    for l in range(1, n_layers + 1):
        z = a @ params[f"W{l}"].T + params[f"b{l}"]
        a = softmax(z) if l == n_layers else sigmoid(z)
        acts.append(a)
    return a, acts


def loss(probs, Y, kind="cross_entropy"):
    probs = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    n = probs.shape[0]
    if kind == "cross_entropy":
        logp = np.log(np.clip(probs, 1e-300, None))
        return float(-(Y * logp).sum() / n)
    if kind == "squared_error":
        return float(((probs - Y) ** 2).sum() / n)
    raise ValueError(f"unknown kind {kind!r}")


def backward(params, cache, Y, kind="cross_entropy"):
    acts = cache
    P = acts[-1]
    Y = np.asarray(Y, dtype=float)
    n = P.shape[0]
    if kind == "cross_entropy":
        dZ = (P - Y) / n
    elif kind == "squared_error":
        G = 2 * (P - Y) / n                        # dL/dP
        # dL/dz_j = sum_i G_i P_i (delta_ij - P_j) = P_j (G_j - sum_i G_i P_i)
        dZ = P * (G - np.sum(G * P))
    else:
        raise ValueError(f"unknown kind {kind!r}")
    n_layers = len(acts) - 1
    grads = {}
    for l in range(n_layers, 0, -1):
        a_prev = acts[l - 1]
        grads[f"W{l}"] = dZ.T @ a_prev
        grads[f"b{l}"] = dZ.sum(axis=0)
        if l > 1:
            dZ = (dZ @ params[f"W{l}"]) * a_prev * (1 - a_prev)
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    params = init_params([X.shape[1], *hidden_layers, Y.shape[1]], seed=seed)
    rng = np.random.default_rng(seed)
    n = X.shape[0]
    history = {"loss": [], "accuracy": []}
    for epoch in range(epochs):
        perm = rng.permutation(n)
        for start in range(0, n, batch_size):
            batch = perm[start:start + batch_size]
            _, acts = forward(params, X[batch])
            grads = backward(params, acts, Y[batch], kind=kind)
            for key in params:
                params[key] = params[key] - learning_rate * grads[key]
        P, _ = forward(params, X)
        history["loss"].append(loss(P, Y, kind=kind))
        history["accuracy"].append(float(np.mean(P.argmax(axis=1) == Y.argmax(axis=1))))
    return params, history


def predict(params, X):
    P, _ = forward(params, X)
    return np.argmax(P, axis=1)


def metrics(y_true, y_pred):
    y_true = np.asarray(y_true).astype(int)
    y_pred = np.asarray(y_pred).astype(int)
    acc = float(np.mean(y_true == y_pred))
    labels = np.union1d(y_true, y_pred)
    if np.isin(labels, [0, 1]).all():
        classes = [1]
    else:
        classes = list(labels)
    precs, recs, f1s = [], [], []
    for c in classes:
        tp = np.sum((y_true == c) & (y_pred == c))
        fp = np.sum((y_true != c) & (y_pred == c))
        fn = np.sum((y_true == c) & (y_pred != c))
        prec = tp / (tp + fp) if tp + fp > 0 else 0.0
        rec = tp / (tp + fn) if tp + fn > 0 else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec > 0 else 0.0
        precs.append(prec)
        recs.append(rec)
        f1s.append(f1)
    return {"accuracy": acc, "precision": float(np.mean(precs)),
            "recall": float(np.mean(recs)), "f1": float(np.mean(f1s))}
