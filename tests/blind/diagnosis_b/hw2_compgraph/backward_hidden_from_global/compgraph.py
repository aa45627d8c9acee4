"""The 2-3-1 network of the computational-graph homework (hw2_compgraph).

    z_j   = w_j0 + w_j1 x1 + w_j2 x2          (j = 1, 2, 3)
    f_j   = sigmoid(z_j)
    y_hat = v_0 + v_1 f_1 + v_2 f_2 + v_3 f_3
    L     = (y_hat - y)^2
"""

import numpy as np


def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


# values of the hidden layer, kept between forward and backward
_hidden = {}


def forward(x, W, v):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)

    # hidden layer: bias column first, then the two inputs
    z = W[:, 0] + W[:, 1] * x[0] + W[:, 2] * x[1]
    f = sigmoid(z)
    _hidden["z"] = z
    _hidden["f"] = f

    # output layer (linear)
    y_hat = float(v[0] + np.dot(v[1:], f))

    cache = {"x": x, "v": v, "y_hat": y_hat}
    return y_hat, cache


def loss(y_hat, y):
    return float((y_hat - y) ** 2)


def backward(y, cache):
    x = cache["x"]
    v = cache["v"]
    y_hat = cache["y_hat"]
    f = _hidden["f"]

    dL_dyhat = 2.0 * (y_hat - y)

    # output weights: y_hat = v0 + sum_j v_j f_j
    dv = dL_dyhat * np.concatenate(([1.0], f))

    # back into the hidden layer
    dL_df = dL_dyhat * v[1:]
    dL_dz = dL_df * f * (1.0 - f)

    # z_j = w_j0 * 1 + w_j1 x1 + w_j2 x2
    x_aug = np.array([1.0, x[0], x[1]])
    dW = np.outer(dL_dz, x_aug)
    return dW, dv


def batch_gradients(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
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
    Y = np.asarray(Y, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    dv = np.zeros(4)
    for x_i, y_i in zip(X, Y):
        z = W[:, 0] + W[:, 1] * x_i[0] + W[:, 2] * x_i[1]
        f = sigmoid(z)
        s = v[0] + np.dot(v[1:], f)
        y_hat = sigmoid(s)
        # E_i = 1/2 (y_hat - y)^2 -> dE/ds = (y_hat - y) y_hat (1 - y_hat)
        dE_ds = (y_hat - y_i) * y_hat * (1.0 - y_hat)
        dv += dE_ds * np.concatenate(([1.0], f))
    return dv
