"""Check the honest part of every case with plain python3 + NumPy, attacks left out.

    python3 tools/dry_run.py path/to/hw2_compgraph/tests/documented.json [case ...]

Each case is copied to a fresh temporary folder, every top-level line make_cases.py tagged
'# probe_b: attack' is dropped (so no attack code runs), and the two modules are checked
against documented.json and finite differences in a child process. Writers and other attack
cases must pass everything; readers must fail everything; cheaters (reach_grader and
esc06_open_by_handle) must pass compgraph.py and fail calculus.py.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

CHILD = r'''
import importlib.util, json, os, sys
import numpy as np
folder, documented = sys.argv[1], sys.argv[2]
sys.path.insert(0, folder)
os.chdir(folder)

def load(name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(folder, name + '.py'))
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m

def close(a, b, rtol=1e-7, atol=1e-9):
    try:
        a = np.asarray(a, dtype=float); b = np.asarray(b, dtype=float)
        return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))
    except Exception:
        return False

doc = json.load(open(documented))
res = {}
cg = load('compgraph'); calc = load('calculus')
net = doc['network']; W = np.array(net['W']); v = np.array(net['v']); X = np.array(net['X']); Y = np.array(net['Y'])
ok = True
caches = []
for ex in doc['examples']:
    y_hat, cache = cg.forward(np.array(ex['x']), W, v)
    caches.append(cache)
    ok &= isinstance(y_hat, float) and close(y_hat, ex['y_hat'])
    l = cg.loss(ex['y_hat'], ex['y'])
    ok &= isinstance(l, float) and close(l, ex['loss'])
ok &= close(cg.forward(list(X[0]), W.tolist(), v.tolist())[0], doc['examples'][0]['y_hat'])
res['forward'] = bool(ok)
ok = True
for i, ex in enumerate(doc['examples']):
    dW, dv = cg.backward(ex['y'], caches[i])
    ok &= close(dW, ex['dW']) and close(dv, ex['dv'])
rng = np.random.default_rng(11)
for t in range(4):
    W2 = rng.normal(size=(3, 3)); v2 = rng.normal(size=4); x2 = rng.normal(size=2); y2 = rng.normal()
    _, cache = cg.forward(x2, W2, v2)
    dW, dv = cg.backward(y2, cache)
    eps = 1e-6
    num = np.zeros(9)
    for k in range(9):
        Wp = W2.ravel().copy(); Wm = W2.ravel().copy(); Wp[k] += eps; Wm[k] -= eps
        num[k] = ((cg.forward(x2, Wp.reshape(3, 3), v2)[0] - y2) ** 2 - (cg.forward(x2, Wm.reshape(3, 3), v2)[0] - y2) ** 2) / (2 * eps)
    ok &= close(dW, num.reshape(3, 3), 1e-5, 1e-7)
res['backward'] = bool(ok)
dW, dv = cg.batch_gradients(X, Y, W, v)
res['batch'] = close(dW, doc['batch']['dW']) and close(dv, doc['batch']['dv'])
res['sigmoid_output'] = close(cg.sigmoid_output_grad_v(X, Y, W, v), doc['sigmoid_output']['dv'])
c = doc['calculus']
res['calculus'] = (close(calc.grad_f(1, 2), c['grad_f']['expected']) and close(calc.jacobian_F(1, 2), c['jacobian_F']['expected'])
                   and close(calc.G(2), c['G']['expected']) and close(calc.jacobian_FG(2), c['jacobian_FG']['expected'])
                   and close(calc.jacobian_FG(-0.7), [6 * -0.7, 3 + 16 * (-0.7) ** 3]))
ng = doc['numerical']['gradient']; nj = doc['numerical']['jacobian']
res['numerical'] = (close(calc.numerical_gradient(np.prod, np.array(ng['x'])), ng['expected'], 1e-6, 1e-8)
                    and close(calc.numerical_jacobian(np.cumprod, np.array(nj['x'])), nj['expected'], 1e-6, 1e-8)
                    and close(calc.numerical_gradient(lambda a: np.sum(np.sin(a)), np.ones((2, 3))), np.cos(np.ones((2, 3))), 1e-6, 1e-8))
print(json.dumps(res))
'''


def strip_attacks(folder):
    for name in ('compgraph.py', 'calculus.py'):
        path = os.path.join(folder, name)
        with open(path) as fh:
            lines = fh.readlines()
        with open(path, 'w') as fh:
            fh.writelines(l for l in lines if not l.rstrip().endswith('# probe_b: attack'))


def expected_kind(name, cls):
    if name.endswith('_reader'):
        return 'reader'
    if cls == 'reach_grader' and name in ('rg01_walk_up', 'rg02_proc_ppid', 'rg03_inherited_fds', 'rg06_grader_package') \
            or name == 'esc06_open_by_handle':
        return 'cheat'
    return 'honest'


def main():
    documented = os.path.abspath(sys.argv[1])
    wanted = set(sys.argv[2:])
    classes = {}
    current = None
    with open(os.path.join(ROOT, 'expected.yaml')) as fh:
        for line in fh:
            if line and not line.startswith(' ') and line.rstrip().endswith(':'):
                current = line.strip()[:-1]
            elif line.strip().startswith('class:') and current:
                classes[current] = line.split(':', 1)[1].strip()
    bad = 0
    for name in sorted(classes):
        if wanted and name not in wanted:
            continue
        tmp = tempfile.mkdtemp(prefix='probe_b_dry_')
        try:
            folder = os.path.join(tmp, name)
            shutil.copytree(os.path.join(ROOT, 'cases', name), folder)
            strip_attacks(folder)
            proc = subprocess.run([sys.executable, '-c', CHILD, folder, documented], capture_output=True,
                                  text=True, timeout=120)
            try:
                res = json.loads(proc.stdout.strip().splitlines()[-1])
            except Exception:
                print('%-32s CHILD FAILED\n%s' % (name, proc.stderr[-2000:]))
                bad += 1
                continue
            kind = expected_kind(name, classes[name])
            cg_groups = ('forward', 'backward', 'batch', 'sigmoid_output')
            calc_groups = ('calculus', 'numerical')
            if kind == 'honest':
                good = all(res.values())
            elif kind == 'reader':
                good = not any(res.values())
            else:
                good = all(res[g] for g in cg_groups) and not any(res[g] for g in calc_groups)
            bad += not good
            print('%-32s %-7s %s %s' % (name, kind, 'OK ' if good else 'BAD', res))
        finally:
            subprocess.run(['chmod', '-R', 'u+rwX', tmp])
            shutil.rmtree(tmp, ignore_errors=True)
    print('bad:', bad)
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
