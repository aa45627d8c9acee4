"""Gradients and Jacobians of small vector functions, chain rule, finite differences."""

import numpy as np


def grad_f(x, y):
    # f = u^2 with u = 2x + 3y: grad f = f'(u) * grad u
    u = 2.0 * x + 3.0 * y
    return 2.0 * u * np.array([2.0, 3.0])


def jacobian_F(x, y):
    x, y = float(x), float(y)
    return np.array([[2.0 * x, 2.0], [3.0, 8.0 * y]])


def G(x):
    x = float(x)
    return np.array([x, x * x])


def _DG(x):
    return np.array([1.0, 2.0 * float(x)])


def jacobian_FG(x):
    DF_at_G = jacobian_F(*G(x))
    return np.einsum("ij,j->i", DF_at_G, _DG(x))


def numerical_gradient(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    base = x.ravel()
    steps = np.eye(base.size) * eps
    diffs = [float(f((base + s).reshape(x.shape))) - float(f((base - s).reshape(x.shape))) for s in steps]
    return (np.array(diffs) / (2.0 * eps)).reshape(x.shape)


def numerical_jacobian(F, x, eps=1e-6):
    x = np.asarray(x, dtype=float).ravel()
    steps = np.eye(x.size) * eps
    rows = [(np.ravel(F(x + s)) - np.ravel(F(x - s))) / (2.0 * eps) for s in steps]
    return np.array(rows, dtype=float).T
