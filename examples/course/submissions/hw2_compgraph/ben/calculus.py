"""Vector computational graphs: gradients, Jacobians and the chain rule (hw2_compgraph).

    f(x, y) = (2x + 3y)^2
    F(x, y) = [x^2 + 2y, 3x + 4y^2]
    G(x)    = [x, x^2]

and numerical (central-difference) gradients and Jacobians to check them with.
"""

import numpy as np


def grad_f(x, y):
    """Gradient [df/dx, df/dy] of f(x, y) = (2x + 3y)^2 at the point (x, y), shape (2,)."""
    s = 2 * x + 3 * y
    dfdx = 2 * s * 2
    dfdy = 2 * s * 3
    return np.array([dfdx, dfdy], dtype=float)


def jacobian_F(x, y):
    """Jacobian DF(x, y) of F(x, y) = [x^2 + 2y, 3x + 4y^2], shape (2, 2).

    Row i is the gradient of component i: DF[i, j] = dF_i / d(j-th variable).
    """
    row1 = [2 * x, 2]    # x^2 + 2y
    row2 = [3, 8 * y]    # 3x + 4y^2
    return np.array([row1, row2], dtype=float)


def G(x):
    """G(x) = [x, x^2] for a number x, shape (2,)."""
    result = np.zeros(2)
    result[0] = x
    result[1] = x * x
    return result


def jacobian_FG(x):
    """D(F o G)(x) by the chain rule DF(G(x)) . DG(x) for a number x, shape (2,)."""
    a, b = G(x)
    DF = jacobian_F(a, b)
    DG = np.array([[1.0], [2.0 * x]])   # a column: G has one input
    return (DF @ DG).ravel()


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of a scalar function f at the array x.

    Entry k is (f(x + eps e_k) - f(x - eps e_k)) / (2 eps), where e_k is 1 at
    position k and 0 elsewhere. x may have any shape; the result has its shape.
    """
    x = np.asarray(x, dtype=float)
    grad = []
    for k in range(x.size):
        x_plus = x.copy()
        x_minus = x.copy()
        x_plus.flat[k] += eps
        x_minus.flat[k] -= eps
        grad.append((f(x_plus) - f(x_minus)) / (2 * eps))
    return np.array(grad, dtype=float).reshape(x.shape)


def numerical_jacobian(F, x, eps=1e-6):
    """Central-difference Jacobian of a vector function F at the 1-D array x.

    Returns shape (len(F(x)), len(x)): column k is (F(x + eps e_k) - F(x - eps e_k)) / (2 eps).
    """
    x = np.asarray(x, dtype=float).flatten()
    n_out = len(np.atleast_1d(F(x)))
    J = np.zeros((n_out, len(x)))
    for k in range(len(x)):
        x_plus = x.copy()
        x_minus = x.copy()
        x_plus[k] += eps
        x_minus[k] -= eps
        J[:, k] = (np.atleast_1d(F(x_plus)) - np.atleast_1d(F(x_minus))) / (2 * eps)
    return J
