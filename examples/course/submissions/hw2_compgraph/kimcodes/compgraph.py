"""The 2-3-1 network of the computational-graph homework (hw2_compgraph).

One example x = (x1, x2) goes through three sigmoid hidden units with biases
and a linear output unit with a bias:

    z_j   = w_j0 + w_j1 x1 + w_j2 x2          (j = 1, 2, 3)
    f_j   = sigmoid(z_j)
    y_hat = v_0 + v_1 f_1 + v_2 f_2 + v_3 f_3
    L     = (y_hat - y)^2

W has shape (3, 3), row j-1 = [w_j0, w_j1, w_j2] (bias first); v has shape
(4,) = [v_0, v_1, v_2, v_3] (bias first). Every function accepts NumPy arrays
or Python lists and works in float64.
"""

import numpy as np


def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))



from types import SimpleNamespace


def forward(x, W, v):
    """Forward pass for one example.

    x: (2,), W: (3, 3), v: (4,). Returns (y_hat, cache): y_hat a float, cache
    anything your backward needs (a tuple, a dict, an object: your choice).
    """
    x, W, v = (np.asarray(a, float) for a in (x, W, v))
    f = sigmoid(W @ np.r_[1, x])
    out = float(np.r_[1, f] @ v)
    return out, SimpleNamespace(x=x, v=v, f=f, out=out)


def loss(y_hat, y):
    """Squared error (y_hat - y)^2 of one example, a float."""
    return float(np.subtract(y_hat, y) ** 2)


def backward(y, cache):
    """Gradient of L = (y_hat - y)^2 for the example whose forward returned ``cache``.

    Returns (dW, dv) with shapes (3, 3) and (4,).
    """
    c = cache
    d = 2 * (c.out - y)
    dz = d * c.v[1:] * c.f * (1 - c.f)
    return dz[:, None] * np.r_[1, c.x], d * np.r_[1, c.f]


def _prep(X, Y, W, v):
    X = np.asarray(X, float).reshape(-1, 2)
    return X, np.asarray(Y, float).ravel(), np.asarray(W, float), np.asarray(v, float)


def batch_gradients(X, Y, W, v):
    """Gradients of the summed loss sum_i (y_hat_i - y_i)^2 over the m examples.

    X: (m, 2), Y: (m,). Returns (dW, dv) with shapes (3, 3) and (4,).
    """
    X, Y, W, v = _prep(X, Y, W, v)
    A = np.c_[np.ones(len(X)), X]                       # m x 3
    F = sigmoid(A @ W.T)                                # m x 3
    d = 2 * (v[0] + F @ v[1:] - Y)                      # m
    dz = d[:, None] * v[1:] * F * (1 - F)               # m x 3
    dW = (dz[:, :, None] * A[:, None, :]).sum(axis=0)   # broadcast to m x 3 x 3, sum out m
    dv = np.r_[d.sum(), (d[:, None] * F).sum(axis=0)]
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    """dE/dv for the same net with a sigmoid output unit.

    y_hat_i = sigmoid(v_0 + v_1 f_1 + v_2 f_2 + v_3 f_3) for example i and
    E = 1/2 sum_i (y_hat_i - y_i)^2. X: (m, 2), Y: (m,). Returns shape (4,).
    """
    X, Y, W, v = _prep(X, Y, W, v)
    F = sigmoid(np.c_[np.ones(len(X)), X] @ W.T)
    o = sigmoid(v[0] + F @ v[1:])
    d = (o - Y) * o * (1 - o)
    return np.r_[d.sum(), d @ F]
