"""hw4: multi-layer perceptron, sigmoid hidden layers, softmax output."""
import numpy as np


def init_params(layer_sizes, seed=0):
    gen = np.random.default_rng(seed)
    out = {}
    for l in range(1, len(layer_sizes)):
        a = np.sqrt(6 / (layer_sizes[l - 1] + layer_sizes[l]))
        out["W" + str(l)] = gen.uniform(-a, a, size=(layer_sizes[l], layer_sizes[l - 1]))
        out["b" + str(l)] = np.zeros(layer_sizes[l])
    return out


def _act(z):
    ez = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + ez), ez / (1 + ez))


def forward(params, X):
    L = len(params) // 2
    H = [np.asarray(X, dtype=float)]
    for l in range(1, L + 1):
        z = H[-1] @ params["W" + str(l)].T + params["b" + str(l)]
        if l < L:
            H.append(_act(z))
        else:
            z = z - z.max(axis=1, keepdims=True)
            e = np.exp(z)
            H.append(e / e.sum(axis=1, keepdims=True))
    return H[-1], H


def loss(probs, Y, kind="cross_entropy"):
    probs, Y = np.asarray(probs, float), np.asarray(Y, float)
    if kind == "cross_entropy":
        picked = np.where(Y > 0, probs, 1.0)           # 0 log 0 counts 0
        return float(-np.sum(Y * np.log(np.maximum(picked, 1e-300))) / len(Y))
    return float(np.sum((probs - Y) ** 2) / len(Y))


def backward(params, cache, Y, kind="cross_entropy"):
    H = cache
    L = len(H) - 1
    P = H[L]
    Y = np.asarray(Y, float)
    N = len(Y)
    if kind == "cross_entropy":
        d = (P - Y) / N
    else:
        G = 2 * (P - Y) / N
        s = (G * P).sum(axis=1, keepdims=True)
        d = P * (G - s)
    g = {}
    for l in range(L, 0, -1):
        g["W" + str(l)] = d.T @ H[l - 1]
        g["b" + str(l)] = d.sum(axis=0)
        d = (d @ params["W" + str(l)]) * H[l - 1] * (1 - H[l - 1])
    return g


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, float)
    Y = np.asarray(Y, float)
    p = init_params([X.shape[1], *hidden_layers, Y.shape[1]], seed)
    rng = np.random.default_rng(seed)
    hist = {"loss": [], "accuracy": []}
    for ep in range(epochs):
        perm = rng.permutation(len(X))
        X = X[perm]                                   # shuffle the data
        for i in range(0, len(X), batch_size):
            xb, yb = X[i:i + batch_size], Y[i:i + batch_size]
            _, c = forward(p, xb)
            g = backward(p, c, yb, kind)
            for k in p:
                p[k] = p[k] - learning_rate * g[k]
        P, _ = forward(p, X)
        hist["loss"].append(loss(P, Y, kind))
        hist["accuracy"].append(float((P.argmax(1) == Y.argmax(1)).mean()))
    return p, hist


def predict(params, X):
    P, _ = forward(params, X)
    return P.argmax(axis=1)


def metrics(y_true, y_pred):
    t = np.asarray(y_true).astype(int)
    q = np.asarray(y_pred).astype(int)
    res = {"accuracy": float((t == q).mean())}

    def ratio(a, b):
        return a / b if b > 0 else 0.0

    def one(c):
        tp = int(((q == c) & (t == c)).sum())
        pp = int((q == c).sum())
        ap = int((t == c).sum())
        pr, rc = ratio(tp, pp), ratio(tp, ap)
        return pr, rc, ratio(2 * pr * rc, pr + rc)

    labels = sorted(set(t.tolist()) | set(q.tolist()))
    if set(labels) <= {0, 1}:
        pr, rc, f = one(1)
    else:
        rows = [one(c) for c in labels]
        pr, rc, f = (sum(r[i] for r in rows) / len(rows) for i in range(3))
    res.update(precision=float(pr), recall=float(rc), f1=float(f))
    return res
