"""probe_b corpus, case hon06_os_level (honest_files), module compgraph.py.

The os module: os.open/write/lseek/read/fsync/ftruncate/truncate/fstat, dir_fd= of its own folder, os.chmod of its files (0o600, 0o400, back to 0o644) and of its folder (to its current mode), os.utime, os.access, os.scandir, os.walk, os.makedirs/rmdir, mmap of its own file.

Honest submission (tests/blind/probes_b/README.md): correct code that uses files in its
own folder in the ordinary ways a student would.
"""
import os
import sys

import numpy as np

_PB_DIR = os.path.dirname(os.path.abspath(__file__))

import mmap
import stat

_dfd = os.open(_PB_DIR, os.O_RDONLY | os.O_DIRECTORY)
_fd = os.open('probe_b_hon06_constants.bin', os.O_CREAT | os.O_RDWR | os.O_TRUNC, 0o644, dir_fd=_dfd)
os.write(_fd, np.array([1.0, 2.0, 7.0]).tobytes())
os.fsync(_fd)
os.ftruncate(_fd, 16)
os.lseek(_fd, 0, os.SEEK_SET)
_raw = os.read(_fd, 16)
assert os.fstat(_fd).st_size == 16
os.close(_fd)
_PATH = os.path.join(_PB_DIR, 'probe_b_hon06_constants.bin')
os.chmod(_PATH, 0o600)
os.chmod(_PATH, 0o400)
assert os.access(_PATH, os.R_OK)
os.chmod(_PATH, 0o644)
try:
    os.chmod(_PB_DIR, stat.S_IMODE(os.stat(_PB_DIR).st_mode))  # its folder, to the mode it has
except PermissionError:
    pass  # the folder may belong to the grader's user
os.utime(_PATH, None)
os.truncate(_PATH, 16)
assert os.stat('probe_b_hon06_constants.bin', dir_fd=_dfd).st_size == 16
os.close(_dfd)
with open(_PATH, 'r+b') as _fh:
    with mmap.mmap(_fh.fileno(), 16) as _mp:
        _ONE, _TWO = [float(t) for t in np.frombuffer(_mp[:16], dtype=float)]
os.makedirs(os.path.join(_PB_DIR, 'probe_b_hon06_dir', 'sub'), exist_ok=True)
assert any(e.name == 'probe_b_hon06_dir' for e in os.scandir(_PB_DIR))
assert sum(1 for _ in os.walk(os.path.join(_PB_DIR, 'probe_b_hon06_dir'))) == 2
os.rmdir(os.path.join(_PB_DIR, 'probe_b_hon06_dir', 'sub'))
os.rmdir(os.path.join(_PB_DIR, 'probe_b_hon06_dir'))
_SEQ = [0]


def _save(*arrays):
    _SEQ[0] += 1
    path = os.path.join(_PB_DIR, 'probe_b_hon06_cache_%d_%d.bin' % (os.getpid(), _SEQ[0]))
    data = np.concatenate([np.ravel(a) for a in arrays]).astype(float).tobytes()
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    return path


def _load(cache):
    with open(cache, 'rb') as fh:
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mp:
            flat = np.frombuffer(mp[:], dtype=float).copy()
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
