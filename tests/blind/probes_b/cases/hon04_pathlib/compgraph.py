"""probe_b corpus, case hon04_pathlib (honest_files), module compgraph.py.

pathlib only: Path(__file__).resolve().parent, mkdir, write_text/read_text, write_bytes/read_bytes, touch, iterdir, glob, rename, replace, stat, unlink.

Honest submission (tests/blind/probes_b/README.md): correct code that uses files in its
own folder in the ordinary ways a student would.
"""
import os
import sys

import numpy as np

_PB_DIR = os.path.dirname(os.path.abspath(__file__))

import pathlib

_HERE = pathlib.Path(__file__).resolve().parent
_STORE = _HERE / 'probe_b_hon04_store'
_STORE.mkdir(parents=True, exist_ok=True)
(_STORE / 'constants.draft').write_text('1.0 2.0')
(_STORE / 'constants.draft').rename(_STORE / 'constants.txt')
(_STORE / 'marker').touch()
assert (_STORE / 'constants.txt').stat().st_size > 0
assert any(p.name == 'marker' for p in _STORE.iterdir())
for _old in _STORE.glob('cache_*.bin'):
    _old.unlink()
_ONE, _TWO = [float(t) for t in (_STORE / 'constants.txt').read_text().split()]
_SEQ = [0]


def _save(*arrays):
    _SEQ[0] += 1
    path = _STORE / ('cache_%d_%d.bin' % (os.getpid(), _SEQ[0]))
    tmp = path.with_suffix('.part')
    tmp.write_bytes(np.concatenate([np.ravel(a) for a in arrays]).astype('<f8').tobytes())
    tmp.replace(path)
    return str(path)


def _load(cache):
    flat = np.frombuffer(pathlib.Path(cache).read_bytes(), dtype='<f8')
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
