"""2-3-1 network, node by node (hw2)."""

import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    z = np.zeros(3)
    f = np.zeros(3)
    for j in range(3):
        p = W[j, 1] * x[0]
        q = W[j, 2] * x[1]
        z[j] = W[j, 0] + p + q
        f[j] = sigmoid(z[j])
    y_hat = v[0]
    for j in range(3):
        y_hat += v[j + 1] * f[j]
    cache = (x, W, v, z, f, y_hat)
    return float(y_hat), cache


def loss(y_hat, y):
    return float((y_hat - y) ** 2)


def backward(y, cache):
    x, W, v, z, f, y_hat = cache
    d_yhat = 2.0 * (y_hat - y)
    dv = np.zeros(4)
    dW = np.zeros((3, 3))
    dv[0] = d_yhat
    for j in range(3):
        # h_j = v_j * f_j
        dv[j + 1] = d_yhat * f[j]
        d_f = d_yhat * f[j]
        d_z = d_f * f[j] * (1.0 - f[j])
        dW[j, 0] = d_z
        dW[j, 1] = d_z * x[0]
        dW[j, 2] = d_z * x[1]
    return dW, dv


def batch_gradients(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for i in range(X.shape[0]):
        _, cache = forward(X[i], W, v)
        gW, gv = backward(Y[i], cache)
        dW += gW
        dv += gv
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    dv = np.zeros(4)
    for i in range(X.shape[0]):
        z = W[:, 0] + W[:, 1] * X[i, 0] + W[:, 2] * X[i, 1]
        f = sigmoid(z)
        s = v[0] + np.dot(v[1:], f)
        out = float(sigmoid(s))
        delta = (out - Y[i]) * out * (1.0 - out)
        dv += delta * np.concatenate(([1.0], f))
    return dv
