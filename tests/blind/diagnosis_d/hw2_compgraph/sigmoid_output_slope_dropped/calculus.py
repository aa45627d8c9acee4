import numpy as np


def grad_f(x, y):
    # f = u^2 with u = 2x + 3y: df/dx = 2u * 2, df/dy = 2u * 3
    u = 2.0 * x + 3.0 * y
    return np.array([4.0 * u, 6.0 * u])


def jacobian_F(x, y):
    J = np.zeros((2, 2))
    J[0, 0] = 2.0 * x
    J[0, 1] = 2.0
    J[1, 0] = 3.0
    J[1, 1] = 8.0 * y
    return J


def G(x):
    return np.array([float(x), float(x) ** 2])


def jacobian_FG(x):
    gx = G(x)
    dF = jacobian_F(gx[0], gx[1])
    dG = np.array([1.0, 2.0 * x])
    out = np.zeros(2)
    for i in range(2):
        for k in range(2):
            out[i] += dF[i, k] * dG[k]
    return out


def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        xp = x.copy()
        xm = x.copy()
        xp[idx] += eps
        xm[idx] -= eps
        g[idx] = (float(f(xp)) - float(f(xm))) / (2.0 * eps)
    return g


def numerical_jacobian(F, x, eps=1e-6):
    x = np.array(x, dtype=float)
    cols = []
    for k in range(x.shape[0]):
        xp = x.copy()
        xm = x.copy()
        xp[k] += eps
        xm[k] -= eps
        cols.append((np.asarray(F(xp), dtype=float) - np.asarray(F(xm), dtype=float)) / (2.0 * eps))
    return np.stack(cols, axis=1)
