"""hw2 compgraph -- the 2-3-1 network, node by node like the graph in the handout."""

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
    x1, x2 = x[0], x[1]

    f = []
    for j in range(3):
        p = W[j, 1] * x1          # p_j = w_j1 x1
        q = W[j, 2] * x2          # q_j = w_j2 x2
        z = W[j, 0] + p + q       # z_j = w_j0 + p_j + q_j
        f.append(float(sigmoid(z)))

    h = [v[j + 1] * f[j] for j in range(3)]
    y_hat = float(v[0] + h[0] + h[1] + h[2])

    cache = (x1, x2, f, v, y_hat)
    return y_hat, cache


def loss(y_hat, y):
    d = y_hat - y
    return float(d * d)


def backward(y, cache):
    x1, x2, f, v, y_hat = cache
    d_yhat = 2.0 * (y_hat - y)

    dv = np.zeros(4)
    dW = np.zeros((3, 3))
    dv[0] = d_yhat
    for j in range(3):
        dv[j + 1] = d_yhat * f[j]                 # dh_j/dv_j = f_j
        d_f = d_yhat * v[j + 1]                   # dh_j/df_j = v_j
        d_z = d_f * f[j] * (1.0 - f[j])           # sigmoid'
        dW[j, 0] = d_z                            # bias
        dW[j, 1] = d_z * x1
        dW[j, 2] = d_z * x2
    return dW, dv


def batch_gradients(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for i in range(X.shape[0]):
        y_hat, cache = forward(X[i], W, v)
        gW, gv = backward(Y[i], cache)
        dW = dW + gW
        dv = dv + gv
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    v = np.asarray(v, dtype=float)
    dv = np.zeros(4)
    for i in range(X.shape[0]):
        s, cache = forward(X[i], W, v)       # the linear output is exactly s
        f = cache[2]
        out = float(sigmoid(s))
        d_s = (out - Y[i]) * out * (1.0 - out)
        dv[0] += d_s
        for j in range(3):
            dv[j + 1] += d_s * f[j]
    return dv
