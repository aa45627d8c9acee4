"""Vector computational graphs: gradients, Jacobians and the chain rule (hw2_compgraph).

    f(x, y) = (2x + 3y)^2
    F(x, y) = [x^2 + 2y, 3x + 4y^2]
    G(x)    = [x, x^2]

and numerical (central-difference) gradients and Jacobians to check them with.
"""

import numpy as np


def grad_f(x, y):
    """Gradient [df/dx, df/dy] of f(x, y) = (2x + 3y)^2 at the point (x, y), shape (2,)."""
    outer = 2 * (2 * x + 3 * y)
    return np.array([outer * 2, outer * 3], float)


def jacobian_F(x, y):
    """Jacobian DF(x, y) of F(x, y) = [x^2 + 2y, 3x + 4y^2], shape (2, 2).

    Row i is the gradient of component i: DF[i, j] = dF_i / d(j-th variable).
    """
    J = np.array([[0.0, 2.0], [3.0, 0.0]])
    J[0][0] = 2 * x
    J[1][1] = 8 * y
    return J


def G(x):
    """G(x) = [x, x^2] for a number x, shape (2,)."""
    return np.array([1.0, float(x)]) * float(x)


def jacobian_FG(x):
    """D(F o G)(x) by the chain rule DF(G(x)) . DG(x) for a number x, shape (2,)."""
    g = G(x)
    dg = np.array([1, 2 * x], float)
    J = jacobian_F(g[0], g[1])
    return np.array([J[0] @ dg, J[1] @ dg])


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of a scalar function f at the array x.

    Entry k is (f(x + eps e_k) - f(x - eps e_k)) / (2 eps), where e_k is 1 at
    position k and 0 elsewhere. x may have any shape; the result has its shape.
    """
    pt = np.array(x, float)
    result = np.zeros_like(pt)
    for idx in np.ndindex(pt.shape):
        bump = np.zeros_like(pt)
        bump[idx] = eps
        result[idx] = (f(pt + bump) - f(pt - bump)) / (2 * eps)
    return result


def numerical_jacobian(F, x, eps=1e-6):
    """Central-difference Jacobian of a vector function F at the 1-D array x.

    Returns shape (len(F(x)), len(x)): column k is (F(x + eps e_k) - F(x - eps e_k)) / (2 eps).
    """
    pt = np.array(x, float).ravel()
    columns = []
    for idx in np.ndindex(pt.shape):
        bump = np.zeros_like(pt)
        bump[idx] = eps
        columns.append(np.ravel(F(pt + bump)) - np.ravel(F(pt - bump)))
    return np.array(columns).T / (2 * eps)
