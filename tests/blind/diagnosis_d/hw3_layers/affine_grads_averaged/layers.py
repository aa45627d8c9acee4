"""hw3_layers -- forward/backward pairs.

Shapes: x (N, D), W (M, D), b (M,), out (N, M).
"""

import numpy as np


def affine_forward(x, W, b):
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    N = x.shape[0]
    out = x @ W.T + b
    return out, (x, W, N)


def affine_backward(dout, cache):
    x, W, N = cache
    dout = np.asarray(dout, dtype=float)
    dx = dout @ W                      # (N, D)
    # the weights are shared by the N examples: average their contributions
    dW = (dout.T @ x) / N              # (M, D)
    db = dout.mean(axis=0)             # (M,)
    return dx, dW, db


def sigmoid_forward(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    out = np.where(x >= 0, 1 / (1 + z), z / (1 + z))
    return out, out


def sigmoid_backward(dout, cache):
    out = cache
    return dout * out * (1 - out)


def l2_loss(y_hat, y):
    y_hat = np.asarray(y_hat, dtype=float)
    y = np.asarray(y, dtype=float)
    r = y_hat - y
    return float((r * r).sum()), 2 * r


def two_layer_forward(X, params):
    X = np.asarray(X, dtype=float)
    a1, fc1 = affine_forward(X, params["W1"], params["b1"])
    h, s1 = sigmoid_forward(a1)
    a2, fc2 = affine_forward(h, params["W2"], params["b2"])
    y_hat, s2 = sigmoid_forward(a2)
    return y_hat, [fc1, s1, fc2, s2]


def two_layer_loss_and_grads(X, Y, params):
    y_hat, (fc1, s1, fc2, s2) = two_layer_forward(X, params)
    loss, d = l2_loss(y_hat, Y)
    d = sigmoid_backward(d, s2)
    d, dW2, db2 = affine_backward(d, fc2)
    d = sigmoid_backward(d, s1)
    _, dW1, db1 = affine_backward(d, fc1)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
