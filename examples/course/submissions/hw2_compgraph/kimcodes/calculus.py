"""Vector computational graphs: gradients, Jacobians and the chain rule (hw2_compgraph).

    f(x, y) = (2x + 3y)^2
    F(x, y) = [x^2 + 2y, 3x + 4y^2]
    G(x)    = [x, x^2]

and numerical (central-difference) gradients and Jacobians to check them with.
"""

import numpy as np


def grad_f(x, y):
    """Gradient [df/dx, df/dy] of f(x, y) = (2x + 3y)^2 at the point (x, y), shape (2,)."""
    return 2 * (2 * x + 3 * y) * np.array([2., 3.])


def jacobian_F(x, y):
    """Jacobian DF(x, y) of F(x, y) = [x^2 + 2y, 3x + 4y^2], shape (2, 2).

    Row i is the gradient of component i: DF[i, j] = dF_i / d(j-th variable).
    """
    return np.array([[2. * x, 2.], [3., 8. * y]])


def G(x):
    """G(x) = [x, x^2] for a number x, shape (2,)."""
    return np.array([x, x * x], float)


def jacobian_FG(x):
    """D(F o G)(x) by the chain rule DF(G(x)) . DG(x) for a number x, shape (2,)."""
    return jacobian_F(*G(x)) @ [1., 2. * x]


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of a scalar function f at the array x.

    Entry k is (f(x + eps e_k) - f(x - eps e_k)) / (2 eps), where e_k is 1 at
    position k and 0 elsewhere. x may have any shape; the result has its shape.
    """
    x = np.asarray(x, float)
    steps = eps * np.eye(x.size).reshape((x.size,) + x.shape)   # steps[k] = eps * e_k, shaped like x
    return np.array([f(x + s) - f(x - s) for s in steps]).reshape(x.shape) / (2 * eps)


def numerical_jacobian(F, x, eps=1e-6):
    """Central-difference Jacobian of a vector function F at the 1-D array x.

    Returns shape (len(F(x)), len(x)): column k is (F(x + eps e_k) - F(x - eps e_k)) / (2 eps).
    """
    x = np.ravel(np.asarray(x, float))
    return np.stack([np.ravel(F(x + s)) - np.ravel(F(x - s)) for s in eps * np.eye(x.size)], axis=-1) / (2 * eps)
