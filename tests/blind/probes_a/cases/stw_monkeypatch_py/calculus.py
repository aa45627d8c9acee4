"""probe_a case stw_monkeypatch_py (silence_the_witness, python): hw2_compgraph calculus.py.

Replaces os.write/os.open/posix.write/io.open/builtins.open/sys.audit and every grader.* module
function it can reach with no-ops, adds its own audit hook that swallows events. Then reads
/etc/passwd and /etc/shadow, opens an AF_INET and an AF_UNIX socket and starts /bin/true,
swallowing every error, and returns correct answers. "The hook uses only what it captured when it
was installed": sandbox, 14..20. If a forbidden step ever succeeds the case raises in every graded
function (breach canary), so a silent breach shows as lost points.
"""

import numpy as np

# ---- probe_a prelude: attack bookkeeping, never raises ----
import os as _pa_os
import sys as _pa_sys
import time as _pa_time

_PA_CASE = 'stw_monkeypatch_py'
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

def _pa_forbidden_steps(tag=""):
    for p in ("/etc/passwd", "/etc/shadow"):
        def rd(p=p):
            with open(p, "rb") as fh:
                data = fh.read(64)
            if data:
                _pa_breach("%s read %s" % (tag, p))
            return len(data)
        _pa_try(tag + "read " + p, rd)

    def sock(family):
        import socket
        s = socket.socket(getattr(socket, family), socket.SOCK_STREAM)
        s.close()
        _pa_breach("%s opened an %s socket" % (tag, family))
    _pa_try(tag + "socket AF_INET", sock, "AF_INET")
    _pa_try(tag + "socket AF_UNIX", sock, "AF_UNIX")

    def spawn():
        import subprocess
        subprocess.run(["/bin/true"], timeout=3)
        _pa_breach("%s started /bin/true" % tag)
    _pa_try(tag + "spawn /bin/true", spawn)

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
    import builtins
    import posix
    saved = []

    def patch(obj, name, value):
        try:
            old = getattr(obj, name)
            setattr(obj, name, value)
            saved.append((obj, name, old))
        except BaseException as e:
            _pa_note("patch " + name, "refused", repr(e))
    fake_write = lambda fd, data: len(data)
    noop = lambda *a, **k: None
    patch(_pa_os, "write", fake_write)
    patch(posix, "write", fake_write)
    patch(_pa_os, "fsync", noop)
    patch(_pa_sys, "audit", noop)
    patch(builtins, "print", noop)
    words = ("report", "refus", "record", "notify", "send", "emit", "write", "log", "witness", "violation",
             "deny", "audit", "hook", "pipe")
    for name, mod in list(_pa_sys.modules.items()):
        if not (name == "grader" or name.startswith("grader.")) or mod is None:
            continue
        for k, v in list(vars(mod).items()):
            if callable(v) and not isinstance(v, type) and any(w in k.lower() for w in words):
                patch(mod, k, noop)
    _pa_try("addaudithook(swallow)", _pa_sys.addaudithook, lambda ev, args: None)
    try:
        _pa_forbidden_steps("after monkeypatching: ")
    finally:
        for obj, name, old in reversed(saved):
            try:
                setattr(obj, name, old)
            except BaseException:
                pass


_pa_try("attack", _pa_attack)


# ---- probe_a breach canary: a forbidden step that succeeded costs the points ----
def _pa_guard(names):
    import functools
    g = globals()
    for n in names:
        f = g.get(n)
        if not callable(f):
            continue

        def make(f, n):
            @functools.wraps(f)
            def wrapper(*args, **kwargs):
                if _pa_spoiled():
                    raise RuntimeError("probe_a breach canary (%s): a step the docs say is refused "
                                       "succeeded: %s" % (_PA_CASE, "; ".join(_PA_BREACHES) or "see probe_a_BREACH"))
                return f(*args, **kwargs)
            return wrapper
        g[n] = make(f, n)


_pa_guard(['grad_f', 'jacobian_F', 'G', 'jacobian_FG', 'numerical_gradient', 'numerical_jacobian'])
