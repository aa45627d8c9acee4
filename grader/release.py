"""The student release: starters, handouts, public tests, the engine, the check command, and
GitHub Classroom's autograding workflow (public checks only; no hidden test ever goes in)."""
from __future__ import annotations

import shutil
from pathlib import Path

from . import assignment as assignments, authoring, notebook, paths

STUDENT_MAKEFILE = """\
# Check your work: make check ASSIGNMENT=hw1_derivatives
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: check
check: $(VENV)/.installed
\t@test -n "$(ASSIGNMENT)" || (echo "usage: make check ASSIGNMENT=<name>; one of: $(notdir $(wildcard assignments/*))"; exit 2)
\t$(PY) -m grader check $(ASSIGNMENT)

$(VENV)/.installed: pyproject.toml
\t$(PYTHON) -m venv $(VENV)
\t$(PY) -m pip install --quiet $$($(PY) -m grader.requirements)
\ttouch $@
"""

STUDENT_README = """\
# Neural-network homework

Each folder of `assignments/` is one assignment: read its `README.md` (the
handout), fill in the functions of its starter module(s), then check your work:

    make check ASSIGNMENT=hw1_derivatives

The first run installs what it needs into `.venv/` (Python 3.10 or newer).
The check runs the public tests, the documented cases of the handout, and says
what passes and what is wrong with the rest. Grading also runs hidden tests on
random inputs, so a passing check is necessary, not sufficient.

If you prefer Jupyter, each assignment is also a notebook
(`assignments/<name>/<name>.ipynb`): the same handout and stubs, with check
cells. Save the notebook, then run a check cell (`grader.check()`): it grades
the saved notebook through the same checks and prints a short report.

Submit the module file(s) named in the assignment's `assignment.yaml` under
`modules` (for example `derivatives.py`), or the assignment's notebook. Hand in
your own code: importing an autograd library (torch, jax, tensorflow,
autograd) where the assignment forbids it scores zero for that module.
"""


def build(out: Path, names=None) -> Path:
    """Write the release of ``names`` (default: every assignment) to ``out`` and ``out``.zip;
    return the zip's path. It carries GitHub Classroom's workflow, which reports the public checks."""
    from . import classroom
    names = list(names or assignments.available())
    loaded = [assignments.load(name) for name in names]
    out = Path(out)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".*", "plots")  # plots: the hw4 CLI's output
    for a in loaded:
        name = a.name
        stale = authoring.build(a, check=True)
        if stale:
            raise assignments.ConfigError(f"{stale[0]}: stale; run `make assignments` before a release")
        shutil.copytree(a.public_dir, out / "assignments" / name, ignore=ignore)
        notebook.write_release(a, out / "assignments" / name)  # <name>.ipynb, from the same starters and handout
    shutil.copytree(paths.ROOT / "grader", out / "grader", ignore=ignore)
    shutil.copy(paths.ROOT / "pyproject.toml", out / "pyproject.toml")
    (out / "Makefile").write_text(STUDENT_MAKEFILE, encoding="utf-8")
    (out / "README.md").write_text(STUDENT_README, encoding="utf-8")
    workflow = out / ".github" / "workflows" / "classroom.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(classroom.workflow(loaded), encoding="utf-8")
    return Path(shutil.make_archive(str(out), "zip", root_dir=out.parent, base_dir=out.name))
