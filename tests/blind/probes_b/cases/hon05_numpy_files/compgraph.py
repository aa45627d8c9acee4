"""probe_b corpus, case hon05_numpy_files (honest_files), module compgraph.py.

NumPy files: np.save/np.load (plain and mmap_mode r, r+, c), np.savez_compressed, np.savetxt/np.loadtxt, np.memmap (w+ then r), tofile/fromfile; caches are .npy files loaded with mmap_mode="r".

Honest submission (tests/blind/probes_b/README.md): correct code that uses files in its
own folder in the ordinary ways a student would.
"""
import os
import sys

import numpy as np

_PB_DIR = os.path.dirname(os.path.abspath(__file__))

_P = lambda name: os.path.join(_PB_DIR, 'probe_b_hon05_' + name)
np.save(_P('ones.npy'), np.array([1.0, 2.0]))
_m = np.load(_P('ones.npy'), mmap_mode='r+')
_m[1] = 2.0
_m.flush()
del _m
_c = np.load(_P('ones.npy'), mmap_mode='c')
_c[0] = 99.0  # copy-on-write: never reaches the file
del _c
np.savez_compressed(_P('pack.npz'), k=np.load(_P('ones.npy'), mmap_mode='r'))
with np.load(_P('pack.npz')) as _z:
    _k = _z['k'].copy()
np.savetxt(_P('k.txt'), _k)
_mm = np.memmap(_P('k.mm'), dtype='<f8', mode='w+', shape=(2,))
_mm[:] = np.loadtxt(_P('k.txt'))
_mm.flush()
del _mm
np.memmap(_P('k.mm'), dtype='<f8', mode='r', shape=(2,)).tofile(_P('k.raw'))
_ONE, _TWO = [float(t) for t in np.fromfile(_P('k.raw'), dtype='<f8')]
_SEQ = [0]


def _save(*arrays):
    _SEQ[0] += 1
    path = _P('cache_%d_%d.npy' % (os.getpid(), _SEQ[0]))
    np.save(path, np.concatenate([np.ravel(a) for a in arrays]))
    return path


def _load(cache):
    flat = np.array(np.load(cache, mmap_mode='r'))
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
