import numpy as np


def grad_f(x, y):
    return np.array([4 * (2 * x + 3 * y), 6 * (2 * x + 3 * y)], dtype=float)


def jacobian_F(x, y):
    return np.array([[2 * x, 2.0], [3.0, 8 * y]], dtype=float)


def G(x):
    return np.array([x, x ** 2], dtype=float)


def jacobian_FG(x):
    a, b = G(x)
    return np.matmul(jacobian_F(a, b), np.array([1.0, 2 * x]))


def numerical_gradient(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    grad = np.zeros(len(x))
    for k in range(len(x)):
        e_k = np.zeros(len(x))
        e_k[k] = 1.0
        grad[k] = (f(x + eps * e_k) - f(x - eps * e_k)) / (2 * eps)
    return grad


def numerical_jacobian(F, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    n = len(x)
    m = len(np.atleast_1d(F(x)))
    J = np.zeros((m, n))
    for k in range(n):
        e_k = np.zeros(n)
        e_k[k] = 1.0
        J[:, k] = (np.atleast_1d(F(x + eps * e_k)) - np.atleast_1d(F(x - eps * e_k))) / (2 * eps)
    return J
