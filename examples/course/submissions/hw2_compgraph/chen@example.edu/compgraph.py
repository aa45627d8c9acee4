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



class _Record:
    """What one forward pass leaves behind for its backward pass."""

    def __init__(self, inputs, hidden, out_weights, prediction):
        self.inputs = inputs            # [1, x1, x2]
        self.hidden = hidden            # [1, f1, f2, f3]
        self.out_weights = out_weights  # v
        self.prediction = prediction    # y_hat


def _with_bias(a):
    """Prepend the constant 1 that multiplies a bias weight."""
    return np.hstack([np.ones(1), a])


def _layer_outputs(X, W):
    """Rows [1, x1, x2] and rows [1, f1, f2, f3] for every example at once."""
    ones = np.ones((len(X), 1))
    Xa = np.hstack([ones, X])
    Fa = np.hstack([ones, sigmoid(np.einsum('jk,ik->ij', W, Xa))])
    return Xa, Fa


def _as_batch(X, Y, W, v):
    return (np.array(X, dtype=float).reshape(-1, 2), np.array(Y, dtype=float).reshape(-1),
            np.array(W, dtype=float), np.array(v, dtype=float))


def forward(x, W, v):
    """Forward pass for one example.

    x: (2,), W: (3, 3), v: (4,). Returns (y_hat, cache): y_hat a float, cache
    anything your backward needs (a tuple, a dict, an object: your choice).
    """
    inputs = _with_bias(np.array(x, dtype=float).reshape(2))
    hidden = _with_bias(sigmoid(np.dot(np.array(W, dtype=float), inputs)))
    weights = np.array(v, dtype=float)
    prediction = float(np.dot(weights, hidden))
    return prediction, _Record(inputs, hidden, weights, prediction)


def loss(y_hat, y):
    """Squared error (y_hat - y)^2 of one example, a float."""
    return float(np.square(float(y_hat) - float(y)))


def backward(y, cache):
    """Gradient of L = (y_hat - y)^2 for the example whose forward returned ``cache``.

    Returns (dW, dv) with shapes (3, 3) and (4,).
    """
    rec = cache
    upstream = 2.0 * (rec.prediction - y)
    act = rec.hidden[1:]
    slope = act * (1.0 - act)              # sigmoid'(z) written with its output
    grad_v = upstream * rec.hidden
    grad_z = upstream * rec.out_weights[1:] * slope
    grad_W = grad_z[:, np.newaxis] * rec.inputs[np.newaxis, :]
    return grad_W, grad_v


def batch_gradients(X, Y, W, v):
    """Gradients of the summed loss sum_i (y_hat_i - y_i)^2 over the m examples.

    X: (m, 2), Y: (m,). Returns (dW, dv) with shapes (3, 3) and (4,).
    """
    X, Y, W, v = _as_batch(X, Y, W, v)
    Xa, Fa = _layer_outputs(X, W)
    r = 2.0 * (np.einsum('ij,j->i', Fa, v) - Y)     # one dL_i/dy_hat_i per example
    F = Fa[:, 1:]
    dz = np.einsum('i,j,ij->ij', r, v[1:], F * (1.0 - F))
    # summing over i is just the contraction over the example index
    return np.einsum('ij,ik->jk', dz, Xa), np.einsum('i,ij->j', r, Fa)


def sigmoid_output_grad_v(X, Y, W, v):
    """dE/dv for the same net with a sigmoid output unit.

    y_hat_i = sigmoid(v_0 + v_1 f_1 + v_2 f_2 + v_3 f_3) for example i and
    E = 1/2 sum_i (y_hat_i - y_i)^2. X: (m, 2), Y: (m,). Returns shape (4,).
    """
    X, Y, W, v = _as_batch(X, Y, W, v)
    _, Fa = _layer_outputs(X, W)
    o = sigmoid(np.einsum('ij,j->i', Fa, v))
    return np.einsum('i,ij->j', (o - Y) * o * (1.0 - o), Fa)
