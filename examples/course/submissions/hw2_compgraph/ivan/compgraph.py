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



from functools import reduce


# Both layers are the same kind of node: bias + weights . inputs.
# So I wrote that node once, with its forward and its backward.

def _linear(weights, inputs):
    """bias + weights . inputs; weights is (4,) for the output unit, (3, 3) for the hidden layer."""
    return weights[..., 0] + np.tensordot(weights[..., 1:], inputs, axes=1)


def _linear_grads(upstream, weights, inputs):
    """Back through _linear: (gradient for the weights, gradient for the inputs)."""
    d_weights = np.multiply.outer(upstream, np.concatenate(([1.0], inputs)))
    d_inputs = np.tensordot(upstream, weights[..., 1:], axes=np.ndim(upstream))
    return d_weights, d_inputs


def _sigmoid_slope(out):
    """sigmoid'(t) from the sigmoid's output."""
    return out * (1.0 - out)


def _rows(X, Y):
    return zip(np.reshape(np.asarray(X, dtype=np.float64), (-1, 2)), np.ravel(np.asarray(Y, dtype=np.float64)))


def forward(x, W, v):
    """Forward pass for one example.

    x: (2,), W: (3, 3), v: (4,). Returns (y_hat, cache): y_hat a float, cache
    anything your backward needs (a tuple, a dict, an object: your choice).
    """
    x = np.asarray(x, dtype=np.float64)
    W = np.asarray(W, dtype=np.float64)
    v = np.asarray(v, dtype=np.float64)
    f = sigmoid(_linear(W, x))
    y_hat = float(_linear(v, f))
    return y_hat, (x, W, v, f, y_hat)


def loss(y_hat, y):
    """Squared error (y_hat - y)^2 of one example, a float."""
    return float(pow(y_hat - y, 2))


def backward(y, cache):
    """Gradient of L = (y_hat - y)^2 for the example whose forward returned ``cache``.

    Returns (dW, dv) with shapes (3, 3) and (4,).
    """
    x, W, v, f, y_hat = cache
    dv, df = _linear_grads(2.0 * (y_hat - y), v, f)
    dW, _ = _linear_grads(df * _sigmoid_slope(f), W, x)
    return dW, dv


def batch_gradients(X, Y, W, v):
    """Gradients of the summed loss sum_i (y_hat_i - y_i)^2 over the m examples.

    X: (m, 2), Y: (m,). Returns (dW, dv) with shapes (3, 3) and (4,).
    """
    each = (backward(y, forward(x, W, v)[1]) for x, y in _rows(X, Y))
    start = (np.zeros((3, 3)), np.zeros(4))
    return reduce(lambda acc, g: (acc[0] + g[0], acc[1] + g[1]), each, start)


def sigmoid_output_grad_v(X, Y, W, v):
    """dE/dv for the same net with a sigmoid output unit.

    y_hat_i = sigmoid(v_0 + v_1 f_1 + v_2 f_2 + v_3 f_3) for example i and
    E = 1/2 sum_i (y_hat_i - y_i)^2. X: (m, 2), Y: (m,). Returns shape (4,).
    """
    def one(x, y):
        s, cache = forward(x, W, v)
        o = float(sigmoid(s))
        # one more sigmoid node on top of the linear output
        return _linear_grads((o - y) * _sigmoid_slope(o), cache[2], cache[3])[0]

    return sum((one(x, y) for x, y in _rows(X, Y)), np.zeros(4))
