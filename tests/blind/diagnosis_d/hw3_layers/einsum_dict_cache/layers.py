"""hw3_layers, written with einsum so that every index is explicit.

    n: example, d: input feature, j: output unit
"""

import numpy as np


def affine_forward(x, W, b):
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    out = np.einsum("nd,jd->nj", x, W) + b
    return out, {"x": x.copy(), "W": W.copy()}


def affine_backward(dout, cache):
    g = np.asarray(dout, dtype=float)
    dx = np.einsum("nj,jd->nd", g, cache["W"])
    dW = np.einsum("nj,nd->jd", g, cache["x"])
    db = np.einsum("nj->j", g)
    return dx, dW, db


def sigmoid_forward(x):
    x = np.asarray(x, dtype=np.float64)
    s = 0.5 * (1.0 + np.tanh(0.5 * x))     # = 1 / (1 + exp(-x)), never overflows
    return s, {"s": s}


def sigmoid_backward(dout, cache):
    s = cache["s"]
    return np.einsum("...,...->...", np.asarray(dout, dtype=float), s * (1.0 - s))


def l2_loss(y_hat, y):
    r = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    flat = r.ravel()
    return float(np.einsum("i,i->", flat, flat)), 2.0 * r


def two_layer_forward(X, params):
    steps = {}
    z1, steps["affine1"] = affine_forward(X, params["W1"], params["b1"])
    h, steps["sigmoid1"] = sigmoid_forward(z1)
    z2, steps["affine2"] = affine_forward(h, params["W2"], params["b2"])
    y_hat, steps["sigmoid2"] = sigmoid_forward(z2)
    return y_hat, steps


def two_layer_loss_and_grads(X, Y, params):
    y_hat, steps = two_layer_forward(X, params)
    loss, g = l2_loss(y_hat, Y)
    g = sigmoid_backward(g, steps["sigmoid2"])
    g, dW2, db2 = affine_backward(g, steps["affine2"])
    g = sigmoid_backward(g, steps["sigmoid1"])
    _, dW1, db1 = affine_backward(g, steps["affine1"])
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
