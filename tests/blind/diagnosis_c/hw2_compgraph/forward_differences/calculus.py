"""Gradients, Jacobians, chain rule, and finite differences."""
import numpy as np


def grad_f(x, y):
    c = 2.0 * (2.0 * x + 3.0 * y)
    return np.array([2.0 * c, 3.0 * c])


def jacobian_F(x, y):
    return np.array([[2.0 * x, 2.0], [3.0, 8.0 * y]])


def G(x):
    return np.array([1.0 * x, 1.0 * x * x])


def jacobian_FG(x):
    a, b = G(x)
    return jacobian_F(a, b).dot(np.array([1.0, 2.0 * x]))


def _difference(func, x, k, eps):
    """Difference quotient of func at x along coordinate k (flat index)."""
    step = np.zeros(x.size)
    step[k] = eps
    step = step.reshape(x.shape)
    return (np.asarray(func(x + step), dtype=float) - np.asarray(func(x), dtype=float)) / eps


def numerical_gradient(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    g = np.zeros(x.size)
    for k in range(x.size):
        g[k] = _difference(f, x, k, eps)
    return g.reshape(x.shape)


def numerical_jacobian(F, x, eps=1e-6):
    x = np.asarray(x, dtype=float).ravel()
    columns = [np.ravel(_difference(F, x, k, eps)) for k in range(x.size)]
    return np.column_stack(columns)
