"""Real notebooks from otter-grader's, nbgrader's and nbformat's repositories (tests/fixtures/real_notebooks/,
README.md there says where each came from), handed in as hw1_derivatives submissions and graded in one
run: none causes a traceback, each gets its row, a reason where it cannot be graded, an R or other
notebook is named as such, and nbformat v2 and v3 notebooks are upgraded as nbformat upgrades them."""
import json
import re
import shutil

import nbformat
import pytest

from grader import assignment as assignments
from grader.notebook import build as nbb
from grader.notebook import formats
from grader.notebook import read as nbm
from conftest import ROOT, run_grader

REAL = ROOT / "tests" / "fixtures" / "real_notebooks"
ASSIGNMENT = "hw1_derivatives"
OTHER_LANGUAGES = {"assign-r-code-question.ipynb": "R", "r-example.ipynb": "R", "no_min_version.ipynb": "plaintext"}
OLD_FORMATS = {"test2.ipynb": 2, "test3.ipynb": 3, "test3_no_min_version.ipynb": 3, "test3_no_worksheets.ipynb": 3}


def real_notebooks():
    return sorted(REAL.rglob("*.ipynb"))


def student_of(path) -> str:
    """The student folder of a real notebook: its repository and path, as one name."""
    return re.sub(r"[^A-Za-z0-9.]+", "-", path.relative_to(REAL).as_posix().removesuffix(".ipynb"))


def reference_in_old_format(version: int) -> str:
    """The hw1 reference as a notebook of nbformat ``version``, written as nbformat writes that version."""
    a = assignments.load(ASSIGNMENT)
    nb = nbformat.convert(nbb.build(a, nbb.reference_sources(a)), version)
    return nbformat.versions[version].writes_json(nb)  # as nbformat.writes, without its schema warning


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Every real notebook, and the reference as v3 and v2 notebooks, graded in one run."""
    base = tmp_path_factory.mktemp("real")
    subs, out = base / "subs", base / "out"
    students = {}
    for path in real_notebooks():
        folder = subs / student_of(path)
        folder.mkdir(parents=True)
        shutil.copyfile(path, folder / path.name)
        students[folder.name] = path
    for version in (3, 2):
        folder = subs / f"reference-v{version}"
        folder.mkdir()
        (folder / f"{ASSIGNMENT}.ipynb").write_text(reference_in_old_format(version), encoding="utf-8")
    proc = run_grader("grade", "--assignment", ASSIGNMENT, "--submissions", subs, "--out", out, "-q",
                      "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    data = json.loads((out / ASSIGNMENT / "scores.json").read_text(encoding="utf-8"))
    return students, {s["student"]: s for s in data["students"]}, out / ASSIGNMENT


def test_the_sample_holds_every_format_and_a_notebook_of_another_language():
    versions = set()
    for path in real_notebooks():
        raw = json.loads(path.read_text(encoding="utf-8"))
        versions.add((raw.get("nbformat"), raw.get("nbformat_minor")))
    assert {2, 3, 4} <= {major for major, _ in versions}
    assert {(4, 0), (4, 1), (4, 2), (4, 4), (4, 5), (4, 99)} <= versions
    assert len(versions) >= 8 and len(real_notebooks()) >= 30
    for repo in ("nbgrader", "otter-grader", "nbformat"):
        assert (REAL / repo / "LICENSE").is_file(), repo
        assert f"{repo}/" in (REAL / "README.md").read_text(encoding="utf-8")
    for path in real_notebooks():  # every notebook is listed in the README, by its path
        assert path.relative_to(REAL).as_posix() in (REAL / "README.md").read_text(encoding="utf-8"), path


def test_every_real_notebook_gets_its_row_and_a_reason_where_it_cannot_be_graded(graded):
    students, rows, out = graded
    assert set(rows) == set(students) | {"reference-v3", "reference-v2"}
    for student, path in students.items():
        row = rows[student]
        assert row["status"] != "grader error", (student, row)
        assert row["total"] == 0, (student, row)  # none of them is a solution of hw1
        for text in (row["reason"], *row["notes"]):
            assert "Traceback" not in text and "\n" not in text, (student, text)
        if row["status"] != "ok":
            assert row["reason"], (student, row)
        if row["status"] == "missing" or path.name in OTHER_LANGUAGES:  # the notebook itself is the reason
            assert row["reason"].startswith(path.name), (student, row)
        feedback = (out / "students" / student / "feedback.md").read_text(encoding="utf-8")
        assert "Traceback" not in feedback, student
        # what the grader says of a notebook speaks of its cells, never of a module file the student did not write
        said = [row["reason"], *row["notes"], *(t["message"] for t in row["tests"])]
        assert not [text for text in said if "derivatives.py" in text], student
        if row["status"] == "ok":
            assert f"no code cell of {path.name} defines sigmoid (check its name)" in feedback, student


def test_a_notebook_of_another_language_is_named_as_such(graded):
    students, rows, _ = graded
    named = {student: OTHER_LANGUAGES[path.name] for student, path in students.items() if path.name in OTHER_LANGUAGES}
    assert len(named) == len(OTHER_LANGUAGES)
    for student, language in named.items():
        row = rows[student]
        assert row["status"] == "error", row
        assert f"is a notebook in {language}, not Python" in row["reason"], row
        assert "SyntaxError" not in row["reason"]


def test_v2_and_v3_notebooks_are_upgraded_not_refused(graded):
    students, rows, _ = graded
    old = {student: path for student, path in students.items() if path.name in OLD_FORMATS}
    assert len(old) == len(OLD_FORMATS)
    for student, path in old.items():
        assert "notebook format" not in rows[student]["reason"] or path.name == "test3_no_worksheets.ipynb", rows[student]
    no_worksheets = next(s for s, p in old.items() if p.name == "test3_no_worksheets.ipynb")
    assert rows[no_worksheets]["status"] == "missing"
    assert "has no code: a notebook of format 3 with no worksheets" in rows[no_worksheets]["reason"]
    # the reference, handed in as a v3 or a v2 notebook, earns every point
    for version in (3, 2):
        row = rows[f"reference-v{version}"]
        assert (row["status"], row["total"]) == ("ok", row["max"]), row


@pytest.mark.parametrize("version", [1, 2, 3])
def test_old_formats_read_as_nbformat_reads_them(version, tmp_path):
    """``read`` gives the cells ``nbformat.read(..., as_version=4)`` gives, for every old version."""
    if version == 1:
        text = json.dumps({"nbformat": 1, "name": "old", "cells": [
            {"cell_type": "code", "code": "def sigmoid(x):\n    return x"},
            {"cell_type": "text", "text": "some words"}]})
    else:
        text = reference_in_old_format(version)
    path = tmp_path / "old.ipynb"
    path.write_text(text, encoding="utf-8")
    ours = nbm.read(path)
    theirs = nbformat.read(path, as_version=4)
    assert ours["nbformat"] == 4
    assert [(c["cell_type"], c["source"]) for c in ours["cells"]] == \
        [(c["cell_type"], c["source"]) for c in theirs["cells"]]
    assert any("def sigmoid" in c["source"] for c in ours["cells"] if c["cell_type"] == "code")


@pytest.mark.parametrize("raw, words, status", [
    ({"nbformat": 5, "nbformat_minor": 0, "cells": []}, "is in notebook format 5, newer than", "error"),
    ({"nbformat": "4", "cells": []}, "has no nbformat version number", "error"),
    ({"cells": []}, "has no nbformat version number", "error"),
    ({"nbformat": 0, "cells": []}, "its nbformat version is 0", "error"),
    ({"nbformat": 3, "nbformat_minor": 0, "metadata": {}}, "no worksheets, so no cells", "missing"),
    ({"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": 7}]},
     "could not be upgraded to format 4", "error"),
    ({"nbformat": 4, "nbformat_minor": 5, "cells": [],
      "metadata": {"kernelspec": {"language": "julia\x1b[31m", "name": "julia-1.9"}}},
     "is a notebook in julia\\x1b[31m, not Python", "error"),
    ({"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": [
        {"cell_type": "code", "language": "scala", "input": "val x = 1", "outputs": []}]}]},
     "is a notebook in scala, not Python", "error"),
])
def test_a_notebook_that_cannot_be_read_says_why_in_one_line(raw, words, status, tmp_path):
    path = tmp_path / "odd.ipynb"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(nbm.NotebookError) as caught:
        nbm.read(path)
    assert str(caught.value).startswith("odd.ipynb ") and words in str(caught.value), str(caught.value)
    assert caught.value.status == status and "\n" not in str(caught.value)


@pytest.mark.parametrize("metadata", [
    {}, {"kernelspec": {"language": "python", "name": "python3"}}, {"language_info": {"name": "python"}},
    {"kernelspec": {"language": "Python 3"}}, {"language_info": {"name": "ipython3"}}, {"kernelspec": "R"},
])
def test_python_notebooks_and_those_that_name_no_language_are_read(metadata):
    assert formats.upgraded(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": metadata,
                                        "cells": []}))["nbformat"] == 4
