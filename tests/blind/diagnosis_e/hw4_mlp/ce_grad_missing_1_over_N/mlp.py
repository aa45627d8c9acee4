import numpy as np




def init_params(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    P = {}
    for l in range(1, len(layer_sizes)):
        n_in, n_out = int(layer_sizes[l - 1]), int(layer_sizes[l])
        r = (6.0 / (n_in + n_out)) ** 0.5
        P[f"W{l}"] = rng.uniform(-r, r, size=(n_out, n_in))
        P[f"b{l}"] = np.zeros(n_out)
    return P


def _n_layers(params):
    return sum(1 for k in params if k[0] == "W")


def _sigm(z):
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def forward(params, X):
    L = _n_layers(params)
    A = np.asarray(X, dtype=float)
    As, Zs = [A], []
    for l in range(1, L + 1):
        Z = A @ params[f"W{l}"].T + params[f"b{l}"]
        Zs.append(Z)
        if l < L:
            A = _sigm(Z)
        else:
            Z = Z - Z.max(axis=1, keepdims=True)
            A = np.exp(Z)
            A /= A.sum(axis=1, keepdims=True)
        As.append(A)
    return A, {"A": As, "Z": Zs}


def loss(probs, Y, kind="cross_entropy"):
    P = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    if kind == "squared_error":
        per = ((P - Y) ** 2).sum(axis=1)
    else:
        rows = np.arange(P.shape[0])
        per = -np.log(np.clip(P[rows, Y.argmax(axis=1)], 1e-300, None))
    return float(per.mean())


def backward(params, cache, Y, kind="cross_entropy"):
    As = cache["A"]
    L = len(As) - 1
    P = As[-1]
    Y = np.asarray(Y, dtype=float)
    if kind == "cross_entropy":
        delta = P - Y                              # dL/dZ = p - y
    else:
        G = 2.0 * (P - Y)                          # dL/dP
        delta = P * (G - (G * P).sum(axis=1, keepdims=True))
    grads = {}
    for l in range(L, 0, -1):
        grads[f"W{l}"] = delta.T @ As[l - 1]
        grads[f"b{l}"] = delta.sum(axis=0)
        if l > 1:
            Ap = As[l - 1]
            delta = (delta @ params[f"W{l}"]) * Ap * (1 - Ap)
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    N = len(X)
    params = init_params([X.shape[1], *hidden_layers, Y.shape[1]], seed=seed)
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    for _ in range(epochs):
        idx = rng.permutation(N)
        for b in range(0, N, batch_size):
            sel = idx[b:b + batch_size]
            _, cache = forward(params, X[sel])
            grads = backward(params, cache, Y[sel], kind=kind)
            for k in params:
                params[k] -= learning_rate * grads[k]
        P, _ = forward(params, X)
        history["loss"].append(loss(P, Y, kind=kind))
        history["accuracy"].append(float(np.mean(P.argmax(1) == Y.argmax(1))))
    return params, history


def predict(params, X):
    return forward(params, X)[0].argmax(axis=1)


def metrics(y_true, y_pred):
    yt = np.asarray(y_true, dtype=int)
    yp = np.asarray(y_pred, dtype=int)
    classes = np.union1d(yt, yp)
    acc = float(np.mean(yt == yp))
    binary = bool(np.isin(classes, [0, 1]).all())
    targets = [1] if binary else list(classes)
    P, R, F = [], [], []
    for c in targets:
        tp = float(np.sum((yt == c) & (yp == c)))
        npred = float(np.sum(yp == c))
        ntrue = float(np.sum(yt == c))
        p = tp / npred if npred else 0.0
        r = tp / ntrue if ntrue else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        P.append(p); R.append(r); F.append(f)
    return {"accuracy": acc, "precision": float(np.mean(P)), "recall": float(np.mean(R)),
            "f1": float(np.mean(F))}
