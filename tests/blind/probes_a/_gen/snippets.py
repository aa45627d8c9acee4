"""Source snippets shared by the probes_a cases (pasted into each case file, so
every case folder is self-contained)."""

# ----------------------------------------------------------------------------
# Bookkeeping present in every attack module: a log that is never printed, the
# breach canary (a forbidden step that SUCCEEDED makes every graded function
# raise, so a silent breach shows as lost points), a swallow-everything helper
# and the path guard that keeps destructive steps inside grader-made temporary
# folders even if every defence failed.
PRELUDE = r'''
# ---- probe_a prelude: attack bookkeeping, never raises ----
import os as _pa_os
import sys as _pa_sys
import time as _pa_time

_PA_CASE = {case!r}
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
'''

# ----------------------------------------------------------------------------
# /proc helpers (python).  Sibling workers are only ever chosen among processes
# whose command line contains "grader" and that are neither this worker nor one
# of its ancestors.
PROC = r'''
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
'''

# ----------------------------------------------------------------------------
# Native access: libc syscall() through ctypes (PyDLL(None), PyDLL("libc.so.6"),
# ctypes.pythonapi), then a machine-code stub in an anonymous PROT_EXEC mapping
# called through PYFUNCTYPE (no library is loaded at all).  Stub (x86_64):
#   mov rax,rdi; mov rdi,rsi; mov rsi,rdx; mov rdx,rcx; mov r10,r8; mov r8,r9;
#   mov r9,[rsp+8]; syscall; ret
NATIVE = r'''
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
'''

# ----------------------------------------------------------------------------
# Steps the docs say are refused, used after each silencing attempt.
FORBIDDEN_STEPS = r'''
def _pa_forbidden_steps(tag=""):
    for p in ("/etc/passwd", "/etc/shadow"):
        def rd(p=p):
            with open(p, "rb") as fh:
                data = fh.read(64)
            if data:
                _pa_breach("%s read %s" % (tag, p))
            return len(data)
        _pa_try(tag + "read " + p, rd)

    def sock(family):
        import socket
        s = socket.socket(getattr(socket, family), socket.SOCK_STREAM)
        s.close()
        _pa_breach("%s opened an %s socket" % (tag, family))
    _pa_try(tag + "socket AF_INET", sock, "AF_INET")
    _pa_try(tag + "socket AF_UNIX", sock, "AF_UNIX")

    def spawn():
        import subprocess
        subprocess.run(["/bin/true"], timeout=3)
        _pa_breach("%s started /bin/true" % tag)
    _pa_try(tag + "spawn /bin/true", spawn)
'''

# ----------------------------------------------------------------------------
# Canary: wraps the graded functions at the very end of an attack module.
GUARD = r'''

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


_pa_guard({funcs!r})
'''

# ----------------------------------------------------------------------------
# Reader side of a collusion pair: starter stubs that only answer with what
# the channel delivered.
READER_CORE = r'''
_PA_MODULE = {module!r}
_PA_NAMES = {names!r}
_PA_GOT = {{}}
_PA_SPENT = [0.0]


def _pa_accept(blob):
    """blob: the writer's payload (base64 of zlib of a JSON {{module: source}}), or a dict
    {{module: whole module source}} found on disk; exec our module's part."""
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
    ns = {{"np": np, "__name__": "probe_a_borrowed_" + _PA_MODULE}}
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
'''

READER_STUBS_CG = r'''

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
'''

READER_STUBS_CA = r'''

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
'''
