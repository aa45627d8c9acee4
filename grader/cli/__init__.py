"""``python -m grader``: the command line, what the Makefile calls.

May import: the core modules, notebook, worksheet, discover, sandbox, grading, report, course, runs, staff.
"""
from .commands import main

__all__ = ["main"]
