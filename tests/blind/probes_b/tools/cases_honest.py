"""honest_files: correct code that uses files in its own folder in the ordinary ways.

Each case's functions really depend on what they write and read back: constants of the
formulas come from a file, and forward() keeps its cache in a file whose name is the cache.
"""
from promises import HONEST, LANDLOCK, QUOTA

CASES = []
WHY = ('correct code that reads and writes only inside its own folder: nothing is refused, ok with '
       'full marks. ' + HONEST + '; ' + LANDLOCK + '; ' + QUOTA + '.')


def honest(name, summary, compgraph, calculus, why=WHY):
    CASES.append(dict(name=name, cls='honest_files', language='python', status=['ok'], min=20, max=20,
                      summary=summary, why=why, compgraph={'code': compgraph}, calculus={'code': calculus}))


# The network part every honest case shares once its constants and cache storage are set up:
# _ONE, _TWO come from a file; _save(arrays) -> cache, _load(cache) -> arrays.
NET = '''

def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow. Given: use it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, _ONE / (_ONE + e), e / (_ONE + e))


def forward(x, W, v):
    x = np.asarray(x, dtype=float).reshape(2)
    W = np.asarray(W, dtype=float).reshape(3, 3)
    v = np.asarray(v, dtype=float).reshape(4)
    xb = np.array([_ONE, x[0], x[1]])
    f = sigmoid(W @ xb)
    fb = np.concatenate(([_ONE], f))
    y_hat = float(v @ fb)
    return y_hat, _save(xb, f, fb, v, np.array([y_hat]))


def loss(y_hat, y):
    return float((float(y_hat) - float(y)) ** 2)


def backward(y, cache):
    xb, f, fb, v, y_hat = _load(cache)
    d = _TWO * (float(y_hat[0]) - float(y))
    dv = d * fb
    dz = d * v[1:] * f * (_ONE - f)
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
        fb = np.concatenate(([_ONE], sigmoid(W @ np.array([_ONE, x[0], x[1]]))))
        y_hat = float(sigmoid(v @ fb))
        dv += (y_hat - y) * y_hat * (_ONE - y_hat) * fb
    return dv
'''

# calculus: _K is [[2, 3], [2, 8], [3, 4]] read from a file:
#   f = (K00 x + K01 y)^2, F = [x^2 + K10 y, K20 x + K21 y^2]; K11 = 8 = 2 * K21.
CALC = '''

def grad_f(x, y):
    s = 2.0 * (_K[0][0] * float(x) + _K[0][1] * float(y))
    return np.array([_K[0][0] * s, _K[0][1] * s])


def jacobian_F(x, y):
    return np.array([[2.0 * float(x), _K[1][0]], [_K[2][0], _K[1][1] * float(y)]])


def G(x):
    x = float(x)
    return np.array([x, x * x])


def jacobian_FG(x):
    x = float(x)
    g = G(x)
    return jacobian_F(g[0], g[1]) @ np.array([1.0, 2.0 * x])


def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros(x.shape)
    for k in range(x.size):
        xp = x.copy()
        xm = x.copy()
        xp.flat[k] += eps
        xm.flat[k] -= eps
        g.flat[k] = (float(np.asarray(f(xp), dtype=float).reshape(()))
                     - float(np.asarray(f(xm), dtype=float).reshape(()))) / (2.0 * eps)
    return g


def numerical_jacobian(F, x, eps=1e-6):
    x = np.array(x, dtype=float).reshape(-1)
    m = np.asarray(F(x.copy()), dtype=float).reshape(-1).size
    J = np.zeros((m, x.size))
    for k in range(x.size):
        xp = x.copy()
        xm = x.copy()
        xp[k] += eps
        xm[k] -= eps
        J[:, k] = (np.asarray(F(xp), dtype=float).reshape(-1)
                   - np.asarray(F(xm), dtype=float).reshape(-1)) / (2.0 * eps)
    return J
'''

# ------------------------------------------------------------------ 1. absolute paths
honest('hon01_abs_paths',
       'Absolute paths built from __file__: json constants, text tables, np.savez caches named by a '
       'counter, os.listdir / os.path.getsize / os.remove of its own files.',
       '''
import json
import itertools

_CONST = os.path.join(_PB_DIR, 'probe_b_hon01_constants.json')
for _stale in os.listdir(_PB_DIR):
    if _stale.startswith('probe_b_hon01_cache_'):
        os.remove(os.path.join(_PB_DIR, _stale))
with open(_CONST, 'w') as _fh:
    json.dump({'one': 1.0, 'two': 2.0}, _fh)
assert os.path.getsize(_CONST) > 0
with open(_CONST) as _fh:
    _C = json.load(_fh)
_ONE, _TWO = _C['one'], _C['two']
_SEQ = itertools.count()


def _save(*arrays):
    path = os.path.join(_PB_DIR, 'probe_b_hon01_cache_%d_%d.npz' % (os.getpid(), next(_SEQ)))
    np.savez(path, *arrays)
    return path


def _load(cache):
    with np.load(cache) as z:
        return [z['arr_%d' % i] for i in range(5)]
''' + NET,
       '''
_TABLE = os.path.join(_PB_DIR, 'probe_b_hon01_calculus.txt')
with open(_TABLE, 'w') as _fh:
    _fh.write('2 3\\n2 8\\n3 4\\n')
with open(_TABLE) as _fh:
    _K = [[float(t) for t in line.split()] for line in _fh if line.strip()]
''' + CALC)

# ------------------------------------------------------------------ 2. chdir and relative paths
honest('hon02_relative_chdir',
       'os.chdir into its own folder at import, then relative paths only: open, os.makedirs, os.listdir, '
       'os.rename, os.path.exists; caches in a relative subfolder.',
       '''
import pickle

os.chdir(_PB_DIR)
os.makedirs('probe_b_hon02_cache', exist_ok=True)
with open('probe_b_hon02_constants.tmp', 'w') as _fh:
    _fh.write('1.0\\n2.0\\n')
os.rename('probe_b_hon02_constants.tmp', 'probe_b_hon02_constants.txt')
assert 'probe_b_hon02_constants.txt' in os.listdir('.')
with open('probe_b_hon02_constants.txt') as _fh:
    _ONE, _TWO = [float(t) for t in _fh.read().split()]
_SEQ = [0]


def _save(*arrays):
    _SEQ[0] += 1
    name = os.path.join('probe_b_hon02_cache', '%d_%d.pkl' % (os.getpid(), _SEQ[0]))
    with open(name, 'wb') as fh:
        pickle.dump(arrays, fh)
    return name


def _load(cache):
    with open(cache, 'rb') as fh:
        return pickle.load(fh)
''' + NET,
       '''
os.chdir(_PB_DIR)
with open('probe_b_hon02_calculus.txt', 'w') as _fh:
    _fh.write('2 3\\n2 8\\n3 4\\n')
assert os.path.exists('probe_b_hon02_calculus.txt')
with open('probe_b_hon02_calculus.txt') as _fh:
    _K = [[float(t) for t in line.split()] for line in _fh if line.strip()]
''' + CALC)

# ------------------------------------------------------------------ 3. tempfile and shutil
honest('hon03_tempfile_shutil',
       'tempfile (mkstemp, NamedTemporaryFile, TemporaryDirectory, SpooledTemporaryFile) with dir= its '
       'own folder, and shutil (copy, copy2, copyfile, copytree, move, rmtree) plus os.replace to pass '
       'the constants along; caches in mkstemp files.',
       '''
import shutil
import tempfile

with tempfile.NamedTemporaryFile('w', dir=_PB_DIR, suffix='.txt', delete=False) as _fh:
    _fh.write('1.0 2.0\\n')
    _first = _fh.name
with tempfile.TemporaryDirectory(dir=_PB_DIR) as _tmp:
    _a = shutil.copy(_first, os.path.join(_tmp, 'a.txt'))
    _b = shutil.copy2(_a, os.path.join(_tmp, 'b.txt'))
    shutil.copytree(_tmp, os.path.join(_PB_DIR, 'probe_b_hon03_tree'), dirs_exist_ok=True)
_c = shutil.move(os.path.join(_PB_DIR, 'probe_b_hon03_tree', 'b.txt'), os.path.join(_PB_DIR, 'probe_b_hon03_moved.txt'))
shutil.rmtree(os.path.join(_PB_DIR, 'probe_b_hon03_tree'))
_fd, _d = tempfile.mkstemp(dir=_PB_DIR)
os.close(_fd)
shutil.copyfile(_c, _d)
os.replace(_d, os.path.join(_PB_DIR, 'probe_b_hon03_constants.txt'))
os.remove(_first)
with tempfile.SpooledTemporaryFile(max_size=16, dir=_PB_DIR) as _sp:
    with open(os.path.join(_PB_DIR, 'probe_b_hon03_constants.txt'), 'rb') as _fh:
        _sp.write(_fh.read() * 4)
    _sp.seek(0)
    _ONE, _TWO = [float(t) for t in _sp.read().decode().split()[:2]]


def _save(*arrays):
    fd, path = tempfile.mkstemp(prefix='probe_b_hon03_cache_', suffix='.npy', dir=_PB_DIR)
    with os.fdopen(fd, 'wb') as fh:
        np.save(fh, np.concatenate([np.ravel(a) for a in arrays]))
    return path


def _load(cache):
    flat = np.load(cache)
    return flat[0:3], flat[3:6], flat[6:10], flat[10:14], flat[14:15]
''' + NET,
       '''
import shutil
import tempfile

with tempfile.TemporaryDirectory(dir=_PB_DIR) as _tmp:
    _src = os.path.join(_tmp, 'k.txt')
    with open(_src, 'w') as _fh:
        _fh.write('2 3\\n2 8\\n3 4\\n')
    _dst = shutil.copy(_src, os.path.join(_PB_DIR, 'probe_b_hon03_calculus.txt'))
with open(_dst) as _fh:
    _K = [[float(t) for t in line.split()] for line in _fh if line.strip()]
''' + CALC)

# ------------------------------------------------------------------ 4. pathlib
honest('hon04_pathlib',
       'pathlib only: Path(__file__).resolve().parent, mkdir, write_text/read_text, write_bytes/'
       'read_bytes, touch, iterdir, glob, rename, replace, stat, unlink.',
       '''
import pathlib

_HERE = pathlib.Path(__file__).resolve().parent
_STORE = _HERE / 'probe_b_hon04_store'
_STORE.mkdir(parents=True, exist_ok=True)
(_STORE / 'constants.draft').write_text('1.0 2.0')
(_STORE / 'constants.draft').rename(_STORE / 'constants.txt')
(_STORE / 'marker').touch()
assert (_STORE / 'constants.txt').stat().st_size > 0
assert any(p.name == 'marker' for p in _STORE.iterdir())
for _old in _STORE.glob('cache_*.bin'):
    _old.unlink()
_ONE, _TWO = [float(t) for t in (_STORE / 'constants.txt').read_text().split()]
_SEQ = [0]


def _save(*arrays):
    _SEQ[0] += 1
    path = _STORE / ('cache_%d_%d.bin' % (os.getpid(), _SEQ[0]))
    tmp = path.with_suffix('.part')
    tmp.write_bytes(np.concatenate([np.ravel(a) for a in arrays]).astype('<f8').tobytes())
    tmp.replace(path)
    return str(path)


def _load(cache):
    flat = np.frombuffer(pathlib.Path(cache).read_bytes(), dtype='<f8')
    return flat[0:3], flat[3:6], flat[6:10], flat[10:14], flat[14:15]
''' + NET,
       '''
import pathlib

_FILE = pathlib.Path(__file__).resolve().parent / 'probe_b_hon04_calculus.txt'
_FILE.write_text('2 3\\n2 8\\n3 4\\n')
_K = [[float(t) for t in line.split()] for line in _FILE.read_text().splitlines() if line.strip()]
''' + CALC)

# ------------------------------------------------------------------ 5. NumPy files, memory maps
honest('hon05_numpy_files',
       'NumPy files: np.save/np.load (plain and mmap_mode r, r+, c), np.savez_compressed, np.savetxt/'
       'np.loadtxt, np.memmap (w+ then r), tofile/fromfile; caches are .npy files loaded with '
       'mmap_mode="r".',
       '''
_P = lambda name: os.path.join(_PB_DIR, 'probe_b_hon05_' + name)
np.save(_P('ones.npy'), np.array([1.0, 2.0]))
_m = np.load(_P('ones.npy'), mmap_mode='r+')
_m[1] = 2.0
_m.flush()
del _m
_c = np.load(_P('ones.npy'), mmap_mode='c')
_c[0] = 99.0  # copy-on-write: never reaches the file
del _c
np.savez_compressed(_P('pack.npz'), k=np.load(_P('ones.npy'), mmap_mode='r'))
with np.load(_P('pack.npz')) as _z:
    _k = _z['k'].copy()
np.savetxt(_P('k.txt'), _k)
_mm = np.memmap(_P('k.mm'), dtype='<f8', mode='w+', shape=(2,))
_mm[:] = np.loadtxt(_P('k.txt'))
_mm.flush()
del _mm
np.memmap(_P('k.mm'), dtype='<f8', mode='r', shape=(2,)).tofile(_P('k.raw'))
_ONE, _TWO = [float(t) for t in np.fromfile(_P('k.raw'), dtype='<f8')]
_SEQ = [0]


def _save(*arrays):
    _SEQ[0] += 1
    path = _P('cache_%d_%d.npy' % (os.getpid(), _SEQ[0]))
    np.save(path, np.concatenate([np.ravel(a) for a in arrays]))
    return path


def _load(cache):
    flat = np.array(np.load(cache, mmap_mode='r'))
    return flat[0:3], flat[3:6], flat[6:10], flat[10:14], flat[14:15]
''' + NET,
       '''
_PATH = os.path.join(_PB_DIR, 'probe_b_hon05_calculus.npy')
np.save(_PATH, np.array([[2.0, 3.0], [2.0, 8.0], [3.0, 4.0]]))
_K = np.array(np.load(_PATH, mmap_mode='r')).tolist()
''' + CALC)

# ------------------------------------------------------------------ 6. os level, chmod, dir_fd, mmap
honest('hon06_os_level',
       'The os module: os.open/write/lseek/read/fsync/ftruncate/truncate/fstat, dir_fd= of its own '
       'folder, os.chmod of its files (0o600, 0o400, back to 0o644) and of its folder (to its current '
       'mode), os.utime, os.access, os.scandir, os.walk, os.makedirs/rmdir, mmap of its own file.',
       '''
import mmap
import stat

_dfd = os.open(_PB_DIR, os.O_RDONLY | os.O_DIRECTORY)
_fd = os.open('probe_b_hon06_constants.bin', os.O_CREAT | os.O_RDWR | os.O_TRUNC, 0o644, dir_fd=_dfd)
os.write(_fd, np.array([1.0, 2.0, 7.0]).tobytes())
os.fsync(_fd)
os.ftruncate(_fd, 16)
os.lseek(_fd, 0, os.SEEK_SET)
_raw = os.read(_fd, 16)
assert os.fstat(_fd).st_size == 16
os.close(_fd)
_PATH = os.path.join(_PB_DIR, 'probe_b_hon06_constants.bin')
os.chmod(_PATH, 0o600)
os.chmod(_PATH, 0o400)
assert os.access(_PATH, os.R_OK)
os.chmod(_PATH, 0o644)
try:
    os.chmod(_PB_DIR, stat.S_IMODE(os.stat(_PB_DIR).st_mode))  # its folder, to the mode it has
except PermissionError:
    pass  # the folder may belong to the grader's user
os.utime(_PATH, None)
os.truncate(_PATH, 16)
assert os.stat('probe_b_hon06_constants.bin', dir_fd=_dfd).st_size == 16
os.close(_dfd)
with open(_PATH, 'r+b') as _fh:
    with mmap.mmap(_fh.fileno(), 16) as _mp:
        _ONE, _TWO = [float(t) for t in np.frombuffer(_mp[:16], dtype=float)]
os.makedirs(os.path.join(_PB_DIR, 'probe_b_hon06_dir', 'sub'), exist_ok=True)
assert any(e.name == 'probe_b_hon06_dir' for e in os.scandir(_PB_DIR))
assert sum(1 for _ in os.walk(os.path.join(_PB_DIR, 'probe_b_hon06_dir'))) == 2
os.rmdir(os.path.join(_PB_DIR, 'probe_b_hon06_dir', 'sub'))
os.rmdir(os.path.join(_PB_DIR, 'probe_b_hon06_dir'))
_SEQ = [0]


def _save(*arrays):
    _SEQ[0] += 1
    path = os.path.join(_PB_DIR, 'probe_b_hon06_cache_%d_%d.bin' % (os.getpid(), _SEQ[0]))
    data = np.concatenate([np.ravel(a) for a in arrays]).astype(float).tobytes()
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    return path


def _load(cache):
    with open(cache, 'rb') as fh:
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mp:
            flat = np.frombuffer(mp[:], dtype=float).copy()
    return flat[0:3], flat[3:6], flat[6:10], flat[10:14], flat[14:15]
''' + NET,
       '''
_PATH = os.path.join(_PB_DIR, 'probe_b_hon06_calculus.bin')
_fd = os.open(_PATH, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
os.write(_fd, np.array([2.0, 3.0, 2.0, 8.0, 3.0, 4.0]).tobytes())
os.close(_fd)
os.chmod(_PATH, 0o444)
_fd = os.open(_PATH, os.O_RDONLY)
_K = np.frombuffer(os.read(_fd, 48), dtype=float).reshape(3, 2).tolist()
os.close(_fd)
os.chmod(_PATH, 0o644)
''' + CALC)

# ------------------------------------------------------------------ 7. links inside its own folder
honest('hon07_links',
       'Links that stay inside its own folder: os.symlink with a relative target, os.link, os.readlink, '
       'os.path.islink/realpath, pathlib symlink_to/hardlink_to, reading through them, unlinking them.',
       '''
import pathlib

_REAL = os.path.join(_PB_DIR, 'probe_b_hon07_constants.txt')
with open(_REAL, 'w') as _fh:
    _fh.write('1.0 2.0')
_SOFT = os.path.join(_PB_DIR, 'probe_b_hon07_soft.txt')
_HARD = os.path.join(_PB_DIR, 'probe_b_hon07_hard.txt')
for _p in (_SOFT, _HARD):
    if os.path.lexists(_p):
        os.unlink(_p)
os.symlink('probe_b_hon07_constants.txt', _SOFT)
os.link(_REAL, _HARD)
assert os.path.islink(_SOFT) and os.readlink(_SOFT) == 'probe_b_hon07_constants.txt'
assert os.path.realpath(_SOFT) == os.path.realpath(_REAL)
with open(_SOFT) as _fh:
    _a = _fh.read()
with open(_HARD) as _fh:
    _b = _fh.read()
assert _a == _b
_ONE, _TWO = [float(t) for t in _a.split()]
os.unlink(_SOFT)
os.unlink(_HARD)
_SEQ = [0]


def _save(*arrays):
    _SEQ[0] += 1
    real = os.path.join(_PB_DIR, 'probe_b_hon07_cache_%d_%d.npy' % (os.getpid(), _SEQ[0]))
    np.save(real, np.concatenate([np.ravel(a) for a in arrays]))
    link = real[:-4] + '.link.npy'
    os.symlink(os.path.basename(real), link)
    return link


def _load(cache):
    flat = np.load(cache)
    return flat[0:3], flat[3:6], flat[6:10], flat[10:14], flat[14:15]
''' + NET,
       '''
import pathlib

_HERE = pathlib.Path(__file__).resolve().parent
_REAL = _HERE / 'probe_b_hon07_calculus.txt'
_REAL.write_text('2 3\\n2 8\\n3 4\\n')
_SOFT = _HERE / 'probe_b_hon07_calculus.soft'
_HARD = _HERE / 'probe_b_hon07_calculus.hard'
for _p in (_SOFT, _HARD):
    if os.path.lexists(_p):
        _p.unlink()
_SOFT.symlink_to(_REAL.name)
_HARD.hardlink_to(_REAL)
_K = [[float(t) for t in line.split()] for line in _SOFT.read_text().splitlines() if line.strip()]
assert _HARD.read_text() == _REAL.read_text()
_SOFT.unlink()
_HARD.unlink()
''' + CALC)
