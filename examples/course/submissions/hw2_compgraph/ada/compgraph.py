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


def forward(x, W, v):
    """Forward pass for one example.

    x: (2,), W: (3, 3), v: (4,). Returns (y_hat, cache): y_hat a float, cache
    anything your backward needs (a tuple, a dict, an object: your choice).
    """
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    # column 0 of W holds the biases, the other two multiply x1 and x2
    z = W[:, 0] + W[:, 1:] @ x
    f = sigmoid(z)
    y_hat = float(v[0] + v[1:] @ f)
    # keep just what the chain rule needs later
    return y_hat, (x, v, f, y_hat)


def loss(y_hat, y):
    """Squared error (y_hat - y)^2 of one example, a float."""
    err = float(y_hat) - float(y)
    return err * err


def backward(y, cache):
    """Gradient of L = (y_hat - y)^2 for the example whose forward returned ``cache``.

    Returns (dW, dv) with shapes (3, 3) and (4,).
    """
    x, v, f, y_hat = cache
    g_out = 2.0 * (y_hat - y)               # dL/dy_hat
    dv = g_out * np.r_[1.0, f]              # bias gets g_out, v_j gets g_out * f_j
    g_z = g_out * v[1:] * f * (1.0 - f)     # back through h_j = v_j f_j, then the sigmoid
    dW = np.column_stack((g_z, g_z * x[0], g_z * x[1]))
    return dW, dv


def batch_gradients(X, Y, W, v):
    """Gradients of the summed loss sum_i (y_hat_i - y_i)^2 over the m examples.

    X: (m, 2), Y: (m,). Returns (dW, dv) with shapes (3, 3) and (4,).
    """
    X = np.atleast_2d(np.asarray(X, dtype=float))
    Y = np.ravel(Y)
    # the loss is a sum, so its gradient is the sum of the per-example gradients
    grads = [backward(y, forward(x, W, v)[1]) for x, y in zip(X, Y)]
    dW = sum((g[0] for g in grads), np.zeros((3, 3)))
    dv = sum((g[1] for g in grads), np.zeros(4))
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    """dE/dv for the same net with a sigmoid output unit.

    y_hat_i = sigmoid(v_0 + v_1 f_1 + v_2 f_2 + v_3 f_3) for example i and
    E = 1/2 sum_i (y_hat_i - y_i)^2. X: (m, 2), Y: (m,). Returns shape (4,).
    """
    X = np.atleast_2d(np.asarray(X, dtype=float))
    Y = np.ravel(Y)
    total = np.zeros(4)
    for x, y in zip(X, Y):
        # the linear net's y_hat is exactly s, the input of the new output sigmoid
        s, (_, _, f, _) = forward(x, W, v)
        out = float(sigmoid(s))
        total += (out - y) * out * (1.0 - out) * np.r_[1.0, f]
    return total
