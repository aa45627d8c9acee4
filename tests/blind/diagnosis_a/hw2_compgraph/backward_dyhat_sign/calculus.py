"""Q2: gradients, Jacobians, chain rule, numerical checks."""

import numpy as np


def grad_f(x, y):
    s = 2 * x + 3 * y
    return np.array([4 * s, 6 * s], dtype=float)


def jacobian_F(x, y):
    J = np.zeros((2, 2))
    J[0, 0] = 2 * x
    J[0, 1] = 2
    J[1, 0] = 3
    J[1, 1] = 8 * y
    return J


def G(x):
    return np.array([x, x * x], dtype=float)


def jacobian_FG(x):
    u, w = G(x)
    DF = jacobian_F(u, w)
    DG = np.array([1.0, 2.0 * x])
    return DF.dot(DG)


def numerical_gradient(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        orig = x[idx]
        x[idx] = orig + eps
        f_plus = float(f(x))
        x[idx] = orig - eps
        f_minus = float(f(x))
        x[idx] = orig
        grad[idx] = (f_plus - f_minus) / (2 * eps)
    return grad


def numerical_jacobian(F, x, eps=1e-6):
    x = np.asarray(x, dtype=float).ravel()
    f0 = np.asarray(F(x), dtype=float).ravel()
    J = np.zeros((f0.size, x.size))
    for k in range(x.size):
        step = np.zeros_like(x)
        step[k] = eps
        J[:, k] = (np.asarray(F(x + step), dtype=float).ravel()
                   - np.asarray(F(x - step), dtype=float).ravel()) / (2 * eps)
    return J
