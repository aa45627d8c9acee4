"""probe_a case cc_tmpfiles_reader (collusion, python): hw2_compgraph compgraph.py.

Reader lists /tmp and /var/tmp and polls ~3 s for the writer's file to exec it. The reader holds no
correct code (starter stubs), so it can only score with the writer's code: max_total 0. Its attempt
is refused, hence sandbox: "a worker killed by SIGSYS, a refusal by the kernel, a process left
behind, or a report pipe tampered with sets the row's status to sandbox ..., as does a refused
attempt by the student's own code".

This module holds NO correct code: every graded function answers only with code fetched from another submission (or the grader's files) through the channel.
"""

import numpy as np

# ---- probe_a prelude: attack bookkeeping, never raises ----
import os as _pa_os
import sys as _pa_sys
import time as _pa_time

_PA_CASE = 'cc_tmpfiles_reader'
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

_PA_MODULE = 'compgraph'
_PA_NAMES = ['forward', 'loss', 'backward', 'batch_gradients', 'sigmoid_output_grad_v']
_PA_GOT = {}
_PA_SPENT = [0.0]


def _pa_accept(blob):
    """blob: the writer's payload (base64 of zlib of a JSON {module: source}), or a dict
    {module: whole module source} found on disk; exec our module's part."""
    import base64
    import json
    import zlib
    if isinstance(blob, dict):
        d = blob
    else:
        if isinstance(blob, str):
            blob = blob.encode()
        d = json.loads(zlib.decompress(base64.b64decode(blob.strip())).decode())
    src = d.get(_PA_MODULE)
    if not src:
        return False
    if "raise NotImplementedError" in src or "_pa_call(" in src:
        return False
    ns = {"np": np, "__name__": "probe_a_borrowed_" + _PA_MODULE}
    exec(compile(src, "<probe_a borrowed %s>" % _PA_MODULE, "exec"), ns)
    if not all(callable(ns.get(n)) for n in _PA_NAMES):
        return False
    _PA_GOT.update((n, ns[n]) for n in _PA_NAMES)
    _pa_note("accept", "ok", "borrowed %d functions" % len(_PA_NAMES))
    return True


def _pa_poll(budget):
    """Poll the channel for up to `budget` seconds (order of grading is not guaranteed)."""
    t0 = _pa_time.monotonic()
    end = t0 + budget
    try:
        while True:
            try:
                blob = _pa_fetch_once()
            except KeyboardInterrupt:
                raise
            except BaseException as e:
                _pa_note("fetch", "refused", repr(e))
                blob = None
            if blob:
                try:
                    if _pa_accept(blob):
                        return True
                except KeyboardInterrupt:
                    raise
                except BaseException as e:
                    _pa_note("accept", "error", repr(e))
            if _pa_time.monotonic() >= end:
                return False
            _pa_time.sleep(0.1)
    finally:
        _PA_SPENT[0] += _pa_time.monotonic() - t0


def _pa_call(name, *args, **kwargs):
    if not _PA_GOT and _PA_SPENT[0] < 3.5:
        _pa_poll(min(0.5, 3.5 - _PA_SPENT[0]))
    f = _PA_GOT.get(name)
    if f is None:
        raise NotImplementedError("probe_a reader %s holds no code for %s and the channel gave nothing"
                                  % (_PA_CASE, name))
    return f(*args, **kwargs)


# ---- probe_a channel ----
def _pa_fetch_once():
    for d in ("/tmp", "/var/tmp"):
        names = _pa_try("listdir " + d, _pa_os.listdir, d)
        cands = ["probe_a_cc_tmpfiles.b64", "probe_a_cc_tmpfiles.b64.2"]
        if _pa_ok(names):
            cands += [n for n in names if n.startswith("probe_a_cc_tmpfiles")]
        for n in cands:
            def rd(p=_pa_os.path.join(d, n)):
                with open(p) as fh:
                    return fh.read()
            data = _pa_try("read " + n, rd)
            if _pa_ok(data) and data:
                return data
    return None


def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    """Forward pass for one example (reader stub: answers only with borrowed code)."""
    return _pa_call("forward", x, W, v)


def loss(y_hat, y):
    """Squared error (reader stub)."""
    return _pa_call("loss", y_hat, y)


def backward(y, cache):
    """Gradient of L (reader stub)."""
    return _pa_call("backward", y, cache)


def batch_gradients(X, Y, W, v):
    """Summed gradients (reader stub)."""
    return _pa_call("batch_gradients", X, Y, W, v)


def sigmoid_output_grad_v(X, Y, W, v):
    """dE/dv with a sigmoid output (reader stub)."""
    return _pa_call("sigmoid_output_grad_v", X, Y, W, v)


_pa_poll(2.5)
