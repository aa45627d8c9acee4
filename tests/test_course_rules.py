"""The course file's rules, on made-up results: matching to the roster, lateness, overrides, exports.

No grading runs here; ``tests/test_course.py`` grades the example course end to end."""
import csv
import io
import json
import os
import textwrap
from datetime import datetime, timedelta, timezone

import pytest

from grader.course import course as courses, export
from grader import statuses
from grader.assignment import ConfigError, load
from grader.course.grades import apply
from grader import results
from grader.results import StudentResult

HW2 = "hw2_compgraph"
ROSTER = """\
id,name,email,section,sis_user_id,sis_login_id,canvas_id,github,aliases
u1,Ann One,ann@uni.edu,A,9001,ann,11,,annie;a.one
u2,Bo Two,bo@uni.edu,B,9002,bo,12,bocodes,
u3,Cy Three,cy@uni.edu,B,9003,cy,13,,
"""


def write_course(tmp_path, extra="", roster=ROSTER, overrides=None):
    (tmp_path / "roster.csv").write_text(roster)
    if overrides is not None:
        (tmp_path / "overrides.yaml").write_text(textwrap.dedent(overrides))
    text = textwrap.dedent("""\
        timezone: Europe/Berlin
        roster: roster.csv
        late_policy: {per: day, penalty: 0.25, cap: 0.5, grace: 30 minutes}
        assignments:
          hw2_compgraph:
            due: 2026-03-10 12:00
            canvas_id: 77
        """) + textwrap.dedent(extra) + ("overrides: overrides.yaml\n" if overrides is not None else "")
    (tmp_path / "course.yaml").write_text(text)
    (tmp_path / "subs").mkdir(exist_ok=True)
    return courses.load(tmp_path / "course.yaml")


def result(name, points=(2.0, 4.0), status=statuses.OK):
    """A made-up hw2 result: a forward test and a backward test with these points."""
    return StudentResult(name, status, "", tests=[
        results.TestResult("test_forward_and_loss_random", "forward", "forward", "hidden", 2.0, points[0], points[0] == 2.0),
        results.TestResult("test_backward_finite_differences", "backward", "backward", "hidden", 4.0, points[1],
                   points[1] == 4.0)])


def times_csv(tmp_path, rows):
    (tmp_path / "times.csv").write_text("student,submitted_at\n" + "".join(f"{s},{t}\n" for s, t in rows))


# --- the course file -------------------------------------------------------------------------

@pytest.mark.parametrize("extra, words", [
    ("colour: red\n", "unknown key 'colour'"),
    ("extensions:\n  - {student: zed, assignment: hw2_compgraph, days: 1}\n", "no student 'zed' on the roster"),
    ("extensions:\n  - {student: u1, assignment: hw9, days: 1}\n", "no assignment 'hw9'"),
    ("extensions:\n  - {student: u1, assignment: hw2_compgraph, due: next tuesday}\n", "expected a time"),
    ("extensions:\n  - {student: u1, assignment: hw2_compgraph}\n", "needs due (a time) or days"),
])
def test_a_wrong_course_file_is_one_line_naming_it(tmp_path, extra, words):
    with pytest.raises(ConfigError) as e:
        write_course(tmp_path, extra)
    assert words in str(e.value) and "course.yaml" in str(e.value) and "\n" not in str(e.value)


def test_a_name_two_students_share_is_refused(tmp_path):
    roster = ROSTER + "u4,Dee Four,dee@uni.edu,A,9004,annie,14,,\n"  # u1's alias as u4's login
    with pytest.raises(ConfigError, match="'annie' is both u1's and u4's"):
        write_course(tmp_path, roster=roster)


def test_an_unknown_time_zone_and_a_bad_policy_are_named(tmp_path):
    write_course(tmp_path)
    text = (tmp_path / "course.yaml").read_text()
    (tmp_path / "course.yaml").write_text(text.replace("Europe/Berlin", "Mars/Olympus"))
    with pytest.raises(ConfigError, match="unknown time zone 'Mars/Olympus'"):
        courses.load(tmp_path / "course.yaml")
    (tmp_path / "course.yaml").write_text(text.replace("penalty: 0.25", "penalty: 140%"))
    with pytest.raises(ConfigError, match=r"late_policy.penalty: expected a share between 0 and 1"):
        courses.load(tmp_path / "course.yaml")


def test_times_without_an_offset_are_the_course_zone_s(tmp_path):
    c = write_course(tmp_path)
    due = c.assignments[HW2].due
    assert due == datetime(2026, 3, 10, 11, 0, tzinfo=timezone.utc)  # 12:00 in Berlin is UTC+1 in March
    summer = courses.parse_time("2026-07-10 12:00", c.timezone, "x")
    assert summer.utcoffset() == timedelta(hours=2)
    assert courses.parse_time("2026-07-10T12:00:00Z", c.timezone, "x") == datetime(2026, 7, 10, 12, tzinfo=timezone.utc)


def test_the_late_policy_counts_started_days_after_the_grace(tmp_path):
    policy = write_course(tmp_path).late
    minute = timedelta(minutes=1)
    assert [policy.units(d) for d in (-minute, 30 * minute, 31 * minute, timedelta(days=1),
                                      timedelta(days=1) + minute)] == [0, 0, 1, 1, 2]
    assert policy.share(31 * minute) == 0.25
    assert policy.share(timedelta(days=1, minutes=1)) == 0.5
    assert policy.share(timedelta(days=9)) == 0.5  # the cap


# --- matching, lateness and overrides ---------------------------------------------------------

def test_submissions_are_matched_by_any_of_a_student_s_names(tmp_path):
    c = write_course(tmp_path, "trust_submission_metadata: true\n")
    meta = tmp_path / "subs" / "gs_123456"
    meta.mkdir()
    (meta / "submission_metadata.json").write_text(json.dumps({"users": [{"email": "CY@uni.edu", "name": "Cy"}]}))
    rows = apply(c, load(HW2), [result("A.One"), result("bocodes"), result("gs_123456"), result("stranger")],
                 tmp_path / "subs")
    assert [(r.student, r.roster.get("id")) for r in rows] == [
        ("A.One", "u1"), ("bocodes", "u2"), ("gs_123456", "u3"), ("stranger", None)]


def test_a_rostered_student_with_no_submission_gets_a_missing_row(tmp_path):
    c = write_course(tmp_path)
    rows = apply(c, load(HW2), [result("ann")], tmp_path / "subs")
    absent = {r.student: r for r in rows if r.roster.get("absent")}
    assert sorted(absent) == ["u2", "u3"]
    assert all(r.status == statuses.MISSING and r.total == 0 for r in absent.values())
    again = apply(c, load(HW2), rows, tmp_path / "subs")  # what a --student regrade does: the same rows
    assert [(r.student, r.total, r.status) for r in again] == [(r.student, r.total, r.status) for r in rows]


def test_of_two_submissions_of_one_student_the_later_counts(tmp_path):
    c = write_course(tmp_path, extra="", overrides=None)
    text = (tmp_path / "course.yaml").read_text().replace("canvas_id: 77", "canvas_id: 77\n    submitted_at: times.csv")
    (tmp_path / "course.yaml").write_text(text)
    times_csv(tmp_path, [("ann", "2026-03-09 10:00"), ("annie", "2026-03-09 18:00")])
    c = courses.load(tmp_path / "course.yaml")
    rows = apply(c, load(HW2), [result("ann", (0, 0)), result("annie")], tmp_path / "subs")
    counted = next(r for r in rows if r.roster.get("id") == "u1")
    assert counted.student == "annie" and counted.total == 6
    other = next(r for r in rows if r.student == "ann")
    assert not other.roster and "another submission of u1 counts: annie" in other.notes


def test_lateness_takes_a_share_of_the_maximum_and_never_below_zero(tmp_path):
    write_course(tmp_path)
    text = (tmp_path / "course.yaml").read_text().replace("canvas_id: 77", "canvas_id: 77\n    submitted_at: times.csv")
    (tmp_path / "course.yaml").write_text(text + "extensions:\n  - {student: u3, assignment: hw2_compgraph, days: 3}\n")
    times_csv(tmp_path, [("ann", "2026-03-10 12:20"),      # 20 minutes late: within the grace
                         ("bo", "2026-03-11T12:00:00Z"),   # 1 day 1 hour late (due 11:00 UTC): 2 days
                         ("cy", "2026-03-12 09:00")])      # before the extension's due date
    c = courses.load(tmp_path / "course.yaml")
    max_points = load(HW2).max_points
    rows = {r.student: r for r in apply(c, load(HW2), [result("ann"), result("bo", (0.5, 0.5)), result("cy")],
                                        tmp_path / "subs")}
    assert rows["ann"].total == 6 and rows["ann"].late["units"] == 0
    assert "within the grace period" in " ".join(rows["ann"].notes)
    # 2 started days at 25 % = 50 % of the maximum: more than the 1 point earned, so it takes that 1.
    assert 0.5 * max_points > 1
    assert rows["bo"].late["units"] == 2 and rows["bo"].late["share"] == 0.5
    assert rows["bo"].total == 0 and rows["bo"].late["penalty"] == 1
    assert rows["cy"].late["extension"] is True and rows["cy"].total == 6 and rows["cy"].late["late_seconds"] == 0


def test_the_times_csv_comes_before_gradescope_s_and_file_times_only_when_trusted(tmp_path):
    write_course(tmp_path)
    text = (tmp_path / "course.yaml").read_text().replace("canvas_id: 77", "canvas_id: 77\n    submitted_at: times.csv")
    text += "trust_submission_metadata: true\n"
    (tmp_path / "course.yaml").write_text(text)
    times_csv(tmp_path, [("ann", "2026-03-01 10:00")])
    for name in ("ann", "bo", "cy"):
        (tmp_path / "subs" / name).mkdir()
        (tmp_path / "subs" / name / "compgraph.py").write_text("x = 1\n")
    for name in ("ann", "bo"):
        (tmp_path / "subs" / name / "submission_metadata.json").write_text(
            json.dumps({"created_at": "2026-03-20T10:00:00.000000+01:00"}))
    stamp = datetime(2026, 3, 25, tzinfo=timezone.utc).timestamp()
    os.utime(tmp_path / "subs" / "cy" / "compgraph.py", (stamp, stamp))
    graded = [result("ann"), result("bo"), result("cy")]
    rows = {r.student: r for r in apply(courses.load(tmp_path / "course.yaml"), load(HW2), graded, tmp_path / "subs")}
    assert rows["ann"].late["source"] == "submitted_at" and rows["ann"].late["late_seconds"] == 0
    assert rows["bo"].late["source"] == "gradescope" and rows["bo"].late["units"] == 10
    assert rows["cy"].late["submitted_at"] is None  # file times are not trusted unless told
    (tmp_path / "course.yaml").write_text(text + "trust_file_times: true\n")
    rows = {r.student: r for r in apply(courses.load(tmp_path / "course.yaml"), load(HW2), graded, tmp_path / "subs")}
    assert rows["cy"].late["source"] == "file times"
    assert rows["cy"].late["submitted_at"] == datetime(2026, 3, 25, tzinfo=timezone.utc).isoformat()


OVERRIDES = """\
- {student: ann, assignment: hw2_compgraph, test: test_backward_finite_differences, points: 2, comment: regrade 1}
- {student: u2, assignment: hw2_compgraph, group: forward, points: -1, comment: copied the forward pass}
"""


def test_overrides_change_a_test_or_a_group_and_say_why(tmp_path):
    from grader.report import report
    c = write_course(tmp_path, overrides=OVERRIDES)
    rows = {r.student: r for r in apply(c, load(HW2), [result("ann", (2, 1)), result("bo")], tmp_path / "subs")}
    assert rows["ann"].total == 5 and rows["ann"].group_points("backward") == 3
    assert rows["bo"].total == 5 and rows["bo"].group_points("forward") == 1
    feedback = report.feedback(load(HW2), rows["ann"])
    assert "Changed by the course staff: +2 points. regrade 1" in feedback
    assert "The tests gave 3; the course staff changed it by +2." in feedback
    scores = list(csv.DictReader(io.StringIO(report.scores_csv(load(HW2), list(rows.values())))))
    assert [(s["student"], s["roster_id"], s["overrides"]) for s in scores] == [("ann", "u1", "2.0"), ("bo", "u2", "-1.0"),
                                                                            ("u3", "u3", "")]


@pytest.mark.parametrize("entry, words", [
    ("{student: nobody, assignment: hw2_compgraph, group: forward, points: 1, comment: x}", "no student 'nobody'"),
    ("{student: u1, assignment: hw2_compgraph, group: flying, points: 1, comment: x}", "has no group 'flying'"),
    ("{student: u1, assignment: hw2_compgraph, group: forward, points: 1}", "no comment"),
    ("{student: u1, assignment: hw2_compgraph, points: 1, comment: x}", "either a test or a group"),
])
def test_a_wrong_override_is_one_line_naming_the_entry(tmp_path, entry, words):
    with pytest.raises(ConfigError) as e:
        write_course(tmp_path, overrides=f"- {{student: u2, assignment: hw2_compgraph, group: forward, "
                                         f"points: 1, comment: fine}}\n- {entry}\n")
    assert words in str(e.value) and "overrides.yaml, entry 2" in str(e.value) and "\n" not in str(e.value)


def test_an_override_of_an_unknown_test_or_past_the_test_s_points_stops(tmp_path):
    c = write_course(tmp_path, overrides="- {student: u1, assignment: hw2_compgraph, test: test_flying, "
                                         "points: 1, comment: x}\n")
    with pytest.raises(ConfigError, match="has no test 'test_flying'"):
        apply(c, load(HW2), [result("ann")], tmp_path / "subs")
    c = write_course(tmp_path, overrides="- {student: u1, assignment: hw2_compgraph, test: "
                                         "test_backward_finite_differences, points: 1, comment: x}\n")
    with pytest.raises(ConfigError, match="would have 5 of its 4 points"):
        apply(c, load(HW2), [result("ann")], tmp_path / "subs")


def nothing_graded(monkeypatch):
    """Make grading fail the test: a course file's mistake must stop a run before it grades anyone."""
    from grader.runs import run

    def grading(*args, **kwargs):
        raise AssertionError("a submission was graded before the course's files were checked")
    monkeypatch.setattr(run, "_grade_sources", grading)
    return run


def test_a_bad_submitted_at_time_stops_the_run_before_it_grades(tmp_path, monkeypatch):
    run = nothing_graded(monkeypatch)
    write_course(tmp_path)
    text = (tmp_path / "course.yaml").read_text().replace("canvas_id: 77", "canvas_id: 77\n    submitted_at: times.csv")
    (tmp_path / "course.yaml").write_text(text)
    times_csv(tmp_path, [("bo", "2026-03-11T12:00:00Z"), ("ann", "tuesday noon")])
    c = courses.load(tmp_path / "course.yaml")
    with pytest.raises(ConfigError) as e:
        run.grade(load(HW2), tmp_path / "subs", tmp_path / "out", course=c)
    assert "times.csv, line 3: submitted_at:" in str(e.value) and "'tuesday noon'" in str(e.value)
    assert "\n" not in str(e.value) and not (tmp_path / "out").exists()


def test_a_mistyped_test_in_the_overrides_stops_the_run_before_it_grades(tmp_path, monkeypatch):
    run = nothing_graded(monkeypatch)
    c = write_course(tmp_path, overrides="- {student: u1, assignment: hw2_compgraph, test: "
                                         "test_backward_finite_diferences, points: 1, comment: x}\n")
    with pytest.raises(ConfigError) as e:
        run.grade(load(HW2), tmp_path / "subs", tmp_path / "out", course=c)
    assert str(e.value).startswith(f"{tmp_path / 'overrides.yaml'}, entry 1: test: hw2_compgraph has no test "
                                   "'test_backward_finite_diferences'; did you mean 'test_backward_finite_differences'?")
    assert "\n" not in str(e.value) and not (tmp_path / "out").exists()


def test_grade_course_checks_every_assignment_s_files_before_the_first_grades(tmp_path, monkeypatch, capsys):
    from grader.cli.commands import main
    run = nothing_graded(monkeypatch)
    monkeypatch.setattr(run, "grade", lambda *a, **k: pytest.fail("hw2 was graded before ws1's overrides were checked"))
    write_course(tmp_path)
    text = (tmp_path / "course.yaml").read_text().replace("canvas_id: 77", "canvas_id: 77\n  ws1_network_231: {}")
    (tmp_path / "course.yaml").write_text(text + "overrides: overrides.yaml\n")
    (tmp_path / "overrides.yaml").write_text("- {student: u1, assignment: ws1_network_231, test: 'step[nope]', "
                                             "points: 1, comment: x}\n")
    assert main(["grade", "--course", str(tmp_path / "course.yaml"), "--out", str(tmp_path / "out"), "-q"]) == 2
    err = capsys.readouterr().err
    assert "overrides.yaml, entry 1: test: ws1_network_231 has no test 'step[nope]'" in err, err
    assert len(err.strip().splitlines()) == 1


# --- exports ---------------------------------------------------------------------------------

def graded_course(tmp_path):
    """The made-up course graded: u1 6 points (of hw2's maximum), u2 late by 1 day 1 hour, u3 absent."""
    from grader.report import report
    c = write_course(tmp_path)
    text = (tmp_path / "course.yaml").read_text().replace("canvas_id: 77", "canvas_id: 77\n    submitted_at: times.csv")
    (tmp_path / "course.yaml").write_text(text)
    times_csv(tmp_path, [("bo", "2026-03-11T12:00:00Z")])
    c = courses.load(tmp_path / "course.yaml")
    a = load(HW2)
    rows = apply(c, a, [result("ann"), result("bo"), result("nemo")], tmp_path / "subs")
    report.write(a, rows, tmp_path / "grades" / HW2)
    return c, a


def test_the_canvas_csv_has_canvas_s_columns_and_a_points_possible_row(tmp_path):
    c, a = graded_course(tmp_path)
    path, notes = export.export("canvas", c, tmp_path / "grades", None)
    assert path == tmp_path / "grades" / "course" / "canvas.csv"
    rows = list(csv.reader(path.open()))
    title = a.title
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", f"{title} (77)"]
    assert rows[1] == ["Points Possible", "", "", "", "", f"{a.max_points:g}"]
    bo = 6 - 0.5 * a.max_points if 6 > 0.5 * a.max_points else 0  # 2 started days at 25 %, floor 0
    assert rows[2:] == [["Ann One", "11", "9001", "ann", "A", "6"],
                        ["Bo Two", "12", "9002", "bo", "B", f"{bo:g}"],
                        ["Cy Three", "13", "9003", "cy", "B", ""]]  # no submission: blank, Canvas's "no score"
    stray = list(csv.reader((tmp_path / "grades" / HW2 / "gradebook.csv").open()))
    assert [r[0] for r in stray] == ["student_id", "u1", "u2", "u3"]  # nemo is on no roster


def test_the_moodle_csv_has_the_identifier_column_asked_for(tmp_path):
    c, a = graded_course(tmp_path)
    for ident, header, first in (("email", "Email address", "ann@uni.edu"), ("idnumber", "ID number", "9001"),
                                 ("username", "Username", "ann")):
        path, _ = export.export("moodle", c, tmp_path / "grades", tmp_path / f"{ident}.csv", moodle_id=ident)
        rows = list(csv.reader(path.open()))
        assert rows[0] == [header, a.title] and rows[1] == [first, "6"] and len(rows) == 4


def test_unmatched_submissions_are_listed_not_dropped(tmp_path):
    c, a = graded_course(tmp_path)
    files, notes = export.write_all(c, tmp_path / "grades", tmp_path / "out")
    rows = list(csv.DictReader((tmp_path / "out" / "unmatched.csv").open()))
    assert [(r["assignment"], r["submission"]) for r in rows] == [(HW2, "nemo")]
    assert any("1 submission(s) belong to nobody on the roster" in n for n in notes)
    plain = list(csv.DictReader((tmp_path / "out" / "grades.csv").open()))
    assert [(r["id"], r["status"], r["submission"]) for r in plain] == [("u1", "ok", "ann"), ("u2", "ok", "bo"),
                                                                        ("u3", "missing", "")]


def test_a_course_s_grades_have_a_folder_of_their_own(tmp_path):
    from grader import paths
    c = write_course(tmp_path)
    assert courses.grades_folder(c) == paths.GRADES / tmp_path.name
    assert courses.grades_folder(c) != paths.GRADES


def test_a_submission_s_own_metadata_is_not_believed_unless_the_course_says_so(tmp_path):
    """A student who uploads a folder can write a submission_metadata.json of their own: an early
    created_at, or another student's email. Untrusted, it is read for neither."""
    write_course(tmp_path)
    text = (tmp_path / "course.yaml").read_text()
    forged = tmp_path / "subs" / "sneaky"
    forged.mkdir()
    (forged / "submission_metadata.json").write_text(json.dumps(
        {"created_at": "2026-03-01T10:00:00+01:00", "users": [{"email": "cy@uni.edu"}]}))
    (tmp_path / "subs" / "bo").mkdir()
    (tmp_path / "subs" / "bo" / "submission_metadata.json").write_text(
        json.dumps({"created_at": "2026-03-01T10:00:00+01:00"}))
    rows = {r.student: r for r in apply(courses.load(tmp_path / "course.yaml"), load(HW2),
                                        [result("bo"), result("sneaky")], tmp_path / "subs")}
    assert not rows["sneaky"].roster and rows["bo"].late["submitted_at"] is None
    (tmp_path / "course.yaml").write_text(text + "trust_submission_metadata: true\n")
    rows = {r.student: r for r in apply(courses.load(tmp_path / "course.yaml"), load(HW2),
                                        [result("bo"), result("sneaky")], tmp_path / "subs")}
    assert rows["sneaky"].roster["id"] == "u3" and rows["bo"].late["source"] == "gradescope"
