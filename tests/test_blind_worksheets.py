"""The blind worksheet sets (tests/blind/worksheets_a, worksheets_b): sheets written as a class hands them
in, each step's verdict decided by a TA under the stated policy before anything was graded. The kit
must agree on at least 95 % of sheet totals (within 0.1) and 98 % of steps. Both sets are graded, each
worksheet's sheets in one run (copies are seen across a run's sheets)."""
import pytest
import yaml

from conftest import ROOT
from grader import assignment
from grader.source import StudentSource
from grader.worksheet.grading import grade_all

SETS = ["worksheets_a", "worksheets_b"]


def _agreement(name):
    corpus = ROOT / "tests" / "blind" / name
    truth = yaml.safe_load((corpus / "expected.yaml").read_text(encoding="utf-8"))
    sheets = steps = sheets_agreed = steps_agreed = 0
    disagreements = []
    for ws in sorted({key.split("/")[0] for key in truth}):
        students = [StudentSource(folder.name, folder) for folder in sorted((corpus / ws).iterdir()) if folder.is_dir()]
        results = grade_all(assignment.load(ws), students)
        for student, result in results.items():
            want = truth[f"{ws}/{student}"]
            sheets += 1
            if abs(result.total - want["total"]) <= 0.1:
                sheets_agreed += 1
            else:
                disagreements.append(f"{ws}/{student}: TA {want['total']}, kit {result.total}")
            points = {t.name[5:-1]: t.points for t in result.tests}
            for step, verdict in want["steps"].items():
                steps += 1
                steps_agreed += abs(points.get(step, -1) - verdict["points"]) <= 0.01
    return sheets_agreed / sheets, steps_agreed / steps, disagreements


@pytest.mark.parametrize("name", SETS)
def test_the_kit_grades_blind_sheets_as_the_ta_did(name):
    sheets, steps, disagreements = _agreement(name)
    assert sheets >= 0.95 and steps >= 0.98, (sheets, steps, disagreements)
