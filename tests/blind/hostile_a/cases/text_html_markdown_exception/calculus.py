"""hw2_compgraph: gradients, Jacobians, the chain rule and central differences."""

import numpy as np


def grad_f(x, y):
    x = float(x)
    y = float(y)
    s = 2.0 * x + 3.0 * y
    return np.array([4.0 * s, 6.0 * s])


def jacobian_F(x, y):
    x = float(x)
    y = float(y)
    return np.array([[2.0 * x, 2.0], [3.0, 8.0 * y]])


def G(x):
    x = float(x)
    return np.array([x, x * x])


def jacobian_FG(x):
    x = float(x)
    g = G(x)
    DG = np.array([1.0, 2.0 * x])
    return jacobian_F(g[0], g[1]) @ DG


def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    flat = x.reshape(-1)
    g = grad.reshape(-1)
    for k in range(flat.size):
        old = flat[k]
        flat[k] = old + eps
        up = float(np.asarray(f(x.copy())))
        flat[k] = old - eps
        down = float(np.asarray(f(x.copy())))
        flat[k] = old
        g[k] = (up - down) / (2.0 * eps)
    return grad


def numerical_jacobian(F, x, eps=1e-6):
    x = np.array(x, dtype=float).reshape(-1)
    n_out = np.asarray(F(x.copy()), dtype=float).reshape(-1).size
    J = np.zeros((n_out, x.size))
    for k in range(x.size):
        old = x[k]
        x[k] = old + eps
        up = np.asarray(F(x.copy()), dtype=float).reshape(-1)
        x[k] = old - eps
        down = np.asarray(F(x.copy()), dtype=float).reshape(-1)
        x[k] = old
        J[:, k] = (up - down) / (2.0 * eps)
    return J
