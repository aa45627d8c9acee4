"""probe_b corpus, case out05_files_outside (outlive), module calculus.py.

Files and folders left in /tmp, /var/tmp, /dev/shm with open() and os.mkdir.

Blind probe of the grader's sandbox, written from the user documentation only
(tests/blind/probes_b/README.md). Every attack step is wrapped so that a refusal
leaves the honest functions as they are.
"""
import os as _pb_os
import sys as _pb_sys

import numpy as np

_PB_CASE = 'out05_files_outside'
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
# === probe_b mini begin ===
def grad_f(x, y):
    s = 2.0 * (2.0 * float(x) + 3.0 * float(y))
    return np.array([2.0 * s, 3.0 * s])


def jacobian_F(x, y):
    return np.array([[2.0 * float(x), 2.0], [3.0, 8.0 * float(y)]])


def G(x):
    x = float(x)
    return np.array([x, x * x])


def jacobian_FG(x):
    x = float(x)
    g = G(x)
    return jacobian_F(g[0], g[1]) @ np.array([1.0, 2.0 * x])
# === probe_b mini end ===


def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros(x.shape)
    for k in range(x.size):
        xp = x.copy()
        xm = x.copy()
        xp.flat[k] += eps
        xm.flat[k] -= eps
        g.flat[k] = (float(np.asarray(f(xp), dtype=float).reshape(()))
                     - float(np.asarray(f(xm), dtype=float).reshape(()))) / (2.0 * eps)
    return g


def numerical_jacobian(F, x, eps=1e-6):
    x = np.array(x, dtype=float).reshape(-1)
    m = np.asarray(F(x.copy()), dtype=float).reshape(-1).size
    J = np.zeros((m, x.size))
    for k in range(x.size):
        xp = x.copy()
        xm = x.copy()
        xp[k] += eps
        xm[k] -= eps
        J[:, k] = (np.asarray(F(xp), dtype=float).reshape(-1)
                   - np.asarray(F(xm), dtype=float).reshape(-1)) / (2.0 * eps)
    return J
# === probe_b honest end ===
