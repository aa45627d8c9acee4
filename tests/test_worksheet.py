"""Worksheets: sheets read as people write them, personal numbers, grading with error carried forward."""
import csv
import json

import numpy as np
import pytest

from conftest import ROOT, run_grader
from grader import assignment
from grader.worksheet import steps as worksheet
from grader.assignment import ConfigError
from grader.source import StudentSource
from grader.testing import numerical_gradient
from grader.worksheet.answers import Answers, SheetError, read, value
from grader.worksheet.grading import ECF, RIGHT, ROUNDED, UNANSWERED, UNSUPPORTED, WRONG, check, grade_one, judge
from grader.worksheet.sheet import answer_text, markdown, roster_names

WS1, WS2 = "ws1_network_231", "ws2_networks_321_421"


@pytest.fixture(scope="module")
def ws1():
    a = assignment.load(WS1)
    return a, worksheet.load(a)


@pytest.mark.parametrize("text, expected", [
    ("-0.0114", -0.0114), ("1.14e-2", 0.0114), ("\u22120.0114", -0.0114), ("1.14 x 10^-2", 0.0114),
    ("1.14×10^(-2)", 0.0114), ("+3", 3.0), (".5", 0.5)])
def test_numbers_as_people_write_them(text, expected):
    assert value(text) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("text, shape", [
    ("[0.1, 0.2, -0.3]", (3,)), ("0.1 0.2 -0.3", (3,)), ("0.1,0.2", (2,)), ("[0.5]", (1,)),
    ("[1, 2]; [3, 4]", (2, 2)), ("[[1, 2], [3, 4]]", (2, 2)), ("- [1, 2]\n- [3, -4]", (2, 2)), ("-0.5\n-0.25", (2, 1))])
def test_rows_and_matrices(text, shape):
    assert value(text).shape == shape


@pytest.mark.parametrize("text, says", [
    ("2,185", "is 2,185 the number 2.185 (a decimal comma) or 2185?"), ("[0,0114, 2]", "decimal comma"),
    ("abc", "'abc' is not a number"), ("[1, 2]; [3]", "rows of different lengths")])
def test_what_cannot_be_read_is_said(text, says):
    with pytest.raises(ValueError, match=says.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
        value(text)


def test_a_yaml_sheet_with_rows_on_their_own_lines(tmp_path):
    f = tmp_path / "answers.yaml"
    f.write_text("# mine\nstudent: alice\nz: [0.1, 0.2]   # two\nW:\n  - [1, 2]\n  - [3, 4]\nL:\nbad: 2,185\n")
    a = read(f)
    assert a.student == "alice" and a.values["z"].tolist() == [0.1, 0.2]
    assert a.values["W"].tolist() == [[1, 2], [3, 4]] and a.blank == ["L"] and "decimal comma" in a.unreadable["bad"]


@pytest.mark.parametrize("text, says", [
    ("z = 1\n", "answers.yaml: line 1: expected `name: value`"), ("student: a\nz - 1\n", "answers.yaml: line 2")])
def test_a_malformed_sheet_is_one_line_naming_the_file(tmp_path, text, says):
    f = tmp_path / "answers.yaml"
    f.write_text(text)
    with pytest.raises(SheetError, match=says):
        read(f)


def test_a_step_given_twice_is_no_whole_sheet_error(tmp_path):
    f = tmp_path / "answers.yaml"
    f.write_text("z: 1\nz: 2\n")
    a = read(f)
    assert "given twice, with different values (1 and 2)" in a.unreadable["z"] and not a.values


def test_a_notebook_that_is_not_json_is_named(tmp_path):
    f = tmp_path / "sheet.ipynb"
    f.write_text('{"cells": [')
    with pytest.raises(SheetError, match="sheet.ipynb: not a Jupyter notebook"):
        read(f)


@pytest.mark.parametrize("name", [WS1, WS2])
def test_personal_numbers_are_the_names_and_never_degenerate(name):
    a = assignment.load(name)
    sheet = worksheet.load(a)
    first = worksheet.personal_inputs(sheet, "alice")
    assert all(np.array_equal(first[k], worksheet.personal_inputs(sheet, "alice")[k]) for k in first)
    assert any(not np.array_equal(first[k], worksheet.personal_inputs(sheet, "bob")[k]) for k in first)
    assert any(not np.array_equal(first[k], worksheet.personal_inputs(sheet, "alice", seed="course")[k]) for k in first)
    for student in (f"student{i}" for i in range(150)):
        values = sheet.evaluate(worksheet.personal_inputs(sheet, student))
        for s in sheet.steps:   # no zero gradient, nothing a hand calculation cannot carry
            assert np.all(np.abs(values[s.name]) >= worksheet.SMALLEST), (student, s.name)
            assert np.all(np.abs(values[s.name]) <= worksheet.LARGEST), (student, s.name)
        for unit in [k for k in ("f", "a_hidden", "a_out", "h", "y_hat") if k in values and k != "y_hat" or k == "y_hat"
                     and name == WS2]:
            assert np.all((values[unit] > 0.05) & (values[unit] < 0.95)), (student, unit)


@pytest.mark.parametrize("student", ["alice", "bob", "carol"])
def test_the_2_3_1_gradients_are_the_losss_central_differences(ws1, student):
    _, sheet = ws1
    inputs = worksheet.personal_inputs(sheet, student)
    values = sheet.evaluate(inputs)

    def loss(**change):
        return float(sheet.evaluate({**inputs, **change})["L"])
    assert np.allclose(values["dL_dW"], numerical_gradient(lambda W: loss(W=W), inputs["W"]), rtol=1e-6, atol=1e-9)
    assert np.allclose(values["dL_dv"], numerical_gradient(lambda v: loss(v=v), inputs["v"]), rtol=1e-6, atol=1e-9)
    assert np.allclose(values["dL_dy_hat"], numerical_gradient(lambda y: -loss(y=y), inputs["y"]), rtol=1e-6)


@pytest.mark.parametrize("student", ["alice", "bob"])
def test_the_3_2_1_and_4_2_1_gradients_are_the_losses_central_differences(student):
    sheet = worksheet.load(assignment.load(WS2))
    inputs = worksheet.personal_inputs(sheet, student)
    values = sheet.evaluate(inputs)

    def of(out, **change):
        return float(sheet.evaluate({**inputs, **change})[out])
    for key, grad in (("W1", "dL_dW1"), ("b1", "dL_db1"), ("w2", "dL_dw2"), ("b2", "dL_db2")):
        assert np.allclose(values[grad], numerical_gradient(lambda p, key=key: of("L", **{key: p}), inputs[key]),
                           rtol=1e-6, atol=1e-9), grad
    dw = numerical_gradient(lambda w: of("E", w=w), inputs["w"])
    assert np.allclose(values["dE_dw1234"], dw[:4], rtol=1e-6, atol=1e-9)
    assert np.allclose(values["dE_dw56"], dw[4:], rtol=1e-6, atol=1e-9)


def test_the_worked_examples_are_the_seeds_right_arithmetic():
    """The seeds' own numbers where their arithmetic is right (the handouts list where it is not), to
    the seeds' 4 figures: they cut a value off about as often as they round it (1e-4)."""
    one = json.loads((ROOT / "assignments" / WS1 / "tests" / "documented.json").read_text())["example"]
    assert np.allclose(one["z"], [0.09, 0.08, 0.07])                          # seed 004
    # seed 004's sigma(wx) is [0.52248, 0.51998, 0.5174]: the last is cut off, not rounded (0.517493)
    assert np.allclose(one["f"], [0.52248, 0.51998, 0.51749], atol=5e-6)
    two = json.loads((ROOT / "assignments" / WS2 / "tests" / "documented.json").read_text())["example"]
    assert np.allclose(two["z_hidden"], [0.3844, -0.199])                     # seed 002
    assert np.allclose(two["a_hidden"], [0.5949, 0.4504], atol=1e-4)
    assert np.isclose(two["a_out"], 0.3443, atol=1e-4) and np.isclose(two["L"], 3.148, atol=1e-3)
    assert np.isclose(two["dL_db2"], 0.8011, atol=1e-4)
    assert np.allclose(two["dL_db1"], [-0.1139, -0.0278], atol=1e-4)
    assert np.allclose(two["dL_dw2"], [0.47657, 0.360815], atol=1e-4)
    assert np.allclose(two["s"], [-1.07, -4.26])                              # seed 003
    assert np.allclose(two["h"], [0.2554, 0.0139], atol=5e-4)


def _answers(sheet, values, **override):
    texts = {k: answer_text(v, sheet.figures) for k, v in values.items() if k not in sheet.inputs}
    texts.update(override)
    a = Answers(file=ROOT / "answers.md")
    for k, t in texts.items():
        a.values[k] = value(t)
    return a


def test_each_step_is_judged_from_the_students_own_earlier_values(ws1):
    _, sheet = ws1
    inputs = worksheet.personal_inputs(sheet, "alice")
    truth = sheet.evaluate(inputs)
    slip = sheet.evaluate(inputs, {"f": truth["f"] * 1.1})          # a wrong f, everything after from it
    judged = judge(sheet, _answers(sheet, slip), inputs)
    assert judged["z"].state == RIGHT and judged["f"].state == WRONG
    assert {judged[k].state for k in ("y_hat", "L", "dL_dy_hat", "dL_dv", "dL_df", "dL_dz", "dL_dW")} == {ECF}
    copied = _answers(sheet, truth, f=answer_text(truth["f"] * 1.1, 4))  # the true values after a wrong f
    judged = judge(sheet, copied, inputs)
    assert judged["y_hat"].state == UNSUPPORTED and judged["dL_dz"].state == UNSUPPORTED
    assert judged["L"].state == RIGHT and judged["dL_dW"].state == RIGHT   # their parents are right
    assert judge(sheet, _answers(sheet, slip), inputs, carry=False)["y_hat"].state == WRONG
    three = _answers(sheet, truth, dL_dv=answer_text(truth["dL_dv"], 3))
    assert judge(sheet, three, inputs)["dL_dv"].state in (ROUNDED, RIGHT)
    missing = _answers(sheet, truth)
    del missing.values["dL_df"]
    states = judge(sheet, missing, inputs)
    assert states["dL_df"].state == UNANSWERED and states["dL_dz"].state == RIGHT  # graded from the true dL_df


def test_the_rounding_tolerance_is_one_unit_in_the_last_figure(ws1):
    _, sheet = ws1
    inputs = worksheet.personal_inputs(sheet, "alice")
    truth = sheet.evaluate(inputs)
    unit = sheet.tolerance(truth["z"])
    one_off = _answers(sheet, truth, z="[" + ", ".join(f"{x:.10g}" for x in truth["z"] + 0.9 * unit) + "]")
    two_off = _answers(sheet, truth, z="[" + ", ".join(f"{x:.10g}" for x in truth["z"] + 2.5 * unit) + "]")
    assert judge(sheet, one_off, inputs)["z"].state == RIGHT
    assert judge(sheet, two_off, inputs)["z"].state == ROUNDED   # within a unit of the 3rd figure
    far = _answers(sheet, truth, z="[" + ", ".join(f"{x:.10g}" for x in truth["z"] + 30 * unit) + "]")
    assert judge(sheet, far, inputs)["z"].state == WRONG


def test_a_sheet_graded_says_per_step_what_it_should_be_from_the_students_own_values(ws1, tmp_path):
    a, sheet = ws1
    inputs = worksheet.personal_inputs(sheet, "dora")
    truth = sheet.evaluate(inputs)
    slip = sheet.evaluate(inputs, {"dL_dy_hat": truth["y_hat"] - inputs["y"]})
    folder = tmp_path / "dora"
    folder.mkdir()
    texts = {k: answer_text(v, 4) for k, v in slip.items() if k not in sheet.inputs}
    texts["dL_df"] = "0,5, 1, 2"   # unreadable: a decimal comma
    texts["typo_step"] = "1"
    (folder / "answers.md").write_text(markdown(sheet, "dora", inputs, texts).replace(
        "| dL_dW |", "| typo_step | a name that is no step | 1 |\n| dL_dW |"))
    r = grade_one(a, sheet, StudentSource("dora", folder))
    by = {t.name: t for t in r.tests}
    assert "wrong: from your own y_hat, y it is" in by["step[dL_dy_hat]"].message
    assert f"{float(2 * (truth['y_hat'] - inputs['y'])):#.4g}"[:5] in by["step[dL_dy_hat]"].message
    assert "Likely cause: the factor 2 is missing" in by["step[dL_dy_hat]"].message
    assert by["step[dL_dv]"].passed and "right from your earlier values" in by["step[dL_dv]"].message
    assert "could not be read" in by["step[dL_df]"].message and "decimal comma" in by["step[dL_df]"].message
    assert any("not a step of this sheet, so not graded: typo_step" in n for n in r.notes)
    assert any(n.startswith("Where it departs: dL_dy_hat") for n in r.notes)


def test_the_check_says_what_follows_and_never_a_value(ws1, tmp_path):
    a, sheet = ws1
    inputs = worksheet.personal_inputs(sheet, "erin")
    truth = sheet.evaluate(inputs)
    texts = {k: answer_text(v, 4) for k, v in truth.items() if k not in sheet.inputs}
    texts["f"] = answer_text(truth["f"] * 1.2, 4)
    (tmp_path / "answers.md").write_text(markdown(sheet, "erin", inputs, texts))
    text, ok = check(a, tmp_path)
    assert not ok and "- ✗ f: does not follow from your z" in text and "- ✓ z: follows from your W, x" in text
    assert "- ✗ y_hat" in text   # y_hat is the true value, which does not follow from the wrong f
    for k, v in truth.items():   # no value of the sheet is given away
        if k not in sheet.inputs:
            assert all(f"{x:.4g}" not in text for x in np.ravel(v)), k


def test_the_sheet_command_writes_a_students_sheet_that_reads_back(tmp_path):
    proc = run_grader("worksheet", WS1, "--student", "alice", "--out", tmp_path)
    assert proc.returncode == 0, proc.stderr
    a = assignment.load(WS1)
    sheet = worksheet.load(a)
    mine = worksheet.personal_inputs(sheet, "alice")
    back = read(tmp_path / "alice" / "answers.md")
    assert back.student == "alice" and all(np.allclose(back.values[k].reshape(np.shape(mine[k])), mine[k])
                                           for k in sheet.inputs)
    assert back.blank == [s.name for s in sheet.steps]
    nb = json.loads((tmp_path / "alice" / f"{WS1}.ipynb").read_text())
    steps = [c["metadata"]["worksheet"]["step"] for c in nb["cells"] if c["metadata"].get("worksheet")]
    assert steps == [s.name for s in sheet.steps] and nb["metadata"]["worksheet"]["student"] == "alice"
    roster = tmp_path / "roster.csv"
    with open(roster, "w", newline="") as f:
        csv.writer(f).writerows([["Name", "student"], ["Ann A", "ann"], ["Ben B", "ben"]])
    proc = run_grader("worksheet", WS1, "--all", "--roster", roster, "--out", tmp_path / "all")
    assert proc.returncode == 0 and sorted(p.name for p in (tmp_path / "all").iterdir()) == ["ann", "ben"]


@pytest.mark.parametrize("text, says", [("ann\nann\n", "ann is listed twice"), ("", "no students"),
                                        ("student\n../x\n", "cannot name a student's folder")])
def test_a_bad_roster_is_one_line(tmp_path, text, says):
    f = tmp_path / "roster.csv"
    f.write_text(text)
    with pytest.raises(ConfigError, match=says.replace(".", r"\.")):
        roster_names(f)


@pytest.mark.parametrize("change, says", [
    ({"rubric": [{"group": "g", "steps": ["nope"], "points": 1}]}, "the rubric grades nope"),
    ({"worksheet": {"figures": 1}}, "worksheet.figures"),
    ({"worksheet": {"ecf_credit": 2}}, "worksheet.ecf_credit"),
    ({"modules": ["m"]}, "field 'modules': expected nothing"),
])
def test_a_broken_worksheet_yaml_is_one_line_naming_the_file(tmp_path, change, says):
    import shutil
    import yaml
    course = tmp_path / "course"
    shutil.copytree(ROOT / "assignments" / WS1, course / "assignments" / WS1)
    shutil.copytree(ROOT / "solutions" / WS1, course / "solutions" / WS1)
    file = course / "assignments" / WS1 / "assignment.yaml"
    data = yaml.safe_load(file.read_text())
    data.update(change)
    file.write_text(yaml.safe_dump(data))
    with pytest.raises(ConfigError, match=says):
        worksheet.load(assignment.load(str(course / "assignments" / WS1)))


def test_the_classroom_step_reports_each_step_of_a_sheet_worth_no_points(tmp_path):
    import base64
    out = tmp_path / "github_output"
    proc = run_grader("classroom", WS1, "--path", ROOT / "examples" / "submissions" / WS1 / "slip_carried",
                      "--output", out)
    assert proc.returncode == 0, proc.stderr
    assert "Points 0/0" in proc.stdout and "- ✗ dL_dy_hat: does not follow from your y_hat, y" in proc.stdout
    data = json.loads(base64.b64decode(out.read_text().strip().split("=", 1)[1]))
    sheet = worksheet.load(assignment.load(WS1))
    assert [t["name"] for t in data["tests"]] == [f"{WS1}: {s.name}" for s in sheet.steps]
    assert [t["status"] for t in data["tests"]].count("fail") == 1 and data["status"] == "fail"


def test_a_steps_name_written_again_is_left_out():
    assert value("z: [0.1, 0.2]").tolist() == [0.1, 0.2] and value("L = 3.5") == 3.5


def test_a_misnamed_sheet_gets_a_row_saying_what_to_name_it(ws1, tmp_path):
    a, sheet = ws1
    (tmp_path / "fay").mkdir()
    (tmp_path / "fay" / "Answers.md").write_text("| z | 1 |\n")
    r = grade_one(a, sheet, StudentSource("fay", tmp_path / "fay"))
    assert r.status == "missing" and "found Answers.md: name it answers.md" in r.reason and r.total == 0


def test_the_sheet_notebook_is_valid_nbformat_4_5_with_cell_ids(tmp_path):
    """nbformat 4.5 requires a unique ``id`` on every cell; nbformat.validate says so."""
    nbformat = pytest.importorskip("nbformat")
    proc = run_grader("worksheet", WS1, "--student", "alice", "--out", tmp_path)
    assert proc.returncode == 0, proc.stderr
    nb = nbformat.read(tmp_path / "alice" / f"{WS1}.ipynb", as_version=nbformat.NO_CONVERT)
    assert (nb.nbformat, nb.nbformat_minor) == (4, 5)
    nbformat.validate(nb)
    ids = [c.id for c in nb.cells]
    assert len(set(ids)) == len(ids) == 2 + 2 * len(worksheet.load(assignment.load(WS1)).steps)
