"""hw2_compgraph: the 2-3-1 network, forward and backward by the chain rule."""

import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _hidden(x, W):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    xb = np.concatenate(([1.0], x))
    z = W @ xb
    return xb, z, sigmoid(z)


def forward(x, W, v):
    v = np.asarray(v, dtype=float)
    xb, z, f = _hidden(x, W)
    fb = np.concatenate(([1.0], f))
    y_hat = float(v @ fb)
    cache = {"xb": xb, "f": f, "fb": fb, "v": v.copy(), "y_hat": y_hat}
    return y_hat, cache


def loss(y_hat, y):
    return float((float(y_hat) - float(y)) ** 2)


def backward(y, cache):
    d_y_hat = 2.0 * (cache["y_hat"] - float(y))
    dv = d_y_hat * cache["fb"]
    f = cache["f"]
    d_z = d_y_hat * cache["v"][1:] * f * (1.0 - f)
    dW = np.outer(d_z, cache["xb"])
    return dW, dv


def batch_gradients(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    v = np.asarray(v, dtype=float)
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for x, y in zip(X, Y):
        xb, z, f = _hidden(x, W)
        fb = np.concatenate(([1.0], f))
        d_y_hat = 2.0 * (float(v @ fb) - y)
        dv += d_y_hat * fb
        dW += np.outer(d_y_hat * v[1:] * f * (1.0 - f), xb)
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    v = np.asarray(v, dtype=float)
    dv = np.zeros(4)
    for x, y in zip(X, Y):
        xb, z, f = _hidden(x, W)
        fb = np.concatenate(([1.0], f))
        y_hat = float(sigmoid(v @ fb))
        dv += (y_hat - y) * y_hat * (1.0 - y_hat) * fb
    return dv
