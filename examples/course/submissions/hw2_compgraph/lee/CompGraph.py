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



from dataclasses import dataclass


@dataclass(frozen=True)
class Saved:
    xa: np.ndarray     # 1, x1, x2
    fa: np.ndarray     # 1, f1, f2, f3
    v: np.ndarray
    out: float


def forward(x, W, v):
    """Forward pass for one example.

    x: (2,), W: (3, 3), v: (4,). Returns (y_hat, cache): y_hat a float, cache
    anything your backward needs (a tuple, a dict, an object: your choice).
    """
    xa = np.insert(np.asarray(x, dtype=float), 0, 1.0)
    fa = np.insert(sigmoid(np.matmul(np.asarray(W, dtype=float), xa)), 0, 1.0)
    vv = np.asarray(v, dtype=float)
    out = float(np.matmul(fa, vv))
    return out, Saved(xa, fa, vv, out)


def loss(y_hat, y):
    """Squared error (y_hat - y)^2 of one example, a float."""
    return float(np.power(y_hat - y, 2))


def backward(y, cache):
    """Gradient of L = (y_hat - y)^2 for the example whose forward returned ``cache``.

    Returns (dW, dv) with shapes (3, 3) and (4,).
    """
    s = cache
    dy = 2 * (s.out - y)
    f = s.fa[1:]
    dz = np.multiply(dy * s.v[1:], f - f ** 2)   # f - f^2 = f(1 - f)
    return np.tile(s.xa, (3, 1)) * dz.reshape(3, 1), np.multiply(dy, s.fa)


def batch_gradients(X, Y, W, v):
    """Gradients of the summed loss sum_i (y_hat_i - y_i)^2 over the m examples.

    X: (m, 2), Y: (m,). Returns (dW, dv) with shapes (3, 3) and (4,).
    """
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).ravel()
    gW, gv = np.zeros((3, 3)), np.zeros(4)
    i = 0
    while i < len(Y):
        a, b = backward(Y[i], forward(X[i], W, v)[1])
        gW, gv = gW + a, gv + b
        i += 1
    return gW, gv


def sigmoid_output_grad_v(X, Y, W, v):
    """dE/dv for the same net with a sigmoid output unit.

    y_hat_i = sigmoid(v_0 + v_1 f_1 + v_2 f_2 + v_3 f_3) for example i and
    E = 1/2 sum_i (y_hat_i - y_i)^2. X: (m, 2), Y: (m,). Returns shape (4,).
    """
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).ravel()
    m = len(Y)
    # examples as columns this time
    Xt = np.vstack([np.ones(m), X.T])                                   # 3 x m
    Ft = np.vstack([np.ones(m), sigmoid(np.matmul(np.asarray(W, dtype=float), Xt))])   # 4 x m
    o = sigmoid(np.matmul(np.asarray(v, dtype=float), Ft))
    return np.matmul(Ft, (o - Y) * o * (1 - o))
