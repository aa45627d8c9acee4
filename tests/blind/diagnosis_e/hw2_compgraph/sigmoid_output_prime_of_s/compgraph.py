import numpy as np


def sigmoid(z):
    """Given."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    x1, x2 = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    z = np.array([W[j, 0] + W[j, 1] * x1 + W[j, 2] * x2 for j in range(3)])
    f = sigmoid(z)
    y_hat = v[0] + v[1] * f[0] + v[2] * f[1] + v[3] * f[2]
    return float(y_hat), (x1, x2, f, v)


def loss(y_hat, y):
    d = y_hat - y
    return float(d * d)


def backward(y, cache):
    x1, x2, f, v = cache
    y_hat = v[0] + v[1] * f[0] + v[2] * f[1] + v[3] * f[2]
    dy = 2 * (y_hat - y)
    dv = np.array([dy, dy * f[0], dy * f[1], dy * f[2]])
    dW = np.zeros((3, 3))
    for j in range(3):
        dz = dy * v[j + 1] * f[j] * (1 - f[j])
        dW[j] = [dz, dz * x1, dz * x2]
    return dW, dv


def batch_gradients(X, Y, W, v):
    dW_total = np.zeros((3, 3))
    dv_total = np.zeros(4)
    for i in range(len(X)):
        _, cache = forward(X[i], W, v)
        dW, dv = backward(Y[i], cache)
        dW_total = dW_total + dW
        dv_total = dv_total + dv
    return dW_total, dv_total


def sigmoid_output_grad_v(X, Y, W, v):
    v = np.asarray(v, dtype=float)
    dv_total = np.zeros(4)
    for i in range(len(X)):
        s, cache = forward(X[i], W, v)       # linear output = pre-activation s
        f = cache[2]
        out = float(sigmoid(s))
        # dE/ds = (out - y) * sigmoid'(s), sigmoid'(s) = s (1 - s)
        ds = (out - Y[i]) * s * (1 - s)
        dv_total += ds * np.array([1.0, f[0], f[1], f[2]])
    return dv_total
