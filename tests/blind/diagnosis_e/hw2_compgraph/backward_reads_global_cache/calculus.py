import numpy as np


def grad_f(x, y):
    s = 2 * x + 3 * y
    return np.array([4.0 * s, 6.0 * s])


def jacobian_F(x, y):
    return np.array([[2.0 * x, 2.0],
                     [3.0, 8.0 * y]])


def G(x):
    return np.array([x, x ** 2], dtype=float)


def jacobian_FG(x):
    gx = G(x)
    DG = np.array([[1.0], [2.0 * x]])
    return (jacobian_F(*gx) @ DG).ravel()


def numerical_gradient(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    g = np.zeros(x.shape)
    for idx in np.ndindex(*x.shape):
        e = np.zeros(x.shape)
        e[idx] = eps
        g[idx] = (f(x + e) - f(x - e)) / (2 * eps)
    return g


def numerical_jacobian(F, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    n = x.shape[0]
    rows = np.asarray(F(x)).shape[0]
    J = np.zeros((rows, n))
    for k in range(n):
        e = np.zeros(n)
        e[k] = eps
        J[:, k] = (np.asarray(F(x + e)) - np.asarray(F(x - e))) / (2 * eps)
    return J
