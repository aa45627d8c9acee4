"""Vector computational graphs (hw2_compgraph)."""

import numpy as np


def grad_f(x, y):
    inner = 2.0 * x + 3.0 * y          # u = 2x + 3y, f = u^2
    return np.array([2.0 * inner * 2.0, 2.0 * inner * 3.0])


def jacobian_F(x, y):
    return np.array([[2.0 * x, 2.0],
                     [3.0, 8.0 * y]])


def G(x):
    return np.array([x, x ** 2], dtype=float)


def jacobian_FG(x):
    g = G(x)
    DF = jacobian_F(g[0], g[1])
    DG = np.array([1.0, 2.0 * x])
    return DF @ g


def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=float)          # my own copy
    g = np.zeros_like(x)
    flat = x.reshape(-1)                  # view into x
    gflat = g.reshape(-1)
    for k in range(flat.size):
        old = flat[k]
        flat[k] = old + eps
        fp = float(f(x))
        flat[k] = old - eps
        fm = float(f(x))
        flat[k] = old
        gflat[k] = (fp - fm) / (2 * eps)
    return g


def numerical_jacobian(F, x, eps=1e-6):
    x = np.array(x, dtype=float).ravel()
    cols = []
    for k in range(x.size):
        e = np.zeros_like(x)
        e[k] = eps
        plus = np.asarray(F(x + e), dtype=float).ravel()
        minus = np.asarray(F(x - e), dtype=float).ravel()
        cols.append((plus - minus) / (2 * eps))
    return np.stack(cols, axis=1)
