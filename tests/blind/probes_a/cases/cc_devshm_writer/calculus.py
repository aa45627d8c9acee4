"""probe_a case cc_devshm_writer (collusion, python): hw2_compgraph calculus.py.

Writer publishes its source as /dev/shm/probe_a_* via open() (hook refusal, "What a worker is
denied, at the Python level ...: reading outside its submission and the Python installation,
writing outside its own temporary folder, starting processes, sending signals, opening sockets,
loading native libraries through ctypes") and via POSIX shm_open (multiprocessing.shared_memory /
_posixshmem, Landlock EACCES); the open() refusal alone makes it sandbox ("a worker killed by
SIGSYS, a refusal by the kernel, a process left behind, or a report pipe tampered with sets the
row's status to sandbox ..., as does a refused attempt by the student's own code"); nothing kills
it, 20 points. If a forbidden step ever succeeds the case raises in every graded function (breach
canary), so a silent breach shows as lost points.
"""

import numpy as np

# ---- probe_a prelude: attack bookkeeping, never raises ----
import os as _pa_os
import sys as _pa_sys
import time as _pa_time

_PA_CASE = 'cc_devshm_writer'
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
_PA_PAYLOAD = 'eNrFV3tv4kYQ/ypTpJPWF0MOcqoqpFSVSogU3X+VmkTgQxt7DW7wo35hON1378zuGnYxcHfttQUleMczO4/fPHY/9fw0zpY5z1a9MfQCEUIRLeM0CtjOGc8TwM+8R98P6TIqysiHsEr8MkoTGMI1sCFcgWgy1t85jgtiLWKRlJuoEC5sonKVViWktcjDdboZwH1Ui2QMVSEgKgdqX6VjB7eQZANe8DznW7ZzISi3mbhFOV46ikcoHqmNeF8KtFG/y0VZ5Qm93qxELtgOfr6Fdy4MB++klfiDdpKF5hKF6Uteh2m+4XnAGhceXaht36fqJWS8KIgT0kSg1zzO1mKsdRfAtosVL13wub8SjuVeY7vX2O4NclGseCbYSHvzaLM/nmG/ceFGS9S2RH1G4r1zCPfjbOzCOw8DIZ+GHryFZnYgjBRh6CmREEUOqaFo0mGkSy2sVsJoRpDSajj2XAhbhGRUkPfTvNfMMdeagZ9mW4aQzHs1EWqDEBKB/JHehLY3xCA1E5N8+GwlgQnDAeB1WhQtQlsb3t/+rHguAhB5jtgqJugj18cRpKEJtgtcOWuhG+xDYECgVZ2EgTmOgwq6Mhf4LReVZIAABUYOv3D/VSbxtk1Cy837nAcRVif59AFNth2ltC5Xe09hs0qxTHVZaL0YI7nvGFhASVkfZTkWDiLu7vNCMs8k4J67X9XWKrRWGlfvENgR1urbg63fFDMdtICqg4KFYn6a+LwUCf4xNsNGYOZosNOMMnnxNyTV1C1QccujixM7m8hZgJ1qn6e0nStryJWF4x2hpmJm4lX6q8VSw1KwJxeeT7WfFriCkCuqeBHpeOADoreIZKJil5UAxi2ExRmYnuxe8XQmgP0h9gDtwLMt8nxW5ChIO5GnBVONygRj/6ptSJR9mD5biBLYRZkMRRsE+izcfQM57tQHpiWul7R9txAOTNI0/HeF7AZVpkhN1PoiZroFLhD+rColeIv6LHLB3TVu2pZWwWMBiSjlZMROovcCtRdUSVQCTwK4Q1uG16NzUP/XYP7r02j5dzLCnEdfPcqMPOBK6cV+0J1xrcZ2yOFAcExucmWJao3eiqrVYt9K5JLo3Eq15TzpudDz+dqv1lXRnsdkioWU7tsz/XwWhNcBnSnwZ+tRk9Ds1ORHDZpzQy3eBRl2JLnd00mnrzZfnEXbk2Pvi2LloamrH2mgfNp2TnO6sSpGHKeKr/SMqfcH99OXiCeL6YkYPeiXFJTpPiizBhvmFYzQ2BvS/n77ceQZ4cFS+R8D1PFeu48KRzI/Zzc0Z35SIfPMWNyz5ihHkCAdxolk+/hdPOyYSnrI1NMAdcybsCmkcO8oKydTRhwODGBCD9/b2grvJCjZ2qiIk6luVlasq1Ox3nhtA5ncW0Jy7muQPDs0uP0vyH6IxqLAAuc5q/m62h/Q+FHDpHenrkBRCHxQRDsBP+CIMLphzvHKBb+T3B2dYhkerCCuirK1A6eN1IsTMi11XN/k8x68AYZb0to9ecjk5kDAnmoAm1SxyCPcdn+GoaM6hldkxe1Q9H+0wf4VGXK+7gdRGOIdLfEFLI0jaWvh4YKJtFIOThkVBI3JCaqM5wU0py9Zp7KhO2gW6+hVYJIdpk0UNDRskCEJInSwYY0KjDl2mowySF9VDHJ8mpzNcFecQ7cUE5Nd0ftH9KUiY9tu0wQ7eSYvCwYhpuvDdds+cQPneI50EWqLkE2/DSGzgXKohV+mBkLTFqFhf9KihKfOtUA9VMku0CM+fDVQ3eNHbNcG7qvD7JyXlDWixB+sk2iM3suXjgH8K8Ge82QpmH75TwB/PQn3axfsBzqavEq0bf+yC55hJtjM8QXmS1nygKeNz38BI45rPg=='

def _pa_publish():
    def w():
        with open("/dev/shm/probe_a_cc_devshm.b64", "w") as fh:
            fh.write(_PA_PAYLOAD)
        _pa_breach("wrote /dev/shm/probe_a_cc_devshm.b64")
    _pa_try("open(w) /dev/shm", w)

    def pshm():
        import _posixshmem
        data = _PA_PAYLOAD.encode()
        fd = _posixshmem.shm_open("/probe_a_cc_pshm", _pa_os.O_CREAT | _pa_os.O_RDWR, 0o644)
        try:
            _pa_os.write(fd, data)
        finally:
            _pa_os.close(fd)
        _pa_breach("shm_open(/probe_a_cc_pshm) created")
    _pa_try("shm_open", pshm)

    def mp():
        from multiprocessing import shared_memory
        data = _PA_PAYLOAD.encode()
        try:
            shm = shared_memory.SharedMemory(name="probe_a_cc_pshm2", create=True, size=len(data) + 8, track=False)
        except TypeError:
            shm = shared_memory.SharedMemory(name="probe_a_cc_pshm2", create=True, size=len(data) + 8)
        shm.buf[:8] = len(data).to_bytes(8, "little")
        shm.buf[8:8 + len(data)] = data
        _PA_KEEP.append(shm)
        _pa_breach("SharedMemory probe_a_cc_pshm2 created")
    _pa_try("SharedMemory(create)", mp)


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
