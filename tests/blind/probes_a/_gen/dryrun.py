"""Dry run of ONE case with every attack refused, to check that refused attacks
leave the honest answers intact and that a case stays within its time budget.
This is NOT the grader and tests nothing about it.

Containment (see dryrun.sh): new user-visible mount, pid, ipc and net
namespaces, tmpfs over /tmp, /var/tmp and /dev/shm, uid 65534, a file-size
limit, and below the stricter audit hook of this file, which refuses every
foreign call through ctypes, sockets, processes, signals, locks, rlimits of
others and any path outside the case's scratch copy and the Python
installation; functions without an audit event are replaced by refusals.

    python3 dryrun.py <case_dir>      (prints one JSON line)
"""
import json
import os
import shutil
import sys
import time


def install(scratch):
    import _posixshmem
    import resource

    def refuse(*a, **k):
        raise PermissionError("probe_a dryrun: refused")
    for name in ("memfd_create", "sched_setaffinity", "sched_setscheduler", "setpriority", "setsid", "setpgid",
                 "setuid", "setgid", "setgroups", "pidfd_open", "eventfd", "posix_spawn", "posix_spawnp",
                 "fork", "forkpty", "kill", "killpg"):
        if hasattr(os, name):
            setattr(os, name, refuse)
    _posixshmem.shm_open = refuse
    _posixshmem.shm_unlink = refuse
    # CPython on Linux raises no audit event when a ctypes foreign function is CALLED, and
    # sys.audit can be monkeypatched away by the case itself: refuse the primitives directly.
    import ctypes
    import mmap
    import _posixsubprocess
    _posixsubprocess.fork_exec = refuse
    for name in ("CFUNCTYPE", "PYFUNCTYPE", "memmove", "memset", "string_at", "wstring_at", "cast"):
        setattr(ctypes, name, refuse)
    real_mmap = mmap.mmap

    def safe_mmap(*a, **k):
        prot = k.get("prot", a[3] if len(a) > 3 else 0)
        if prot & mmap.PROT_EXEC:
            raise PermissionError("probe_a dryrun: executable mapping refused")
        return real_mmap(*a, **k)
    mmap.mmap = safe_mmap
    resource.prlimit = refuse
    resource.setrlimit = refuse

    rw = os.path.realpath(scratch)
    ro = "|".join(sorted({os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix,
                                                       os.path.dirname(os.__file__), "/usr/lib", "/usr/local/lib",
                                                       "/usr/lib64", "/lib", "/lib64") if p}))
    deny_prefix = "|".join(("socket.", "subprocess.", "ctypes.dlsym", "ctypes.dlopen", "os.fork", "os.posix_spawn", "os.spawn", "os.exec",
                            "os.system", "os.kill", "os.killpg", "signal.pthread_kill", "ctypes.call_function",
                            "fcntl.", "resource.prlimit", "resource.setrlimit", "pty.", "os.startfile",
                            "os.putenv", "os.unsetenv"))
    path_events = "|".join(("open", "os.listdir", "os.scandir", "os.chmod", "os.chown", "os.utime", "os.remove",
                            "os.unlink", "os.rename", "os.mkdir", "os.rmdir", "os.symlink", "os.link",
                            "os.truncate", "os.chdir", "shutil.copyfile", "shutil.copymode", "shutil.copystat",
                            "shutil.copytree", "shutil.move", "shutil.rmtree", "os.setxattr", "os.removexattr",
                            "os.listxattr", "os.getxattr", "glob.glob", "tempfile.mkstemp", "tempfile.mkdtemp",
                            "os.walk", "os.fwalk", "pathlib.Path.glob", "pathlib.Path.rglob"))
    mutate = "|".join(("os.chmod", "os.chown", "os.utime", "os.remove", "os.unlink", "os.rename", "os.mkdir",
                       "os.rmdir", "os.symlink", "os.link", "os.truncate", "shutil.", "os.setxattr",
                       "os.removexattr", "tempfile."))
    realpath, join, isabs, getcwd = os.path.realpath, os.path.join, os.path.isabs, os.getcwd

    def inside(p, roots):
        return any(p == r or p.startswith(r + "/") for r in roots.split("|"))

    def hook(event, args, rw=rw, ro=ro, deny_prefix=deny_prefix, path_events=path_events, mutate=mutate):
        if any(event.startswith(d) for d in deny_prefix.split("|")):
            raise PermissionError("probe_a dryrun: %s refused" % event)
        if event == "object.__setattr__" and len(args) > 1 and args[1] in ("__code__", "cell_contents"):
            raise PermissionError("probe_a dryrun: %s refused" % event)
        if event not in path_events.split("|"):
            return
        paths = [a for a in args[:2] if isinstance(a, (str, bytes))]
        if event in ("os.rename", "os.link", "os.symlink", "shutil.copyfile", "shutil.move", "shutil.copytree"):
            paths = [a for a in args[:2] if isinstance(a, (str, bytes))]
        else:
            paths = paths[:1]
        write = event != "open" and any(event.startswith(m) for m in mutate.split("|"))
        if event == "open" and len(args) > 2:
            mode, flags = args[1], args[2]
            if isinstance(mode, str) and any(c in mode for c in "wax+"):
                write = True
            if isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC):
                write = True
        for p in paths:
            if isinstance(p, bytes):
                p = p.decode("utf-8", "replace")
            full = realpath(p if isabs(p) else join(getcwd(), p))
            if inside(full, rw):
                continue
            if not write and inside(full, ro) and event != "os.chdir":
                continue
            if event == "open" and full in ("/dev/null", "/dev/urandom") and not write:
                continue
            raise PermissionError("probe_a dryrun: %s %s refused" % (event, full))
    sys.addaudithook(hook)


def checks(cg, ca, doc):
    import numpy as np
    out = {}

    def close(a, b, rtol=1e-7):
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=1e-12))

    def test(name, fn):
        try:
            out[name] = bool(fn())
        except BaseException as e:
            out[name] = "%s: %s" % (type(e).__name__, str(e)[:200])
    net = doc["network"]
    W, v, X, Y = (np.array(net[k]) for k in ("W", "v", "X", "Y"))
    ex = doc["examples"]
    test("forward", lambda: all(close(cg.forward(np.array(e["x"]), W, v)[0], e["y_hat"]) for e in ex))
    test("loss", lambda: all(close(cg.loss(e["y_hat"], e["y"]), e["loss"]) for e in ex))

    def bwd():
        caches = [cg.forward(np.array(e["x"]), W, v)[1] for e in ex]
        ok = True
        for e, c in zip(ex, caches):
            dW, dv = cg.backward(e["y"], c)
            ok &= close(dW, e["dW"]) and close(dv, e["dv"])
        return ok
    test("backward", bwd)
    test("batch", lambda: all(close(a, b) for a, b in zip(cg.batch_gradients(X, Y, W, v),
                                                           (doc["batch"]["dW"], doc["batch"]["dv"]))))
    test("sigmoid_output", lambda: close(cg.sigmoid_output_grad_v(X, Y, W, v), doc["sigmoid_output"]["dv"]))
    c = doc["calculus"]
    test("grad_f", lambda: close(ca.grad_f(c["grad_f"]["x"], c["grad_f"]["y"]), c["grad_f"]["expected"]))
    test("jacobian_F", lambda: close(ca.jacobian_F(c["jacobian_F"]["x"], c["jacobian_F"]["y"]),
                                     c["jacobian_F"]["expected"]))
    test("G", lambda: close(ca.G(c["G"]["x"]), c["G"]["expected"]))
    test("jacobian_FG", lambda: close(ca.jacobian_FG(c["jacobian_FG"]["x"]), c["jacobian_FG"]["expected"]))
    n = doc["numerical"]
    test("numerical_gradient", lambda: close(ca.numerical_gradient(np.prod, n["gradient"]["x"]),
                                             n["gradient"]["expected"], 1e-6))
    test("numerical_jacobian", lambda: close(ca.numerical_jacobian(np.cumprod, n["jacobian"]["x"]),
                                             n["jacobian"]["expected"], 1e-6))
    return out


def main():
    case_dir = sys.argv[1]
    doc = json.load(open(sys.argv[2]))
    case = os.path.basename(case_dir.rstrip("/"))
    scratch = os.path.join("/tmp", "probe_a_dry", case)
    os.makedirs(scratch)
    for m in ("compgraph.py", "calculus.py"):
        shutil.copy(os.path.join(case_dir, m), scratch)
    os.chdir(scratch)
    sys.path.insert(0, scratch)
    import numpy  # noqa: F401  (imported before the hook, as a grader worker would have it)
    import ctypes  # noqa: F401
    import _posixshmem  # noqa: F401
    res = {"case": case}
    install(scratch)
    t0 = time.monotonic()
    mods = {}
    for m in ("compgraph", "calculus"):
        t = time.monotonic()
        try:
            mods[m] = __import__(m)
            res["import_" + m] = "ok"
        except BaseException as e:
            res["import_" + m] = "%s: %s" % (type(e).__name__, str(e)[:300])
        res["t_import_" + m] = round(time.monotonic() - t, 2)

    class Missing:
        def __getattr__(self, name):
            raise RuntimeError("module did not import")
    res["checks"] = checks(mods.get("compgraph", Missing()), mods.get("calculus", Missing()), doc)
    res["t_total"] = round(time.monotonic() - t0, 2)
    res["points_like"] = sum(v is True for v in res["checks"].values())
    res["breach_marker"] = os.path.exists(os.path.join(scratch, "probe_a_BREACH"))
    logs = []
    for m in mods.values():
        logs += [x for x in getattr(m, "_PA_LOG", [])]
    res["log_refused"] = sum(1 for x in logs if x[2] in ("refused", "no native route"))
    res["log_breach"] = [x[3] for x in logs if x[2] == "breach"][:5]
    res["log_sample"] = [x[1:] for x in logs[:6]]
    res["log"] = [x[1:] for x in logs]
    sys.stdout.write("PROBE_A_RESULT " + json.dumps(res) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
