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



# My approach: plain Python numbers and lists for the graph itself, one
# hidden unit at a time, and NumPy only for the arrays that get returned.
# The cache is a flat dictionary keyed by the node names of the handout
# ("f1", "f2", "f3", ...), so I can read backward against the picture.


def _unpack(x, W, v):
    """Turn the inputs (arrays or lists) into plain Python floats."""
    point = [float(value) for value in np.ravel(x)]
    rows = [[float(value) for value in row] for row in np.reshape(W, (3, 3))]
    out_weights = [float(value) for value in np.ravel(v)]
    return point, rows, out_weights


def forward(x, W, v):
    """Forward pass for one example.

    x: (2,), W: (3, 3), v: (4,). Returns (y_hat, cache): y_hat a float, cache
    anything your backward needs (a tuple, a dict, an object: your choice).
    """
    point, rows, out_weights = _unpack(x, W, v)
    memo = {"x1": point[0], "x2": point[1], "v0": out_weights[0]}
    running_total = out_weights[0]
    for unit in (1, 2, 3):
        bias, weight_1, weight_2 = rows[unit - 1]
        pre_activation = bias + weight_1 * point[0] + weight_2 * point[1]
        activation = float(sigmoid(pre_activation))
        memo["z%d" % unit] = pre_activation
        memo["f%d" % unit] = activation
        memo["v%d" % unit] = out_weights[unit]
        running_total = running_total + out_weights[unit] * activation
    memo["y_hat"] = running_total
    return running_total, memo


def loss(y_hat, y):
    """Squared error (y_hat - y)^2 of one example, a float."""
    return abs(float(y_hat) - float(y)) ** 2


def backward(y, cache):
    """Gradient of L = (y_hat - y)^2 for the example whose forward returned ``cache``.

    Returns (dW, dv) with shapes (3, 3) and (4,).
    """
    top = 2.0 * (cache["y_hat"] - float(y))   # dL/dy_hat, the gradient arriving from L
    grad_v = [top]                          # v0 is added straight into y_hat
    grad_W = []
    for unit in (1, 2, 3):
        activation = cache["f%d" % unit]
        grad_v.append(top * activation)
        # through h = v f, then through the sigmoid
        grad_pre = top * cache["v%d" % unit] * activation * (1.0 - activation)
        grad_W.append([grad_pre, grad_pre * cache["x1"], grad_pre * cache["x2"]])
    return np.array(grad_W), np.array(grad_v)


def batch_gradients(X, Y, W, v):
    """Gradients of the summed loss sum_i (y_hat_i - y_i)^2 over the m examples.

    X: (m, 2), Y: (m,). Returns (dW, dv) with shapes (3, 3) and (4,).
    """
    examples = list(zip(np.reshape(X, (-1, 2)), np.ravel(Y)))
    if not examples:
        return np.zeros((3, 3)), np.zeros(4)
    results = list(map(lambda pair: backward(pair[1], forward(pair[0], W, v)[1]), examples))
    total_W = np.sum(np.stack([r[0] for r in results]), axis=0)
    total_v = np.sum(np.stack([r[1] for r in results]), axis=0)
    return total_W, total_v


def sigmoid_output_grad_v(X, Y, W, v):
    """dE/dv for the same net with a sigmoid output unit.

    y_hat_i = sigmoid(v_0 + v_1 f_1 + v_2 f_2 + v_3 f_3) for example i and
    E = 1/2 sum_i (y_hat_i - y_i)^2. X: (m, 2), Y: (m,). Returns shape (4,).
    """
    answer = [0.0, 0.0, 0.0, 0.0]
    for features, target in zip(np.reshape(X, (-1, 2)), np.ravel(Y)):
        linear_part, memo = forward(features, W, v)
        squashed = float(sigmoid(linear_part))
        # E has the 1/2, so dE/dy_hat is just (y_hat - y)
        common = (squashed - float(target)) * squashed * (1.0 - squashed)
        answer[0] += common
        for unit in (1, 2, 3):
            answer[unit] += common * memo["f%d" % unit]
    return np.array(answer)
