"""Every bundled example submission gets exactly the score its expected.yaml reasons out."""
from pathlib import Path

import pytest
import yaml

from conftest import COURSE, ROOT, grade_folder

EXAMPLES = sorted((ROOT / "examples" / "submissions").glob("*/expected.yaml")) + [
    COURSE / "examples" / "submissions" / "toy" / "expected.yaml"]


def _assignment_of(expected: Path) -> Path:
    course = expected.parents[3]
    return course / "assignments" / expected.parent.name


@pytest.mark.parametrize("expected_file", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_examples_get_their_expected_scores(expected_file, tmp_path):
    expected = yaml.safe_load(expected_file.read_text(encoding="utf-8"))
    folder = expected_file.parent
    on_disk = {p.stem if p.suffix == ".zip" else p.name for p in folder.iterdir()
               if p.name != "expected.yaml" and not p.name.startswith((".", "__"))}
    assert on_disk == set(expected), "every example needs an expectation, and every expectation an example"
    got = grade_folder(_assignment_of(expected_file), folder, tmp_path)
    wrong = {name: (want, {"total": got[name]["total"], "status": got[name]["status"],
                           "reason": got[name]["reason"]})
             for name, want in expected.items()
             if abs(got[name]["total"] - want["total"]) > 1e-9 or got[name]["status"] != want["status"]}
    assert not wrong, f"students whose score differs from {expected_file}: {wrong}"
    # The diagnosis: the bug's cause (a phrase of it) under its failed tests; nothing for any other student.
    causes = {name: sorted({line.strip() for t in got[name]["tests"] for line in t["message"].splitlines()
                            if line.strip().startswith("Likely cause:")}) for name in expected}
    # Beside the cause, a line may only observe (a factor, a nan): no sentence of the catalog but the cause's.
    from grader import diagnose, mistakes
    sentences = [m.says for m in diagnose.load_catalog(ROOT / "assignments" / folder.name / "misconceptions.yaml")]
    library = mistakes.load(ROOT / "solutions" / folder.name)
    sentences += [m.says for m in (library.mistakes if library else [])]
    wrong_cause = {}
    for name, want in expected.items():
        cause = want.get("cause")
        others = [c for c in causes[name] if not (cause and cause in c)
                  and any(says.split(":")[0] in c for says in sentences)]
        if cause and not (any(cause in c for c in causes[name]) and not others):
            wrong_cause[name] = (cause, causes[name])
        elif not cause and causes[name]:
            wrong_cause[name] = (None, causes[name])
    assert not wrong_cause, f"students whose Likely cause differs from {expected_file}: {wrong_cause}"
    # An observation (a relation the numbers show, not a cause): `observed:`, a phrase of an Observed line.
    missing = {name: want["observed"] for name, want in expected.items() if want.get("observed") and not any(
        want["observed"] in line for t in got[name]["tests"] for line in t["message"].splitlines()
        if line.strip().startswith("Observed:"))}
    assert not missing, f"students without their Observed line in {expected_file}: {missing}"


def test_every_assignment_has_examples():
    names = {p.parent.name for p in (ROOT / "assignments").glob("*/assignment.yaml")}
    with_examples = {p.parent.name for p in (ROOT / "examples" / "submissions").glob("*/expected.yaml")}
    assert names <= with_examples
