"""Vector computational graphs: gradients, Jacobians and the chain rule (hw2_compgraph).

    f(x, y) = (2x + 3y)^2
    F(x, y) = [x^2 + 2y, 3x + 4y^2]
    G(x)    = [x, x^2]

and numerical (central-difference) gradients and Jacobians to check them with.
"""

import numpy as np


def grad_f(x, y):
    """Gradient [df/dx, df/dy] of f(x, y) = (2x + 3y)^2 at the point (x, y), shape (2,)."""
    # f = u^2 with u = 2x + 3y, so df = 2u du and du = (2, 3)
    two_u = 2.0 * (2 * x + 3 * y)
    return np.multiply(two_u, [2.0, 3.0])


def jacobian_F(x, y):
    """Jacobian DF(x, y) of F(x, y) = [x^2 + 2y, 3x + 4y^2], shape (2, 2).

    Row i is the gradient of component i: DF[i, j] = dF_i / d(j-th variable).
    """
    first = np.array([2.0 * x, 2.0])
    second = np.array([3.0, 8.0 * y])
    return np.vstack([first, second])


def G(x):
    """G(x) = [x, x^2] for a number x, shape (2,)."""
    return np.array([float(x), float(x) ** 2])


def jacobian_FG(x):
    """D(F o G)(x) by the chain rule DF(G(x)) . DG(x) for a number x, shape (2,)."""
    u, w = G(x)
    DG = np.array([1.0, 2.0 * x])
    return jacobian_F(u, w).dot(DG)


def _bump(x, k, h):
    # a copy of x with entry k (counted in the flattened array) moved by h
    moved = x.ravel().copy()
    moved[k] += h
    return moved.reshape(x.shape)


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of a scalar function f at the array x.

    Entry k is (f(x + eps e_k) - f(x - eps e_k)) / (2 eps), where e_k is 1 at
    position k and 0 elsewhere. x may have any shape; the result has its shape.
    """
    x = np.asarray(x).astype(float)
    diffs = [f(_bump(x, k, eps)) - f(_bump(x, k, -eps)) for k in range(x.size)]
    return np.reshape(diffs, x.shape) / (2 * eps)


def numerical_jacobian(F, x, eps=1e-6):
    """Central-difference Jacobian of a vector function F at the 1-D array x.

    Returns shape (len(F(x)), len(x)): column k is (F(x + eps e_k) - F(x - eps e_k)) / (2 eps).
    """
    x = np.asarray(x).astype(float).ravel()
    rows = [np.ravel(F(_bump(x, k, eps))) - np.ravel(F(_bump(x, k, -eps))) for k in range(x.size)]
    return np.transpose(rows) / (2 * eps)
