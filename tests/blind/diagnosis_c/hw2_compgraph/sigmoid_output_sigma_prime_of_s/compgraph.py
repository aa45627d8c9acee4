import numpy as np


def sigmoid(z):
    """Logistic function, no overflow (given in the starter)."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _hidden(x, W):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    z = W[:, 0] + W[:, 1:] @ x
    return z, sigmoid(z)


def forward(x, W, v):
    v = np.asarray(v, dtype=float)
    z, f = _hidden(x, W)
    y_hat = v[0] + v[1:] @ f
    cache = {"x": np.asarray(x, dtype=float), "W": np.asarray(W, dtype=float),
             "v": v, "z": z, "f": f, "y_hat": float(y_hat)}
    return float(y_hat), cache


def loss(y_hat, y):
    d = float(y_hat) - float(y)
    return d * d


def backward(y, cache):
    dy = 2.0 * (cache["y_hat"] - float(y))
    f = cache["f"]
    dv = dy * np.concatenate(([1.0], f))
    dz = dy * cache["v"][1:] * f * (1.0 - f)
    x_aug = np.concatenate(([1.0], cache["x"]))
    dW = np.outer(dz, x_aug)
    return dW, dv


def batch_gradients(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    total_W = np.zeros((3, 3))
    total_v = np.zeros(4)
    for x, y in zip(X, Y):
        _, c = forward(x, W, v)
        dW, dv = backward(y, c)
        total_W = total_W + dW
        total_v = total_v + dv
    return total_W, total_v


def sigmoid_output_grad_v(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    v = np.asarray(v, dtype=float)
    grad = np.zeros(4)
    for x, y in zip(X, Y):
        _, f = _hidden(x, W)
        s = v[0] + v[1:] @ f
        y_hat = sigmoid(s)
        # dE/ds = (y_hat - y) * sigma'(s),  sigma'(s) = s (1 - s)
        ds = (y_hat - y) * s * (1.0 - s)
        grad += ds * np.concatenate(([1.0], f))
    return grad
