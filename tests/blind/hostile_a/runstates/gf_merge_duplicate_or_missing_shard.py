"""Runstate gf_merge_duplicate_or_missing_shard (grade_folders): The documented shard-set checks of `merge`.

README: merge checks that "the shards share one N, and each K from 1 to N is there once: none missing, none
twice", stopping "with one line naming the folder at fault".

Expectation: merge of shard 1 twice (plus 2), and of shard 1 alone: both refused in one line, nothing written.
"""

import copy
import csv
import hashlib
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

# ---- shared helpers (each runstate file carries its own copy: no import between them) ----

MAX = 20  # hw2_compgraph's points (README, "The assignments")
VICTIMS = ("victim_ada", "victim_bob", "victim_cy")
TRACEBACK = "Traceback (most recent call last)"


def grade(ctx, subs, out, *extra, timeout=300):
    return ctx.cli("grade", "-a", ctx.assignment, "-s", str(subs), "--out", str(out), *extra, timeout=timeout)


def start(ctx, subs, out, *extra):
    return ctx.popen("grade", "-a", ctx.assignment, "-s", str(subs), "--out", str(out), *extra)


def folder(out, assignment="hw2_compgraph"):
    """--out X writes X/<assignment>/ (README: "into the usual <out>/<assignment>/")."""
    return Path(out) / assignment


def table(assignment_folder):
    with open(Path(assignment_folder) / "scores.csv", newline="", encoding="utf-8") as fh:
        return {row["student"]: row for row in csv.DictReader(fh)}


def show(proc):
    return (f"exit {proc.returncode}\n--- stdout\n{(proc.stdout or '')[-3000:]}\n"
            f"--- stderr\n{(proc.stderr or '')[-3000:]}")


def ok(proc):
    assert proc.returncode == 0, "expected success\n" + show(proc)
    return proc


def nonempty_lines(proc):
    return [line for line in (proc.stdout or "").splitlines() + (proc.stderr or "").splitlines() if line.strip()]


def assert_refused(proc, *names):
    """The documented refusal: a non-zero exit and one line (never a traceback) naming one of ``names``."""
    text = (proc.stdout or "") + (proc.stderr or "")
    assert proc.returncode != 0, "expected a refusal, the command succeeded\n" + show(proc)
    assert TRACEBACK not in text, "a traceback, not a one-line refusal\n" + show(proc)
    lines = nonempty_lines(proc)
    assert len(lines) == 1, f"expected one line, got {len(lines)}\n" + show(proc)
    if names:
        assert any(str(n) in lines[0] for n in names), f"the line names none of {names!r}: {lines[0]!r}"


def snapshot(path):
    """{relative path: sha256 | 'dir' | 'link:target'} of everything under path; None when absent."""
    path = Path(path)
    if not os.path.lexists(path):
        return None
    if path.is_symlink():
        return {".": "link:" + os.readlink(path)}
    if path.is_file():
        return {".": hashlib.sha256(path.read_bytes()).hexdigest()}
    snap = {}
    for dirpath, dirnames, filenames in os.walk(path):
        for n in dirnames + filenames:
            p = Path(dirpath, n)
            rel = str(p.relative_to(path))
            if p.is_symlink():
                snap[rel] = "link:" + os.readlink(p)
            elif p.is_dir():
                snap[rel] = "dir"
            else:
                snap[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return snap


def clean_table(ctx):
    """The victims' table from a clean run over the victims alone."""
    subs = ctx.tmp / "clean_subs"
    out = ctx.tmp / "clean_out"
    if not (folder(out) / "scores.csv").exists():
        if not subs.exists():
            ctx.victims(subs)
        ok(grade(ctx, subs, out))
    return table(folder(out))


def assert_victims_clean(rows, clean):
    for v in VICTIMS:
        assert v in rows, f"{v} has no row; rows: {sorted(rows)}"
        assert rows[v] == clean[v], f"{v}'s row changed:\n{rows[v]}\nclean run:\n{clean[v]}"


def assert_within_max(rows):
    for name, r in rows.items():
        assert float(r["total"]) <= MAX + 1e-9, f"{name!r} has {r['total']} of {r['max']}"


def walk(obj):
    """Every dict and list inside a JSON value, outermost first."""
    if isinstance(obj, (dict, list)):
        yield obj
        for v in (obj.values() if isinstance(obj, dict) else obj):
            yield from walk(v)


def rows_of(data, name):
    """The dicts that are ``name``'s row in a scores.json, whatever its layout."""
    found = [d for d in walk(data) if isinstance(d, dict) and d.get("student") == name]
    found += [d[name] for d in walk(data) if isinstance(d, dict) and isinstance(d.get(name), dict)]
    return found


POINT_KEYS = ("total", "points", "score", "earned", "percent")


def inflate(obj, value=300):
    """Sets every number under a points-like key to ``value``; returns how many."""
    n = 0
    for d in walk(obj):
        if isinstance(d, dict):
            for k, v in list(d.items()):
                if k in POINT_KEYS and isinstance(v, (int, float)) and not isinstance(v, bool):
                    d[k] = value
                    n += 1
    return n


def rename(obj, old, new):
    """A copy of obj with every string (value or key) equal to ``old`` replaced by ``new``."""
    if isinstance(obj, dict):
        return {(new if k == old else k): rename(v, old, new) for k, v in obj.items()}
    if isinstance(obj, list):
        return [rename(v, old, new) for v in obj]
    return new if obj == old else obj


def add_rows(data, template, names):
    """Appends copies of ``template``'s row renamed to each of ``names``; True when done."""
    for c in walk(data):
        if isinstance(c, list):
            for item in list(c):
                if isinstance(item, dict) and item.get("student") == template:
                    c.extend(rename(copy.deepcopy(item), template, n) for n in names)
                    return True
        elif isinstance(c.get(template), dict):
            for n in names:
                c[n] = rename(copy.deepcopy(c[template]), template, n)
            return True
    return False


def load_json(p):
    return json.loads(Path(p).read_text(encoding="utf-8"))


def dump_json(p, data):
    Path(p).write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")


def edit_csv(path, fn):
    """Rewrites a CSV, each row (a dict) through fn, which returns a row, a list of rows or None."""
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields = reader.fieldnames
        rows = []
        for r in reader:
            res = fn(r)
            rows.extend(res if isinstance(res, list) else ([res] if res is not None else []))
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)


def wait_no_processes(ctx, marker, seconds=20.0):
    """The processes still alive after ``seconds`` whose command line or cwd holds ``marker``."""
    deadline = time.monotonic() + seconds
    left = ctx.processes_left(marker)
    while left and time.monotonic() < deadline:
        time.sleep(0.25)
        left = ctx.processes_left(marker)
    return left


SLEEPER_COMPGRAPH = r'''"""A correct compgraph.py that takes a moment to import (a run long enough to kill halfway)."""

import time

import numpy as np

time.sleep(SECONDS)


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _hidden(x, W):
    xb = np.concatenate(([1.0], np.asarray(x, dtype=float)))
    z = np.asarray(W, dtype=float) @ xb
    return xb, sigmoid(z)


def forward(x, W, v):
    v = np.asarray(v, dtype=float)
    xb, f = _hidden(x, W)
    fb = np.concatenate(([1.0], f))
    y_hat = float(v @ fb)
    return y_hat, {"xb": xb, "f": f, "fb": fb, "v": v.copy(), "y_hat": y_hat}


def loss(y_hat, y):
    return float((float(y_hat) - float(y)) ** 2)


def backward(y, cache):
    d = 2.0 * (cache["y_hat"] - float(y))
    f = cache["f"]
    return np.outer(d * cache["v"][1:] * f * (1.0 - f), cache["xb"]), d * cache["fb"]


def batch_gradients(X, Y, W, v):
    dW, dv = np.zeros((3, 3)), np.zeros(4)
    for x, y in zip(np.asarray(X, dtype=float), np.asarray(Y, dtype=float).reshape(-1)):
        gW, gv = backward(y, forward(x, W, v)[1])
        dW += gW
        dv += gv
    return dW, dv


def sigmoid_output_grad_v(X, Y, W, v):
    v = np.asarray(v, dtype=float)
    dv = np.zeros(4)
    for x, y in zip(np.asarray(X, dtype=float), np.asarray(Y, dtype=float).reshape(-1)):
        xb, f = _hidden(x, W)
        fb = np.concatenate(([1.0], f))
        s = float(sigmoid(v @ fb))
        dv += (s - y) * s * (1.0 - s) * fb
    return dv
'''

SLEEPER_CALCULUS = r'''"""A correct calculus.py."""

import numpy as np


def grad_f(x, y):
    s = 2.0 * float(x) + 3.0 * float(y)
    return np.array([4.0 * s, 6.0 * s])


def jacobian_F(x, y):
    return np.array([[2.0 * float(x), 2.0], [3.0, 8.0 * float(y)]])


def G(x):
    return np.array([float(x), float(x) ** 2])


def jacobian_FG(x):
    g = G(x)
    return jacobian_F(g[0], g[1]) @ np.array([1.0, 2.0 * float(x)])


def numerical_gradient(f, x, eps=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for k in np.ndindex(x.shape):
        old = x[k]
        x[k] = old + eps
        up = float(np.asarray(f(x.copy())))
        x[k] = old - eps
        down = float(np.asarray(f(x.copy())))
        x[k] = old
        g[k] = (up - down) / (2.0 * eps)
    return g


def numerical_jacobian(F, x, eps=1e-6):
    x = np.array(x, dtype=float).reshape(-1)
    n = np.asarray(F(x.copy()), dtype=float).reshape(-1).size
    J = np.zeros((n, x.size))
    for k in range(x.size):
        old = x[k]
        x[k] = old + eps
        up = np.asarray(F(x.copy()), dtype=float).reshape(-1)
        x[k] = old - eps
        down = np.asarray(F(x.copy()), dtype=float).reshape(-1)
        x[k] = old
        J[:, k] = (up - down) / (2.0 * eps)
    return J
'''


def add_sleepers(subs, n, seconds):
    """n correct submissions slow_00.. whose compgraph.py sleeps ``seconds`` at import."""
    names = []
    for i in range(n):
        d = Path(subs) / f"slow_{i:02d}"
        d.mkdir(parents=True)
        (d / "compgraph.py").write_text(SLEEPER_COMPGRAPH.replace("SECONDS", repr(float(seconds))))
        (d / "calculus.py").write_text(SLEEPER_CALCULUS)
        names.append(d.name)
    return names


# ---- the scenario ----

def shards_of(ctx):
    """Grades the victims as two shards; checks that a plain merge is the one run; returns (subs, shards, clean)."""
    clean = clean_table(ctx)
    subs = ctx.tmp / "clean_subs"
    shards = []
    for k in (1, 2):
        out = ctx.tmp / f"shard_{k}"
        ok(grade(ctx, subs, out, "--shard", f"{k}/2"))
        shards.append(folder(out))
    merged = folder(ctx.tmp / "merged_ok")
    ok(ctx.cli("merge", *map(str, shards), "--out", str(merged)))
    assert table(merged) == clean, "a plain merge of the two shards is not the one run's table"
    return subs, shards, clean


def holder(shards, name):
    for s in shards:
        if rows_of(load_json(s / "scores.json"), name):
            return s
    raise AssertionError(f"no shard's scores.json has a row for {name}")


def forged_copy(ctx, shard, label):
    dst = ctx.tmp / f"forged_{label}" / shard.name
    shutil.copytree(shard, dst, symlinks=True)
    return dst


def scenario(ctx):
    subs, shards, clean = shards_of(ctx)
    twice = ctx.tmp / "shard_1_again" / "hw2_compgraph"
    shutil.copytree(shards[0], twice, symlinks=True)
    out = folder(ctx.tmp / "merged_twice")
    proc = ctx.cli("merge", str(shards[0]), str(twice), str(shards[1]), "--out", str(out))
    assert_refused(proc, "shard_")
    assert not os.path.lexists(out)
    out = folder(ctx.tmp / "merged_missing")
    proc = ctx.cli("merge", str(shards[0]), "--out", str(out))
    assert_refused(proc)
    assert not os.path.lexists(out)
