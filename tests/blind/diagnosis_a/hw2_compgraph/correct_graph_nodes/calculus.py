"""Vector calculus part of hw2 (gradients, Jacobians, chain rule, numerical checks)."""

import numpy as np


def grad_f(x, y):
    # df/dx = 2(2x+3y) * 2,  df/dy = 2(2x+3y) * 3
    outer = 2.0 * (2.0 * x + 3.0 * y)
    return np.array([outer * 2.0, outer * 3.0])


def jacobian_F(x, y):
    row1 = [2.0 * x, 2.0]           # grad of x^2 + 2y
    row2 = [3.0, 8.0 * y]           # grad of 3x + 4y^2
    return np.array([row1, row2], dtype=float)


def G(x):
    return np.array([1.0 * x, 1.0 * x * x])


def jacobian_FG(x):
    DG = np.array([[1.0], [2.0 * x]])          # a 2x1 Jacobian
    return np.matmul(jacobian_F(*G(x)), DG)[:, 0]


def numerical_gradient(f, x, eps=1e-6):
    work = np.array(x, dtype=float)             # a copy I may write into
    grad = np.zeros_like(work)
    with np.nditer(work, flags=["multi_index"], op_flags=["readwrite"]) as it:
        for entry in it:
            keep = float(entry)
            entry[...] = keep + eps
            up = float(f(work))
            entry[...] = keep - eps
            down = float(f(work))
            entry[...] = keep
            grad[it.multi_index] = (up - down) / (2.0 * eps)
    return grad


def numerical_jacobian(F, x, eps=1e-6):
    x = np.array(x, dtype=float).ravel()
    m = np.asarray(F(x)).size
    J = np.empty((m, x.size))
    for k in range(x.size):
        h = np.zeros(x.size)
        h[k] = eps
        J[:, k] = (np.asarray(F(x + h), dtype=float).ravel() - np.asarray(F(x - h), dtype=float).ravel()) / (2.0 * eps)
    return J
