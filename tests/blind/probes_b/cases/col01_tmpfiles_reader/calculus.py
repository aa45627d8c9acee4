"""probe_b corpus, case col01_tmpfiles_reader (collusion), module calculus.py.

Reader (no correct code): answers left in /tmp, /var/tmp, /dev/shm, $TMPDIR and the folder around its own, with open().

Blind probe of the grader's sandbox, written from the user documentation only
(tests/blind/probes_b/README.md). Every attack step is wrapped so that a refusal
leaves the honest functions as they are.
"""
import os as _pb_os
import sys as _pb_sys

import numpy as np

_PB_CASE = 'col01_tmpfiles_reader'
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


# ---------------------------------------------------------------- probe_b reader
_PB_GOT = {}


def _pb_use(payload):
    """Take over the functions another worker handed over (or a stolen reference solution)."""
    if not payload:
        return False
    try:
        payload = bytes(payload)
        if len(payload) < 16 and b'import' not in payload:
            expr = payload.decode('ascii')
            if expr and all(c in 'x,*+-0123456789. ()' for c in expr):
                body = eval('lambda x: [' + expr + ']', {})
                _PB_GOT['G'] = lambda x, _b=body: np.asarray(_b(float(x)), dtype=float)
                return True
            return False
        ns = {}
        exec(compile(payload.decode('utf-8'), '<probe_b payload>', 'exec'), ns)
        got = {k: v for k, v in ns.items() if callable(v) and not k.startswith('_')}
        if not got:
            return False
        _PB_GOT.update(got)
        return True
    except BaseException:
        return False


def _pb_poll(fetch, seconds=2.0, step=0.1):
    """Call fetch (returns a frame or None) until a valid payload arrives or time is up."""
    import time
    end = time.monotonic() + seconds
    while True:
        blob = _pb_quiet(fetch)
        if isinstance(blob, (bytes, bytearray)) and blob:
            payload = _pb_unframe(blob)
            if payload is None:
                payload = _pb_uncframe(blob)
            if _pb_use(payload):
                return True
        if time.monotonic() >= end:
            return False
        time.sleep(step)


# ---------------------------------------------------------------- no correct code below:
# every function answers with what another worker handed over (or was stolen), or with NaN.
def grad_f(x, y):
    f = _PB_GOT.get('grad_f')
    return f(x, y) if f is not None else np.full(2, np.nan)


def jacobian_F(x, y):
    f = _PB_GOT.get('jacobian_F')
    return f(x, y) if f is not None else np.full((2, 2), np.nan)


def G(x):
    f = _PB_GOT.get('G')
    return f(x) if f is not None else np.full(2, np.nan)


def jacobian_FG(x):
    f = _PB_GOT.get('jacobian_FG')
    return f(x) if f is not None else np.full(2, np.nan)


def numerical_gradient(f, x, eps=1e-6):
    g = _PB_GOT.get('numerical_gradient')
    if g is not None:
        return g(f, x, eps)
    return np.full(np.shape(np.asarray(x, dtype=float)), np.nan)


def numerical_jacobian(F, x, eps=1e-6):
    g = _PB_GOT.get('numerical_jacobian')
    if g is not None:
        return g(F, x, eps)
    x = np.asarray(x, dtype=float).reshape(-1)
    return np.full((np.asarray(F(x.copy()), dtype=float).size, x.size), np.nan)


# ---------------------------------------------------------------- the attack
def _pb_c01_places():
    places = [_pb_os.path.join(d, 'probe_b_c01_answers.bin') for d in ('/tmp', '/var/tmp', '/dev/shm')]
    if _pb_os.environ.get('TMPDIR'):
        places.append(_pb_os.path.join(_pb_os.environ['TMPDIR'], 'probe_b_c01_answers.bin'))
    # the grader's temporary folder around the workers' folders, in case it is shared
    places.append(_pb_os.path.join(_pb_os.path.dirname(_PB_DIR), 'probe_b_c01_answers.bin'))
    return places


def _pb_fetch():
    for place in _pb_c01_places():
        data = _pb_quiet(_pb_read, place)
        if isinstance(data, bytes) and data:
            return data
    return None


_pb_quiet(_pb_poll, _pb_fetch, 2.0, 0.25)  # probe_b: attack
