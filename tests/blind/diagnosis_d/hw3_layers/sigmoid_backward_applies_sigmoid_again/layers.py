"""Layers for hw3: affine, sigmoid, L2 loss and a two-layer net."""

import numpy as np


def _sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def affine_forward(x, W, b):
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    out = x @ W.T + b
    cache = (x, W, b)
    return out, cache


def affine_backward(dout, cache):
    x, W, b = cache
    dout = np.asarray(dout, dtype=float)
    dx = dout @ W
    dW = dout.T @ x
    db = dout.sum(axis=0)
    return dx, dW, db


def sigmoid_forward(x):
    x = np.asarray(x, dtype=np.float64)
    out = _sigmoid(x)
    cache = out
    return out, cache


def sigmoid_backward(dout, cache):
    # sigma'(x) = sigma(x) (1 - sigma(x))
    s = _sigmoid(cache)
    return np.asarray(dout, dtype=float) * s * (1.0 - s)


def l2_loss(y_hat, y):
    y_hat = np.asarray(y_hat, dtype=float)
    y = np.asarray(y, dtype=float)
    diff = y_hat - y
    loss = float(np.sum(diff ** 2))
    dy_hat = 2.0 * diff
    return loss, dy_hat


def two_layer_forward(X, params):
    z1, c1 = affine_forward(X, params["W1"], params["b1"])
    h, c2 = sigmoid_forward(z1)
    z2, c3 = affine_forward(h, params["W2"], params["b2"])
    y_hat, c4 = sigmoid_forward(z2)
    return y_hat, (c1, c2, c3, c4)


def two_layer_loss_and_grads(X, Y, params):
    y_hat, (c1, c2, c3, c4) = two_layer_forward(X, params)
    loss, dy_hat = l2_loss(y_hat, Y)
    dz2 = sigmoid_backward(dy_hat, c4)
    dh, dW2, db2 = affine_backward(dz2, c3)
    dz1 = sigmoid_backward(dh, c2)
    dX, dW1, db1 = affine_backward(dz1, c1)
    grads = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
    return loss, grads
