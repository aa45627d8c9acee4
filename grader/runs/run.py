"""A grading run: find the submissions, grade them in one pytest session (or several, in parallel),
write the results.

Each submission's result is written to a staging folder as soon as it is
graded, so a run that is killed can be resumed (``resume=True``) and still end
with the same table. With ``jobs`` above 1 the students are shared out among
that many processes, each grading its share in one session of its own and
staging into the same folder (``grader.parallel``). With ``shard`` K/N only the
students of that part are graded (``grader.shard``), and ``grader.merge`` joins
the parts' folders into what one run over everyone writes.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from ..sandbox import lifetime
from . import previous
from ..report import report
from ..grading import rows
from .. import statuses
from ..discover import submissions
from ..assignment import Assignment, ConfigError
from ..results import StudentResult
from ..grading.session import run_session
from ..grading.shard import Shard, record as shard_record
from ..source import StudentSource
from ..grading.staging import prepare, read_staged, stage, staging_folder


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


MIN_PER_JOB = 4  # with jobs=None, no more processes than one per this many submissions


def auto_jobs(todo: int) -> int:
    """Processes for ``todo`` submissions when none were asked for: the cores, but a process
    costs about a Python start, so not one for every few submissions."""
    return max(1, min(default_jobs(), todo // MIN_PER_JOB))


def grade(assignment: Assignment, folder: Path, out: Path, *, resume: bool = False,
          hidden: bool = True, seed: str = "", progress=None, jobs: int | None = 1,
          only: list[str] | None = None, replace: bool = False,
          require_kernel_sandbox: bool | tuple[str, ...] | None = None, shard: Shard | None = None, course=None) -> list[StudentResult]:
    """Grade every submission in ``folder``; write the outputs to ``out``; return the results.

    ``jobs`` processes grade at once (``None``: ``auto_jobs``). ``progress`` is
    called with each result as it is graded; when it also has ``begin(total,
    done)`` and ``end()``, they are called first (with the number of submissions
    and how many a resumed run already has) and last.

    ``only``: grade just these students and merge them into the grades already
    in ``out`` (``previous.merge``). Without it, a run refuses to replace grades
    of students it would drop, unless ``replace``. One run at a time per ``out``.
    ``require_kernel_sandbox``: stop when the machine lets workers go without a layer it names.
    ``shard``: grade only that part of the students; its scores.json records which part it
    is and which submissions the folder held (``shard.record``), for ``grader.merge`` to check.
    A part may hold nobody; its folder is then written all the same, with no rows.
    ``course`` (``grader.course.Course``): the rows are the course's (``course_grades.apply``):
    matched to the roster, with a row for each rostered student who submitted nothing, the
    overrides and the late penalty. With ``shard`` too, a part's rows stay the submissions' own
    (a student's submissions may fall into different parts, and the course's rows need them all):
    the course is applied by ``grader.staff.merge``, and the shard record names it.
    """
    out = Path(out)
    if shard and only:
        raise ConfigError("--student regrades students in earlier grades and --shard grades a part of the "
                          "folder: give one of the two")
    if course is not None:
        from ..course.checks import check_files
        check_files(course, assignment, hidden)
    sandbox = sandbox_report(require_kernel_sandbox)
    submissions.check_folder(folder)  # before the lock makes any folder: a refused run writes nothing
    with previous.lock(out):
        sources, scratch = submissions.discover(folder, assignment)
        try:
            if course is not None and assignment.is_worksheet:  # who a sheet is: from everyone's names
                from ..course.grades import worksheet_identities
                worksheet_identities(course, assignment.name, folder, sources)
            record = None
            if shard:
                record = shard_record(shard, [s.name for s in sources], course=course.title if course else None)
                sources = [s for s in sources if shard.holds(s.name)]
            earlier = previous.check(assignment, out, [s.name for s in sources], only=only, replace=replace,
                                     seed=seed, hidden=hidden)
            if only:
                sources = [s for s in sources if s.name in set(only)]
            results = _grade_sources(assignment, sources, out, resume=resume, hidden=hidden, seed=seed,
                                     progress=progress, jobs=jobs)
        finally:
            submissions.cleanup(scratch)
        everyone = previous.merge(earlier, results) if only else results
        if course is not None and not shard:
            from ..course.grades import apply
            try:
                everyone = apply(course, assignment, everyone, folder)
            except ConfigError as e:
                raise ConfigError(f"{e}; every submission was graded: mend it and grade again with --resume "
                                  "to keep those grades") from None
        report.write(assignment, everyone, out, fingerprint=previous.fingerprint(assignment, seed, hidden),
                     hidden=submissions.hidden_entries(folder),
                     sandbox=sandbox, shard=record, examples=previous.bundled(assignment, folder))
        shutil.rmtree(staging_folder(out), ignore_errors=True)
    if course is not None:  # the course's rows: of these submissions (and, in a full run, of the absent)
        graded = {r.student for r in results}
        return [r for r in everyone if r.student in graded or (not only and r.roster.get("absent"))]
    return results


def sandbox_report(required: bool = False) -> dict:
    """The kernel layers this machine gives every worker: ``{"description": one line, layer: value, ...}``.

    ``required``: raise ``ConfigError`` unless the layers it names (``KernelLayers.layers()``;
    True: Landlock and seccomp) are all among them.
    """
    from ..sandbox import kernel
    layers = kernel.probe()
    missing = layers.missing(("landlock", "seccomp") if required is True else tuple(required or ()))
    if required and missing:
        raise ConfigError(f"--require-kernel-sandbox: this machine gives workers no {' and no '.join(kernel.LAYER_TITLES[m] for m in missing)} "
                          f"(it offers: {layers.describe()}); run the grader on Linux 5.13 or newer, in a "
                          "container that allows them, or drop the flag")
    return {"description": layers.describe(), **layers.as_dict()}


def _grade_sources(assignment: Assignment, sources: list[StudentSource], out: Path, *, resume: bool,
                   hidden: bool, seed: str, progress, jobs: int | None) -> list[StudentResult]:
    """Grade ``sources``, staging each result as it comes; return them in ``sources``' order.

    Every result is staged with this run's fingerprint; with ``resume``, the staged results kept
    are those ``_staged`` believes. A stop signal (``lifetime``) ends the run with nothing more staged."""
    staging = staging_folder(out)
    if not resume:
        shutil.rmtree(staging, ignore_errors=True)
    prepare(staging)  # the key exists before any shard signs with it
    fingerprint = previous.fingerprint(assignment, seed, hidden)
    done = _staged(assignment, staging, fingerprint, {s.name for s in sources}, hidden) if resume else {}

    def finished(result: StudentResult) -> None:
        if lifetime.stopping():
            return  # a submission cut short by the stop: graded again by --resume
        stage(staging, result, fingerprint)
        if progress:
            progress(result)

    try:
        todo = [s for s in sources if s.name not in done]
        if hasattr(progress, "begin"):
            progress.begin(len(sources), len(sources) - len(todo))
        if jobs is None:
            jobs = auto_jobs(len(todo))
        if assignment.is_worksheet:
            jobs = 1  # arithmetic in this process: more processes would only cost their start
        if jobs > 1 and len(todo) > 1:
            from ..grading import parallel
            done.update(parallel.grade(assignment, todo, staging, jobs=jobs, hidden=hidden, seed=seed,
                                       progress=progress, fingerprint=fingerprint))
            todo = [s for s in todo if s.name not in done]  # none, unless a shard lost one: graded here
        done.update(_in_process(assignment, todo, hidden=hidden, seed=seed, on_result=finished))
    finally:
        if hasattr(progress, "end"):
            progress.end()
    # Every student gets a row: one whose result went missing says so rather than vanish.
    return [done.get(s.name) or StudentResult(s.name, statuses.GRADER_ERROR, "the grader lost this submission's result; "
                                              "grade it again (--student)") for s in sources]


def _in_process(assignment: Assignment, todo: list[StudentSource], **how) -> dict[str, StudentResult]:
    """``run_session`` in this process; ``lifetime.Stopped`` when a stop signal ended its session
    (pytest ends a session on an interrupt, reports it as its exit code, and may fail tearing down
    the submission it cut short)."""
    try:
        graded = run_session(assignment, todo, **how)
    except Exception:
        if lifetime.stopping():
            raise lifetime.Stopped(lifetime.stopped_by()) from None
        raise
    if lifetime.stopping():
        raise lifetime.Stopped(lifetime.stopped_by())
    return graded


def _staged(assignment: Assignment, staging: Path, fingerprint: str, wanted: set[str],
            hidden: bool) -> dict[str, StudentResult]:
    """The results a stopped run staged that this one keeps, by student: signed with the staging
    folder's key, made with this run's ``fingerprint``, and rows this grading makes (``rows.problem``).
    The others, of the students this run grades, are removed to be graded again, and said once on stderr."""
    kept: dict[str, StudentResult] = {}
    tests = None
    dropped = 0
    for file in sorted(staging.glob("*.json")):
        result = read_staged(file, fingerprint)
        if result is not None and result.student not in wanted:
            continue  # a student this run does not grade: not its to judge
        if result is not None:
            tests = rows.expected_tests(assignment, hidden) if tests is None else tests
            if rows.problem(result, tests) is None:
                kept[result.student] = result
                continue
        file.unlink(missing_ok=True)
        dropped += 1
    if dropped:
        print(f"note: {dropped} result(s) staged in {staging}/ are not this run's to keep (made with another "
              "--seed, other tests, reference or rubric, or not by the grader): those students are graded again",
              file=sys.stderr)
    return kept
