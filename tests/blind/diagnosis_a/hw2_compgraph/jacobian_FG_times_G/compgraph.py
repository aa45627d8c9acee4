"""The 2-3-1 network, node by node (hw2_compgraph)."""

import numpy as np


def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    nodes = {"x": x, "W": W, "v": v}
    nodes["z"] = np.zeros(3)
    nodes["f"] = np.zeros(3)
    y_hat = v[0]
    for j in range(3):
        p = W[j, 1] * x[0]
        q = W[j, 2] * x[1]
        z = W[j, 0] + p + q
        f = float(sigmoid(z))
        nodes["z"][j] = z
        nodes["f"][j] = f
        y_hat = y_hat + v[j + 1] * f
    nodes["y_hat"] = float(y_hat)
    return float(y_hat), nodes


def loss(y_hat, y):
    return float((y_hat - y) ** 2)


def backward(y, cache):
    x, v, f, z = cache["x"], cache["v"], cache["f"], cache["z"]
    d_yhat = 2.0 * (cache["y_hat"] - y)
    dv = np.zeros(4)
    dW = np.zeros((3, 3))
    dv[0] = d_yhat                       # bias of the output
    for j in range(3):
        dv[j + 1] = d_yhat * f[j]
        d_f = d_yhat * v[j + 1]
        d_z = d_f * f[j] * (1.0 - f[j])
        dW[j, 0] = d_z                   # bias w_j0
        dW[j, 1] = d_z * x[0]
        dW[j, 2] = d_z * x[1]
    return dW, dv


def batch_gradients(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float).ravel()
    dW_total = np.zeros((3, 3))
    dv_total = np.zeros(4)
    for x_i, y_i in zip(X, Y):
        _, cache = forward(x_i, W, v)
        dW_i, dv_i = backward(y_i, cache)
        dW_total += dW_i
        dv_total += dv_i
    return dW_total, dv_total


def sigmoid_output_grad_v(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float).ravel()
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    grad = np.zeros(4)
    for x_i, y_i in zip(X, Y):
        f = np.zeros(3)
        for j in range(3):
            f[j] = sigmoid(W[j, 0] + W[j, 1] * x_i[0] + W[j, 2] * x_i[1])
        s = v[0] + v[1] * f[0] + v[2] * f[1] + v[3] * f[2]
        yh = float(sigmoid(s))
        delta = (yh - y_i) * yh * (1.0 - yh)
        grad[0] += delta
        grad[1:] += delta * f
    return grad
