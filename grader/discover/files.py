"""Files handled with a submission's worst in mind: a zip unpacked within bounds (size, members,
depth, no links), and a tree removed whatever its modes and however deep it goes."""
from __future__ import annotations

import bz2
import contextlib
import lzma
import os
import stat
import struct
import zipfile
import zlib
from pathlib import Path

from ..text import student_name

MAX_UNZIPPED = 100 * 2**20  # a zip that would unpack to more than this is refused
MAX_MEMBERS = 2000
MAX_DEPTH = 32  # folders nested deeper than this in a submission (or a zip's member) are refused


_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate", zipfile.ZIP_BZIP2: "bzip2",
            zipfile.ZIP_LZMA: "lzma"}


# The end of the note on a zip member the unpacking left out: "<member> in <zip> is ... and was left out".
LEFT_OUT = "was left out"


def left_out_note(notes, file_name: str) -> str | None:
    """The note of ``_unzip`` that left a member called ``file_name`` out of the submission, if one did."""
    for note in notes:
        member, _, rest = note.partition(" in ")
        if rest and member.rsplit("/", 1)[-1] == file_name and LEFT_OUT in rest:
            return note
    return None


def _unzip(archive: Path, dest: Path) -> list[str]:
    """Unpack ``archive`` into ``dest``; return notes on the members left out: encrypted ones, those
    compressed in a way this grader does not read, damaged ones (each costs its own file only).
    ValueError says why the archive as a whole cannot be unpacked: a path outside it or too deep,
    too many members, or more bytes than declared or allowed. Links are never unpacked."""
    with zipfile.ZipFile(archive) as z:
        members = z.infolist()
        if len(members) > MAX_MEMBERS:
            raise ValueError(f"it holds {len(members)} files, more than {MAX_MEMBERS}")
        if sum(m.file_size for m in members) > MAX_UNZIPPED:
            raise ValueError(f"it would unpack to more than {MAX_UNZIPPED // 2**20} MB")
        left, notes = MAX_UNZIPPED, []
        for m in members:
            name = Path(m.filename)
            shown = student_name(m.filename[:200])
            if name.is_absolute() or ".." in name.parts or "\0" in m.filename:
                raise ValueError(f"it holds a path outside the archive: {shown}")
            if len(name.parts) > MAX_DEPTH:
                raise ValueError(f"{shown[:60]}… is nested {len(name.parts)} folders deep, more than {MAX_DEPTH}")
            if stat.S_ISLNK(m.external_attr >> 16):
                continue  # links are never unpacked
            if m.flag_bits & 0x1:
                notes.append(f"{shown} in {student_name(archive.name)} is encrypted and {LEFT_OUT}; "
                             "hand in the files without a password")
                continue
            if m.compress_type not in _METHODS:
                notes.append(f"{shown} in {student_name(archive.name)} is compressed with method "
                             f"{m.compress_type}, which this grader does not read "
                             f"({', '.join(_METHODS.values())} are), and {LEFT_OUT}")
                continue
            target = dest / name
            if m.is_dir():
                _make_dirs(dest, name.parts)
                continue
            if _inflates_past_header(z, m, left):
                raise ValueError(f"{shown} holds more than the {m.file_size:,} bytes its header declares")
            _make_dirs(dest, name.parts[:-1])
            try:
                with z.open(m) as src, open(target, "wb") as out:
                    left -= _copy_bounded(src, out, min(left, m.file_size), shown)
            except (zipfile.BadZipFile, EOFError, zlib.error, lzma.LZMAError, OSError) as e:
                # a damaged member (a wrong CRC, a cut stream) costs that file, not the others
                with contextlib.suppress(OSError):
                    target.unlink()
                why = " ".join(str(e).split())[:120] or type(e).__name__
                notes.append(f"{shown} in {student_name(archive.name)} is damaged ({why}) and {LEFT_OUT}")
    return notes


def _make_dirs(dest: Path, parts) -> None:
    """``dest/part/part/...`` made one level at a time (no recursion, whatever the depth)."""
    path = dest
    for part in parts:
        path = path / part
        if not path.is_dir():
            path.mkdir()


def _inflates_past_header(z: zipfile.ZipFile, m: zipfile.ZipInfo, limit: int) -> bool:
    """Whether the member's data holds more than its header's ``file_size`` (zipfile stops there and
    checks the CRC of what it read, so a lying header hides the rest). Stored, deflate and bzip2 are
    checked; the work is bounded by ``limit`` bytes of output."""
    if m.compress_type == zipfile.ZIP_STORED:
        return m.compress_size != m.file_size
    if m.compress_type not in (zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2):
        return False
    z.fp.seek(m.header_offset)
    local = z.fp.read(30)
    if len(local) < 30 or local[:4] != b"PK\x03\x04":
        return False  # zipfile itself refuses such a member when it opens it
    name_len, extra_len = struct.unpack("<HH", local[26:30])
    z.fp.seek(m.header_offset + 30 + name_len + extra_len)
    inflate = zlib.decompressobj(-15) if m.compress_type == zipfile.ZIP_DEFLATED else bz2.BZ2Decompressor()
    produced, left = 0, m.compress_size
    while left > 0 and produced <= m.file_size:
        chunk = z.fp.read(min(left, 1 << 16))
        if not chunk:
            break
        left -= len(chunk)
        try:
            produced += len(inflate.decompress(chunk, max(1, limit - produced + 1)))
        except (zlib.error, OSError, EOFError):
            return False  # a damaged stream: reading the member says so
        if produced > limit:
            return True
    return produced > m.file_size


def _copy_bounded(src, out, limit: int, shown: str) -> int:
    """Copy at most ``limit`` bytes; ValueError when the source holds more."""
    copied = 0
    while True:
        chunk = src.read(1 << 20)
        if not chunk:
            return copied
        copied += len(chunk)
        if copied > limit:
            raise ValueError(f"{shown} unpacks to more bytes than its header declares or than allowed")
        out.write(chunk)


def cleanup(scratch) -> None:
    for p in scratch:
        remove_tree(p)


def remove_tree(path) -> None:
    """Remove ``path`` and everything under it, never following a link; silent about what cannot go.

    One directory descriptor is open at a time and the walk goes back up through ``..``, so neither
    the depth of the folders (student code may nest thousands) nor the length of their paths can
    exhaust the stack, the descriptors or PATH_MAX.
    """
    path = os.fspath(path)
    try:
        if os.path.islink(path) or not os.path.isdir(path):
            os.unlink(path)
            return
        fd = os.open(path, _DIR_FLAGS)
    except OSError:
        return
    names: list[str] = []  # the folders from ``path`` down to where ``fd`` is
    try:
        while True:
            child = _first_folder_emptying(fd)
            if child is not None:
                try:
                    sub = os.open(child, _DIR_FLAGS, dir_fd=fd)
                except OSError:
                    os.chmod(child, 0o700, dir_fd=fd, follow_symlinks=False) if _can_chmod_at() else None
                    sub = os.open(child, _DIR_FLAGS, dir_fd=fd)
                os.close(fd)
                fd, names = sub, names + [child]
                continue
            if not names:
                break
            parent = os.open("..", _DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = parent
            try:
                os.rmdir(names[-1], dir_fd=fd)
            except PermissionError:  # read-only, as above
                os.fchmod(fd, 0o700)
                os.rmdir(names[-1], dir_fd=fd)
            names.pop()
    except OSError:
        pass
    finally:
        os.close(fd)
    with contextlib.suppress(OSError):
        os.rmdir(path)


_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)


def _first_folder_emptying(fd: int) -> str | None:
    """Unlink every non-folder in the directory ``fd``; return the name of a folder left in it, or None."""
    with os.scandir(fd) as it:
        entries = list(it)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            return entry.name
        try:
            os.unlink(entry.name, dir_fd=fd)
        except FileNotFoundError:
            pass
        except PermissionError:  # a folder its owner made read-only: make it writable again
            os.fchmod(fd, 0o700)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.name, dir_fd=fd)
    return None


def _can_chmod_at() -> bool:
    return os.chmod in os.supports_dir_fd
