"""The course's exports read back by each platform's own matching rules, re-implemented here from
the platforms' source (cited in each test), on adversarial rosters: no SIS ids, two students with
one display name, assignments sharing a title, a non-numeric canvas_id, missing and excused
students, a Gradescope bulk export, GitHub Classroom's prefixed repositories. No row may land on
the wrong student or assignment, and every refusal is one line naming the roster row.

No grading runs: the results are made up (``test_course_rules.result``)."""
import csv
import io
import re
import textwrap

import pytest

from grader.course import course as courses, export
from grader.report import report
from grader.assignment import ConfigError, load
from grader.course.grades import apply

from test_course_rules import HW2, result

WS1 = "ws1_network_231"


# --- the platforms' rules, re-implemented --------------------------------------------------------

def canvas_import(text, users, assignments):
    """Canvas's gradebook import as instructure/canvas-lms app/models/gradebook_importer.rb reads a
    CSV: ``process_student`` finds a row's user by ``ID`` (the user id, ``to_i``), else by ``SIS User
    ID``, else by ``SIS Login ID``, else by display name (the first user whose name matches);
    ``parse_assignments`` finds a column's assignment by the id in ``<title> (<id>)``
    (``Assignment.title_and_id``: ``\\A(.*)\\s\\((\\d+)\\)\\z``), else the first assignment of that
    exact title, else a new one; ``check_for_non_student_row`` skips ``Points Possible``; a blank
    or ``-`` cell is no score (``no_score?``), ``EX`` excused.

    ``users``: [{id, name, sis_user_id, login}]; ``assignments``: [{id, title}] (Canvas's, in order).
    Returns {(user id, assignment id or ("new", title)): cell} for the cells that carry a score."""
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    assert header[0].startswith("Student") and header[1] == "ID" and header[4] == "Section"
    columns = {}
    for i, name in enumerate(header[5:], 5):
        m = re.fullmatch(r"(.*)\s\((\d+)\)", name, flags=re.S)
        a = next((a for a in assignments if m and a["id"] == int(m.group(2))), None)
        a = a or next((a for a in assignments if a["title"] == name), None)
        columns[i] = a["id"] if a else ("new", m.group(1) if m else name)
    got = {}
    for row in rows[1:]:
        if "Points Possible" in row[0]:
            continue
        uid = int(row[1]) if re.match(r"\d", row[1] or "") else None  # Ruby's to_i of "" is 0: no user 0
        user = next((u for u in users if u["id"] == uid), None)
        user = user or next((u for u in users if row[2] and u.get("sis_user_id") == row[2]), None)
        user = user or next((u for u in users if row[3] and u.get("login") == row[3]), None)
        user = user or next((u for u in users if u["name"] == row[0]), None)
        assert user is not None, f"Canvas would make a new student of {row[:4]}"
        for i, cell in enumerate(row[5:], 5):
            if cell.strip() not in ("", "-"):
                key = (user["id"], columns[i])
                assert key not in got, f"two rows land on {key}"
                got[key] = cell.strip()
    return got


def moodle_import(text, users, field):
    """Moodle's CSV grade import as moodle/moodle grade/import/csv/classes/load_data.php reads it
    (``prepare_import_grade_data``, ``check_user_exists``): each row's identifier is trimmed and
    looked up in the user table (email and username in any case, idnumber exactly); none or two
    users abort the whole import; a blank or ``-`` grade is no grade (``import_new_grade_item``).
    Returns {(user id, column title): cell}."""
    rows = list(csv.reader(io.StringIO(text)))
    got = {}
    for row in rows[1:]:
        value = row[0].strip()
        same = (lambda a, b: a.casefold() == b.casefold()) if field in ("email", "username") else str.__eq__
        found = [u for u in users if u.get(field) and same(u[field], value)]
        if len(found) != 1:
            raise AssertionError(f"Moodle aborts the import: {len(found)} users with {field} {value!r}")
        for title, cell in zip(rows[0][1:], row[1:]):
            if cell.strip() not in ("", "-"):
                got[(found[0]["id"], title)] = cell.strip()
    return got


# --- an adversarial course --------------------------------------------------------------------

def make_course(tmp_path, roster, extra="", overrides=None, assignments=None):
    (tmp_path / "roster.csv").write_text(textwrap.dedent(roster))
    if overrides is not None:
        (tmp_path / "overrides.yaml").write_text(textwrap.dedent(overrides))
    body = assignments or f"""\
        assignments:
          {HW2}:
            canvas_id: 77
        """
    text = "roster: roster.csv\n" + textwrap.dedent(body) + textwrap.dedent(extra)
    text += "overrides: overrides.yaml\n" if overrides is not None else ""
    (tmp_path / "course.yaml").write_text(text)
    (tmp_path / "subs").mkdir(exist_ok=True)
    return courses.load(tmp_path / "course.yaml")


def graded(tmp_path, course, results, name=HW2):
    rows = apply(course, load(name), results, tmp_path / "subs")
    report.write(load(name), rows, tmp_path / "grades" / name)
    return export.collect(course, tmp_path / "grades")[0]


NO_SIS = """\
id,name,email,canvas_id
u1,Ada King,ada@uni.edu,501
u2,Ben Ode,ben@uni.edu,502
"""
# In Canvas, Gus's SIS id happens to be "u1", the kit's roster id of Ada.
CANVAS_USERS = [{"id": 501, "name": "Ada King", "sis_user_id": "A-1", "login": "ada"},
                {"id": 502, "name": "Ben Ode", "sis_user_id": "B-2", "login": "ben"},
                {"id": 503, "name": "Gus Moreau", "sis_user_id": "u1", "login": "gus"}]


def test_canvas_a_roster_without_sis_ids_lands_on_each_student_by_canvas_id(tmp_path):
    """gradebook_importer.rb ``process_student``: the ID column first; the SIS columns only when
    it finds nobody, so the kit writes no SIS id the roster does not have (never the roster's id)."""
    c = make_course(tmp_path, NO_SIS)
    g = graded(tmp_path, c, [result("u1", (2, 4)), result("ben@uni.edu", (1, 0))])
    text = export.canvas_csv(c, g)
    assert "u1" not in text and "u2" not in text
    got = canvas_import(text, CANVAS_USERS, [{"id": 77, "title": load(HW2).title}])
    assert got == {(501, 77): "6", (502, 77): "1"}


def test_canvas_two_students_with_one_name_and_no_ids_are_refused_in_one_line(tmp_path):
    """gradebook_importer.rb ``process_student`` falls back to the first user whose name matches:
    two rostered "Chen Wei" without ids would both land on one. The export refuses, naming both rows."""
    roster = "id,name,email\nc1,Chen Wei,chen1@uni.edu\nc2,Chen Wei,chen2@uni.edu\nd3,Dee,dee@uni.edu\n"
    c = make_course(tmp_path, roster)
    g = graded(tmp_path, c, [result("c1"), result("c2")])
    with pytest.raises(ConfigError) as e:
        export.canvas_csv(c, g)
    message = str(e.value)
    assert "\n" not in message and "roster.csv, line 2 (c1, Chen Wei)" in message and "line 3 (c2" in message
    files, notes = export.write_all(c, tmp_path / "grades", tmp_path / "out")
    assert not (tmp_path / "out" / "canvas.csv").exists() and any("canvas.csv not written" in n for n in notes)
    # With a canvas_id each, both land right.
    roster = "id,name,email,canvas_id\nc1,Chen Wei,chen1@uni.edu,601\nc2,Chen Wei,chen2@uni.edu,602\n"
    c = make_course(tmp_path, roster)
    g = graded(tmp_path, c, [result("c1", (2, 4)), result("c2", (0, 4))])
    users = [{"id": 601, "name": "Chen Wei"}, {"id": 602, "name": "Chen Wei"}]
    assert canvas_import(export.canvas_csv(c, g), users, [{"id": 77, "title": "x"}]) == {(601, 77): "6", (602, 77): "4"}


def test_canvas_assignments_sharing_a_title_go_to_their_own_ids_or_are_refused(tmp_path):
    """gradebook_importer.rb ``parse_assignments``: a column with ``(<id>)`` goes to that assignment;
    a bare title to the first Canvas assignment of that title. Two course assignments with one title
    and no canvas_id would share a column's assignment: refused. A title ending in ``(2)`` is not
    read as assignment 2."""
    roster = "id,name,canvas_id\nu1,Ada King,501\n"
    both = f"""\
        assignments:
          {HW2}: {{title: Homework (2), canvas_id: 88}}
          {WS1}: {{title: Homework (2)}}
        """
    c = make_course(tmp_path, roster, assignments=both)
    graded(tmp_path, c, [result("u1", (2, 4))])
    g = graded(tmp_path, c, [result("u1", (2, 4))], name=WS1)
    canvas = [{"id": 2, "title": "Quiz"}, {"id": 88, "title": "Homework (2)"}, {"id": 89, "title": "Homework (2)"}]
    text = export.canvas_csv(c, g)
    assert csv.reader(io.StringIO(text)).__next__()[5:] == ["Homework (2) (88)", "Homework [2]"]
    got = canvas_import(text, [{"id": 501, "name": "Ada King"}], canvas)
    assert got == {(501, 88): "6", (501, ("new", "Homework [2]")): "6"}  # neither lands on Quiz (id 2)
    same = f"""\
        assignments:
          {HW2}: {{title: Homework}}
          {WS1}: {{title: Homework}}
        """
    c = make_course(tmp_path, roster, assignments=same)
    with pytest.raises(ConfigError, match=r"hw2_compgraph and ws1_network_231 both have the title 'Homework'") as e:
        export.canvas_csv(c, export.collect(c, tmp_path / "grades")[0])
    assert "\n" not in str(e.value)


@pytest.mark.parametrize("where, value", [("roster", "https://canvas.uni.edu/courses/1/users/501"),
                                          ("assignment", "https://canvas.uni.edu/courses/1/assignments/77")])
def test_canvas_a_non_numeric_canvas_id_is_refused_when_the_course_is_read(tmp_path, where, value):
    """gradebook_importer.rb reads ``ID`` with Ruby's ``to_i`` ("https://..." is 0: nobody) and an
    assignment id only as digits in ``(...)``: anything else would make a stray student or assignment."""
    roster = f"id,name,canvas_id\nu1,Ada King,{value if where == 'roster' else 501}\n"
    body = f"assignments:\n  {HW2}:\n    canvas_id: {value if where == 'assignment' else 77}\n"
    with pytest.raises(ConfigError) as e:
        make_course(tmp_path, roster, assignments=body)
    message = str(e.value)
    assert "\n" not in message and "canvas_id" in message and "digits" in message
    assert ("roster.csv: roster.csv, line 2 (u1, Ada King)" in message) if where == "roster" else \
        ("course.yaml: assignments.hw2_compgraph.canvas_id" in message)


EXCUSE = f"""\
- {{student: u2, assignment: {HW2}, excused: true, comment: medical leave}}
- {{student: u3, assignment: {HW2}, group: forward, points: 1, comment: regrade}}
- {{student: u4, assignment: {HW2}, excused: true, comment: joined late}}
"""
FOUR = "id,name,email,sis_user_id,canvas_id\n" + "".join(
    f"u{i},Name {i},n{i}@uni.edu,90{i},50{i}\n" for i in range(1, 5))


def test_missing_and_excused_students_are_written_as_canvas_and_moodle_read_them(tmp_path):
    """gradebook_importer.rb ``no_score?``: blank is no score, so a missing student's existing grade
    stays; ``EX`` is excused. load_data.php: blank is no grade. The override policy: u3 submitted
    nothing, so u3's +1 is not applied (a note says so); an excusal applies with or without a submission."""
    c = make_course(tmp_path, FOUR, overrides=EXCUSE)
    rows = apply(c, load(HW2), [result("u1", (2, 4)), result("u2", (1, 1))], tmp_path / "subs")
    u3 = next(r for r in rows if r.roster.get("id") == "u3")
    assert u3.total == 0 and not u3.adjustments and any("not applied" in n and "entry 2" in n for n in u3.notes)
    report.write(load(HW2), rows, tmp_path / "grades" / HW2)
    g = export.collect(c, tmp_path / "grades")[0]
    users = [{"id": 500 + i, "name": f"Name {i}"} for i in range(1, 5)]
    assert canvas_import(export.canvas_csv(c, g), users, [{"id": 77, "title": "t"}]) == \
        {(501, 77): "6", (502, 77): "EX", (504, 77): "EX"}
    moodle_users = [{"id": i, "email": f"N{i}@UNI.EDU"} for i in range(1, 5)]
    assert moodle_import(export.moodle_csv(c, g), moodle_users, "email") == {(1, g[0].title): "6"}
    sheet = export.sheet_csv(c, g).splitlines()
    assert sheet[4].startswith("u2,Name 2,,EX (excused)") and sheet[4].endswith(",0.00")
    c = make_course(tmp_path, FOUR, extra="missing: zero\n", overrides=EXCUSE)
    assert canvas_import(export.canvas_csv(c, g), users, [{"id": 77, "title": "t"}])[(503, 77)] == "0"


def test_moodle_s_identifier_is_checked_against_the_roster_before_anything_is_written(tmp_path):
    """load_data.php ``check_user_exists``: a row whose identifier finds no user aborts the whole
    import. A roster without the identifier is refused in one line naming the rows; with it, every
    row finds its own user."""
    roster = "id,name,email,sis_login_id\nu1,Ada King,ada@uni.edu,ada\nu2,Ben Ode,ben@uni.edu,\n"
    c = make_course(tmp_path, roster)
    g = graded(tmp_path, c, [result("u1"), result("u2", (1, 1))])
    with pytest.raises(ConfigError) as e:
        export.moodle_csv(c, g, "username")
    assert "\n" not in str(e.value) and "roster.csv, line 3 (u2, Ben Ode)" in str(e.value)
    with pytest.raises(ConfigError, match=r"moodle_id: Moodle matches on idnumber.*line 2 \(u1"):
        make_course(tmp_path, roster, extra="moodle_id: idnumber\n")
    users = [{"id": 1, "username": "ADA", "email": "x"}, {"id": 2, "username": "ben", "email": "y"}]
    roster = roster.replace("ben@uni.edu,", "ben@uni.edu,ben")
    c = make_course(tmp_path, roster)
    assert moodle_import(export.moodle_csv(c, g, "username"), users, "username") == \
        {(1, g[0].title): "6", (2, g[0].title): "2"}


BULK = """\
---
submission_300001:
  :submitters:
  - :name: Ada King
    :sid: '9001'
    :email: someone.else@uni.edu
    section_name: s1
  :created_at: 2026-03-09 10:00:00.123456789 Z
  :score: 6.0
submission_300002:
  :submitters: !ruby/array:Array
  - :name: Ben Ode
    :sid: ''
    :email: BEN@uni.edu
  - :name: Cy Three
    :email: cy@uni.edu
  :created_at: 2026-03-11 12:00:00.000000000 Z
submission_300003:
  :submitters:
  - :name: Nobody
    :email: nobody@uni.edu
  :created_at: 2026-03-09 10:00:00.000000000 Z
"""


def test_a_gradescope_bulk_export_is_matched_by_sid_and_email_and_every_group_member_gets_the_row(tmp_path):
    """Gradescope's bulk export as otter-grader reads it (test/test-grade/gradescope-export/
    submission_metadata.yml, otter/metadata.py ``GradescopeParser``): ``submission_<id>/`` folders
    beside one ``submission_metadata.yml`` keyed by folder, with ``:submitters`` (``:name``, ``:sid``,
    ``:email``; several for a group) and ``:created_at``. Ruby's tags are read as plain data."""
    roster = ("id,name,email,gradescope_sid\nu1,Ada King,ada@uni.edu,9001\nu2,Ben Ode,ben@uni.edu,\n"
              "u3,Cy Three,cy@uni.edu,\nu4,Di Four,di@uni.edu,\n")
    c = make_course(tmp_path, roster, extra="late_policy: {per: day, penalty: 0.25}\n",
                    assignments=f"assignments:\n  {HW2}:\n    due: 2026-03-10 11:00\n    canvas_id: 77\n")
    (tmp_path / "subs" / "submission_metadata.yml").write_text(BULK)
    rows = apply(c, load(HW2), [result("submission_300001"), result("submission_300002"),
                                result("submission_300003")], tmp_path / "subs")
    by = {r.roster.get("id"): r for r in rows if r.roster}
    assert by["u1"].student == "submission_300001"  # by sid, though the email is another's
    assert by["u2"].student == by["u3"].student == "submission_300002"  # a group: both get the row
    assert by["u4"].roster.get("absent") and [r.student for r in rows if not r.roster] == ["submission_300003"]
    assert by["u1"].late["submitted_at"] == "2026-03-09T10:00:00.123456+00:00" and by["u1"].late["units"] == 0
    assert by["u2"].late["units"] == 2 and by["u3"].late["units"] == 2  # 25 hours late: 2 started days
    # A submitter whose sid and email name two different students is refused, naming both rows.
    (tmp_path / "subs" / "submission_metadata.yml").write_text(BULK.replace("someone.else@uni.edu", "ben@uni.edu"))
    with pytest.raises(ConfigError) as e:
        apply(c, load(HW2), [result("submission_300001")], tmp_path / "subs")
    assert "\n" not in str(e.value) and "line 2 (u1, Ada King)" in str(e.value) and "(u2, Ben Ode)" in str(e.value)


def test_the_bulk_metadata_is_read_as_data_only(tmp_path):
    """It is the export's file, but it is parsed as data: no tag builds an object, aliases are refused."""
    from grader.course.grades import bulk_export
    (tmp_path / "submission_metadata.yml").write_text("a: &x {b: 1}\nc: *x\n")
    with pytest.raises(ConfigError, match="submission_metadata.yml: cannot be read.*alias"):
        bulk_export(tmp_path)
    (tmp_path / "submission_metadata.yml").write_text("s: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(ConfigError, match="submission_metadata.yml: cannot be read"):
        bulk_export(tmp_path)


def test_a_worksheet_in_a_bulk_export_is_graded_on_the_submitter_s_roster_id(tmp_path):
    """The sheet was made for the roster id; it arrives as submission_300001: its numbers are the id's."""
    from grader.runs import run
    from grader.worksheet.steps import load as load_sheet, personal_inputs
    from grader.worksheet.sheet import answer_text, markdown
    roster = "id,name,email\nu1,Ada King,ada@uni.edu\n"
    c = make_course(tmp_path, roster, assignments=f"assignments:\n  {WS1}: {{}}\n")
    sheet = load_sheet(load(WS1))
    inputs = personal_inputs(sheet, "u1")
    truth = sheet.evaluate(inputs)
    folder = tmp_path / "subs" / "submission_300001"
    folder.mkdir()
    (folder / "answers.md").write_text(markdown(sheet, "u1", inputs, {s.name: answer_text(truth[s.name], 4)
                                                                      for s in sheet.steps}))
    (tmp_path / "subs" / "submission_metadata.yml").write_text(
        "submission_300001:\n  :submitters:\n  - :email: ADA@uni.edu\n  :created_at: 2026-03-09 10:00:00 Z\n")
    rows = run.grade(load(WS1), tmp_path / "subs", tmp_path / "out", course=c)
    ada = next(r for r in rows if r.roster.get("id") == "u1")
    assert ada.student == "submission_300001" and ada.total == pytest.approx(load(WS1).max_points, abs=1e-9)


def test_github_classroom_repositories_are_matched_by_username_after_the_prefix(tmp_path):
    """GitHub Classroom collects each student's repository as ``<assignment prefix>-<GitHub user name>``.
    The prefix is detected (the one after which two or more names are rostered GitHub users) or
    set in course.yaml (``classroom_prefix``); only the GitHub user name matches after it."""
    roster = "id,name,github\nu1,Ada King,ada-k\nu2,Ben Ode,benode\nu3,Cy Three,cy\n"
    c = make_course(tmp_path, roster)
    names = ["hw2-compgraph-ada-k", "hw2-compgraph-benode", "hw2-compgraph-zed", "other-cy"]
    rows = apply(c, load(HW2), [result(n) for n in names], tmp_path / "subs")
    assert {r.roster.get("id"): r.student for r in rows if r.roster and not r.roster.get("absent")} == \
        {"u1": "hw2-compgraph-ada-k", "u2": "hw2-compgraph-benode"}
    assert sorted(r.student for r in rows if not r.roster) == ["hw2-compgraph-zed", "other-cy"]
    c = make_course(tmp_path, roster, assignments=f"assignments:\n  {HW2}:\n    classroom_prefix: other-\n")
    rows = apply(c, load(HW2), [result("other-cy")], tmp_path / "subs")
    assert next(r for r in rows if r.student == "other-cy").roster["id"] == "u3"


def test_a_text_cell_a_spreadsheet_would_run_is_escaped_but_points_and_ids_are_not(tmp_path):
    """Canvas's own exporter writes a leading ``'`` before a cell that starts like a formula."""
    roster = "id,name,section,canvas_id\nu1,=HYPERLINK(1),+A,501\nu2,Ben,B,502\n"
    c = make_course(tmp_path, roster, overrides=f"- {{student: u1, assignment: {HW2}, group: forward, "
                                                 f"points: -2, comment: x}}\n")
    g = graded(tmp_path, c, [result("u1", (1, 0)), result("u2")])
    rows = list(csv.reader(io.StringIO(export.canvas_csv(c, g))))
    assert rows[2] == ["'=HYPERLINK(1)", "501", "", "", "'+A", "-1"]  # 1 point - 2: a number, not escaped
    assert export._cell("-1") == "'-1" and export._cell("@x") == "'@x" and export._cell("\tx") == "'\tx"
    assert export._cell("Ada") == "Ada" and export._num(-1.0) == "-1" and export._num(2 / 3) == "0.6667"


def test_a_student_s_second_submission_never_reaches_the_lms_in_place_of_the_counted_one(tmp_path):
    """u1 handed in twice, as u1/ and as n1@uni.edu/ (no times: the first by name counts, n1@uni.edu's
    6 points). The other row is listed apart and, though its name is u1's, never matched again: Canvas
    and Moodle read 6, not the 2 of the submission that does not count."""
    c = make_course(tmp_path, FOUR)
    g = graded(tmp_path, c, [result("n1@uni.edu", (2, 4)), result("u1", (1, 1)), result("u2", (1, 1))])
    users = [{"id": 500 + i, "name": f"Name {i}"} for i in range(1, 5)]
    assert canvas_import(export.canvas_csv(c, g), users, [{"id": 77, "title": "t"}]) == \
        {(501, 77): "6", (502, 77): "2"}
    moodle_users = [{"id": i, "email": f"n{i}@uni.edu"} for i in range(1, 5)]
    assert moodle_import(export.moodle_csv(c, g), moodle_users, "email") == \
        {(1, g[0].title): "6", (2, g[0].title): "2"}
    assert [e["student"] for e in g[0].unmatched] == ["u1"]
