"""rs_sigint_group_late (killed): Ctrl-C (SIGINT to the whole process group) late in a --jobs 2 run: it stops within 15 s, leaves no process, and --resume completes the table."""
# ---- shared by the hostile_b run-state scenarios (pasted into each file) ----
import csv
import hashlib
import json
import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

A = "hw2_compgraph"
VICTIMS = ("victim_ada", "victim_bob", "victim_cy")


def add_student(subs, name, sleep=0.0, compgraph=None, calculus=None):
    """A submission of our own: the correct modules, each sleeping `sleep` s at import."""
    d = Path(subs) / name
    d.mkdir(parents=True, exist_ok=True)
    head = "import time as _hb_time\n_hb_time.sleep(%r)\n" % sleep if sleep else ""
    (d / "compgraph.py").write_text(head + (compgraph or COMPGRAPH), encoding="utf-8")
    (d / "calculus.py").write_text(head + (calculus or CALCULUS), encoding="utf-8")
    return d


def grade_args(subs, out, *extra):
    return ("grade", "-a", A, "-s", str(subs), "-o", str(out), *extra)


def show(r):
    return "rc=%s\n--- stdout\n%s\n--- stderr\n%s" % (r.returncode, (r.stdout or "")[-3000:], (r.stderr or "")[-3000:])


def run_ok(ctx, *args, timeout=120):
    r = ctx.cli(*args, timeout=timeout)
    assert r.returncode == 0, "python -m grader %s failed: %s" % (" ".join(args), show(r))
    return r


def assert_refused(r, names, what):
    """A refusal: non-zero exit, a short message (no traceback) that names the file or folder at fault."""
    text = (r.stdout or "") + (r.stderr or "")
    assert r.returncode != 0, "%s: accepted instead of refused: %s" % (what, show(r))
    assert "Traceback" not in text, "%s: refused with a traceback, not one line: %s" % (what, show(r))
    lines = [l for l in text.splitlines() if l.strip()]
    assert 1 <= len(lines) <= 3, "%s: the refusal should be one line, got %d: %s" % (what, len(lines), show(r))
    assert any(n in text for n in names), "%s: the refusal names none of %s: %s" % (what, names, show(r))


def read_rows(folder):
    with open(Path(folder) / "scores.csv", newline="", encoding="utf-8") as fh:
        return {row["student"]: row for row in csv.DictReader(fh)}


def verdict(row):
    return (row.get("total"), row.get("max"), row.get("status"))


def digest_tree(folder):
    """{relative path: sha256} of every regular file (links named as links)."""
    out = {}
    folder = Path(folder)
    if not folder.exists():
        return out
    for p in sorted(folder.rglob("*")):
        rel = str(p.relative_to(folder))
        if p.is_symlink():
            out[rel] = "link:" + os.readlink(p)
        elif p.is_file():
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def assert_unchanged(before, folder, what):
    after = digest_tree(folder)
    changed = sorted(k for k, v in before.items() if after.get(k) != v)
    assert not changed, "%s: earlier grades changed: %s" % (what, changed[:10])


def assert_no_leftovers(ctx, marker, within=10.0):
    end = time.monotonic() + within
    left = ctx.processes_left(marker)
    while left and time.monotonic() < end:
        time.sleep(0.25)
        left = ctx.processes_left(marker)
    assert not left, "processes left behind by a stopped run: %s" % left[:10]


def assert_complete(ctx, out, subs, ref, what):
    """Every submission has its row; victims as in the reference run, ours full marks."""
    rows = read_rows(Path(out) / A)
    names = sorted(p.name for p in Path(subs).iterdir())
    missing = [n for n in names if n not in rows]
    assert not missing, "%s: rows lost: %s" % (what, missing)
    extra = sorted(set(rows) - set(names))
    assert not extra, "%s: rows nobody handed in: %s" % (what, extra)
    for v in VICTIMS:
        if v in ref:
            assert verdict(rows[v]) == verdict(ref[v]), "%s: %s is %s, a clean run says %s" % (what, v, verdict(rows[v]), verdict(ref[v]))
    for n in names:
        if n.startswith("hb_"):
            assert rows[n]["status"] == "ok" and float(rows[n]["total"]) == float(rows[n]["max"]) == 20.0, \
                "%s: %s should have 20/20 ok, has %s" % (what, n, verdict(rows[n]))
    return rows


def reference(ctx, extra=()):
    """The victims (and `extra` of our own) graded by a clean run, for comparison."""
    subs = ctx.tmp / "ref_subs"
    ctx.victims(subs)
    for name in extra:
        add_student(subs, name)
    run_ok(ctx, *grade_args(subs, ctx.tmp / "ref", "--jobs", "2"))
    return read_rows(ctx.tmp / "ref" / A)


class Watched:
    """A run started with ctx.popen, its output read by threads so that its pipes never fill."""

    def __init__(self, ctx, *args):
        self.p = ctx.popen(*args)
        self._parts = []
        self._lock = threading.Lock()
        for stream in (self.p.stdout, self.p.stderr):
            if stream is not None:
                threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream):
        try:
            for line in stream:
                if isinstance(line, bytes):
                    line = line.decode("utf-8", "replace")
                with self._lock:
                    self._parts.append(line)
        except (OSError, ValueError):
            pass

    def output(self):
        with self._lock:
            return "".join(self._parts)

    def names_seen(self, pattern=r"hb_slow_\d\d"):
        return set(re.findall(pattern, self.output()))

    def running(self):
        return self.p.poll() is None

    def wait_until(self, predicate, timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end and self.running():
            if predicate(self):
                return True
            time.sleep(0.05)
        return False

    def send(self, sig, group=False):
        if self.running():
            if group:
                os.killpg(self.p.pid, sig)
            else:
                os.kill(self.p.pid, sig)

    def wait(self, timeout):
        try:
            return self.p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def cleanup(self):
        if self.running():
            try:
                os.killpg(self.p.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                self.p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass


def assert_not_half_written(out, subs, what):
    """A stopped first run leaves no grades folder, or a whole one."""
    f = Path(out) / A / "scores.csv"
    if f.exists():
        rows = read_rows(Path(out) / A)
        names = {p.name for p in Path(subs).iterdir()}
        assert names <= set(rows), "%s: a half-written grades folder: %s" % (what, sorted(names - set(rows))[:10])


# ---- forging earlier grades (scores.json) ----
POINT_KEYS = ("points", "score", "earned", "awarded")
MAX_KEYS = ("max", "max_points", "max_score", "maximum", "points_possible", "possible", "out_of")


def _num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def forge_points(obj):
    """Every dict with a points-like and a max-like number gets points = max + 7; returns how many."""
    edits = 0

    def walk(o):
        nonlocal edits
        if isinstance(o, dict):
            pk = next((k for k in POINT_KEYS if _num(o.get(k))), None)
            mk = next((k for k in MAX_KEYS if _num(o.get(k))), None)
            if pk and mk:
                o[pk] = o[mk] + 7
                edits += 1
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)

    walk(obj)
    if edits:
        return edits

    def walk_points(o, under_tests):
        nonlocal edits
        if isinstance(o, dict):
            for k, v in o.items():
                if under_tests and k in POINT_KEYS and _num(v):
                    o[k] = 999
                    edits += 1
                else:
                    walk_points(v, under_tests or k == "tests")
        elif isinstance(o, list):
            for v in o:
                walk_points(v, under_tests)

    walk_points(obj, False)
    return edits


def rename_everywhere(obj, old, new):
    """Replace a string wherever it is a whole key or value; returns (object, count)."""
    count = 0

    def walk(o):
        nonlocal count
        if isinstance(o, dict):
            out = {}
            for k, v in o.items():
                if k == old:
                    k = new
                    count += 1
                out[k] = walk(v)
            return out
        if isinstance(o, list):
            return [walk(v) for v in o]
        if o == old:
            count += 1
            return new
        return o

    return walk(obj), count


def first_test_name(obj):
    found = []

    def walk(o):
        if found:
            return
        if isinstance(o, dict):
            for k, v in o.items():
                if isinstance(k, str) and k.startswith("test_"):
                    found.append(k)
                    return
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)
        elif isinstance(o, str) and re.fullmatch(r"test_\w+", o):
            found.append(o)

    walk(obj)
    if found:
        return found[0]

    def in_tests(o):
        if isinstance(o, dict):
            for k, v in o.items():
                if k == "tests":
                    if isinstance(v, dict) and v:
                        return next(iter(v))
                    if isinstance(v, list):
                        for t in v:
                            if isinstance(t, dict):
                                for key in ("name", "test", "id", "nodeid"):
                                    if isinstance(t.get(key), str) and t[key]:
                                        return t[key]
                r = in_tests(v)
                if r:
                    return r
        elif isinstance(o, list):
            for v in o:
                r = in_tests(v)
                if r:
                    return r
        return None

    return in_tests(obj)


def load_json(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def dump_json(path, obj):
    Path(path).write_text(json.dumps(obj, indent=1), encoding="utf-8")


def shards(ctx, subs):
    """Grade subs in two parts into tmp/shard1 and tmp/shard2; return their assignment folders."""
    for k in (1, 2):
        run_ok(ctx, "grade", "-a", A, "-s", str(subs), "-o", str(ctx.tmp / ("shard%d" % k)), "--shard", "%d/2" % k)
    return [ctx.tmp / ("shard%d" % k) / A for k in (1, 2)]


def shard_with(name, dirs):
    """The shard folder whose scores.json holds `name`."""
    for d in dirs:
        if name in (d / "scores.json").read_text(encoding="utf-8"):
            return d
    raise AssertionError("no shard holds %s" % name)


def resume(ctx, subs, out, watched_runs, what):
    """--resume after a stopped run. When no stopped run had printed a graded submission yet,
    a --resume that declines in a short message (nothing to resume) is followed by a plain run."""
    r = ctx.cli(*grade_args(subs, out, "--jobs", "2", "--resume"), timeout=120)
    if r.returncode != 0:
        text = (r.stdout or "") + (r.stderr or "")
        progressed = any(w.names_seen() for w in watched_runs)
        assert not progressed, "%s: --resume failed after submissions were graded: %s" % (what, show(r))
        assert "Traceback" not in text, "%s: %s" % (what, show(r))
        run_ok(ctx, *grade_args(subs, out, "--jobs", "2"))

COMPGRAPH = '"""The 2-3-1 network of hw2_compgraph: forward, loss and backward by the chain rule."""\n\nimport numpy as np\n\n\ndef sigmoid(z):\n    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow."""\n    z = np.asarray(z, dtype=float)\n    e = np.exp(-np.abs(z))\n    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))\n\n\ndef forward(x, W, v):\n    """Forward pass for one example; returns (y_hat, cache)."""\n    x = np.asarray(x, dtype=float).reshape(2)\n    W = np.asarray(W, dtype=float).reshape(3, 3)\n    v = np.asarray(v, dtype=float).reshape(4)\n    xa = np.concatenate(([1.0], x))\n    f = sigmoid(W @ xa)\n    fa = np.concatenate(([1.0], f))\n    y_hat = float(v @ fa)\n    return y_hat, (xa, f, fa, v.copy(), y_hat)\n\n\ndef loss(y_hat, y):\n    """Squared error (y_hat - y)^2."""\n    d = np.asarray(y_hat, dtype=float).reshape(-1)[0] - np.asarray(y, dtype=float).reshape(-1)[0]\n    return float(d * d)\n\n\ndef backward(y, cache):\n    """(dW, dv) of L = (y_hat - y)^2 for the example whose forward returned cache."""\n    xa, f, fa, v, y_hat = cache\n    d = 2.0 * (y_hat - np.asarray(y, dtype=float).reshape(-1)[0])\n    dv = d * fa\n    dz = d * v[1:] * f * (1.0 - f)\n    dW = np.outer(dz, xa)\n    return dW, dv\n\n\ndef batch_gradients(X, Y, W, v):\n    """Gradients of sum_i (y_hat_i - y_i)^2 over the rows of X."""\n    X = np.asarray(X, dtype=float).reshape(-1, 2)\n    Y = np.asarray(Y, dtype=float).reshape(-1)\n    dW = np.zeros((3, 3))\n    dv = np.zeros(4)\n    for x, y in zip(X, Y):\n        y_hat, cache = forward(x, W, v)\n        gW, gv = backward(y, cache)\n        dW += gW\n        dv += gv\n    return dW, dv\n\n\ndef sigmoid_output_grad_v(X, Y, W, v):\n    """dE/dv for the sigmoid-output net, E = 1/2 sum_i (y_hat_i - y_i)^2."""\n    X = np.asarray(X, dtype=float).reshape(-1, 2)\n    Y = np.asarray(Y, dtype=float).reshape(-1)\n    W = np.asarray(W, dtype=float).reshape(3, 3)\n    v = np.asarray(v, dtype=float).reshape(4)\n    dv = np.zeros(4)\n    for x, y in zip(X, Y):\n        xa = np.concatenate(([1.0], x))\n        fa = np.concatenate(([1.0], sigmoid(W @ xa)))\n        y_hat = float(sigmoid(v @ fa))\n        dv += (y_hat - y) * y_hat * (1.0 - y_hat) * fa\n    return dv\n'

CALCULUS = '"""Gradients, Jacobians, the chain rule and central differences (hw2_compgraph)."""\n\nimport numpy as np\n\n\ndef grad_f(x, y):\n    """Gradient of f(x, y) = (2x + 3y)^2."""\n    x = np.asarray(x, dtype=float)\n    y = np.asarray(y, dtype=float)\n    s = 2.0 * x + 3.0 * y\n    return np.array([4.0 * s, 6.0 * s], dtype=float).reshape(2)\n\n\ndef jacobian_F(x, y):\n    """Jacobian of F(x, y) = [x^2 + 2y, 3x + 4y^2]."""\n    x = np.asarray(x, dtype=float)\n    y = np.asarray(y, dtype=float)\n    return np.array([[2.0 * x, 2.0], [3.0, 8.0 * y]], dtype=float).reshape(2, 2)\n\n\ndef G(x):\n    """G(x) = [x, x^2]."""\n    x = np.asarray(x, dtype=float)\n    return np.array([x, x * x], dtype=float).reshape(2)\n\n\ndef jacobian_FG(x):\n    """D(F o G)(x) = DF(G(x)) . DG(x)."""\n    g = G(x)\n    x = np.asarray(x, dtype=float)\n    return (jacobian_F(g[0], g[1]) @ np.array([1.0, 2.0 * x], dtype=float).reshape(2)).reshape(2)\n\n\ndef numerical_gradient(f, x, eps=1e-6):\n    """Central differences of a scalar function f at the array x."""\n    x = np.array(x, dtype=float)\n    grad = np.zeros_like(x)\n    for k in np.ndindex(x.shape):\n        xp = x.copy()\n        xm = x.copy()\n        xp[k] += eps\n        xm[k] -= eps\n        fp = np.asarray(f(xp), dtype=float).reshape(-1)[0]\n        fm = np.asarray(f(xm), dtype=float).reshape(-1)[0]\n        grad[k] = (fp - fm) / (2.0 * eps)\n    return grad\n\n\ndef numerical_jacobian(F, x, eps=1e-6):\n    """Central differences of a vector function F at the 1-D array x."""\n    x = np.array(x, dtype=float).reshape(-1)\n    columns = []\n    for k in range(x.size):\n        xp = x.copy()\n        xm = x.copy()\n        xp[k] += eps\n        xm[k] -= eps\n        fp = np.asarray(F(xp), dtype=float).reshape(-1)\n        fm = np.asarray(F(xm), dtype=float).reshape(-1)\n        columns.append((fp - fm) / (2.0 * eps))\n    return np.stack(columns, axis=1)\n'

def scenario(ctx):
    ref = reference(ctx)
    subs = ctx.tmp / "subs"
    ctx.victims(subs)
    for i in range(10):
        add_student(subs, "hb_slow_%02d" % i, sleep=0.8)
    out = ctx.tmp / "out"
    w = Watched(ctx, *grade_args(subs, out, "--jobs", "2"))
    try:
        w.wait_until(lambda w: len(w.names_seen()) >= 7, 5.0)
        w.send(signal.SIGINT, group=True)
        rc = w.wait(15)
    finally:
        w.cleanup()
    assert rc is not None, "Ctrl-C did not stop the run within 15 s"
    assert_no_leftovers(ctx, str(ctx.tmp))
    assert_not_half_written(out, subs, "after Ctrl-C")
    resume(ctx, subs, out, [w], "--resume after Ctrl-C")
    assert_complete(ctx, out, subs, ref, "--resume after Ctrl-C")
