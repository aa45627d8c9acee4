import numpy as np

# ---- hw2: vector computational graphs ----


def grad_f(x, y):
    t = 2.0 * x + 3.0 * y
    return np.array([4.0 * t, 6.0 * t])


def jacobian_F(x, y):
    return np.array([[2.0 * x, 2.0], [3.0, 8.0 * y]])


def G(x):
    return np.array([float(x), float(x) ** 2])


def jacobian_FG(x):
    g1, g2 = G(x)
    return jacobian_F(g1, g2).dot(np.array([1.0, 2.0 * x]))


def numerical_gradient(f, x, eps=1e-6):
    x = np.asarray(x, float)
    flat = x.ravel()
    g = np.zeros(flat.size)
    for k in range(flat.size):
        xp = flat.copy()
        xm = flat.copy()
        xp[k] += eps
        xm[k] -= eps
        g[k] = (f(xp.reshape(x.shape)) - f(xm.reshape(x.shape))) / (2.0 * eps)
    return g.reshape(x.shape)


def numerical_jacobian(F, x, eps=1e-6):
    x = np.asarray(x, float)
    n = x.size
    cols = []
    for k in range(n):
        h = np.zeros(n)
        h[k] = eps
        cols.append((np.asarray(F(x + h), float) - np.asarray(F(x - h), float)) / (2.0 * eps))
    return np.array(cols).T
