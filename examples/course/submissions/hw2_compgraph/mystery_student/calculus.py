"""Vector computational graphs: gradients, Jacobians and the chain rule (hw2_compgraph).

    f(x, y) = (2x + 3y)^2
    F(x, y) = [x^2 + 2y, 3x + 4y^2]
    G(x)    = [x, x^2]

and numerical (central-difference) gradients and Jacobians to check them with.
"""

import numpy as np


# The analytic parts first, worked out by hand on paper, then the numerical checks.


def grad_f(x, y):
    """Gradient [df/dx, df/dy] of f(x, y) = (2x + 3y)^2 at the point (x, y), shape (2,)."""
    # expanding: f = 4x^2 + 12xy + 9y^2, so df/dx = 8x + 12y and df/dy = 12x + 18y
    return np.array([8.0 * x + 12.0 * y, 12.0 * x + 18.0 * y])


def jacobian_F(x, y):
    """Jacobian DF(x, y) of F(x, y) = [x^2 + 2y, 3x + 4y^2], shape (2, 2).

    Row i is the gradient of component i: DF[i, j] = dF_i / d(j-th variable).
    """
    result = np.empty((2, 2))
    result[0] = [2.0 * x, 2.0]       # gradient of x^2 + 2y
    result[1] = [3.0, 8.0 * y]       # gradient of 3x + 4y^2
    return result


def G(x):
    """G(x) = [x, x^2] for a number x, shape (2,)."""
    value = float(x)
    return np.array([value, pow(value, 2)])


def jacobian_FG(x):
    """D(F o G)(x) by the chain rule DF(G(x)) . DG(x) for a number x, shape (2,)."""
    where = G(x)                              # the point at which DF is needed
    outer = jacobian_F(where[0], where[1])
    inner = [1.0, 2.0 * float(x)]             # DG(x), one column
    return np.array([outer[0, 0] * inner[0] + outer[0, 1] * inner[1],
                     outer[1, 0] * inner[0] + outer[1, 1] * inner[1]])


def _partials(func, point, eps):
    """Yield the central difference of func along each entry of point, in flat order."""
    flat = point.ravel()
    for position in range(flat.size):
        shift = np.zeros(flat.size)
        shift[position] = eps
        value_up = func((flat + shift).reshape(point.shape))
        value_down = func((flat - shift).reshape(point.shape))
        yield (value_up - value_down) / (2.0 * eps)


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of a scalar function f at the array x.

    Entry k is (f(x + eps e_k) - f(x - eps e_k)) / (2 eps), where e_k is 1 at
    position k and 0 elsewhere. x may have any shape; the result has its shape.
    """
    point = np.array(x, dtype=float)
    values = np.fromiter(_partials(f, point, eps), dtype=float, count=point.size)
    return values.reshape(point.shape)


def numerical_jacobian(F, x, eps=1e-6):
    """Central-difference Jacobian of a vector function F at the 1-D array x.

    Returns shape (len(F(x)), len(x)): column k is (F(x + eps e_k) - F(x - eps e_k)) / (2 eps).
    """
    point = np.array(x, dtype=float).ravel()
    columns = list(_partials(lambda p: np.ravel(np.asarray(F(p), dtype=float)), point, eps))
    return np.column_stack(columns)
