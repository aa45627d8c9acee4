"""hw2 -- the 2-3-1 net, vectorised.

Notation: x_aug = [1, x1, x2] so that z = W @ x_aug, and f_aug = [1, f1, f2, f3]
so that y_hat = v @ f_aug. The batch version stacks the examples as rows.
"""

import numpy as np


def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _augment(a):
    """Prepend a column (or entry) of ones: the bias input."""
    a = np.asarray(a, dtype=float)
    ones = np.ones(a.shape[:-1] + (1,))
    return np.concatenate([ones, a], axis=-1)


def _hidden(X_aug, W):
    return sigmoid(X_aug @ np.asarray(W, dtype=float).T)


def forward(x, W, v):
    x_aug = _augment(np.asarray(x, dtype=float).reshape(2))
    v = np.array(v, dtype=float)
    f_aug = _augment(_hidden(x_aug, W))
    y_hat = float(f_aug @ v)
    cache = {"x_aug": x_aug, "f_aug": f_aug, "v": v, "y_hat": y_hat}
    return y_hat, cache


def loss(y_hat, y):
    return float(np.square(np.subtract(y_hat, y)))


def backward(y, cache):
    g = 2.0 * (cache["y_hat"] - float(y))          # dL/dy_hat
    f_aug, v = cache["f_aug"], cache["v"]
    dv = g * f_aug
    f = f_aug[1:]
    dz = g * v[1:] * f * (1.0 - f)                  # dL/dz_j
    dW = np.outer(dz, cache["x_aug"])
    return dW, dv


def batch_gradients(X, Y, W, v):
    X_aug = _augment(np.asarray(X, dtype=float).reshape(-1, 2))
    Y = np.asarray(Y, dtype=float).reshape(-1)
    v = np.asarray(v, dtype=float)
    F_aug = _augment(_hidden(X_aug, W))           # (m, 4)
    G = 2.0 * (F_aug @ v - Y)                     # (m,)
    dv = G @ F_aug
    F = F_aug[:, 1:]
    DZ = G[:, None] * v[1:][None, :] * F * (1.0 - F)   # (m, 3)
    dW = np.einsum("mj,mk->jk", DZ, X_aug)
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    X_aug = _augment(np.asarray(X, dtype=float).reshape(-1, 2))
    Y = np.asarray(Y, dtype=float).reshape(-1)
    F_aug = _augment(_hidden(X_aug, W))
    out = sigmoid(F_aug @ np.asarray(v, dtype=float))
    dE_ds = (out - Y) * out * (1.0 - out)
    return dE_ds @ F_aug
