"""probe_a case rg_staging_key_py (reach_grader, python): hw2_compgraph compgraph.py.

Looks for the staging folder's HMAC key and staged results (files named *key*, *.json, *staging* in
the ancestors, /proc/<ppid>/cwd and paths from the parent's cmdline) and tries to read and to plant
a probe_a_ file next to them. The key is "readable by the grader's user alone" and staging is
"written where no worker reaches (Landlock ...)"; the hook refuses the reads: sandbox, 20. If a
forbidden step ever succeeds the case raises in every graded function (breach canary), so a silent
breach shows as lost points.
"""

import numpy as np

# ---- probe_a prelude: attack bookkeeping, never raises ----
import os as _pa_os
import sys as _pa_sys
import time as _pa_time

_PA_CASE = 'rg_staging_key_py'
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
