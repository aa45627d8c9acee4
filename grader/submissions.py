"""Finding the submissions of a course: one folder, or one .zip, per student.

Inside a submission the assignment's modules are looked for where students put
them: at its top, in ``assignments/<name>/`` (a repository made from the
student release, as GitHub Classroom collects them), or in the shallowest
folder that holds one (``locate``). Make grade and Gradescope use the same
rule. A module that is not there under its own name is never graded under
another; the reason says what was found instead (``found_instead``).
"""
from __future__ import annotations

import difflib
import os
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path

from .source import StudentSource

MAX_UNZIPPED = 100 * 2**20  # a zip that would unpack to more than this is refused
MAX_MEMBERS = 2000
MAX_SEARCH_DEPTH = 4  # how deep into a submission the modules are looked for
SKIPPED = ("expected.yaml", "__pycache__")  # beside the submissions, never a student


def discover(folder: Path, assignment) -> tuple[list[StudentSource], list[Path]]:
    """The submissions in ``folder``, sorted by student; also the temporary folders to remove later.

    A student is a sub-folder (its name is the student's) or a ``.zip`` (its
    stem is). Hidden entries are skipped. A zip that cannot be read safely, or
    two entries for one student (``carol/`` and ``carol.zip``), become a
    submission with a ``problem`` instead of files.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder of submissions")
    entries: dict[str, list[Path]] = {}
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(".") or entry.name in SKIPPED:
            continue
        if entry.is_dir() or entry.is_symlink():
            entries.setdefault(entry.name, []).append(entry)
        elif entry.suffix.lower() == ".zip":
            entries.setdefault(entry.stem, []).append(entry)
    sources, scratch = [], []
    for name in sorted(entries):
        found = entries[name]
        if len(found) > 1:
            both = " and ".join(p.name + ("/" if p.is_dir() else "") for p in found)
            sources.append(StudentSource(name, None, problem=f"{len(found)} submissions are named {name}: {both}; "
                                                             "keep one and grade again"))
            continue
        entry = found[0]
        if entry.is_symlink():
            sources.append(StudentSource(name, None, problem=f"{entry.name} is a symbolic link, not a folder"))
        elif entry.is_dir():
            sources.append(_source(name, entry, assignment))
        else:
            tmp = Path(tempfile.mkdtemp(prefix="grader-zip-"))
            scratch.append(tmp)
            try:
                _unzip(entry, tmp)
                sources.append(_source(name, tmp, assignment))
            except (zipfile.BadZipFile, ValueError, OSError) as e:
                sources.append(StudentSource(name, None, problem=f"{entry.name} could not be unpacked: {e}"))
    return sources, scratch


def _source(name: str, root: Path, assignment) -> StudentSource:
    folder, notes = locate(root, assignment)
    return StudentSource(name, folder or _only_subfolder(root), notes=notes)


def holds_code(folder: Path, modules) -> bool:
    """Whether ``folder`` holds one of the modules, or a notebook (which may hold them all)."""
    folder = Path(folder)
    if any((folder / f"{m}.py").is_file() for m in modules):
        return True
    return any(p.suffix.lower() == ".ipynb" and not p.name.startswith(".") and p.is_file()
               for p in folder.iterdir())


def holds_submission(folder: Path, assignment) -> bool:
    """Whether ``folder`` holds what the assignment grades: one of its modules or a notebook; for a
    worksheet, an answer file (``grader.worksheet_answers.ANSWER_FILES``) or a notebook."""
    if getattr(assignment, "is_worksheet", False):
        from .worksheet_answers import find
        return find(folder)[0] is not None
    return holds_code(folder, assignment.modules)


def locate(root: Path, assignment) -> tuple[Path | None, list[str]]:
    """The folder of a submission that holds the assignment's modules (None: none does), and notes.

    ``root`` itself; else ``assignments/<name>/`` (a repository made from the
    student release); else the shallowest folder holding one of the modules,
    at most ``MAX_SEARCH_DEPTH`` deep. Links are not followed. When several
    folders are equally near, the first by name is taken and a note says so.
    """
    root = Path(root)
    if holds_submission(root, assignment):
        return root, []
    in_release = root / "assignments" / assignment.name
    if in_release.is_dir() and not in_release.is_symlink() and holds_submission(in_release, assignment):
        return in_release, []
    found = []
    for dirpath, dirnames, _ in os.walk(root):
        depth = len(Path(dirpath).relative_to(root).parts)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__"
                             and depth < MAX_SEARCH_DEPTH)
        if depth and holds_submission(Path(dirpath), assignment):
            found.append((depth, dirpath))
    if not found:
        return None, []
    found.sort()
    chosen = Path(found[0][1])
    rivals = [Path(p).relative_to(root).as_posix() for d, p in found[1:] if d == found[0][0]]
    notes = [f"the code in {chosen.relative_to(root).as_posix()}/ was graded, not that in "
             f"{', '.join(r + '/' for r in rivals)}"] if rivals else []
    return chosen, notes


def _only_subfolder(folder: Path) -> Path:
    """Where a submission with no module anywhere keeps its files: its only sub-folder, or itself."""
    subdirs = [p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()
               and not p.name.startswith((".", "__"))]
    return subdirs[0] if len(subdirs) == 1 else folder


def found_instead(folder: Path, missing, modules) -> str:
    """What ``folder`` holds in place of the ``missing`` modules, for the reason of a row; "" when empty.

    ``found Derivatives.py: name it derivatives.py`` for each missing module that one
    file looks meant for (another case, an extra suffix, a similar name); else the
    files found. ``modules``: all the assignment's modules (never suggested for another).
    """
    folder = Path(folder)
    files = []
    for dirpath, dirnames, filenames in os.walk(folder):
        depth = len(Path(dirpath).relative_to(folder).parts)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__"
                             and depth < MAX_SEARCH_DEPTH)
        files += [(Path(dirpath) / f).relative_to(folder).as_posix() for f in sorted(filenames)
                  if not f.startswith(".")]
    taken = {f"{m}.py" for m in modules}
    hints = []
    for module in missing:
        meant = [f for f in files if Path(f).name not in taken and _looks_meant(Path(f).name, module)]
        if len(meant) == 1:
            hints.append(f"found {meant[0]}: name it {module}.py"
                         + (" at the top of the submission" if "/" in meant[0] else ""))
        elif meant:
            hints.append(f"found {', '.join(meant[:5])}: name the one to grade {module}.py")
    if hints or not files:
        return "; ".join(hints)
    return "found " + ", ".join(files[:8]) + (f" and {len(files) - 8} more" if len(files) > 8 else "")


def _looks_meant(name: str, module: str) -> bool:
    lower, stem = name.lower(), name.lower().split(".", 1)[0]
    if lower == f"{module}.py" or lower.startswith(f"{module}.py.") or stem == module:
        return True  # another case, an extra suffix (derivatives.py.txt) or another ending
    if not lower.endswith(".py") or stem.startswith("test"):
        return False
    common = len(os.path.commonprefix([stem, module]))
    return module in stem or common >= min(5, len(module)) or \
        difflib.SequenceMatcher(None, stem, module).ratio() >= 0.75


def _unzip(archive: Path, dest: Path) -> None:
    with zipfile.ZipFile(archive) as z:
        members = z.infolist()
        if len(members) > MAX_MEMBERS:
            raise ValueError(f"it holds {len(members)} files, more than {MAX_MEMBERS}")
        if sum(m.file_size for m in members) > MAX_UNZIPPED:
            raise ValueError(f"it would unpack to more than {MAX_UNZIPPED // 2**20} MB")
        for m in members:
            name = Path(m.filename)
            if name.is_absolute() or ".." in name.parts:
                raise ValueError(f"it holds a path outside the archive: {m.filename}")
            if stat.S_ISLNK(m.external_attr >> 16):
                continue  # links are never unpacked
            target = dest / name
            if m.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with z.open(m) as src, open(target, "wb") as out:
                shutil.copyfileobj(src, out)


def cleanup(scratch) -> None:
    for p in scratch:
        shutil.rmtree(p, ignore_errors=True)
