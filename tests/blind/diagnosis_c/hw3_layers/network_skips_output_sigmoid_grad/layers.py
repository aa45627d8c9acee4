import numpy as np


def affine_forward(x, W, b):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    b = np.asarray(b, dtype=float)
    out = np.dot(x, W.T) + b
    return out, {"x": x, "W": W}


def affine_backward(dout, cache):
    dout = np.asarray(dout, dtype=float)
    x, W = cache["x"], cache["W"]
    dx = np.dot(dout, W)
    dW = np.dot(dout.T, x)
    db = dout.sum(axis=0)
    return dx, dW, db


def sigmoid_forward(x):
    x = np.asarray(x, dtype=np.float64)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1.0 + ex)
    return out, {"s": out}


def sigmoid_backward(dout, cache):
    s = cache["s"]
    return np.asarray(dout, dtype=float) * s * (1.0 - s)


def l2_loss(y_hat, y):
    y_hat = np.asarray(y_hat, dtype=float)
    y = np.asarray(y, dtype=float)
    r = y_hat - y
    return float((r * r).sum()), 2.0 * r


def two_layer_forward(X, params):
    z1, aff1 = affine_forward(X, params["W1"], params["b1"])
    h, sig1 = sigmoid_forward(z1)
    z2, aff2 = affine_forward(h, params["W2"], params["b2"])
    y_hat, sig2 = sigmoid_forward(z2)
    cache = {"aff1": aff1, "sig1": sig1, "aff2": aff2, "sig2": sig2}
    return y_hat, cache


def two_layer_loss_and_grads(X, Y, params):
    y_hat, cache = two_layer_forward(X, params)
    loss, dy_hat = l2_loss(y_hat, Y)
    # output layer: the error signal goes straight into the last affine layer
    dz2 = dy_hat
    dh, dW2, db2 = affine_backward(dz2, cache["aff2"])
    dz1 = sigmoid_backward(dh, cache["sig1"])
    _, dW1, db1 = affine_backward(dz1, cache["aff1"])
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
