"""hw3_layers -- forward/backward pairs, caches are dicts."""

import numpy as np


def affine_forward(x, W, b):
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    out = np.matmul(x, W.T) + b[np.newaxis, :]
    return out, {"x": x, "W": W}


def affine_backward(dout, cache):
    dout = np.asarray(dout, dtype=float)
    x, W = cache["x"], cache["W"]
    dx = np.matmul(dout, W)
    dW = np.matmul(dout.T, x)
    db = dout.sum(axis=0)
    return dx, dW, db


def sigmoid_forward(x):
    x = np.asarray(x, dtype=np.float64)
    ex = np.exp(-np.abs(x))
    out = np.where(x >= 0, 1.0, ex) / (1.0 + ex)
    return out, {"out": out}


def sigmoid_backward(dout, cache):
    s = cache["out"]
    return np.asarray(dout, dtype=float) * s * (1.0 - s)


def l2_loss(y_hat, y):
    """loss = sum (y_hat - y)^2, dy_hat = d loss / d y_hat (first argument)."""
    y_hat = np.asarray(y_hat, dtype=float)
    y = np.asarray(y, dtype=float)
    r = y_hat - y
    return float(np.sum(r * r)), 2.0 * r


def two_layer_forward(X, params):
    cache = {}
    z1, cache["aff1"] = affine_forward(X, params["W1"], params["b1"])
    h, cache["sig1"] = sigmoid_forward(z1)
    z2, cache["aff2"] = affine_forward(h, params["W2"], params["b2"])
    y_hat, cache["sig2"] = sigmoid_forward(z2)
    return y_hat, cache


def two_layer_loss_and_grads(X, Y, params):
    y_hat, cache = two_layer_forward(X, params)
    # loss between target and prediction
    loss, d = l2_loss(Y, y_hat)

    grads = {}
    d = sigmoid_backward(d, cache["sig2"])
    d, grads["W2"], grads["b2"] = affine_backward(d, cache["aff2"])
    d = sigmoid_backward(d, cache["sig1"])
    _, grads["W1"], grads["b1"] = affine_backward(d, cache["aff1"])
    return loss, grads
