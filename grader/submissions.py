"""Finding the submissions of a course: one folder, or one .zip, per student."""
from __future__ import annotations

import shutil
import stat
import tempfile
import zipfile
from pathlib import Path

from .plugin import StudentSource

MAX_UNZIPPED = 100 * 2**20  # a zip that would unpack to more than this is refused
MAX_MEMBERS = 2000


def discover(folder: Path, modules) -> tuple[list[StudentSource], list[Path]]:
    """The submissions in ``folder``, sorted by student; also the temporary folders to remove later.

    A student is a sub-folder (its name is the student's) or a ``.zip`` (its
    stem is). Hidden entries are skipped. A zip that cannot be read safely
    becomes a submission with a ``problem`` instead of files.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder of submissions")
    sources, scratch = [], []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(".") or entry.name in ("expected.yaml", "__pycache__"):
            continue
        if entry.is_symlink():
            sources.append(StudentSource(entry.name, None, problem=f"{entry.name} is a symbolic link, not a folder"))
        elif entry.is_dir():
            sources.append(StudentSource(entry.name, _module_folder(entry, modules)))
        elif entry.suffix.lower() == ".zip":
            tmp = Path(tempfile.mkdtemp(prefix="grader-zip-"))
            scratch.append(tmp)
            try:
                _unzip(entry, tmp)
                sources.append(StudentSource(entry.stem, _module_folder(tmp, modules)))
            except (zipfile.BadZipFile, ValueError, OSError) as e:
                sources.append(StudentSource(entry.stem, None, problem=f"{entry.name} could not be unpacked: {e}"))
    return sources, scratch


def holds_code(folder: Path, modules) -> bool:
    """Whether ``folder`` holds one of the modules, or a notebook (which may hold them all)."""
    folder = Path(folder)
    if any((folder / f"{m}.py").is_file() for m in modules):
        return True
    return any(p.suffix.lower() == ".ipynb" and not p.name.startswith(".") and p.is_file()
               for p in folder.iterdir())


def _module_folder(folder: Path, modules) -> Path:
    """The folder holding the modules: the submission itself, or its only sub-folder."""
    if holds_code(folder, modules):
        return folder
    subdirs = [p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()
               and not p.name.startswith((".", "__"))]
    return subdirs[0] if len(subdirs) == 1 else folder


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
