"""Vector computational graphs."""
import numpy as np


def grad_f(x, y):
    # f = u^2, u = 2x + 3y
    u = 2.0 * x + 3.0 * y
    du = np.array([2.0, 3.0])
    return 2.0 * u * du


def jacobian_F(x, y):
    J = np.empty((2, 2))
    J[0] = [2.0 * x, 2.0]
    J[1] = [3.0, 8.0 * y]
    return J


def G(x):
    return np.array([float(x), float(x) ** 2])


def jacobian_FG(x):
    gx = G(x)
    return jacobian_F(*gx) @ np.array([1.0, 2.0 * x])


def numerical_gradient(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    out = np.empty(x.shape)
    for idx in np.ndindex(x.shape):
        xp = x.copy()
        xm = x.copy()
        xp[idx] += eps
        xm[idx] -= eps
        out[idx] = (f(xp) - f(xm)) / (2.0 * eps)
    return out


def numerical_jacobian(F, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    cols = []
    for k in range(x.size):
        xp = x.copy()
        xm = x.copy()
        xp[k] += eps
        xm[k] -= eps
        cols.append((np.asarray(F(xp), dtype=float) - np.asarray(F(xm), dtype=float)) / (2.0 * eps))
    return np.stack(cols, axis=1)
