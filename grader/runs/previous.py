"""What a grading run owes the grades already in its output folder.

- ``lock``: one run at a time per output folder; a second one stops with a line naming the first.
- ``check``: a run never silently replaces grades it would lose. The grades of the kit's bundled
  example submissions (``bundled``) are no one's, and any run replaces them. A full run that would drop
  students the earlier one graded stops unless asked to ``replace``; a run of some students
  (``only``) needs earlier grades made by the same tests, rubric and seed to merge into.
- ``merge``: those students' new results in place of their old ones, everyone in a full run's order.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import socket
import sys
import time
from pathlib import Path

from ..assignment import Assignment, ConfigError
from ..results import StudentResult

SCORES = "scores.json"


class Busy(ConfigError):
    """Another run is grading into the same output folder."""


@contextlib.contextmanager
def lock(out: Path):
    """Hold the output folder ``out`` for this run; raise ``Busy`` naming the run that holds it."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    path = out.with_name(f".{out.name}.lock")
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read(fd)
            os.close(fd)
            raise Busy(f"{out}/ is being graded by another run ({holder}); wait for it to end, "
                       "or give this one another --out") from None
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # the holder removed the file between our open and our lock: take the new one
    try:
        os.ftruncate(fd, 0)
        os.write(fd, (f"pid {os.getpid()} on {socket.gethostname()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}"
                      f": {' '.join(['python', '-m', 'grader', *sys.argv[1:]])[:300]}").encode())
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)


def _read(fd: int) -> str:
    try:
        return os.pread(fd, 1000, 0).decode("utf-8", "replace").strip() or "it says nothing of itself"
    except OSError:
        return "it says nothing of itself"


def fingerprint(assignment: Assignment, seed: str, hidden: bool) -> str:
    """What decides a grade besides the submission, as 16 hex digits: the seed, whether hidden
    tests ran, and the content and place of every file of the assignment's solution folder (the
    reference and the hidden tests) and of its public folder (assignment.yaml, the public tests,
    misconceptions.yaml, data and helper modules), except what a submission replaces or no test
    reads: the starter modules, the handout (README.md), notebooks and hidden files."""
    digest = hashlib.sha256(f"{seed}\0{hidden}\0".encode())
    starters = {f"{m}.py" for m in assignment.modules}
    public = [p for p in assignment.public_dir.rglob("*") if p.is_file()
              and p.relative_to(assignment.public_dir).as_posix() not in starters | {"README.md"}
              and p.suffix != ".ipynb"]
    solution = list(assignment.solution_dir.rglob("*")) if assignment.solution_dir.is_dir() else []
    for f in sorted(public + [p for p in solution if p.is_file()]):
        rel = f.relative_to(assignment.public_dir.parent.parent)
        if "__pycache__" in rel.parts or f.suffix == ".pyc" or any(x.startswith(".") for x in rel.parts):
            continue
        digest.update(rel.as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


class Unreadable(ValueError):
    """A scores.json that cannot be read, or is no run's grades; ``str()`` says why. ``listless``: it is
    JSON, but holds no list of students."""

    def __init__(self, why: str, listless: bool = False):
        super().__init__(why)
        self.listless = listless


def load_scores(file: Path) -> dict:
    """``file``, a scores.json, read as data: a mapping with a list of students. ``FileNotFoundError``
    when there is none; ``Unreadable`` when it cannot be read or holds no list of students."""
    try:
        data = json.loads(Path(file).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise
    except RecursionError:
        raise Unreadable("its JSON is nested too deeply to be a run's grades") from None
    except (OSError, ValueError) as e:
        raise Unreadable(" ".join(str(e).split())) from None
    if not isinstance(data, dict) or not isinstance(data.get("students"), list):
        raise Unreadable("no list of students", listless=True)
    return data


def read(out: Path) -> dict | None:
    """The earlier run's scores.json in ``out``, or None when there is no earlier run."""
    file = Path(out) / SCORES
    if not Path(out).exists():
        return None
    try:
        return load_scores(file)
    except FileNotFoundError:
        raise ConfigError(f"{out}/ exists but holds no {SCORES}, so it is not an earlier run's grades; "
                          "it is not replaced unless you pass --replace") from None
    except Unreadable as e:
        raise ConfigError(f"{file}: cannot be read ({e}); the folder is not replaced unless you pass --replace") \
            from None


def check(assignment: Assignment, out: Path, names: list[str], *, only, replace: bool, seed: str,
          hidden: bool) -> dict[str, StudentResult]:
    """Whether this run may write ``out``; return the earlier results by student (empty: none to keep).

    A swap of ``out`` that a killed run left half done is finished first (``report.recover``), so
    the earlier grades are found wherever that run left them."""
    from ..report.report import recover
    recover(out)
    if only:
        unknown = [n for n in only if n not in set(names)]
        if unknown:
            raise ConfigError(f"no submission named {unknown[0]} among the {len(names)} found "
                              f"(first ones: {', '.join(names[:5])})")
        data = read(out)
        if data is None:
            raise ConfigError(f"--student merges into earlier grades, and {out}/ has none: grade everyone first")
        if data.get("fingerprint") != fingerprint(assignment, seed, hidden):
            raise ConfigError(f"{out / SCORES}: made with other tests, rubric or --seed than this run's, so one "
                              "student's new grade would not be comparable: grade everyone again")
        return results_of(data, out / SCORES, assignment, hidden=hidden)
    if replace:
        return {}
    data = read(out)
    if data is None or data.get("examples") is True:
        return {}
    kept = set(names)
    dropped = [str(s.get("student")) for s in data["students"] if s.get("student") not in kept
               and not (s.get("roster") or {}).get("absent")]  # a course's row of a student with no submission
    if dropped:
        shown = ", ".join(dropped[:5]) + (f" and {len(dropped) - 5} more" if len(dropped) > 5 else "")
        raise ConfigError(f"{out}/ holds grades of {len(dropped)} student(s) this run has no submission of "
                          f"({shown}); nothing was replaced: pass --replace to drop them, or --student NAME "
                          "to regrade some students only")
    return {}


def bundled(assignment: Assignment, folder: Path) -> bool:
    """Whether ``folder`` is the kit's own example submissions of ``assignment`` (``make grade``'s default)."""
    examples = assignment.public_dir.parent.parent / "examples" / "submissions" / assignment.name
    try:
        return Path(folder).resolve() == examples.resolve()
    except OSError:
        return False


def merge(earlier: dict[str, StudentResult], regraded: list[StudentResult]) -> list[StudentResult]:
    """Everyone of ``earlier`` with ``regraded`` in their place (or added), in a full run's order."""
    everyone = dict(earlier)
    everyone.update((r.student, r) for r in regraded)
    return [everyone[name] for name in sorted(everyone)]


def results_of(data: dict, file: Path, assignment: Assignment, *, hidden: bool,
               tests: dict | None = None) -> dict[str, StudentResult]:
    """The results a scores.json holds (``read``), by student, in its order, each checked to be a row
    this assignment's grading makes (``rows``); ``ConfigError`` in one line naming ``file`` otherwise.

    ``tests``: the assignment's tests (``rows.expected_tests``), when the caller has them already."""
    from ..grading import rows
    tests = rows.expected_tests(assignment, hidden) if tests is None else tests
    found: dict[str, StudentResult] = {}
    for entry in data["students"]:
        try:
            result = rows.from_entry(entry)
        except ValueError as e:
            raise ConfigError(f"{file}: {e}; nothing was written") from None
        wrong = rows.problem(result, tests) or rows.totals_problem(entry, result, assignment)
        if wrong is None and result.student in found:
            wrong = f"the student {rows.shown(result.student)} has two rows"
        if wrong:
            raise ConfigError(f"{file}: {wrong}; nothing was written")
        found[result.student] = result
    return found
