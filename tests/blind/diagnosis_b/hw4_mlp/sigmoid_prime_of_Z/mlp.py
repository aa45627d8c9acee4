# hw4_mlp / mlp.py
# Multi-layer perceptron: sigmoid hidden layers + softmax output.
# The cache keeps every pre-activation Z_l and every activation A_l.

import numpy as np


def sigmoid(Z):
    # exp of a non-positive number only
    E = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1 / (1 + E), E / (1 + E))


def softmax(Z):
    E = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return E / np.sum(E, axis=1, keepdims=True)


def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(layer_sizes)):
        n_in = layer_sizes[l - 1]
        n_out = layer_sizes[l]
        params["W" + str(l)] = rng.normal(0.0, np.sqrt(1.0 / n_in), size=(n_out, n_in))
        params["b" + str(l)] = np.zeros(n_out)
    return params


def forward(params, X):
    L = len(params) // 2
    A = np.asarray(X, dtype=float)
    Zs = [None]          # Zs[l] for l = 1..L  (index 0 unused)
    As = [A]             # As[0] = X
    for l in range(1, L + 1):
        Z = A @ params["W" + str(l)].T + params["b" + str(l)]
        A = softmax(Z) if l == L else sigmoid(Z)
        Zs.append(Z)
        As.append(A)
    return A, (Zs, As)


def loss(probs, Y, kind="cross_entropy"):
    probs = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    if kind == "cross_entropy":
        true_p = np.sum(probs * Y, axis=1)
        return float(np.mean(-np.log(true_p)))
    if kind == "squared_error":
        return float(np.mean(np.sum(np.square(probs - Y), axis=1)))
    raise ValueError("unknown kind " + str(kind))


def backward(params, cache, Y, kind="cross_entropy"):
    Zs, As = cache
    L = len(params) // 2
    P = As[L]
    Y = np.asarray(Y, dtype=float)
    N = Y.shape[0]

    if kind == "cross_entropy":
        dZ = (P - Y) / N
    elif kind == "squared_error":
        dP = 2 * (P - Y) / N
        dZ = P * (dP - np.sum(dP * P, axis=1, keepdims=True))
    else:
        raise ValueError("unknown kind " + str(kind))

    grads = {}
    for l in range(L, 0, -1):
        grads["W" + str(l)] = dZ.T @ As[l - 1]
        grads["b" + str(l)] = np.sum(dZ, axis=0)
        if l > 1:
            dA = dZ @ params["W" + str(l)]
            Z_prev = Zs[l - 1]
            dZ = dA * Z_prev * (1 - Z_prev)       # sigmoid'(z) = s(1 - s)
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    n_samples, n_features = X.shape
    params = init_params([n_features] + list(hidden_layers) + [Y.shape[1]], seed=seed)
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    for epoch in range(epochs):
        order = rng.permutation(n_samples)
        X_sh, Y_sh = X[order], Y[order]
        for i in range(0, n_samples, batch_size):
            xb = X_sh[i:i + batch_size]
            yb = Y_sh[i:i + batch_size]
            _, cache = forward(params, xb)
            grads = backward(params, cache, yb, kind=kind)
            for key in params:
                params[key] = params[key] - learning_rate * grads[key]
        probs, _ = forward(params, X)
        history["loss"].append(loss(probs, Y, kind=kind))
        history["accuracy"].append(float(np.mean(np.argmax(probs, 1) == np.argmax(Y, 1))))
    return params, history


def predict(params, X):
    probs, _ = forward(params, X)
    return np.argmax(probs, axis=1)


def metrics(y_true, y_pred):
    y_true = np.asarray(y_true).astype(int)
    y_pred = np.asarray(y_pred).astype(int)
    accuracy = float(np.mean(y_true == y_pred))
    classes = np.unique(np.concatenate([y_true, y_pred]))
    binary = np.all((classes == 0) | (classes == 1))
    if binary:
        classes = np.array([1])
    P, R, F = [], [], []
    for c in classes:
        tp = np.sum((y_pred == c) & (y_true == c))
        n_pred = np.sum(y_pred == c)
        n_true = np.sum(y_true == c)
        p = tp / n_pred if n_pred > 0 else 0.0
        r = tp / n_true if n_true > 0 else 0.0
        f = 2 * p * r / (p + r) if p + r > 0 else 0.0
        P.append(p)
        R.append(r)
        F.append(f)
    return {"accuracy": accuracy, "precision": float(np.mean(P)),
            "recall": float(np.mean(R)), "f1": float(np.mean(F))}
