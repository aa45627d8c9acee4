"""A grading run: find the submissions, grade them in one pytest session (or several, in parallel),
write the results.

Each submission's result is written to a staging folder as soon as it is
graded, so a run that is killed can be resumed (``resume=True``) and still end
with the same table. With ``jobs`` above 1 the students are shared out among
that many processes, each grading its share in one session of its own and
staging into the same folder (``grader.parallel``).
"""
from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import json
import os
import secrets
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from . import previous, report, submissions
from .assignment import Assignment, ConfigError
from .plugin import GradingPlugin, StudentSource
from .results import StudentResult


def pytest_args(assignment: Assignment, hidden: bool) -> list[str]:
    dirs = [assignment.public_tests_dir] + ([assignment.hidden_tests_dir] if hidden else [])
    for d in dirs:
        if not d.is_dir():
            raise ConfigError(f"{d}: the assignment's tests folder is missing")
    return [*map(str, dirs), "-s", "-p", "no:cacheprovider", "-p", "no:terminal", "-p", "no:pastebin",
            "-p", "no:junitxml", "-p", "no:doctest", "--import-mode=importlib",
            "-c", os.devnull, f"--rootdir={assignment.public_dir.parent.parent}", "-W", "ignore"]


def run_session(assignment: Assignment, students: list[StudentSource], *, hidden: bool = True,
                on_result=None, seed: str = "") -> dict[str, StudentResult]:
    """Grade ``students`` in one pytest session in this process; return their results by name."""
    if not students:
        return {}
    plugin = GradingPlugin(assignment, students, hidden=hidden, on_result=on_result, seed=seed)
    # pytest reports a problem of the assignment's tests as an INTERNALERROR traceback on stderr;
    # the plugin has it in one line already, so that is what the user sees.
    captured = io.StringIO()
    with contextlib.redirect_stderr(captured):
        code = pytest.main(pytest_args(assignment, hidden), plugins=[plugin])
    if plugin.problems:
        raise ConfigError(plugin.problems[0])
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
        last = captured.getvalue().strip().splitlines()[-1:] or ["no message"]
        raise RuntimeError(f"grading {assignment.name} stopped: pytest exit code {int(code)}: {last[0].strip()}")
    sys.stderr.write(captured.getvalue())
    return plugin.results


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def staging_folder(out: Path) -> Path:
    out = Path(out)
    return out.with_name(f".{out.name}.partial")


KEY_FILE = ".key"  # in the staging folder, readable by the grader's user only: no worker reaches it
KEY_BYTES = 32


def _staging_file(staging: Path, student: str) -> Path:
    return staging / (hashlib.sha1(student.encode()).hexdigest()[:16] + ".json")


def _key(staging: Path) -> bytes:
    """The staging folder's secret, made with the folder: what tells a staged result the grader wrote.

    Made whole beside its place and linked in, so that a shard reading it at the same moment
    never sees it half-written; the run makes it before any shard starts.
    """
    path = Path(staging) / KEY_FILE
    try:
        key = path.read_bytes()
        if len(key) == KEY_BYTES:
            return key
        raise ValueError(f"{path}: {len(key)} bytes, not a key")
    except FileNotFoundError:
        pass
    tmp = path.with_name(f"{KEY_FILE}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(secrets.token_bytes(KEY_BYTES))
    try:
        os.link(tmp, path)  # fails when another process linked its key first: then that one holds
    except FileExistsError:
        pass
    finally:
        os.unlink(tmp)
    return _key(staging)


def _mac(key: bytes, payload: str) -> str:
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


def stage(staging: Path, result: StudentResult) -> Path:
    """Write one student's result into the staging folder, atomically and signed; return its file."""
    payload = json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True)
    record = {"result": payload, "mac": _mac(_key(staging), payload)}
    tmp = tempfile.NamedTemporaryFile("w", dir=staging, delete=False, suffix=".tmp", encoding="utf-8")
    with tmp:
        json.dump(record, tmp, ensure_ascii=False)
    target = _staging_file(staging, result.student)
    os.replace(tmp.name, target)
    return target


def read_staged(file: Path) -> StudentResult | None:
    """A staged result, or None when the file is incomplete, not a result, or not signed by this
    staging folder's key (whatever wrote it, it was not the grader: that student is graded again)."""
    try:
        record = json.loads(Path(file).read_text(encoding="utf-8"))
        payload, mac = record["result"], record["mac"]
        if not (isinstance(payload, str) and isinstance(mac, str)):
            return None
        if not hmac.compare_digest(mac, _mac(_key(Path(file).parent), payload)):
            return None
        result = StudentResult.from_dict(json.loads(payload))
        return result if _staging_file(Path(file).parent, result.student).name == Path(file).name else None
    except (ValueError, TypeError, KeyError, AttributeError, OSError):
        return None


MIN_PER_JOB = 4  # with jobs=None, no more processes than one per this many submissions


def auto_jobs(todo: int) -> int:
    """Processes for ``todo`` submissions when none were asked for: the cores, but a process
    costs about a Python start, so not one for every few submissions."""
    return max(1, min(default_jobs(), todo // MIN_PER_JOB))


def grade(assignment: Assignment, folder: Path, out: Path, *, resume: bool = False,
          hidden: bool = True, seed: str = "", progress=None, jobs: int | None = 1,
          only: list[str] | None = None, replace: bool = False,
          require_kernel_sandbox: bool = False) -> list[StudentResult]:
    """Grade every submission in ``folder``; write the outputs to ``out``; return the results.

    ``jobs`` processes grade at once (``None``: ``auto_jobs``). ``progress`` is
    called with each result as it is graded; when it also has ``begin(total,
    done)`` and ``end()``, they are called first (with the number of submissions
    and how many a resumed run already has) and last.

    ``only``: grade just these students and merge them into the grades already
    in ``out`` (``previous.merge``). Without it, a run refuses to replace grades
    of students it would drop, unless ``replace``. One run at a time per ``out``.
    ``require_kernel_sandbox``: stop when the machine lets workers have no Landlock or no seccomp.
    """
    out = Path(out)
    sandbox = sandbox_report(require_kernel_sandbox)
    with previous.lock(out):
        sources, scratch = submissions.discover(folder, assignment)
        try:
            if not sources:
                raise ConfigError(f"{folder}: no submissions in it (a sub-folder or a .zip per student); "
                                  f"nothing was graded and {out}/ is unchanged")
            earlier = previous.check(assignment, out, [s.name for s in sources], only=only, replace=replace,
                                     seed=seed, hidden=hidden)
            if only:
                sources = [s for s in sources if s.name in set(only)]
            results = _grade_sources(assignment, sources, out, resume=resume, hidden=hidden, seed=seed,
                                     progress=progress, jobs=jobs)
        finally:
            submissions.cleanup(scratch)
        everyone = previous.merge(earlier, results) if only else results
        report.write(assignment, everyone, out, fingerprint=previous.fingerprint(assignment, seed, hidden),
                     sandbox=sandbox)
        shutil.rmtree(staging_folder(out), ignore_errors=True)
    return results


def sandbox_report(required: bool = False) -> dict:
    """The kernel layers this machine gives every worker: ``{"description": one line, layer: value, ...}``.

    ``required``: raise ``ConfigError`` unless both Landlock and seccomp are among them.
    """
    from . import kernel
    layers = kernel.probe()
    if required and layers.missing():
        raise ConfigError(f"--require-kernel-sandbox: this machine gives workers no {' and no '.join(layers.missing())} "
                          f"(it offers: {layers.describe()}); run the grader on Linux 5.13 or newer, in a "
                          "container that allows them, or drop the flag")
    return {"description": layers.describe(), **layers.as_dict()}


def _grade_sources(assignment: Assignment, sources: list[StudentSource], out: Path, *, resume: bool,
                   hidden: bool, seed: str, progress, jobs: int | None) -> list[StudentResult]:
    """Grade ``sources``, staging each result as it comes; return them in ``sources``' order."""
    staging = staging_folder(out)
    if not resume:
        shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(mode=0o700, parents=True, exist_ok=True)
    _key(staging)  # before any shard signs with it
    done: dict[str, StudentResult] = {}
    for file in staging.glob("*.json"):
        r = read_staged(file)
        if r is None:
            file.unlink()  # a result cut short by the kill: grade that student again
        else:
            done[r.student] = r

    def finished(result: StudentResult) -> None:
        stage(staging, result)
        if progress:
            progress(result)

    try:
        todo = [s for s in sources if s.name not in done]
        if hasattr(progress, "begin"):
            progress.begin(len(sources), len(sources) - len(todo))
        if jobs is None:
            jobs = auto_jobs(len(todo))
        if jobs > 1 and len(todo) > 1:
            from . import parallel
            done.update(parallel.grade(assignment, todo, staging, jobs=jobs, hidden=hidden, seed=seed,
                                       progress=progress))
        else:
            done.update(run_session(assignment, todo, hidden=hidden, on_result=finished, seed=seed))
    finally:
        if hasattr(progress, "end"):
            progress.end()
    # Every student gets a row: one whose result went missing says so rather than vanish.
    return [done.get(s.name) or StudentResult(s.name, "grader error", "the grader lost this submission's result; "
                                              "grade it again (--student)") for s in sources]
