import numpy as np


def grad_f(x, y):
    # chain rule: f = g^2, g = 2x + 3y
    g = 2.0 * x + 3.0 * y
    dg = np.array([2.0, 3.0])
    return 2.0 * g * dg


def jacobian_F(x, y):
    row1 = [2.0 * x, 2.0]        # grad of x^2 + 2y
    row2 = [3.0, 8.0 * y]        # grad of 3x + 4y^2
    return np.array([row1, row2])


def G(x):
    return np.array([1.0 * x, 1.0 * x * x])


def jacobian_FG(x):
    g = G(x)
    return jacobian_F(*g) @ np.array([1.0, 2.0 * x])


def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    flat = x.ravel()
    grad = np.zeros(flat.shape)
    for k in range(flat.size):
        plus = flat.copy()
        minus = flat.copy()
        plus[k] += eps
        minus[k] -= eps
        grad[k] = (f(plus.reshape(x.shape)) - f(minus.reshape(x.shape))) / (2.0 * eps)
    return grad.reshape(x.shape)


def numerical_jacobian(F, x, eps=1e-6):
    x = np.array(x, dtype=float)
    J = None
    for k in range(x.size):
        plus = x.copy()
        minus = x.copy()
        plus[k] += eps
        minus[k] -= eps
        col = (np.asarray(F(plus), dtype=float) - np.asarray(F(minus), dtype=float)) / (2.0 * eps)
        if J is None:
            J = np.zeros((col.size, x.size))
        J[:, k] = col
    return J
