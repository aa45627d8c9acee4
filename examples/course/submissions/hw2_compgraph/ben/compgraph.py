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
    x1, x2 = [float(t) for t in np.asarray(x, dtype=float).ravel()]
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)

    # I store every node of the graph, one list entry per hidden unit
    nodes = dict(x1=x1, x2=x2, v=v, p=[], q=[], z=[], f=[], h=[])
    y_hat = v[0]
    for j in range(3):
        p = W[j, 1] * x1
        q = W[j, 2] * x2
        z = W[j, 0] + p + q
        f = float(sigmoid(z))
        h = v[j + 1] * f
        nodes["p"].append(p)
        nodes["q"].append(q)
        nodes["z"].append(z)
        nodes["f"].append(f)
        nodes["h"].append(h)
        y_hat = y_hat + h
    nodes["y_hat"] = float(y_hat)
    return float(y_hat), nodes


def loss(y_hat, y):
    """Squared error (y_hat - y)^2 of one example, a float."""
    return float((y_hat - y) * (y_hat - y))


def backward(y, cache):
    """Gradient of L = (y_hat - y)^2 for the example whose forward returned ``cache``.

    Returns (dW, dv) with shapes (3, 3) and (4,).
    """
    dL_dyhat = 2.0 * (cache["y_hat"] - float(y))
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    dv[0] = dL_dyhat   # output bias: dy_hat/dv0 = 1

    # same walk as on the handout's picture, unit by unit
    for j in range(3):
        f_j = cache["f"][j]
        dv[j + 1] = dL_dyhat * f_j
        dL_df = dL_dyhat * cache["v"][j + 1]
        dL_dz = dL_df * f_j * (1.0 - f_j)
        dW[j, 0] = dL_dz
        dW[j, 1] = dL_dz * cache["x1"]
        dW[j, 2] = dL_dz * cache["x2"]
    return dW, dv


def batch_gradients(X, Y, W, v):
    """Gradients of the summed loss sum_i (y_hat_i - y_i)^2 over the m examples.

    X: (m, 2), Y: (m,). Returns (dW, dv) with shapes (3, 3) and (4,).
    """
    X = np.array(X, dtype=float)
    if X.ndim == 1:          # a single example given as [x1, x2]
        X = X[np.newaxis, :]
    Y = np.array(Y, dtype=float).flatten()
    m = len(Y)
    total_W = np.zeros((3, 3))
    total_v = np.zeros(4)
    for i in range(m):
        y_hat_i, cache_i = forward(X[i], W, v)
        gW, gv = backward(Y[i], cache_i)
        total_W = total_W + gW
        total_v = total_v + gv
    return total_W, total_v


def sigmoid_output_grad_v(X, Y, W, v):
    """dE/dv for the same net with a sigmoid output unit.

    y_hat_i = sigmoid(v_0 + v_1 f_1 + v_2 f_2 + v_3 f_3) for example i and
    E = 1/2 sum_i (y_hat_i - y_i)^2. X: (m, 2), Y: (m,). Returns shape (4,).
    """
    X = np.array(X, dtype=float)
    if X.ndim == 1:
        X = X[np.newaxis, :]
    Y = np.array(Y, dtype=float).flatten()
    grad = np.zeros(4)
    for i in range(X.shape[0]):
        s_i, nodes = forward(X[i], W, v)      # s_i is the old linear output
        out = float(sigmoid(s_i))
        delta = (out - Y[i]) * out * (1.0 - out)
        grad[0] += delta
        for j in range(3):
            grad[j + 1] += delta * nodes["f"][j]
    return grad
