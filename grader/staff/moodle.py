"""Moodle's "Upload multiple feedback files in a zip" (an assignment's grading page, the feedback
files plugin): the zip of each student's feedback, in the folders Moodle's importer matches.

Moodle's importer (mod/assign/feedback/file/importziplib.php, ``is_valid_filename_for_import``)
reads each file of the zip and splits each folder of its path at ``_`` (five pieces at most): a
folder of four pieces or more, ``<name>_<participant>_<plugin type>_<plugin>``, belongs to the
participant whose number is the second piece, when that participant is in the assignment and
the third and fourth name one of its plugins; whatever follows is the file's name. A file whose
name starts with ``.`` or ``~`` is skipped. The participant number is the assignment's own
(``get_uniqueid_for_user``): the number after "Participant" in the Identifier column of the
assignment's grading worksheet ("Download grading worksheet"), also in the folder names of its
downloaded submissions. So each folder here is ``<name>_<number>_assignfeedback_file/`` holding
``feedback.md``: the name with no ``_`` of its own (it would shift the pieces), the number from
the worksheet, found by the identity the course's ``moodle.csv`` uses (``moodle_id``: the
worksheet's "Email address", "ID number" or "Username" column against the roster's value).
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from pathlib import Path

from ..assignment import ConfigError
from ..course.course import Course, check_moodle_ids
from ..course.export import MOODLE_IDS

IDENTIFIER = "Identifier"  # the worksheet's column of participants (Moodle's string ``recordid``)
PLUGIN = "assignfeedback_file"  # the plugin whose files the zip's files become
MAX_WORKSHEET = 20 * 2**20  # bytes: a worksheet of 100,000 students is a few MB
MAX_NAME = 60  # characters of a student's name kept in their folder's name
_NUMBER = re.compile(r"\D*?(\d{1,18})")
_NOT_IN_NAME = re.compile(r"[^\w .'-]|_")  # \w keeps letters of any script; _ would shift the pieces


def read_worksheet(path: Path, identifier: str) -> dict[str, str]:
    """``{identity: participant number}`` from Moodle's grading worksheet at ``path``: each row's
    value in the column of ``identifier`` (``email``, ``idnumber`` or ``username``, compared as
    Moodle compares them: ``key``) and the number of its Identifier. ``ConfigError`` in one line
    naming the file when it is not such a worksheet, or when two rows share a number or a value."""
    path = Path(path)
    column = MOODLE_IDS[identifier]
    try:
        if path.stat().st_size > MAX_WORKSHEET:
            raise ConfigError(f"{path}: larger than {MAX_WORKSHEET // 2**20} MB, so it is not a grading worksheet")
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file (download it on the Moodle assignment's grading page: "
                          "Download grading worksheet)") from None
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise ConfigError(f"{path}: cannot be read as Moodle's grading worksheet: {' '.join(str(e).split())}") from None
    header = [h.strip() for h in rows[0]] if rows else []
    for wanted, why in ((IDENTIFIER, "the participants' numbers"),
                        (column, f"the course matches Moodle on {identifier} (moodle_id)")):
        if wanted not in header:
            raise ConfigError(f"{path}: no column {wanted!r} ({why}); its columns: {', '.join(header[:12]) or 'none'}")
    at, by = header.index(IDENTIFIER), header.index(column)
    found: dict[str, str] = {}
    lines: dict[str, dict[str, int]] = {"participant": {}, column: {}}
    for line, row in enumerate(rows[1:], 2):
        if len(row) <= max(at, by) or not row[at].strip():
            continue
        number = participant(row[at])
        if number is None:
            raise ConfigError(f"{path}, line {line}: {row[at][:40]!r} is no participant (Participant <number>)")
        value = key(row[by], identifier)
        if not value:
            continue
        for what, seen in (("participant", number), (column, value)):
            if seen in lines[what]:
                raise ConfigError(f"{path}, line {line}: the {what} {seen!r} is on line {lines[what][seen]} already")
            lines[what][seen] = line
        found[value] = number
    return found


def participant(cell: str) -> str | None:
    """The participant number of a worksheet's Identifier cell ("Participant 1234567", in any
    language: the digits at its end), without leading zeros; None when there are none."""
    m = _NUMBER.fullmatch(str(cell).strip())
    return str(int(m.group(1))) if m else None


def key(value: str, identifier: str) -> str:
    """A Moodle identity as Moodle compares it: email and username in any case, ID number exactly."""
    value = str(value or "").strip()
    return value.casefold() if identifier in ("email", "username") else value


def folder_name(name: str, number: str) -> str:
    """``<name>_<number>_assignfeedback_file``: the folder Moodle's importer gives to participant
    ``number``. The name is for people only (Moodle reads nothing of it): its ``_``, path
    separators and other signs become spaces, it is cut to ``MAX_NAME`` characters and never
    empty, so the folder is one path part of exactly four pieces."""
    text = _NOT_IN_NAME.sub(" ", unicodedata.normalize("NFC", str(name)))
    text = " ".join(text.split())[:MAX_NAME].strip(" .~'-")
    return f"{text or 'student'}_{number}_{PLUGIN}"


def members(course: Course, worksheet: dict[str, str], recipients, texts: dict[str, str],
            file_name: str) -> tuple[dict[str, str], list[str]]:
    """The zip's files, ``{path: text}``, one per rostered recipient with feedback (``texts``, by
    recipient key), and the recipients left out because the worksheet has no participant of theirs.
    ``ConfigError`` when the roster lacks a student's Moodle identity, as ``moodle.csv`` does."""
    check_moodle_ids(course.students, course.moodle_id, f"{file_name}: {course.file.name}")
    found, absent = {}, []
    for r in recipients:
        if r.key not in texts or r.student is None:
            continue
        number = worksheet.get(key(r.student.moodle(course.moodle_id), course.moodle_id))
        if number is None:
            absent.append(r.key)
            continue
        found[f"{folder_name(r.student.name or r.student.id, number)}/feedback.md"] = texts[r.key]
    return found, absent


def zip_bytes(files: dict[str, str]) -> bytes:
    """A zip of ``files`` (``{path: text}``), the same bytes for the same files: sorted, dated 1980."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, files[name].encode("utf-8"))
    return buf.getvalue()
