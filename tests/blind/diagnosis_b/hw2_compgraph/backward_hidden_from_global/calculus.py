"""Vector computational graphs: gradients, Jacobians and the chain rule."""

import numpy as np


def grad_f(x, y):
    # f = u^2 with u = 2x + 3y -> df/dx = 2u * 2, df/dy = 2u * 3
    u = 2.0 * x + 3.0 * y
    return np.array([4.0 * u, 6.0 * u])


def jacobian_F(x, y):
    # F1 = x^2 + 2y, F2 = 3x + 4y^2
    return np.array([[2.0 * x, 2.0],
                     [3.0, 8.0 * y]])


def G(x):
    return np.array([x, x ** 2], dtype=float)


def jacobian_FG(x):
    g = G(x)
    DF = jacobian_F(g[0], g[1])
    DG = np.array([1.0, 2.0 * x])
    return DF @ DG


def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for k in range(x.size):
        e_k = np.zeros_like(x)
        e_k.flat[k] = eps
        grad.flat[k] = (f(x + e_k) - f(x - e_k)) / (2.0 * eps)
    return grad


def numerical_jacobian(F, x, eps=1e-6):
    x = np.array(x, dtype=float)
    m = np.asarray(F(x)).size
    J = np.zeros((m, x.size))
    for k in range(x.size):
        e_k = np.zeros_like(x)
        e_k[k] = eps
        J[:, k] = (np.asarray(F(x + e_k), dtype=float) - np.asarray(F(x - e_k), dtype=float)) / (2.0 * eps)
    return J
