"""Each student's feedback sent outside Gradescope (`python -m grader feedback`, docs/feedback.md),
each form read back by the other side's own rules: Moodle's zip by its importer's path rule,
re-implemented below from its source; the mail-merge CSV by the csv module; the per-student
folders by where their files are. Hostile names stay inside the output folder, and a grades
folder is checked before it is believed.

The example course's hw2 is graded once (a few seconds); the hostile courses use made-up rows."""
import csv
import functools
import json
import re
import shutil
import textwrap
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, run_grader
from test_makefile import HOSTILE as SHELL, kit, make  # noqa: F401 - kit: make's fixture
from grader import results, statuses
from grader.assignment import ConfigError, load
from grader.course import course as courses
from grader.course.grades import apply
from grader.report import report
from grader.staff import delivery, moodle

COURSE = ROOT / "examples" / "course"
HW2 = "hw2_compgraph"
WORKSHEET = COURSE / "moodle" / "hw2_compgraph-grading-worksheet.csv"
MISSING = {"s07", "s10"}  # on the roster, no submission of theirs

# --- Moodle's rule, re-implemented -------------------------------------------------------------

# The plugins a Moodle assignment has (``get_plugin_by_type``: a subtype assignsubmission or
# assignfeedback and an installed plugin of it), as a standard install has them.
PLUGINS = {("assignsubmission", p) for p in ("file", "onlinetext", "comments")} | \
          {("assignfeedback", p) for p in ("comments", "editpdf", "file", "offline")}
PHP_NUMERIC = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*")


def moodle_import(member, participants):
    """Where Moodle puts a zip's file, as mod/assign/feedback/file/importziplib.php reads it.

    ``extract_files_from_zip`` stores each file under ``/import/``; ``is_valid_filename_for_import``
    skips folders and files whose name starts with ``.`` or ``~``, then splits the path at ``/`` and
    each part at ``_`` (``explode('_', $part, 5)``): the first part of four pieces or more whose
    second is numeric (``is_numeric``), a participant (``$participants[$id]``), and whose third and
    fourth name a plugin gives the file to that participant; the rest of that part and the parts
    after it are the file's name. ``import_zip_files`` then stores it under ``pathinfo``'s dirname
    (``/`` when there is none), cleaned as a Moodle path (``//`` is ``/``).
    Returns (participant, (subtype, plugin), folder, file name) or None when Moodle skips the file."""
    if member.endswith("/"):
        return None
    path = "/import/" + member
    name = path.rsplit("/", 1)[1]
    if name.startswith((".", "~")):
        return None
    parts = path.split("/")
    while parts:
        info = parts.pop(0).split("_", 4)
        if len(info) < 4 or not PHP_NUMERIC.fullmatch(info[1]):
            continue
        number = int(float(info[1]))
        if number not in participants or (info[2], info[3]) not in PLUGINS:
            continue
        parts.insert(0, info[4] if len(info) == 5 else "")
        filename = "/".join(parts)
        folder, _, base = filename.rpartition("/")
        folder = re.sub("//+", "/", (folder or "") + "/") if "/" in filename else "/"
        return participants[number], (info[2], info[3]), folder, base
    return None


def participants_of(worksheet):
    """Moodle's participants of the worksheet: ``{number: email}``."""
    with open(worksheet, newline="", encoding="utf-8-sig") as f:
        return {int(re.search(r"\d+$", row["Identifier"]).group()): row["Email address"].lower()
                for row in csv.DictReader(f)}


# --- the example course, graded --------------------------------------------------------------

@pytest.fixture(scope="module")
def delivered(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("feedback")
    proc = run_grader("grade", HW2, "--course", COURSE / "course.yaml", "--out", tmp / "grades", "-q")
    assert proc.returncode == 0, proc.stderr
    proc = run_grader("feedback", HW2, "--course", COURSE / "course.yaml", "--grades", tmp / "grades",
                      "--out", tmp / "out", "--moodle-worksheet", WORKSHEET)
    assert proc.returncode == 0, proc.stderr
    return tmp / "grades" / HW2, tmp / "out" / HW2, proc.stdout


def roster():
    with open(COURSE / "roster.csv", newline="", encoding="utf-8") as f:
        return {r["id"]: r for r in csv.DictReader(f)}


def scores(grades):
    data = json.loads((grades / "scores.json").read_text(encoding="utf-8"))
    return {s["roster"]["id"]: s for s in data["students"] if s.get("roster") and not s["roster"].get("absent")}


def test_moodle_s_importer_gives_each_file_to_its_own_participant(delivered):
    grades, out, _ = delivered
    participants = participants_of(WORKSHEET)
    emails = {r["email"].lower(): sid for sid, r in roster().items()}
    with zipfile.ZipFile(out / "moodle.zip") as z:
        got = {}
        for member in z.namelist():
            placed = moodle_import(member, participants)
            assert placed is not None, f"Moodle skips {member!r}"
            email, plugin, folder, name = placed
            assert plugin == ("assignfeedback", "file") and (folder, name) == ("/", "feedback.md"), placed
            sid = emails[email]
            assert sid not in got, f"two files land on {sid}"
            got[sid] = z.read(member).decode("utf-8")
    assert set(got) == set(scores(grades)) == set(roster()) - MISSING
    for sid, text in got.items():
        assert text == (out / "students" / sid / "feedback.md").read_text(encoding="utf-8"), sid


def test_the_mail_merge_csv_has_a_row_per_student_with_their_email_points_and_feedback(delivered):
    grades, out, stdout = delivered
    with open(out / "mail-merge.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(delivery.COLUMNS)
    people, graded = roster(), scores(grades)
    assert [r["student"] for r in rows] == list(people)
    for row in rows:
        sid = row["student"]
        assert (row["email"], row["name"], row["assignment"]) == (people[sid]["email"], people[sid]["name"], HW2)
        assert row["subject"] == ("Neural networks 101, fall 2026: Computational graphs and the chain rule, "
                                  "your feedback")
        if sid in MISSING:
            assert (row["status"], row["points"], row["feedback_file"]) == ("no submission", "", ""), row
            continue
        assert float(row["points"]) == pytest.approx(graded[sid]["total"], abs=1e-4) and row["max"] == "20"
        file = Path(row["feedback_file"])
        assert file.is_absolute() and file == (out / "students" / sid / "feedback.md").resolve()
        assert file.read_text(encoding="utf-8").startswith("# Computational graphs and the chain rule: feedback")
    assert "no submission (a row in mail-merge.csv saying so, no folder): s07, s10" in stdout
    assert "skipped (nobody to send it to): mystery_student (not on the roster)" in stdout


def test_each_student_s_folder_holds_the_feedback_their_grading_wrote(delivered):
    grades, out, _ = delivered
    graded = scores(grades)
    assert sorted(p.name for p in (out / "students").iterdir()) == sorted(graded)
    for sid, entry in graded.items():
        assert [p.name for p in (out / "students" / sid).iterdir()] == ["feedback.md"]
        written = (grades / "students" / entry["student"] / "feedback.md").read_text(encoding="utf-8")
        assert (out / "students" / sid / "feedback.md").read_text(encoding="utf-8") == written, sid


def test_without_the_course_each_row_is_named_by_its_submission_and_has_no_email(delivered, tmp_path, capsys):
    from grader.cli.commands import main
    grades, _, _ = delivered
    assert main(["feedback", "--grades", str(grades), "--out", str(tmp_path)]) == 0
    assert "no submission (a row in mail-merge.csv saying so, no folder): s07, s10" in capsys.readouterr().out
    with open(tmp_path / HW2 / "mail-merge.csv", newline="", encoding="utf-8") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    entries = json.loads((grades / "scores.json").read_text(encoding="utf-8"))["students"]
    assert set(rows) == {e["student"] for e in entries} and not any(r["email"] for r in rows.values())
    handed_in = {e["student"] for e in entries if not e.get("roster", {}).get("absent")}
    assert {p.name for p in (tmp_path / HW2 / "students").iterdir()} == handed_in and "mystery_student" in handed_in
    assert all(rows[s]["status"] == "no submission" and not rows[s]["feedback_file"] for s in MISSING)


# --- hostile rosters and grades folders, on made-up rows --------------------------------------

@functools.cache
def hw2_tests():
    """hw2's tests as its grading gives them (one pytest collection)."""
    from grader.grading.rows import expected_tests
    return expected_tests(load(HW2), True)


def made_up(name, share=1.0):
    """A hw2 row of ``name``: every test of the assignment with ``share`` of its points."""
    return results.StudentResult(name, statuses.OK, "", tests=[
        results.TestResult(t, t, e.group, e.visibility, e.max_points, e.max_points * share, share == 1.0)
        for t, e in hw2_tests().items()])


def course_of(tmp_path, roster_text, rows, overrides=""):
    """A course of hw2 with ``roster_text``, graded as ``rows`` (made-up results) into tmp_path/grades."""
    (tmp_path / "roster.csv").write_text(textwrap.dedent(roster_text), encoding="utf-8")
    (tmp_path / "overrides.yaml").write_text(overrides)
    (tmp_path / "course.yaml").write_text(f"course: C\nroster: roster.csv\noverrides: overrides.yaml\n"
                                          f"assignments:\n  {HW2}: {{}}\n")
    (tmp_path / "subs").mkdir(exist_ok=True)
    c = courses.load(tmp_path / "course.yaml")
    report.write(load(HW2), apply(c, load(HW2), rows, tmp_path / "subs"), tmp_path / "grades" / HW2)
    return c


def worksheet(tmp_path, rows, header="Identifier,Full name,Email address"):
    (tmp_path / "worksheet.csv").write_text(header + "\n" + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    return tmp_path / "worksheet.csv"


HOSTILE = """\
id,name,email
u1,../../etc/evil_99_assignfeedback_file,one@uni.edu
u2,"=HYPERLINK(""http://x"",""y"")",+two@uni.edu
u3,~.hidden/..\\x,three@uni.edu
"""


def test_hostile_names_stay_inside_the_output_and_every_cell_stays_text(tmp_path):
    c = course_of(tmp_path, HOSTILE, [made_up("u1"), made_up("u2", 0.5), made_up("three@uni.edu")])
    sheet = worksheet(tmp_path, ["Participant 501,x,ONE@uni.edu", "Participant 502,y,+two@uni.edu",
                                 "Participant 503,z,three@uni.edu"])
    out = tmp_path / "out"
    made, _ = delivery.deliver(c, tmp_path / "grades", [HW2], out, sheet)
    written = [p for p in out.rglob("*")]
    assert written and all(p.resolve().is_relative_to(out.resolve()) for p in written)
    assert sorted(p.name for p in (out / HW2 / "students").iterdir()) == ["u1", "u2", "u3"]
    with zipfile.ZipFile(out / HW2 / "moodle.zip") as z:
        placed = {m: moodle_import(m, {501: "u1", 502: "u2", 503: "u3"}) for m in z.namelist()}
    assert sorted(p[0] for p in placed.values()) == ["u1", "u2", "u3"], placed
    for member, p in placed.items():
        assert member.count("/") == 1 and len(member.split("/")[0].split("_")) == 4, member
        assert p[2:] == ("/", "feedback.md"), member
    with open(out / HW2 / "mail-merge.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))], cells
    assert rows[2][1] == "'=HYPERLINK(\"http://x\",\"y\")" and rows[2][2] == "'+two@uni.edu"


@pytest.mark.parametrize("bad_id", ["../escape", "/tmp/escape", "a/b", ".."])
def test_a_roster_id_that_is_no_plain_name_is_refused_in_one_line_and_nothing_is_written(tmp_path, bad_id):
    c = course_of(tmp_path, f"id,name,email\n{bad_id},Eve,eve@uni.edu\nu2,Bo,bo@uni.edu\n",
                  [made_up("eve@uni.edu"), made_up("u2")])
    with pytest.raises(ConfigError) as e:
        delivery.deliver(c, tmp_path / "grades", [HW2], tmp_path / "out")
    assert "\n" not in str(e.value) and "roster.csv, line 2" in str(e.value) and "folder" in str(e.value)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("how, said", [("dotdot", "holds a path separator"), ("absolute", "is an absolute path"),
                                       ("points", "outside 0 to its"), ("assignment", "none of the kit's")])
def test_a_tampered_grades_folder_is_refused_in_one_line_naming_its_file(tmp_path, how, said, capsys):
    from grader.cli.commands import main
    folder = tmp_path / "grades" / HW2
    report.write(load(HW2), [made_up("ada"), made_up("bo", 0.5)], folder)
    data = json.loads((folder / "scores.json").read_text(encoding="utf-8"))
    row = data["students"][0]
    if how == "points":
        row["tests"][0]["points"] = 300
    elif how == "assignment":
        data["assignment"] = "../../../etc"
    else:
        row["student"] = "../../../escape" if how == "dotdot" else str(tmp_path / "escape")
    (folder / "scores.json").write_text(json.dumps(data), encoding="utf-8")
    assert main(["feedback", "--grades", str(folder), "--out", str(tmp_path / "out")]) == 2
    line = capsys.readouterr().err.strip()
    assert "\n" not in line and line.startswith(f"error: {folder / 'scores.json'}: ") and said in line, line
    assert not (tmp_path / "out").exists() and not (tmp_path / "escape").exists()


def test_a_folder_the_command_did_not_write_is_never_replaced(tmp_path):
    folder = tmp_path / "grades" / HW2
    report.write(load(HW2), [made_up("ada")], folder)
    (tmp_path / "out" / HW2).mkdir(parents=True)
    (tmp_path / "out" / HW2 / "thesis.tex").write_text("mine")
    with pytest.raises(ConfigError, match="is not a feedback folder"):
        delivery.deliver(None, folder, [], tmp_path / "out")
    assert (tmp_path / "out" / HW2 / "thesis.tex").read_text() == "mine"
    (tmp_path / "out" / HW2 / "thesis.tex").unlink()
    delivery.deliver(None, folder, [], tmp_path / "out")
    delivery.deliver(None, folder, [], tmp_path / "out")  # its own folder: replaced whole
    assert sorted(p.name for p in (tmp_path / "out" / HW2).iterdir()) == ["mail-merge.csv", "students"]


# --- Moodle's identity: the roster's, as moodle.csv uses it -----------------------------------

ROSTER = "id,name,email\nu1,Ann,ann@uni.edu\nu2,Bo,bo@uni.edu\nu3,Cy,cy@uni.edu\n"


def test_moodle_s_identity_is_checked_before_anything_is_written(tmp_path):
    c = course_of(tmp_path, ROSTER.replace("bo@uni.edu", ""), [made_up("u1"), made_up("u2")])
    sheet = worksheet(tmp_path, ["Participant 7,Ann,ann@uni.edu"])
    with pytest.raises(ConfigError) as e:  # the roster lacks Moodle's identity of u2
        delivery.deliver(c, tmp_path / "grades", [HW2], tmp_path / "out", sheet)
    assert "\n" not in str(e.value) and "roster.csv, line 3 (u2, Bo)" in str(e.value)
    c = course_of(tmp_path, ROSTER, [made_up("u1"), made_up("u2")])
    for rows, header, said in ((["Participant 7,Ann,ann@uni.edu"], "Identifier,Full name,Username",
                                "no column 'Email address'"),
                               (["Participant 7,Ann,ann@uni.edu", "Participant 7,Bo,bo@uni.edu"],
                                "Identifier,Full name,Email address", "line 3: the participant '7' is on line 2"),
                               (["Teilnehmer/in,Ann,ann@uni.edu"], "Identifier,Full name,Email address",
                                "is no participant")):
        with pytest.raises(ConfigError, match=said):
            delivery.deliver(c, tmp_path / "grades", [HW2], tmp_path / "out", worksheet(tmp_path, rows, header))
    assert not (tmp_path / "out").exists()


def test_a_student_moodle_does_not_list_is_named_not_dropped(tmp_path):
    excuse = f"- {{student: u3, assignment: {HW2}, excused: true, comment: medical leave}}\n"
    c = course_of(tmp_path, ROSTER, [made_up("u1"), made_up("u2")], overrides=excuse)
    sheet = worksheet(tmp_path, ["Teilnehmer/in 4001,Ann,ANN@uni.edu", "Participant 4003,Cy,cy@uni.edu"])
    (d,), _ = delivery.deliver(c, tmp_path / "grades", [HW2], tmp_path / "out", sheet)
    assert [m.split("_")[1] for m in d.zip_files] == ["4001"] and d.not_in_moodle == ["u2"]
    said = "\n".join(delivery.lines(d))
    assert "not in moodle.zip (no participant of theirs in the worksheet): u2" in said
    assert "no submission (a row in mail-merge.csv saying so, no folder): u3" in said
    with open(tmp_path / "out" / HW2 / "mail-merge.csv", newline="", encoding="utf-8") as f:
        statuses_said = [(r["student"], r["status"]) for r in csv.DictReader(f)]
    assert statuses_said == [("u1", "ok"), ("u2", "ok"), ("u3", "excused")]
    assert moodle.folder_name("", "9") == "student_9_assignfeedback_file"


@pytest.mark.skipif(shutil.which("make") is None, reason="no make on this machine")
def test_make_feedback_passes_its_variables_as_data(kit):
    calls = make(kit, "feedback", COURSE="c'ourse.yaml", ASSIGNMENT="h;x", MOODLE_WORKSHEET=SHELL)
    assert calls == [["-m", "grader", "feedback", "--assignment", "h;x", "--course", "c'ourse.yaml",
                      "--moodle-worksheet", SHELL]]
