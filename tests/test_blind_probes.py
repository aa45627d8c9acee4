"""Workers the kernel keeps apart, measured on blind probe corpora (tests/blind/probes_*/), as root
and as an ordinary user.

Each corpus was written by someone who had read only the README's security section and the
architecture's invariants: attacks in Python and in native code (ctypes, raw system calls) on the
other workers graded at the same time, on the grader, on the memory limit and on the in-process
witness, collusion pairs, and honest file use. Each is graded in one run with ``--jobs 8`` beside
honest victims (all corpora at once), as root (when the tests run as root) and as an ordinary user (the test
makes one when it runs as root, and copies the kit where that user can read it); a half that cannot
run here is skipped with a one-line reason. Every victim's row must be the victim's row graded
alone, every case its ``expected.yaml`` verdict, and no process, System V object or file in the
shared temporary folders may outlive the run.
"""
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, without_times
from grader.sandbox import kernel
from test_blind_hostile import VICTIMS, _place_victims, processes_left

BLIND = Path(__file__).resolve().parent / "blind"
CORPORA = sorted(p.name for p in BLIND.glob("probes_*") if (p / "expected.yaml").is_file())
ASSIGNMENT = "hw2_compgraph"
PROBE_USER = "nngrader-probe"
USER_PYTHON = "NNGRADER_TEST_USER_PYTHON"  # a Python an ordinary user may run, where the kit's is not
SHARED = ("/tmp", "/var/tmp", "/dev/shm")
# Verdicts of a corpus the kit does not give, each for a stated reason (measured, then left as they are).
DISAGREEMENTS: dict[tuple[str, str], str] = {
    ("probes_b", "sil10_import_hook"): "the case imports torch after replacing the import hook; the README's status for "
                                       "a forbidden library is `forbidden import`, which the brief's list of statuses "
                                       "left out, so the case expects `sandbox`",
}


def _cases(corpus: str) -> dict:
    return yaml.safe_load((BLIND / corpus / "expected.yaml").read_text(encoding="utf-8"))


def _python_for_others() -> str | None:
    """A Python with the kit's packages that a uid of no group of ours can read and run."""
    for python in filter(None, (os.environ.get(USER_PYTHON), sys.executable)):
        probe = subprocess.run([python, "-c", "import sys; print(sys.prefix); print(sys.base_prefix)"],
                               capture_output=True, text=True)
        roots = probe.stdout.split() if probe.returncode == 0 else []
        if roots and all(kernel._readable_by_others(r) for r in roots):
            return python
    return None


def _identity(name: str):
    """(uid, gid, python) to grade as, or a skip with the reason."""
    root = os.geteuid() == 0
    if name == "root":
        if not root:
            pytest.skip("the tests do not run as root here")
        return None, None, sys.executable
    if not root:
        return None, None, sys.executable
    python = _python_for_others()
    if python is None:
        pytest.skip(f"this Python ({sys.base_prefix}) is not readable by an ordinary user; "
                    f"set {USER_PYTHON} to one that is")
    try:
        entry = pwd.getpwnam(PROBE_USER)
    except KeyError:
        if shutil.which("useradd") is None:
            pytest.skip("no useradd to make an ordinary user")
        made = subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                               PROBE_USER], capture_output=True, text=True)
        if made.returncode != 0:
            pytest.skip(f"could not make an ordinary user: {made.stderr.strip()[:200]}")
        entry = pwd.getpwnam(PROBE_USER)
    return entry.pw_uid, entry.pw_gid, python


def _kit_copy(dest: Path) -> Path:
    """The grader and hw2 (public and hidden parts) where any uid may read them. The assignment
    keeps its own time limits: the corpora were written against them (a reader polls for a few
    seconds while it imports), and every case ends on its own within seconds."""
    shutil.copytree(ROOT / "grader", dest / "grader", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    for part in ("assignments", "solutions"):
        shutil.copytree(ROOT / part / ASSIGNMENT, dest / part / ASSIGNMENT, ignore=shutil.ignore_patterns("__pycache__"))
    return dest / "assignments" / ASSIGNMENT


def _ipc_objects() -> set[tuple[str, str]]:
    """Every System V object of the machine, as (kind, key and id)."""
    found = set()
    for kind in ("shm", "msg", "sem"):
        table = Path("/proc/sysvipc") / kind
        if table.exists():
            for line in table.read_text().splitlines()[1:]:
                fields = line.split()
                if fields:
                    found.add((kind, " ".join(fields[:2])))
    return found


def _shared_entries() -> set[str]:
    found = set()
    for folder in SHARED:
        try:
            found |= {os.path.join(folder, name) for name in os.listdir(folder)}
        except OSError:
            pass
    return found


class Graded:
    """A run's process, its rows, and each victim's feedback and results (read before the run's
    folder is removed)."""

    def __init__(self, proc, folder: Path):
        self.proc, self.folder = proc, folder
        scores = folder / "scores.json"
        self.rows = ({s["student"]: s for s in json.loads(scores.read_text(encoding="utf-8"))["students"]}
                     if scores.is_file() else {})
        self.victim_files = {}
        for victim in VICTIMS:
            for file in ("feedback.md", "results.json"):
                path = folder / "students" / victim / file
                self.victim_files[victim, file] = path.read_bytes() if path.is_file() else None


def _grade(python: str, kit: Path, subs: Path, out: Path, uid, gid) -> Graded:
    # the run's own temporary folder: its workers' folders are made there, where any left is its own
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "HOME": str(out.parent),
           "TMPDIR": str(out.parent / "tmp")}
    as_user = {} if uid is None else {"user": uid, "group": gid, "extra_groups": []}
    proc = subprocess.run([python, "-m", "grader", "grade", "--assignment", str(kit), "--submissions", str(subs),
                           "--out", str(out), "--jobs", "8", "-q"], cwd=kit.parent.parent, env=env,
                          capture_output=True, timeout=900, **as_user)
    return Graded(proc, out / ASSIGNMENT)


def _graded_as(corpus: str, identity, tmp: Path):
    """The victims alone, then the corpus beside them, graded as ``identity`` (uid, gid, python)."""
    uid, gid, python = identity
    kit = _kit_copy(tmp / "kit")
    alone, subs = tmp / "alone", tmp / "submissions"
    _place_victims(ASSIGNMENT, alone)
    _place_victims(ASSIGNMENT, subs)
    for case in _cases(corpus):
        shutil.copytree(BLIND / corpus / "cases" / case, subs / case)
    for folder in (tmp / "out-alone", tmp / "out", tmp / "tmp"):
        folder.mkdir()
    if uid is not None:
        for path in [tmp, *tmp.rglob("*")]:
            os.lchown(path, uid, gid)
    return _grade(python, kit, alone, tmp / "out-alone", uid, gid), _grade(python, kit, subs, tmp / "out", uid, gid)


def _graded_corpora() -> dict:
    """Every corpus graded as root and as an ordinary user, all at once (their readers mostly wait):
    per (corpus, identity) the result or the reason it was skipped. What outlived the runs is
    checked after all of them."""
    from concurrent.futures import ThreadPoolExecutor
    identities, results = {}, {}
    for name in IDENTITIES:
        try:
            identities[name] = _identity(name)
        except pytest.skip.Exception as e:
            results.update({(corpus, name): str(e) for corpus in CORPORA})
    pairs = [(corpus, name) for corpus in CORPORA for name in identities]
    folders = {pair: Path(tempfile.mkdtemp(prefix=f"nngrader-probes-{pair[1]}-")) for pair in pairs}
    ipc_before, shared_before = _ipc_objects(), _shared_entries()
    try:
        for folder in folders.values():
            os.chmod(folder, 0o755)
        with ThreadPoolExecutor(len(folders) or 1) as pool:
            runs = {pair: pool.submit(_graded_as, pair[0], identities[pair[1]], folders[pair]) for pair in pairs}
            graded = {pair: run.result() for pair, run in runs.items()}
        left = [p for folder in folders.values() for p in processes_left(str(folder))]
        kept = sorted(str(p) for folder in folders.values() for p in (folder / "tmp").iterdir())
        new_ipc = _ipc_objects() - ipc_before
        # other runs on the machine (another grader, pytest itself) come and go in the shared folders
        new_files = kept + sorted(p for p in _shared_entries() - shared_before
                                  if not any(p.startswith(str(f)) for f in folders.values())
                                  and not os.path.basename(p).startswith(("pytest-of-", "grader-worker-")))
        for pair, (alone, corpus_run) in graded.items():
            results[pair] = (alone, corpus_run, left, new_ipc, new_files)
        return results
    finally:
        for folder in folders.values():
            shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def probes():
    done = {}

    def get(corpus: str, identity: str):
        if not done:
            done.update(_graded_corpora())
        result = done[corpus, identity]
        if isinstance(result, str):
            pytest.skip(result)
        return result
    return get


IDENTITIES = ("root", "user")


def test_the_corpora_are_large_enough():
    assert CORPORA, "no blind probe corpus"
    for corpus in CORPORA:
        cases = _cases(corpus)
        assert len(cases) >= 40, corpus
        assert sum(c.get("language") == "native" for c in cases.values()) >= 10, corpus


@pytest.mark.parametrize("identity", IDENTITIES)
@pytest.mark.parametrize("corpus", CORPORA)
def test_the_run_ends_and_every_victim_row_is_as_graded_alone(probes, corpus, identity):
    alone, graded, _, _, _ = probes(corpus, identity)
    assert alone.proc.returncode == 0, alone.proc.stderr[-2000:]
    assert graded.proc.returncode == 0, graded.proc.stderr[-2000:]
    for victim in VICTIMS:
        assert without_times(graded.rows[victim]) == without_times(alone.rows[victim]), victim
        for file in ("feedback.md", "results.json"):
            a, b = alone.victim_files[victim, file], graded.victim_files[victim, file]
            assert a is not None and b is not None, (victim, file)
            if file == "results.json":
                a, b = without_times(json.loads(a)), without_times(json.loads(b))
            assert a == b, (victim, file)


@pytest.mark.parametrize("identity", IDENTITIES)
@pytest.mark.parametrize("corpus", CORPORA)
def test_nothing_outlives_the_run(probes, corpus, identity):
    _, _, left, new_ipc, new_files = probes(corpus, identity)
    assert left == [], f"processes left running: {left}"
    assert new_ipc == set(), f"System V objects left: {sorted(new_ipc)}"
    assert new_files == [], f"files left in the shared temporary folders: {new_files}"


def _case_params():
    for corpus in CORPORA:
        for case in sorted(_cases(corpus)):
            for identity in IDENTITIES:
                marks = [pytest.mark.xfail(strict=True, reason=DISAGREEMENTS[corpus, case])] \
                    if (corpus, case) in DISAGREEMENTS else []
                yield pytest.param(corpus, case, identity, marks=marks, id=f"{corpus}-{case}-{identity}")


@pytest.mark.parametrize("corpus,case,identity", list(_case_params()))
def test_each_case_gets_its_verdict(probes, corpus, case, identity):
    want = _cases(corpus)[case]
    _, graded, _, _, _ = probes(corpus, identity)
    row = graded.rows.get(case)
    assert row is not None, f"no row for {case}"
    assert row["status"] in want["status"], (row["status"], row["reason"])
    assert want.get("min_total", 0) - 1e-9 <= row["total"] <= want.get("max_total", 20) + 1e-9, \
        (row["total"], row["reason"])
