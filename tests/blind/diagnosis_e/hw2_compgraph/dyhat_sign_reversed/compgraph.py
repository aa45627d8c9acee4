"""2-3-1 network, forward and backward by hand."""
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    v = np.asarray(v, dtype=float)
    xa = np.concatenate(([1.0], x))      # [1, x1, x2]
    z = W @ xa
    f = sigmoid(z)
    fa = np.concatenate(([1.0], f))      # [1, f1, f2, f3]
    y_hat = float(v @ fa)
    cache = {"xa": xa, "f": f, "fa": fa, "v": v.copy(), "y_hat": y_hat}
    return y_hat, cache


def loss(y_hat, y):
    return float((y_hat - y) ** 2)


def backward(y, cache):
    # error signal: target minus output
    d_yhat = 2.0 * (y - cache["y_hat"])
    dv = d_yhat * cache["fa"]
    d_f = d_yhat * cache["v"][1:]
    d_z = d_f * cache["f"] * (1.0 - cache["f"])
    dW = np.outer(d_z, cache["xa"])
    return dW, dv


def batch_gradients(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for x, y in zip(X, Y):
        _, c = forward(x, W, v)
        gW, gv = backward(y, c)
        dW += gW
        dv += gv
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    v = np.asarray(v, dtype=float)
    dv = np.zeros(4)
    for x, y in zip(X, Y):
        _, c = forward(x, W, v)
        y_hat = float(sigmoid(c["y_hat"]))     # s = v . [1, f]
        dv += (y_hat - y) * y_hat * (1.0 - y_hat) * c["fa"]
    return dv
