"""Vector computational graphs (hw2, calculus part)."""

import numpy as np


def grad_f(x, y):
    x, y = float(x), float(y)
    outer = 2.0 * (2.0 * x + 3.0 * y)           # d(u^2)/du
    return outer * np.array([2.0, 3.0])         # du/dx, du/dy


def jacobian_F(x, y):
    x, y = float(x), float(y)
    return np.array([[2.0 * x, 2.0], [3.0, 8.0 * y]])


def G(x):
    x = float(x)
    return np.array([x, x * x])


def jacobian_FG(x):
    x = float(x)
    # by hand: (F o G)(x) = [3x^2, 3x + 4x^4]; by the chain rule below
    u, w = G(x)
    DF = jacobian_F(u, w)
    DG = np.array([[1.0], [2.0 * x]])            # a 2x1 matrix
    return (DF @ DG)[:, 0]


def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    grad = np.empty_like(x)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = eps
        grad[idx] = (float(np.asarray(f(x + e))) - float(np.asarray(f(x - e)))) / (2.0 * eps)
    return grad


def numerical_jacobian(F, x, eps=1e-6):
    x = np.array(x, dtype=float).reshape(-1)
    E = np.eye(x.size) * eps
    cols = [(np.ravel(F(x + E[k])) - np.ravel(F(x - E[k]))) / (2.0 * eps) for k in range(x.size)]
    return np.column_stack(cols).astype(float)
