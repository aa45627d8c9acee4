"""``make bench``, part (b): grading at scale: many students on one machine, in shards, and merged."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .. import paths


def _start(cmd: list[str], log) -> subprocess.Popen:
    return subprocess.Popen(cmd, cwd=paths.ROOT, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)


def _reap(proc: subprocess.Popen, log, started: float) -> tuple[float, int]:
    """Wait for ``proc``; return its wall seconds and the peak resident memory, in bytes, of the
    largest process of its tree (wait4's ``ru_maxrss`` covers the process and every descendant
    it waited for: the grading sessions, the fork server and, through it, the workers)."""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        log.seek(0)
        raise RuntimeError(f"{' '.join(proc.args[1:5])} failed: {log.read().decode(errors='replace').strip()[-500:]}")
    return seconds, usage.ru_maxrss * 1024  # Linux counts it in KiB


def _measured(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak memory (``_reap``) of one command."""
    with tempfile.TemporaryFile() as log:
        return _reap(_start(cmd, log), log, time.perf_counter())


def scale(assignment: str, count: int, shards: int, tmp: Path, at_once: int = 2, source: Path | None = None) -> dict:
    """(f): ``count`` generated submissions graded in one run (``--jobs 2``), and as ``shards``
    shards, ``at_once`` at a time with ``--jobs 1`` each, then merged; also one run of a tenth
    as many. Returns ``{"one": (s, bytes), "tenth": (n, s, bytes), "shards": [(s, bytes)...],
    "shards_wall": s, "merge": (s, bytes), "identical": bool}``: times in seconds, peak memory
    in bytes of the largest process. The submissions are copies of ``source``'s (default: the
    assignment's examples)."""
    folder = tmp / "scale"
    generate(source or paths.EXAMPLES / assignment, folder, count)
    name = Path(assignment).name
    one = _measured(_grade_command(assignment, folder, tmp / "scale-one", 2))
    tenth = max(1, count // 10)
    small = tmp / "scale-tenth"
    small.mkdir()
    for entry in sorted(folder.iterdir())[:tenth]:
        shutil.copytree(entry, small / entry.name)
    tenth_run = _measured(_grade_command(assignment, small, tmp / "scale-tenth-out", 2))
    queue, running, per_shard = list(range(1, shards + 1)), [], {}
    started = time.perf_counter()
    while queue or running:
        while queue and len(running) < at_once:
            k = queue.pop(0)
            log = tempfile.TemporaryFile()
            cmd = _grade_command(assignment, folder, tmp / f"scale-shard{k}", 1) + ["--shard", f"{k}/{shards}"]
            running.append((k, _start(cmd, log), log, time.perf_counter()))
        k, proc, log, began = running.pop(0)
        with log:
            per_shard[k] = _reap(proc, log, began)
    shards_wall = time.perf_counter() - started
    merged = tmp / "scale-merged"
    merge = _measured([sys.executable, "-m", "grader", "merge", *[str(tmp / f"scale-shard{k}" / name)
                                                                    for k in range(1, shards + 1)],
                       "-a", assignment, "-o", str(merged), "-q"])
    identical = all((merged / f).read_bytes() == (tmp / "scale-one" / name / f).read_bytes()
                    for f in ("scores.csv", "gradebook.csv"))
    return {"one": one, "tenth": (tenth, *tenth_run), "shards": [per_shard[k] for k in range(1, shards + 1)],
            "shards_wall": shards_wall, "merge": merge, "identical": identical}


def scale_rows(assignment: str, count: int, shards: int, tmp: Path, source: Path | None = None) -> list[list[str]]:
    """The rows of (f)."""
    r = scale(assignment, count, shards, tmp, source=source)
    name = Path(assignment).name

    def mb(n: int) -> str:
        return f"{n / 2**20:.0f} MB"

    tenth, tenth_s, tenth_rss = r["tenth"]
    merge_s, merge_rss = r["merge"]
    return [
        [f"(f) {count} {name} submissions, one run (--jobs 2)", f"{r['one'][0]:.1f} s, peak memory {mb(r['one'][1])}",
         "", ""],
        [f"(f) {tenth} {name} submissions, one run (--jobs 2)", f"{tenth_s:.1f} s, peak memory {mb(tenth_rss)}",
         "", ""],
        [f"(f) {count} {name} submissions as {shards} shards, 2 at a time (--jobs 1 each), then merge",
         f"{r['shards_wall'] + merge_s:.1f} s ({r['shards_wall']:.1f} s the shards, {merge_s:.1f} s the merge); "
         f"peak memory {mb(max(m for _, m in r['shards']))} per shard at most, {mb(merge_rss)} the merge", "", ""],
        ["(f) the merged table and the one run's", "identical" if r["identical"] else "DIFFERENT", "identical",
         "yes" if r["identical"] else "NO"],
    ]


def _grade_command(assignment: str, folder: Path, out: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "grader", "grade", "-a", assignment, "-s", str(folder), "-o", str(out),
            "-q", "--jobs", str(jobs)]


def generate(source: Path, folder: Path, count: int) -> list[str]:
    """``count`` submissions in ``folder``: the examples of ``source`` in turn, each file with a comment
    of its own appended (so no two are byte-identical); return their names."""
    examples = sorted(p for p in source.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    if not examples:
        raise FileNotFoundError(f"{source}: no example submissions to generate from")
    names = []
    for i in range(count):
        example = examples[i % len(examples)]
        name = f"student{i:04d}_{example.name}"
        shutil.copytree(example, folder / name)
        for file in (folder / name).rglob("*.py"):
            with open(file, "a", encoding="utf-8") as f:
                f.write(f"\n# generated submission {i}\n")
        names.append(name)
    return names
