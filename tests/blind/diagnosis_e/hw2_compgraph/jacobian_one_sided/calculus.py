"""Gradients, Jacobians, chain rule, finite differences."""
import numpy as np


def grad_f(x, y):
    u = 2 * x + 3 * y
    return np.array([4 * u, 6 * u], dtype=float)


def jacobian_F(x, y):
    return np.array([[2 * x, 2], [3, 8 * y]], dtype=float)


def G(x):
    return np.array([x, x ** 2], dtype=float)


def jacobian_FG(x):
    a, b = G(x)
    DG = np.array([1, 2 * x], dtype=float)
    return jacobian_F(a, b) @ DG


def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for i in range(x.size):
        xp = x.copy()
        xm = x.copy()
        xp.flat[i] += eps
        xm.flat[i] -= eps
        g.flat[i] = (f(xp) - f(xm)) / (2 * eps)
    return g


def numerical_jacobian(F, x, eps=1e-6):
    x = np.array(x, dtype=float)
    F0 = np.asarray(F(x), dtype=float)        # needed anyway for the number of rows
    J = np.zeros((F0.size, x.size))
    for k in range(x.size):
        xk = x.copy()
        xk[k] += eps
        J[:, k] = (np.asarray(F(xk), dtype=float) - F0) / eps
    return J
