# HW2 computational graph
# forward keeps the values of the nodes so that backward can walk back through them

import numpy as np


def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


# values of the graph nodes from the forward pass
_nodes = {}


def forward(x, W, v):
    global _nodes
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    z = W[:, 0] + W[:, 1] * x[0] + W[:, 2] * x[1]
    f = sigmoid(z)
    y_hat = v[0] + np.dot(v[1:], f)
    _nodes = {"x": x, "W": W, "v": v, "z": z, "f": f, "y_hat": float(y_hat)}
    return float(y_hat), _nodes


def loss(y_hat, y):
    return float((y_hat - y) ** 2)


def backward(y, cache):
    n = _nodes
    dy = 2.0 * (n["y_hat"] - y)
    dv = dy * np.array([1.0, n["f"][0], n["f"][1], n["f"][2]])
    dz = dy * n["v"][1:] * n["f"] * (1.0 - n["f"])
    xa = np.array([1.0, n["x"][0], n["x"][1]])
    dW = np.outer(dz, xa)
    return dW, dv


def batch_gradients(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for i in range(len(Y)):
        _, c = forward(X[i], W, v)
        a, b = backward(Y[i], c)
        dW += a
        dv += b
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    Z = W[:, 0] + X @ W[:, 1:].T                   # (m, 3)
    Fh = sigmoid(Z)
    S = v[0] + Fh @ v[1:]
    out = sigmoid(S)
    d = (out - Y) * out * (1.0 - out)              # (m,)
    return np.concatenate([[d.sum()], Fh.T @ d])
