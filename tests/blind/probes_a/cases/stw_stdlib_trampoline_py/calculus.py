"""probe_a case stw_stdlib_trampoline_py (silence_the_witness, python): hw2_compgraph calculus.py.

Makes the innermost Python frame a stdlib/library one (pathlib.read_text, shutil.copyfile,
threading.Thread(target=...).run, subprocess.run, numpy.vectorize callbacks) for the forbidden
steps. The student's own code asked for them: "a worker killed by SIGSYS, a refusal by the kernel,
a process left behind, or a report pipe tampered with sets the row's status to sandbox ..., as does
a refused attempt by the student's own code"; 14..20. If a forbidden step ever succeeds the case
raises in every graded function (breach canary), so a silent breach shows as lost points.
"""

import numpy as np

# ---- probe_a prelude: attack bookkeeping, never raises ----
import os as _pa_os
import sys as _pa_sys
import time as _pa_time

_PA_CASE = 'stw_stdlib_trampoline_py'
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
    import importlib
    mods = {}
    for name in ("codecs", "concurrent.futures", "importlib.machinery", "linecache", "pathlib", "shutil",
                 "socket", "subprocess", "threading", "numpy"):
        m = _pa_try("import " + name, importlib.import_module, name)
        if _pa_ok(m):
            mods[name] = m
    codecs, linecache, pathlib, shutil, socket, subprocess, numpy = (
        mods.get(n) for n in ("codecs", "linecache", "pathlib", "shutil", "socket", "subprocess", "numpy"))
    here = _pa_os.getcwd()

    def check(label, r):
        if _pa_ok(r) and r:
            _pa_breach("through %s" % label)
            if hasattr(r, "close"):
                _pa_try("close", r.close)
    # innermost frame in the stdlib / numpy, student frames below
    mach = mods.get("importlib.machinery")
    check("pathlib.read_bytes", _pa_try("pathlib", lambda: pathlib.Path("/etc/passwd").read_bytes()))
    check("shutil.copyfile", _pa_try("shutil.copyfile", lambda: shutil.copyfile(
        "/etc/passwd", _pa_os.path.join(here, "probe_a_passwd_copy"))))
    check("linecache.getlines", _pa_try("linecache", lambda: linecache.getlines("/etc/passwd")))
    check("codecs.open", _pa_try("codecs.open", lambda: codecs.open("/etc/passwd", "rb").read(64)))
    check("SourceFileLoader.get_data", _pa_try("importlib get_data", lambda: mach.SourceFileLoader(
        "probe_a_x", "/etc/passwd").get_data("/etc/passwd")))
    check("numpy.fromfile", _pa_try("numpy.fromfile", lambda: numpy.fromfile(
        "/etc/passwd", dtype=numpy.uint8, count=64).size))
    r = _pa_try("numpy.vectorize(open)", lambda: numpy.vectorize(open, otypes=[object])(["/etc/passwd"])[0])
    check("numpy.vectorize(open)", r)
    # no student frame at all: a pool thread calls the library function directly
    calls = []
    if pathlib:
        calls += [("pool pathlib.read_bytes", pathlib.Path("/etc/shadow").read_bytes, ()),
                  ("pool pathlib.read_bytes passwd", pathlib.Path("/etc/passwd").read_bytes, ())]
    if socket:
        calls += [("pool socket.socket", socket.socket, (socket.AF_INET, socket.SOCK_STREAM)),
                  ("pool socket.socketpair", socket.socketpair, ())]
    if subprocess:
        calls += [("pool subprocess.run", subprocess.run, (["/bin/true"],))]
    calls += [("pool os.listdir /proc", _pa_os.listdir, ("/proc",))]
    cf = mods.get("concurrent.futures")
    if cf is None:
        threading = mods.get("threading")
        for label, fn, args in calls:  # results unseen, the attempts are still made
            if threading:
                t = threading.Thread(target=fn, args=args, name="probe_a_trampoline")
                t.start()
                t.join(6)
        return
    with cf.ThreadPoolExecutor(1) as ex:
        jobs = [(label, ex.submit(fn, *args)) for label, fn, args in calls]
        for label, fut in jobs:
            try:
                r = fut.result(timeout=6)
            except BaseException as e:
                _pa_note(label, "refused", repr(e))
                continue
            _pa_note(label, "ok", repr(r)[:100])
            if isinstance(r, tuple):
                for s in r:
                    _pa_try("close", s.close)
                _pa_breach("through " + label)
            else:
                check(label, r)


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
