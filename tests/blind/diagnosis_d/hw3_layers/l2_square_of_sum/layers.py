import numpy as np


def affine_forward(x, W, b):
    """out = x @ W.T + b"""
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    out = np.dot(x, W.T) + b[np.newaxis, :]
    cache = {"x": x, "W": W}
    return out, cache


def affine_backward(dout, cache):
    dout = np.asarray(dout, dtype=float)
    x, W = cache["x"], cache["W"]
    dx = np.dot(dout, W)
    dW = np.dot(dout.T, x)
    db = np.sum(dout, axis=0)
    return dx, dW, db


def sigmoid_forward(x):
    x = np.asarray(x, dtype=np.float64)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1.0 + ex)
    return out, {"out": out}


def sigmoid_backward(dout, cache):
    s = cache["out"]
    return np.asarray(dout, dtype=float) * s * (1.0 - s)


def l2_loss(y_hat, y):
    y_hat = np.asarray(y_hat, dtype=float)
    y = np.asarray(y, dtype=float)
    loss = np.sum(y_hat - y) ** 2
    dy_hat = 2.0 * (y_hat - y)
    return float(loss), dy_hat


def two_layer_forward(X, params):
    caches = {}
    z1, caches["fc1"] = affine_forward(X, params["W1"], params["b1"])
    h, caches["sig1"] = sigmoid_forward(z1)
    z2, caches["fc2"] = affine_forward(h, params["W2"], params["b2"])
    y_hat, caches["sig2"] = sigmoid_forward(z2)
    return y_hat, caches


def two_layer_loss_and_grads(X, Y, params):
    y_hat, caches = two_layer_forward(X, params)
    loss, dy = l2_loss(y_hat, Y)
    grads = {}
    dz2 = sigmoid_backward(dy, caches["sig2"])
    dh, grads["W2"], grads["b2"] = affine_backward(dz2, caches["fc2"])
    dz1 = sigmoid_backward(dh, caches["sig1"])
    _, grads["W1"], grads["b1"] = affine_backward(dz1, caches["fc1"])
    return loss, grads
