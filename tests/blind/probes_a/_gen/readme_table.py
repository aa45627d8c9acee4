"""Print the case table of README.md from spec.py."""
import collections, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spec import CASES
order = ['collusion', 'reach_workers', 'reach_grader', 'memory', 'silence_the_witness', 'outlive', 'escape', 'honest_files']
cnt = collections.Counter(c['klass'] for c in CASES.values())
nat = collections.Counter(c['klass'] for c in CASES.values() if c['language'] == 'native')
print('| class | cases | native |\n|---|---:|---:|')
for k in order:
    print(f'| {k} | {cnt[k]} | {nat[k]} |')
print(f'| **total** | **{len(CASES)}** | **{sum(nat.values())}** |\n')
print('| case | class | language | status | total | pair |\n|---|---|---|---|---|---|')
for k in order:
    for name, c in CASES.items():
        if c['klass'] == k:
            tot = f"{c['min_total']}" if c['min_total'] == c['max_total'] else f"{c['min_total']}..{c['max_total']}"
            print(f"| {name} | {k} | {c['language']} | {', '.join(c['status'])} | {tot} | {c['pair'] or ''} |")
