"""Vector computational graphs: gradients, Jacobians and the chain rule (hw2_compgraph).

    f(x, y) = (2x + 3y)^2
    F(x, y) = [x^2 + 2y, 3x + 4y^2]
    G(x)    = [x, x^2]

and numerical (central-difference) gradients and Jacobians to check them with.
"""

import numpy as np


def grad_f(x, y):
    """Gradient [df/dx, df/dy] of f(x, y) = (2x + 3y)^2 at the point (x, y), shape (2,)."""
    coeffs = np.array([2.0, 3.0])
    u = coeffs @ np.array([x, y], dtype=np.float64)
    return 2 * u * coeffs


def jacobian_F(x, y):
    """Jacobian DF(x, y) of F(x, y) = [x^2 + 2y, 3x + 4y^2], shape (2, 2).

    Row i is the gradient of component i: DF[i, j] = dF_i / d(j-th variable).
    """
    dF1 = (2 * x, 2)
    dF2 = (3, 8 * y)
    return np.asarray((dF1, dF2), dtype=np.float64)


def G(x):
    """G(x) = [x, x^2] for a number x, shape (2,)."""
    x = np.float64(x)
    return np.array((x, x * x))


def jacobian_FG(x):
    """D(F o G)(x) by the chain rule DF(G(x)) . DG(x) for a number x, shape (2,)."""
    outer = jacobian_F(*G(x))
    inner = np.array((1.0, 2.0 * x))
    return np.matmul(outer, inner)


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of a scalar function f at the array x.

    Entry k is (f(x + eps e_k) - f(x - eps e_k)) / (2 eps), where e_k is 1 at
    position k and 0 elsewhere. x may have any shape; the result has its shape.
    """
    x = np.asarray(x, dtype=np.float64)
    base = f(x)
    flat = x.ravel()
    grad = np.zeros(flat.size)
    for k, _ in enumerate(flat):
        moved = flat.copy()
        moved[k] = moved[k] + eps
        grad[k] = (f(moved.reshape(x.shape)) - base) / eps
    return grad.reshape(x.shape)


def numerical_jacobian(F, x, eps=1e-6):
    """Central-difference Jacobian of a vector function F at the 1-D array x.

    Returns shape (len(F(x)), len(x)): column k is (F(x + eps e_k) - F(x - eps e_k)) / (2 eps).
    """
    x = np.asarray(x, dtype=np.float64).ravel()
    base = np.ravel(F(x)).astype(np.float64)
    J = np.empty((base.size, x.size))
    for k, _ in enumerate(x):
        moved = x.copy()
        moved[k] = moved[k] + eps
        J[:, k] = (np.ravel(F(moved)) - base) / eps
    return J
