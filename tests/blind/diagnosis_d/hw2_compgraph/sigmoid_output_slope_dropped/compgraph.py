import numpy as np


def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _hidden(x, W):
    """z_j and f_j for j = 1..3, one unit at a time like the graph."""
    z = []
    f = []
    for j in range(3):
        p = W[j][1] * x[0]
        q = W[j][2] * x[1]
        zj = W[j][0] + p + q
        z.append(zj)
        f.append(float(sigmoid(zj)))
    return z, f


def forward(x, W, v):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    z, f = _hidden(x, W)
    y_hat = v[0]
    for j in range(3):
        y_hat += v[j + 1] * f[j]
    y_hat = float(y_hat)
    cache = (x, W, v, z, f, y_hat)
    return y_hat, cache


def loss(y_hat, y):
    diff = float(y_hat) - float(y)
    return diff * diff


def backward(y, cache):
    x, W, v, z, f, y_hat = cache
    dL_dyhat = 2.0 * (y_hat - y)
    dv = np.zeros(4)
    dW = np.zeros((3, 3))
    dv[0] = dL_dyhat
    for j in range(3):
        dv[j + 1] = dL_dyhat * f[j]
        dL_df = dL_dyhat * v[j + 1]
        dL_dz = dL_df * f[j] * (1.0 - f[j])
        dW[j, 0] = dL_dz
        dW[j, 1] = dL_dz * x[0]
        dW[j, 2] = dL_dz * x[1]
    return dW, dv


def batch_gradients(X, Y, W, v):
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    for i in range(X.shape[0]):
        _, cache = forward(X[i], W, v)
        dWi, dvi = backward(Y[i], cache)
        dW = dW + dWi
        dv = dv + dvi
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    # E = 1/2 sum (y_hat - y)^2, the 1/2 cancels the 2 of the square
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    dv = np.zeros(4)
    for i in range(X.shape[0]):
        _, f = _hidden(X[i], W)
        s = v[0] + v[1] * f[0] + v[2] * f[1] + v[3] * f[2]
        y_hat = float(sigmoid(s))
        err = y_hat - Y[i]
        dv[0] += err
        for j in range(3):
            dv[j + 1] += err * f[j]
    return dv
