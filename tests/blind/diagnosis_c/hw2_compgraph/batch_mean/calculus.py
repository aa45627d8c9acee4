import numpy as np


def grad_f(x, y):
    s = 2 * x + 3 * y
    return np.array([4.0 * s, 6.0 * s])


def jacobian_F(x, y):
    return np.array([[2.0 * x, 2.0],
                     [3.0, 8.0 * y]])


def G(x):
    return np.array([x, x * x], dtype=float)


def jacobian_FG(x):
    u, w = G(x)
    DF = jacobian_F(u, w)
    DG = np.array([[1.0], [2.0 * x]])
    return (DF @ DG).ravel()


def numerical_gradient(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    flat = x.ravel()
    g = np.zeros(flat.size)
    for k in range(flat.size):
        step = np.zeros(flat.size)
        step[k] = eps
        g[k] = (f((flat + step).reshape(x.shape)) - f((flat - step).reshape(x.shape))) / (2 * eps)
    return g.reshape(x.shape)


def numerical_jacobian(F, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    n = x.size
    rows = np.asarray(F(x)).size
    J = np.zeros((rows, n))
    for k in range(n):
        step = np.zeros(n)
        step[k] = eps
        J[:, k] = (np.ravel(F(x + step)) - np.ravel(F(x - step))) / (2 * eps)
    return J
