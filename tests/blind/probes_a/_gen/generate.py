"""Generate ../cases/<case>/{compgraph.py,calculus.py} for every case of spec.py.

    python3 _gen/generate.py

Each case folder is self-contained: the shared snippets are pasted in."""
import base64
import json
import os
import shutil
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from spec import CASES  # noqa: E402
from honest import HONEST_CG, HONEST_CA, CG_FUNCS, CA_FUNCS  # noqa: E402
import snippets as S  # noqa: E402
from channels import WRITERS, READERS, NEEDS  # noqa: E402
from attacks import ATTACKS, HUNT  # noqa: E402
from honest_files import HF  # noqa: E402

OUT = os.path.join(os.path.dirname(HERE), 'cases')
BEGIN = '# --- probe_a honest code begin ---'
END = '# --- probe_a honest code end ---'


def doc(case, module, extra=''):
    c = CASES[case]
    why = c['why']
    lines = [f'"""probe_a case {case} ({c["klass"]}, {c["language"]}): hw2_compgraph {module}.py.', '']
    # wrap the expectation text
    words, line = why.split(), ''
    for w in words:
        if len(line) + len(w) + 1 > 100:
            lines.append(line.rstrip())
            line = ''
        line += w + ' '
    if line.strip():
        lines.append(line.rstrip())
    if extra:
        lines += ['', extra]
    lines.append('"""')
    return '\n'.join(lines).replace('\\', '\\\\') + '\n'


def needs_src(needs):
    out = ''
    if 'PROC' in needs:
        out += S.PROC
    if 'NATIVE' in needs:
        out += S.NATIVE
    if 'FORBIDDEN' in needs:
        out += S.FORBIDDEN_STEPS
    return out


def honest(block):
    return '\n' + BEGIN + '\n' + block.strip('\n') + '\n' + END + '\n'


def payload():
    d = {'compgraph': HONEST_CG.strip() + '\n', 'calculus': HONEST_CA.strip() + '\n'}
    return base64.b64encode(zlib.compress(json.dumps(d).encode(), 9)).decode()


def attack_module(case, module, needs=(), attack_code='', canary=True, pre_honest='', extra_doc=''):
    funcs = CG_FUNCS if module == 'compgraph' else CA_FUNCS
    block = HONEST_CG if module == 'compgraph' else HONEST_CA
    src = doc(case, module, extra_doc)
    src += '\nimport numpy as np\n'
    src += S.PRELUDE.format(case=case)
    src += needs_src(needs)
    src += pre_honest
    src += honest(block)
    if attack_code:
        src += '\n\n# ---- probe_a attack ----' + attack_code
    if canary:
        src += S.GUARD.format(funcs=funcs)
    return src


def reader_module(case, module, needs, fetch_code, budget=2.5):
    names = CG_FUNCS if module == 'compgraph' else CA_FUNCS
    stubs = S.READER_STUBS_CG if module == 'compgraph' else S.READER_STUBS_CA
    src = doc(case, module, 'This module holds NO correct code: every graded function answers only with code '
                            'fetched from another submission (or the grader\'s files) through the channel.')
    src += '\nimport numpy as np\n'
    src += S.PRELUDE.format(case=case)
    src += needs_src(needs)
    src += S.READER_CORE.format(module=module, names=names)
    src += '\n\n# ---- probe_a channel ----' + fetch_code
    src += stubs
    src += f'\n\n_pa_poll({budget})\n'
    return src


def build(case):
    c = CASES[case]
    files = {}
    if c['klass'] == 'collusion':
        ch = case[len('cc_'):].rsplit('_', 1)[0]
        wneeds, rneeds = NEEDS[ch]
        if case.endswith('_writer'):
            legit = ch in ('proc_cwd', 'inotify')
            files['compgraph.py'] = attack_module(case, 'compgraph', canary=not legit)
            code = '\n_PA_PAYLOAD = %r\n' % payload() + WRITERS[ch]
            files['calculus.py'] = attack_module(case, 'calculus', needs=wneeds, attack_code=code, canary=not legit)
        else:
            for m in ('compgraph', 'calculus'):
                files[m + '.py'] = reader_module(case, m, rneeds, READERS[ch])
    elif case == 'rg_hunt_solutions_py':
        for m in ('compgraph', 'calculus'):
            files[m + '.py'] = reader_module(case, m, ('PROC',), HUNT, budget=3.2)
    elif c['klass'] == 'honest_files':
        h = HF[case]
        for m in ('compgraph', 'calculus'):
            files[m + '.py'] = honest_files_module(case, m, h)
    else:
        a = ATTACKS[case]
        where = a['where']
        call = '\n\n_pa_try("attack", _pa_attack)\n'
        if where == 'compgraph':
            files['compgraph.py'] = attack_module(case, 'compgraph', a['needs'], a['code'] + call, a['canary'])
            files['calculus.py'] = attack_module(case, 'calculus', (), '', a['canary'])
        elif where == 'calculus':
            files['compgraph.py'] = attack_module(case, 'compgraph', (), '', a['canary'])
            files['calculus.py'] = attack_module(case, 'calculus', a['needs'], a['code'] + call, a['canary'])
        elif where == 'G':
            hook = a['code'] + G_HOOK
            files['compgraph.py'] = attack_module(case, 'compgraph', (), '', a['canary'])
            files['calculus.py'] = attack_module(case, 'calculus', a['needs'], hook, a['canary'])
        else:
            raise ValueError(where)
    return files


G_HOOK = r'''

_PA_G_DONE = []
_pa_honest_G = G


def G(x):
    """G(x) = [x, x^2], shape (2,); the first call in each process also runs the attack."""
    if not _PA_G_DONE:
        _PA_G_DONE.append(1)
        _pa_try("attack", _pa_attack)
    return _pa_honest_G(x)
'''


def honest_files_module(case, module, h):
    block = HONEST_CG if module == 'compgraph' else HONEST_CA
    src = doc(case, module)
    src += '\nimport json\nimport os\nimport shutil\nimport tempfile\n\nimport numpy as np\n'
    src += honest(block)
    src += '\n\n# ---- probe_a honest file use (no try/except: a refusal must cost points) ----\n'
    src += h['helpers']
    if module == 'compgraph':
        src += HF_WRAP_CG
    else:
        src += HF_WRAP_CA
    src += h.get('top_' + module, '')
    return src


HF_WRAP_CG = r'''

_hf_loss = loss


def loss(y_hat, y):
    """Squared error (y_hat - y)^2 of one example, a float (round-tripped through a file)."""
    return float(_hf_roundtrip(np.array(_hf_loss(y_hat, y))).reshape(()))


_hf_roundtrip(np.arange(3.0))
'''

HF_WRAP_CA = r'''

_hf_honest = {"grad_f": grad_f, "jacobian_F": jacobian_F, "G": G, "jacobian_FG": jacobian_FG}


def grad_f(x, y):
    """Gradient of f (round-tripped through a file)."""
    return _hf_roundtrip(_hf_honest["grad_f"](x, y))


def jacobian_F(x, y):
    """Jacobian of F (round-tripped through a file)."""
    return _hf_roundtrip(_hf_honest["jacobian_F"](x, y))


def G(x):
    """G(x) = [x, x^2] (round-tripped through a file)."""
    return _hf_roundtrip(_hf_honest["G"](x))


def jacobian_FG(x):
    """D(F o G)(x) (round-tripped through a file)."""
    return _hf_roundtrip(_hf_honest["jacobian_FG"](x))


_hf_roundtrip(np.eye(2))
'''


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    for case in CASES:
        files = build(case)
        assert set(files) == {'compgraph.py', 'calculus.py'}, case
        d = os.path.join(OUT, case)
        os.makedirs(d)
        for name, text in files.items():
            compile(text, os.path.join(d, name), 'exec')
            with open(os.path.join(d, name), 'w') as fh:
                fh.write(text)
    print('generated', len(CASES), 'cases into', OUT)


if __name__ == '__main__':
    main()
