"""The worked example course, graded end to end as `make grade COURSE=examples/course/course.yaml`
does: every cell of its Canvas CSV and of its course sheet, its feedback and summary, and its
similarity report. The expected values are worked out below from the course's story (roster,
due dates, times, extensions, late policy, overrides), not read from a run."""
import csv
import json
import re
import shutil

import pytest

from conftest import ROOT, run_grader

COURSE = ROOT / "examples" / "course"
HW2, WS1 = "hw2_compgraph", "ws1_network_231"

# hw2 (20 points): what the tests give each submission, then the course's rules.
#   dana's backward has the opposite sign: backward and batch fail (6 + 3 points).
#   ivan's finite differences are one-sided: numerical loses what forward_difference loses in
#   examples/submissions/hw2_compgraph/expected.yaml (1/2 + 1/3 of a point).
#   fay's files are the starters; lee's file is CompGraph.py, so compgraph is missing.
HW2_TESTS = {"s01": 20, "s02": 20, "s03": 20, "s04": 11, "s05": 20, "s06": 0, "s08": 20,
             "s09": 20 - 1 / 2 - 1 / 3, "s11": 20, "s12": 0}
# Due 2026-10-02 23:59 New York time; 10 % of 20 points per started day, at most 50 %, 15 minutes' grace.
HW2_LATE = {"s02": 4,    # 2026-10-04 03:10: 1 day 3 hours 11 minutes late, 2 started days
            "s09": 2,    # extension of 2 days, to 10-04 23:59; in at 10-05 04:59: 5 hours, 1 day
            "s11": 10}   # 2026-10-09 12:00 New York: 6 days 12 hours, 7 days = 70 %, capped at 50 %
# s03's extension (to 10-05) covers 10-04 18:00; s08 is 11 minutes late, within the grace.
HW2_OVERRIDE = {"s04": 1}
# ws1 (10 points; times from each sheet's submission_metadata.json). Every sheet was made from the
# roster's ids (`make worksheet ROSTER=roster.csv`), so kimcodes/ holds the sheet of s11, graded on
# s11's numbers under the GitHub name it arrived by. s03 carries a slip in f
# (the f step lost, what follows it right from f), s08 wrote 3 figures, s06 handed in an empty sheet.
WS1_TESTS = {"s01": 10, "s02": 10, "s03": 9, "s04": 10, "s05": 10, "s06": 0, "s08": 5.5, "s09": 10,
             "s11": 10, "s12": 10}
WS1_LATE = {"s02": 1}       # 2026-10-10 02:59:40, 3 hours late: 1 day, 10 % of 10 points
WS1_OVERRIDE = {"s08": 0.5}
ROSTER = [f"s{i:02d}" for i in range(1, 13)]
MISSING = {"s07", "s10"}
WEIGHTS = {HW2: 2, WS1: 1}


def expected(tests, late, override):
    return {s: 0 if s in MISSING else tests[s] + override.get(s, 0) - late.get(s, 0) for s in ROSTER}


HW2_TOTAL = expected(HW2_TESTS, HW2_LATE, HW2_OVERRIDE)
WS1_TOTAL = expected(WS1_TESTS, WS1_LATE, WS1_OVERRIDE)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    out = tmp_path_factory.mktemp("course") / "grades"
    proc = run_grader("grade", "--course", COURSE / "course.yaml", "--out", out)
    assert proc.returncode == 0, proc.stderr + proc.stdout
    return out, proc.stdout, proc.stderr


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def roster():
    return {r["id"]: r for r in csv.DictReader(open(COURSE / "roster.csv", encoding="utf-8"))}


def number(text):
    return float(text)


def test_every_cell_of_the_canvas_csv(graded):
    out, _, _ = graded
    rows = read_csv(out / "course" / "canvas.csv")
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                       "Computational graphs and the chain rule (7301)", "Backprop by hand: the 2-3-1 network (7302)"]
    assert rows[1] == ["Points Possible", "", "", "", "", "20", "10"]
    people = roster()
    assert len(rows) == 2 + 12
    for row, sid in zip(rows[2:], ROSTER):
        p = people[sid]
        assert row[:5] == [p["name"], p["canvas_id"], p["sis_user_id"], p["sis_login_id"], p["section"]]
        if sid in MISSING:  # nothing handed in: blank, which Canvas reads as no score (not a 0 over a grade)
            assert row[5:] == ["", ""], sid
            continue
        assert number(row[5]) == pytest.approx(HW2_TOTAL[sid], abs=1e-4), (sid, HW2)
        assert number(row[6]) == pytest.approx(WS1_TOTAL[sid], abs=1e-4), (sid, WS1)
        assert re.fullmatch(r"-?\d+(\.\d{1,4})?", row[5]) and re.fullmatch(r"-?\d+(\.\d{1,4})?", row[6])


def test_every_cell_of_the_course_sheet(graded):
    out, _, _ = graded
    rows = read_csv(out / "course" / "sheet.csv")
    assert rows[0] == ["id", "name", "section", HW2, WS1, "total %"]
    assert rows[1] == ["max", "", "", "20", "10", "100"]
    assert rows[2] == ["weight", "", "", "2", "1", ""]
    people = roster()
    statuses = {"s06": ("unfinished", "unfinished"), "s07": ("missing", "missing"), "s10": ("missing", "missing"),
                "s12": ("missing", None)}
    assert [r[0] for r in rows[3:]] == ROSTER
    for row, sid in zip(rows[3:], ROSTER):
        assert row[1:3] == [people[sid]["name"], people[sid]["section"]]
        for cell, total, status in ((row[3], HW2_TOTAL[sid], statuses.get(sid, (None,))[0]),
                                    (row[4], WS1_TOTAL[sid], (statuses.get(sid, (None, None)) + (None,))[1])):
            points, _, rest = cell.partition(" ")
            assert number(points) == pytest.approx(total, abs=1e-4), (sid, cell)
            assert rest == (f"({status})" if status else ""), (sid, cell)
        percent = 100 * (2 * HW2_TOTAL[sid] / 20 + 1 * WS1_TOTAL[sid] / 10) / 3
        assert number(row[5]) == pytest.approx(percent, abs=0.005), sid
        assert re.fullmatch(r"\d+\.\d\d", row[5])


def test_the_other_exports_and_what_is_listed_apart(graded):
    out, stdout, _ = graded
    moodle = read_csv(out / "course" / "moodle.csv")
    assert moodle[0] == ["Email address", "Computational graphs and the chain rule",
                         "Backprop by hand: the 2-3-1 network"]
    assert [r[0] for r in moodle[1:]] == [roster()[s]["email"] for s in ROSTER]
    for row, sid in zip(moodle[1:], ROSTER):  # blank for nothing handed in: Moodle's "no grade"
        if sid in MISSING:
            assert row[1:] == ["", ""], sid
        else:
            assert [number(c) for c in row[1:]] == pytest.approx([HW2_TOTAL[sid], WS1_TOTAL[sid]], abs=1e-4), sid
    unmatched = list(csv.DictReader(open(out / "course" / "unmatched.csv", encoding="utf-8")))
    assert [(r["assignment"], r["submission"]) for r in unmatched] == [(HW2, "mystery_student")]
    assert "mystery_student" not in (out / "course" / "canvas.csv").read_text()
    assert "1 submission(s) belong to nobody on the roster" in stdout
    plain = list(csv.DictReader(open(out / "course" / "grades.csv", encoding="utf-8")))
    assert len(plain) == 24
    by = {(r["id"], r["assignment"]): r for r in plain}
    assert by[("s11", HW2)]["submission"] == "kimcodes" and by[("s11", HW2)]["late_penalty"] == "10"
    assert by[("s03", HW2)]["submission"] == "chen@example.edu"
    assert by[("s04", HW2)]["overrides"] == "1" and by[("s07", WS1)]["status"] == "missing"


def test_the_run_s_own_files_show_lateness_overrides_and_the_roster(graded):
    out, _, _ = graded
    scores = {r["student"]: r for r in csv.DictReader(open(out / HW2 / "scores.csv", encoding="utf-8"))}
    assert scores["ben"]["roster_id"] == "s02" and scores["ben"]["late_penalty"] == "4.0"
    assert int(scores["ben"]["late_seconds"]) == (24 * 60 + 3 * 60 + 11) * 60
    assert scores["hana"]["late_penalty"] == "0.0" and int(scores["hana"]["late_seconds"]) == 11 * 60
    assert scores["s07"]["status"] == "missing" and scores["mystery_student"]["roster_id"] == ""
    ben = (out / HW2 / "students" / "ben" / "feedback.md").read_text()
    assert "Score: **16 / 20** (80 %). The tests gave 20; the late penalty took 4." in ben
    assert "submitted 1 day 3 hours after the due date: late penalty 4 points" in ben
    dana = (out / HW2 / "students" / "dana" / "feedback.md").read_text()
    assert "Changed by the course staff: +1 point. Regrade request 4" in dana
    results = json.loads((out / HW2 / "students" / "kimcodes" / "results.json").read_text())
    assert results["score"] == pytest.approx(10) and "Late penalty: -10 points" in results["output"]
    summary = (out / HW2 / "summary.md").read_text()
    assert "2 rostered student(s) with no submission, graded 0: s07 (Gus Moreau), s10 (Jo Mensah)." in summary
    assert "## Not on the roster" in summary and "mystery_student" in summary.split("## Not on the roster")[1]
    overrides = summary.split("## Overrides")[1]
    assert "test_backward_documented" in overrides and "Regrade request 4" in overrides
    late = summary.split("## Late submissions")[1].split("##")[0]
    assert [line.split("|")[1].strip() for line in late.strip().splitlines()[2:]] == ["s02", "s08", "s09", "s11"]
    ws_summary = (out / WS1 / "summary.md").read_text()
    assert "No submission time is known for 1 submission(s)" in ws_summary and "s12." in ws_summary


def test_regrading_one_student_under_the_course_leaves_the_others_as_they_were(graded, tmp_path):
    out, _, _ = graded
    copy = tmp_path / "grades"
    shutil.copytree(out, copy)
    proc = run_grader("grade", HW2, "--course", COURSE / "course.yaml", "--out", copy, "--student", "ben", "-q")
    assert proc.returncode == 0, proc.stderr
    before = list(csv.DictReader(open(out / HW2 / "scores.csv", encoding="utf-8")))
    after = list(csv.DictReader(open(copy / HW2 / "scores.csv", encoding="utf-8")))
    assert [(r["student"], r["total"], r["late_penalty"], r["overrides"]) for r in after] == \
        [(r["student"], r["total"], r["late_penalty"], r["overrides"]) for r in before]
    again = run_grader("grade", WS1, "--course", COURSE / "course.yaml", "--out", copy, "-q")  # no --replace needed
    assert again.returncode == 0, again.stderr


def test_the_similarity_report_flags_the_renamed_copy_and_nothing_else(tmp_path):
    pytest.importorskip("copydetect")
    proc = run_grader("similarity", HW2, "--course", COURSE / "course.yaml", "--out", tmp_path)
    assert proc.returncode == 0, proc.stderr
    pairs = list(csv.DictReader(open(tmp_path / "similarity.csv", encoding="utf-8")))
    flagged = [{p["student_a"], p["student_b"]} for p in pairs if p["flagged"] == "yes"]
    assert len(flagged) == 1 and {name.split(" ")[0] for name in flagged[0]} == {"ada", "eli"}
    assert "course staff only" in (tmp_path / "similarity.html").read_text().lower()


def test_grading_without_the_course_has_none_of_its_columns(tmp_path):
    proc = run_grader("grade", HW2, "-s", COURSE / "submissions" / HW2, "--out", tmp_path, "-q")
    assert proc.returncode == 0, proc.stderr
    header = read_csv(tmp_path / HW2 / "scores.csv")[0]
    assert "roster_id" not in header and "late_penalty" not in header
    assert not (tmp_path / "course").exists()


def test_progress_lines_say_their_points_come_before_the_course_s_late_penalty(graded):
    """The table shows points after the late penalty; a progress line, printed as each submission is
    graded, shows them before, and says so (s02, folder ben/, is 2 days late: 20 points, 16 in the table)."""
    _, stdout, stderr = graded
    lines = [l for l in stderr.splitlines() if l.startswith(f"  {HW2}: ")]
    assert len(lines) == 11 and all("before the course's late penalty and overrides (" in l for l in lines), lines
    assert any(l.startswith(f"  {HW2}: ben: 20/20 before the course's late penalty and overrides (ok") for l in lines)


def test_a_student_s_feedback_is_addressed_to_their_name_on_the_roster(graded):
    out, _, _ = graded
    first = (out / HW2 / "students" / "ben" / "feedback.md").read_text(encoding="utf-8").splitlines()[0]
    assert first.endswith(": feedback for Ben Okafor (ben)"), first
