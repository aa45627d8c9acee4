"""probe_a case esc_setns (escape, native): hw2_compgraph calculus.py.

setns on /proc/1/ns/{mnt,net,user} fds and on pidfd_open(ppid). seccomp kills on "mounts and
namespaces, BPF, perf, keyrings, io_uring, userfaultfd, kernel modules and identity changes"; the
ctypes load is refused by the hook ("What a worker is denied, at the Python level ...: reading
outside its submission and the Python installation, writing outside its own temporary folder,
starting processes, sending signals, opening sockets, loading native libraries through ctypes");
seen ("a worker killed by SIGSYS, a refusal by the kernel, a process left behind, or a report pipe
tampered with sets the row's status to sandbox ..., as does a refused attempt by the student's own
code"). 14..20. If a forbidden step ever succeeds the case raises in every graded function (breach
canary), so a silent breach shows as lost points.
"""

import numpy as np

# ---- probe_a prelude: attack bookkeeping, never raises ----
import os as _pa_os
import sys as _pa_sys
import time as _pa_time

_PA_CASE = 'esc_setns'
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
def _pa_attack():
    for ns, flag in (("mnt", 0x00020000), ("net", 0x40000000), ("user", 0x10000000)):
        p = "/proc/1/ns/" + ns
        fd = _pa_try("open " + p, _pa_os.open, p, _pa_os.O_RDONLY)
        if _pa_ok(fd):
            _pa_breach("opened " + p)
            _pa_scall("setns(pid 1 %s)" % ns, 308, fd, flag, mode="kill")
            _pa_try("close", _pa_os.close, fd)
    fd = _pa_try("open /proc/self/ns/net", _pa_os.open, "/proc/self/ns/net", _pa_os.O_RDONLY)
    if _pa_ok(fd):
        _pa_scall("setns(own net)", 308, fd, 0x40000000, mode="kill")
        _pa_try("close", _pa_os.close, fd)
    pfd = _pa_scall("pidfd_open(ppid)", 434, _pa_os.getppid(), 0, mode="kill")
    if pfd is not None and pfd >= 0:
        _pa_scall("setns(pidfd of the parent, NEWNS|NEWNET)", 308, pfd, 0x00020000 | 0x40000000, mode="kill")
    _pa_scall("setns(-1, 0)", 308, -1, 0, mode="kill")


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
