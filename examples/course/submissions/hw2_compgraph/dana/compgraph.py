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
    x = np.array(x, float)
    W = np.array(W, float)
    v = np.array(v, float)
    # node by node, like the picture: the products, the sum, the sigmoid
    p = W[:, 1] * x[0]
    q = W[:, 2] * x[1]
    z = W[:, 0] + p + q
    f = sigmoid(z)
    h = v[1:] * f
    y_hat = float(v[0] + h.sum())
    return y_hat, [x, v, z, f, y_hat]


def loss(y_hat, y):
    """Squared error (y_hat - y)^2 of one example, a float."""
    return float((y_hat - y) ** 2)


def backward(y, cache):
    """Gradient of L = (y_hat - y)^2 for the example whose forward returned ``cache``.

    Returns (dW, dv) with shapes (3, 3) and (4,).
    """
    x, v, z, f, y_hat = cache
    dy = 2 * (y - y_hat)        # derivative of the squared error
    dh = np.full(3, dy)         # the output sum hands dy to each h_j
    df = dh * v[1:]
    dz = df * f * (1 - f)
    dW = np.zeros((3, 3))
    dW[:, 0] = dz               # the bias w_j0
    dW[:, 1] = dz * x[0]        # through p_j
    dW[:, 2] = dz * x[1]        # through q_j
    dv = np.concatenate([[dy], dh * f])
    return dW, dv


def batch_gradients(X, Y, W, v):
    """Gradients of the summed loss sum_i (y_hat_i - y_i)^2 over the m examples.

    X: (m, 2), Y: (m,). Returns (dW, dv) with shapes (3, 3) and (4,).
    """
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for xi, yi in zip(np.array(X, float).reshape(-1, 2), np.array(Y, float).ravel()):
        gW, gv = backward(yi, forward(xi, W, v)[1])
        np.add(dW, gW, out=dW)
        np.add(dv, gv, out=dv)
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    """dE/dv for the same net with a sigmoid output unit.

    y_hat_i = sigmoid(v_0 + v_1 f_1 + v_2 f_2 + v_3 f_3) for example i and
    E = 1/2 sum_i (y_hat_i - y_i)^2. X: (m, 2), Y: (m,). Returns shape (4,).
    """
    # a different output unit, so I wrote this one out on its own
    X = np.array(X, float).reshape(-1, 2)
    Y = np.array(Y, float).ravel()
    W = np.array(W, float)
    v = np.array(v, float)
    grad = np.zeros(4)
    for n in range(X.shape[0]):
        hidden = sigmoid(W[:, 0] + W[:, 1] * X[n, 0] + W[:, 2] * X[n, 1])
        a = np.insert(hidden, 0, 1.0)
        out = sigmoid(a @ v)
        grad = grad + (out - Y[n]) * out * (1 - out) * a
    return grad
