"""Vector computation graphs: f, F, G and their derivatives."""

import numpy as np


def f(x, y):
    return (2 * x + 3 * y) ** 2


def F(x, y):
    return np.array([x ** 2 + 2 * y, 3 * x + 4 * y ** 2], dtype=float)


def grad_f(x, y):
    s = 2 * x + 3 * y
    return 2 * s * np.array([2.0, 3.0])


def jacobian_F(x, y):
    return np.array([[2.0 * x, 2.0],
                     [3.0, 8.0 * y]])


def G(x):
    return np.array([x, x * x], dtype=float)


def DG(x):
    return np.array([1.0, 2.0 * x])


def jacobian_FG(x):
    u, w = G(x)
    return jacobian_F(u, w).dot(DG(x))


def numerical_gradient(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    out = np.empty(x.shape)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        step = np.zeros(x.shape)
        step[i] = eps
        out[i] = (f(x + step) - f(x - step)) / (2 * eps)
    return out


def numerical_jacobian(F, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    columns = []
    for k in range(len(x)):
        step = np.zeros(len(x))
        step[k] = eps
        columns.append((np.asarray(F(x + step)) - np.asarray(F(x - step))) / (2 * eps))
    return np.array(columns, dtype=float).T
