"""A submission as discovery found it: plain data, handed from discovery to grading."""
from __future__ import annotations

from pathlib import Path


class StudentSource:
    """A submission as found on disk: a folder of files, or a reason it could not be read."""

    def __init__(self, name: str, path: Path | None, problem: str | None = None, notes=(),
                 status: str = "missing"):
        self.name, self.path, self.problem, self.notes = name, path, problem, list(notes)
        self.status = status  # the row's status when there is a problem: missing, or error
