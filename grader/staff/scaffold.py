"""A new assignment (``python -m grader new NAME``, ``make new ASSIGNMENT=NAME``): a small one that
works as it is, written for its author to edit into their own.

The hand-written files are the templates in ``new_assignment/`` beside this module (data: a tanh
layer's forward/backward pair, its reference, documented case, handout, public and hidden tests,
mistakes and examples), with ``@ASSIGNMENT@`` replaced by the name; each place to edit says
``EDIT``. The generated files (starter, handout, documented cases, the ``reference`` and ``stubs``
examples) are then made as ``make assignments`` makes them. All of it is written in a folder of
its own inside the kit and moved into place at the end: a refusal or a failure leaves nothing
behind, and nothing that exists is overwritten.
"""
from __future__ import annotations

import keyword
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..assignment import ConfigError, load
from . import authoring

TEMPLATES = Path(__file__).with_name("new_assignment")
TOKEN = "@ASSIGNMENT@"
# Each top folder of TEMPLATES: where it goes in the kit, in a folder named after the assignment.
FOLDERS = {"assignments": ("assignments",), "solutions": ("solutions",), "examples": ("examples", "submissions")}
NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}")
KIT = ("Makefile", "assignments", "solutions")  # what the top of a kit checkout holds (a release has no solutions/)


@dataclass(frozen=True)
class Written:
    """What ``create`` wrote, paths relative to the kit's folder."""
    name: str
    edit: tuple      # the hand-written files, from the templates: the author's to edit
    generated: tuple  # what `make assignments` writes from solutions/<name>/


def check_name(name: str) -> None:
    """Raise ``ConfigError`` unless ``name`` can name an assignment's folders and modules."""
    if not NAME.fullmatch(name) or keyword.iskeyword(name):
        raise ConfigError(f"{name!r} cannot name an assignment: give a Python name, a letter and then letters, "
                          "digits or underscores (64 at most), as in tanh_layer")


def check_kit(root: Path) -> None:
    """Raise ``ConfigError`` unless ``root`` is the top of a kit checkout."""
    missing = next((n for n in KIT if not (root / n).exists()), None)
    if missing:
        raise ConfigError(f"{root} is not a kit checkout (no {missing} there): run this in the kit's own folder, "
                          "beside its Makefile")


def folders(name: str, root: Path) -> list[Path]:
    """The three folders of an assignment: assignments/<name>, solutions/<name>, examples/submissions/<name>."""
    return [root.joinpath(*where, name) for where in FOLDERS.values()]


def create(name: str, root: Path | None = None) -> Written:
    """Write the new assignment ``name`` into the kit at ``root`` (default: this kit); refuse, with
    ``ConfigError`` and nothing written, a bad name, a name already taken, or a folder not a kit's."""
    root = Path(root or paths.ROOT)
    check_name(name)
    check_kit(root)
    taken = next((f for f in folders(name, root) if f.exists() or f.is_symlink()), None)
    if taken:
        raise ConfigError(f"{taken.relative_to(root)}/ exists: {name} is taken, and nothing was written; "
                          "give another name")
    staging = Path(tempfile.mkdtemp(prefix=f".new-{name}-", dir=root))
    moved = []
    try:
        edit = _from_templates(name, staging)
        authoring.build(load(name, root=staging))
        for cache in list(staging.rglob("__pycache__")):  # the reference was imported to compute its numbers
            shutil.rmtree(cache)
        generated = sorted({p.relative_to(staging) for p in staging.rglob("*") if p.is_file()} - set(edit))
        for target in folders(name, root):
            if target.exists():  # made while this ran
                raise ConfigError(f"{target.relative_to(root)}/ appeared while {name} was written; nothing was written")
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(staging / target.relative_to(root), target)
            moved.append(target)
    except BaseException:  # what was moved is this run's own: a half-made assignment is worse than none
        for target in moved:
            shutil.rmtree(target, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Written(name, tuple(edit), tuple(generated))


def _from_templates(name: str, staging: Path) -> list[Path]:
    """Write every template into ``staging`` laid out as the kit; return their paths there, relative."""
    written = []
    for template in sorted(TEMPLATES.rglob("*.tmpl")):
        top, *rest = template.relative_to(TEMPLATES).parts
        rel = Path(*FOLDERS[top], name, *rest).with_suffix("")  # layers.py.tmpl -> layers.py
        (staging / rel).parent.mkdir(parents=True, exist_ok=True)
        (staging / rel).write_text(template.read_text(encoding="utf-8").replace(TOKEN, name), encoding="utf-8")
        written.append(rel)
    return written


def report(written: Written) -> str:
    """What ``create`` wrote and the commands to run next, for the terminal."""
    name = written.name
    lines = [f"new assignment {name}: a tanh layer that grades as it is; edit it into yours.",
             "wrote, to edit (each place to edit says EDIT):"]
    lines += [f"  {p.as_posix()}" for p in written.edit]
    lines.append(f"wrote, generated from solutions/{name}/ (`make assignments` writes them again):")
    lines += [f"  {p.as_posix()}" for p in written.generated]
    commands = [("make assignments", f"after each edit of solutions/{name}/: starter, handout, documented cases"),
                (f"make grade ASSIGNMENT={name}", f"grade examples/submissions/{name}/ as its expected.yaml says"),
                ("make test", "the kit's own checks, this assignment's among them")]
    width = max(len(c) for c, _ in commands)
    lines.append("next:")
    lines += [f"  {c:<{width}}  # {why}" for c, why in commands]
    lines.append(f"and, by hand: {name}'s finite-difference tests in tests/test_fd_integrity.py "
                 "(docs/authoring.md, \"Finite-difference tests\")")
    return "\n".join(lines)
