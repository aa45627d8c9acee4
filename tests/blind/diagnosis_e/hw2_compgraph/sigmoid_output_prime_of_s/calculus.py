import numpy as np


def grad_f(x, y):
    # f = u^2, u = 2x + 3y ; df/du = 2u ; du/dx = 2, du/dy = 3
    u = 2.0 * x + 3.0 * y
    return 2.0 * u * np.array([2.0, 3.0])


def jacobian_F(x, y):
    J = np.empty((2, 2))
    J[0, 0] = 2.0 * x
    J[0, 1] = 2.0
    J[1, 0] = 3.0
    J[1, 1] = 8.0 * y
    return J


def G(x):
    x = float(x)
    return np.array([x, x * x])


def jacobian_FG(x):
    u, w = G(x)
    return jacobian_F(u, w).dot(np.array([1.0, 2.0 * float(x)]))


def numerical_gradient(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    flat = x.ravel().copy()
    g = np.empty_like(flat)
    for k in range(flat.size):
        up = flat.copy()
        up[k] += eps
        dn = flat.copy()
        dn[k] -= eps
        g[k] = (f(up.reshape(x.shape)) - f(dn.reshape(x.shape))) / (2.0 * eps)
    return g.reshape(x.shape)


def numerical_jacobian(F, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    cols = []
    for k in range(x.size):
        up = x.copy()
        up[k] += eps
        dn = x.copy()
        dn[k] -= eps
        cols.append((np.asarray(F(up), dtype=float) - np.asarray(F(dn), dtype=float)) / (2.0 * eps))
    return np.stack(cols, axis=1)
