"""probe_a case hf_relative_rw (honest_files, python): hw2_compgraph compgraph.py.

open() with relative names: create, write, append, read back, os.remove; jacobian_F round-trips its
result through a file. Everything stays in its own folder: "read-write to the worker's own folder
only"; the hook "follows chdir and dir_fd=". Correct code: ok, 20/20.
"""

import json
import os
import shutil
import tempfile

import numpy as np

# --- probe_a honest code begin ---
def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    """Forward pass for one example: returns (y_hat, cache)."""
    x = np.asarray(x, dtype=float).reshape(2)
    W = np.asarray(W, dtype=float).reshape(3, 3)
    v = np.asarray(v, dtype=float).reshape(4)
    z = W[:, 0] + W[:, 1] * x[0] + W[:, 2] * x[1]
    f = sigmoid(z)
    y_hat = float(v[0] + np.dot(v[1:], f))
    cache = {"x": x.copy(), "v": v.copy(), "f": np.array(f, dtype=float), "y_hat": y_hat}
    return y_hat, cache


def loss(y_hat, y):
    """Squared error (y_hat - y)^2 of one example, a float."""
    d = float(np.asarray(y_hat, dtype=float).reshape(())) - float(np.asarray(y, dtype=float).reshape(()))
    return float(d * d)


def backward(y, cache):
    """Gradient of L = (y_hat - y)^2 for the example whose forward returned cache: (dW, dv)."""
    x, v, f, y_hat = cache["x"], cache["v"], cache["f"], cache["y_hat"]
    d = 2.0 * (y_hat - float(np.asarray(y, dtype=float).reshape(())))
    dv = d * np.concatenate(([1.0], f))
    dz = d * v[1:] * f * (1.0 - f)
    dW = np.outer(dz, np.array([1.0, x[0], x[1]]))
    return dW, dv


def batch_gradients(X, Y, W, v):
    """Gradients of sum_i (y_hat_i - y_i)^2 over the m examples: (dW, dv)."""
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for x, y in zip(X, Y):
        _, cache = forward(x, W, v)
        gW, gv = backward(y, cache)
        dW = dW + gW
        dv = dv + gv
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    """dE/dv for the same net with a sigmoid output unit and E = 1/2 sum_i (y_hat_i - y_i)^2."""
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    W = np.asarray(W, dtype=float).reshape(3, 3)
    v = np.asarray(v, dtype=float).reshape(4)
    g = np.zeros(4)
    for x, y in zip(X, Y):
        f = sigmoid(W[:, 0] + W[:, 1] * x[0] + W[:, 2] * x[1])
        a = np.concatenate(([1.0], f))
        y_hat = float(sigmoid(np.dot(v, a)))
        g = g + (y_hat - y) * y_hat * (1.0 - y_hat) * a
    return g
# --- probe_a honest code end ---


# ---- probe_a honest file use (no try/except: a refusal must cost points) ----

_HF_N = [0]


def _hf_name(stem):
    _HF_N[0] += 1
    return "probe_a_%s_%d_%d" % (stem, os.getpid(), _HF_N[0])


def _hf_fail(msg):
    raise RuntimeError("probe_a honest file use failed: " + msg)


def _hf_roundtrip(a):
    """Relative names only: write, append, read back, remove."""
    a = np.asarray(a, dtype=float)
    name = _hf_name("rw") + ".txt"
    with open(name, "w") as fh:
        fh.write(" ".join(repr(float(v)) for v in a.ravel()) + "\n")
    with open(name, "a") as fh:
        fh.write("# shape %r\n" % (a.shape,))
    with open(name) as fh:
        first = fh.readline()
        rest = fh.read()
    if "# shape" not in rest:
        _hf_fail("append lost")
    os.remove(name)
    if os.path.exists(name):
        _hf_fail("remove did not remove")
    return np.array([float(t) for t in first.split()], dtype=float).reshape(a.shape)


_hf_loss = loss


def loss(y_hat, y):
    """Squared error (y_hat - y)^2 of one example, a float (round-tripped through a file)."""
    return float(_hf_roundtrip(np.array(_hf_loss(y_hat, y))).reshape(()))


_hf_roundtrip(np.arange(3.0))
