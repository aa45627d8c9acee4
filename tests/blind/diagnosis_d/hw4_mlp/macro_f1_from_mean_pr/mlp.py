import numpy as np


# ----------------------------------------------------------------- helpers

def sigmoid(z):
    out = np.empty_like(z, dtype=float)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def softmax(z):
    z = z - np.max(z, axis=1, keepdims=True)
    ez = np.exp(z)
    return ez / np.sum(ez, axis=1, keepdims=True)


def num_layers(params):
    return len(params) // 2


# ----------------------------------------------------------------- model

def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    params = {}
    for i in range(1, len(layer_sizes)):
        n_in = layer_sizes[i - 1]
        n_out = layer_sizes[i]
        bound = np.sqrt(6 / (n_in + n_out))
        params["W" + str(i)] = rng.uniform(-bound, bound, (n_out, n_in))
        params["b" + str(i)] = np.zeros(n_out)
    return params


def forward(params, X):
    X = np.asarray(X, dtype=float)
    L = num_layers(params)
    cache = {"A0": X}
    A = X
    for i in range(1, L + 1):
        Z = A @ params["W" + str(i)].T + params["b" + str(i)]
        if i < L:
            A = sigmoid(Z)
        else:
            A = softmax(Z)
        cache["Z" + str(i)] = Z
        cache["A" + str(i)] = A
    cache["L"] = L
    return A, cache


def loss(probs, Y, kind="cross_entropy"):
    probs = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    n = probs.shape[0]
    if kind == "cross_entropy":
        true_p = probs[Y == 1]                      # one probability per row (one-hot Y)
        return float(-np.sum(np.log(np.maximum(true_p, np.finfo(float).tiny))) / n)
    elif kind == "squared_error":
        return float(np.sum((probs - Y) ** 2) / n)
    raise ValueError("unknown loss " + str(kind))


def backward(params, cache, Y, kind="cross_entropy"):
    Y = np.asarray(Y, dtype=float)
    L = cache["L"]
    P = cache["A" + str(L)]
    n = P.shape[0]
    if kind == "cross_entropy":
        dZ = (P - Y) / n
    elif kind == "squared_error":
        dP = 2 * (P - Y) / n
        dZ = np.zeros_like(P)
        for r in range(n):
            J = np.diag(P[r]) - np.outer(P[r], P[r])       # dP_i / dZ_j
            dZ[r] = J.T @ dP[r]
    else:
        raise ValueError("unknown loss " + str(kind))
    grads = {}
    for i in range(L, 0, -1):
        A_prev = cache["A" + str(i - 1)]
        grads["W" + str(i)] = dZ.T @ A_prev
        grads["b" + str(i)] = dZ.sum(axis=0)
        if i > 1:
            dA = dZ @ params["W" + str(i)]
            dZ = dA * A_prev * (1 - A_prev)
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    params = init_params([X.shape[1]] + list(hidden_layers) + [Y.shape[1]], seed=seed)
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    y_int = np.argmax(Y, axis=1)
    for epoch in range(epochs):
        perm = rng.permutation(len(X))
        Xs, Ys = X[perm], Y[perm]
        for s in range(0, len(X), batch_size):
            probs, cache = forward(params, Xs[s:s + batch_size])
            grads = backward(params, cache, Ys[s:s + batch_size], kind=kind)
            for key in params:
                params[key] -= learning_rate * grads[key]
        probs, _ = forward(params, X)
        history["loss"].append(loss(probs, Y, kind=kind))
        history["accuracy"].append(float(np.mean(np.argmax(probs, axis=1) == y_int)))
    return params, history


def predict(params, X):
    probs, _ = forward(params, X)
    return np.argmax(probs, axis=1)


# ----------------------------------------------------------------- metrics

def _safe_div(a, b):
    return float(a) / float(b) if b != 0 else 0.0


def metrics(y_true, y_pred):
    y_true = np.asarray(y_true).astype(int)
    y_pred = np.asarray(y_pred).astype(int)
    accuracy = _safe_div(np.sum(y_true == y_pred), len(y_true))
    classes = np.unique(np.concatenate([y_true, y_pred]))
    if set(classes.tolist()) <= {0, 1}:
        tp = np.sum((y_pred == 1) & (y_true == 1))
        fp = np.sum((y_pred == 1) & (y_true != 1))
        fn = np.sum((y_pred != 1) & (y_true == 1))
        precision = _safe_div(tp, tp + fp)
        recall = _safe_div(tp, tp + fn)
    else:
        precisions, recalls = [], []
        for c in classes:
            tp = np.sum((y_pred == c) & (y_true == c))
            fp = np.sum((y_pred == c) & (y_true != c))
            fn = np.sum((y_pred != c) & (y_true == c))
            precisions.append(_safe_div(tp, tp + fp))
            recalls.append(_safe_div(tp, tp + fn))
        precision = float(np.mean(precisions))
        recall = float(np.mean(recalls))
    f1 = _safe_div(2 * precision * recall, precision + recall)
    return {"accuracy": accuracy, "precision": precision, "recall": recall, "f1": f1}
