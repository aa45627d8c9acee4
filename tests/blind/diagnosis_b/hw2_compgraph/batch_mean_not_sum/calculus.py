"""HW2 - calculus.py: Jacobians and the chain rule, checked numerically."""

import numpy as np


def grad_f(x, y):
    """Gradient of f(x, y) = (2x + 3y)^2."""
    outer_derivative = 2.0 * (2.0 * x + 3.0 * y)
    inner_gradient = np.array([2.0, 3.0])
    return outer_derivative * inner_gradient


def jacobian_F(x, y):
    """Jacobian of F(x, y) = [x^2 + 2y, 3x + 4y^2]; row i = gradient of F_i."""
    gradient_F1 = [2.0 * x, 2.0]
    gradient_F2 = [3.0, 8.0 * y]
    return np.array([gradient_F1, gradient_F2], dtype=float)


def G(x):
    """G(x) = [x, x^2]."""
    return np.array([x, x * x], dtype=float)


def jacobian_FG(x):
    """D(F o G)(x) = DF(G(x)) DG(x)."""
    point = G(x)
    DF_at_point = jacobian_F(point[0], point[1])
    DG = np.array([1.0, 2.0 * x])
    return DF_at_point.dot(DG)


def numerical_gradient(f, x, eps=1e-6):
    """Central differences, one coordinate at a time."""
    x = np.asarray(x, dtype=float)
    gradient = np.zeros(x.shape)
    for index in np.ndindex(*x.shape):
        step = np.zeros(x.shape)
        step[index] = eps
        gradient[index] = (f(x + step) - f(x - step)) / (2.0 * eps)
    return gradient


def numerical_jacobian(F, x, eps=1e-6):
    """Central differences of a vector function: one column per input entry."""
    x = np.asarray(x, dtype=float)
    number_of_outputs = np.asarray(F(x)).size
    jacobian = np.zeros((number_of_outputs, x.size))
    for column in range(x.size):
        step = np.zeros(x.size)
        step[column] = eps
        forward_value = np.asarray(F(x + step), dtype=float).ravel()
        backward_value = np.asarray(F(x - step), dtype=float).ravel()
        jacobian[:, column] = (forward_value - backward_value) / (2.0 * eps)
    return jacobian
