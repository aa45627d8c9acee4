"""The worksheet policy of the README and the handouts, rule by rule: rounding carried from the
figures written, copied work, input slips, values not read never charged twice, shapes, the other
worksheet. Expected states are the rule's own; values come from the reference steps."""
import numpy as np
import pytest

from grader import assignment
from grader.source import StudentSource
from grader.worksheet import steps as worksheet
from grader.worksheet.answers import Answers
from grader.worksheet.grading import (COPIED, ECF, RIGHT, ROUNDED, UNANSWERED, UNREADABLE, WRONG, grade_all,
                                      inputs_written, judge, Others)
from grader.worksheet.sheet import answer_text, markdown

WS1, WS2 = "ws1_network_231", "ws2_networks_321_421"


@pytest.fixture(scope="module")
def ws1():
    a = assignment.load(WS1)
    return a, worksheet.load(a)


def _answers(values: dict, figures: dict | None = None, alternatives: dict | None = None, **extra) -> Answers:
    a = Answers(file=None, values={k: np.asarray(v, dtype=float) for k, v in values.items()}, **extra)
    a.alternatives = alternatives or {}
    if figures is not None:
        a.figures = {k: np.full(np.shape(values[k]), float(f)) for k, f in figures.items()}
    return a


def _rounded(x, figures):
    x = np.asarray(x, dtype=float)
    return np.vectorize(lambda v: float(f"{v:.{figures - 1}e}"))(x) if x.size else x


def _states(judged):
    return {k: j.state for k, j in judged.items()}


def test_fewer_figures_written_than_carried_leaves_the_later_steps_right(ws1):
    _, sheet = ws1
    inputs = worksheet.personal_inputs(sheet, "ana")
    truth = sheet.evaluate(inputs)
    values = {s.name: _rounded(truth[s.name], 4) for s in sheet.steps}
    values["f"] = _rounded(truth["f"], 2)   # written to 2 figures, carried at full precision
    figures = {s.name: 4 for s in sheet.steps} | {"f": 2}
    states = _states(judge(sheet, _answers(values, figures), inputs))
    assert states["f"] in (WRONG, ROUNDED)
    assert all(states[s.name] in (RIGHT, ECF) for s in sheet.steps if s.name not in ("z", "f")), states
    # the same sheet read as if every value carried 4 figures does not get that slack
    strict = _states(judge(sheet, _answers(values, {s.name: 6 for s in sheet.steps}), inputs))
    assert any(strict[k] not in (RIGHT, ECF) for k in ("y_hat", "dL_dv", "dL_dz")), strict


def test_three_figures_need_the_parents_rounding_not_a_looser_one(ws1):
    _, sheet = ws1
    inputs = worksheet.personal_inputs(sheet, "ben")
    truth = sheet.evaluate(inputs)
    values = {s.name: _rounded(truth[s.name], 6) for s in sheet.steps}   # parents written to 6 figures
    figures = {s.name: 6 for s in sheet.steps}
    y_hat = float(truth["y_hat"])
    unit3 = 10.0 ** (np.floor(np.log10(abs(y_hat))) - 2)
    values["y_hat"] = y_hat + 0.6 * unit3          # within one unit in the 3rd figure
    assert _states(judge(sheet, _answers(values, figures), inputs))["y_hat"] == ROUNDED
    values["y_hat"] = y_hat + 2.5 * unit3          # 2.5 units off in the 3rd figure: wrong
    assert _states(judge(sheet, _answers(values, figures), inputs))["y_hat"] == WRONG


def test_a_value_not_read_is_not_charged_twice(ws1):
    _, sheet = ws1
    inputs = worksheet.personal_inputs(sheet, "cai")
    wrong_f = sheet.evaluate(inputs)["f"] * 1.1     # the student's own (wrong) f, which did not read
    mine = sheet.evaluate(inputs, {"f": wrong_f})
    values = {s.name: mine[s.name] for s in sheet.steps if s.name != "f"}
    for reason in ("unreadable", "missing"):
        extra = {"unreadable": {"f": "'0.7x' is not a number"}} if reason == "unreadable" else {}
        states = _states(judge(sheet, _answers(values, **extra), inputs))
        assert states["f"] == (UNREADABLE if reason == "unreadable" else UNANSWERED)
        assert states["y_hat"] == ECF and states["dL_dv"] == ECF and states["dL_dz"] == ECF, states
    # an alternative reading that the later steps follow from is taken
    alt = _answers(values, unreadable={"f": "ambiguous"}, alternatives={"f": [wrong_f, wrong_f * 3]})
    assert _states(judge(sheet, alt, inputs))["dL_dv"] == ECF


def test_a_matrix_is_never_reshaped(ws1):
    _, sheet = ws1
    inputs = worksheet.personal_inputs(sheet, "dev")
    truth = sheet.evaluate(inputs)
    values = {s.name: truth[s.name] for s in sheet.steps}
    values["dL_dv"] = truth["dL_dv"].reshape(2, 2)        # 4 numbers as 2 rows of 2
    answers = _answers(values)
    states = _states(judge(sheet, answers, inputs))
    assert states["dL_dv"] == UNREADABLE and "2 rows of 2 given, 4 numbers asked for" in answers.unreadable["dL_dv"]
    values["dL_dv"] = truth["dL_dv"].reshape(1, 4)        # one row: a row
    values["y_hat"] = np.array([truth["y_hat"]])            # one number in brackets
    assert _states(judge(sheet, _answers(values), inputs))["dL_dv"] == RIGHT


def test_an_input_copied_wrong_is_the_students_own_slip(ws1):
    _, sheet = ws1
    inputs = worksheet.personal_inputs(sheet, "eve")
    written = {k: np.array(v, dtype=float) for k, v in inputs.items()}
    written["x"] = written["x"].copy()
    written["x"][0] += 0.5
    slipped = sheet.evaluate(written)                      # worked consistently from the mis-copy
    answers = _answers({**written, **{s.name: slipped[s.name] for s in sheet.steps}})
    assert inputs_written(sheet, answers, inputs) == "slip"
    slipped = {"x": written["x"]}
    states = _states(judge(sheet, answers, inputs, carry=True, slipped=slipped))
    assert states["z"] == WRONG and states["f"] == ECF and states["dL_dW"] == ECF, states
    other = worksheet.personal_inputs(sheet, "frank")
    assert inputs_written(sheet, _answers(dict(other)), inputs) == "someone else"


def test_a_friends_later_values_under_ones_own_inputs_earn_nothing(ws1, tmp_path):
    a, sheet = ws1
    folders = {}
    for name in ("gil", "hana"):
        folders[name] = tmp_path / name
        folders[name].mkdir()
    gil = worksheet.personal_inputs(sheet, "gil")
    hana = worksheet.personal_inputs(sheet, "hana")
    truth_gil = sheet.evaluate(gil)
    (folders["gil"] / "answers.md").write_text(markdown(sheet, "gil", gil, {
        s.name: answer_text(truth_gil[s.name], 4) for s in sheet.steps}))
    # hana keeps her own numbers and her own z, then copies gil's values from f on
    truth_hana = sheet.evaluate(hana)
    texts = {s.name: answer_text(truth_gil[s.name], 4) for s in sheet.steps}
    texts["z"] = answer_text(truth_hana["z"], 4)
    (folders["hana"] / "answers.md").write_text(markdown(sheet, "hana", hana, texts))
    results = grade_all(a, [StudentSource("gil", folders["gil"]), StudentSource("hana", folders["hana"])])
    assert results["gil"].total == pytest.approx(a.max_points)
    by = {t.name: t for t in results["hana"].tests}
    assert by["step[z]"].passed and results["hana"].total == pytest.approx(by["step[z]"].points)
    assert "another student's numbers" in by["step[y_hat]"].message
    # alone in its run, the same sheet's later steps carry forward from its own (wrong) f
    alone = grade_all(a, [StudentSource("hana", folders["hana"])])["hana"]
    assert alone.total > results["hana"].total


def test_copying_needs_more_than_one_number_to_agree(ws1):
    _, sheet = ws1
    others = Others(sheet)
    others.add("ivy", {"L": np.array(1.234)})
    answers = _answers({"L": np.array(1.234)})
    inputs = worksheet.personal_inputs(sheet, "jon")
    truth = sheet.evaluate(inputs)
    assert others.copied("jon", answers, truth, sheet) == {}


def test_a_sheet_of_the_other_worksheet_is_named_as_such(tmp_path):
    a1, a2 = assignment.load(WS1), assignment.load(WS2)
    sheet2 = worksheet.load(a2)
    inputs = worksheet.personal_inputs(sheet2, "kim")
    truth = sheet2.evaluate(inputs)
    folder = tmp_path / "kim"
    folder.mkdir()
    (folder / "answers.md").write_text(markdown(sheet2, "kim", inputs, {
        s.name: answer_text(truth[s.name], 4) for s in sheet2.steps}))
    r = grade_all(a1, [StudentSource("kim", folder)])["kim"]
    assert r.total == 0 and f"a sheet of {WS2}, not of {WS1}" in r.reason
