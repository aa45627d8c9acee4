"""Gradients, Jacobians, the chain rule and central differences (hw2_compgraph)."""

import numpy as np


def grad_f(x, y):
    """Gradient of f(x, y) = (2x + 3y)^2."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    s = 2.0 * x + 3.0 * y
    return np.array([4.0 * s, 6.0 * s], dtype=float).reshape(2)


def jacobian_F(x, y):
    """Jacobian of F(x, y) = [x^2 + 2y, 3x + 4y^2]."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    return np.array([[2.0 * x, 2.0], [3.0, 8.0 * y]], dtype=float).reshape(2, 2)


def G(x):
    """G(x) = [x, x^2]."""
    x = np.asarray(x, dtype=float)
    return np.array([x, x * x], dtype=float).reshape(2)


def jacobian_FG(x):
    """D(F o G)(x) = DF(G(x)) . DG(x)."""
    g = G(x)
    x = np.asarray(x, dtype=float)
    return (jacobian_F(g[0], g[1]) @ np.array([1.0, 2.0 * x], dtype=float).reshape(2)).reshape(2)


def numerical_gradient(f, x, eps=1e-6):
    """Central differences of a scalar function f at the array x."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for k in np.ndindex(x.shape):
        xp = x.copy()
        xm = x.copy()
        xp[k] += eps
        xm[k] -= eps
        fp = np.asarray(f(xp), dtype=float).reshape(-1)[0]
        fm = np.asarray(f(xm), dtype=float).reshape(-1)[0]
        grad[k] = (fp - fm) / (2.0 * eps)
    return grad


def numerical_jacobian(F, x, eps=1e-6):
    """Central differences of a vector function F at the 1-D array x."""
    x = np.array(x, dtype=float).reshape(-1)
    columns = []
    for k in range(x.size):
        xp = x.copy()
        xm = x.copy()
        xp[k] += eps
        xm[k] -= eps
        fp = np.asarray(F(xp), dtype=float).reshape(-1)
        fm = np.asarray(F(xm), dtype=float).reshape(-1)
        columns.append((fp - fm) / (2.0 * eps))
    return np.stack(columns, axis=1)
