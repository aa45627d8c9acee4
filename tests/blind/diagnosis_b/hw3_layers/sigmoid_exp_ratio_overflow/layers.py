"""Modular layers (hw3).  Convention: W is (fan_out, fan_in)."""

import numpy as np


# ----------------------------------------------------------------- affine

def affine_forward(x, W, b):
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    out = np.dot(x, W.T) + b
    return out, (x, W)


def affine_backward(dout, cache):
    x, W = cache
    dx = np.dot(dout, W)
    dW = np.dot(dout.T, x)
    db = np.sum(dout, axis=0)
    return dx, dW, db


# ----------------------------------------------------------------- sigmoid

def sigmoid_forward(x):
    x = np.asarray(x, dtype=np.float64)
    # 1/(1+exp(-x)) overflows for x = -1e4 (exp(1e4) = inf), so multiply
    # top and bottom by exp(x):  sigma(x) = exp(x) / (exp(x) + 1)
    ex = np.exp(x)
    out = ex / (1.0 + ex)
    return out, out


def sigmoid_backward(dout, cache):
    out = cache
    return dout * out * (1.0 - out)


# ----------------------------------------------------------------- loss

def l2_loss(y_hat, y):
    y_hat = np.asarray(y_hat, dtype=float)
    y = np.asarray(y, dtype=float)
    err = y_hat - y
    return float(np.sum(np.square(err))), 2.0 * err


# ----------------------------------------------------------------- network

def two_layer_forward(X, params):
    X = np.asarray(X, dtype=float)
    s1, aff1 = affine_forward(X, params["W1"], params["b1"])
    a1, sig1 = sigmoid_forward(s1)
    s2, aff2 = affine_forward(a1, params["W2"], params["b2"])
    a2, sig2 = sigmoid_forward(s2)
    return a2, {"aff1": aff1, "sig1": sig1, "aff2": aff2, "sig2": sig2}


def two_layer_loss_and_grads(X, Y, params):
    y_hat, cache = two_layer_forward(X, params)
    loss, dy = l2_loss(y_hat, Y)
    ds2 = sigmoid_backward(dy, cache["sig2"])
    da1, dW2, db2 = affine_backward(ds2, cache["aff2"])
    ds1 = sigmoid_backward(da1, cache["sig1"])
    _, dW1, db1 = affine_backward(ds1, cache["aff1"])
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
