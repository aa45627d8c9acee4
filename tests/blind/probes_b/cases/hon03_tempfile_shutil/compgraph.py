"""probe_b corpus, case hon03_tempfile_shutil (honest_files), module compgraph.py.

tempfile (mkstemp, NamedTemporaryFile, TemporaryDirectory, SpooledTemporaryFile) with dir= its own folder, and shutil (copy, copy2, copyfile, copytree, move, rmtree) plus os.replace to pass the constants along; caches in mkstemp files.

Honest submission (tests/blind/probes_b/README.md): correct code that uses files in its
own folder in the ordinary ways a student would.
"""
import os
import sys

import numpy as np

_PB_DIR = os.path.dirname(os.path.abspath(__file__))

import shutil
import tempfile

with tempfile.NamedTemporaryFile('w', dir=_PB_DIR, suffix='.txt', delete=False) as _fh:
    _fh.write('1.0 2.0\n')
    _first = _fh.name
with tempfile.TemporaryDirectory(dir=_PB_DIR) as _tmp:
    _a = shutil.copy(_first, os.path.join(_tmp, 'a.txt'))
    _b = shutil.copy2(_a, os.path.join(_tmp, 'b.txt'))
    shutil.copytree(_tmp, os.path.join(_PB_DIR, 'probe_b_hon03_tree'), dirs_exist_ok=True)
_c = shutil.move(os.path.join(_PB_DIR, 'probe_b_hon03_tree', 'b.txt'), os.path.join(_PB_DIR, 'probe_b_hon03_moved.txt'))
shutil.rmtree(os.path.join(_PB_DIR, 'probe_b_hon03_tree'))
_fd, _d = tempfile.mkstemp(dir=_PB_DIR)
os.close(_fd)
shutil.copyfile(_c, _d)
os.replace(_d, os.path.join(_PB_DIR, 'probe_b_hon03_constants.txt'))
os.remove(_first)
with tempfile.SpooledTemporaryFile(max_size=16, dir=_PB_DIR) as _sp:
    with open(os.path.join(_PB_DIR, 'probe_b_hon03_constants.txt'), 'rb') as _fh:
        _sp.write(_fh.read() * 4)
    _sp.seek(0)
    _ONE, _TWO = [float(t) for t in _sp.read().decode().split()[:2]]


def _save(*arrays):
    fd, path = tempfile.mkstemp(prefix='probe_b_hon03_cache_', suffix='.npy', dir=_PB_DIR)
    with os.fdopen(fd, 'wb') as fh:
        np.save(fh, np.concatenate([np.ravel(a) for a in arrays]))
    return path


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
