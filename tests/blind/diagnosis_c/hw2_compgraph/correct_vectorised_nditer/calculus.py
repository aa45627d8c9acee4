"""Small vector calculus: analytic derivatives and central differences."""

import numpy as np


def grad_f(x, y):
    # f = (2x + 3y)^2 = (a . [x, y])^2 with a = [2, 3]; grad = 2 (a . p) a
    a = np.array([2.0, 3.0])
    p = np.array([x, y], dtype=float)
    return 2.0 * (a @ p) * a


def jacobian_F(x, y):
    x, y = float(x), float(y)
    return np.array([[2.0 * x, 2.0],
                     [3.0, 8.0 * y]])


def G(x):
    x = float(x)
    return np.array([x, x * x])


def jacobian_FG(x):
    u = G(x)
    DG = np.array([1.0, 2.0 * float(x)])
    return np.einsum("ij,j->i", jacobian_F(u[0], u[1]), DG)


def numerical_gradient(f, x, eps=1e-6):
    base = np.array(x, dtype=float)          # our own copy
    grad = np.empty_like(base)
    it = np.nditer(base, flags=["multi_index"])
    for _ in it:
        idx = it.multi_index
        up, down = base.copy(), base.copy()
        up[idx] += eps
        down[idx] -= eps
        grad[idx] = (float(f(up)) - float(f(down))) / (2.0 * eps)
    return grad


def numerical_jacobian(F, x, eps=1e-6):
    base = np.array(x, dtype=float).ravel()
    steps = eps * np.eye(base.size)
    cols = [(np.array(F(base + s), dtype=float).ravel() - np.array(F(base - s), dtype=float).ravel())
            / (2.0 * eps) for s in steps]
    return np.stack(cols, axis=-1)
