import numpy as np


def sigmoid(z):
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def softmax(z):
    shifted = z - np.max(z, axis=1, keepdims=True)
    exps = np.exp(shifted)
    return exps / np.sum(exps, axis=1, keepdims=True)


def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    params = {}
    for i in range(len(layer_sizes) - 1):
        n_in, n_out = layer_sizes[i], layer_sizes[i + 1]
        bound = np.sqrt(6.0 / (n_in + n_out))
        params["W" + str(i + 1)] = rng.uniform(-bound, bound, (n_out, n_in))
        params["b" + str(i + 1)] = np.zeros(n_out)
    return params


def forward(params, X):
    X = np.asarray(X, dtype=float)
    L = len(params) // 2
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        Z = A @ params["W" + str(l)].T + params["b" + str(l)]
        if l < L:
            A = sigmoid(Z)
        else:
            A = softmax(Z)
        cache["A" + str(l)] = A
    return A, cache


def loss(probs, Y, kind="cross_entropy"):
    probs = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    if kind == "squared_error":
        return float(np.mean(np.sum((probs - Y) ** 2, axis=1)))
    true_p = probs[np.arange(len(Y)), np.argmax(Y, axis=1)]
    return float(-np.mean(np.log(np.maximum(true_p, np.finfo(float).tiny))))


def backward(params, cache, Y, kind="cross_entropy"):
    Y = np.asarray(Y, dtype=float)
    L = len(params) // 2
    P = cache["A" + str(L)]
    N = Y.shape[0]
    if kind == "squared_error":
        G = 2.0 * (P - Y) / N
        dZ = P * (G - np.sum(G * P, axis=1, keepdims=True))
    else:
        dZ = (P - Y) / N
    grads = {}
    for l in range(L, 0, -1):
        A_prev = cache["A" + str(l - 1)]
        grads["W" + str(l)] = dZ.T @ A_prev
        grads["b" + str(l)] = np.sum(dZ, axis=0)
        if l > 1:
            dA = dZ @ params["W" + str(l)]
            dZ = dA * A_prev * (1.0 - A_prev)
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    sizes = [X.shape[1]] + list(hidden_layers) + [Y.shape[1]]
    params = init_params(sizes, seed=seed)
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    n = X.shape[0]
    for epoch in range(epochs):
        perm = rng.permutation(n)
        X_shuffled = X[perm]
        for i in range(0, n, batch_size):
            X_batch = X_shuffled[i:i + batch_size]
            Y_batch = Y[i:i + batch_size]
            _, cache = forward(params, X_batch)
            grads = backward(params, cache, Y_batch, kind=kind)
            for key in params:
                params[key] = params[key] - learning_rate * grads[key]
        probs, _ = forward(params, X)
        history["loss"].append(loss(probs, Y, kind=kind))
        history["accuracy"].append(float(np.mean(np.argmax(probs, axis=1) == np.argmax(Y, axis=1))))
    return params, history


def predict(params, X):
    probs, _ = forward(params, X)
    return np.argmax(probs, axis=1).astype(int)


def metrics(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=int)
    y_pred = np.asarray(y_pred, dtype=int)
    acc = float(np.mean(y_true == y_pred)) if y_true.size else 0.0

    def prf(c):
        tp = int(np.sum((y_pred == c) & (y_true == c)))
        fp = int(np.sum((y_pred == c) & (y_true != c)))
        fn = int(np.sum((y_pred != c) & (y_true == c)))
        p = tp / (tp + fp) if tp + fp > 0 else 0.0
        r = tp / (tp + fn) if tp + fn > 0 else 0.0
        f = 2 * p * r / (p + r) if p + r > 0 else 0.0
        return p, r, f

    classes = sorted(set(y_true.tolist()) | set(y_pred.tolist()))
    if all(c in (0, 1) for c in classes):
        p, r, f = prf(1)
    else:
        scores = np.array([prf(c) for c in classes])
        p, r, f = scores.mean(axis=0)
    return {"accuracy": acc, "precision": float(p), "recall": float(r), "f1": float(f)}
