"""probe_b corpus, case hon07_links (honest_files), module compgraph.py.

Links that stay inside its own folder: os.symlink with a relative target, os.link, os.readlink, os.path.islink/realpath, pathlib symlink_to/hardlink_to, reading through them, unlinking them.

Honest submission (tests/blind/probes_b/README.md): correct code that uses files in its
own folder in the ordinary ways a student would.
"""
import os
import sys

import numpy as np

_PB_DIR = os.path.dirname(os.path.abspath(__file__))

import pathlib

_REAL = os.path.join(_PB_DIR, 'probe_b_hon07_constants.txt')
with open(_REAL, 'w') as _fh:
    _fh.write('1.0 2.0')
_SOFT = os.path.join(_PB_DIR, 'probe_b_hon07_soft.txt')
_HARD = os.path.join(_PB_DIR, 'probe_b_hon07_hard.txt')
for _p in (_SOFT, _HARD):
    if os.path.lexists(_p):
        os.unlink(_p)
os.symlink('probe_b_hon07_constants.txt', _SOFT)
os.link(_REAL, _HARD)
assert os.path.islink(_SOFT) and os.readlink(_SOFT) == 'probe_b_hon07_constants.txt'
assert os.path.realpath(_SOFT) == os.path.realpath(_REAL)
with open(_SOFT) as _fh:
    _a = _fh.read()
with open(_HARD) as _fh:
    _b = _fh.read()
assert _a == _b
_ONE, _TWO = [float(t) for t in _a.split()]
os.unlink(_SOFT)
os.unlink(_HARD)
_SEQ = [0]


def _save(*arrays):
    _SEQ[0] += 1
    real = os.path.join(_PB_DIR, 'probe_b_hon07_cache_%d_%d.npy' % (os.getpid(), _SEQ[0]))
    np.save(real, np.concatenate([np.ravel(a) for a in arrays]))
    link = real[:-4] + '.link.npy'
    os.symlink(os.path.basename(real), link)
    return link


def _load(cache):
    flat = np.load(cache)
    return flat[0:3], flat[3:6], flat[6:10], flat[10:14], flat[14:15]


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
