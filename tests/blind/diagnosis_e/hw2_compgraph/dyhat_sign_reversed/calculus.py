import numpy as np


def grad_f(x, y):
    inner = 2 * x + 3 * y
    return np.array([2 * inner * 2, 2 * inner * 3], dtype=float)


def jacobian_F(x, y):
    return np.array([[2 * x, 2.0], [3.0, 8 * y]], dtype=float)


def G(x):
    return np.array([x, x ** 2], dtype=float)


def jacobian_FG(x):
    g = G(x)
    DF = jacobian_F(g[0], g[1])
    DG = np.array([1.0, 2 * x])
    return DF @ DG


def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    while not it.finished:
        idx = it.multi_index
        old = x[idx]
        x[idx] = old + eps
        fp = f(x)
        x[idx] = old - eps
        fm = f(x)
        x[idx] = old
        grad[idx] = (fp - fm) / (2 * eps)
        it.iternext()
    return grad


def numerical_jacobian(F, x, eps=1e-6):
    x = np.array(x, dtype=float)
    m = np.asarray(F(x)).size
    J = np.zeros((m, x.size))
    for k in range(x.size):
        e = np.zeros_like(x)
        e[k] = eps
        J[:, k] = (np.asarray(F(x + e), dtype=float) - np.asarray(F(x - e), dtype=float)) / (2 * eps)
    return J
