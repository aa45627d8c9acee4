import numpy as np


def grad_f(x, y):
    s = 2 * x + 3 * y
    return np.array([4 * s, 6 * s], dtype=float)


def jacobian_F(x, y):
    return np.array([[2 * x, 2],
                     [3, 8 * y]], dtype=float)


def G(x):
    return np.array([x, x ** 2], dtype=float)


def jacobian_FG(x):
    DG = np.array([1, 2 * x], dtype=float)
    return jacobian_F(*G(x)) @ DG


def numerical_gradient(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(*x.shape):
        xp = x.copy()
        xp[idx] += eps
        xm = x.copy()
        xm[idx] -= eps
        g[idx] = (f(xp) - f(xm)) / (2 * eps)
    return g


def numerical_jacobian(F, x, eps=1e-6):
    x = np.array(x, dtype=float)       # my own copy to perturb
    n = x.shape[0]
    m = np.asarray(F(x)).shape[0]
    J = np.zeros((m, n))
    for k in range(n):
        x[k] += eps
        Fp = np.asarray(F(x), dtype=float)
        x[k] -= 2 * eps
        Fm = np.asarray(F(x), dtype=float)
        J[:, k] = (Fp - Fm) / (2 * eps)
    return J
