import numpy as np

# f(x, y) = (2x + 3y)^2,  F(x, y) = [x^2 + 2y, 3x + 4y^2],  G(x) = [x, x^2]


def grad_f(x, y):
    u = 2.0 * x + 3.0 * y            # inner node
    df_du = 2.0 * u
    return df_du * np.array([2.0, 3.0])


def jacobian_F(x, y):
    return np.array([[2 * x, 2], [3, 8 * y]], dtype=float)


def G(x):
    x = float(x)
    return np.array([x, x ** 2])


def jacobian_FG(x):
    x = float(x)
    DF = jacobian_F(x, x)
    DG = np.array([[1.0], [2.0 * x]])
    return (DF @ DG).ravel()


def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    out = np.empty_like(x)
    for k in range(x.size):
        e = np.zeros(x.size)
        e[k] = eps
        e = e.reshape(x.shape)
        out.flat[k] = (f(x + e) - f(x - e)) / (2 * eps)
    return out


def numerical_jacobian(F, x, eps=1e-6):
    x = np.array(x, dtype=float).ravel()
    n = x.size
    E = np.eye(n) * eps
    cols = [(np.ravel(F(x + E[k])) - np.ravel(F(x - E[k]))) / (2 * eps) for k in range(n)]
    return np.column_stack(cols)
