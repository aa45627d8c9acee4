"""hw3_layers, written straight from the index formulas of the handout.

out[n, j] = sum_d x[n, d] W[j, d] + b[j]
dx[n, d]  = sum_j dout[n, j] W[j, d]
dW[j, d]  = sum_n dout[n, j] x[n, d]
db[j]     = sum_n dout[n, j]
"""

import math

import numpy as np


def affine_forward(x, W, b):
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    N, D = x.shape
    M = W.shape[0]
    out = np.zeros((N, M))
    for n in range(N):
        for j in range(M):
            total = b[j]
            for d in range(D):
                total += x[n, d] * W[j, d]
            out[n, j] = total
    return out, {"x": x, "W": W, "b": b}


def affine_backward(dout, cache):
    x, W = cache["x"], cache["W"]
    dout = np.asarray(dout, dtype=float)
    N, D = x.shape
    M = W.shape[0]
    dx = np.zeros((N, D))
    dW = np.zeros((M, D))
    db = np.zeros(M)
    for n in range(N):
        for j in range(M):
            g = dout[n, j]
            db[j] += g
            for d in range(D):
                dx[n, d] += g * W[j, d]
                dW[j, d] += g * x[n, d]
    return dx, dW, db


def _sig(t):
    if t >= 0:
        return 1.0 / (1.0 + math.exp(-t))
    e = math.exp(t)
    return e / (1.0 + e)


def sigmoid_forward(x):
    x = np.asarray(x, dtype=np.float64)
    out = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        out[idx] = _sig(x[idx])
    return out, {"s": out}


def sigmoid_backward(dout, cache):
    s = cache["s"]
    dout = np.asarray(dout, dtype=float)
    dx = np.zeros_like(s)
    for idx in np.ndindex(s.shape):
        dx[idx] = dout[idx] * s[idx] * (1.0 - s[idx])
    return dx


def l2_loss(y_hat, y):
    y_hat = np.asarray(y_hat, dtype=float)
    y = np.asarray(y, dtype=float)
    loss = 0.0
    dy_hat = np.zeros_like(y_hat)
    for idx in np.ndindex(y_hat.shape):
        r = y_hat[idx] - y[idx]
        loss += r * r
        dy_hat[idx] = 2.0 * r
    return float(loss), dy_hat


def two_layer_forward(X, params):
    z1, fc1 = affine_forward(X, params["W1"], params["b1"])
    h, act1 = sigmoid_forward(z1)
    z2, fc2 = affine_forward(h, params["W2"], params["b2"])
    y_hat, act2 = sigmoid_forward(z2)
    return y_hat, {"fc1": fc1, "act1": act1, "fc2": fc2, "act2": act2}


def two_layer_loss_and_grads(X, Y, params):
    y_hat, cache = two_layer_forward(X, params)
    loss, dy_hat = l2_loss(y_hat, Y)
    dz2 = sigmoid_backward(dy_hat, cache["act2"])
    dh, dW2, db2 = affine_backward(dz2, cache["fc2"])
    dz1 = sigmoid_backward(dh, cache["act1"])
    _dX, dW1, db1 = affine_backward(dz1, cache["fc1"])
    grads = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
    return loss, grads
