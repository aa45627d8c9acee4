"""Computational graph of the 2-3-1 net.  Node values are kept in NODES."""
import numpy as np

NODES = {}   # values of the graph's nodes, filled by forward


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    p = W[:, 1] * x[0]
    q = W[:, 2] * x[1]
    z = W[:, 0] + p + q
    f = sigmoid(z)
    h = v[1:] * f
    y_hat = v[0] + h.sum()
    NODES.update(x=x, W=W, v=v, p=p, q=q, z=z, f=f, h=h, y_hat=float(y_hat))
    return float(y_hat), NODES


def loss(y_hat, y):
    return float((y_hat - y) ** 2)


def backward(y, cache):
    n = NODES
    d_yhat = 2.0 * (n["y_hat"] - y)
    d_h = d_yhat * np.ones(3)
    dv = np.empty(4)
    dv[0] = d_yhat
    dv[1:] = d_h * n["f"]
    d_f = d_h * n["v"][1:]
    d_z = d_f * n["f"] * (1.0 - n["f"])
    dW = np.empty((3, 3))
    dW[:, 0] = d_z
    dW[:, 1] = d_z * n["x"][0]
    dW[:, 2] = d_z * n["x"][1]
    return dW, dv


def batch_gradients(X, Y, W, v):
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for x, y in zip(np.asarray(X, dtype=float), np.asarray(Y, dtype=float)):
        _, cache = forward(x, W, v)
        a, b = backward(y, cache)
        dW += a
        dv += b
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    dv = np.zeros(4)
    for x, y in zip(np.asarray(X, dtype=float), np.asarray(Y, dtype=float)):
        s, _ = forward(x, W, v)
        out = float(sigmoid(s))
        ds = (out - y) * out * (1.0 - out)
        dv += ds * np.concatenate(([1.0], NODES["f"]))
    return dv
