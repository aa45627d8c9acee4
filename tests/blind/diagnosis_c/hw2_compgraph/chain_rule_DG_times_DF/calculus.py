import numpy as np


def grad_f(x, y):
    x, y = float(x), float(y)
    return np.array([4 * (2 * x + 3 * y), 6 * (2 * x + 3 * y)])


def jacobian_F(x, y):
    x, y = float(x), float(y)
    return np.array([[2 * x, 2], [3, 8 * y]], dtype=float)


def G(x):
    x = float(x)
    return np.array([x, x ** 2])


def DG(x):
    return np.array([1.0, 2 * float(x)])


def jacobian_FG(x):
    # chain rule: first G, then F
    g = G(x)
    return np.dot(DG(x), jacobian_F(g[0], g[1]))


def numerical_gradient(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    grad = np.zeros(x.shape)
    it = np.ndindex(*x.shape)
    for idx in it:
        old = x[idx]
        xp = np.array(x)
        xp[idx] = old + eps
        xm = np.array(x)
        xm[idx] = old - eps
        grad[idx] = (f(xp) - f(xm)) / (2 * eps)
    return grad


def numerical_jacobian(F, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    out = [np.asarray(F(x + eps * e), dtype=float) - np.asarray(F(x - eps * e), dtype=float)
           for e in np.eye(x.size)]
    return np.array(out).T / (2 * eps)
