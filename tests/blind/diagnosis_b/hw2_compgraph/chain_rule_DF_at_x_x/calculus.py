# hw2_compgraph / calculus.py

import numpy as np


def grad_f(x, y):
    # f(x, y) = (2x + 3y)^2
    return np.array([4 * (2 * x + 3 * y), 6 * (2 * x + 3 * y)], dtype=float)


def jacobian_F(x, y):
    # F(x, y) = [x^2 + 2y, 3x + 4y^2]
    return np.array([[2 * x, 2],
                     [3, 8 * y]], dtype=float)


def G(x):
    return np.array([x, x ** 2], dtype=float)


def jacobian_FG(x):
    # chain rule: D(F o G)(x) = DF . DG(x),  DG(x) = [1, 2x]
    DF = jacobian_F(x, x)
    DG = np.array([1, 2 * x], dtype=float)
    return DF @ DG


def numerical_gradient(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    out = np.zeros_like(x)
    flat = out.reshape(-1)
    for k in range(x.size):
        e = np.zeros(x.size)
        e[k] = eps
        e = e.reshape(x.shape)
        flat[k] = (f(x + e) - f(x - e)) / (2 * eps)
    return out


def numerical_jacobian(F, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    rows = len(F(x))
    J = np.zeros((rows, len(x)))
    for k in range(len(x)):
        e = np.zeros(len(x))
        e[k] = eps
        J[:, k] = (np.asarray(F(x + e)) - np.asarray(F(x - e))) / (2 * eps)
    return J
