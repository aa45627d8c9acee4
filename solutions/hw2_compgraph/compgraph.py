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
    # BEGIN SOLUTION hint: see the handout, section 1 (The network) and its forward pass in section 2; keep what backward needs
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    xb = np.concatenate(([1.0], x))     # [1, x1, x2]
    z = W @ xb                          # (3,)
    f = sigmoid(z)                      # (3,)
    fb = np.concatenate(([1.0], f))     # [1, f1, f2, f3]
    y_hat = float(v @ fb)
    cache = {"xb": xb, "f": f, "fb": fb, "v": v, "y_hat": y_hat}
    return y_hat, cache
    # END SOLUTION


def loss(y_hat, y):
    """Squared error (y_hat - y)^2 of one example, a float."""
    # BEGIN SOLUTION hint: see the handout, section 1 (The network); return a Python float
    return float((float(y_hat) - float(y)) ** 2)
    # END SOLUTION


def backward(y, cache):
    """Gradient of L = (y_hat - y)^2 for the example whose forward returned ``cache``.

    Returns (dW, dv) with shapes (3, 3) and (4,).
    """
    # BEGIN SOLUTION hint: walk the graph back from L, node by node (handout, sections 1 and 2)
    xb, f, fb, v, y_hat = cache["xb"], cache["f"], cache["fb"], cache["v"], cache["y_hat"]
    d_yhat = 2.0 * (y_hat - float(y))   # dL/dy_hat
    dv = d_yhat * fb                    # dy_hat/dv = [1, f1, f2, f3]
    d_f = d_yhat * v[1:]                # dy_hat/df_j = v_j
    d_z = d_f * f * (1.0 - f)           # df_j/dz_j = f_j (1 - f_j)
    dW = np.outer(d_z, xb)              # dz_j/dW[j] = [1, x1, x2]
    return dW, dv
    # END SOLUTION


def batch_gradients(X, Y, W, v):
    """Gradients of the summed loss sum_i (y_hat_i - y_i)^2 over the m examples.

    X: (m, 2), Y: (m,). Returns (dW, dv) with shapes (3, 3) and (4,).
    """
    # BEGIN SOLUTION hint: see the handout, section 2 (Summed over the three examples)
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for x, y in zip(X, Y):
        _, cache = forward(x, W, v)
        dW_i, dv_i = backward(y, cache)
        dW += dW_i
        dv += dv_i
    return dW, dv
    # END SOLUTION


def sigmoid_output_grad_v(X, Y, W, v):
    """dE/dv for the same net with a sigmoid output unit.

    y_hat_i = sigmoid(v_0 + v_1 f_1 + v_2 f_2 + v_3 f_3) for example i and
    E = 1/2 sum_i (y_hat_i - y_i)^2. X: (m, 2), Y: (m,). Returns shape (4,).
    """
    # BEGIN SOLUTION hint: see the handout, section 2 (Sigmoid output)
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    ones = np.ones((X.shape[0], 1))
    F = sigmoid(np.hstack([ones, X]) @ W.T)        # (m, 3) hidden outputs
    Fb = np.hstack([ones, F])                      # (m, 4)
    y_hat = sigmoid(Fb @ v)                        # (m,)
    delta = (y_hat - Y) * y_hat * (1.0 - y_hat)    # dE/d(output pre-activation)
    return delta @ Fb
    # END SOLUTION
