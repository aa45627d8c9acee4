"""Vector computational graphs: gradients, Jacobians and the chain rule (hw2_compgraph).

    f(x, y) = (2x + 3y)^2
    F(x, y) = [x^2 + 2y, 3x + 4y^2]
    G(x)    = [x, x^2]

and numerical (central-difference) gradients and Jacobians to check them with.
"""

import numpy as np


def grad_f(x, y):
    """Gradient [df/dx, df/dy] of f(x, y) = (2x + 3y)^2 at the point (x, y), shape (2,)."""
    # BEGIN SOLUTION hint: see the handout, section 3 (Vector computational graphs)
    u = 2.0 * x + 3.0 * y
    return np.array([4.0 * u, 6.0 * u], dtype=float)
    # END SOLUTION


def jacobian_F(x, y):
    """Jacobian DF(x, y) of F(x, y) = [x^2 + 2y, 3x + 4y^2], shape (2, 2).

    Row i is the gradient of component i: DF[i, j] = dF_i / d(j-th variable).
    """
    # BEGIN SOLUTION hint: see the handout, section 3 (Vector computational graphs)
    return np.array([[2.0 * x, 2.0],
                     [3.0, 8.0 * y]], dtype=float)
    # END SOLUTION


def G(x):
    """G(x) = [x, x^2] for a number x, shape (2,)."""
    # BEGIN SOLUTION hint: see the handout, section 3 (Vector computational graphs); a length-2 array
    x = float(x)
    return np.array([x, x * x])
    # END SOLUTION


def jacobian_FG(x):
    """D(F o G)(x) by the chain rule DF(G(x)) . DG(x) for a number x, shape (2,)."""
    # BEGIN SOLUTION hint: see the handout, section 3 (Vector computational graphs): the chain rule for Jacobians
    x = float(x)
    u, w = G(x)
    return jacobian_F(u, w) @ np.array([1.0, 2.0 * x])
    # END SOLUTION


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of a scalar function f at the array x.

    Entry k is (f(x + eps e_k) - f(x - eps e_k)) / (2 eps), where e_k is 1 at
    position k and 0 elsewhere. x may have any shape; the result has its shape.
    """
    # BEGIN SOLUTION hint: see the handout, section 3 (Numerical differentiation)
    x = np.array(x, dtype=float)          # a copy: the caller's x is never changed
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for k in range(flat.size):
        old = flat[k]
        flat[k] = old + eps
        f_plus = float(f(x))
        flat[k] = old - eps
        f_minus = float(f(x))
        flat[k] = old
        gflat[k] = (f_plus - f_minus) / (2.0 * eps)
    return grad
    # END SOLUTION


def numerical_jacobian(F, x, eps=1e-6):
    """Central-difference Jacobian of a vector function F at the 1-D array x.

    Returns shape (len(F(x)), len(x)): column k is (F(x + eps e_k) - F(x - eps e_k)) / (2 eps).
    """
    # BEGIN SOLUTION hint: see the handout, section 3 (Numerical differentiation): one column per input entry
    x = np.array(x, dtype=float).reshape(-1)
    n_out = np.asarray(F(x), dtype=float).reshape(-1).size
    J = np.zeros((n_out, x.size))
    for k in range(x.size):
        old = x[k]
        x[k] = old + eps
        F_plus = np.array(F(x), dtype=float).reshape(-1)   # a copy: x changes next
        x[k] = old - eps
        F_minus = np.array(F(x), dtype=float).reshape(-1)
        x[k] = old
        J[:, k] = (F_plus - F_minus) / (2.0 * eps)
    return J
    # END SOLUTION
