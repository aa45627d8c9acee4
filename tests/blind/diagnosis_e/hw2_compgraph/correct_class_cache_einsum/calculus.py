"""Vector calculus by hand, checked by central differences."""
import numpy as np


def grad_f(x, y):
    x, y = float(x), float(y)
    outer = 2.0 * (2.0 * x + 3.0 * y)          # d(u^2)/du
    return outer * np.array([2.0, 3.0])        # du/d(x, y)


def jacobian_F(x, y):
    x, y = float(x), float(y)
    return np.array([[2.0 * x, 2.0],
                     [3.0, 8.0 * y]])


def G(x):
    x = float(x)
    return np.array([x, x ** 2])


def jacobian_FG(x):
    DG = np.array([[1.0], [2.0 * float(x)]])    # (2, 1)
    return np.einsum("ij,jk->ik", jacobian_F(*G(x)), DG)[:, 0]


def _central(fun, x, eps):
    """Yield (flat index, central difference) for every entry of x."""
    base = np.array(x, dtype=float)
    for k in range(base.size):
        step = np.zeros(base.size)
        step[k] = eps
        step = step.reshape(base.shape)
        plus = np.asarray(fun(base + step), dtype=float)
        minus = np.asarray(fun(base - step), dtype=float)
        yield k, (plus - minus) / (2.0 * eps)


def numerical_gradient(f, x, eps=1e-6):
    shape = np.shape(x)
    g = np.zeros(int(np.prod(shape)))
    for k, d in _central(f, x, eps):
        g[k] = float(d)
    return g.reshape(shape)


def numerical_jacobian(F, x, eps=1e-6):
    cols = [d.ravel() for _, d in _central(F, np.asarray(x, dtype=float).ravel(), eps)]
    return np.stack(cols, axis=1)
