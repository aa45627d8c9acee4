import numpy as np


def affine_forward(x, W, b):
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    out = np.dot(x, W.T) + b
    cache = {"x": x, "W": W, "b": b}
    return out, cache


def affine_backward(dout, cache):
    x, W = cache["x"], cache["W"]
    dx = np.dot(dout, W)
    dW = np.dot(dout.T, x)
    db = np.sum(dout, axis=0)
    return dx, dW, db


def _sigmoid(x):
    pos = x >= 0
    out = np.empty_like(x)
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1.0 + ex)
    return out


def sigmoid_forward(x):
    x = np.asarray(x, dtype=np.float64)
    out = _sigmoid(x)
    cache = {"x": x}
    return out, cache


def sigmoid_backward(dout, cache):
    x = cache["x"]
    return dout * x * (1.0 - x)        # sigma' = s(1 - s)


def l2_loss(y_hat, y):
    r = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    return float(np.sum(r * r)), 2.0 * r


def two_layer_forward(X, params):
    caches = {}
    z1, caches["aff1"] = affine_forward(X, params["W1"], params["b1"])
    h, caches["sig1"] = sigmoid_forward(z1)
    z2, caches["aff2"] = affine_forward(h, params["W2"], params["b2"])
    y_hat, caches["sig2"] = sigmoid_forward(z2)
    return y_hat, caches


def two_layer_loss_and_grads(X, Y, params):
    y_hat, caches = two_layer_forward(X, params)
    loss, dy = l2_loss(y_hat, Y)
    grads = {}
    dz2 = sigmoid_backward(dy, caches["sig2"])
    dh, grads["W2"], grads["b2"] = affine_backward(dz2, caches["aff2"])
    dz1 = sigmoid_backward(dh, caches["sig1"])
    _, grads["W1"], grads["b1"] = affine_backward(dz1, caches["aff1"])
    return loss, grads
