"""Write ../expected.yaml from spec.py (run before any case is executed)."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spec import CASES

def q(s):
    return "'" + s.replace("'", "''") + "'"

def main():
    out = ['# probes_a: blind probe corpus, expectations written from the documentation only.',
           '# Generated from _gen/spec.py by _gen/emit_expected.py.', '']
    for name, c in CASES.items():
        out.append(f'{name}:')
        out.append(f'  class: {c["klass"]}')
        out.append(f'  language: {c["language"]}')
        out.append(f'  status: [{", ".join(c["status"])}]')
        out.append(f'  min_total: {c["min_total"]}')
        out.append(f'  max_total: {c["max_total"]}')
        if c['pair']:
            out.append(f'  pair: {c["pair"]}')
        out.append(f'  why: {q(c["why"])}')
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'expected.yaml')
    with open(path, 'w') as f:
        f.write('\n'.join(out) + '\n')

if __name__ == '__main__':
    main()
