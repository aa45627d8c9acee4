"""Case rough_shell_metachar_name (rough_edges, hw2_compgraph): A correct submission whose folder name is a shell command line (;, $(...), backticks, |, &): never run by a shell; ok with full points, and no file pwned_* appears.

Generated for the blind hostile corpus hostile_a; standard library only."""

import io
import json
import os
import pathlib
import socket
import stat
import struct
import tarfile
import unicodedata
import zlib

# A plausible correct hw2_compgraph solution, written from the student spec.
COMPGRAPH = r'''"""hw2_compgraph: the 2-3-1 network, forward and backward by the chain rule."""

import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _hidden(x, W):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    xb = np.concatenate(([1.0], x))
    z = W @ xb
    return xb, z, sigmoid(z)


def forward(x, W, v):
    v = np.asarray(v, dtype=float)
    xb, z, f = _hidden(x, W)
    fb = np.concatenate(([1.0], f))
    y_hat = float(v @ fb)
    cache = {"xb": xb, "f": f, "fb": fb, "v": v.copy(), "y_hat": y_hat}
    return y_hat, cache


def loss(y_hat, y):
    return float((float(y_hat) - float(y)) ** 2)


def backward(y, cache):
    d_y_hat = 2.0 * (cache["y_hat"] - float(y))
    dv = d_y_hat * cache["fb"]
    f = cache["f"]
    d_z = d_y_hat * cache["v"][1:] * f * (1.0 - f)
    dW = np.outer(d_z, cache["xb"])
    return dW, dv


def batch_gradients(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    v = np.asarray(v, dtype=float)
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for x, y in zip(X, Y):
        xb, z, f = _hidden(x, W)
        fb = np.concatenate(([1.0], f))
        d_y_hat = 2.0 * (float(v @ fb) - y)
        dv += d_y_hat * fb
        dW += np.outer(d_y_hat * v[1:] * f * (1.0 - f), xb)
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    v = np.asarray(v, dtype=float)
    dv = np.zeros(4)
    for x, y in zip(X, Y):
        xb, z, f = _hidden(x, W)
        fb = np.concatenate(([1.0], f))
        y_hat = float(sigmoid(v @ fb))
        dv += (y_hat - y) * y_hat * (1.0 - y_hat) * fb
    return dv
'''

CALCULUS = r'''"""hw2_compgraph: gradients, Jacobians, the chain rule and central differences."""

import numpy as np


def grad_f(x, y):
    x = float(x)
    y = float(y)
    s = 2.0 * x + 3.0 * y
    return np.array([4.0 * s, 6.0 * s])


def jacobian_F(x, y):
    x = float(x)
    y = float(y)
    return np.array([[2.0 * x, 2.0], [3.0, 8.0 * y]])


def G(x):
    x = float(x)
    return np.array([x, x * x])


def jacobian_FG(x):
    x = float(x)
    g = G(x)
    DG = np.array([1.0, 2.0 * x])
    return jacobian_F(g[0], g[1]) @ DG


def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    flat = x.reshape(-1)
    g = grad.reshape(-1)
    for k in range(flat.size):
        old = flat[k]
        flat[k] = old + eps
        up = float(np.asarray(f(x.copy())))
        flat[k] = old - eps
        down = float(np.asarray(f(x.copy())))
        flat[k] = old
        g[k] = (up - down) / (2.0 * eps)
    return grad


def numerical_jacobian(F, x, eps=1e-6):
    x = np.array(x, dtype=float).reshape(-1)
    n_out = np.asarray(F(x.copy()), dtype=float).reshape(-1).size
    J = np.zeros((n_out, x.size))
    for k in range(x.size):
        old = x[k]
        x[k] = old + eps
        up = np.asarray(F(x.copy()), dtype=float).reshape(-1)
        x[k] = old - eps
        down = np.asarray(F(x.copy()), dtype=float).reshape(-1)
        x[k] = old
        J[:, k] = (up - down) / (2.0 * eps)
    return J
'''


def write_correct(folder, compgraph=True, calculus=True):
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if compgraph:
        (folder / "compgraph.py").write_text(COMPGRAPH)
    if calculus:
        (folder / "calculus.py").write_text(CALCULUS)


def make(dest, kit_root):
    write_correct(dest.parent / 'rough_semi;touch pwned_semi;$(touch pwned_dollar)`touch pwned_bt`|tee pwned_pipe&')
