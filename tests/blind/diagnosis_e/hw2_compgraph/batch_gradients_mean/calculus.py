import numpy as np


def f(x, y):
    return (2 * x + 3 * y) ** 2


def F(x, y):
    return np.array([x ** 2 + 2 * y, 3 * x + 4 * y ** 2], dtype=float)


def grad_f(x, y):
    return np.array([2 * (2 * x + 3 * y) * 2, 2 * (2 * x + 3 * y) * 3], dtype=float)


def jacobian_F(x, y):
    return np.array([[2 * x, 2], [3, 8 * y]], dtype=float)


def G(x):
    return np.array([x, x * x], dtype=float)


def jacobian_FG(x):
    DG = np.array([1.0, 2.0 * x])
    return jacobian_F(*G(x)) @ DG


def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    out = np.zeros(x.size)
    base = x.reshape(-1)
    for k in range(base.size):
        xp = base.copy(); xp[k] += eps
        xm = base.copy(); xm[k] -= eps
        out[k] = (f(xp.reshape(x.shape)) - f(xm.reshape(x.shape))) / (2 * eps)
    return out.reshape(x.shape)


def numerical_jacobian(F, x, eps=1e-6):
    x = np.array(x, dtype=float)
    I = np.eye(x.size) * eps
    return np.column_stack([(np.asarray(F(x + I[k]), dtype=float) - np.asarray(F(x - I[k]), dtype=float)) / (2 * eps)
                            for k in range(x.size)])
