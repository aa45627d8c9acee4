"""2-3-1 network, written with matrices; the batch functions need no loop."""

from collections import namedtuple

import numpy as np

Cache = namedtuple("Cache", ["x_aug", "f_aug", "v", "y_hat"])


def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _with_ones(A):
    """Prepend a column of ones (the constant input of the biases)."""
    A = np.atleast_2d(A)
    return np.column_stack([np.ones(A.shape[0]), A])


def forward(x, W, v):
    x = np.asarray(x, dtype=float).reshape(-1)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    x_aug = np.concatenate([[1.0], x])
    f_aug = np.concatenate([[1.0], sigmoid(np.einsum("jk,k->j", W, x_aug))])
    y_hat = float(np.einsum("j,j->", v, f_aug))
    return y_hat, Cache(x_aug, f_aug, v, y_hat)


def loss(y_hat, y):
    return float((float(y_hat) - float(y)) ** 2)


def backward(y, cache):
    r = 2.0 * (cache.y_hat - float(y))
    dv = r * cache.f_aug
    f = cache.f_aug[1:]
    dz = r * cache.v[1:] * f * (1.0 - f)
    dW = np.einsum("j,k->jk", dz, cache.x_aug)
    return dW, dv


def _hidden_batch(X, W):
    Xa = _with_ones(np.asarray(X, dtype=float).reshape(-1, 2))
    F = sigmoid(Xa @ np.asarray(W, dtype=float).T)         # (m, 3)
    return Xa, F, _with_ones(F)                              # Fa: (m, 4)


def batch_gradients(X, Y, W, v):
    v = np.asarray(v, dtype=float)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    Xa, F, Fa = _hidden_batch(X, W)
    r = 2.0 * (Fa @ v - Y)                                   # dL_i/dy_hat_i
    dv = Fa.T @ r
    dZ = r[:, None] * v[None, 1:] * F * (1.0 - F)            # (m, 3)
    dW = dZ.T @ Xa                                           # sums over the examples
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    v = np.asarray(v, dtype=float)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    _, _, Fa = _hidden_batch(X, W)
    out = sigmoid(Fa @ v)
    return Fa.T @ ((out - Y) * out * (1.0 - out))
