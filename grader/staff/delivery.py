"""Each student's feedback to send outside Gradescope, from grades already graded (an assignment's
grades folder, or a course's), in the forms a course sends (docs/feedback.md), into
``<out>/<assignment>/`` (default ``<out>``: the grades' ``feedback/`` folder):

- ``students/<student>/feedback.md``: a folder per student who handed something in, named by their
  roster id under a course, else by their submission's name;
- ``mail-merge.csv``: a row per student (``COLUMNS``): their e-mail (from the course's roster),
  name, the assignment, points, a subject line and the path of their feedback; a student who
  handed nothing in has a row saying so, with no feedback;
- ``moodle.zip``: Moodle's "Upload multiple feedback files in a zip" (``moodle``), with a course
  and the assignment's grading worksheet.

A grades folder is data. Its scores.json is read as ``merge`` reads a shard's: every row checked
to be one this assignment's grading makes (``previous.results_of``: a plain student name, the
assignment's tests within their points, totals that add up), and each feedback is written from
its checked row by ``report.feedback``, the writer of every feedback.md: no file of the folder is
copied, so none can bring in a link or another student's text. A name that is no plain file name
is refused (as ``report.write`` refuses it), and so are two that macOS or Windows take for one.
Everything is made before anything is written; each assignment's folder is replaced whole.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .. import assignment as assignments, paths
from ..assignment import Assignment, ConfigError
from ..course.course import Course, Student
from ..grading.rows import name_problem, shown
from ..report import report
from ..report.classroom import round_points
from ..results import StudentResult
from ..runs import previous
from ..text import csv_cell, same_name_key
from . import moodle

FEEDBACK = "feedback.md"
MAIL_MERGE = "mail-merge.csv"
MOODLE_ZIP = "moodle.zip"
NO_SUBMISSION = "no submission"
COLUMNS = ("student", "name", "email", "assignment", "title", "points", "max", "status", "subject", "feedback_file")


@dataclass(frozen=True)
class Recipient:
    """A student to send feedback to: ``key`` names their folder (the roster id under a course, else
    the submission's name); ``result`` is their checked row, None when they handed nothing in."""
    key: str
    result: StudentResult | None = None
    student: Student | None = None
    excused: bool = False  # by an override of the course, with or without a submission

    @property
    def status(self) -> str:
        if self.excused:
            return "excused"
        return self.result.status if self.result is not None else NO_SUBMISSION


@dataclass
class Delivery:
    """One assignment's feedback, made and checked, ready to be written to ``folder``."""
    assignment: Assignment
    folder: Path
    recipients: list
    texts: dict  # recipient key -> their feedback
    skipped: list = field(default_factory=list)  # "name (why)" of each row that goes to nobody
    zip_files: dict | None = None  # moodle.zip's {path: text}; None: no zip
    not_in_moodle: list = field(default_factory=list)  # keys with feedback but no participant number


def grade_folders(grades: Path | None, names: list[str], course: Course | None) -> tuple[list, list[str]]:
    """The grades folders to read, ``[(folder, assignment or None)]``, and a note for each course
    assignment not graded yet. ``grades`` is an assignment's folder (it holds scores.json) or the
    folder of them (default: the course's, else grades/)."""
    if grades is not None and (Path(grades) / previous.SCORES).is_file():
        if len(names) > 1:
            raise ConfigError(f"{grades}: is one assignment's grades; name one assignment at most")
        return [(Path(grades), names[0] if names else None)], []
    if course is not None:
        from ..course.course import grades_folder
        root = Path(grades) if grades is not None else grades_folder(course)
        wanted = names or list(course.assignments)
        unknown = [n for n in wanted if n not in course.assignments]
        if unknown:
            raise ConfigError(f"{course.file}: the course has no assignment {unknown[0]!r} (its assignments: "
                              f"{', '.join(course.assignments)})")
        found = [(root / n, n) for n in wanted if (root / n / previous.SCORES).is_file()]
        notes = [f"{n}: not graded yet ({root / n / previous.SCORES} does not exist): left out"
                 for n in wanted if (root / n, n) not in found]
        if not found:
            raise ConfigError(f"{course.file}: none of its assignments has grades in {root}/: grade it first")
        return found, notes
    if not names:
        raise ConfigError("feedback: give an assignment, an assignment's grades folder (--grades) or --course")
    root = Path(grades) if grades is not None else paths.GRADES
    return [(root / Path(n).name, n) for n in names], []


def read_grades(folder: Path, name: str | None = None) -> tuple[Assignment, list[StudentResult]]:
    """The assignment and the checked rows of the grades in ``folder``; ``ConfigError`` in one line
    naming the file when they are not a run's grades of that assignment (``name``, else the one
    its scores.json names, which must be one of the kit's)."""
    folder = Path(folder)
    file = folder / previous.SCORES
    try:
        data = previous.load_scores(file)
    except FileNotFoundError:
        raise ConfigError(f"{folder}: holds no {previous.SCORES}, so it is no assignment's grades (grade it first)") \
            from None
    except previous.Unreadable as e:
        raise ConfigError(f"{file}: holds no list of students, so it is not a run's grades" if e.listless
                          else f"{file}: cannot be read as a run's grades ({str(e)[:200]})") from None
    said = data.get("assignment")
    if name is None:
        if said not in assignments.available():
            raise ConfigError(f"{folder / previous.SCORES}: grades of {shown(said)}, none of the kit's assignments")
        name = said
    a = assignments.load(name)
    if said != a.name:
        raise ConfigError(f"{folder / previous.SCORES}: grades of {shown(said)}, not of {a.name}")
    return a, list(previous.results_of(data, folder / previous.SCORES, a, hidden=True).values())


def recipients(results: list[StudentResult], course: Course | None) -> tuple[list[Recipient], list[str]]:
    """Who gets feedback: under a course, every rostered student in the roster's order, with the
    row the grading under the course gave them (by its roster id; for grades made without the
    course, by the submission's name) or none, and the rows of nobody on the roster skipped;
    without a course, every row, named by its submission."""
    if course is None:
        return [Recipient(r.student, None if r.roster.get("absent") else r, None, bool(r.roster.get("excused")))
                for r in results], []
    rows: dict[str, StudentResult] = {}
    skipped = []
    under_course = any(r.roster for r in results)  # else graded without it: each row by its name
    for r in results:
        sid = r.roster.get("id")
        s = course.student(sid) if sid else None if under_course else course.student(r.student)
        if s is None:
            why = next((n for n in r.notes if n.startswith("another submission of ")), "not on the roster")
            skipped.append(f"{r.student} ({why})")
        elif s.id not in rows or not r.roster.get("absent"):
            rows[s.id] = r
    found = []
    for s in course.students:
        r = rows.get(s.id)
        found.append(Recipient(s.id, None if r is None or r.roster.get("absent") else r, s,
                               r is not None and bool(r.roster.get("excused"))))
    return found, skipped


def check_names(found: list[Recipient]) -> None:
    """Refuse a folder name that is no plain file name (it could leave the output folder) and two
    that macOS or Windows take for one, in one line naming the roster row or the row."""
    seen: dict[str, Recipient] = {}
    for r in found:
        who = r.student.label() if r.student is not None else f"the row of {shown(r.key)}"
        wrong = name_problem(r.key)
        if wrong:
            raise ConfigError(f"{who}: the name {shown(r.key)} {wrong}: it cannot name the student's folder")
        other = seen.setdefault(same_name_key(r.key), r)
        if other is not r:
            raise ConfigError(f"{who}: {shown(r.key)} and {shown(other.key)} would share one folder on macOS and "
                              "Windows: keep one of the two submissions and grade again")


def subject(title: str, course: Course | None) -> str:
    """The e-mail's subject line."""
    return f"{course.title}: {title}, your feedback" if course is not None else f"{title}: your feedback"


def mail_merge_csv(d: Delivery, course: Course | None) -> str:
    """``COLUMNS``, a row per recipient; every text cell a spreadsheet would run is escaped
    (``text.csv_cell``); points are numbers. ``feedback_file`` is the absolute path of the
    student's feedback.md, empty when they handed nothing in."""
    title = _title(d.assignment, course)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in d.recipients:
        s = r.student
        points = "" if r.result is None else round_points(r.result.total)
        file = str((d.folder / "students" / r.key / FEEDBACK).resolve()) if r.key in d.texts else ""
        w.writerow([csv_cell(x) for x in (r.key, s.name if s else "", s.email if s else "", d.assignment.name,
                                          title, points, round_points(d.assignment.max_points), r.status,
                                          subject(title, course), file)])
    return buf.getvalue()


def prepare(folder: Path, name: str | None, course: Course | None, out: Path | None,
            worksheet: Path | None = None) -> Delivery:
    """One assignment's feedback from the grades in ``folder``, made and checked, nothing written.
    ``out``: the feedback folder (default: ``feedback/`` beside the assignment's grades);
    ``worksheet``: Moodle's grading worksheet of the assignment, for moodle.zip (needs ``course``)."""
    a, results = read_grades(folder, name)
    found, skipped = recipients(results, course)
    check_names(found)
    d = Delivery(a, Path(out or Path(folder).parent / "feedback") / a.name, found,
                 {r.key: report.feedback(a, r.result) for r in found if r.result is not None}, skipped)
    if worksheet is not None:
        if course is None:
            raise ConfigError("--moodle-worksheet needs --course: Moodle's participants are found by the "
                              "roster's identity of each student (moodle_id)")
        numbers = moodle.read_worksheet(worksheet, course.moodle_id)
        d.zip_files, d.not_in_moodle = moodle.members(course, numbers, found, d.texts, MOODLE_ZIP)
    return d


def write(d: Delivery, course: Course | None) -> None:
    """Write ``d`` into its folder, which is replaced whole: built beside it, then renamed. A folder
    there that this command did not write (it holds files but no mail-merge.csv) is refused."""
    folder = d.folder
    _check_out(folder)
    new, old = folder.with_name(f".{folder.name}.new"), folder.with_name(f".{folder.name}.old")
    for f in (new, old):
        _remove(f)
    new.mkdir(parents=True)
    try:
        for key, text in d.texts.items():
            (new / "students" / key).mkdir(parents=True)
            (new / "students" / key / FEEDBACK).write_text(text, encoding="utf-8")
        if d.zip_files is not None:
            (new / MOODLE_ZIP).write_bytes(moodle.zip_bytes(d.zip_files))
        (new / MAIL_MERGE).write_text(mail_merge_csv(d, course), encoding="utf-8")
    except BaseException:
        _remove(new)
        raise
    if folder.exists():
        os.rename(folder, old)
    os.rename(new, folder)
    _remove(old)


def deliver(course: Course | None, grades: Path | None, names: list[str], out: Path | None,
            worksheet: Path | None = None) -> tuple[list[Delivery], list[str]]:
    """Every assignment's feedback made (and checked) first, then written; the deliveries and the
    notes to print."""
    folders, notes = grade_folders(grades, names, course)
    if worksheet is not None and len(folders) != 1:
        raise ConfigError("--moodle-worksheet is one assignment's: name that one assignment")
    made = [prepare(folder, name, course, out, worksheet) for folder, name in folders]
    for d in made:
        _check_out(d.folder)
    for d in made:
        write(d, course)
    return made, notes


def lines(d: Delivery) -> list[str]:
    """What the command prints of one delivery: what it wrote and where, and who gets nothing."""
    absent = [r.key for r in d.recipients if r.result is None]
    said = [f"{d.assignment.name}: {d.folder}/",
            f"  students/<student>/{FEEDBACK}: {len(d.texts)} folder(s), one per student with a submission",
            f"  {MAIL_MERGE}: {len(d.recipients)} row(s), one per student: e-mail, points, subject, feedback file"]
    if d.zip_files is not None:
        said.append(f"  {MOODLE_ZIP}: {len(d.zip_files)} student(s), for Moodle's \"Upload multiple feedback "
                    "files in a zip\"")
    if absent:
        said.append(f"  no submission (a row in {MAIL_MERGE} saying so, no folder): {_listed(absent)}")
    if d.not_in_moodle:
        said.append(f"  not in {MOODLE_ZIP} (no participant of theirs in the worksheet): {_listed(d.not_in_moodle)}")
    if d.skipped:
        said.append(f"  skipped (nobody to send it to): {_listed(d.skipped)}")
    return said


def _title(a: Assignment, course: Course | None) -> str:
    ca = course.assignments.get(a.name) if course is not None else None
    return (ca.title if ca is not None and ca.title else "") or a.title


def _check_out(folder: Path) -> None:
    """Refuse to replace a folder this command did not write: one that holds files but no mail-merge.csv."""
    ours = folder.is_dir() and ((folder / MAIL_MERGE).is_file() or not any(folder.iterdir()))
    if folder.is_symlink() or (folder.exists() and not ours):
        raise ConfigError(f"{folder}: exists and is not a feedback folder (it holds no {MAIL_MERGE}); "
                          "nothing was written: give another --out")


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def _listed(names: list[str], most: int = 10) -> str:
    more = f" and {len(names) - most} more" if len(names) > most else ""
    return ", ".join(names[:most]) + more
