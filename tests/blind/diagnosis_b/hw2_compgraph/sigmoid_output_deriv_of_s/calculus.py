"""Vector computational graphs (hw2): analytic and numerical derivatives."""

import numpy as np


def grad_f(x, y):
    s = 2 * x + 3 * y
    return 2 * s * np.array([2.0, 3.0])


def jacobian_F(x, y):
    return np.array([[2 * x, 2], [3, 8 * y]], dtype=float)


def G(x):
    return np.array([x, x ** 2], dtype=float)


def jacobian_FG(x):
    DG = np.array([1.0, 2.0 * x])
    return jacobian_F(*G(x)) @ DG


def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    g = np.empty_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + eps
        fp = f(x)
        x[i] = old - eps
        fm = f(x)
        x[i] = old
        g[i] = (fp - fm) / (2 * eps)
    return g


def numerical_jacobian(F, x, eps=1e-6):
    x = np.array(x, dtype=float)
    n = x.size
    m = np.size(F(x))
    J = np.empty((m, n))
    for k in range(n):
        d = np.zeros(n)
        d[k] = eps
        J[:, k] = (np.ravel(F(x + d)) - np.ravel(F(x - d))) / (2 * eps)
    return J
