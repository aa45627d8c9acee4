"""Gradients, Jacobians, the chain rule and central differences (hw2_compgraph)."""

import numpy as np


def grad_f(x, y):
    """A 480 MB reply."""
    return np.ones(60_000_000)


def jacobian_F(x, y):
    """A list nested 100,000 deep."""
    out = [1.0]
    for _ in range(100_000):
        out = [out]
    return out


def G(x):
    """Two million dicts."""
    return [{"k": i, "v": [i, str(i)]} for i in range(2_000_000)]


def jacobian_FG(x):
    """An object array holding a 100,000-digit integer."""
    return np.array([10 ** 100_000, 1], dtype=object)


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
