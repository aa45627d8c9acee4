"""A message of the command line in the words of whoever typed the command: the options it names
(``--replace``, ``--student NAME``) as the Makefile's variables (``REPLACE=1``, ``STUDENT=NAME``) when
the command came from ``make``."""
from __future__ import annotations

import os
import re

# Set by the Makefile on its own commands only. MAKELEVEL is not enough: make exports it to
# everything a recipe starts, so the kit's tests under `make test` would hear make's words.
VIA_MAKE = "NNGRADER_VIA_MAKE"

# An option, and the words a make user writes for it when the message gives no value of its own.
VARIABLES = {
    "replace": ("REPLACE", "1"), "resume": ("RESUME", "1"), "student": ("STUDENT", "<name>"),
    "out": ("OUT", "<folder>"), "shard": ("SHARD", "K/N"), "seed": ("SEED", "<salt>"),
    "assignment": ("ASSIGNMENT", "<name>"), "submissions": ("SUBMISSIONS", "<folder>"),
    "course": ("COURSE", "<course.yaml>"), "jobs": ("JOBS", "<n>"), "moodle-worksheet": ("MOODLE_WORKSHEET", "<file>"),
}
_OPTION = re.compile(r"--(" + "|".join(VARIABLES) + r")(?![\w-])"
                     r"(?: ([A-Z]+(?:/[A-Z]+)?|\d+/\d+)(?![\w/]))?")


def via_make() -> bool:
    """Whether this command was started by the kit's Makefile."""
    return bool(os.environ.get(VIA_MAKE))


def said(text: str) -> str:
    """``text`` with each option it names written as its make variable, when the command came from
    ``make``; ``text`` as it is otherwise."""
    if not via_make():
        return text

    def variable(m: re.Match) -> str:
        name, default = VARIABLES[m.group(1)]
        return f"{name}={m.group(2) or default}"
    return _OPTION.sub(variable, text)
