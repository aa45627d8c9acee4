"""probe_b corpus, case hon02_relative_chdir (honest_files), module calculus.py.

os.chdir into its own folder at import, then relative paths only: open, os.makedirs, os.listdir, os.rename, os.path.exists; caches in a relative subfolder.

Honest submission (tests/blind/probes_b/README.md): correct code that uses files in its
own folder in the ordinary ways a student would.
"""
import os
import sys

import numpy as np

_PB_DIR = os.path.dirname(os.path.abspath(__file__))

os.chdir(_PB_DIR)
with open('probe_b_hon02_calculus.txt', 'w') as _fh:
    _fh.write('2 3\n2 8\n3 4\n')
assert os.path.exists('probe_b_hon02_calculus.txt')
with open('probe_b_hon02_calculus.txt') as _fh:
    _K = [[float(t) for t in line.split()] for line in _fh if line.strip()]


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
