import numpy as np


def grad_f(x, y):
    inner = 2 * x + 3 * y
    return np.array([2 * inner * 2, 2 * inner * 3], dtype=float)


def jacobian_F(x, y):
    return np.array([[2 * x, 2], [3, 8 * y]], dtype=float)


def G(x):
    return np.array([x, x ** 2], dtype=float)


def jacobian_FG(x):
    g = G(x)
    DF = jacobian_F(g[0], g[1])
    DG = np.array([1.0, 2 * x])
    return DF @ DG


def numerical_gradient(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    grad = np.zeros_like(x)
    flat = grad.reshape(-1)
    for k in range(x.size):
        e = np.zeros(x.size)
        e[k] = eps
        e = e.reshape(x.shape)
        flat[k] = (f(x + e) - f(x - e)) / (2 * eps)
    return grad


def numerical_jacobian(F, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    n = x.size
    m = np.asarray(F(x)).size
    J = np.zeros((m, n))
    for k in range(n):
        e = np.zeros(n)
        e[k] = eps
        J[:, k] = (np.asarray(F(x + e), dtype=float) - np.asarray(F(x - e), dtype=float)) / (2 * eps)
    return J
