"""The honest hw2_compgraph implementation shared by every case that keeps its score
(written from assignments.md and the starter's handout), as source blocks."""

HONEST_CG = r'''
def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    """Forward pass for one example: returns (y_hat, cache)."""
    x = np.asarray(x, dtype=float).reshape(2)
    W = np.asarray(W, dtype=float).reshape(3, 3)
    v = np.asarray(v, dtype=float).reshape(4)
    z = W[:, 0] + W[:, 1] * x[0] + W[:, 2] * x[1]
    f = sigmoid(z)
    y_hat = float(v[0] + np.dot(v[1:], f))
    cache = {"x": x.copy(), "v": v.copy(), "f": np.array(f, dtype=float), "y_hat": y_hat}
    return y_hat, cache


def loss(y_hat, y):
    """Squared error (y_hat - y)^2 of one example, a float."""
    d = float(np.asarray(y_hat, dtype=float).reshape(())) - float(np.asarray(y, dtype=float).reshape(()))
    return float(d * d)


def backward(y, cache):
    """Gradient of L = (y_hat - y)^2 for the example whose forward returned cache: (dW, dv)."""
    x, v, f, y_hat = cache["x"], cache["v"], cache["f"], cache["y_hat"]
    d = 2.0 * (y_hat - float(np.asarray(y, dtype=float).reshape(())))
    dv = d * np.concatenate(([1.0], f))
    dz = d * v[1:] * f * (1.0 - f)
    dW = np.outer(dz, np.array([1.0, x[0], x[1]]))
    return dW, dv


def batch_gradients(X, Y, W, v):
    """Gradients of sum_i (y_hat_i - y_i)^2 over the m examples: (dW, dv)."""
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for x, y in zip(X, Y):
        _, cache = forward(x, W, v)
        gW, gv = backward(y, cache)
        dW = dW + gW
        dv = dv + gv
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    """dE/dv for the same net with a sigmoid output unit and E = 1/2 sum_i (y_hat_i - y_i)^2."""
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    W = np.asarray(W, dtype=float).reshape(3, 3)
    v = np.asarray(v, dtype=float).reshape(4)
    g = np.zeros(4)
    for x, y in zip(X, Y):
        f = sigmoid(W[:, 0] + W[:, 1] * x[0] + W[:, 2] * x[1])
        a = np.concatenate(([1.0], f))
        y_hat = float(sigmoid(np.dot(v, a)))
        g = g + (y_hat - y) * y_hat * (1.0 - y_hat) * a
    return g
'''

HONEST_CA = r'''
def grad_f(x, y):
    """Gradient [df/dx, df/dy] of f(x, y) = (2x + 3y)^2, shape (2,)."""
    x = float(np.asarray(x, dtype=float).reshape(()))
    y = float(np.asarray(y, dtype=float).reshape(()))
    t = 2.0 * (2.0 * x + 3.0 * y)
    return np.array([2.0 * t, 3.0 * t])


def jacobian_F(x, y):
    """Jacobian of F(x, y) = [x^2 + 2y, 3x + 4y^2], shape (2, 2)."""
    x = float(np.asarray(x, dtype=float).reshape(()))
    y = float(np.asarray(y, dtype=float).reshape(()))
    return np.array([[2.0 * x, 2.0], [3.0, 8.0 * y]])


def G(x):
    """G(x) = [x, x^2], shape (2,)."""
    x = float(np.asarray(x, dtype=float).reshape(()))
    return np.array([x, x * x])


def jacobian_FG(x):
    """D(F o G)(x) = DF(G(x)) . DG(x), shape (2,)."""
    x = float(np.asarray(x, dtype=float).reshape(()))
    u, w = x, x * x
    DF = np.array([[2.0 * u, 2.0], [3.0, 8.0 * w]])
    DG = np.array([1.0, 2.0 * x])
    return DF @ DG


def _scalar(value):
    a = np.asarray(value, dtype=float)
    if a.size != 1:
        raise ValueError("f must return a scalar, got shape %r" % (a.shape,))
    return float(a.reshape(-1)[0])


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of a scalar function f at the array x (same shape as x)."""
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy()
        xm = x.copy()
        xp[idx] += eps
        xm[idx] -= eps
        g[idx] = (_scalar(f(xp)) - _scalar(f(xm))) / (2.0 * eps)
    return g


def numerical_jacobian(F, x, eps=1e-6):
    """Central-difference Jacobian of a vector function F at the 1-D array x: (len(F(x)), len(x))."""
    x = np.array(x, dtype=float).reshape(-1)
    m = np.asarray(F(x.copy()), dtype=float).reshape(-1).size
    J = np.zeros((m, x.size))
    for k in range(x.size):
        xp = x.copy()
        xm = x.copy()
        xp[k] += eps
        xm[k] -= eps
        J[:, k] = (np.asarray(F(xp), dtype=float).reshape(-1) - np.asarray(F(xm), dtype=float).reshape(-1)) / (2.0 * eps)
    return J
'''

CG_FUNCS = ['forward', 'loss', 'backward', 'batch_gradients', 'sigmoid_output_grad_v']
CA_FUNCS = ['grad_f', 'jacobian_F', 'G', 'jacobian_FG', 'numerical_gradient', 'numerical_jacobian']
