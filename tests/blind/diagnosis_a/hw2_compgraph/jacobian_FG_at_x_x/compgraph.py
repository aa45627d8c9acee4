"""Computational graph of the 2-3-1 net: forward, loss, backprop."""

import numpy as np


def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _hidden(x, W):
    xa = np.r_[1.0, x]
    return xa, sigmoid(W @ xa)


def forward(x, W, v):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    xa, f = _hidden(x, W)
    y_hat = v[0] + np.dot(v[1:], f)
    cache = {"xa": xa, "f": f, "v": v.copy(), "y_hat": float(y_hat)}
    return float(y_hat), cache


def loss(y_hat, y):
    err = y_hat - y
    return float(err * err)


def backward(y, cache):
    err = cache["y_hat"] - y
    dL_dyhat = 2 * err
    f = cache["f"]
    dv = dL_dyhat * np.r_[1.0, f]
    dL_dz = dL_dyhat * cache["v"][1:] * f * (1 - f)
    dW = dL_dz[:, None] * cache["xa"][None, :]
    return dW, dv


def batch_gradients(X, Y, W, v):
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for x, y in zip(np.asarray(X, dtype=float), np.asarray(Y, dtype=float)):
        _, c = forward(x, W, v)
        gW, gv = backward(y, c)
        dW += gW
        dv += gv
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    grad = np.zeros_like(v)
    for x, y in zip(np.asarray(X, dtype=float), np.asarray(Y, dtype=float)):
        _, f = _hidden(x, W)
        phi = np.r_[1.0, f]
        out = sigmoid(v @ phi)
        grad += (out - y) * out * (1 - out) * phi
    return grad
