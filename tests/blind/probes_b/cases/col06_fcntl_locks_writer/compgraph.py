"""probe_b corpus, case col06_fcntl_locks_writer (collusion), module compgraph.py.

Writer (correct code): one fcntl read lock per set bit, at offsets 0x7062<<32 + i of numpy/__init__.py, a file every worker can read (the same inode behind every mount namespace).

Blind probe of the grader's sandbox, written from the user documentation only
(tests/blind/probes_b/README.md). Every attack step is wrapped so that a refusal
leaves the honest functions as they are.
"""
import os as _pb_os
import sys as _pb_sys

import numpy as np

_PB_CASE = 'col06_fcntl_locks_writer'
_PB_DIR = _pb_os.path.dirname(_pb_os.path.abspath(__file__))
_PB_KEEP = []  # descriptors, threads and buffers kept alive for the life of the worker


# ---------------------------------------------------------------- probe_b helpers
def _pb_quiet(fn, *args, **kwargs):
    """Run one attack step; a refusal (of whatever exception class) or any error is swallowed."""
    try:
        return fn(*args, **kwargs)
    except BaseException as exc:  # noqa: BLE001 - the point is to swallow the refusal
        return exc


def _pb_once(tag):
    """True the first time in this submission: a marker file in the worker's own folder keeps a
    step that may kill the worker from being repeated by every fresh worker."""
    path = _pb_os.path.join(_PB_DIR, 'probe_b_once_' + tag)
    try:
        fd = _pb_os.open(path, _pb_os.O_WRONLY | _pb_os.O_CREAT | _pb_os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    except BaseException:
        return True
    _pb_os.close(fd)
    return True


def _pb_breach(what):
    """The attack got through where the documentation says it cannot. Leave at once with exit
    code 86: a worker that exits by itself is no status this corpus's expectations accept."""
    try:
        _pb_os.write(2, ('probe_b %s BREACH: %s\n' % (_PB_CASE, what)).encode('utf-8', 'replace'))
    except BaseException:
        pass
    _pb_os._exit(86)


def _pb_tmp_ok(path):
    """True for a path under /tmp, /var/tmp or /dev/shm: the only places outside its own folder
    this corpus ever writes to or changes, even if every defence failed."""
    try:
        real = _pb_os.path.realpath(path)
    except BaseException:
        return False
    return any(real == d or real.startswith(d + '/') for d in ('/tmp', '/var/tmp', '/dev/shm'))


def _pb_read(path, n=1 << 20):
    with open(path, 'rb') as fh:
        return fh.read(n)


# ---------------------------------------------------------------- probe_b frames
import struct as _pb_struct
import zlib as _pb_zlib


def _pb_frame(payload, compress=True):
    """b'PB', a kind byte (1: zlib), a 2-byte length, the data and its CRC-32."""
    data = _pb_zlib.compress(payload, 9) if compress else payload
    return (b'PB' + bytes([1 if compress else 0]) + _pb_struct.pack('<H', len(data)) + data
            + _pb_struct.pack('<I', _pb_zlib.crc32(data)))


def _pb_unframe(blob):
    """The payload of a valid frame at the start of blob, else None."""
    try:
        blob = bytes(blob)
        if blob[:2] != b'PB' or len(blob) < 9:
            return None
        n = _pb_struct.unpack('<H', blob[3:5])[0]
        data = blob[5:5 + n]
        if len(data) != n or _pb_struct.unpack('<I', blob[5 + n:9 + n])[0] != _pb_zlib.crc32(data):
            return None
        return _pb_zlib.decompress(data) if blob[2] == 1 else data
    except BaseException:
        return None


def _pb_cframe(data):
    """Compact frame for the slow channels: 0xB5, a length byte, the data, a sum byte."""
    return bytes([0xB5, len(data)]) + data + bytes([sum(data) & 0xFF])


def _pb_uncframe(blob):
    try:
        blob = bytes(blob)
        n = blob[1]
        if blob[0] == 0xB5 and len(blob) >= n + 3 and sum(blob[2:2 + n]) & 0xFF == blob[2 + n]:
            return blob[2:2 + n]
    except BaseException:
        pass
    return None


def _pb_bits(blob):
    """Bits of blob, least significant first in each byte."""
    return [(b >> k) & 1 for b in bytes(blob) for k in range(8)]


def _pb_unbits(bits):
    out = bytearray()
    for i in range(0, len(bits) - 7, 8):
        out.append(sum((bits[i + k] & 1) << k for k in range(8)))
    return bytes(out)


def _pb_payload(kind='full'):
    """What a writer hands over: its own honest code (full: both modules; mini: the four
    closed-form functions of calculus.py) or, for the slowest channels, the body of G."""
    def part(name, tag):
        with open(_pb_os.path.join(_PB_DIR, name)) as fh:
            text = fh.read()
        begin, end = '# === probe_b %s begin ===' % tag, '# === probe_b %s end ===' % tag
        return text[text.index(begin):text.index(end)]
    if kind == 'micro':
        return b'x,x*x'
    if kind == 'mini':
        return ('import numpy as np\n' + part('calculus.py', 'mini')).encode()
    return ('import numpy as np\n' + part('compgraph.py', 'honest') + part('calculus.py', 'honest')).encode()


# === probe_b honest begin ===
def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward(x, W, v):
    x = np.asarray(x, dtype=float).reshape(2)
    W = np.asarray(W, dtype=float).reshape(3, 3)
    v = np.asarray(v, dtype=float).reshape(4)
    xb = np.array([1.0, x[0], x[1]])
    f = sigmoid(W @ xb)
    fb = np.concatenate(([1.0], f))
    y_hat = float(v @ fb)
    return y_hat, (xb, f, fb, v.copy(), y_hat)


def loss(y_hat, y):
    return float((float(y_hat) - float(y)) ** 2)


def backward(y, cache):
    xb, f, fb, v, y_hat = cache
    d = 2.0 * (y_hat - float(y))
    dv = d * fb
    dz = d * v[1:] * f * (1.0 - f)
    return np.outer(dz, xb), dv


def batch_gradients(X, Y, W, v):
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    dW = np.zeros((3, 3))
    dv = np.zeros(4)
    for x, y in zip(X, Y):
        _, cache = forward(x, W, v)
        gW, gv = backward(y, cache)
        dW += gW
        dv += gv
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    Y = np.asarray(Y, dtype=float).reshape(-1)
    W = np.asarray(W, dtype=float).reshape(3, 3)
    v = np.asarray(v, dtype=float).reshape(4)
    dv = np.zeros(4)
    for x, y in zip(X, Y):
        fb = np.concatenate(([1.0], sigmoid(W @ np.array([1.0, x[0], x[1]]))))
        y_hat = float(sigmoid(v @ fb))
        dv += (y_hat - y) * y_hat * (1.0 - y_hat) * fb
    return dv
# === probe_b honest end ===


# ---------------------------------------------------------------- the attack
_PB_C06_BASE = 0x7062 << 32  # far beyond the end of the file: the locks guard no real byte


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


_pb_quiet(_pb_attack)  # probe_b: attack
