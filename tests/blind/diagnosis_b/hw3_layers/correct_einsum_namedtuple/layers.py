"""hw3_layers, written with index notation (einsum) so each line is the
handout's formula for one entry.

    affine:   out[n,j] = sum_d x[n,d] W[j,d] + b[j]
              dx[n,d]  = sum_j dout[n,j] W[j,d]
              dW[j,d]  = sum_n dout[n,j] x[n,d]
              db[j]    = sum_n dout[n,j]
"""

from collections import namedtuple

import numpy as np

AffineCache = namedtuple("AffineCache", ["x", "W"])
SigmoidCache = namedtuple("SigmoidCache", ["s"])


def affine_forward(x, W, b):
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    return np.einsum("nd,jd->nj", x, W) + b, AffineCache(x, W)


def affine_backward(dout, cache):
    dout = np.asarray(dout, dtype=float)
    dx = np.einsum("nj,jd->nd", dout, cache.W)
    dW = np.einsum("nj,nd->jd", dout, cache.x)
    db = np.einsum("nj->j", dout)
    return dx, dW, db


def sigmoid_forward(x):
    x = np.asarray(x, dtype=np.float64)
    # e^{min(x,0)} / (1 + e^{-|x|}):  x >= 0 gives 1/(1+e^{-x}),
    # x < 0 gives e^{x}/(1+e^{x}); no exponent is ever positive.
    s = np.exp(np.minimum(x, 0.0)) / (1.0 + np.exp(-np.abs(x)))
    return s, SigmoidCache(s)


def sigmoid_backward(dout, cache):
    s = cache.s
    return np.asarray(dout, dtype=float) * s * (1.0 - s)


def l2_loss(y_hat, y):
    r = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    return float(np.vdot(r, r)), 2.0 * r


# The network is a list of stages; each stage knows which params it uses.
def _stages(params):
    return [
        ("affine", ("W1", "b1")),
        ("sigmoid", ()),
        ("affine", ("W2", "b2")),
        ("sigmoid", ()),
    ]


def two_layer_forward(X, params):
    a = np.asarray(X, dtype=float)
    tape = []
    for kind, keys in _stages(params):
        if kind == "affine":
            a, c = affine_forward(a, *(params[k] for k in keys))
        else:
            a, c = sigmoid_forward(a)
        tape.append((kind, keys, c))
    return a, tape


def two_layer_loss_and_grads(X, Y, params):
    y_hat, tape = two_layer_forward(X, params)
    loss, g = l2_loss(y_hat, Y)
    grads = {}
    for kind, keys, c in reversed(tape):
        if kind == "affine":
            g, dW, db = affine_backward(g, c)
            grads[keys[0]], grads[keys[1]] = dW, db
        else:
            g = sigmoid_backward(g, c)
    return loss, {k: grads[k] for k in ("W1", "b1", "W2", "b2")}
