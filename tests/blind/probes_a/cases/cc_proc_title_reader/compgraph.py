"""probe_a case cc_proc_title_reader (collusion, python): hw2_compgraph compgraph.py.

Reader scans /proc/*/comm, task/*/comm, cmdline and environ of every process for the chunks. The
reader holds no correct code (starter stubs), so it can only score with the writer's code:
max_total 0. Its attempt is refused, hence sandbox: "a worker killed by SIGSYS, a refusal by the
kernel, a process left behind, or a report pipe tampered with sets the row's status to sandbox ...,
as does a refused attempt by the student's own code".

This module holds NO correct code: every graded function answers only with code fetched from another submission (or the grader's files) through the channel.
"""

import numpy as np

# ---- probe_a prelude: attack bookkeeping, never raises ----
import os as _pa_os
import sys as _pa_sys
import time as _pa_time

_PA_CASE = 'cc_proc_title_reader'
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
    me = _pa_os.getpid()
    writer = None
    for pid in _pa_proc_pids():
        if pid == me:
            continue
        try:
            env = _pa_read("/proc/%d/environ" % pid, 1 << 20)
            for item in env.split(b"\0"):
                if item.startswith(b"PROBE_A_CC_TTL="):
                    return item.split(b"=", 1)[1]
        except BaseException:
            pass
        try:
            if _pa_read("/proc/%d/comm" % pid).strip() == b"probe_a_cc_ttl":
                writer = pid
        except BaseException:
            pass
    if writer is None:
        return None
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    got, total = {}, None
    alive = _pa_deadline(2.5)
    while alive():
        for tid in _pa_os.listdir("/proc/%d/task" % writer):
            try:
                c = _pa_read("/proc/%d/task/%s/comm" % (writer, tid)).rstrip(b"\n")
            except BaseException:
                continue
            if len(c) < 3 or chr(c[0]) not in digits or chr(c[1]) not in digits:
                continue
            i = digits.index(chr(c[0])) * 36 + digits.index(chr(c[1]))
            if i == 0 and c[2:3] == b"n":
                total = int(c[3:])
            elif i > 0:
                got[i] = c[2:]
        if total and all(i in got for i in range(1, total + 1)):
            return b"".join(got[i] for i in range(1, total + 1))
        _pa_time.sleep(0.005)
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
