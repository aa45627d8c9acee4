import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    x = np.asarray(x, dtype=float).reshape(2)
    W = np.asarray(W, dtype=float).reshape(3, 3)
    v = np.asarray(v, dtype=float).reshape(4)
    z = W[:, 0] + W[:, 1:] @ x
    f = sigmoid(z)
    y_hat = v[0] + np.dot(v[1:], f)
    cache = (x, W, v, z, f, float(y_hat))
    return float(y_hat), cache


def loss(y_hat, y):
    return float((float(y_hat) - float(y)) ** 2)


def backward(y, cache):
    x, W, v, z, f, y_hat = cache
    dL_dyhat = 2 * (y_hat - y)
    dv = dL_dyhat * np.r_[1.0, f]
    dL_df = dL_dyhat * v[1:]
    dL_dz = dL_df * f * (1 - f)
    dW = np.c_[dL_dz, dL_dz * x[0], dL_dz * x[1]]
    return dW, dv


def batch_gradients(X, Y, W, v):
    X = np.atleast_2d(np.asarray(X, dtype=float))
    Y = np.asarray(Y, dtype=float).ravel()
    dW, dv = np.zeros((3, 3)), np.zeros(4)
    for i in range(len(Y)):
        gW, gv = backward(Y[i], forward(X[i], W, v)[1])
        dW += gW
        dv += gv
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    X = np.atleast_2d(np.asarray(X, dtype=float))
    Y = np.asarray(Y, dtype=float).ravel()
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    Fh = sigmoid(W[:, 0] + X @ W[:, 1:].T)             # (m, 3)
    A = np.hstack([np.ones((len(Y), 1)), Fh])          # (m, 4)
    out = sigmoid(A @ v)
    return A.T @ ((out - Y) * out * (1 - out))
