"""Vector computational graphs: gradients, Jacobians and the chain rule (hw2_compgraph).

    f(x, y) = (2x + 3y)^2
    F(x, y) = [x^2 + 2y, 3x + 4y^2]
    G(x)    = [x, x^2]

and numerical (central-difference) gradients and Jacobians to check them with.
"""

import numpy as np


def grad_f(x, y):
    """Gradient [df/dx, df/dy] of f(x, y) = (2x + 3y)^2 at the point (x, y), shape (2,)."""
    inner = 2 * x + 3 * y
    # outer derivative 2 * inner, times the gradient (2, 3) of the inner sum
    return 2.0 * inner * np.array([2.0, 3.0])


def jacobian_F(x, y):
    """Jacobian DF(x, y) of F(x, y) = [x^2 + 2y, 3x + 4y^2], shape (2, 2).

    Row i is the gradient of component i: DF[i, j] = dF_i / d(j-th variable).
    """
    J = np.zeros((2, 2))
    J[0, 0] = 2.0 * x
    J[0, 1] = 2.0
    J[1, 0] = 3.0
    J[1, 1] = 8.0 * y
    return J


def G(x):
    """G(x) = [x, x^2] for a number x, shape (2,)."""
    return np.array([x, x ** 2], dtype=float)


def jacobian_FG(x):
    """D(F o G)(x) by the chain rule DF(G(x)) . DG(x) for a number x, shape (2,)."""
    dG = np.array([1.0, 2.0 * x])
    # DF has to be taken where G lands, not at (x, x)
    return jacobian_F(*G(x)) @ dG


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of a scalar function f at the array x.

    Entry k is (f(x + eps e_k) - f(x - eps e_k)) / (2 eps), where e_k is 1 at
    position k and 0 elsewhere. x may have any shape; the result has its shape.
    """
    x = np.asarray(x, dtype=float)
    out = np.empty(x.size)
    for k, e in enumerate(np.eye(x.size)):
        step = eps * e.reshape(x.shape)
        out[k] = (f(x + step) - f(x - step)) / (2 * eps)
    return out.reshape(x.shape)


def numerical_jacobian(F, x, eps=1e-6):
    """Central-difference Jacobian of a vector function F at the 1-D array x.

    Returns shape (len(F(x)), len(x)): column k is (F(x + eps e_k) - F(x - eps e_k)) / (2 eps).
    """
    x = np.asarray(x, dtype=float).ravel()
    cols = []
    for e in np.eye(x.size):
        hi = np.asarray(F(x + eps * e), dtype=float).ravel()
        lo = np.asarray(F(x - eps * e), dtype=float).ravel()
        cols.append((hi - lo) / (2 * eps))
    return np.stack(cols, axis=1)
