"""The statuses of a row in the score table: their names, their order of severity, their words.

A submission that met several problems gets the most severe one (``worst``): a rule broken
outranks code that would not load, which outranks a missing file, a limit reached or a crash.
``UNFINISHED``: nothing earned a point and functions still raise NotImplementedError (the
starter as released). ``GRADER_ERROR`` is the grader's own failure, never the student's.
"""
from __future__ import annotations

OK = "ok"
ERROR = "error"
MISSING = "missing"
TIMEOUT = "timeout"
MEMORY = "memory"
CRASHED = "crashed"
SANDBOX = "sandbox"
FORBIDDEN_IMPORT = "forbidden import"
UNFINISHED = "unfinished"
GRADER_ERROR = "grader error"

# Most severe first: the status a row gets when a submission met several.
SEVERITY = (FORBIDDEN_IMPORT, SANDBOX, ERROR, MISSING, MEMORY, TIMEOUT, CRASHED, UNFINISHED, OK)

# For students, in feedback: what each status means.
WORDS = {
    OK: "graded",
    ERROR: "the code could not be loaded",
    MISSING: "files are missing",
    TIMEOUT: "a time limit was reached",
    MEMORY: "the memory limit was reached",
    CRASHED: "the student's process died",
    SANDBOX: "the code tried something not allowed while grading",
    FORBIDDEN_IMPORT: "the code imports a library this assignment forbids",
    UNFINISHED: "nothing is implemented yet",
    GRADER_ERROR: "the grader itself failed on this submission; ask your instructor",
}

# A worker's reply names what went wrong while importing a module (its "kind"); the row's status.
IMPORT_KINDS = {"forbidden": FORBIDDEN_IMPORT, "memory": MEMORY, "missing": MISSING, "sandbox": SANDBOX}


def worst(seen) -> str:
    """The most severe of the statuses in ``seen`` (``ok`` when none)."""
    return next((s for s in SEVERITY if s in seen), OK)


def words(status: str) -> str:
    return WORDS.get(status, status)
