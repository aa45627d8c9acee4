"""probe_b corpus, case hon02_relative_chdir (honest_files), module compgraph.py.

os.chdir into its own folder at import, then relative paths only: open, os.makedirs, os.listdir, os.rename, os.path.exists; caches in a relative subfolder.

Honest submission (tests/blind/probes_b/README.md): correct code that uses files in its
own folder in the ordinary ways a student would.
"""
import os
import sys

import numpy as np

_PB_DIR = os.path.dirname(os.path.abspath(__file__))

import pickle

os.chdir(_PB_DIR)
os.makedirs('probe_b_hon02_cache', exist_ok=True)
with open('probe_b_hon02_constants.tmp', 'w') as _fh:
    _fh.write('1.0\n2.0\n')
os.rename('probe_b_hon02_constants.tmp', 'probe_b_hon02_constants.txt')
assert 'probe_b_hon02_constants.txt' in os.listdir('.')
with open('probe_b_hon02_constants.txt') as _fh:
    _ONE, _TWO = [float(t) for t in _fh.read().split()]
_SEQ = [0]


def _save(*arrays):
    _SEQ[0] += 1
    name = os.path.join('probe_b_hon02_cache', '%d_%d.pkl' % (os.getpid(), _SEQ[0]))
    with open(name, 'wb') as fh:
        pickle.dump(arrays, fh)
    return name


def _load(cache):
    with open(cache, 'rb') as fh:
        return pickle.load(fh)


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
