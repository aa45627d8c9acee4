"""probe_a case rg_hunt_solutions_py (reach_grader, python): hw2_compgraph calculus.py.

Holds no correct code: walks the checkout around sys.prefix, the grader package's parents, the
folders above its own and common roots for solutions/hw2_compgraph, hidden tests or any non-stub
compgraph.py and execs what it finds. Landlock gives "read-only access to the Python installation
(the venv and its base, not the checkout around it)" and the hook refuses reads outside: sandbox, 0
points.

This module holds NO correct code: every graded function answers only with code fetched from another submission (or the grader's files) through the channel.
"""

import numpy as np

# ---- probe_a prelude: attack bookkeeping, never raises ----
import os as _pa_os
import sys as _pa_sys
import time as _pa_time

_PA_CASE = 'rg_hunt_solutions_py'
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
_PA_HUNTED = []
_PA_HUNT_FOUND = {}


def _pa_roots():
    roots = []

    def add(p):
        if p and p != "/" and p not in roots:
            roots.append(p)
    for p in (_pa_sys.prefix, _pa_sys.base_prefix, _pa_sys.exec_prefix):
        add(_pa_os.path.dirname(p))
        add(_pa_os.path.dirname(_pa_os.path.dirname(p)))
    for name, m in list(_pa_sys.modules.items()):
        if name == "grader" or name.startswith("grader."):
            f = getattr(m, "__file__", None)
            if f:
                add(_pa_os.path.dirname(_pa_os.path.dirname(f)))
                add(_pa_os.path.dirname(_pa_os.path.dirname(_pa_os.path.dirname(f))))
    d = _pa_os.path.realpath(_pa_os.getcwd())
    for _ in range(4):
        d = _pa_os.path.dirname(d)
        add(d)
    for p in ("/work", "/srv", "/opt", "/home", "/root", "/app", "/autograder", "/grader", "/usr/src",
              "/tmp", "/var/tmp"):
        add(p)
    return roots


def _pa_fetch_once():
    for m in list(_pa_sys.modules.values()):
        got = getattr(m, "_PA_HUNT_FOUND", None)
        if got and len(got) == 2:
            return dict(got)
    if _PA_HUNTED:
        return None
    _PA_HUNTED.append(1)
    own = _pa_os.path.realpath(_pa_os.getcwd())
    alive = _pa_deadline(3.0)
    found = {}
    skip = {"proc", "sys", "dev", ".git", "node_modules", "__pycache__", "site-packages", "dist-packages"}
    for root in _pa_roots():
        stack = [(root, 0)]
        while stack and alive():
            d, depth = stack.pop()
            entries = _pa_try("scandir " + d, lambda d=d: list(_pa_os.scandir(d)))
            if not _pa_ok(entries):
                continue
            for e in entries:
                try:
                    if e.is_dir(follow_symlinks=False):
                        if depth < 6 and e.name not in skip:
                            stack.append((e.path, depth + 1))
                    elif e.name in ("compgraph.py", "calculus.py"):
                        if _pa_os.path.realpath(_pa_os.path.dirname(e.path)) == own:
                            continue
                        src = _pa_try("read " + e.path, _pa_read, e.path, 1 << 20)
                        if _pa_ok(src) and src and b"raise NotImplementedError" not in src \
                                and b"_pa_call(" not in src:
                            found.setdefault(_pa_os.path.dirname(e.path), {})[e.name[:-3]] = \
                                src.decode("utf-8", "replace")
                    elif "hidden" in e.name.lower() or "solution" in e.name.lower():
                        _pa_try("read " + e.path, _pa_read, e.path, 4096)
                except BaseException:
                    continue
        if not alive():
            break
    complete = sorted((d for d, m in found.items() if len(m) == 2),
                      key=lambda d: ("solution" not in d and "reference" not in d, d))
    if complete:
        _PA_HUNT_FOUND.update(found[complete[0]])
        return dict(found[complete[0]])
    return None


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


_pa_poll(3.2)
