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
import lzma
import os
import tempfile
import zipfile
import zlib
from pathlib import Path

from ..source import StudentSource
from .files import MAX_DEPTH, MAX_MEMBERS, MAX_UNZIPPED, _copy_bounded, _unzip, cleanup, remove_tree
from ..text import same_name_key, student_name

MAX_SEARCH_DEPTH = 4  # how deep into a submission the modules are looked for
SKIPPED = ("expected.yaml", "__pycache__")  # beside the submissions, never a student


MAX_ENTRIES = 5000  # files and folders in one submission
ARCHIVES = (".tar", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar")


def check_folder(folder: Path) -> None:
    """Raise (one line) unless ``folder`` is a folder holding at least one entry that may be a submission."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder of submissions")
    if not any(not e.name.startswith(".") and e.name not in SKIPPED for e in folder.iterdir()):
        from ..assignment import ConfigError
        raise ConfigError(f"{folder}: no submissions in it (a sub-folder or a .zip per student); nothing was graded")


def hidden_entries(folder: Path) -> list[str]:
    """The names of ``folder``'s hidden entries (``.name``), which are never graded: the summary lists
    them, so that nothing handed in goes unmentioned."""
    return sorted(student_name(e.name) for e in Path(folder).iterdir()
                  if e.name.startswith(".") and e.name not in (".", ".."))


def discover(folder: Path, assignment) -> tuple[list[StudentSource], list[Path]]:
    """The submissions in ``folder``, sorted by student; also the temporary folders to remove later.

    A student is a sub-folder (its name is the student's) or a ``.zip`` (its
    stem is). Hidden entries are skipped. Every other top-level entry (a loose
    file, a link, a tar archive) gets a row that says what to hand in instead.
    A zip that cannot be read safely, a submission with a link that leaves it, or
    two entries one file system or person may take for one student (``carol/``
    and ``carol.zip``, ``Carol/``, the same name in another Unicode form) become
    a submission with a ``problem`` instead of files.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder of submissions")
    entries: dict[str, list[Path]] = {}
    for entry in sorted(folder.iterdir(), key=lambda p: os.fsencode(p.name)):
        if entry.name.startswith(".") or entry.name in SKIPPED:
            continue
        stem = entry.name[:-4] if entry.name.lower().endswith(".zip") else entry.name
        entries.setdefault(same_name_key(student_name(stem)), []).append(entry)
    sources, scratch = [], []
    for key in sorted(entries):
        found = entries[key]
        if len(found) > 1:
            names = sorted({student_name(p.name[:-4] if p.name.lower().endswith(".zip") else p.name)
                            for p in found})
            both = " and ".join(student_name(p.name) + ("/" if p.is_dir() and not p.is_symlink() else "")
                                for p in found)
            said = (f"{len(found)} submissions are named {names[0]}" if len(names) == 1 else
                    f"{len(found)} submissions may be one student's (names that differ only in case or "
                    "Unicode form are one name on macOS and Windows)")
            for name in names:
                sources.append(StudentSource(name, None, problem=f"{said}: {both}; keep one and grade again",
                                             status="error"))
            continue
        sources.append(_entry_source(found[0], assignment, scratch))
    sources.sort(key=lambda s: s.name)
    return sources, scratch


def _is_file(entry: Path) -> bool:
    return entry.is_file() and not entry.is_symlink()


def _entry_source(entry: Path, assignment, scratch: list) -> StudentSource:
    """One top-level entry of the submissions folder as a submission, or as a row saying what is wrong."""
    is_zip = entry.name.lower().endswith(".zip") and _is_file(entry)
    name = student_name(entry.name[:-4] if entry.name.lower().endswith(".zip") else entry.name)
    shown = student_name(entry.name)
    if entry.is_symlink():
        return StudentSource(name, None, problem=f"{shown} is a symbolic link; a submission is a folder "
                                                 "or a .zip of its own", status="error")
    if not entry.is_dir() and not is_zip:
        if not entry.is_file():
            what = "not a folder, a .zip or a file"
        elif entry.name.lower().endswith(ARCHIVES):
            what = "an archive this grader does not unpack: hand in a folder or a .zip"
        else:
            what = (f"a file at the top of the submissions folder: a submission is a folder or a .zip "
                    f"named after the student (put it in a folder {name}/)")
        return StudentSource(name, None, problem=f"{shown} is {what}", status="error")
    root = entry
    if is_zip:
        root = Path(tempfile.mkdtemp(prefix="grader-zip-"))
        scratch.append(root)
        try:
            unzip_notes = _unzip(entry, root)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, RuntimeError,
                NotImplementedError, zlib.error, lzma.LZMAError) as e:
            why = " ".join(str(e).split())[:300] or type(e).__name__
            if isinstance(e, (zipfile.BadZipFile, EOFError, zlib.error)):  # not a rule of ours: the file itself
                why += "; the file is damaged or cut short: ask for it again"
            return StudentSource(name, None, problem=f"{shown} could not be unpacked: {why}", status="error")
    problem, links = check_tree(root)
    if problem:
        return StudentSource(name, None, problem=f"{shown}: {problem}", status="error")
    notes = unzip_notes if is_zip else []
    if links:
        root, link_notes = _without_links(root, links, scratch)
        notes += link_notes
    source = _source(name, root, assignment)
    source.notes[:0] = notes
    return source


def check_tree(root: Path) -> tuple[str | None, list[str]]:
    """Why the files under ``root`` cannot be graded at all (None: they can), and the links among them.

    Refused: folders nested more than ``MAX_DEPTH`` deep, more than ``MAX_ENTRIES`` entries, an
    entry that cannot be read. The walk is iterative and stops at the first problem: its cost is
    bounded whatever the tree. Links are listed (relative to ``root``), never followed.
    """
    root = Path(root)
    stack, seen, links = [(os.fspath(root), 0)], 0, []
    while stack:
        path, depth = stack.pop()
        try:
            with os.scandir(path) as it:
                items = list(it)
        except OSError as e:
            return f"{_rel(path, root)} could not be read ({e.strerror or e})", links
        for item in items:
            seen += 1
            if seen > MAX_ENTRIES:
                return f"it holds more than {MAX_ENTRIES:,} files and folders", links
            if item.is_symlink():
                links.append(os.path.relpath(item.path, root))
            elif item.is_dir(follow_symlinks=False):
                if depth + 1 > MAX_DEPTH:
                    return f"its folders nest more than {MAX_DEPTH} deep", links
                stack.append((item.path, depth + 1))
    return None, links


def _without_links(root: Path, links: list[str], scratch: list) -> tuple[Path, list[str]]:
    """A copy of ``root`` in which no link is left, and a note for each link: a link to a file inside
    the submission becomes a copy of that file; any other link (out of the submission, to a folder,
    dangling) is left out, so that nothing downstream can follow one."""
    copy = Path(tempfile.mkdtemp(prefix="grader-unlinked-"))
    scratch.append(copy)
    top = os.path.realpath(root)
    notes = []
    for dirpath, dirnames, filenames in os.walk(root):  # depth bounded by check_tree
        rel = os.path.relpath(dirpath, root)
        for d in dirnames:
            if not os.path.islink(os.path.join(dirpath, d)):
                (copy / rel / d).mkdir()
        for f in filenames:
            source = os.path.join(dirpath, f)
            if not os.path.islink(source):
                _copy_file(source, copy / rel / f)
    for link in sorted(links):
        path = os.path.join(root, link)
        target = os.path.realpath(path)
        inside = target.startswith(top + os.sep)
        shown = student_name(link)
        if inside and os.path.isfile(target) and os.path.getsize(target) <= MAX_UNZIPPED:
            _copy_file(target, copy / link)
            continue
        where = "outside the submission" if not inside else "a folder" if os.path.isdir(target) else "nothing"
        notes.append(f"{shown} is a link to {student_name(os.readlink(path))} ({where}): it was not followed")
    return copy, notes


def _copy_file(source, dest: Path) -> None:
    """A regular file's bytes, read without following a link at its end."""
    try:
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return
    with os.fdopen(fd, "rb") as src, open(dest, "wb") as out:
        _copy_bounded(src, out, MAX_UNZIPPED, student_name(os.path.basename(source)))


def _rel(path, root: Path) -> str:
    return student_name(os.path.relpath(path, root)) if os.fspath(path) != os.fspath(root) else "the submission"


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
        from ..worksheet.answers import find
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
    if not files:
        return "its folder is empty"
    if hints:
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
