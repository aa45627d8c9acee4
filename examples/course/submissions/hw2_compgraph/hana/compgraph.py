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



from collections import namedtuple

# forward's memory: the input, the three hidden activations, the output weights and the output
Cache = namedtuple("Cache", "x f v y_hat")


def _hidden(x, W):
    # one sigmoid per row of W, and a row is [bias, weight of x1, weight of x2]
    return sigmoid(np.dot(W[:, 1:], x) + W[:, 0])


def _all_hidden(X, W):
    # the same for a whole batch: one row of activations per example
    A = np.c_[np.ones(X.shape[0]), X]
    return A, sigmoid(A.dot(W.T))


def forward(x, W, v):
    """Forward pass for one example.

    x: (2,), W: (3, 3), v: (4,). Returns (y_hat, cache): y_hat a float, cache
    anything your backward needs (a tuple, a dict, an object: your choice).
    """
    x = np.asarray(x).astype(float)
    W = np.asarray(W).astype(float)
    v = np.asarray(v).astype(float)
    f = _hidden(x, W)
    out = float(np.dot(v[1:], f) + v[0])
    return out, Cache(x, f, v, out)


def loss(y_hat, y):
    """Squared error (y_hat - y)^2 of one example, a float."""
    d = float(y_hat - y)
    return d ** 2


def backward(y, cache):
    """Gradient of L = (y_hat - y)^2 for the example whose forward returned ``cache``.

    Returns (dW, dv) with shapes (3, 3) and (4,).
    """
    c = cache
    g = 2.0 * (c.y_hat - y)
    # dL/dz_j for the three hidden units
    sens = g * c.v[1:] * c.f * (1.0 - c.f)
    return np.outer(sens, np.append(1.0, c.x)), g * np.append(1.0, c.f)


def batch_gradients(X, Y, W, v):
    """Gradients of the summed loss sum_i (y_hat_i - y_i)^2 over the m examples.

    X: (m, 2), Y: (m,). Returns (dW, dv) with shapes (3, 3) and (4,).
    """
    X = np.asarray(X).astype(float).reshape(-1, 2)
    Y = np.asarray(Y).astype(float).ravel()
    W = np.asarray(W).astype(float)
    v = np.asarray(v).astype(float)
    # everything as matrices: row i of each is example i
    A, H = _all_hidden(X, W)
    err = 2.0 * (H.dot(v[1:]) + v[0] - Y)
    Hb = np.c_[np.ones(len(Y)), H]
    dZ = np.multiply(err[:, None] * v[1:], H * (1.0 - H))
    return dZ.T.dot(A), Hb.T.dot(err)


def sigmoid_output_grad_v(X, Y, W, v):
    """dE/dv for the same net with a sigmoid output unit.

    y_hat_i = sigmoid(v_0 + v_1 f_1 + v_2 f_2 + v_3 f_3) for example i and
    E = 1/2 sum_i (y_hat_i - y_i)^2. X: (m, 2), Y: (m,). Returns shape (4,).
    """
    X = np.asarray(X).astype(float).reshape(-1, 2)
    Y = np.asarray(Y).astype(float).ravel()
    W = np.asarray(W).astype(float)
    v = np.asarray(v).astype(float)
    _, H = _all_hidden(X, W)
    pred = sigmoid(H.dot(v[1:]) + v[0])
    # the 1/2 in E cancels the 2 of the square
    back = (pred - Y) * pred * (1.0 - pred)
    return np.r_[back.sum(), H.T.dot(back)]
