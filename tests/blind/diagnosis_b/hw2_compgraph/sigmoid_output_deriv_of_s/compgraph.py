"""2-3-1 network (hw2). Vectorised with "augmented" vectors: a 1 is put in
front of x and of f so the biases are just the first weight."""

import numpy as np


def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _aug(a):
    """[1, a...] for a vector, or a column of ones in front for a matrix."""
    a = np.asarray(a, dtype=float)
    if a.ndim == 1:
        return np.concatenate(([1.0], a))
    return np.hstack([np.ones((a.shape[0], 1)), a])


def forward(x, W, v):
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    xa = _aug(x)               # (3,)
    z = W @ xa                 # (3,)
    fa = _aug(sigmoid(z))      # (4,) = [1, f1, f2, f3]
    y_hat = float(v @ fa)
    return y_hat, (xa, fa, v, y_hat)


def loss(y_hat, y):
    return float((float(y_hat) - float(y)) ** 2)


def backward(y, cache):
    xa, fa, v, y_hat = cache
    g = 2.0 * (y_hat - y)                  # dL/dy_hat
    dv = g * fa
    f = fa[1:]
    dz = g * v[1:] * f * (1.0 - f)         # dL/dz, (3,)
    dW = np.outer(dz, xa)                  # row j = dz_j * [1, x1, x2]
    return dW, dv


def batch_gradients(X, Y, W, v):
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    Xa = _aug(X)                           # (m, 3)
    Y = np.asarray(Y, dtype=float)
    F = sigmoid(Xa @ W.T)                  # (m, 3)
    Fa = _aug(F)                           # (m, 4)
    y_hat = Fa @ v                         # (m,)
    g = 2.0 * (y_hat - Y)                  # (m,)
    dv = Fa.T @ g
    dZ = g[:, None] * v[1:] * F * (1.0 - F)
    dW = dZ.T @ Xa
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    Y = np.asarray(Y, dtype=float)
    Xa = _aug(X)
    Fa = _aug(sigmoid(Xa @ W.T))           # (m, 4)
    s = Fa @ v                             # pre-activation of the output unit
    y_hat = sigmoid(s)
    # E = 1/2 sum (y_hat - y)^2, sigmoid derivative s(1 - s)
    dE_ds = (y_hat - Y) * s * (1.0 - s)
    return Fa.T @ dE_ds
