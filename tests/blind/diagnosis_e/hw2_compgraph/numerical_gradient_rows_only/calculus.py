import numpy as np


def grad_f(x, y):
    dfdx = 2 * (2 * x + 3 * y) * 2
    dfdy = 2 * (2 * x + 3 * y) * 3
    return np.array([dfdx, dfdy], dtype=float)


def jacobian_F(x, y):
    return np.array([[2 * x, 2],
                     [3, 8 * y]], dtype=float)


def G(x):
    return np.array([x, x ** 2], dtype=float)


def jacobian_FG(x):
    u = G(x)
    DF = jacobian_F(u[0], u[1])
    DG = np.array([1, 2 * x], dtype=float)
    return np.array([DF[0, 0] * DG[0] + DF[0, 1] * DG[1],
                     DF[1, 0] * DG[0] + DF[1, 1] * DG[1]])


def numerical_gradient(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    grad = np.zeros_like(x)
    for k in range(len(x)):
        e = np.zeros_like(x)
        e[k] = eps                       # e_k: eps at position k
        grad[k] = (f(x + e) - f(x - e)) / (2 * eps)
    return grad


def numerical_jacobian(F, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    n = len(x)
    m = len(F(x))
    J = np.zeros((m, n))
    for k in range(n):
        e = np.zeros_like(x)
        e[k] = eps
        diff = (np.asarray(F(x + e)) - np.asarray(F(x - e))) / (2 * eps)
        for i in range(m):
            J[i, k] = diff[i]
    return J
