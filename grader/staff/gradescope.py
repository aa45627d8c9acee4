"""Gradescope: the autograder zip of an assignment, and what runs in Gradescope's container.

``build`` writes ``<out>/<assignment>.zip`` with, at its root, what Gradescope
asks for (``setup.sh``, ``run_autograder``) and what grading needs: the engine
(``grader/``), ``requirements.txt``, the assignment's public folder
(``assignments/<name>/``) and its solution folder (``solutions/<name>/``: the
reference and the hidden tests). The zip is for the course staff's Gradescope
account only: it holds the hidden tests.

In the container, ``run_autograder`` calls ``python -m grader.staff.gradescope``
(``run``): it finds the student's files in ``<root>/submission``, grades them
like ``make grade`` does, and writes ``<root>/results/results.json`` in
Gradescope's format. ``<root>`` is ``/autograder`` unless the environment sets
``AUTOGRADER_ROOT`` (the kit's tests run a simulated tree that way). A
results.json is always written: when the grader itself fails, it says so
with a score of 0; when Python cannot even start, ``run_autograder`` writes one.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import traceback
import zipfile
from pathlib import Path

from .. import paths, requirements
from ..discover import submissions

CONFIG = "gradescope.json"  # in the zip: which assignment, and the seed salt
DEFAULT_ROOT = "/autograder"

SETUP_SH = """\
#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder's image (Ubuntu).
# It makes a virtual environment at $AUTOGRADER_ROOT/venv (default /autograder/venv) with
# the grader's requirements; run_autograder uses it.
set -euo pipefail
SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="${AUTOGRADER_ROOT:-/autograder}"
if ! python3 -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends python3 python3-venv python3-pip
fi
python3 -c 'import sys; sys.exit(sys.version_info < (3, 10) and "the grader needs Python 3.10 or newer: choose a newer Ubuntu image")'
python3 -m venv "$ROOT/venv"
"$ROOT/venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$SOURCE/requirements.txt"
"$ROOT/venv/bin/python" -c "import numpy, pytest, yaml, tabulate, nbformat"
"""

RUN_AUTOGRADER = """\
#!/usr/bin/env bash
# Gradescope runs this for every submission (copied to /autograder/run_autograder, working
# folder /autograder). It always leaves results/results.json, whatever happens to the grader.
# AUTOGRADER_ROOT moves the whole tree (default /autograder); AUTOGRADER_PYTHON picks the
# Python (default: the venv that setup.sh made); AUTOGRADER_TIMEOUT caps a run (seconds).
ROOT="${AUTOGRADER_ROOT:-/autograder}"
RESULTS="$ROOT/results/results.json"
PY="${AUTOGRADER_PYTHON:-$ROOT/venv/bin/python}"
command -v "$PY" >/dev/null 2>&1 || PY=python3
mkdir -p "$ROOT/results"
rm -f "$RESULTS"
cd "$ROOT/source" && AUTOGRADER_ROOT="$ROOT" timeout --kill-after=10 "${AUTOGRADER_TIMEOUT:-1800}" \\
    "$PY" -m grader.staff.gradescope
status=$?
if [ "$status" -ne 0 ] || [ ! -s "$RESULTS" ]; then
    echo "run_autograder: the grader stopped with exit status $status; writing a results.json that says so" >&2
    cat > "$RESULTS" <<JSON
{"score": 0, "output_format": "text", "output": "The autograder stopped before it could grade this submission (exit status $status). Nothing is wrong with your score on purpose: please tell your course staff, who can see the details.", "visibility": "visible", "stdout_visibility": "hidden", "tests": [], "extra_data": {"status": "grader error", "exit_status": $status}}
JSON
fi
exit 0
"""


def build(assignment, out: Path, *, seed: str = "", course=None) -> Path:
    """Write Gradescope's autograder zip of ``assignment`` into ``out``; return the zip's path.
    ``course`` (a worksheet's): its roster's ``{email: id}`` go in the zip, so that a sheet is graded on
    the numbers of its submitter's roster id, the one stable name its sheet was made for."""
    from . import authoring
    from ..assignment import ConfigError
    if assignment.is_worksheet:
        from ..worksheet.steps import STEPS_FILE
        if not (assignment.solution_dir / STEPS_FILE).is_file():
            raise ConfigError(f"{assignment.solution_dir / STEPS_FILE}: the worksheet's steps are missing "
                              "(is this a student release?)")
    elif not assignment.hidden_tests_dir.is_dir():
        raise ConfigError(f"{assignment.hidden_tests_dir}: no hidden tests (is this a student release?)")
    for module in assignment.modules:
        if not (assignment.solution_dir / f"{module}.py").is_file():
            raise ConfigError(f"{assignment.solution_dir / (module + '.py')}: the reference solution is missing")
    authoring.require_fresh(assignment, "building the autograder")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{assignment.name}.zip"
    tmp = target.with_name(f".{target.name}.tmp")
    files: list[tuple[str, Path | bytes, int]] = [
        ("setup.sh", SETUP_SH.encode(), 0o755),
        ("run_autograder", RUN_AUTOGRADER.encode(), 0o755),
        ("requirements.txt", ("\n".join(requirements.read()) + "\n").encode(), 0o644),
        (CONFIG, json.dumps({"assignment": assignment.name, "seed": seed,
                             "students": roster_ids(course) if course is not None and assignment.is_worksheet
                             else {}}).encode(), 0o644),
    ]
    from .scaffold import TEMPLATES  # a new assignment's templates: nothing an autograder runs
    for folder, prefix in ((paths.ROOT / "grader", "grader"),
                           (assignment.public_dir, f"assignments/{assignment.name}"),
                           (assignment.solution_dir, f"solutions/{assignment.name}")):
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder)
            if path.is_file() and not any(p.startswith(".") or p == "__pycache__" for p in rel.parts) \
                    and path.suffix != ".pyc" and TEMPLATES not in path.parents:
                files.append((f"{prefix}/{rel.as_posix()}", path, 0o644))
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for name, content, mode in files:
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                info.external_attr = (0o100000 | mode) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, content if isinstance(content, bytes) else content.read_bytes())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)  # a zip cut short is never left behind
    return target


# -- in Gradescope's container ------------------------------------------------------------

def error_results(message: str, detail: str = "") -> dict:
    """results.json for a submission the grader could not grade."""
    return {"score": 0.0, "execution_time": 0.0, "visibility": "visible", "stdout_visibility": "hidden",
            "output_format": "text",
            "output": f"The autograder could not grade this submission: {message}. "
                      "Please tell your course staff; they can see the details.",
            "tests": [], "extra_data": {"status": "grader error", "error": message, "detail": detail[-4000:]}}


def roster_ids(course) -> dict:
    """``{email in lower case: roster id}`` of a course's students (those with an email)."""
    return {s.email.casefold(): s.id for s in course.students if s.email}


def student_name(root: Path, students: dict | None = None) -> str:
    """Who submitted, from Gradescope's submission_metadata.json: the first user's email (or id);
    with ``students`` (``roster_ids``), the roster id of that email when the roster has it.

    The name seeds the student's random cases (a worksheet's numbers), as a folder name does for
    ``make grade``; without metadata it is ``submission``.
    """
    try:
        users = json.loads((root / "submission_metadata.json").read_text(encoding="utf-8")).get("users") or []
        user = users[0]
        name = str(user.get("email") or user.get("id") or "").strip()
    except (OSError, ValueError, AttributeError, IndexError, TypeError):
        name = ""
    name = (students or {}).get(name.casefold(), name)
    name = name.replace("/", "_").replace("\\", "_").lstrip(".")
    return name or "submission"


def prepare(submission: Path, assignment, students: Path, name: str) -> None:
    """Lay the submission out in ``students`` as ``make grade`` expects: one folder (or zip) named ``name``.

    The folder is the whole submission, so that ``make grade`` finds the modules in it by the
    same rule (``submissions.locate``); a submission that is one zip and nothing else is that zip.
    """
    students.mkdir(parents=True, exist_ok=True)
    if submission.is_dir():
        problem, _ = submissions.check_tree(submission)  # before any copy: its depth and size are bounded
        if problem:
            raise ValueError(f"the submission cannot be graded: {problem}")
    entries = [p for p in submission.iterdir() if not p.name.startswith(".")] if submission.is_dir() else []
    folder, _ = submissions.locate(submission, assignment) if submission.is_dir() else (None, [])
    if folder is None and len(entries) == 1 and entries[0].suffix.lower() == ".zip" and entries[0].is_file():
        shutil.copyfile(entries[0], students / f"{name}.zip")  # unpacked (safely) by submissions.discover
        return
    dest = students / name
    if not submission.is_dir():
        dest.mkdir()  # graded as it is: the row says which files are missing
        return
    shutil.copytree(submission, dest, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", ".git"))


def grade(root: Path) -> dict:
    """Grade ``<root>/submission``; return its results.json (raises when the grader fails)."""
    from .. import assignment as assignments
    from ..report import report
    from ..runs import run
    source = root / "source"
    config = json.loads((source / CONFIG).read_text(encoding="utf-8"))
    a = assignments.load(config["assignment"], root=source)
    with tempfile.TemporaryDirectory(prefix="gradescope-") as tmp:
        students = Path(tmp) / "submissions"
        name = student_name(root, config.get("students") or {})
        prepare(root / "submission", a, students, name)
        results = run.grade(a, students, Path(tmp) / "out" / a.name, seed=config.get("seed", ""), jobs=1)
        if len(results) != 1:
            raise RuntimeError(f"expected one graded submission, got {len(results)}")
        print(report.table(a, results, "github"))
        return for_gradescope(report.gradescope(a, results[0], run.sandbox_report()))


def for_gradescope(data: dict) -> dict:
    """results.json as Gradescope renders it: the top-level ``output`` as plain text (its default,
    ``simple_format``, is HTML, where a ``<module>`` in a reason would vanish), and every score
    rounded as every file the kit hands to another platform rounds it (``classroom.round_points``)."""
    from ..report.classroom import round_points
    data = {**data, "output_format": "text", "score": round_points(data.get("score", 0))}
    data["tests"] = [{**t, "score": round_points(t["score"])} if "score" in t else t for t in data.get("tests", [])]
    return data


def write_results(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, indent=1, ensure_ascii=False, allow_nan=False)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def run(root: Path | None = None) -> int:
    """Gradescope's entry point: grade the submission and write results.json, whatever happens."""
    root = Path(root or os.environ.get("AUTOGRADER_ROOT") or DEFAULT_ROOT)
    results_file = root / "results" / "results.json"
    try:
        data = grade(root)
        write_results(results_file, data)
    except Exception as e:  # noqa: BLE001 - any failure of the grader still gets its results.json
        detail = traceback.format_exc()
        print(detail, file=sys.stderr)
        message = " ".join(f"{type(e).__name__}: {e}".split())[:500]
        write_results(results_file, error_results(message, detail))
    return 0


if __name__ == "__main__":
    raise SystemExit(run())
