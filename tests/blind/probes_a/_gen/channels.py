"""Collusion channels: WRITERS[ch] runs in the writer's calculus.py top level
(after its honest code, with _PA_PAYLOAD = the writer's honest source);
READERS[ch] defines _pa_fetch_once() (and may run setup code) in both modules
of the reader.  NEEDS[ch] lists the shared snippets each side needs."""

KEYS = {'sysv_shm': 0x70610003, 'sysv_msg': 0x70610004, 'sysv_sem': 0x70610005}
LOCK_BASE = 0x50524F4100000000

NEEDS = {
    'tmpfiles': ((), ()),
    'devshm': ((), ()),
    'sysv_shm': (('NATIVE',), ('NATIVE',)),
    'sysv_msg': (('NATIVE',), ('NATIVE',)),
    'sysv_sem': (('NATIVE',), ('NATIVE',)),
    'abstract_sock': ((), ()),
    'path_sock': ((), ()),
    'fcntl_lock': ((), ()),
    'memfd': ((), ('PROC',)),
    'proc_title': (('NATIVE',), ('PROC',)),
    'proc_cwd': ((), ('PROC',)),
    'inotify': ((), ('NATIVE', 'PROC')),
}

WRITERS = {}
READERS = {}

# ------------------------------------------------------------------ tmpfiles
WRITERS['tmpfiles'] = r'''
def _pa_publish():
    for d in ("/tmp", "/var/tmp"):
        p = d + "/probe_a_cc_tmpfiles.b64"

        def w(p=p):
            with open(p, "w") as fh:
                fh.write(_PA_PAYLOAD)
            _pa_breach("wrote " + p)
        _pa_try("open(w) " + p, w)

        def w2(p=p + ".2"):
            fd = _pa_os.open(p, _pa_os.O_WRONLY | _pa_os.O_CREAT | _pa_os.O_TRUNC, 0o644)
            try:
                _pa_os.write(fd, _PA_PAYLOAD.encode())
            finally:
                _pa_os.close(fd)
            _pa_breach("wrote " + p)
        _pa_try("os.open(O_CREAT) " + p + ".2", w2)


_pa_try("publish", _pa_publish)
'''

READERS['tmpfiles'] = r'''
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
'''

# ------------------------------------------------------------------ devshm
WRITERS['devshm'] = r'''
def _pa_publish():
    def w():
        with open("/dev/shm/probe_a_cc_devshm.b64", "w") as fh:
            fh.write(_PA_PAYLOAD)
        _pa_breach("wrote /dev/shm/probe_a_cc_devshm.b64")
    _pa_try("open(w) /dev/shm", w)

    def pshm():
        import _posixshmem
        data = _PA_PAYLOAD.encode()
        fd = _posixshmem.shm_open("/probe_a_cc_pshm", _pa_os.O_CREAT | _pa_os.O_RDWR, 0o644)
        try:
            _pa_os.write(fd, data)
        finally:
            _pa_os.close(fd)
        _pa_breach("shm_open(/probe_a_cc_pshm) created")
    _pa_try("shm_open", pshm)

    def mp():
        from multiprocessing import shared_memory
        data = _PA_PAYLOAD.encode()
        try:
            shm = shared_memory.SharedMemory(name="probe_a_cc_pshm2", create=True, size=len(data) + 8, track=False)
        except TypeError:
            shm = shared_memory.SharedMemory(name="probe_a_cc_pshm2", create=True, size=len(data) + 8)
        shm.buf[:8] = len(data).to_bytes(8, "little")
        shm.buf[8:8 + len(data)] = data
        _PA_KEEP.append(shm)
        _pa_breach("SharedMemory probe_a_cc_pshm2 created")
    _pa_try("SharedMemory(create)", mp)


_pa_try("publish", _pa_publish)
'''

READERS['devshm'] = r'''
def _pa_fetch_once():
    def rd():
        with open("/dev/shm/probe_a_cc_devshm.b64") as fh:
            return fh.read()
    data = _pa_try("read /dev/shm", rd)
    if _pa_ok(data) and data:
        return data

    def pshm():
        import _posixshmem
        fd = _posixshmem.shm_open("/probe_a_cc_pshm", _pa_os.O_RDONLY, 0)
        try:
            return _pa_os.read(fd, 1 << 20)
        finally:
            _pa_os.close(fd)
    data = _pa_try("shm_open read", pshm)
    if _pa_ok(data) and data:
        return data

    def mp():
        from multiprocessing import shared_memory
        try:
            shm = shared_memory.SharedMemory(name="probe_a_cc_pshm2", track=False)
        except TypeError:
            shm = shared_memory.SharedMemory(name="probe_a_cc_pshm2")
        n = int.from_bytes(bytes(shm.buf[:8]), "little")
        out = bytes(shm.buf[8:8 + n])
        shm.close()
        return out
    data = _pa_try("SharedMemory attach", mp)
    if _pa_ok(data) and data:
        return data
    return None
'''

# ------------------------------------------------------------------ sysv_shm
WRITERS['sysv_shm'] = r'''
def _pa_publish():
    import ctypes
    data = _PA_PAYLOAD.encode()
    blob = len(data).to_bytes(8, "little") + data
    size = 4096 * ((len(blob) + 4095) // 4096)
    shmid = _pa_scall("shmget(IPC_CREAT)", 29, %(key)d, size, 0o1000 | 0o666)
    if shmid is None or shmid < 0:
        return
    addr = _pa_scall("shmat", 30, shmid, 0, 0, mode="none")
    if addr is None or addr < 0:
        return
    ctypes.memmove(addr, blob, len(blob))
    _pa_scall("shmdt", 67, addr, mode="none")
    # never IPC_RMID: the segment outlives the worker


_pa_try("publish", _pa_publish)
''' % {'key': KEYS['sysv_shm']}

READERS['sysv_shm'] = r'''
def _pa_fetch_once():
    import ctypes
    shmid = _pa_scall("shmget", 29, %(key)d, 0, 0)
    if shmid is None or shmid < 0:
        return None
    addr = _pa_scall("shmat(SHM_RDONLY)", 30, shmid, 0, 0o10000, mode="none")
    if addr is None or addr < 0:
        return None
    try:
        n = int.from_bytes(ctypes.string_at(addr, 8), "little")
        if 0 < n < (1 << 24):
            return ctypes.string_at(addr + 8, n)
    finally:
        _pa_scall("shmdt", 67, addr, mode="none")
    return None
''' % {'key': KEYS['sysv_shm']}

# ------------------------------------------------------------------ sysv_msg
WRITERS['sysv_msg'] = r'''
def _pa_msgbuf(mtype, data):
    b, a = _pa_cbuf(8 + len(data))
    import ctypes
    ctypes.memmove(a, mtype.to_bytes(8, "little") + data, 8 + len(data))
    return a


def _pa_publish():
    data = _PA_PAYLOAD.encode()
    qid = _pa_scall("msgget(IPC_CREAT)", 68, %(key)d, 0o1000 | 0o666)
    if qid is None or qid < 0:
        return
    chunks = [data[i:i + 2000] for i in range(0, len(data), 2000)]
    for i, c in enumerate(chunks):
        _pa_scall("msgsnd %%d" %% i, 69, qid, _pa_msgbuf(i + 2, c), len(c), 0o4000, mode="none")
    head = str(len(chunks)).encode()
    _pa_scall("msgsnd head", 69, qid, _pa_msgbuf(1, head), len(head), 0o4000, mode="none")
    # never IPC_RMID


_pa_try("publish", _pa_publish)
''' % {'key': KEYS['sysv_msg']}

READERS['sysv_msg'] = r'''
def _pa_fetch_once():
    import ctypes
    qid = _pa_scall("msgget", 68, %(key)d, 0)
    if qid is None or qid < 0:
        return None
    buf, addr = _pa_cbuf(8 + 8192)

    def take(mtype):
        n = _pa_scall("msgrcv %%d" %% mtype, 70, qid, addr, 8192, mtype, 0o4000, mode="none")
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
''' % {'key': KEYS['sysv_msg']}

# ------------------------------------------------------------------ sysv_sem
WRITERS['sysv_sem'] = r'''
def _pa_publish():
    import ctypes
    data = _PA_PAYLOAD.encode()
    vals = list(len(data).to_bytes(4, "little")) + list(data)
    n = len(vals)
    semid = _pa_scall("semget(IPC_CREAT)", 64, %(key)d, n, 0o1000 | 0o666)
    if semid is None or semid < 0:
        return
    arr = (ctypes.c_ushort * n)(*vals)
    _PA_KEEP.append(arr)
    _pa_scall("semctl(SETALL)", 66, semid, 0, 17, ctypes.addressof(arr), mode="none")
    # never IPC_RMID


_pa_try("publish", _pa_publish)
''' % {'key': KEYS['sysv_sem']}

READERS['sysv_sem'] = r'''
def _pa_fetch_once():
    import ctypes
    semid = _pa_scall("semget", 64, %(key)d, 0, 0)
    if semid is None or semid < 0:
        return None
    arr = (ctypes.c_ushort * 32768)()
    r = _pa_scall("semctl(GETALL)", 66, semid, 0, 13, ctypes.addressof(arr), mode="none")
    if r is None or r < 0:
        return None
    n = int.from_bytes(bytes(arr[i] & 0xFF for i in range(4)), "little")
    if not 0 < n < 32000:
        return None
    return bytes(arr[4 + i] & 0xFF for i in range(n))
''' % {'key': KEYS['sysv_sem']}

# ------------------------------------------------------------------ abstract_sock
SERVE = r'''
def _pa_serve(sock, seconds):
    import socket
    alive = _pa_deadline(seconds)
    sock.settimeout(0.2)
    try:
        while alive():
            try:
                c, _ = sock.accept()
            except socket.timeout:
                continue
            except BaseException:
                break
            try:
                c.sendall(_PA_PAYLOAD.encode())
            except BaseException:
                pass
            finally:
                c.close()
    finally:
        sock.close()


def _pa_listen(address, label):
    import socket
    import threading
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.bind(address)
        s.listen(8)
    except BaseException:
        s.close()
        raise
    _pa_breach("listening on AF_UNIX " + label)
    threading.Thread(target=_pa_serve, args=(s, 7.0), name="probe_a_serve", daemon=True).start()
'''

CONNECT = r'''
def _pa_connect(address):
    import socket
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(0.5)
    try:
        s.connect(address)
        chunks = []
        while True:
            b = s.recv(65536)
            if not b:
                break
            chunks.append(b)
        return b"".join(chunks) or None
    except (ConnectionRefusedError, FileNotFoundError):
        return None
    finally:
        s.close()
'''

WRITERS['abstract_sock'] = SERVE + r'''
_pa_try("listen abstract", _pa_listen, "\0probe_a_cc_abs", "@probe_a_cc_abs")
'''

READERS['abstract_sock'] = CONNECT + r'''
def _pa_fetch_once():
    return _pa_connect("\0probe_a_cc_abs")
'''

# ------------------------------------------------------------------ path_sock
WRITERS['path_sock'] = SERVE + r'''
def _pa_sock_paths():
    out = ["/tmp/probe_a_cc_psock", "/var/tmp/probe_a_cc_psock"]
    parent = _pa_os.path.dirname(_pa_os.path.realpath(_pa_os.getcwd()))
    if _pa_safe_dir(parent):
        out.append(_pa_os.path.join(parent, "probe_a_cc_psock"))
    return out


for _p in _pa_sock_paths():
    _r = _pa_try("listen " + _p, _pa_listen, _p, _p)
    if isinstance(_r, OSError) and getattr(_r, "errno", 0) == 98:  # stale socket file
        _pa_try("unlink stale " + _p, _pa_os.unlink, _p)
        _pa_try("listen again " + _p, _pa_listen, _p, _p)
'''

READERS['path_sock'] = CONNECT + r'''
def _pa_fetch_once():
    paths = ["/tmp/probe_a_cc_psock", "/var/tmp/probe_a_cc_psock",
             _pa_os.path.join(_pa_os.path.dirname(_pa_os.path.realpath(_pa_os.getcwd())), "probe_a_cc_psock")]
    for p in paths:
        data = _pa_try("connect " + p, _pa_connect, p)
        if _pa_ok(data) and data:
            return data
    return None
'''

# ------------------------------------------------------------------ fcntl_lock
WRITERS['fcntl_lock'] = r'''
_PA_LOCK_BASE = %(base)d


def _pa_publish():
    import fcntl
    import numpy
    data = _PA_PAYLOAD.encode()
    blob = len(data).to_bytes(4, "little") + data
    fd = _pa_os.open(numpy.__file__, _pa_os.O_RDONLY)
    _PA_KEEP.append(fd)
    fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB, 1, _PA_LOCK_BASE)  # "writer present"
    _pa_breach("fcntl read lock taken on numpy/__init__.py")
    nbits = len(blob) * 8
    bit = lambda i: (blob[i >> 3] >> (i & 7)) & 1
    i = 0
    while i < nbits:
        if bit(i):
            j = i
            while j < nbits and bit(j):
                j += 1
            fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB, j - i, _PA_LOCK_BASE + 1 + i)
            i = j
        else:
            i += 1

    def fl():
        import os.path
        fd2 = _pa_os.open(_pa_os.path.join(_pa_os.path.dirname(numpy.__file__), "version.py"), _pa_os.O_RDONLY)
        _PA_KEEP.append(fd2)
        fcntl.flock(fd2, fcntl.LOCK_SH | fcntl.LOCK_NB)
        _pa_breach("flock taken on numpy/version.py")
    _pa_try("flock", fl)


_pa_try("publish", _pa_publish)
''' % {'base': LOCK_BASE}

READERS['fcntl_lock'] = r'''
_PA_LOCK_BASE = %(base)d


def _pa_locked(fd, off):
    import fcntl
    import struct
    req = struct.pack("=hh4xqqi4x", fcntl.F_WRLCK, 0, off, 1, 0)
    res = fcntl.fcntl(fd, fcntl.F_GETLK, req)
    return struct.unpack("=hh4xqqi4x", res)[0] != fcntl.F_UNLCK


def _pa_fetch_once():
    import fcntl
    import numpy
    fd = _pa_os.open(numpy.__file__, _pa_os.O_RDONLY)
    try:
        fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB, 1, _PA_LOCK_BASE - 1)  # "reader present"
        if not _pa_locked(fd, _PA_LOCK_BASE):
            return None

        def read_bytes(start, count):
            out = bytearray(count)
            for k in range(count * 8):
                if _pa_locked(fd, _PA_LOCK_BASE + 1 + start * 8 + k):
                    out[k >> 3] |= 1 << (k & 7)
            return bytes(out)
        n = int.from_bytes(read_bytes(0, 4), "little")
        if not 0 < n < (1 << 20):
            return None
        return read_bytes(4, n)
    finally:
        _pa_os.close(fd)
''' % {'base': LOCK_BASE}

# ------------------------------------------------------------------ memfd
WRITERS['memfd'] = r'''
def _pa_publish():
    fd = _pa_os.memfd_create("probe_a_cc_memfd", 0)
    _PA_KEEP.append(fd)
    _pa_breach("memfd_create allowed")
    _pa_os.write(fd, _PA_PAYLOAD.encode())


_pa_try("publish", _pa_publish)
'''

READERS['memfd'] = r'''
_PA_GUESSED = []


def _pa_fetch_once():
    me = _pa_os.getpid()
    pids = _pa_try("listdir /proc", _pa_proc_pids)
    if not _pa_ok(pids):
        if _PA_GUESSED:
            return None
        _PA_GUESSED.append(1)
        pids = [p for p in range(me - 60, me + 60) if p > 1]
    for pid in pids:
        if pid == me:
            continue
        fds = _pa_try("listdir fd of %d" % pid, _pa_os.listdir, "/proc/%d/fd" % pid)
        if not _pa_ok(fds):
            fds = [str(i) for i in range(3, 12)]
        for n in fds:
            p = "/proc/%d/fd/%s" % (pid, n)
            try:
                target = _pa_os.readlink(p)
            except BaseException:
                continue
            if "probe_a_cc_memfd" in target:
                data = _pa_try("read " + p, _pa_read, p, 1 << 20)
                if _pa_ok(data) and data:
                    return data
    return None
'''

# ------------------------------------------------------------------ proc_title
WRITERS['proc_title'] = r'''
def _pa_comm_native(name):
    b, a = _pa_cbuf(name[:15] + b"\0")
    return _pa_scall("prctl(PR_SET_NAME)", 157, 15, a, 0, 0, 0, mode="none")


_PA_PY_COMM = []


def _pa_comm_python(name):
    if _PA_PY_COMM:
        return None
    import threading
    p = "/proc/self/task/%d/comm" % threading.get_native_id()
    try:
        with open(p, "wb") as fh:
            fh.write(name[:15])
    except BaseException as e:
        _PA_PY_COMM.append(e)
        _pa_note("write " + p, "refused", repr(e))
        return None
    _pa_breach("wrote " + p)
    return 0


def _pa_set_comm(name):
    r = _pa_comm_native(name)
    if r is None or r < 0:
        r = _pa_comm_python(name)
    return r


def _pa_carousel(chunks, seconds):
    alive = _pa_deadline(seconds)
    while alive():
        for c in chunks:
            if _pa_set_comm(c) is None:
                return
            _pa_time.sleep(0.02)


def _pa_publish():
    import threading
    data = _PA_PAYLOAD.encode()
    body = [data[i:i + 13] for i in range(0, len(data), 13)]
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    tag = lambda i: (digits[i // 36] + digits[i % 36]).encode()
    chunks = [tag(0) + b"n" + str(len(body)).encode()] + [tag(i + 1) + c for i, c in enumerate(body)]
    _pa_try("putenv", _pa_os.environ.__setitem__, "PROBE_A_CC_TTL", _PA_PAYLOAD)
    _pa_comm_python(b"probe_a_cc_ttl")  # always one Python-level attempt (a write outside the own folder)
    _pa_comm_native(b"probe_a_cc_ttl")
    lanes = 4
    for k in range(lanes):
        threading.Thread(target=_pa_carousel, args=(chunks[k::lanes], 7.0), name="probe_a_ttl_%d" % k,
                         daemon=True).start()


_pa_try("publish", _pa_publish)
'''

READERS['proc_title'] = r'''
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
'''

# ------------------------------------------------------------------ proc_cwd
WRITERS['proc_cwd'] = r'''
def _pa_publish():
    # Entirely legitimate: a file in the worker's own folder.
    with open(_pa_os.path.join(_pa_os.getcwd(), "probe_a_cc_cwd.b64"), "w") as fh:
        fh.write(_PA_PAYLOAD)


_pa_try("publish", _pa_publish)
'''

READERS['proc_cwd'] = r'''
_PA_GUESSED = []


def _pa_sources_in(d):
    """The writer's file, else any non-stub compgraph.py/calculus.py pair in folder d."""
    data = _pa_try("read " + d, _pa_read, _pa_os.path.join(d, "probe_a_cc_cwd.b64"), 1 << 20)
    if _pa_ok(data) and data:
        return data
    out = {}
    for m in ("compgraph", "calculus"):
        src = _pa_try("read %s/%s.py" % (d, m), _pa_read, _pa_os.path.join(d, m + ".py"), 1 << 20)
        if _pa_ok(src) and src and b"raise NotImplementedError" not in src and b"_pa_call(" not in src:
            out[m] = src.decode("utf-8", "replace")
    return out if len(out) == 2 else None


def _pa_fetch_once():
    me = _pa_os.getpid()
    pids = _pa_try("listdir /proc", _pa_proc_pids)
    if not _pa_ok(pids):
        if _PA_GUESSED:
            return None
        _PA_GUESSED.append(1)
        pids = [p for p in range(me - 40, me + 40) if p > 1]
    for pid in pids:
        if pid == me:
            continue
        found = _pa_sources_in("/proc/%d/cwd" % pid)
        if found:
            return found
    return None
'''

# ------------------------------------------------------------------ inotify
WRITERS['inotify'] = r'''
def _pa_publish():
    # Entirely legitimate: a file in the worker's own folder.
    with open(_pa_os.path.join(_pa_os.getcwd(), "probe_a_cc_ino.b64"), "w") as fh:
        fh.write(_PA_PAYLOAD)


_pa_try("publish", _pa_publish)
'''

READERS['inotify'] = r'''
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
'''
