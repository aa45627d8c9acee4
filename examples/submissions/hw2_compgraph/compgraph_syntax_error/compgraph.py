# Example submission: compgraph.py does not import (a missing colon); calculus.py is correct.
import numpy as np


class ForwardCache:
    """What backward needs from forward, for one example."""

    def __init__(self, x_aug, f, f_aug, v, y_hat):
        self.x_aug = x_aug
        self.f = f
        self.f_aug = f_aug
        self.v = v
        self.y_hat = y_hat


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    x_aug = np.array([1.0, x[0], x[1]])         # bias input first
    z = W.dot(x_aug)
    f = sigmoid(z)
    f_aug = np.array([1.0, f[0], f[1], f[2]])
    y_hat = float(np.dot(v, f_aug))
    cache = ForwardCache(x_aug, f, f_aug, v, y_hat)
    return y_hat, cache


def loss(y_hat, y):
    return float((y_hat - y) ** 2)


def backward(y, cache)
    x_aug, f, f_aug, v, y_hat = cache.x_aug, cache.f, cache.f_aug, cache.v, cache.y_hat
    dL_dyhat = 2.0 * (y_hat - y)
    dv = dL_dyhat * f_aug
    dW = np.zeros((3, 3))
    for j in range(3):
        dL_dz = dL_dyhat * v[j + 1] * f[j] * (1.0 - f[j])
        dW[j, :] = dL_dz * x_aug
    return dW, dv


def batch_gradients(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for i in range(len(Y)):
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
    for i in range(len(Y)):
        f = sigmoid(W.dot(np.array([1.0, X[i, 0], X[i, 1]])))
        f_aug = np.concatenate(([1.0], f))
        y_hat = sigmoid(np.dot(v, f_aug))
        dv += (y_hat - Y[i]) * y_hat * (1.0 - y_hat) * f_aug
    return dv
