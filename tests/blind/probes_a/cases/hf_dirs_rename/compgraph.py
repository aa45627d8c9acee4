"""probe_a case hf_dirs_rename (honest_files, python): hw2_compgraph compgraph.py.

os.makedirs/os.mkdir, os.rename, os.replace, os.rmdir, shutil.rmtree of its own sub-folders.
Everything stays in its own folder: "read-write to the worker's own folder only"; the hook "follows
chdir and dir_fd=". Correct code: ok, 20/20.
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
    """Folders: makedirs, rename, replace, removedirs, mkdir, rmtree."""
    a = np.asarray(a, dtype=float)
    base = _hf_name("d")
    os.makedirs(os.path.join(base, "x", "y"), exist_ok=True)
    p1 = os.path.join(base, "x", "y", "f.bin")
    with open(p1, "wb") as fh:
        fh.write(a.tobytes())
    p2 = os.path.join(base, "x", "g.bin")
    os.rename(p1, p2)
    p3 = os.path.join(base, "h.bin")
    os.replace(p2, p3)
    with open(p3, "rb") as fh:
        out = np.frombuffer(fh.read(), dtype=float).reshape(a.shape).copy()
    os.remove(p3)
    os.rmdir(os.path.join(base, "x", "y"))
    os.removedirs(os.path.join(base, "x"))
    if os.path.exists(base):
        _hf_fail("removedirs left " + base)
    os.mkdir(base)
    os.mkdir(os.path.join(base, "z"))
    with open(os.path.join(base, "z", "q.txt"), "w") as fh:
        fh.write("probe_a\n")
    shutil.rmtree(base)
    if os.path.exists(base):
        _hf_fail("rmtree left " + base)
    return out


_hf_loss = loss


def loss(y_hat, y):
    """Squared error (y_hat - y)^2 of one example, a float (round-tripped through a file)."""
    return float(_hf_roundtrip(np.array(_hf_loss(y_hat, y))).reshape(()))


_hf_roundtrip(np.arange(3.0))
