"""Multi-layer perceptron -- student version, loops over layers with lists."""
import numpy as np


def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    params = {}
    n = len(layer_sizes)
    for i in range(n - 1):
        fi, fo = layer_sizes[i], layer_sizes[i + 1]
        lim = np.sqrt(6.0 / (fi + fo))
        params["W" + str(i + 1)] = rng.uniform(low=-lim, high=lim, size=(fo, fi))
        params["b" + str(i + 1)] = np.zeros((fo,))
    return params


def sigmoid(x):
    return np.exp(-np.logaddexp(0.0, -x))


def softmax(x):
    x = x - np.max(x, axis=1, keepdims=True)
    ex = np.exp(x)
    return ex / np.sum(ex, axis=1, keepdims=True)


def forward(params, X):
    L = len(params) // 2
    activations = [np.asarray(X, dtype=float)]
    for i in range(1, L + 1):
        z = np.dot(activations[-1], params["W" + str(i)].T) + params["b" + str(i)]
        activations.append(softmax(z) if i == L else sigmoid(z))
    return activations[-1], activations


def loss(probs, Y, kind="cross_entropy"):
    probs = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    if kind == "cross_entropy":
        return float(-np.mean(np.sum(Y * np.log(probs), axis=1)))
    elif kind == "squared_error":
        return float(np.mean(np.sum((probs - Y) ** 2, axis=1)))
    raise ValueError("unknown loss " + str(kind))


def backward(params, cache, Y, kind="cross_entropy"):
    activations = cache
    L = len(activations) - 1
    P = activations[-1]
    Y = np.asarray(Y, dtype=float)
    N = P.shape[0]
    if kind == "cross_entropy":
        delta = (P - Y) / N
    else:
        dP = 2.0 * (P - Y) / N
        # full softmax Jacobian, one example at a time
        delta = np.zeros_like(P)
        for n in range(N):
            J = np.diag(P[n]) - np.outer(P[n], P[n])
            delta[n] = J.T @ dP[n]
    grads = {}
    for i in reversed(range(1, L + 1)):
        grads["W" + str(i)] = np.dot(delta.T, activations[i - 1])
        grads["b" + str(i)] = np.sum(delta, axis=0)
        if i > 1:
            a = activations[i - 1]
            delta = np.dot(delta, params["W" + str(i)]) * a * (1 - a)
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    sizes = [X.shape[1]] + [int(h) for h in hidden_layers] + [Y.shape[1]]
    params = init_params(sizes, seed=seed)
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    for epoch in range(epochs):
        order = rng.permutation(X.shape[0])
        for start in range(0, X.shape[0], batch_size):
            batch = order[start:start + batch_size]
            _, cache = forward(params, X[batch])
            grads = backward(params, cache, Y[batch], kind=kind)
            for key in params:
                params[key] = params[key] - learning_rate * grads[key]
        probs, _ = forward(params, X)
        history["loss"].append(loss(probs, Y, kind=kind))
        history["accuracy"].append(float(np.mean(np.argmax(probs, axis=1) == np.argmax(Y, axis=1))))
    return params, history


def predict(params, X):
    probs, _ = forward(params, X)
    return np.argmax(probs, axis=1)


def metrics(y_true, y_pred):
    y_true = np.asarray(y_true).astype(int)
    y_pred = np.asarray(y_pred).astype(int)
    classes = sorted(set(y_true.tolist()) | set(y_pred.tolist()))
    acc = float(np.sum(y_true == y_pred)) / len(y_true)

    def scores(c):
        tp = np.sum((y_pred == c) & (y_true == c))
        fp = np.sum((y_pred == c) & (y_true != c))
        fn = np.sum((y_pred != c) & (y_true == c))
        prec = tp / (tp + fp) if tp + fp > 0 else 0.0
        rec = tp / (tp + fn) if tp + fn > 0 else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec > 0 else 0.0
        return prec, rec, f1

    if all(c in (0, 1) for c in classes):
        p, r, f = scores(1)
    else:
        allp = [scores(c) for c in classes]
        p = np.mean([s[0] for s in allp])
        r = np.mean([s[1] for s in allp])
        f = np.mean([s[2] for s in allp])
    return {"accuracy": acc, "precision": float(p), "recall": float(r), "f1": float(f)}
