"""Grading a folder in several processes at once: shard the students, launch, watch, collect.

Each shard is one ``python -m grader.grading.parallel SPEC`` process that grades its
students in one pytest session of its own (``session.run_session``, with its own
fork server) and stages every result, as it finishes, into the run's one
staging folder. The parent only watches that folder: it reports progress for
each new file and, when every shard has ended, reads the results back. So a
killed run leaves exactly what a one-process run would, and ``--resume`` works
the same way.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from ..sandbox import lifetime
from .. import paths
from ..assignment import Assignment, ConfigError
from ..results import StudentResult
from ..source import StudentSource
from .staging import file_for, read_staged, stage

POLL_SECONDS = 0.05


def shards(students: list, jobs: int) -> list[list]:
    """Deal ``students`` round-robin into at most ``jobs`` non-empty shards (neighbours apart)."""
    jobs = max(1, min(jobs, len(students)))
    return [students[i::jobs] for i in range(jobs)]


def grade(assignment: Assignment, students: list[StudentSource], staging: Path, *, jobs: int,
          hidden: bool = True, seed: str = "", progress=None, fingerprint: str = "") -> dict[str, StudentResult]:
    """Grade ``students`` in ``jobs`` processes that stage into ``staging``; return results by name.

    A student's result is theirs as soon as a valid one (``read_staged`` with ``fingerprint``) is
    staged under their name, whenever and by whichever process it was written; each is reported
    to ``progress`` once. Every shard dies with this process (``lifetime.dies_with_parent``) and
    runs in a session of its own, so a terminal's Ctrl-C reaches this process alone, which ends them.
    Raises ``ConfigError`` when a shard stops on a problem of the assignment,
    ``RuntimeError`` when a shard dies otherwise (what it graded stays staged).
    """
    staging = Path(staging).resolve()
    work = staging / "shards"
    work.mkdir(parents=True, exist_ok=True)
    waiting = {s.name: file_for(staging, s.name) for s in students}
    results: dict[str, StudentResult] = {}
    procs = []

    def collect() -> None:
        for name, file in list(waiting.items()):
            result = read_staged(file, fingerprint) if file.exists() else None
            if result is not None and result.student == name:
                results[name] = result
                del waiting[name]
                if progress:
                    progress(result)

    try:
        for i, share in enumerate(shards(students, jobs)):
            procs.append(_launch(work, i, share, assignment, staging, hidden=hidden, seed=seed,
                                 fingerprint=fingerprint))
        while True:
            running = [p for p, _ in procs if p.poll() is None]
            collect()
            failed = [(p, log) for p, log in procs if p.poll() not in (None, 0)]
            config_errors = [_last_line(log) for _, log in failed if _last_line(log).startswith("error: ")]
            if config_errors:
                raise ConfigError(config_errors[0][len("error: "):])
            if not running:
                break
            time.sleep(POLL_SECONDS)
        if failed:
            p, log = failed[0]
            raise RuntimeError(f"a grading process stopped with exit code {p.returncode}: "
                               f"{_last_line(log) or 'no message'} (run again with --resume)")
        for _, log in procs:  # what a shard said (the grader's internal errors, say) reaches the user
            log.flush()
            text = Path(log.name).read_text(encoding="utf-8", errors="replace")
            if text.strip():
                sys.stderr.write(text if text.endswith("\n") else text + "\n")
    finally:
        _end(procs)
    collect()  # what a shard staged after the last poll, before it ended
    return results


def _launch(work: Path, i: int, share: list[StudentSource], assignment: Assignment, staging: Path, *,
            hidden: bool, seed: str, fingerprint: str):
    """Start shard ``i`` on ``share``: its process and its open log."""
    spec = work / f"shard{i}.spec"
    spec.write_text(json.dumps({
        "assignment": str(assignment.public_dir), "staging": str(staging), "hidden": hidden,
        "seed": seed, "fingerprint": fingerprint,
        "students": [{"name": s.name, "path": str(s.path) if s.path else None,
                      "problem": s.problem, "notes": list(s.notes), "status": s.status} for s in share],
    }), encoding="utf-8")  # ASCII: a path may hold bytes that are no UTF-8 (kept as surrogates)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(paths.ROOT), *filter(None, [env.get("PYTHONPATH")])])
    log = open(work / f"shard{i}.log", "wb")
    try:
        proc = subprocess.Popen([sys.executable, "-m", "grader.grading.parallel", str(spec)], env=env,
                                stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True,
                                preexec_fn=lifetime.dies_with_parent())
    except BaseException:
        log.close()
        raise
    return proc, log


def _end(procs) -> None:
    """Terminate the shards still running and wait for every one (killed after 10 s)."""
    for p, log in procs:
        if p.poll() is None:
            p.terminate()
    for p, log in procs:
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
        log.close()


def _last_line(log) -> str:
    try:
        lines = Path(log.name).read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return lines[-1].strip() if lines else ""


def main(argv=None) -> int:
    """One shard: grade the students of a spec file, staging each result."""
    from .. import assignment as assignments
    from .session import run_session
    argv = sys.argv[1:] if argv is None else argv
    for s in lifetime.STOP_SIGNALS:  # any stop ends a shard outright: a submission cut short is never staged
        signal.signal(s, signal.SIG_DFL)
    spec = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    staging = Path(spec["staging"])
    students = [StudentSource(s["name"], Path(s["path"]) if s["path"] else None, problem=s["problem"], status=s.get("status", "missing"),
                              notes=s["notes"]) for s in spec["students"]]
    try:
        a = assignments.load(spec["assignment"])
        run_session(a, students, hidden=spec["hidden"], seed=spec["seed"], keep=False,
                    on_result=lambda result: stage(staging, result, spec["fingerprint"]))
    except ConfigError as e:
        print(f"error: {e}", file=sys.stderr, flush=True)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
