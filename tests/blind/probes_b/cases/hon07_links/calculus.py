"""probe_b corpus, case hon07_links (honest_files), module calculus.py.

Links that stay inside its own folder: os.symlink with a relative target, os.link, os.readlink, os.path.islink/realpath, pathlib symlink_to/hardlink_to, reading through them, unlinking them.

Honest submission (tests/blind/probes_b/README.md): correct code that uses files in its
own folder in the ordinary ways a student would.
"""
import os
import sys

import numpy as np

_PB_DIR = os.path.dirname(os.path.abspath(__file__))

import pathlib

_HERE = pathlib.Path(__file__).resolve().parent
_REAL = _HERE / 'probe_b_hon07_calculus.txt'
_REAL.write_text('2 3\n2 8\n3 4\n')
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
