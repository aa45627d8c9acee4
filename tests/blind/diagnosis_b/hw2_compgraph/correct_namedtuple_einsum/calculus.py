"""hw2 calculus: the analytic derivatives and central differences built
from the rows of an identity matrix."""

import numpy as np


def grad_f(x, y):
    return 2.0 * (2.0 * x + 3.0 * y) * np.array([2.0, 3.0])


def jacobian_F(x, y):
    return np.array([[2.0 * x, 2.0],
                     [3.0, 8.0 * y]])


def G(x):
    return np.power(float(x), [1.0, 2.0])


def _DG(x):
    return np.array([1.0, 2.0 * x])


def jacobian_FG(x):
    return np.einsum("ij,j->i", jacobian_F(*G(x)), _DG(x))


def numerical_gradient(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    steps = eps * np.eye(x.size).reshape((x.size,) + x.shape)
    diffs = [f(x + s) - f(x - s) for s in steps]
    return (np.array(diffs, dtype=float) / (2.0 * eps)).reshape(x.shape)


def numerical_jacobian(F, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    steps = eps * np.eye(x.size)
    cols = [np.ravel(F(x + s)) - np.ravel(F(x - s)) for s in steps]
    return np.column_stack(cols).astype(float) / (2.0 * eps)
