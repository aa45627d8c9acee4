"""Hostile and broken submissions: each gets the score it deserves, and none costs another anything."""
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import COURSE, ROOT, TOY, grade_folder, hidden_from_workers

CORPUS = Path(__file__).resolve().parent / "hostile"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
AIMS_AT_THE_KIT_BY_CHDIR = {"reads_after_chdir"}  # cases that chdir into the kit, then read relatively
REFERENCE = COURSE / "examples" / "submissions" / "toy" / "reference"


def _make_generated_cases(folder: Path) -> None:
    """The cases that are too large to commit, or links."""
    big = folder / "big_module"
    big.mkdir()
    (big / "alpha.py").write_text((REFERENCE / "alpha.py").read_text() + "#" * (50 * 2**20) + "\n")
    shutil.copy(REFERENCE / "beta.py", big / "beta.py")
    data = folder / "big_data_file"
    shutil.copytree(REFERENCE, data)
    with open(data / "weights.bin", "wb") as f:
        f.truncate(50 * 2**20)
    link = folder / "symlinked_module"
    link.mkdir()
    shutil.copy(REFERENCE / "alpha.py", link / "alpha.py")
    (link / "beta.py").symlink_to(REFERENCE / "beta.py")
    plots = folder / "uses_matplotlib"
    shutil.copytree(REFERENCE, plots)
    (plots / "alpha.py").write_text("import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
                                    + (REFERENCE / "alpha.py").read_text())
    linked_dir = folder / "symlinked_folder"
    shutil.copytree(REFERENCE, linked_dir)
    (linked_dir / "everything").symlink_to("/")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The corpus, with a correct submission among it, graded in one run."""
    folder = tmp_path_factory.mktemp("hostile") / "submissions"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("expected.yaml"))
    for source in folder.rglob("*.py"):
        if b"{ROOT}" in source.read_bytes() or b"{SOURCE}" in source.read_bytes():
            text = source.read_text().replace("{ROOT}", str(ROOT)).replace("{SOURCE}", str(source.parent))
            source.write_text(text)
    _make_generated_cases(folder)
    shutil.copytree(REFERENCE, folder / "well_behaved")
    before = _snapshot()
    out = tmp_path_factory.mktemp("hostile-grades")
    students = grade_folder(TOY, folder, out)
    return folder, out / "toy", students, before, _snapshot()


def _snapshot():
    """What the hostile cases aim at: the course's files and the kit's grades/ folder."""
    targets = [p for p in COURSE.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    targets += [p for p in (ROOT / "grades").rglob("*") if p.is_file()] if (ROOT / "grades").exists() else []
    return sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in targets)


def test_corpus_is_large_enough():
    assert len(EXPECTED) >= 25


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_each_case_gets_its_score_status_and_reason(graded, case):
    _, out, students, _, _ = graded
    if case == "uses_matplotlib" and importlib.util.find_spec("matplotlib") is None:
        pytest.skip("matplotlib is not installed (the kit's `plots` extra)")
    want, got = EXPECTED[case], students[case]
    if case in AIMS_AT_THE_KIT_BY_CHDIR and hidden_from_workers(ROOT):
        # the kit's folder is not there for the worker (a clone in /tmp): the chdir fails, nothing is read
        want = {**want, "status": "ok", "says": "FileNotFoundError"}
    assert (got["total"], got["status"]) == (want["total"], want["status"]), got["reason"]
    feedback = (out / "students" / case / "feedback.md").read_text(encoding="utf-8")
    assert want["says"] in feedback
    if got["status"] != "ok":
        assert got["reason"], "a row with a status other than ok needs a reason"


def test_a_correct_submission_among_them_gets_full_marks(graded):
    _, _, students, _, _ = graded
    assert students["well_behaved"]["total"] == 7 and students["well_behaved"]["status"] == "ok"


def test_nothing_outside_the_workers_was_written_or_deleted(graded):
    folder, _, _, before, after = graded
    assert before == after, "the course's files or grades/ changed during grading"
    assert not (ROOT / "grades" / "toy").exists()
    assert (folder / "deletes_files" / "alpha.py").exists()


def _cmdline(pid) -> bytes:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes()
    except OSError:
        return b""


def test_no_worker_outlives_the_run(graded):
    """No worker or fork server is left an orphan (other graders may be running on the machine)."""
    orphans = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit() and b"grader.sandbox.forkserver" in _cmdline(proc.name):
            status = (proc / "status").read_text() if (proc / "status").exists() else ""
            ppid = next((line.split()[1] for line in status.splitlines() if line.startswith("PPid:")), "0")
            parent = _cmdline(ppid)
            if b"grader" not in parent and b"pytest" not in parent:
                orphans.append((proc.name, parent))
    assert not orphans


def _slow_course(folder: Path, count: int) -> None:
    slow_beta = "import time\nimport numpy as np\n\n\ndef square(x):\n    time.sleep(0.15)\n" \
                "    return np.asarray(x, dtype=float) ** 2\n"
    for i in range(count):
        d = folder / f"student{i:02d}"
        shutil.copytree(REFERENCE, d)
        if i % 3 == 1:
            (d / "beta.py").write_text(slow_beta.replace("** 2", "** 3"))
        else:
            (d / "beta.py").write_text(slow_beta)


def test_a_run_killed_halfway_resumes_to_the_same_table(tmp_path):
    folder = tmp_path / "subs"
    _slow_course(folder, 8)
    whole = grade_folder(TOY, folder, tmp_path / "whole")

    out = tmp_path / "killed"
    staging = out / ".toy.partial"
    proc = subprocess.Popen([sys.executable, "-m", "grader", "grade", "-a", str(TOY), "-s", str(folder),
                             "-o", str(out), "-q"], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(staging.glob("*.json"))) < 3:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = len(list(staging.glob("*.json")))
    assert 3 <= done_before < 8, "the run was not caught halfway"
    assert not (out / "toy").exists()

    resumed = subprocess.run([sys.executable, "-m", "grader", "grade", "-a", str(TOY), "-s", str(folder),
                              "-o", str(out), "--resume"], cwd=ROOT, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert resumed.stderr.count("toy: student") == 8 - done_before  # only the rest were graded again
    import json
    again = {s["student"]: s for s in json.loads((out / "toy" / "scores.json").read_text())["students"]}
    strip = lambda d: {n: (s["total"], s["status"], [(t["name"], t["points"]) for t in s["tests"]]) for n, s in d.items()}
    assert strip(again) == strip(whole)
    assert not staging.exists()
