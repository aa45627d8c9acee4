import numpy as np

# ---------------------------------------------------------------- helpers


def _sig(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))      # = 1 / (1 + exp(-z)), never overflows


def _softmax_rows(z):
    m = z.max(axis=1, keepdims=True)
    e = np.exp(z - m)
    return e / e.sum(axis=1, keepdims=True)


def _depth(params):
    return sum(1 for k in params if k[0] == "W")


# ---------------------------------------------------------------- API

def init_params(layer_sizes, seed=0):
    gen = np.random.default_rng(seed)
    sizes = list(layer_sizes)
    params = {}
    for l, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        r = np.sqrt(6.0 / (n_in + n_out))
        params[f"W{l}"] = gen.uniform(-r, r, (n_out, n_in))
        params[f"b{l}"] = np.zeros(n_out)
    return params


def forward(params, X):
    a = np.asarray(X, dtype=float)
    L = _depth(params)
    zs, activations = [], [a]
    for l in range(1, L + 1):
        z = a @ params[f"W{l}"].T + params[f"b{l}"]
        zs.append(z)
        a = _softmax_rows(z) if l == L else _sig(z)
        activations.append(a)
    return a, (zs, activations)


def loss(probs, Y, kind="cross_entropy"):
    probs = np.asarray(probs, dtype=float)
    Y = np.asarray(Y, dtype=float)
    N = len(probs)
    if kind == "cross_entropy":
        picked = probs[Y.astype(bool)]
        return float(-np.log(np.clip(picked, 1e-300, None)).sum() / N)
    return float(((probs - Y) ** 2).sum() / N)


def backward(params, cache, Y, kind="cross_entropy"):
    _, activations = cache
    Y = np.asarray(Y, dtype=float)
    P = activations[-1]
    if kind == "cross_entropy":
        dz = P - Y                                  # dL/dz for softmax + CE
    else:
        dP = 2.0 * (P - Y)                          # dL/dP for squared error
        dz = P * (dP - (dP * P).sum(axis=1, keepdims=True))
    L = _depth(params)
    grads = {}
    for l in reversed(range(1, L + 1)):
        a_prev = activations[l - 1]
        grads[f"W{l}"] = dz.T @ a_prev
        grads[f"b{l}"] = dz.sum(axis=0)
        if l > 1:
            dz = (dz @ params[f"W{l}"]) * a_prev * (1.0 - a_prev)
    return grads


def train(X, Y, hidden_layers=(3, 3), epochs=30, learning_rate=0.1, batch_size=32,
          kind="cross_entropy", seed=0):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    params = init_params([X.shape[1], *hidden_layers, Y.shape[1]], seed=seed)
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    for _ in range(int(epochs)):
        perm = rng.permutation(X.shape[0])
        for i in range(0, X.shape[0], batch_size):
            sel = perm[i:i + batch_size]
            _, cache = forward(params, X[sel])
            grads = backward(params, cache, Y[sel], kind=kind)
            for name, g in grads.items():
                params[name] = params[name] - learning_rate * g
        P, _ = forward(params, X)
        history["loss"].append(loss(P, Y, kind=kind))
        history["accuracy"].append(float(np.mean(P.argmax(axis=1) == Y.argmax(axis=1))))
    return params, history


def predict(params, X):
    P, _ = forward(params, X)
    return P.argmax(axis=1)


def metrics(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=int)
    y_pred = np.asarray(y_pred, dtype=int)
    present = np.union1d(y_true, y_pred)
    binary = set(present.tolist()).issubset({0, 1})
    classes = [1] if binary else present.tolist()
    ps, rs, fs = [], [], []
    with np.errstate(divide="ignore", invalid="ignore"):
        for c in classes:
            tp = float(np.sum((y_true == c) & (y_pred == c)))
            fp = float(np.sum((y_true != c) & (y_pred == c)))
            fn = float(np.sum((y_true == c) & (y_pred != c)))
            p = tp / (tp + fp) if (tp + fp) > 0 else 0.0
            r = tp / (tp + fn) if (tp + fn) > 0 else 0.0
            f = 2 * p * r / (p + r) if (p + r) > 0 else 0.0
            ps.append(p)
            rs.append(r)
            fs.append(f)
    return {"accuracy": float(np.mean(y_true == y_pred)),
            "precision": float(np.mean(ps)), "recall": float(np.mean(rs)), "f1": float(np.mean(fs))}
