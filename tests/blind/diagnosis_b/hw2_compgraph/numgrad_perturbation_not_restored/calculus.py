"""hw2 calculus -- gradients, Jacobians, chain rule, finite differences."""

import numpy as np


def grad_f(x, y):
    inner = 2 * x + 3 * y
    dfdx = 2 * inner * 2
    dfdy = 2 * inner * 3
    return np.array([dfdx, dfdy], dtype=float)


def jacobian_F(x, y):
    J = np.zeros((2, 2))
    J[0, 0] = 2 * x      # d(x^2 + 2y)/dx
    J[0, 1] = 2          # d(x^2 + 2y)/dy
    J[1, 0] = 3          # d(3x + 4y^2)/dx
    J[1, 1] = 8 * y      # d(3x + 4y^2)/dy
    return J


def G(x):
    return np.array([x, x * x], dtype=float)


def jacobian_FG(x):
    u, w = G(x)
    DF = jacobian_F(u, w)
    DG = np.array([1.0, 2.0 * x])
    return np.array([DF[0, 0] * DG[0] + DF[0, 1] * DG[1],
                     DF[1, 0] * DG[0] + DF[1, 1] * DG[1]])


def numerical_gradient(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    grad = np.zeros(x.shape)
    for k in range(x.size):
        x_plus = x.copy()
        x_plus.flat[k] += eps
        x_minus = x
        x_minus.flat[k] -= eps
        grad.flat[k] = (f(x_plus) - f(x_minus)) / (2 * eps)
    return grad


def numerical_jacobian(F, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    cols = []
    for k in range(x.size):
        x_plus = x.copy()
        x_minus = x.copy()
        x_plus[k] += eps
        x_minus[k] -= eps
        diff = np.asarray(F(x_plus), dtype=float) - np.asarray(F(x_minus), dtype=float)
        cols.append(diff / (2 * eps))
    return np.stack(cols, axis=1)
