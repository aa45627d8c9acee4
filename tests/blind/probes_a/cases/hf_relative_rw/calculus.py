"""probe_a case hf_relative_rw (honest_files, python): hw2_compgraph calculus.py.

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
def grad_f(x, y):
    """Gradient [df/dx, df/dy] of f(x, y) = (2x + 3y)^2, shape (2,)."""
    x = float(np.asarray(x, dtype=float).reshape(()))
    y = float(np.asarray(y, dtype=float).reshape(()))
    t = 2.0 * (2.0 * x + 3.0 * y)
    return np.array([2.0 * t, 3.0 * t])


def jacobian_F(x, y):
    """Jacobian of F(x, y) = [x^2 + 2y, 3x + 4y^2], shape (2, 2)."""
    x = float(np.asarray(x, dtype=float).reshape(()))
    y = float(np.asarray(y, dtype=float).reshape(()))
    return np.array([[2.0 * x, 2.0], [3.0, 8.0 * y]])


def G(x):
    """G(x) = [x, x^2], shape (2,)."""
    x = float(np.asarray(x, dtype=float).reshape(()))
    return np.array([x, x * x])


def jacobian_FG(x):
    """D(F o G)(x) = DF(G(x)) . DG(x), shape (2,)."""
    x = float(np.asarray(x, dtype=float).reshape(()))
    u, w = x, x * x
    DF = np.array([[2.0 * u, 2.0], [3.0, 8.0 * w]])
    DG = np.array([1.0, 2.0 * x])
    return DF @ DG


def _scalar(value):
    a = np.asarray(value, dtype=float)
    if a.size != 1:
        raise ValueError("f must return a scalar, got shape %r" % (a.shape,))
    return float(a.reshape(-1)[0])


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of a scalar function f at the array x (same shape as x)."""
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy()
        xm = x.copy()
        xp[idx] += eps
        xm[idx] -= eps
        g[idx] = (_scalar(f(xp)) - _scalar(f(xm))) / (2.0 * eps)
    return g


def numerical_jacobian(F, x, eps=1e-6):
    """Central-difference Jacobian of a vector function F at the 1-D array x: (len(F(x)), len(x))."""
    x = np.array(x, dtype=float).reshape(-1)
    m = np.asarray(F(x.copy()), dtype=float).reshape(-1).size
    J = np.zeros((m, x.size))
    for k in range(x.size):
        xp = x.copy()
        xm = x.copy()
        xp[k] += eps
        xm[k] -= eps
        J[:, k] = (np.asarray(F(xp), dtype=float).reshape(-1) - np.asarray(F(xm), dtype=float).reshape(-1)) / (2.0 * eps)
    return J
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


_hf_honest = {"grad_f": grad_f, "jacobian_F": jacobian_F, "G": G, "jacobian_FG": jacobian_FG}


def grad_f(x, y):
    """Gradient of f (round-tripped through a file)."""
    return _hf_roundtrip(_hf_honest["grad_f"](x, y))


def jacobian_F(x, y):
    """Jacobian of F (round-tripped through a file)."""
    return _hf_roundtrip(_hf_honest["jacobian_F"](x, y))


def G(x):
    """G(x) = [x, x^2] (round-tripped through a file)."""
    return _hf_roundtrip(_hf_honest["G"](x))


def jacobian_FG(x):
    """D(F o G)(x) (round-tripped through a file)."""
    return _hf_roundtrip(_hf_honest["jacobian_FG"](x))


_hf_roundtrip(np.eye(2))
