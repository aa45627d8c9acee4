"""Vector computational graphs: gradients, Jacobians and the chain rule (hw2_compgraph).

    f(x, y) = (2x + 3y)^2
    F(x, y) = [x^2 + 2y, 3x + 4y^2]
    G(x)    = [x, x^2]

and numerical (central-difference) gradients and Jacobians to check them with.
"""

import numpy as np


def G(x):
    """G(x) = [x, x^2] for a number x, shape (2,)."""
    return np.array([x, x ** 2], dtype=float)

def numerical_jacobian(F, x, eps=1e-6):
    """Central-difference Jacobian of a vector function F at the 1-D array x.

    Returns shape (len(F(x)), len(x)): column k is (F(x + eps e_k) - F(x - eps e_k)) / (2 eps).
    """
    pt = np.asarray(x, dtype=float).ravel()
    columns = []
    for unit_vec in np.eye(pt.size):
        up = np.asarray(F(pt + eps * unit_vec), dtype=float).ravel()
        down = np.asarray(F(pt - eps * unit_vec), dtype=float).ravel()
        columns.append((up - down) / (2 * eps))
    return np.stack(columns, axis=1)

def jacobian_F(x, y):
    """Jacobian DF(x, y) of F(x, y) = [x^2 + 2y, 3x + 4y^2], shape (2, 2).

    Row i is the gradient of component i: DF[i, j] = dF_i / d(j-th variable).
    """
    jac = np.zeros((2, 2))
    jac[0, 0] = 2.0 * x
    jac[0, 1] = 2.0
    jac[1, 0] = 3.0
    jac[1, 1] = 8.0 * y
    return jac

def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of a scalar function f at the array x.

    Entry k is (f(x + eps e_k) - f(x - eps e_k)) / (2 eps), where e_k is 1 at
    position k and 0 elsewhere. x may have any shape; the result has its shape.
    """
    pt = np.asarray(x, dtype=float)
    res = np.empty(pt.size)
    for idx, unit_vec in enumerate(np.eye(pt.size)):
        delta = eps * unit_vec.reshape(pt.shape)
        res[idx] = (f(pt + delta) - f(pt - delta)) / (2 * eps)
    return res.reshape(pt.shape)

def grad_f(x, y):
    """Gradient [df/dx, df/dy] of f(x, y) = (2x + 3y)^2 at the point (x, y), shape (2,)."""
    lin_comb = 2 * x + 3 * y
    return 2.0 * lin_comb * np.array([2.0, 3.0])

def jacobian_FG(x):
    """D(F o G)(x) by the chain rule DF(G(x)) . DG(x) for a number x, shape (2,)."""
    dg = np.array([1.0, 2.0 * x])
    return jacobian_F(*G(x)) @ dg
