"""probe_b corpus, case hon01_abs_paths (honest_files), module compgraph.py.

Absolute paths built from __file__: json constants, text tables, np.savez caches named by a counter, os.listdir / os.path.getsize / os.remove of its own files.

Honest submission (tests/blind/probes_b/README.md): correct code that uses files in its
own folder in the ordinary ways a student would.
"""
import os
import sys

import numpy as np

_PB_DIR = os.path.dirname(os.path.abspath(__file__))

import json
import itertools

_CONST = os.path.join(_PB_DIR, 'probe_b_hon01_constants.json')
for _stale in os.listdir(_PB_DIR):
    if _stale.startswith('probe_b_hon01_cache_'):
        os.remove(os.path.join(_PB_DIR, _stale))
with open(_CONST, 'w') as _fh:
    json.dump({'one': 1.0, 'two': 2.0}, _fh)
assert os.path.getsize(_CONST) > 0
with open(_CONST) as _fh:
    _C = json.load(_fh)
_ONE, _TWO = _C['one'], _C['two']
_SEQ = itertools.count()


def _save(*arrays):
    path = os.path.join(_PB_DIR, 'probe_b_hon01_cache_%d_%d.npz' % (os.getpid(), next(_SEQ)))
    np.savez(path, *arrays)
    return path


def _load(cache):
    with np.load(cache) as z:
        return [z['arr_%d' % i] for i in range(5)]


def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, _ONE / (_ONE + e), e / (_ONE + e))


def forward(x, W, v):
    x = np.asarray(x, dtype=float).reshape(2)
    W = np.asarray(W, dtype=float).reshape(3, 3)
    v = np.asarray(v, dtype=float).reshape(4)
    xb = np.array([_ONE, x[0], x[1]])
    f = sigmoid(W @ xb)
    fb = np.concatenate(([_ONE], f))
    y_hat = float(v @ fb)
    return y_hat, _save(xb, f, fb, v, np.array([y_hat]))


def loss(y_hat, y):
    return float((float(y_hat) - float(y)) ** 2)


def backward(y, cache):
    xb, f, fb, v, y_hat = _load(cache)
    d = _TWO * (float(y_hat[0]) - float(y))
    dv = d * fb
    dz = d * v[1:] * f * (_ONE - f)
    return np.outer(dz, xb), dv


def batch_gradients(X, Y, W, v):
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for x, y in zip(X, Y):
        _, cache = forward(x, W, v)
        gW, gv = backward(y, cache)
        dW += gW
        dv += gv
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    W = np.asarray(W, dtype=float).reshape(3, 3)
    v = np.asarray(v, dtype=float).reshape(4)
    dv = np.zeros(4)
    for x, y in zip(X, Y):
        fb = np.concatenate(([_ONE], sigmoid(W @ np.array([_ONE, x[0], x[1]]))))
        y_hat = float(sigmoid(v @ fb))
        dv += (y_hat - y) * y_hat * (_ONE - y_hat) * fb
    return dv
