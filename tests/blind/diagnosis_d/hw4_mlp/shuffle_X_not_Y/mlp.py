import numpy as np


def sigmoid(Z):
    Z = np.asarray(Z, dtype=float)
    e = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1 / (1 + e), e / (1 + e))


def softmax(Z):
    shifted = Z - np.max(Z, axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)


def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    params = {}
    L = len(layer_sizes) - 1
    for l in range(1, L + 1):
        fan_in = layer_sizes[l - 1]
        fan_out = layer_sizes[l]
        r = np.sqrt(6.0 / (fan_in + fan_out))
        params["W%d" % l] = rng.uniform(low=-r, high=r, size=(fan_out, fan_in))
        params["b%d" % l] = np.zeros((fan_out,))
    return params


def forward(params, X):
    L = len(params) // 2
    A = np.asarray(X, dtype=float)
    cache = [A]
    for l in range(1, L):
        A = sigmoid(A @ params["W%d" % l].T + params["b%d" % l])
        cache.append(A)
    P = softmax(A @ params["W%d" % L].T + params["b%d" % L])
    cache.append(P)
    return P, cache


def loss(probs, Y, kind="cross_entropy"):
    probs = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    N = len(probs)
    if kind == "cross_entropy":
        picked = np.sum(Y * probs, axis=1)           # probability of the true class
        return float(-np.log(np.maximum(picked, np.finfo(float).tiny)).sum() / N)
    elif kind == "squared_error":
        return float(((probs - Y) ** 2).sum() / N)
    else:
        raise ValueError(kind)


def backward(params, cache, Y, kind="cross_entropy"):
    Y = np.asarray(Y, dtype=float)
    P = cache[-1]
    N = len(P)
    L = len(params) // 2
    if kind == "cross_entropy":
        delta = (P - Y) / N
    else:
        G = 2 * (P - Y) / N
        inner = np.sum(G * P, axis=1, keepdims=True)
        delta = P * (G - inner)
    grads = {}
    for l in range(L, 0, -1):
        A_prev = cache[l - 1]
        grads["W%d" % l] = delta.T @ A_prev
        grads["b%d" % l] = np.sum(delta, axis=0)
        if l > 1:
            delta = (delta @ params["W%d" % l]) * A_prev * (1 - A_prev)
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    N, D = X.shape
    K = Y.shape[1]
    params = init_params([D] + list(hidden_layers) + [K], seed=seed)
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    for epoch in range(epochs):
        X_shuffled = X[rng.permutation(N)]
        for start in range(0, N, batch_size):
            xb = X_shuffled[start:start + batch_size]
            yb = Y[start:start + batch_size]
            P, cache = forward(params, xb)
            grads = backward(params, cache, yb, kind=kind)
            for name in params:
                params[name] = params[name] - learning_rate * grads[name]
        P_all, _ = forward(params, X)
        history["loss"].append(loss(P_all, Y, kind=kind))
        history["accuracy"].append(float(np.mean(P_all.argmax(axis=1) == Y.argmax(axis=1))))
    return params, history


def predict(params, X):
    P, _ = forward(params, X)
    return P.argmax(axis=1)


def metrics(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=int)
    y_pred = np.asarray(y_pred, dtype=int)
    accuracy = float(np.mean(y_true == y_pred))

    def div(a, b):
        return float(a) / b if b else 0.0

    def class_scores(c):
        tp = np.count_nonzero((y_pred == c) & (y_true == c))
        fp = np.count_nonzero((y_pred == c) & (y_true != c))
        fn = np.count_nonzero((y_pred != c) & (y_true == c))
        p = div(tp, tp + fp)
        r = div(tp, tp + fn)
        f = div(2 * p * r, p + r)
        return p, r, f

    present = sorted(set(y_true.tolist()) | set(y_pred.tolist()))
    if all(c in (0, 1) for c in present):
        p, r, f = class_scores(1)
    else:
        trio = [class_scores(c) for c in present]
        p = sum(t[0] for t in trio) / len(trio)
        r = sum(t[1] for t in trio) / len(trio)
        f = sum(t[2] for t in trio) / len(trio)
    return {"accuracy": accuracy, "precision": p, "recall": r, "f1": f}
