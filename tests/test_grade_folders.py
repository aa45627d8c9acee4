"""Grade folders are data: what merge, --student and --resume read back from a folder is checked
before it is believed, and a run that is stopped or killed leaves no process behind."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import COURSE, ROOT, TOY, run_grader

EXAMPLES = COURSE / "examples" / "submissions" / "toy"
STUDENTS = ("reference", "stubs", "wrong_above_100")


def submissions(folder, names=STUDENTS):
    for name in names:
        shutil.copytree(EXAMPLES / name, folder / name)
    return folder


def snapshot(root):
    """Every file under ``root`` and its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def forge(scores_json, how, where):
    """Change the row of ``stubs`` in a scores.json as an editor of the file would, keeping what
    the grader checked before (shard parts, the names' digest, totals) in step."""
    from grader.grading.shard import names_digest, of
    data = json.loads(scores_json.read_text(encoding="utf-8"))
    row = next(s for s in data["students"] if s["student"] == "stubs")
    part = data.get("shard", {}).get("index")
    if how in ("absolute", "dotdot"):
        names = (str(where / f"escape{i}") if how == "absolute" else f"../escape{i}" for i in range(100))
        row["student"] = next(n for n in names if part is None or of(n, data["shard"]["count"]) == part)
    elif how == "points":
        row["tests"][0]["points"] = 300
    elif how == "unknown test":
        row["tests"][0]["name"] = "test_free_points"
    elif how == "total":
        row["total"] = 300
    if how != "total":
        row["total"] = sum(t["points"] for t in row["tests"])
        row["groups"] = {g: sum(t["points"] for t in row["tests"] if t["group"] == g) for g in row["groups"]}
    if part is not None:
        data["shard"]["names"] = names_digest(s["student"] for s in data["students"])
    scores_json.write_text(json.dumps(data, indent=1), encoding="utf-8")


FORGERIES = {"absolute": "is an absolute path", "dotdot": "holds a path separator",
             "points": "has 300 points, outside 0 to its 1", "unknown test": "is none of the assignment's tests",
             "total": "says 300 points in all, but its tests add up to 0"}


def one_line(capsys, code, file):
    """The one line a refused command printed, naming ``file``."""
    line = capsys.readouterr().err.strip()
    assert code == 2 and "\n" not in line and line.startswith(f"error: {file}: "), line
    return line


def in_process(*args):
    """``python -m grader ARGS`` in this process (its exit code); what it prints is captured."""
    from grader.cli.commands import main
    return main([str(a) for a in args])


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The toy examples graded whole, and as two shards merged into another folder."""
    tmp = tmp_path_factory.mktemp("folders")
    folder = submissions(tmp / "submissions")
    for args in ([], ["--shard", "1/2"], ["--shard", "2/2"]):
        out = tmp / ("whole" if not args else f"shard{args[1][0]}")
        proc = run_grader("grade", "-a", TOY, "-s", folder, "-o", out, "-q", *args)
        assert proc.returncode == 0, proc.stderr
    proc = run_grader("merge", tmp / "shard1" / "toy", tmp / "shard2" / "toy", "-a", TOY, "-o", tmp / "merged")
    assert proc.returncode == 0, proc.stderr
    return tmp, folder


@pytest.mark.parametrize("how", FORGERIES)
def test_merge_refuses_a_forged_shard_row_in_one_line_naming_the_file_and_writes_nothing(graded, tmp_path, how,
                                                                                         capsys):
    tmp, _ = graded
    for part in ("shard1", "shard2", "merged"):
        shutil.copytree(tmp / part, tmp_path / part)
    scores = next(p for p in (tmp_path / "shard1" / "toy" / "scores.json", tmp_path / "shard2" / "toy" / "scores.json")
                  if "stubs" in p.read_text())
    forge(scores, how, tmp_path)
    before = snapshot(tmp_path)
    code = in_process("merge", tmp_path / "shard1" / "toy", tmp_path / "shard2" / "toy", "-a", TOY,
                      "-o", tmp_path / "merged")
    assert FORGERIES[how] in one_line(capsys, code, scores)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("how", FORGERIES)
def test_regrading_one_student_refuses_forged_earlier_grades_and_writes_nothing(graded, tmp_path, how, capsys):
    tmp, folder = graded
    shutil.copytree(tmp / "whole", tmp_path / "out")
    scores = tmp_path / "out" / "toy" / "scores.json"
    forge(scores, how, tmp_path)
    before = snapshot(tmp_path)
    code = in_process("grade", "-a", TOY, "-s", folder, "-o", tmp_path / "out", "-q", "--student", "reference")
    assert FORGERIES[how] in one_line(capsys, code, scores)
    assert snapshot(tmp_path) == before


def test_a_swap_cut_between_its_renames_is_finished_so_no_grade_is_dropped_unasked(graded, tmp_path, capsys):
    """Killed between report.write's renames: the earlier grades are in .toy.old, the new in .toy.new."""
    tmp, folder = graded
    out = tmp_path / "out"
    shutil.copytree(tmp / "whole" / "toy", out / ".toy.old")
    shutil.copytree(tmp / "whole" / "toy", out / ".toy.new")
    shutil.copytree(folder, tmp_path / "fewer")
    shutil.rmtree(tmp_path / "fewer" / "stubs")
    code = in_process("grade", "-a", TOY, "-s", tmp_path / "fewer", "-o", out, "-q")
    line = capsys.readouterr().err.strip()
    assert code == 2 and line.startswith(f"error: {out / 'toy'}/ holds grades of 1 student(s) this run has no "
                                         "submission of (stubs)"), line
    assert snapshot(out / "toy") == snapshot(tmp / "whole" / "toy")
    assert sorted(p.name for p in out.iterdir()) == ["toy"]


def rows(out):
    from conftest import without_times
    data = json.loads((out / "toy" / "scores.json").read_text(encoding="utf-8"))
    return {s["student"]: without_times(s) for s in data["students"]}


def test_resume_regrades_results_staged_with_another_seed(graded, tmp_path):
    from grader.runs import previous
    from grader.grading import rows as checked, staging
    from grader.assignment import load
    tmp, folder = graded
    out = tmp_path / "out"
    whole = json.loads((tmp / "whole" / "toy" / "scores.json").read_text(encoding="utf-8"))
    partial = staging.staging_folder(out / "toy")
    staging.prepare(partial)
    for entry in whole["students"]:  # a killed run's, graded without --seed
        staging.stage(partial, checked.from_entry(entry), previous.fingerprint(load(str(TOY)), "", True))
    proc = run_grader("grade", "-a", TOY, "-s", folder, "-o", out, "-q", "--resume", "--seed", "B")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count("note: 3 result(s) staged in") == 1 and "graded again" in proc.stderr, proc.stderr
    clean = run_grader("grade", "-a", TOY, "-s", folder, "-o", tmp_path / "clean", "-q", "--seed", "B")
    assert clean.returncode == 0, clean.stderr
    assert rows(out) == rows(tmp_path / "clean") != rows(tmp / "whole")


def slow_course(folder):
    """Two quick submissions and two whose calls of double and square sleep half a second each
    (eight calls: four seconds)."""
    submissions(folder, ("reference", "stubs"))
    for name in ("y_slow", "z_slow"):
        shutil.copytree(EXAMPLES / "reference", folder / name)
        for module, function in (("alpha", "double"), ("beta", "square")):
            file = folder / name / f"{module}.py"
            file.write_text("import time\n" + file.read_text().replace(
                f"def {function}(x):\n", f"def {function}(x):\n    time.sleep(0.5)\n"))
    return folder


def alive(pid):
    """Whether ``pid`` runs (a zombie waiting for its reaper does not)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


def descendants(pid):
    """Every process below ``pid``, from /proc."""
    parents = {}
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as f:
                parents[int(entry)] = int(f.read().rpartition(")")[2].split()[1])
        except (OSError, ValueError):
            continue
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        children = [p for p, ppid in parents.items() if ppid == parent]
        found.update(children)
        todo += children
    return found


def mentioning(text):
    """Running processes whose command line mentions ``text``."""
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                if text.encode() in f.read() and alive(entry):
                    found.append(int(entry))
        except OSError:
            continue
    return found


def bounded_wait(condition, seconds):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


@pytest.fixture(scope="module")
def slow(tmp_path_factory):
    """The slow course, and its grades from one run that nothing stopped."""
    tmp = tmp_path_factory.mktemp("slow")
    folder = slow_course(tmp / "submissions")
    proc = run_grader("grade", "-a", TOY, "-s", folder, "-o", tmp / "clean", "-q", "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    return folder, rows(tmp / "clean")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_a_stopped_or_killed_parallel_run_leaves_no_process_and_resumes_to_the_same_rows(slow, tmp_path, signum):
    folder, clean = slow
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "grader", "grade", "-a", str(TOY), "-s", str(folder),
                             "-o", str(out), "-q", "--jobs", "2"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert bounded_wait(lambda: list((out / ".toy.partial").glob("*.json")), 60), "nothing was staged"
        below = descendants(proc.pid)
        assert below, "no shard was running"
        os.kill(proc.pid, signum)
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert bounded_wait(lambda: not any(map(alive, below)) and not mentioning(str(tmp_path)), 3), \
        [p for p in below if alive(p)] + mentioning(str(tmp_path))
    if signum == signal.SIGTERM:
        assert proc.returncode == 128 + signum and stderr.count("\n") == 1 and "--resume" in stderr, stderr
        assert sorted(p.name for p in out.iterdir()) == [".toy.partial"]  # no lock, no grades: the staging only
    resumed = run_grader("grade", "-a", TOY, "-s", folder, "-o", out, "-q", "--jobs", "2", "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert rows(out) == clean
