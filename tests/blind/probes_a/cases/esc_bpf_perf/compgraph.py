"""probe_a case esc_bpf_perf (escape, native): hw2_compgraph compgraph.py.

In compgraph.py's top level: bpf(BPF_PROG_LOAD / BPF_MAP_CREATE) and perf_event_open. seccomp kills
on "mounts and namespaces, BPF, perf, keyrings, io_uring, userfaultfd, kernel modules and identity
changes"; the ctypes load is refused by the hook ("What a worker is denied, at the Python level
...: reading outside its submission and the Python installation, writing outside its own temporary
folder, starting processes, sending signals, opening sockets, loading native libraries through
ctypes"); seen ("a worker killed by SIGSYS, a refusal by the kernel, a process left behind, or a
report pipe tampered with sets the row's status to sandbox ..., as does a refused attempt by the
student's own code"). A SIGSYS at import costs compgraph.py's 14 points at most ("a module that
fails to import costs only its own functions"): 6..20. If a forbidden step ever succeeds the case
raises in every graded function (breach canary), so a silent breach shows as lost points.
"""

import numpy as np

# ---- probe_a prelude: attack bookkeeping, never raises ----
import os as _pa_os
import sys as _pa_sys
import time as _pa_time

_PA_CASE = 'esc_bpf_perf'
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
def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    """Forward pass for one example: returns (y_hat, cache)."""
    x = np.asarray(x, dtype=float).reshape(2)
    W = np.asarray(W, dtype=float).reshape(3, 3)
    v = np.asarray(v, dtype=float).reshape(4)
    z = W[:, 0] + W[:, 1] * x[0] + W[:, 2] * x[1]
    f = sigmoid(z)
    y_hat = float(v[0] + np.dot(v[1:], f))
    cache = {"x": x.copy(), "v": v.copy(), "f": np.array(f, dtype=float), "y_hat": y_hat}
    return y_hat, cache


def loss(y_hat, y):
    """Squared error (y_hat - y)^2 of one example, a float."""
    d = float(np.asarray(y_hat, dtype=float).reshape(())) - float(np.asarray(y, dtype=float).reshape(()))
    return float(d * d)


def backward(y, cache):
    """Gradient of L = (y_hat - y)^2 for the example whose forward returned cache: (dW, dv)."""
    x, v, f, y_hat = cache["x"], cache["v"], cache["f"], cache["y_hat"]
    d = 2.0 * (y_hat - float(np.asarray(y, dtype=float).reshape(())))
    dv = d * np.concatenate(([1.0], f))
    dz = d * v[1:] * f * (1.0 - f)
    dW = np.outer(dz, np.array([1.0, x[0], x[1]]))
    return dW, dv


def batch_gradients(X, Y, W, v):
    """Gradients of sum_i (y_hat_i - y_i)^2 over the m examples: (dW, dv)."""
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for x, y in zip(X, Y):
        _, cache = forward(x, W, v)
        gW, gv = backward(y, cache)
        dW = dW + gW
        dv = dv + gv
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    """dE/dv for the same net with a sigmoid output unit and E = 1/2 sum_i (y_hat_i - y_i)^2."""
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    W = np.asarray(W, dtype=float).reshape(3, 3)
    v = np.asarray(v, dtype=float).reshape(4)
    g = np.zeros(4)
    for x, y in zip(X, Y):
        f = sigmoid(W[:, 0] + W[:, 1] * x[0] + W[:, 2] * x[1])
        a = np.concatenate(([1.0], f))
        y_hat = float(sigmoid(np.dot(v, a)))
        g = g + (y_hat - y) * y_hat * (1.0 - y_hat) * a
    return g
# --- probe_a honest code end ---


# ---- probe_a attack ----
def _pa_attack():
    import struct
    mb, ma = _pa_cbuf(struct.pack("=IIIII", 2, 4, 4, 1, 0) + b"\0" * 100)
    fd = _pa_scall("bpf(BPF_MAP_CREATE array)", 321, 0, ma, 72, mode="kill")
    if fd is not None and fd >= 0:
        _pa_try("close", _pa_os.close, fd)
    ib, ia = _pa_cbuf(bytes.fromhex("b700000000000000" "9500000000000000"))
    lb, la = _pa_cbuf(b"GPL\0")
    pb, pa = _pa_cbuf(struct.pack("=IIQQ", 1, 2, ia, la) + b"\0" * 120)
    fd = _pa_scall("bpf(BPF_PROG_LOAD socket filter)", 321, 5, pa, 128, mode="kill")
    if fd is not None and fd >= 0:
        _pa_try("close", _pa_os.close, fd)
    eb, ea = _pa_cbuf(struct.pack("=IIQ", 1, 128, 0) + b"\0" * 112)
    fd = _pa_scall("perf_event_open(software cpu clock, self)", 298, ea, 0, -1, -1, 0, mode="kill")
    if fd is not None and fd >= 0:
        _pa_try("close", _pa_os.close, fd)


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


_pa_guard(['forward', 'loss', 'backward', 'batch_gradients', 'sigmoid_output_grad_v'])
