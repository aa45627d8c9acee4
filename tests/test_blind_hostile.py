"""The README's promise, measured on corpora written blind (tests/blind/hostile_*/): a broken,
hostile or odd submission gets its row and never changes another student's row or stops the run.

Each corpus's submissions are graded in one run beside honest victims, with ``--jobs 1`` and with
``--jobs 2``; the victims' rows must be byte for byte those of the victims graded alone, every run
ends with ``scores.csv``, nothing is written outside the output and temporary folders, and no process
outlives the run. Each case's own verdict is its ``expected.yaml`` entry, written before the grader
was changed for it. The scenarios under ``runstates/`` (grade folders, killed runs, command lines)
run with a small context (``Context``).
"""
import csv
import importlib.util
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, without_times
from grader.discover.files import remove_tree

BLIND = Path(__file__).resolve().parent / "blind"
CORPORA = sorted(p.name for p in BLIND.glob("hostile_*") if (p / "expected.yaml").is_file())
EXAMPLES = ROOT / "examples" / "submissions"
VICTIMS = ("victim_ada", "victim_bob", "victim_cy")
# The hw2 copy the corpora are graded with: shorter limits, so that a hanging case costs seconds.
FAST_LIMITS = {"call_seconds": 1, "import_seconds": 2, "submission_seconds": 3}
# Verdicts of a corpus the kit does not give, each for a stated reason (measured, then left as they are):
# the test expects them to fail, and fails when one starts to hold.
DISAGREEMENTS = {
    ("hostile_b", "links_file_to_etc"): "the case's grad_f never reads secret.txt, though its why says it raises "
                                        "with it: correct code earns 20, above the case's 19.5",
    ("hostile_b", "unb_zip_encrypted"): "an encrypted member costs that file alone (README): calculus.py is left "
                                        "out and compgraph.py keeps its 14; the case expects the whole zip refused",
    ("hostile_b", "unb_zip_ppmd"): "a member in an unread compression costs that file alone (README): calculus.py "
                                   "is left out and compgraph.py keeps its 14; the case expects the whole zip refused",
}


def _expected(corpus: str) -> dict:
    return yaml.safe_load((BLIND / corpus / "expected.yaml").read_text(encoding="utf-8"))


def _cases(corpus: str) -> dict:
    return {k: v for k, v in _expected(corpus).items() if k != "runstates"}


def _place_victims(assignment: str, dest: Path) -> None:
    """victim_ada and victim_bob (correct) and victim_cy (partly wrong), for a code assignment or a worksheet."""
    dest.mkdir(parents=True, exist_ok=True)
    if assignment == "hw2_compgraph":
        for name, example in zip(VICTIMS, ("reference", "reference", "sign_flipped")):
            shutil.copytree(EXAMPLES / assignment / example, dest / name)
        return
    from grader import assignment as assignments
    from grader.worksheet import steps as worksheet
    from grader.worksheet.sheet import markdown
    a = assignments.load(assignment)
    sheet = worksheet.load(a)
    for name in VICTIMS:
        inputs = worksheet.personal_inputs(sheet, name)
        values = sheet.evaluate(inputs)
        if name == "victim_cy":  # a slip in f, carried through
            values = sheet.evaluate(inputs, {"f": values["f"] * 1.1})
        (dest / name).mkdir()
        (dest / name / "answers.md").write_text(markdown(sheet, name, inputs, values), encoding="utf-8")


def _fast_copy(tmp: Path, assignment: str) -> Path:
    """A copy of the assignment (public and hidden parts) with ``FAST_LIMITS``; its path for --assignment."""
    kit = tmp / "kit"
    for part in ("assignments", "solutions"):
        shutil.copytree(ROOT / part / assignment, kit / part / assignment,
                        ignore=shutil.ignore_patterns("__pycache__"))
    config = kit / "assignments" / assignment / "assignment.yaml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    if data.get("kind", "code") == "code":
        data["limits"] = {**data.get("limits", {}), **FAST_LIMITS}
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return kit / "assignments" / assignment


def _make_case(corpus: str, case: str, dest_folder: Path) -> None:
    source = BLIND / corpus / "cases" / case
    maker = source / "make_case.py"
    if maker.is_file():
        spec = importlib.util.spec_from_file_location(f"blind_{corpus}_{case}", maker)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.make(dest_folder / case, ROOT)
    else:
        shutil.copytree(source, dest_folder / case, symlinks=True)


def _kit_snapshot():
    """The kit's own files (what a case may aim at), by path, size and modification time."""
    skip = {".venv", ".git", "__pycache__", ".pytest_cache"}
    found = []
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = [d for d in dirnames if d not in skip and not (Path(dirpath) == ROOT and d == "tests")]
        for f in filenames:
            p = os.path.join(dirpath, f)
            st = os.lstat(p)
            found.append((p, st.st_size, st.st_mtime_ns))
    return sorted(found)


def processes_left(marker: str) -> list[str]:
    """Command lines of live processes (not this one) whose command line or folder names ``marker``
    (read from /proc: on a system without it, the tests that need it are skipped)."""
    if not os.path.isdir("/proc/self"):
        pytest.skip("no /proc on this system to list the processes left")
    left = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        if int(pid) == os.getpid():
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        if stat.rsplit(")", 1)[-1].split()[0] == "Z":
            continue
        try:
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            cwd = ""
        if marker in cmd or marker in cwd:
            left.append(f"{pid}: {cmd.strip()}")
    return left


def _grade(assignment_path: Path, submissions: Path, out: Path, jobs: int):
    proc = subprocess.run([sys.executable, "-m", "grader", "grade", "--assignment", str(assignment_path),
                           "--submissions", str(submissions), "--out", str(out), "--jobs", str(jobs)],
                          cwd=ROOT, capture_output=True, timeout=900)
    return proc


class Run:
    """One graded folder: the process, its outputs, and its rows by student."""

    def __init__(self, proc, folder: Path):
        self.proc, self.folder = proc, folder
        self.stdout = proc.stdout.decode("utf-8", "replace")
        self.stderr = proc.stderr.decode("utf-8", "replace")
        scores = folder / "scores.json"
        self.rows = ({s["student"]: s for s in json.loads(scores.read_text(encoding="utf-8"))["students"]}
                     if scores.is_file() else {})


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """``graded(name)``: the corpus graded once (the first test that asks grades it): per assignment,
    the victims alone, then every case beside them with --jobs 1 and --jobs 2; with the kit's files
    before and after and the processes left."""
    done, folders = {}, []

    def get(name: str):
        if name not in done:
            tmp = tmp_path_factory.mktemp(f"blind-{name}")
            folders.append(tmp)
            done[name] = _graded_corpus(name, _cases(name), tmp)
        return done[name]
    yield get
    for tmp in folders:
        remove_tree(tmp)  # iterative: some cases nest folders past what shutil.rmtree's recursion survives


GRADINGS_AT_ONCE = 3  # the runs wait on hostile cases' time limits much of the time: several share 2 cores


def _graded_corpus(name: str, cases: dict, tmp: Path):
    from concurrent.futures import ThreadPoolExecutor
    before = _kit_snapshot()
    gradings = {}  # (assignment, "alone" or jobs) -> (assignment copy, submissions, out)
    for assignment in sorted({c["assignment"] for c in cases.values()}):
        path = _fast_copy(tmp / assignment, assignment)
        alone = tmp / assignment / "alone"
        _place_victims(assignment, alone)
        gradings[assignment, "alone"] = (path, alone, tmp / assignment / "out-alone", 1)
        subs = tmp / assignment / "submissions"
        _place_victims(assignment, subs)
        for case, want in cases.items():
            if want["assignment"] == assignment:
                _make_case(name, case, subs)
        for jobs in (1, 2):
            gradings[assignment, jobs] = (path, subs, tmp / assignment / f"out-{jobs}", jobs)
    with ThreadPoolExecutor(GRADINGS_AT_ONCE) as pool:  # separate runs, separate output folders
        procs = {key: pool.submit(_grade, *args) for key, args in gradings.items()}
        runs = {key: Run(f.result(), gradings[key][2] / key[0]) for key, f in procs.items()}
    left = processes_left(str(tmp))
    after = _kit_snapshot()
    return name, cases, runs, before, after, left, tmp


def _runs_of(runs, assignment):
    return [(jobs, runs[assignment, jobs]) for jobs in (1, 2)]


def test_the_corpora_are_large_enough():
    assert CORPORA, "no blind corpus under tests/blind/"
    for name in CORPORA:
        assert len(_cases(name)) + len(_expected(name).get("runstates", {})) >= 50, name


@pytest.mark.parametrize("name", CORPORA)
def test_every_run_ends_with_its_tables_and_every_victim_row_is_as_graded_alone(graded, name):
    corpus = graded(name)
    _, _, runs, _, _, _, _ = corpus
    for (assignment, jobs), run in runs.items():
        assert run.proc.returncode == 0, f"{assignment} --jobs {jobs}: {run.stderr[-2000:]}"
        assert (run.folder / "scores.csv").is_file(), (assignment, jobs)
        if jobs == "alone":
            continue
        alone = runs[assignment, "alone"]
        for victim in VICTIMS:
            assert without_times(run.rows[victim]) == without_times(alone.rows[victim]), (assignment, jobs, victim)
            for file in ("feedback.md", "results.json"):
                a = (alone.folder / "students" / victim / file).read_bytes()
                b = (run.folder / "students" / victim / file).read_bytes()
                if file.endswith(".json"):
                    a, b = without_times(json.loads(a)), without_times(json.loads(b))
                assert a == b, (assignment, jobs, victim, file)
            line = _csv_rows(alone.folder / "scores.csv")[victim]
            assert _csv_rows(run.folder / "scores.csv")[victim] == line, (assignment, jobs, victim)


def _csv_rows(file: Path) -> dict:
    rows = list(csv.reader(io.StringIO(file.read_text(encoding="utf-8"))))
    return {r[0]: r for r in rows[1:]}


@pytest.mark.parametrize("name", CORPORA)
def test_nothing_is_written_outside_the_output_and_no_process_outlives_the_runs(graded, name):
    corpus = graded(name)
    _, _, _, before, after, left, _ = corpus
    assert before == after
    assert left == []


@pytest.mark.parametrize("name", CORPORA)
def test_every_output_is_valid_and_no_student_text_is_a_formula_or_a_terminal_command(graded, name):
    corpus = graded(name)
    _, _, runs, _, _, _, _ = corpus
    for (assignment, jobs), run in runs.items():
        for file in run.folder.rglob("*"):
            if file.is_file() and file.suffix in (".json", ".md", ".csv"):
                text = file.read_bytes().decode("utf-8")  # raises when not UTF-8
                if file.suffix == ".json":
                    json.loads(text)
        for name in ("scores.csv", "gradebook.csv"):
            rows = list(csv.reader(io.StringIO((run.folder / name).read_text(encoding="utf-8"))))
            assert len(rows) == len(run.rows) + 1, (assignment, jobs, name)
            for row in rows[1:]:
                for cell in row:
                    assert not cell.startswith(("=", "+", "@", "\t", "\r")) and not (
                        cell.startswith("-") and not _is_number(cell)), (assignment, jobs, name, cell)
        for stream in (run.stdout, run.stderr):
            assert "\x1b" not in stream and "\r" not in stream, (assignment, jobs)


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def _case_params():
    return [pytest.param(c, case, id=f"{c}-{case}",
                         marks=[pytest.mark.xfail(reason=DISAGREEMENTS[c, case], strict=True)]
                         if (c, case) in DISAGREEMENTS else [])
            for c in CORPORA for case in sorted(_cases(c))]


@pytest.mark.parametrize("name, case", _case_params())
def test_each_case_gets_its_verdict(graded, name, case):
    _, cases, runs, _, _, _, tmp = graded(name)
    want = cases[case]
    for jobs, run in _runs_of(runs, want["assignment"]):
        _check_case(case, want, run, jobs, tmp / want["assignment"])


def _rows_for(case: str, want: dict, run: Run) -> list[dict]:
    if "row_for" in want:
        return [run.rows[want["row_for"]]] if want["row_for"] in run.rows else []
    if "row_prefix" in want:
        return [r for n, r in run.rows.items() if n.startswith(want["row_prefix"])]
    if "rows_for_any" in want:
        from grader.text import student_name
        names = {student_name(n) for n in want["rows_for_any"]}
        return [r for n, r in run.rows.items() if n in names]
    from grader.text import student_name
    entries = {student_name(e) for e in want.get("entry", [case])}
    entries |= {e[:-4] for e in entries if e.lower().endswith(".zip")}
    return [r for n, r in run.rows.items() if n in entries]


def _check_case(case: str, want: dict, run: Run, jobs: int, folder: Path) -> None:
    where = f"{case} (--jobs {jobs})"
    rows = _rows_for(case, want, run)
    if not rows:
        summary = (run.folder / "summary.md").read_text(encoding="utf-8")
        assert want.get("listed") and any(e in summary for e in want.get("entry", [case])), f"{where}: no row"
        return
    for row in rows:
        said = f"{where}: {row['status']} {row['total']}: {row['reason']}"
        assert row["status"] in want["status"], said
        assert row["total"] <= want.get("max_total", float("inf")) + 1e-9, said
        assert row["total"] >= want.get("min_total", float("-inf")) - 1e-9, said
        assert "\n" not in row["reason"], said
        for text in want.get("reason_contains", []):
            assert text in row["reason"], said
    for forged in want.get("no_row_named", []):
        assert forged not in run.rows, where
    outputs = [run.stdout, run.stderr] + [p.read_text(encoding="utf-8", errors="replace")
                                          for p in run.folder.rglob("*") if p.is_file() and p.suffix != ".png"]
    for text in want.get("must_not_contain", []):
        assert not any(text in o for o in outputs), f"{where}: {text!r} in an output"
    for path in want.get("must_not_create", []):
        candidates = [Path(path)] if os.path.isabs(path) else [ROOT / path, folder / "submissions" / path,
                                                                   run.folder / path]
        assert not any(p.exists() or p.is_symlink() for p in candidates), f"{where}: {path} was created"
    if "max_grades_bytes" in want:
        size = sum(p.stat().st_size for p in run.folder.rglob("*") if p.is_file())
        assert size <= want["max_grades_bytes"], f"{where}: the grades take {size} bytes"


# -- runstates ----------------------------------------------------------------------------------
class Context:
    """What a runstate scenario may use: the kit, a fresh folder, the victims, the command line."""

    assignment = "hw2_compgraph"

    def __init__(self, tmp: Path):
        self.root, self.tmp = ROOT, tmp

    def victims(self, dest: Path) -> None:
        _place_victims(self.assignment, Path(dest))

    def cli(self, *args, timeout=300):
        return subprocess.run([sys.executable, "-m", "grader", *map(str, args)], cwd=ROOT, capture_output=True,
                              text=True, errors="replace", timeout=timeout, stdin=subprocess.DEVNULL)

    def popen(self, *args):
        return subprocess.Popen([sys.executable, "-m", "grader", *map(str, args)], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                start_new_session=True)

    @staticmethod
    def processes_left(marker: str) -> list[str]:
        return processes_left(str(marker))


RUNSTATES_AT_ONCE = 4  # most scenarios wait on a grading process or a kill: several share the 2 cores


def _run_scenario(corpus_name: str, scenario: str, tmp: Path) -> str | None:
    """Run one scenario in ``tmp``; the traceback of its failure, or None; nothing it started survives."""
    import traceback
    file = BLIND / corpus_name / "runstates" / f"{scenario}.py"
    spec = importlib.util.spec_from_file_location(f"runstate_{corpus_name}_{scenario}", file)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
        module.scenario(Context(tmp))
        return None
    except BaseException:  # noqa: BLE001 - reported by the scenario's own test
        return traceback.format_exc()
    finally:
        for line in processes_left(str(tmp)):
            try:
                os.kill(int(line.split(":", 1)[0]), signal.SIGKILL)
            except OSError:
                pass


@pytest.fixture(scope="module")
def runstates(tmp_path_factory):
    """``runstates(name)``: every scenario of a corpus, run once, ``RUNSTATES_AT_ONCE`` at a time:
    scenario -> its failure, or None."""
    from concurrent.futures import ThreadPoolExecutor
    done, folders = {}, []

    def get(name: str):
        if not done:  # every corpus's scenarios in one pool: a corpus's slowest scenario overlaps the others'
            futures = {}
            with ThreadPoolExecutor(RUNSTATES_AT_ONCE) as pool:
                for corpus in CORPORA:
                    names = sorted(f.stem for f in (BLIND / corpus / "runstates").glob("*.py"))
                    base = tmp_path_factory.mktemp(f"runstates-{corpus}")
                    folders.append(base)
                    for n in names:
                        (base / n).mkdir()
                        futures[(corpus, n)] = pool.submit(_run_scenario, corpus, n, base / n)
                for (corpus, n), f in futures.items():
                    done.setdefault(corpus, {})[n] = f.result()
        return done[name]
    yield get
    for base in folders:
        remove_tree(base)


def _runstate_params():
    return [pytest.param(c, f.stem, id=f"{c}-{f.stem}")
            for c in CORPORA for f in sorted((BLIND / c / "runstates").glob("*.py"))]


@pytest.mark.parametrize("name, scenario", _runstate_params())
def test_each_runstate_holds(runstates, name, scenario):
    failure = runstates(name)[scenario]
    assert failure is None, failure
