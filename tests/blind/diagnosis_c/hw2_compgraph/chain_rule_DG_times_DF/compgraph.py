import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    x1, x2 = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    p = W[:, 1] * x1
    q = W[:, 2] * x2
    z = W[:, 0] + p + q
    f = sigmoid(z)
    h = v[1:] * f
    y_hat = v[0] + h.sum()
    return float(y_hat), (x1, x2, v, f, float(y_hat))


def loss(y_hat, y):
    return float((float(y_hat) - float(y)) ** 2)


def backward(y, cache):
    x1, x2, v, f, y_hat = cache
    dL_dyhat = 2.0 * (y_hat - y)
    dL_dh = dL_dyhat * np.ones(3)
    dL_dv = np.empty(4)
    dL_dv[0] = dL_dyhat
    dL_dv[1:] = dL_dh * f
    dL_df = dL_dh * v[1:]
    dL_dz = dL_df * f * (1 - f)
    dL_dW = np.column_stack([dL_dz, dL_dz * x1, dL_dz * x2])
    return dL_dW, dL_dv


def batch_gradients(X, Y, W, v):
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for x, y in zip(np.asarray(X, dtype=float), np.asarray(Y, dtype=float)):
        _, cache = forward(x, W, v)
        a, b = backward(y, cache)
        dW += a
        dv += b
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    v = np.asarray(v, dtype=float)
    dv = np.zeros(4)
    for x, y in zip(np.asarray(X, dtype=float), np.asarray(Y, dtype=float)):
        s, cache = forward(x, W, v)       # the linear output is s
        f = cache[3]
        o = float(sigmoid(s))
        dv += (o - y) * o * (1 - o) * np.concatenate(([1.0], f))
    return dv
