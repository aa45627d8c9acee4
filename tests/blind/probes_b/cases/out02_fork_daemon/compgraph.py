"""probe_b corpus, case out02_fork_daemon (outlive), module compgraph.py.

os.fork, setsid, fork again: a grandchild that lives 5.7 s after the worker.

Blind probe of the grader's sandbox, written from the user documentation only
(tests/blind/probes_b/README.md). Every attack step is wrapped so that a refusal
leaves the honest functions as they are.
"""
import os as _pb_os
import sys as _pb_sys

import numpy as np

_PB_CASE = 'out02_fork_daemon'
_PB_DIR = _pb_os.path.dirname(_pb_os.path.abspath(__file__))
_PB_KEEP = []  # descriptors, threads and buffers kept alive for the life of the worker


# ---------------------------------------------------------------- probe_b helpers
def _pb_quiet(fn, *args, **kwargs):
    """Run one attack step; a refusal (of whatever exception class) or any error is swallowed."""
    try:
        return fn(*args, **kwargs)
    except BaseException as exc:  # noqa: BLE001 - the point is to swallow the refusal
        return exc


def _pb_once(tag):
    """True the first time in this submission: a marker file in the worker's own folder keeps a
    step that may kill the worker from being repeated by every fresh worker."""
    path = _pb_os.path.join(_PB_DIR, 'probe_b_once_' + tag)
    try:
        fd = _pb_os.open(path, _pb_os.O_WRONLY | _pb_os.O_CREAT | _pb_os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    except BaseException:
        return True
    _pb_os.close(fd)
    return True


def _pb_breach(what):
    """The attack got through where the documentation says it cannot. Leave at once with exit
    code 86: a worker that exits by itself is no status this corpus's expectations accept."""
    try:
        _pb_os.write(2, ('probe_b %s BREACH: %s\n' % (_PB_CASE, what)).encode('utf-8', 'replace'))
    except BaseException:
        pass
    _pb_os._exit(86)


def _pb_tmp_ok(path):
    """True for a path under /tmp, /var/tmp or /dev/shm: the only places outside its own folder
    this corpus ever writes to or changes, even if every defence failed."""
    try:
        real = _pb_os.path.realpath(path)
    except BaseException:
        return False
    return any(real == d or real.startswith(d + '/') for d in ('/tmp', '/var/tmp', '/dev/shm'))


def _pb_read(path, n=1 << 20):
    with open(path, 'rb') as fh:
        return fh.read(n)


# === probe_b honest begin ===
def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    x = np.asarray(x, dtype=float).reshape(2)
    W = np.asarray(W, dtype=float).reshape(3, 3)
    v = np.asarray(v, dtype=float).reshape(4)
    xb = np.array([1.0, x[0], x[1]])
    f = sigmoid(W @ xb)
    fb = np.concatenate(([1.0], f))
    y_hat = float(v @ fb)
    return y_hat, (xb, f, fb, v.copy(), y_hat)


def loss(y_hat, y):
    return float((float(y_hat) - float(y)) ** 2)


def backward(y, cache):
    xb, f, fb, v, y_hat = cache
    d = 2.0 * (y_hat - float(y))
    dv = d * fb
    dz = d * v[1:] * f * (1.0 - f)
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
        fb = np.concatenate(([1.0], sigmoid(W @ np.array([1.0, x[0], x[1]]))))
        y_hat = float(sigmoid(v @ fb))
        dv += (y_hat - y) * y_hat * (1.0 - y_hat) * fb
    return dv
# === probe_b honest end ===


# ---------------------------------------------------------------- the attack
def _pb_attack():
    if not _pb_once('out02'):
        return
    pid = _pb_os.fork()
    if pid == 0:
        try:
            _pb_quiet(_pb_os.setsid)
            if _pb_os.fork() == 0:
                import time
                for _ in range(3):
                    time.sleep(1.9)
        finally:
            _pb_os._exit(0)
    _pb_quiet(_pb_os.waitpid, pid, 0)


_pb_quiet(_pb_attack)  # probe_b: attack
