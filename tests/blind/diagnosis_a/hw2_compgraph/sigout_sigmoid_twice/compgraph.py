"""hw2: 2-3-1 network with the bias folded in as a constant input 1."""

import numpy as np


def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    x = np.asarray(x, dtype=float).ravel()
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    x_aug = np.concatenate(([1.0], x))       # [1, x1, x2]
    z = W @ x_aug
    f = sigmoid(z)
    f_aug = np.concatenate(([1.0], f))       # [1, f1, f2, f3]
    y_hat = float(v @ f_aug)
    return y_hat, (x_aug, f_aug, v, y_hat)


def loss(y_hat, y):
    return float(np.square(y_hat - y))


def backward(y, cache):
    x_aug, f_aug, v, y_hat = cache
    g = 2.0 * (y_hat - y)                    # dL/dy_hat
    dv = g * f_aug
    f = f_aug[1:]
    dz = g * v[1:] * f * (1.0 - f)           # dL/dz_j
    dW = np.outer(dz, x_aug)
    return dW, dv


def batch_gradients(X, Y, W, v):
    X = np.atleast_2d(np.asarray(X, dtype=float))
    Y = np.asarray(Y, dtype=float).ravel()
    m = X.shape[0]
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for i in range(m):
        _, cache = forward(X[i], W, v)
        gW, gv = backward(Y[i], cache)
        dW = dW + gW
        dv = dv + gv
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    X = np.atleast_2d(np.asarray(X, dtype=float))
    Y = np.asarray(Y, dtype=float).ravel()
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    m = X.shape[0]
    Xa = np.hstack([np.ones((m, 1)), X])
    F = sigmoid(Xa @ W.T)                    # (m, 3)
    Fa = np.hstack([np.ones((m, 1)), F])     # (m, 4)
    y_hat = sigmoid(Fa @ v)
    delta = (y_hat - Y) * sigmoid(y_hat) * (1.0 - sigmoid(y_hat))
    return Fa.T @ delta
