"""``make bench``: how fast the kit grades on this machine. Prints the machine and a table.

(a) one reference submission of each assignment, end to end from the command
    line (``python -m grader grade`` on a folder holding only it): median of 5 runs;
(b) 200 submissions generated from hw2_compgraph's examples (copies, each with a
    comment of its own) graded with ``--jobs 1`` and ``--jobs 2``, and whether the
    two tables are identical;
(c) the worker's cost per submission (fork, copy, import of the student's
    modules, teardown) next to a bare ``python -c "import numpy"``, and what the
    kernel's layers of the sandbox (``grader.kernel``) add to it;
(d) nbgrader and otter-grader, when installed, next to the kit on the same 20
    notebook submissions of a three-function assignment (``bench_others``), and
    whether they give the same scores; a note saying how to enable them when not.
(e) the time the Likely-cause diagnosis adds to a submission;
(f) scale: 2,000 generated hw2_compgraph submissions graded in one run (``--jobs 2``)
    and as 4 shards (``--shard K/N``, two at a time, ``--jobs 1`` each) joined by
    ``merge``, with the wall time and the peak memory of each, one run of a tenth as
    many beside them (is the memory flat in the number of submissions?), and whether
    the merged table is the one run's. ``--only scale`` runs this part alone;
    ``--scale-students`` and ``--scale-shards`` change its sizes.

The targets are checked here, never by timed tests: hw1-hw3 under 1 s each and hw4 under 10 s
end to end; 200 hw2 submissions under 40 s on 2 cores; the worker's overhead
under twice the bare NumPy import. ``--update-docs`` writes the table into
docs/speed.md between its ``bench`` markers.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..sandbox import kernel
from .. import paths
from .bench_scale import _grade_command, generate, scale_rows

# seconds, one submission end to end: hw1-hw3 under 1 s; hw4, whose grading trains three
# networks (the trained-model part alone must stay under 10 s), under 10 s in all.
END_TO_END_TARGETS = {"hw1_derivatives": 1.0, "hw2_compgraph": 1.0, "hw3_layers": 1.0, "hw4_mlp": 10.0}
BATCH_TARGET = 40.0  # seconds for the generated batch with --jobs 2
OVERHEAD_RATIO = 2.0  # worker overhead / bare numpy import
DIAGNOSIS_SECONDS = 0.2  # the diagnosis's time on one submission
WORKSHEET_SECONDS = 0.05  # grading one worksheet submission (reading, every step, feedback)
KERNEL_LAYERS_TARGET = 0.005  # seconds the kernel's layers may add to a worker
TABLE_START, TABLE_END = "<!-- bench:start -->", "<!-- bench:end -->"


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import numpy
    return {"nproc": os.cpu_count() or 1, "cpu": model or platform.processor() or "unknown",
            "python": platform.python_version(), "numpy": numpy.__version__,
            "os": f"{platform.system()} {platform.release()}"}


def _run(cmd: list[str]) -> float:
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=paths.ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[1:4])} failed: {(proc.stderr or proc.stdout).strip()[-500:]}")
    return seconds


def end_to_end(assignment: str, runs: int, tmp: Path) -> float:
    """Median wall time of grading the assignment's reference example alone, from the command line."""
    reference = paths.EXAMPLES / assignment / "reference"
    if not reference.is_dir():
        raise FileNotFoundError(f"{reference}: no reference example to time")
    folder = tmp / f"one-{assignment}"
    shutil.copytree(reference, folder / "reference")
    return statistics.median(_run(_grade_command(assignment, folder, tmp / "out-one", 1)) for _ in range(runs))


def batch(assignment: str, count: int, jobs_list, tmp: Path) -> dict:
    folder = tmp / "batch"
    generate(paths.EXAMPLES / assignment, folder, count)
    times, tables = {}, {}
    for jobs in jobs_list:
        out = tmp / f"out-batch-{jobs}"
        times[jobs] = _run(_grade_command(assignment, folder, out, jobs))
        tables[jobs] = (out / assignment / "scores.csv").read_text(encoding="utf-8")
    identical = len(set(tables.values())) == 1
    return {"times": times, "identical": identical}


def worker_overhead(assignment: str, runs: int) -> tuple[float, float]:
    """Median seconds per submission for a worker (fork, copy the files, import the modules, tear
    down) with the kernel's layers of the sandbox this machine offers, and the median of the time
    they add. Samples with and without the layers alternate, and the difference is taken pair by
    pair, so that a noisy moment of the machine weighs on both alike."""
    from .. import assignment as assignments
    from ..sandbox.forkserver import ForkServer
    from ..sandbox.proxy import Submission
    a = assignments.load(assignment)
    source = paths.EXAMPLES / assignment / "reference"
    layered, bare = ForkServer(), ForkServer()
    bare.layers = kernel.KernelLayers()

    def one(server, i) -> float:
        started = time.perf_counter()
        sub = Submission(f"bench{i}", source, a, server)
        for module in a.modules:
            sub._ensure_loaded(module)  # the import a first call would trigger
        sub.close()
        return time.perf_counter() - started

    try:
        one(layered, -1), one(bare, -1)  # the first ones warm the fork servers
        pairs = [(one(layered, i), one(bare, i)) for i in range(runs)]
    finally:
        layered.close()
        bare.close()
    return statistics.median(w for w, _ in pairs), statistics.median(w - b for w, b in pairs)


def diagnosis_cost(names=("hw1_derivatives", "hw2_compgraph", "hw3_layers", "hw4_mlp")) -> tuple[float, float, int]:
    """Seconds the diagnosis (Likely cause, Where it departs, the mistakes tests compute to name
    them: every ``diagnose.timed`` block) spends per submission over the examples of ``names``:
    (mean, worst, submissions). It runs in the grader, mostly on failed comparisons only."""
    from .. import assignment as assignments, diagnose
    from ..discover import submissions
    from ..grading.session import run_session
    per_student = []
    diagnose.spent()
    for name in names:
        a = assignments.load(name)
        sources, scratch = submissions.discover(paths.EXAMPLES / name, a)
        try:
            run_session(a, sources, on_result=lambda result: per_student.append(diagnose.spent()))
        finally:
            submissions.cleanup(scratch)
    return statistics.fmean(per_student), max(per_student), len(per_student)


def worksheet_cost(repeats: int = 5) -> tuple[float, float, int]:
    """Seconds to grade one worksheet submission, in the grader's process as a run does: (median
    over the examples of every worksheet, the slowest example's median, submissions)."""
    from .. import assignment as assignments
    from ..discover import submissions
    from ..worksheet import steps as worksheet
    from ..worksheet.grading import grade_one
    medians = []
    for name in assignments.available(kind="worksheet"):
        a = assignments.load(name)
        sheet = worksheet.load(a)
        sources, scratch = submissions.discover(paths.EXAMPLES / name, a)
        try:
            for source in sources:
                times = []
                for _ in range(repeats):
                    started = time.perf_counter()
                    grade_one(a, sheet, source)
                    times.append(time.perf_counter() - started)
                medians.append(statistics.median(times))
        finally:
            submissions.cleanup(scratch)
    return statistics.median(medians), max(medians), len(medians)


def bare_numpy(runs: int) -> float:
    return statistics.median(_run([sys.executable, "-c", "import numpy"]) for _ in range(runs))


def others(count: int, timeout: float) -> list[list[str]]:
    """(d): nbgrader and otter-grader next to the kit on the same notebooks, when installed
    (``bench_others``; neither is a dependency of the kit)."""
    from . import bench_others
    return bench_others.rows(count, timeout)


def parts_a_to_e(args, rows: list) -> bool:
    """Append the rows of (a) to (e) to ``rows``; return whether their targets were met."""
    all_met = True
    with tempfile.TemporaryDirectory(prefix="grader-bench-") as tmp:
        tmp = Path(tmp)
        from ..assignment import available
        for name in args.assignments or available():
            seconds = end_to_end(name, args.runs, tmp)
            limit = END_TO_END_TARGETS.get(name)
            target = f"< {limit:g} s" if limit else ""
            met = seconds < limit if limit else None
            all_met &= met is not False
            rows.append([f"(a) {name}: one submission, end to end (median of {args.runs})", f"{seconds:.2f} s",
                         target, {True: "yes", False: "NO", None: ""}[met]])
            print(f"  {rows[-1][0]}: {rows[-1][1]}", file=sys.stderr, flush=True)
        result = batch(args.batch_assignment, args.students, (1, 2), tmp)
        for jobs, seconds in result["times"].items():
            target = f"< {BATCH_TARGET:g} s" if jobs == 2 else ""
            met = seconds < BATCH_TARGET if jobs == 2 else None
            all_met &= met is not False
            rows.append([f"(b) {args.students} {args.batch_assignment} submissions, --jobs {jobs}",
                         f"{seconds:.1f} s ({1000 * seconds / args.students:.0f} ms each)", target,
                         {True: "yes", False: "NO", None: ""}[met]])
            print(f"  {rows[-1][0]}: {rows[-1][1]}", file=sys.stderr, flush=True)
        rows.append(["(b) the tables of --jobs 1 and --jobs 2", "identical" if result["identical"] else "DIFFERENT",
                     "identical", "yes" if result["identical"] else "NO"])
        all_met &= result["identical"]
    bare = bare_numpy(args.overhead_runs)
    worker, added = worker_overhead(args.batch_assignment, args.overhead_runs)
    without = worker - added
    ratio = worker / bare
    all_met &= ratio < OVERHEAD_RATIO
    all_met &= added < KERNEL_LAYERS_TARGET
    rows.append([f"(c) bare `python -c \"import numpy\"` (median of {args.overhead_runs})", f"{1000 * bare:.0f} ms",
                 "", ""])
    rows.append([f"(c) worker per submission: fork, copy, import, teardown (median of {args.overhead_runs})",
                 f"{1000 * worker:.0f} ms ({ratio:.2f}x the bare import)", f"< {OVERHEAD_RATIO:g}x",
                 "yes" if ratio < OVERHEAD_RATIO else "NO"])
    rows.append([f"(c) of which the kernel's layers of the sandbox (median of {args.overhead_runs} pairs)",
                 f"{1000 * added:.1f} ms ({1000 * without:.0f} ms without them): {kernel.probe().describe()}",
                 f"< {1000 * KERNEL_LAYERS_TARGET:g} ms", "yes" if added < KERNEL_LAYERS_TARGET else "NO"])
    rows += others(args.others_students, args.others_timeout)
    mean, worst, count = diagnosis_cost()
    rows.append([f"(e) the diagnosis (Likely cause, Where it departs), per submission ({count} examples of hw1-hw4)",
                 f"{1000 * mean:.1f} ms on average, {1000 * worst:.1f} ms at most", "< 200 ms",
                 "yes" if worst < DIAGNOSIS_SECONDS else "NO"])
    all_met &= worst < DIAGNOSIS_SECONDS
    typical, slowest, count = worksheet_cost()
    rows.append([f"(g) a worksheet submission graded, step by step with error carried forward ({count} examples)",
                 f"{1000 * typical:.1f} ms (median), {1000 * slowest:.1f} ms at most",
                 f"< {1000 * WORKSHEET_SECONDS:g} ms", "yes" if slowest < WORKSHEET_SECONDS else "NO"])
    all_met &= slowest < WORKSHEET_SECONDS
    return all_met


def table(args) -> tuple[str, bool]:
    from tabulate import tabulate
    rows, all_met = [], True
    if args.only != "scale":
        all_met = parts_a_to_e(args, rows)
    with tempfile.TemporaryDirectory(prefix="grader-bench-scale-") as tmp:
        scaled = scale_rows(args.batch_assignment, args.scale_students, args.scale_shards, Path(tmp))
    for row in scaled:
        print(f"  {row[0]}: {row[1]}", file=sys.stderr, flush=True)
    rows += scaled
    all_met &= scaled[-1][3] == "yes"
    m = machine()
    head = (f"Machine: {m['nproc']} cores ({m['cpu']}), Python {m['python']}, NumPy {m['numpy']}, {m['os']}; "
            f"{time.strftime('%Y-%m-%d')}.")
    text = head + "\n\n" + tabulate(rows, headers=["measure", "result", "target", "met"], tablefmt="github",
                                    disable_numparse=True)
    return text, all_met


def update_docs(text: str, doc: Path = paths.ROOT / "docs" / "speed.md") -> None:
    content = doc.read_text(encoding="utf-8")
    if TABLE_START not in content or TABLE_END not in content:
        raise ValueError(f"{doc}: no {TABLE_START} ... {TABLE_END} markers to write the table between")
    before, rest = content.split(TABLE_START, 1)
    _, after = rest.split(TABLE_END, 1)
    doc.write_text(f"{before}{TABLE_START}\n{text}\n{TABLE_END}{after}", encoding="utf-8")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m grader.staff.bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=5, help="runs per end-to-end timing (default 5)")
    p.add_argument("--students", type=int, default=200, help="generated submissions (default 200)")
    p.add_argument("--batch-assignment", default="hw2_compgraph", help="assignment of the generated batch")
    p.add_argument("--assignments", nargs="*", help="assignments timed end to end (default: all)")
    p.add_argument("--overhead-runs", type=int, default=20, help="samples of the overhead timings (default 20)")
    p.add_argument("--others-students", type=int, default=20,
                   help="notebook submissions graded by the kit and by nbgrader/otter-grader in (d) (default 20)")
    p.add_argument("--others-timeout", type=float, default=600,
                   help="seconds allowed to each tool in (d), set-up included (default 600)")
    p.add_argument("--scale-students", type=int, default=2000,
                   help="generated submissions of (f), graded in one run and as shards (default 2000)")
    p.add_argument("--scale-shards", type=int, default=4, help="shards of (f) (default 4)")
    p.add_argument("--only", choices=["scale"], help="run only this part: scale, (f)")
    p.add_argument("--update-docs", action="store_true", help="write the table into docs/speed.md")
    args = p.parse_args(argv)
    if args.update_docs and args.only:
        p.error("--update-docs writes the whole table: run without --only")
    try:
        text, all_met = table(args)
    except (RuntimeError, FileNotFoundError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(text)
    if args.update_docs:
        update_docs(text)
    print("\nall targets met" if all_met else "\nsome targets were NOT met", file=sys.stderr)
    return 0


if __name__ == "__main__":
    from ..requirements import require
    require("grader.staff.bench")
    raise SystemExit(main())
