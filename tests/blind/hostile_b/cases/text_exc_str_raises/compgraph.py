"""The 2-3-1 network of hw2_compgraph: forward, loss and backward by the chain rule."""

import numpy as np


class _HbEvil(Exception):
    """An exception that cannot be printed: str raises, repr is 2 MB of escapes."""

    def __str__(self):
        raise _HbEvil("str of str")

    def __repr__(self):
        return "\x1b[2J\x1b[H" * 300_000



def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    """Forward pass for one example; returns (y_hat, cache)."""
    x = np.asarray(x, dtype=float).reshape(2)
    W = np.asarray(W, dtype=float).reshape(3, 3)
    v = np.asarray(v, dtype=float).reshape(4)
    xa = np.concatenate(([1.0], x))
    f = sigmoid(W @ xa)
    fa = np.concatenate(([1.0], f))
    y_hat = float(v @ fa)
    return y_hat, (xa, f, fa, v.copy(), y_hat)


def loss(y_hat, y):
    """Squared error (y_hat - y)^2."""
    raise _HbEvil()


def backward(y, cache):
    """(dW, dv) of L = (y_hat - y)^2 for the example whose forward returned cache."""
    xa, f, fa, v, y_hat = cache
    d = 2.0 * (y_hat - np.asarray(y, dtype=float).reshape(-1)[0])
    dv = d * fa
    dz = d * v[1:] * f * (1.0 - f)
    dW = np.outer(dz, xa)
    return dW, dv


def batch_gradients(X, Y, W, v):
    """Gradients of sum_i (y_hat_i - y_i)^2 over the rows of X."""
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for x, y in zip(X, Y):
        y_hat, cache = forward(x, W, v)
        gW, gv = backward(y, cache)
        dW += gW
        dv += gv
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    """dE/dv for the sigmoid-output net, E = 1/2 sum_i (y_hat_i - y_i)^2."""
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    W = np.asarray(W, dtype=float).reshape(3, 3)
    v = np.asarray(v, dtype=float).reshape(4)
    dv = np.zeros(4)
    for x, y in zip(X, Y):
        xa = np.concatenate(([1.0], x))
        fa = np.concatenate(([1.0], sigmoid(W @ xa)))
        y_hat = float(sigmoid(v @ fa))
        dv += (y_hat - y) * y_hat * (1.0 - y_hat) * fa
    return dv
