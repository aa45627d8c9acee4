"""Vector computational graphs: gradients, Jacobians and the chain rule (hw2_compgraph).

    f(x, y) = (2x + 3y)^2
    F(x, y) = [x^2 + 2y, 3x + 4y^2]
    G(x)    = [x, x^2]

and numerical (central-difference) gradients and Jacobians to check them with.
"""

import numpy as np


def grad_f(x, y):
    """Gradient [df/dx, df/dy] of f(x, y) = (2x + 3y)^2 at the point (x, y), shape (2,)."""
    # d/dx = 2(2x + 3y) * 2 and d/dy = 2(2x + 3y) * 3
    return np.array([4.0, 6.0]) * (2 * x + 3 * y)


def jacobian_F(x, y):
    """Jacobian DF(x, y) of F(x, y) = [x^2 + 2y, 3x + 4y^2], shape (2, 2).

    Row i is the gradient of component i: DF[i, j] = dF_i / d(j-th variable).
    """
    # the diagonal depends on the point, the off-diagonal part is constant
    return np.diag([2.0 * x, 8.0 * y]) + np.array([[0.0, 2.0], [3.0, 0.0]])


def G(x):
    """G(x) = [x, x^2] for a number x, shape (2,)."""
    return np.power(float(x), [1, 2])


def jacobian_FG(x):
    """D(F o G)(x) by the chain rule DF(G(x)) . DG(x) for a number x, shape (2,)."""
    return np.dot(jacobian_F(*G(x)), np.array([1, 2 * x], dtype=float))


def _central(fun, x, direction, eps):
    """(fun(x + eps d) - fun(x - eps d)) / (2 eps) for one direction d."""
    ahead = np.asarray(fun(x + eps * direction), dtype=float)
    behind = np.asarray(fun(x - eps * direction), dtype=float)
    return (ahead - behind) / (2 * eps)


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of a scalar function f at the array x.

    Entry k is (f(x + eps e_k) - f(x - eps e_k)) / (2 eps), where e_k is 1 at
    position k and 0 elsewhere. x may have any shape; the result has its shape.
    """
    x = np.asarray(x, dtype=float)
    g = np.apply_along_axis(lambda d: _central(f, x, d.reshape(x.shape), eps), 1, np.eye(x.size))
    return g.reshape(x.shape)


def numerical_jacobian(F, x, eps=1e-6):
    """Central-difference Jacobian of a vector function F at the 1-D array x.

    Returns shape (len(F(x)), len(x)): column k is (F(x + eps e_k) - F(x - eps e_k)) / (2 eps).
    """
    x = np.asarray(x, dtype=float).ravel()
    # apply_along_axis gives one row per direction; the Jacobian wants them as columns
    per_direction = np.apply_along_axis(lambda d: np.ravel(_central(F, x, d, eps)), 1, np.eye(x.size))
    return per_direction.T
