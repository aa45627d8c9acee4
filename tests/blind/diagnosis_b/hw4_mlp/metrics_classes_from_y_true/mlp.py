"""hw4 -- MLP from scratch (sigmoid hidden layers, softmax output)."""

import numpy as np


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _num_layers(params):
    return sum(1 for k in params if k.startswith("W"))


def init_params(layer_sizes, seed=0):
    """Glorot-uniform weights, zero biases."""
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(layer_sizes)):
        fan_in, fan_out = int(layer_sizes[l - 1]), int(layer_sizes[l])
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        params[f"W{l}"] = rng.uniform(-limit, limit, size=(fan_out, fan_in))
        params[f"b{l}"] = np.zeros(fan_out)
    return params


def forward(params, X):
    L = _num_layers(params)
    A = np.asarray(X, dtype=float)
    activations = [A]                       # A_0 = X, A_1, ..., A_{L-1}
    for l in range(1, L):
        A = _sigmoid(A @ params[f"W{l}"].T + params[f"b{l}"])
        activations.append(A)
    P = _softmax(A @ params[f"W{L}"].T + params[f"b{L}"])
    return P, (activations, P)


def loss(probs, Y, kind="cross_entropy"):
    P = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    if kind == "cross_entropy":
        logP = np.log(np.where(Y > 0, P, 1.0))     # only the true class matters
        return float(-np.mean(np.sum(Y * logP, axis=1)))
    if kind == "squared_error":
        return float(np.mean(np.sum((P - Y) ** 2, axis=1)))
    raise ValueError(f"unknown loss {kind!r}")


def backward(params, cache, Y, kind="cross_entropy"):
    activations, P = cache
    Y = np.asarray(Y, dtype=float)
    N = P.shape[0]
    L = _num_layers(params)

    if kind == "cross_entropy":
        delta = (P - Y) / N
    elif kind == "squared_error":
        G = 2.0 * (P - Y) / N
        delta = P * (G - np.sum(G * P, axis=1, keepdims=True))
    else:
        raise ValueError(f"unknown loss {kind!r}")

    grads = {}
    for l in range(L, 0, -1):
        A_prev = activations[l - 1]
        grads[f"W{l}"] = delta.T @ A_prev
        grads[f"b{l}"] = delta.sum(axis=0)
        if l > 1:
            delta = (delta @ params[f"W{l}"]) * A_prev * (1.0 - A_prev)
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    N, D = X.shape
    K = Y.shape[1]
    params = init_params([D, *hidden_layers, K], seed=seed)
    rng = np.random.default_rng(seed)
    labels = Y.argmax(axis=1)
    history = {"loss": [], "accuracy": []}
    for _ in range(epochs):
        order = rng.permutation(N)
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            _, cache = forward(params, X[idx])
            grads = backward(params, cache, Y[idx], kind=kind)
            for k in params:
                params[k] -= learning_rate * grads[k]
        P, _ = forward(params, X)
        history["loss"].append(loss(P, Y, kind=kind))
        history["accuracy"].append(float(np.mean(P.argmax(axis=1) == labels)))
    return params, history


def predict(params, X):
    P, _ = forward(params, X)
    return P.argmax(axis=1)


def metrics(y_true, y_pred):
    y_true = np.asarray(y_true).astype(int).ravel()
    y_pred = np.asarray(y_pred).astype(int).ravel()
    K = int(max(y_true.max(), y_pred.max())) + 1
    C = np.zeros((K, K))                    # C[t, p] = count of true t predicted p
    np.add.at(C, (y_true, y_pred), 1)
    tp = np.diag(C)
    pred_count = C.sum(axis=0)
    true_count = C.sum(axis=1)
    prec = np.divide(tp, pred_count, out=np.zeros(K), where=pred_count > 0)
    rec = np.divide(tp, true_count, out=np.zeros(K), where=true_count > 0)
    f1 = np.divide(2 * prec * rec, prec + rec, out=np.zeros(K), where=(prec + rec) > 0)

    accuracy = float(np.mean(y_true == y_pred))
    classes = np.unique(y_true)
    if set(classes.tolist()) <= {0, 1}:
        # binary: report the positive class 1
        return {"accuracy": accuracy, "precision": float(prec[1]) if K > 1 else 0.0,
                "recall": float(rec[1]) if K > 1 else 0.0, "f1": float(f1[1]) if K > 1 else 0.0}
    return {"accuracy": accuracy,
            "precision": float(prec[classes].mean()),
            "recall": float(rec[classes].mean()),
            "f1": float(f1[classes].mean())}
