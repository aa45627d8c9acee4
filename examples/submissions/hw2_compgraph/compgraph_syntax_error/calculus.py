# Example submission: compgraph.py does not import (a missing colon); calculus.py is correct.
import numpy as np


def grad_f(x, y):
    inner = 2 * x + 3 * y
    return np.array([2 * inner * 2, 2 * inner * 3], dtype=float)


def jacobian_F(x, y):
    return np.array([[2 * x, 2], [3, 8 * y]], dtype=float)


def G(x):
    return np.array([x, x ** 2], dtype=float)


def jacobian_FG(x):
    g = G(x)
    DG = np.array([1.0, 2.0 * x])
    return jacobian_F(g[0], g[1]).dot(DG)


def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        x_plus = x.copy()
        x_minus = x.copy()
        x_plus[idx] += eps
        x_minus[idx] -= eps
        grad[idx] = (f(x_plus) - f(x_minus)) / (2 * eps)
    return grad


def numerical_jacobian(F, x, eps=1e-6):
    x = np.array(x, dtype=float)
    cols = []
    for k in range(len(x)):
        step = np.zeros(len(x))
        step[k] = eps
        cols.append((np.asarray(F(x + step), dtype=float) - np.asarray(F(x - step), dtype=float)) / (2 * eps))
    return np.array(cols).T
