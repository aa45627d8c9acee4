"""2-3-1 network, forward and backward by hand (vectorised over the 3 hidden units)."""

import numpy as np


def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    xb = np.concatenate(([1.0], x))          # [1, x1, x2]
    z = W @ xb                               # (3,)
    f = sigmoid(z)
    fb = np.concatenate(([1.0], f))          # [1, f1, f2, f3]
    y_hat = float(v @ fb)
    cache = {"xb": xb, "z": z, "f": f, "fb": fb, "v": v, "y_hat": y_hat}
    return y_hat, cache


def loss(y_hat, y):
    return float((y_hat - y) ** 2)


def backward(y, cache):
    d_yhat = 2.0 * (cache["y_hat"] - y)
    dv = d_yhat * cache["fb"]
    d_f = d_yhat * cache["v"][1:]
    z = cache["z"]
    d_z = d_f * z * (1.0 - z)                # sigmoid'(z) = z (1 - z)
    dW = np.outer(d_z, cache["xb"])
    return dW, dv


def batch_gradients(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for x, y in zip(X, Y):
        _, cache = forward(x, W, v)
        gW, gv = backward(y, cache)
        dW += gW
        dv += gv
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    Xb = np.hstack([np.ones((X.shape[0], 1)), X])     # (m, 3)
    F = sigmoid(Xb @ W.T)                              # (m, 3)
    Fb = np.hstack([np.ones((X.shape[0], 1)), F])     # (m, 4)
    y_hat = sigmoid(Fb @ v)                            # (m,)
    delta = (y_hat - Y) * y_hat * (1.0 - y_hat)
    return Fb.T @ delta
