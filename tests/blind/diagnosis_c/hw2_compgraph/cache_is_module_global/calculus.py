import numpy as np


def grad_f(x, y):
    return np.array([2 * (2 * x + 3 * y) * 2, 2 * (2 * x + 3 * y) * 3], dtype=float)


def jacobian_F(x, y):
    return np.array([[2 * x, 2], [3, 8 * y]], dtype=float)


def G(x):
    return np.array([x, x ** 2], dtype=float)


def jacobian_FG(x):
    gx = G(x)
    DF = jacobian_F(gx[0], gx[1])
    DG = np.array([1, 2 * x], dtype=float)
    return np.array([DF[0, 0] * DG[0] + DF[0, 1] * DG[1],
                     DF[1, 0] * DG[0] + DF[1, 1] * DG[1]])


def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        orig = x[i]
        x[i] = orig + eps
        fp = f(x)
        x[i] = orig - eps
        fm = f(x)
        x[i] = orig
        g[i] = (fp - fm) / (2 * eps)
    return g


def numerical_jacobian(F, x, eps=1e-6):
    x = np.array(x, dtype=float)
    fx = np.asarray(F(x), dtype=float)
    J = np.zeros((fx.size, x.size))
    for k in range(x.size):
        orig = x[k]
        x[k] = orig + eps
        fp = np.array(F(x), dtype=float).ravel()
        x[k] = orig - eps
        fm = np.array(F(x), dtype=float).ravel()
        x[k] = orig
        J[:, k] = (fp - fm) / (2 * eps)
    return J
