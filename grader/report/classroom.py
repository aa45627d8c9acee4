"""GitHub Classroom: the runner step that the student release's autograding workflow calls.

Classroom's grading reporter (``classroom-resources/autograding-grading-reporter``)
reads one result per runner step: the step's ``result`` output, base64 of a JSON
object ``{version, status, max_score, tests: [{name, status, score, message, ...}]}``,
handed to it in the environment as ``<RUNNER ID IN CAPITALS>_RESULTS`` together with
``runners: id1,id2``. It adds up every test's ``score`` and every runner's
``max_score`` and reports ``Points X/Y`` on the check run, which Classroom reads.

Here each assignment is one runner: ``python -m grader classroom <assignment>``
runs the assignment's public tests (the handout's documented cases) on the
student's copy, prints the feedback and the ``Points X/Y`` line, and appends
``result=<base64>`` to ``$GITHUB_OUTPUT``. The points are the public points only:
hidden tests never go into a student repository; the course grades them with
``make grade`` (or Gradescope) on the collected repositories. The workflow itself
is written by ``grader.release`` (staff only).
"""
from __future__ import annotations

import base64
import json
import os
import re
import sys
from pathlib import Path

VERSION = 1
REPORTER = "classroom-resources/autograding-grading-reporter@v1"


def runner_id(name: str) -> str:
    """A step id for an assignment: letters, digits and underscores, not starting with a digit."""
    rid = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return rid if rid[:1].isalpha() or rid[:1] == "_" else f"a_{rid}"


def env_name(rid: str) -> str:
    """The variable the reporter reads a runner's result from."""
    return f"{rid.upper()}_RESULTS"


def max_score(assignment) -> float:
    return float(sum(g.public for g in assignment.groups))


DECIMALS = 4


def round_points(x: float) -> float:
    """Points as every file the kit hands to another platform writes them (Classroom's result,
    Gradescope's results.json, the LMS exports): to ``DECIMALS`` decimals, a whole number as an int."""
    x = round(float(x), DECIMALS)
    return int(x) if x == int(x) else x


_round = round_points


def result(assignment, student_result=None, error: str | None = None) -> dict:
    """The runner's result for one assignment: from the public checks' ``StudentResult``, or an error."""
    top = _round(max_score(assignment))
    if student_result is None:
        return {"version": VERSION, "status": "error", "max_score": top,
                "tests": [{"name": f"{assignment.name}: could not be checked", "status": "error", "score": 0,
                           "message": error or "the checks could not run", "test_code": "", "filename": "",
                           "line_no": 0, "duration": 0}]}
    tests = []
    for t in sorted(student_result.tests, key=lambda t: [g.name for g in assignment.groups].index(t.group)
                    if assignment.group(t.group) else 99):
        message = "\n\n".join(x for x in [t.message, *t.notes] if x)
        tests.append({"name": f"{t.group}: {t.title}", "status": "pass" if t.passed else "fail",
                      "score": _round(t.points), "message": message, "test_code": "", "filename": "",
                      "line_no": 0, "duration": int(round(t.seconds * 1000))})
    status = "pass" if tests and all(t["status"] == "pass" for t in tests) else "fail"
    return {"version": VERSION, "status": status, "max_score": top, "tests": tests}


def worksheet_result(assignment, folder: Path) -> dict:
    """The runner's result for a worksheet: its check, a test per step, worth no points (a sheet's
    points are given when it is graded, with error carried forward)."""
    from ..worksheet.grading import check, check_items
    text, _ = check(assignment, folder)
    print(text)
    items, problem = check_items(assignment, folder)
    if problem:
        return result(assignment, error=problem)
    tests = [{"name": f"{assignment.name}: {item['name']}", "status": "pass" if item["ok"] else "fail", "score": 0,
              "message": item["text"], "test_code": "", "filename": "", "line_no": 0, "duration": 0}
             for item in items]
    status = "pass" if tests and all(t["status"] == "pass" for t in tests) else "fail"
    return {"version": VERSION, "status": status, "max_score": 0, "tests": tests}


def encode(data: dict) -> str:
    return base64.b64encode(json.dumps(data, ensure_ascii=False).encode("utf-8")).decode("ascii")


def points_line(data: dict) -> str:
    """``Points X/Y`` as the reporter computes it for one runner."""
    total = _round(sum(t.get("score", 0) for t in data["tests"]))
    return f"Points {total}/{_round(data['max_score'])}"


RELEASE_DIGESTS = "release.json"  # in the release's grader/: each assignment's ``digest``, as released


def protected_files(assignment) -> list[Path]:
    """What decides the public points besides the student's code: assignment.yaml and every file of
    the public tests' folder (the tests and documented.json)."""
    files = [assignment.public_dir / "assignment.yaml"]
    tests = assignment.public_tests_dir
    if tests.is_dir():
        files += sorted(p for p in tests.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                        and p.suffix != ".pyc")
    return files


def digest(assignment) -> str:
    """SHA-256 of ``protected_files``, their places and contents, as 64 hex digits."""
    import hashlib
    h = hashlib.sha256()
    for f in protected_files(assignment):
        h.update(f.relative_to(assignment.public_dir).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def changed(assignment, expected: str | None = None) -> str | None:
    """Why the public checks of ``assignment`` are not the release's (a sentence), or None: against
    ``expected``, else the digest the release recorded in ``grader/release.json`` (none in the kit)."""
    if expected is None:
        try:
            recorded = json.loads((Path(__file__).resolve().parents[1] / RELEASE_DIGESTS).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        expected = recorded.get(assignment.name) if isinstance(recorded, dict) else None
        if not isinstance(expected, str):
            return None
    if digest(assignment) == expected:
        return None
    shown = ", ".join(f.relative_to(assignment.public_dir).as_posix() for f in protected_files(assignment))
    return (f"the public checks of {assignment.name} ({shown}) are not the release's: restore them "
            "(git checkout -- assignments/); the points count only the release's checks")


def main(name: str, path: Path | None = None, output: Path | None = None, expected: str | None = None) -> int:
    """Run the public checks of ``name`` on ``path``; print feedback and points; write the result.
    ``expected``: the ``digest`` the release's workflow carries; other checks than those score 0."""
    from .. import assignment as assignments
    from . import report
    from ..grading.session import run_session
    from ..source import StudentSource
    a = assignments.load(name)
    folder = (path or a.public_dir).resolve()
    try:
        if not folder.is_dir():
            raise FileNotFoundError(f"{folder}: no such folder (the assignment's files were moved or deleted?)")
        why = changed(a, expected)
        if why:
            raise ValueError(why)
        if a.is_worksheet:
            data = worksheet_result(a, folder)
        else:
            student = run_session(a, [StudentSource("your code", folder)], hidden=False)["your code"]
            print(report.feedback(a, student, public_only=True))
            data = result(a, student)
    except Exception as e:  # noqa: BLE001 - the reporter still needs this runner's result
        message = " ".join(f"{type(e).__name__}: {e}".split())
        print(f"error: the checks of {a.name} could not run: {message}", file=sys.stderr)
        data = result(a, error=message)
    line = points_line(data)
    print(line)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print(f"::notice title={a.name}::{line}")
    target = output or (Path(os.environ["GITHUB_OUTPUT"]) if os.environ.get("GITHUB_OUTPUT") else None)
    if target is None:
        print(f"result={encode(data)}")
    else:
        with open(target, "a", encoding="utf-8") as f:
            f.write(f"result={encode(data)}\n")
    return 0
