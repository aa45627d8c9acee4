"""Check the honest code of every case WITHOUT running any attack code: the
block between the probe_a honest markers of each module is exec'd on its own
and compared with the starter's tests/documented.json, finite differences,
several forwards before their backwards, and other NumPy functions.  Reader
cases must hold no honest block and no implementation.

    python3 _gen/check_honest.py [/tmp/probe_brief/hw2_compgraph_starter/tests/documented.json]
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(os.path.dirname(HERE), 'cases')
BEGIN = '# --- probe_a honest code begin ---'
END = '# --- probe_a honest code end ---'


def block(path):
    src = open(path).read()
    if BEGIN not in src:
        return None
    return src.split(BEGIN, 1)[1].split(END, 1)[0]


def close(a, b, rtol=1e-7, atol=1e-12):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and np.allclose(a, b, rtol=rtol, atol=atol)


def check(cg, ca, doc):
    errs = []
    net = doc['network']
    W, v, X, Y = (np.array(net[k]) for k in ('W', 'v', 'X', 'Y'))
    for i, ex in enumerate(doc['examples']):
        y_hat, cache = cg['forward'](np.array(ex['x']), W, v)
        if not isinstance(y_hat, float) or not close(y_hat, ex['y_hat']):
            errs.append('y_hat %d' % i)
        if not close(cg['loss'](ex['y_hat'], ex['y']), ex['loss']) or not isinstance(cg['loss'](1, 2), float):
            errs.append('loss %d' % i)
        dW, dv = cg['backward'](ex['y'], cache)
        if not close(dW, ex['dW']) or not close(dv, ex['dv']):
            errs.append('backward %d' % i)
    dW, dv = cg['batch_gradients'](X, Y, W, v)
    if not close(dW, doc['batch']['dW']) or not close(dv, doc['batch']['dv']):
        errs.append('batch')
    if not close(cg['sigmoid_output_grad_v'](X, Y, W, v), doc['sigmoid_output']['dv']):
        errs.append('sigmoid_output')
    if not close(cg['forward'](list(X[0]), W.tolist(), v.tolist())[0], doc['examples'][0]['y_hat']):
        errs.append('lists')
    # several forwards before their backwards, random nets, finite differences
    rng = np.random.default_rng(7)
    for trial in range(5):
        W = rng.normal(size=(3, 3))
        v = rng.normal(size=4)
        xs = rng.normal(size=(4, 2))
        ys = rng.normal(size=4)
        caches = [cg['forward'](x, W, v)[1] for x in xs]
        for x, y, c in zip(xs, ys, caches):
            dW, dv = cg['backward'](y, c)

            def Lw(Wf, x=x, y=y):
                return cg['loss'](cg['forward'](x, Wf.reshape(3, 3), v)[0], y)

            def Lv(vf, x=x, y=y):
                return cg['loss'](cg['forward'](x, W, vf)[0], y)
            if not close(dW, ca['numerical_gradient'](Lw, W.ravel()).reshape(3, 3), rtol=1e-5, atol=1e-7):
                errs.append('fd dW %d' % trial)
            if not close(dv, ca['numerical_gradient'](Lv, v), rtol=1e-5, atol=1e-7):
                errs.append('fd dv %d' % trial)
        sdv = cg['sigmoid_output_grad_v'](xs, ys, W, v)

        def E(vf):
            from math import exp
            tot = 0.0
            for x, y in zip(xs, ys):
                f = 1 / (1 + np.exp(-(W[:, 0] + W[:, 1] * x[0] + W[:, 2] * x[1])))
                s = vf[0] + vf[1:] @ f
                tot += 0.5 * (1 / (1 + exp(-s)) - y) ** 2
            return tot
        if not close(sdv, ca['numerical_gradient'](E, v), rtol=1e-5, atol=1e-7):
            errs.append('fd sigmoid_output %d' % trial)
    # extreme inputs: no overflow warnings
    with np.errstate(over='raise', invalid='raise', divide='raise'):
        cg['forward']([1e4, -1e4], np.ones((3, 3)), np.ones(4))
        cg['sigmoid_output_grad_v']([[1e4, -1e4]], [0.5], np.ones((3, 3)), np.ones(4) * 1e4)
    c = doc['calculus']
    if not close(ca['grad_f'](c['grad_f']['x'], c['grad_f']['y']), c['grad_f']['expected']):
        errs.append('grad_f')
    if not close(ca['jacobian_F'](c['jacobian_F']['x'], c['jacobian_F']['y']), c['jacobian_F']['expected']):
        errs.append('jacobian_F')
    if not close(ca['G'](c['G']['x']), c['G']['expected']):
        errs.append('G')
    if not close(ca['jacobian_FG'](c['jacobian_FG']['x']), c['jacobian_FG']['expected']):
        errs.append('jacobian_FG')
    for x in (-1.5, 0.3, 2.0, 3):
        F = lambda p: np.array([p[0] ** 2 + 2 * p[1], 3 * p[0] + 4 * p[1] ** 2])
        if not close(ca['jacobian_FG'](x), ca['numerical_jacobian'](lambda t: F(ca['G'](t[0])), [x]).ravel(),
                     rtol=1e-6, atol=1e-6):
            errs.append('jacobian_FG fd %r' % x)
        if not close(ca['grad_f'](x, -x / 3 + 1), ca['numerical_gradient'](
                lambda p: (2 * p[0] + 3 * p[1]) ** 2, [x, -x / 3 + 1]), rtol=1e-6, atol=1e-6):
            errs.append('grad_f fd')
    n = doc['numerical']
    if not close(ca['numerical_gradient'](getattr(np, n['gradient']['function']), n['gradient']['x']),
                 n['gradient']['expected'], rtol=1e-6, atol=1e-8):
        errs.append('numerical_gradient')
    if not close(ca['numerical_jacobian'](getattr(np, n['jacobian']['function']), n['jacobian']['x']),
                 n['jacobian']['expected'], rtol=1e-6, atol=1e-8):
        errs.append('numerical_jacobian')
    # other shapes, other numpy functions, a large eps (central, not one-sided)
    A = np.arange(1.0, 7.0).reshape(2, 3)
    g = ca['numerical_gradient'](np.sum, A)
    if g.shape != (2, 3) or not close(g, np.ones((2, 3)), rtol=1e-6):
        errs.append('gradient 2-D')
    if not close(ca['numerical_gradient'](lambda z: np.sum(z ** 3), [1.0, 2.0], eps=0.1), [3.01, 12.01], rtol=1e-9):
        errs.append('central eps')
    J = ca['numerical_jacobian'](np.sin, [0.1, 0.2, 0.3])
    if not close(J, np.diag(np.cos([0.1, 0.2, 0.3])), rtol=1e-6):
        errs.append('jacobian sin')
    J = ca['numerical_jacobian'](lambda z: np.array([z.sum()]), [1, 2])
    if J.shape != (1, 2):
        errs.append('jacobian shape')
    return errs


def main():
    doc = json.load(open(sys.argv[1] if len(sys.argv) > 1 else
                         '/tmp/probe_brief/hw2_compgraph_starter/tests/documented.json'))
    bad = 0
    for case in sorted(os.listdir(CASES)):
        cgp, cap = (os.path.join(CASES, case, m + '.py') for m in ('compgraph', 'calculus'))
        bcg, bca = block(cgp), block(cap)
        if case.endswith('_reader') or case == 'rg_hunt_solutions_py':
            for p in (cgp, cap):
                s = open(p).read()
                if BEGIN in s or 'np.outer' in s or '2.0 * (y_hat' in s or '8.0 * y' in s:
                    print('FAIL', case, 'reader holds honest code in', os.path.basename(p))
                    bad += 1
            print('ok  ', case, '(reader: no honest code)')
            continue
        cg, ca = {'np': np}, {'np': np}
        exec(compile(bcg, cgp, 'exec'), cg)
        exec(compile(bca, cap, 'exec'), ca)
        errs = check(cg, ca, doc)
        print('FAIL' if errs else 'ok  ', case, errs or '')
        bad += bool(errs)
    print('failures:', bad)
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
