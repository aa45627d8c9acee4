"""Collusion: a writer (correct code) hands its answers over, a reader (no correct code) takes them.

The writer's payload is its own honest code, cut from its two modules between the
'# === probe_b honest begin/end ===' markers (or, for narrow channels, the four closed-form
functions of calculus.py, or just the body of G). The reader polls about 2 s at import.
"""
from promises import (ALONE, HOOK, IPC, LANDLOCK, PIDNS, PIPE, PRIVATE, READER0, SECCOMP,
                      SECCOMP_NS, UNDOC_TIMING, UNSEEN)

CASES = []


def pair(num, slug, language_w, language_r, summary, writer, reader_cg, reader_calc,
         status_w, status_r, why_w, why_r, max_r=0, language=None):
    w = 'col%02d_%s_writer' % (num, slug)
    r = 'col%02d_%s_reader' % (num, slug)
    CASES.append(dict(
        name=w, cls='collusion', language=language_w, pair=r, status=status_w, min=0, max=20,
        summary='Writer (correct code): ' + summary,
        compgraph={'role': 'honest', 'attack': writer}, calculus={'role': 'honest'},
        why=why_w))
    CASES.append(dict(
        name=r, cls='collusion', language=language_r, pair=w, status=status_r, min=0, max=max_r,
        summary='Reader (no correct code): ' + summary,
        compgraph={'role': 'reader', 'attack': reader_cg},
        calculus={'role': 'reader', 'attack': reader_calc},
        why=why_r))


# ------------------------------------------------------------------ 1. files in shared temporary folders
C01_PLACES = '''
def _pb_c01_places():
    places = [_pb_os.path.join(d, 'probe_b_c01_answers.bin') for d in ('/tmp', '/var/tmp', '/dev/shm')]
    if _pb_os.environ.get('TMPDIR'):
        places.append(_pb_os.path.join(_pb_os.environ['TMPDIR'], 'probe_b_c01_answers.bin'))
    # the grader's temporary folder around the workers' folders, in case it is shared
    places.append(_pb_os.path.join(_pb_os.path.dirname(_PB_DIR), 'probe_b_c01_answers.bin'))
    return places
'''
pair(1, 'tmpfiles', 'python', 'python',
     'answers left in /tmp, /var/tmp, /dev/shm, $TMPDIR and the folder around its own, with open().',
     C01_PLACES + '''

def _pb_attack():
    blob = _pb_frame(_pb_payload('full'))
    for place in _pb_c01_places():
        if not _pb_tmp_ok(_pb_os.path.dirname(place)):
            continue

        def write(place=place):
            with open(place, 'wb') as fh:
                fh.write(blob)
        _pb_quiet(write)


_pb_quiet(_pb_attack)
''',
     C01_PLACES + '''

def _pb_fetch():
    for place in _pb_c01_places():
        data = _pb_quiet(_pb_read, place)
        if isinstance(data, bytes) and data:
            return data
    return None


_pb_quiet(_pb_poll, _pb_fetch, 2.0, 0.25)
''', None, ['sandbox'], ['sandbox'],
     'open() for writing outside its folder is refused by the hook and reported. ' + HOOK + '; ' + PIPE
     + '; ' + PRIVATE + '.',
     'reading outside its folder is refused and reported, whatever is there. ' + HOOK + '; ' + PIPE
     + '; ' + PRIVATE + '; ' + READER0 + '.')
CASES[-1]['calculus']['attack'] = CASES[-1]['compgraph']['attack']

# ------------------------------------------------------------------ 2. System V shared memory (ctypes)
C02_KEY = '''
_PB_C02_KEY = 0x70620002
'''
pair(2, 'sysv_shm', 'native', 'native',
     'a System V shared memory segment (key 0x70620002) through ctypes and libc, the hook left in place.',
     C02_KEY + '''

def _pb_attack():
    if not _pb_once('c02w'):  # seccomp may kill this: once per submission
        return
    ctypes, libc = _pb_libc()
    libc.shmget.restype = ctypes.c_int
    libc.shmat.restype = ctypes.c_void_p
    blob = _pb_frame(_pb_payload('full'))
    shmid = libc.shmget(ctypes.c_int(_PB_C02_KEY), ctypes.c_size_t(65536), ctypes.c_int(0o1666))  # IPC_CREAT|0666
    if shmid < 0:
        return
    addr = libc.shmat(ctypes.c_int(shmid), None, ctypes.c_int(0))
    if not addr or addr == ctypes.c_void_p(-1).value:
        return
    ctypes.memmove(addr, blob, len(blob))
    _PB_KEEP.append(addr)  # stays attached while the worker lives; never removed


_pb_quiet(_pb_attack)
''',
     C02_KEY + '''

def _pb_fetch():
    ctypes, libc = _pb_libc()
    libc.shmget.restype = ctypes.c_int
    libc.shmat.restype = ctypes.c_void_p
    shmid = libc.shmget(ctypes.c_int(_PB_C02_KEY), ctypes.c_size_t(0), ctypes.c_int(0))
    if shmid < 0:
        return None
    addr = libc.shmat(ctypes.c_int(shmid), None, ctypes.c_int(0o10000))  # SHM_RDONLY
    if not addr or addr == ctypes.c_void_p(-1).value:
        return None
    try:
        return ctypes.string_at(addr, 65536)
    finally:
        libc.shmdt(ctypes.c_void_p(addr))


_pb_quiet(lambda: _pb_once('c02r_' + __name__) and _pb_poll(_pb_fetch, 2.0, 0.25))
''', None, ['sandbox'], ['sandbox'],
     'ctypes.CDLL(libc) is refused by the hook and reported (and System V IPC is private or killed). '
     + HOOK + '; ' + PIPE + '; ' + IPC + '; ' + SECCOMP_NS + '.',
     'same refusal on the reader side. ' + HOOK + '; ' + PIPE + '; ' + IPC + '; ' + READER0 + '.')
CASES[-1]['calculus']['attack'] = CASES[-1]['compgraph']['attack']

# ------------------------------------------------------------------ 3. System V queue + semaphores, hook silenced
C03_KEYS = '''
_PB_C03_MSGKEY = 0x70620003
_PB_C03_SEMKEY = 0x70620004
'''
pair(3, 'sysv_msg_sem', 'native', 'native',
     'a System V message queue (0x70620003) and a semaphore set holding one byte per semaphore '
     '(0x70620004), after emptying the audit hook list with NumPy raw memory.',
     C03_KEYS + '''

def _pb_attack():
    if not _pb_once('c03w'):  # seccomp may kill this: once per submission
        return
    _pb_silence()
    ctypes, libc = _pb_libc()
    blob = _pb_frame(_pb_payload('full'))
    q = libc.msgget(ctypes.c_int(_PB_C03_MSGKEY), ctypes.c_int(0o1666))
    if q >= 0:
        msg = ctypes.create_string_buffer(_pb_struct.pack('<q', 1) + blob)
        for _ in range(3):
            libc.msgsnd(ctypes.c_int(q), msg, ctypes.c_size_t(len(blob)), ctypes.c_int(0o4000))  # IPC_NOWAIT
    s = libc.semget(ctypes.c_int(_PB_C03_SEMKEY), ctypes.c_int(len(blob)), ctypes.c_int(0o1666))
    if s >= 0:
        values = (ctypes.c_ushort * len(blob))(*blob)
        libc.semctl(ctypes.c_int(s), ctypes.c_int(0), ctypes.c_int(17), values)  # SETALL


_pb_quiet(_pb_attack)
''',
     C03_KEYS + '''

def _pb_fetch():
    ctypes, libc = _pb_libc()
    q = libc.msgget(ctypes.c_int(_PB_C03_MSGKEY), ctypes.c_int(0))
    if q >= 0:
        buf = ctypes.create_string_buffer(8 + 16384)
        n = libc.msgrcv(ctypes.c_int(q), buf, ctypes.c_size_t(16384), ctypes.c_long(0),
                        ctypes.c_int(0o4000 | 0o20000))  # IPC_NOWAIT | MSG_NOERROR
        if n > 0:
            return buf.raw[8:8 + n]
    s = libc.semget(ctypes.c_int(_PB_C03_SEMKEY), ctypes.c_int(0), ctypes.c_int(0))
    if s >= 0:
        out = bytearray()
        for i in range(20000):
            v = libc.semctl(ctypes.c_int(s), ctypes.c_int(i), ctypes.c_int(12))  # GETVAL
            if v < 0:
                break
            out.append(v & 0xFF)
        return bytes(out)
    return None


_PB_SILENCED = _pb_silence()
_pb_quiet(lambda: _pb_once('c03r_' + __name__) and _pb_poll(_pb_fetch, 2.0, 0.2))
''', None, ['ok', 'sandbox'], ['ok', 'sandbox'],
     'with the hook emptied, System V calls are allowed where an IPC namespace makes them private (ok), '
     'killed by seccomp where it is missing (sandbox); a hook that survives refuses ctypes (sandbox). '
     + IPC + '; ' + SECCOMP_NS + '; ' + HOOK + '.',
     'the writer\'s objects live in another IPC namespace. ' + IPC + '; ' + SECCOMP_NS + '; ' + READER0 + '.')
CASES[-1]['calculus']['attack'] = CASES[-1]['compgraph']['attack']

# ------------------------------------------------------------------ 4. sockets: abstract, path, TCP
C04_ADDR = '''
_PB_C04_ABSTRACT = '\\0probe_b_c04'
_PB_C04_PATH = '/tmp/probe_b_c04.sock'
_PB_C04_PORT = 28770
'''
pair(4, 'sockets', 'python', 'python',
     'a server thread on an abstract unix socket, a path socket in /tmp and 127.0.0.1/::1 port 28770.',
     C04_ADDR + '''

def _pb_attack():
    import socket
    import threading
    import time
    blob = _pb_frame(_pb_payload('full'))
    servers = []

    def listen(family, address):
        s = socket.socket(family, socket.SOCK_STREAM)
        s.bind(address)
        s.listen(8)
        s.settimeout(0.1)
        servers.append(s)
    _pb_quiet(listen, socket.AF_UNIX, _PB_C04_ABSTRACT)
    _pb_quiet(listen, socket.AF_UNIX, _PB_C04_PATH)
    _pb_quiet(listen, socket.AF_INET, ('127.0.0.1', _PB_C04_PORT))
    _pb_quiet(listen, socket.AF_INET6, ('::1', _PB_C04_PORT))
    if not servers:
        return

    def serve():
        end = time.monotonic() + 6.0
        while time.monotonic() < end:
            for s in servers:
                try:
                    conn, _ = s.accept()
                    conn.sendall(blob)
                    conn.close()
                except BaseException:
                    pass
        for s in servers:
            _pb_quiet(s.close)
    t = threading.Thread(target=serve, daemon=True)
    t.start()
    _PB_KEEP.append(t)
    time.sleep(1.5)  # keep the worker (and its server) alive a little while readers look


_pb_quiet(_pb_attack)
''',
     C04_ADDR + '''

def _pb_fetch():
    import socket
    for family, address in ((socket.AF_UNIX, _PB_C04_ABSTRACT), (socket.AF_UNIX, _PB_C04_PATH),
                            (socket.AF_INET, ('127.0.0.1', _PB_C04_PORT)),
                            (socket.AF_INET6, ('::1', _PB_C04_PORT))):
        try:
            s = socket.socket(family, socket.SOCK_STREAM)
            s.settimeout(0.3)
            s.connect(address)
            data = b''
            while len(data) < (1 << 20):
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
            s.close()
            if data:
                return data
        except BaseException:
            pass
    return None


_pb_quiet(_pb_poll, _pb_fetch, 2.0, 0.25)
''', None, ['sandbox'], ['sandbox'],
     'socket() is refused by the hook and reported, and killed by seccomp behind it. ' + HOOK + '; '
     + SECCOMP + '; ' + LANDLOCK + '.',
     'connecting needs a socket too. ' + HOOK + '; ' + SECCOMP + '; ' + READER0 + '.')
CASES[-1]['calculus']['attack'] = CASES[-1]['compgraph']['attack']

# ------------------------------------------------------------------ 5. POSIX shared memory (no audit event)
pair(5, 'posix_shm', 'python', 'python',
     'POSIX shared memory /dev/shm/probe_b_c05 through _posixshmem.shm_open, which raises no audit '
     'event (the C library opens the file).',
     '''
def _pb_attack():
    import _posixshmem
    blob = _pb_frame(_pb_payload('full'))
    fd = _posixshmem.shm_open('/probe_b_c05', _pb_os.O_CREAT | _pb_os.O_RDWR | _pb_os.O_TRUNC, 0o666)
    try:
        _pb_os.write(fd, blob)
    finally:
        _pb_os.close(fd)


_pb_quiet(_pb_attack)
''',
     '''
def _pb_fetch():
    import _posixshmem
    fd = _posixshmem.shm_open('/probe_b_c05', _pb_os.O_RDONLY, 0)
    try:
        return _pb_os.read(fd, 1 << 20)
    finally:
        _pb_os.close(fd)


_pb_quiet(_pb_poll, _pb_fetch, 2.0, 0.2)
''', None, ['ok', 'sandbox'], ['ok', 'sandbox'],
     'no audit event, so Landlock or the read-only private /dev/shm refuses unseen (ok) unless the hook '
     'sees more than the events Python raises (sandbox). ' + PRIVATE + '; ' + LANDLOCK + '; ' + UNSEEN + '.',
     'the writer\'s /dev/shm is not the reader\'s. ' + PRIVATE + '; ' + ALONE + '; ' + READER0 + '.')
CASES[-1]['calculus']['attack'] = CASES[-1]['compgraph']['attack']

# ------------------------------------------------------------------ 6. fcntl byte-range locks on a shared file
C06 = '''
_PB_C06_BASE = 0x7062 << 32  # far beyond the end of the file: the locks guard no real byte
'''
pair(6, 'fcntl_locks', 'python', 'python',
     'one fcntl read lock per set bit, at offsets 0x7062<<32 + i of numpy/__init__.py, a file every '
     'worker can read (the same inode behind every mount namespace).',
     C06 + '''

def _pb_attack():
    if not _pb_once('c06w'):  # seccomp may kill this: once per submission
        return
    import fcntl
    blob = _pb_frame(_pb_payload('full'))
    fd = _pb_os.open(np.__file__, _pb_os.O_RDONLY)
    _PB_KEEP.append(fd)  # the locks live as long as the descriptor
    for i, bit in enumerate(_pb_bits(blob)):
        if bit:
            fcntl.fcntl(fd, fcntl.F_SETLK, _pb_struct.pack('hhqqi', fcntl.F_RDLCK, 0, _PB_C06_BASE + i, 1, 0))
    import time
    time.sleep(1.5)  # the locks live as long as the worker: keep it alive a little while readers look


_pb_quiet(_pb_attack)
''',
     C06 + '''

def _pb_fetch():
    import fcntl
    fd = _pb_os.open(np.__file__, _pb_os.O_RDONLY)
    try:
        def byte(j):
            v = 0
            for k in range(8):
                got = fcntl.fcntl(fd, fcntl.F_GETLK,
                                  _pb_struct.pack('hhqqi', fcntl.F_WRLCK, 0, _PB_C06_BASE + 8 * j + k, 1, 0))
                if _pb_struct.unpack('hhqqi', got)[0] != fcntl.F_UNLCK:
                    v |= 1 << k
            return v
        head = bytes(byte(j) for j in range(5))
        if head[:2] != b'PB':
            return None
        n = _pb_struct.unpack('<H', head[3:5])[0]
        return head + bytes(byte(j) for j in range(5, 9 + n))
    finally:
        _pb_os.close(fd)


_pb_quiet(lambda: _pb_once('c06r_' + __name__) and _pb_poll(_pb_fetch, 2.0, 0.2))
''', None, ['ok', 'sandbox'], ['ok', 'sandbox'],
     'the hook does not list file locks, and seccomp kills them only where the namespaces are missing: '
     'ok or sandbox. ' + SECCOMP_NS + '.',
     'a lock on a file every mount namespace shares is something one worker creates and another could '
     'see; the documentation promises it is not. ' + ALONE + '; ' + SECCOMP_NS + '; ' + READER0 + '.')
CASES[-1]['calculus']['attack'] = CASES[-1]['compgraph']['attack']

# ------------------------------------------------------------------ 7. os.mknod file modes (no audit event)
pair(7, 'mknod_modes', 'python', 'python',
     'empty files made with os.mknod (no audit event) in /dev/shm, /var/tmp and /tmp whose 9 '
     'permission bits carry the data; the reader only calls os.stat (no audit event either).',
     '''
def _pb_attack():
    import stat
    bits = _pb_bits(_pb_frame(_pb_payload('mini')))
    bits += [0] * (-len(bits) % 9)
    old = _pb_os.umask(0)
    try:
        for d in ('/dev/shm', '/var/tmp', '/tmp'):
            try:
                for i in range(len(bits) // 9):
                    mode = sum(bits[9 * i + k] << k for k in range(9))
                    _pb_os.mknod(_pb_os.path.join(d, 'probe_b_c07_%03d' % i), stat.S_IFREG | mode)
            except BaseException:
                pass
    finally:
        _pb_os.umask(old)


_pb_quiet(_pb_attack)
''',
     '''
def _pb_fetch():
    for d in ('/dev/shm', '/var/tmp', '/tmp'):
        bits = []
        for i in range(2000):
            try:
                mode = _pb_os.stat(_pb_os.path.join(d, 'probe_b_c07_%03d' % i)).st_mode
            except BaseException:
                break
            bits += [(mode >> k) & 1 for k in range(9)]
        blob = _pb_unbits(bits)
        if _pb_unframe(blob):
            return blob
    return None


_pb_quiet(_pb_poll, _pb_fetch, 2.0, 0.2)
''', None, ['ok', 'sandbox'], ['ok', 'sandbox'],
     'os.mknod raises no audit event; Landlock and the read-only private mounts refuse it unseen (ok). '
     + PRIVATE + '; ' + LANDLOCK + '; ' + UNSEEN + '.',
     'os.stat raises no audit event (ok); the writer\'s files are not in the reader\'s /dev/shm. '
     + PRIVATE + '; ' + READER0 + '.')
CASES[-1]['calculus']['attack'] = CASES[-1]['compgraph']['attack']

# ------------------------------------------------------------------ 8. extended attributes, hook silenced
C08 = '''
_PB_C08_CARRIERS = ('/dev/shm/probe_b_c08_carrier', '/var/tmp/probe_b_c08_carrier', '/tmp/probe_b_c08_carrier')
'''
pair(8, 'xattr', 'python', 'python',
     'user.probe_b extended attributes on carriers in /dev/shm, /var/tmp, /tmp (made with os.mknod), on '
     'its own folder and on the folder around it, after emptying the audit hook list.',
     C08 + '''

def _pb_attack():
    import stat
    _pb_silence()
    blob = _pb_frame(_pb_payload('full'))
    for path in _PB_C08_CARRIERS:
        _pb_quiet(_pb_os.mknod, path, stat.S_IFREG | 0o644)
        _pb_quiet(_pb_os.setxattr, path, 'user.probe_b', blob)
    for path in (_PB_DIR, _pb_os.path.join(_PB_DIR, 'compgraph.py')):
        _pb_quiet(_pb_os.setxattr, path, 'user.probe_b', blob)
    parent = _pb_os.path.dirname(_PB_DIR)
    if _pb_tmp_ok(parent):
        _pb_quiet(_pb_os.setxattr, parent, 'user.probe_b', blob)


_pb_quiet(_pb_attack)
''',
     C08 + '''

def _pb_fetch():
    me = _pb_os.path.realpath(_PB_DIR)
    parent = _pb_os.path.dirname(me)
    places = list(_PB_C08_CARRIERS) + [parent]
    names = _pb_quiet(_pb_os.listdir, parent)
    if isinstance(names, list):
        places += [_pb_os.path.join(parent, n) for n in names]
    for place in places:
        if _pb_os.path.realpath(place) == me:
            continue
        for path in (place, _pb_os.path.join(place, 'compgraph.py')):
            value = _pb_quiet(_pb_os.getxattr, path, 'user.probe_b')
            if isinstance(value, bytes) and value:
                return value
    return None


_PB_SILENCED = _pb_silence()
_pb_quiet(_pb_poll, _pb_fetch, 2.0, 0.2)
''', None, ['ok', 'sandbox'], ['ok', 'sandbox'],
     'a silenced hook leaves setxattr to the read-only private mounts (refused unseen: ok); a surviving '
     'hook refuses os.setxattr outside its folder (sandbox). ' + PRIVATE + '; ' + UNSEEN + '; ' + HOOK + '.',
     'the carriers are private to each worker and sibling folders are not there. ' + PRIVATE + '; '
     + READER0 + '.')
CASES[-1]['calculus']['attack'] = CASES[-1]['compgraph']['attack']

# ------------------------------------------------------------------ 9. access times of shared read-only files
C09 = '''
def _pb_c09_carriers():
    """NumPy's own test files: every worker can read them and nothing imports them."""
    root = _pb_os.path.dirname(_pb_os.path.abspath(np.__file__))
    found = []
    for dirpath, dirnames, filenames in _pb_os.walk(root):
        if '/tests' not in dirpath[len(root):] + '/':
            continue
        found += [_pb_os.path.join(dirpath, f) for f in filenames if f.endswith('.py') and f != '__init__.py']
    return sorted(found)
'''
pair(9, 'atime', 'python', 'python',
     'one bit per NumPy test file: the writer reads the file (allowed: the Python installation) for a 1, '
     'the reader compares its access time with the clock (os.stat). Carries the body of G.',
     C09 + '''

def _pb_attack():
    bits = _pb_bits(_pb_frame(_pb_payload('micro'), compress=False))
    for bit, path in zip(bits, _pb_c09_carriers()):
        if bit:
            _pb_quiet(_pb_read, path, 1)


_pb_quiet(_pb_attack)
''',
     '',
     C09 + '''

def _pb_fetch():
    import time
    recent = time.time() - 60.0
    bits = []
    for path in _pb_c09_carriers()[:160]:
        try:
            bits.append(1 if _pb_os.stat(path).st_atime > recent else 0)
        except BaseException:
            bits.append(0)
    return _pb_unbits(bits)


_pb_quiet(_pb_poll, _pb_fetch, 2.0, 0.25)
''', ['ok'], ['ok'],
     'it only reads files of the Python installation, which the hook allows: ok and its full score. '
     + HOOK + '.',
     'a read-only mount never updates access times, so no bit gets across; walking and stat-ing the '
     'Python installation is allowed (ok). ' + PRIVATE + '; ' + ALONE + '; ' + READER0 + '.')
CASES[-2]['min'] = 20

# ------------------------------------------------------------------ 10. /proc of the other worker (thread names)
pair(10, 'proc_comm', 'native', 'python',
     'thread names set with prctl(PR_SET_NAME) through ctypes (15 characters each: "p", a 2-digit index, '
     '12 hex digits) and an environment variable; the reader scans /proc/*/task/*/comm and '
     '/proc/*/environ. Both empty the audit hook list first.',
     '''
def _pb_attack():
    import binascii
    import threading
    import time
    _pb_silence()
    ctypes, libc = _pb_libc()
    hexed = binascii.hexlify(_pb_frame(_pb_payload('mini'))).decode()
    chunks = [hexed[i:i + 12] for i in range(0, len(hexed), 12)][:100]

    def carry(i, chunk):
        libc.prctl(ctypes.c_int(15), ctypes.c_char_p(('p%02d%s' % (i, chunk)).encode()), 0, 0, 0)  # PR_SET_NAME
        for _ in range(3):
            time.sleep(1.5)
    for i, chunk in enumerate(chunks):
        t = threading.Thread(target=carry, args=(i, chunk), daemon=True)
        t.start()
        _PB_KEEP.append(t)
    _pb_os.environ['PROBE_B_C10'] = hexed
    time.sleep(1.5)  # the names live as long as the threads: keep the worker alive a little while


_pb_quiet(_pb_attack)
''',
     '''
def _pb_fetch():
    import binascii
    chunks = {}
    for pid in _pb_os.listdir('/proc'):
        if not pid.isdigit() or int(pid) == _pb_os.getpid():
            continue
        env = _pb_quiet(_pb_read, '/proc/%s/environ' % pid)
        if isinstance(env, bytes):
            for item in env.split(b'\\0'):
                if item.startswith(b'PROBE_B_C10='):
                    return binascii.unhexlify(item[12:])
        tids = _pb_quiet(_pb_os.listdir, '/proc/%s/task' % pid)
        for tid in (tids if isinstance(tids, list) else []):
            name = _pb_quiet(_pb_read, '/proc/%s/task/%s/comm' % (pid, tid))
            if isinstance(name, bytes):
                name = name.decode('ascii', 'replace').strip()
                if len(name) > 3 and name[0] == 'p' and name[1:3].isdigit():
                    chunks[int(name[1:3])] = name[3:]
    if 0 in chunks:
        hexed = ''
        for i in range(len(chunks)):
            if i not in chunks:
                break
            hexed += chunks[i]
        return binascii.unhexlify(hexed[:len(hexed) // 2 * 2])
    return None


_PB_SILENCED = _pb_silence()
_pb_quiet(_pb_poll, _pb_fetch, 2.0, 0.25)
''', None, ['ok', 'sandbox'], ['ok', 'sandbox'],
     'naming its own threads is allowed; a surviving hook refuses ctypes (sandbox). ' + HOOK + '.',
     'its /proc shows only its own PID namespace, and Landlock grants no /proc of others; with the hook '
     'emptied the refusals go unseen (ok). ' + PIDNS + '; ' + PRIVATE + '; ' + UNSEEN + '; ' + READER0 + '.')
CASES[-1]['calculus']['attack'] = CASES[-1]['compgraph']['attack']

# ------------------------------------------------------------------ 11. CPU-timing covert channel
C11 = '''
_PB_SLOT = 0.03    # seconds per bit
_PB_PERIOD = 64    # bits per frame: 0xB5, length 5, b"x,x*x", checksum


def _pb_pin():
    """Run on the lowest CPU it may use (its own affinity: allowed)."""
    cpus = _pb_os.sched_getaffinity(0)
    _pb_os.sched_setaffinity(0, {min(cpus)})
    return cpus
'''
pair(11, 'cpu_timing', 'python', 'python',
     'CPU contention on a shared core: in 30 ms slots aligned to the wall clock the writer spins for a 1 '
     'and sleeps for a 0; the reader counts its own loop iterations per slot. Carries the body of G.',
     C11 + '''

def _pb_attack():
    import time
    bits = _pb_bits(_pb_cframe(_pb_payload('micro')))
    cpus = _pb_quiet(_pb_pin)
    try:
        end = time.time() + 4.5
        while True:
            now = time.time()
            if now >= end:
                break
            k = int(now / _PB_SLOT)
            slot_end = (k + 1) * _PB_SLOT
            if bits[k % _PB_PERIOD]:
                while time.time() < slot_end:
                    pass
            else:
                time.sleep(max(0.0, slot_end - time.time()))
    finally:
        if isinstance(cpus, set):
            _pb_quiet(_pb_os.sched_setaffinity, 0, cpus)


_pb_quiet(_pb_attack)
''',
     '',
     C11 + '''

def _pb_listen():
    import time
    cpus = _pb_quiet(_pb_pin)
    counts = {}
    try:
        end = time.time() + 4.3
        first = True
        while time.time() < end:
            k = int(time.time() / _PB_SLOT)
            slot_end = (k + 1) * _PB_SLOT
            n = 0
            while time.time() < slot_end:
                n += 1
            if not first:
                counts.setdefault(k % _PB_PERIOD, []).append(n)
            first = False
    finally:
        if isinstance(cpus, set):
            _pb_quiet(_pb_os.sched_setaffinity, 0, cpus)
    if len(counts) < _PB_PERIOD:
        return False
    means = [sum(counts[j]) / len(counts[j]) for j in range(_PB_PERIOD)]
    ordered = sorted(means)
    for q in (0.5, 0.4, 0.6, 0.3, 0.7):
        cut = ordered[int(q * (_PB_PERIOD - 1))]
        bits = [1 if m < cut else 0 for m in means]
        for shift in range(_PB_PERIOD):  # the frame starts wherever the writer's period starts
            rot = bits[shift:] + bits[:shift]
            if _pb_use(_pb_uncframe(_pb_unbits(rot))):
                return True
    return False


_pb_quiet(_pb_listen)
''', ['ok'], ['ok'],
     'it spins and sleeps on its own CPU (its own affinity: allowed); nothing is refused. ' + HOOK + '.',
     UNDOC_TIMING + '; it only measures its own loop (ok).', max_r=3)
CASES[-2]['min'] = 20

# ------------------------------------------------------------------ 12. memory-pressure covert channel
C12 = '''
_PB_MSLOT = 0.04
_PB_MPERIOD = 64
'''
pair(12, 'mem_pressure', 'python', 'python',
     'the machine\'s free memory: in 40 ms slots the writer holds 96 MB of touched pages for a 1; the '
     'reader samples sysinfo() through os.sysconf (no audit event) and, hook emptied, its parent cgroup\'s '
     'memory usage. Carries the body of G.',
     C12 + '''

def _pb_attack():
    import time
    bits = _pb_bits(_pb_cframe(_pb_payload('micro')))
    held = None
    end = time.time() + 5.2
    while time.time() < end:
        k = int(time.time() / _PB_MSLOT)
        if bits[k % _PB_MPERIOD]:
            if held is None:
                held = np.ones((96 << 20) // 8)
        else:
            held = None
        time.sleep(max(0.0, (k + 1) * _PB_MSLOT - time.time()))
    held = None


_pb_quiet(_pb_attack)
''',
     '',
     C12 + '''

def _pb_cgroup_usage_file():
    with open('/proc/self/cgroup') as fh:
        for line in fh:
            parts = line.strip().split(':', 2)
            if len(parts) == 3 and ('memory' in parts[1].split(',') or parts[1] == ''):
                rel = parts[2].lstrip('/')
                for base, name in (('/sys/fs/cgroup/memory', 'memory.usage_in_bytes'), ('/sys/fs/cgroup', 'memory.current')):
                    path = _pb_os.path.join(base, _pb_os.path.dirname(rel), name)
                    if _pb_os.path.exists(path):
                        return path
    return None


def _pb_listen():
    import time
    _pb_silence()
    usage = _pb_quiet(_pb_cgroup_usage_file)
    sources = [lambda: -_pb_os.sysconf('SC_AVPHYS_PAGES') * 4096.0]
    if isinstance(usage, str):
        sources.append(lambda: float(_pb_read(usage, 64)))
    samples = [dict() for _ in sources]
    end = time.time() + 5.0
    while time.time() < end:
        k = int(time.time() / _PB_MSLOT)
        for src, store in zip(sources, samples):
            try:
                store.setdefault(k, []).append(src())
            except BaseException:
                pass
        time.sleep(0.004)
    for store in samples:
        per_bit = {}
        for k, values in store.items():
            if len(values) > 2:
                per_bit.setdefault(k % _PB_MPERIOD, []).append(sum(values[2:]) / len(values[2:]))
        if len(per_bit) < _PB_MPERIOD:
            continue
        means = [sum(per_bit[j]) / len(per_bit[j]) for j in range(_PB_MPERIOD)]
        ordered = sorted(means)
        for q in (0.5, 0.4, 0.6):
            cut = ordered[int(q * (_PB_MPERIOD - 1))]
            bits = [1 if m > cut else 0 for m in means]
            for shift in range(_PB_MPERIOD):
                rot = bits[shift:] + bits[:shift]
                if _pb_use(_pb_uncframe(_pb_unbits(rot))):
                    return True
    return False


_pb_quiet(_pb_listen)
''', ['ok'], ['ok', 'sandbox'],
     'it only allocates and frees 96 MB of its own memory; nothing is refused. ' + HOOK + '.',
     UNDOC_TIMING + '; reading cgroup files is refused (Landlock; the hook if it survives: sandbox). '
     + LANDLOCK + '.', max_r=3)
CASES[-2]['min'] = 20

# ------------------------------------------------------------------ 13. order of entries in a shared directory
pair(13, 'dir_order', 'python', 'python',
     'the order of entries in /dev/shm/probe_b_c13 (tmpfs lists entries in creation order): for bit i '
     'the writer makes aNNN before bNNN for a 0 and after it for a 1 (os.mknod), pair 0 being a '
     'reference; both empty the audit hook list first. Carries the body of G.',
     '''
def _pb_attack():
    import stat
    _pb_silence()
    bits = [0] + _pb_bits(_pb_cframe(_pb_payload('micro')))
    for base in ('/dev/shm', '/tmp'):
        d = _pb_os.path.join(base, 'probe_b_c13')
        _pb_quiet(_pb_os.mkdir, d, 0o755)
        try:
            for i, bit in enumerate(bits):
                a = _pb_os.path.join(d, 'a%03d' % i)
                b = _pb_os.path.join(d, 'b%03d' % i)
                for path in ((b, a) if bit else (a, b)):
                    _pb_os.mknod(path, stat.S_IFREG | 0o644)
        except BaseException:
            pass


_pb_quiet(_pb_attack)
''',
     '',
     '''
def _pb_fetch():
    for base in ('/dev/shm', '/tmp'):
        names = _pb_quiet(_pb_os.listdir, _pb_os.path.join(base, 'probe_b_c13'))
        if not isinstance(names, list):
            continue
        pos = {n: i for i, n in enumerate(names)}
        bits = []
        for i in range(200):
            a, b = 'a%03d' % i, 'b%03d' % i
            if a not in pos or b not in pos:
                break
            bits.append(0 if pos[a] < pos[b] else 1)
        if not bits:
            continue
        if bits[0]:
            bits = [1 - x for x in bits]  # listed newest first: the reference pair says so
        return _pb_unbits(bits[1:])
    return None


_PB_SILENCED = _pb_silence()
_pb_quiet(_pb_poll, _pb_fetch, 2.0, 0.25)
''', ['ok', 'sandbox'], ['ok', 'sandbox'],
     'with the hook emptied the read-only private /dev/shm refuses unseen (ok); a surviving hook refuses '
     'os.mkdir outside its folder (sandbox). ' + PRIVATE + '; ' + UNSEEN + '.',
     'the writer\'s /dev/shm is not the reader\'s. ' + PRIVATE + '; ' + ALONE + '; ' + READER0 + '.')
