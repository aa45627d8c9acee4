"""probe_a case mem_mmap_ownfile_py (memory, python): hw2_compgraph calculus.py.

Creates 8 files of 60 MB in its own folder and dirties them through MAP_SHARED mmaps that it unmaps
(page cache the address-space limit stops counting). Own folder, "the worker's own folder has no
size quota of its own: each file is capped by the file-size limit (64 MB) ... and the folder is
removed when the submission ends": ok, 20.
"""

import numpy as np

# ---- probe_a prelude: attack bookkeeping, never raises ----
import os as _pa_os
import sys as _pa_sys
import time as _pa_time

_PA_CASE = 'mem_mmap_ownfile_py'
_PA_LOG = []
_PA_BREACHES = []
_PA_KEEP = []


def _pa_note(label, status, detail=""):
    try:
        _PA_LOG.append((round(_pa_time.monotonic(), 3), str(label), status, str(detail)[:300]))
    except BaseException:
        pass


def _pa_breach(what):
    """A step the documentation says is refused has succeeded."""
    _PA_BREACHES.append(str(what))
    _pa_note("BREACH", "breach", what)
    try:
        fh = open(_pa_os.path.join(_pa_os.getcwd(), "probe_a_BREACH"), "a")
        try:
            fh.write("%s: %s\n" % (_PA_CASE, what))
        finally:
            fh.close()
    except BaseException:
        pass


def _pa_spoiled():
    if _PA_BREACHES:
        return True
    try:
        for _n, _m in list(_pa_sys.modules.items()):
            if _n.endswith(("calculus", "compgraph")) and getattr(_m, "_PA_BREACHES", None):
                return True
    except BaseException:
        pass
    try:
        return _pa_os.path.exists(_pa_os.path.join(_pa_os.getcwd(), "probe_a_BREACH"))
    except BaseException:
        return False


def _pa_try(label, fn, *args, **kwargs):
    """Run one attack step; a refusal (any exception) is logged and swallowed."""
    try:
        r = fn(*args, **kwargs)
    except KeyboardInterrupt:
        raise
    except BaseException as e:
        _pa_note(label, "refused", repr(e))
        return e
    _pa_note(label, "ok", repr(r)[:200])
    return r


def _pa_ok(r):
    return not isinstance(r, BaseException)


_PA_TMP_ROOTS = ("/tmp", "/var/tmp", "/dev/shm")


def _pa_safe_dir(p):
    """True only for folders strictly inside /tmp, /var/tmp or /dev/shm (grader-made
    temporary folders): the only places a destructive step is ever aimed at."""
    try:
        rp = _pa_os.path.realpath(p)
    except BaseException:
        return False
    for root in _PA_TMP_ROOTS:
        if rp.startswith(root + "/"):
            rest = rp[len(root) + 1:]
            first = rest.split("/")[0]
            if rest and not first.startswith(("probe_brief", "bash_jobs", ".X11", "systemd")):
                return True
    return False


def _pa_deadline(seconds):
    end = _pa_time.monotonic() + seconds
    return lambda: _pa_time.monotonic() < end

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


# ---- probe_a attack ----
def _pa_attack():
    import mmap
    per = 60 << 20
    chunk = b"\x5a" * (4 << 20)
    alive = _pa_deadline(5.0)
    for i in range(8):
        p = _pa_os.path.join(_pa_os.getcwd(), "probe_a_mem_map_%d.bin" % i)
        with open(p, "w+b") as fh:
            fh.truncate(per)
            m = mmap.mmap(fh.fileno(), per, mmap.MAP_SHARED, mmap.PROT_READ | mmap.PROT_WRITE)
            try:
                for off in range(0, per, len(chunk)):
                    if not alive():
                        break
                    m[off:off + len(chunk)] = chunk
                m.flush()
            finally:
                m.close()
        if not alive():
            break


_pa_try("attack", _pa_attack)
