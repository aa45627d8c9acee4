"""The student release: starters, handouts, public tests, the engine, the check command, and
GitHub Classroom's autograding workflow (public checks only; no hidden test ever goes in)."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from .. import assignment as assignments, paths, requirements
from . import authoring
from ..report import classroom
from ..notebook import build as notebook_build
from ..worksheet import steps as worksheet

# The course staff's packages, never in a student release: these folders of grader/ stay behind
# whole, whatever modules they hold: staff/ (generating files from solutions/, the benchmarks,
# Gradescope's autograder, merging shards, and this module with Classroom's workflow) and
# course/ (course.yaml, a course's grades, its exports, the similarity report).
STAFF_PACKAGES = ("course", "staff")


def _engine_ignore(folder, names) -> set:
    """What of grader/ a release leaves out: caches, hidden files and the staff's packages."""
    top = Path(folder).resolve() == (paths.ROOT / "grader").resolve()
    return {n for n in names if n == "__pycache__" or n.endswith(".pyc") or n.startswith(".")
            or (top and n in STAFF_PACKAGES)}

STUDENT_MAKEFILE = """\
# Check your work: make check ASSIGNMENT=hw1_derivatives
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# ASSIGNMENT is data: taken as written and single-quoted for the shell.
override ASSIGNMENT := $(value ASSIGNMENT)
q = '$(subst ','\\'',$(1))'

.PHONY: check
check: $(VENV)/.installed
\t@test -n $(call q,$(ASSIGNMENT)) || (echo "usage: make check ASSIGNMENT=<name>; one of: $(notdir $(wildcard assignments/*))"; exit 2)
\t@$(PY) -m grader check $(call q,$(ASSIGNMENT)) || { s=$$?; test $$s -ne 1 || echo "make check: the failed checks are listed above; the 'Error 1' make prints next means only that"; exit $$s; }

$(VENV)/.installed: pyproject.toml
\t$(PYTHON) -m venv $(VENV)
\t$(PY) -m pip install --quiet $$($(PY) -m grader.requirements)
\ttouch $@
"""

STUDENT_README = """\
# Neural-network homework

Each folder of `assignments/` is one assignment ({assignments}): read its
`README.md` (the handout), fill in the functions of its starter module(s), then
check your work:

    make check ASSIGNMENT=hw1_derivatives

The first run installs what it needs into `.venv/` (Python 3.10 or newer).
The check runs the public tests, the documented cases of the handout, and says
what passes and what is wrong with the rest. Grading also runs hidden tests on
random inputs, so a passing check is necessary, not sufficient.

The check runs on Linux and macOS (its sandbox needs `os.fork`, `resource`
and `fcntl`; `make check` needs `make`). On Windows, use WSL: open an Ubuntu
(WSL) terminal in this folder and run `make check` there, or start Jupyter
there; Colab, which is Linux, runs the notebook's check too.

If you prefer Jupyter, each assignment is also a notebook
(`assignments/<name>/<name>.ipynb`): the same handout and stubs, with check
cells. Run its set-up cell once, save the notebook, then run a check cell
(`grader.check()`, or `grader.check("sigmoid")` for one function): it grades
the saved notebook through the same checks as `make check` and shows the
report. It needs no `make`: it uses `.venv/` when `make check` has made it,
else the notebook's own Python, and installs what that Python lacks (pytest,
pyyaml, ...) with pip, once, into `~/.cache/nngrader/`, leaving the
notebook's environment as it was. In Colab, upload this release's `.zip` to
the Files pane and the notebook with File > Upload notebook; the set-up cell
unpacks the zip, and the check grades the notebook as Colab holds it. When
the check cannot run, it says why in one line, and what to do.

Submit the module file(s) named in the assignment's `assignment.yaml` under
`modules`, or the assignment's notebook. Hand in
your own code: importing an autograd library (torch, jax, tensorflow,
autograd) where the assignment forbids it scores zero for that module.
"""


# What a student's `git add -A` must leave out: what `make check` and Jupyter make.
STUDENT_GITIGNORE = """\
.venv/
__pycache__/
*.pyc
.ipynb_checkpoints/
.pytest_cache/
grades/
dist/
"""


def build(out: Path, names=None) -> Path:
    """Write the release of ``names`` (default: every assignment) to ``out`` and ``out``.zip;
    return the zip's path. It carries GitHub Classroom's workflow, which reports the public checks.

    Everything is written beside ``out`` first and moved into place at the end, so a
    release that fails (a stale starter, say) leaves the previous one as it was.
    """
    names = list(names or assignments.available())
    loaded = [assignments.load(name) for name in names]
    for a in loaded:
        authoring.require_fresh(a, "a release")
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        tree = work / out.name
        _write_tree(tree, loaded, classroom_workflow(loaded))
        archive = Path(shutil.make_archive(str(work / out.name), "zip", root_dir=work, base_dir=out.name))
        old = work / "previous"
        if out.exists():
            os.rename(out, old)
        os.rename(tree, out)
        zip_path = out.with_name(out.name + ".zip")
        os.replace(archive, zip_path)
        return zip_path
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _for_release(text: str, loaded) -> str:
    """``text`` with its example command naming an assignment this release holds, and the README's
    list of them filled in."""
    names = [a.name for a in loaded]
    return (text.replace("ASSIGNMENT=hw1_derivatives", f"ASSIGNMENT={names[0]}")
            .replace("{assignments}", ", ".join(f"`{n}`" for n in names)))


def _write_tree(tree: Path, loaded, workflow: str) -> None:
    tree.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".*", "plots")  # plots: the hw4 CLI's output
    for a in loaded:
        shutil.copytree(a.public_dir, tree / "assignments" / a.name, ignore=ignore)
        if a.is_worksheet:
            # Students get their own sheets from the course (python -m grader worksheet); the release
            # carries the steps only when the worksheet's make check is to say whether each follows.
            if a.worksheet.get("check", "consistency") == "consistency":
                shutil.copy(a.solution_dir / worksheet.STEPS_FILE, tree / "assignments" / a.name)
            continue
        notebook_build.write_release(a, tree / "assignments" / a.name)  # <name>.ipynb, from the same starters and handout
    shutil.copytree(paths.ROOT / "grader", tree / "grader", ignore=_engine_ignore)
    shutil.copy(paths.ROOT / "pyproject.toml", tree / "pyproject.toml")
    (tree / "Makefile").write_text(_for_release(STUDENT_MAKEFILE, loaded), encoding="utf-8")
    (tree / "README.md").write_text(_for_release(STUDENT_README, loaded), encoding="utf-8")
    (tree / ".gitignore").write_text(STUDENT_GITIGNORE, encoding="utf-8")
    digests = {a.name: classroom.digest(a) for a in loaded}
    (tree / "grader" / classroom.RELEASE_DIGESTS).write_text(json.dumps(digests, indent=1) + "\n", encoding="utf-8")
    target = tree / ".github" / "workflows" / "classroom.yml"
    target.parent.mkdir(parents=True)
    target.write_text(workflow, encoding="utf-8")


def runner_script(a) -> list[str]:
    """A runner step's lines: the public checks, and, when Python cannot run them (the install
    step failed, the interpreter died), a ``result`` that says so with the assignment's maximum,
    so that the reporter still adds up the other steps' points (it reads every runner's result,
    and with one missing it posts none)."""
    fallback = classroom.encode(classroom.result(a, error="the checks could not start: this step's log says why "
                                                          "(did the install step fail?)"))
    return [f"python -m grader classroom {a.name} --digest {classroom.digest(a)} || {{",
            f"  echo \"error: the checks of {a.name} could not start (exit status $?); reporting 0 points\" >&2",
            f"  echo \"result={fallback}\" >> \"$GITHUB_OUTPUT\"",
            "}"]


def classroom_workflow(assignments_: list) -> str:
    """``.github/workflows/classroom.yml`` of a release holding ``assignments_`` (loaded)."""
    ids = [(a.name, classroom.runner_id(a.name)) for a in assignments_]
    if len({rid for _, rid in ids}) != len(ids):
        raise ValueError(f"two assignments share a runner id: {[rid for _, rid in ids]}")
    install = " ".join(f'"{r}"' for r in requirements.read())
    lines = [
        "# GitHub Classroom autograding: each assignment's public checks, reported as points.",
        "# Written by the kit's `make release` (grader/release.py). Hidden tests are never in",
        "# this repository: the course grades them after the deadline.",
        "name: Autograding Tests",
        "on: [push, workflow_dispatch, repository_dispatch]",
        "permissions:",
        "  checks: write",
        "  actions: read",
        "  contents: read",
        "jobs:",
        "  run-autograding-tests:",
        "    name: Autograding Tests",
        "    runs-on: ubuntu-latest",
        "    if: github.actor != 'github-classroom[bot]'",
        "    timeout-minutes: 30",
        "    steps:",
        "      - name: Checkout code",
        "        uses: actions/checkout@v4",
        "      - name: Set up Python",
        "        uses: actions/setup-python@v5",
        "        with:",
        "          python-version: \"3.11\"",
        "      - name: Install the checker's requirements",
        f"        run: python -m pip install --quiet --disable-pip-version-check {install}",
    ]
    for a, (name, rid) in zip(assignments_, ids):
        lines += [
            f"      - name: {name}",
            f"        id: {rid}",
            "        if: always()",
            "        shell: bash",
            "        run: |",
            *[f"          {line}" for line in runner_script(a)],
        ]
    lines += [
        "      - name: Autograding Reporter",
        "        if: always()",
        f"        uses: {classroom.REPORTER}",
        "        env:",
        *[f"          {classroom.env_name(rid)}: \"${{{{ steps.{rid}.outputs.result }}}}\"" for _, rid in ids],
        "        with:",
        f"          runners: {','.join(rid for _, rid in ids)}",
    ]
    return "\n".join(lines) + "\n"
