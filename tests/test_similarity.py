"""The similarity report: copies flagged, honest work and the starter not, the same bytes under any hash seed."""
import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("copydetect")

from grader.course import similarity  # noqa: E402
from grader.assignment import ConfigError, load  # noqa: E402
from conftest import ROOT  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "similarity"
HW2 = FIXTURES / "hw2"  # ana: honest; ben: ana's code renamed and reordered; chloe: honest, another style
TINY = FIXTURES / "tiny"  # one three-line function, written alike by two students
MODULES = ("compgraph", "calculus")


@pytest.fixture(scope="module")
def hw2():
    return load("hw2_compgraph")


@pytest.fixture(scope="module")
def hw2_report(hw2, tmp_path_factory):
    return similarity.report(hw2, HW2, tmp_path_factory.mktemp("hw2"))


def by_names(rep):
    return {(p.a, p.b): p for p in rep.pairs}


def csv_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def student(folder: Path, name: str, like: str | None = None, starter=None) -> Path:
    """A submission folder ``folder/name``: a copy of fixture student ``like``, or of the starters."""
    dest = folder / name
    dest.mkdir(parents=True)
    for module in MODULES:
        source = (starter / f"{module}.py") if starter else (HW2 / like / f"{module}.py")
        shutil.copy(source, dest / f"{module}.py")
    return dest


def test_the_copy_fixture_is_renamed_and_reordered():
    """The premise of the next test: ben's code is not ana's text with a few edits."""
    defs = re.compile(r"^def (\w+)", re.M)
    for module in MODULES:
        ana, ben = ((HW2 / s / f"{module}.py").read_text() for s in ("ana", "ben"))
        assert defs.findall(ana) != defs.findall(ben)
        assert sorted(defs.findall(ana)) == sorted(defs.findall(ben))
    ana, ben = ((HW2 / s / "compgraph.py").read_text() for s in ("ana", "ben"))
    for name in ("total_W", "dz", "diff", "hidden pre-activations"):
        assert name in ana and name not in ben


def test_a_renamed_reordered_copy_is_flagged_and_honest_work_is_not(hw2_report):
    pairs = by_names(hw2_report)
    copy = pairs["ana", "ben"]
    assert copy.flagged
    assert min(copy.similarity_a, copy.similarity_b) >= 0.9
    assert copy.overlap_tokens >= 3 * similarity.MIN_OVERLAP_TOKENS
    for honest in (("ana", "chloe"), ("ben", "chloe")):
        p = pairs.get(honest)
        assert p is None or (not p.flagged and max(p.similarity_a, p.similarity_b) < similarity.DEFAULT_THRESHOLD / 2)
    assert [p.flagged for p in hw2_report.pairs] == sorted((p.flagged for p in hw2_report.pairs), reverse=True)
    assert hw2_report.flagged == [copy]
    assert hw2_report.skipped == []


def test_the_csv_has_one_row_per_pair_flagged_first(hw2_report):
    rows = csv_rows(hw2_report.csv)
    assert list(rows[0]) == similarity.CSV_COLUMNS
    assert [(r["student_a"], r["student_b"]) for r in rows] == [(p.a, p.b) for p in hw2_report.pairs]
    for row, p in zip(rows, hw2_report.pairs):
        assert row["similarity_a"] == f"{p.similarity_a:.4f}" and row["similarity_b"] == f"{p.similarity_b:.4f}"
        assert int(row["overlap_tokens"]) == p.overlap_tokens > 0
        assert row["flagged"] == ("yes" if p.flagged else "no")
    assert rows[0]["student_a"] == "ana" and rows[0]["student_b"] == "ben" and rows[0]["flagged"] == "yes"


def test_short_code_that_everyone_writes_alike_is_not_flagged(tmp_path):
    tiny = load(str(TINY / "assignments" / "tiny_softmax"))
    rep = similarity.report(tiny, TINY / "submissions", tmp_path)
    (pair,) = rep.pairs
    assert (pair.a, pair.b) == ("ana", "ben")
    assert min(pair.similarity_a, pair.similarity_b) >= similarity.DEFAULT_THRESHOLD  # alike once names are filtered
    assert 0 < pair.overlap_tokens < similarity.MIN_OVERLAP_TOKENS
    assert not pair.flagged
    assert csv_rows(rep.csv)[0]["flagged"] == "no"
    # the minimum overlap is what keeps it unflagged
    assert similarity.report(tiny, TINY / "submissions", tmp_path / "any", min_overlap=1).pairs[0].flagged


def test_untouched_starters_are_skipped_not_flagged(hw2, tmp_path):
    folder = tmp_path / "subs"
    for name in ("sam", "tess"):
        student(folder, name, starter=hw2.public_dir)
    student(folder, "ana", "ana")
    rep = similarity.report(hw2, folder, tmp_path / "out")
    assert rep.pairs == []
    assert [name for name, _ in rep.skipped] == ["sam", "tess"]
    assert all("starter" in why for _, why in rep.skipped)
    assert csv_rows(rep.csv) == []


def test_a_starter_with_one_function_filled_in_is_compared_on_that_function(hw2, tmp_path):
    folder = tmp_path / "subs"
    for name in ("sam", "tess"):
        dest = student(folder, name, starter=hw2.public_dir)
        shutil.copy(HW2 / "ana" / "calculus.py", dest / "calculus.py")
    (pair,) = similarity.report(hw2, folder, tmp_path / "out").pairs
    assert pair.similarity_a == pair.similarity_b == 1.0 and pair.flagged


SCRIPT = """
import sys
from pathlib import Path
from grader.course import similarity
from grader.assignment import load
similarity.report(load("hw2_compgraph"), Path(sys.argv[1]), Path(sys.argv[2]), names={"ana": "Ana (s1)"})
"""


def test_the_report_is_the_same_bytes_under_any_hash_seed(hw2, tmp_path):
    folder = tmp_path / "subs"
    shutil.copytree(HW2, folder)
    student(folder, "sam", starter=hw2.public_dir)
    dest = student(folder, "dora", "chloe")
    shutil.copy(HW2 / "ana" / "calculus.py", dest / "calculus.py")  # shares a module with ana and ben
    outputs = []
    for seed in ("1", "2", "random"):
        out = tmp_path / f"out-{seed}"
        proc = subprocess.run([sys.executable, "-c", SCRIPT, str(folder), str(out)], cwd=ROOT,
                              env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True,
                              timeout=300)
        assert proc.returncode == 0, proc.stderr
        outputs.append({name: (out / name).read_bytes() for name in (similarity.CSV_NAME, similarity.HTML_NAME)})
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(csv_rows(tmp_path / "out-1" / similarity.CSV_NAME)) >= 4
    assert b"Ana (s1)" in outputs[0][similarity.CSV_NAME]


def test_the_page_escapes_student_text_and_needs_nothing_else(tmp_path, hw2):
    folder = tmp_path / "subs"
    student(folder, "ana", "ana")
    mallory = student(folder, "mallory", "ben")
    code = (mallory / "compgraph.py").read_text()
    (mallory / "compgraph.py").write_text(code.replace("def loss(", '# </table><script>alert("x")</script>\ndef loss(', 1))
    student(folder, "<b>eve", starter=hw2.public_dir)  # a folder name is student text too
    rep = similarity.report(hw2, folder, tmp_path / "out", names={"mallory": "Mal <img src=x onerror=alert(1)>"})
    assert [(p.a, p.b, p.flagged) for p in rep.pairs] == [("ana", "mallory", True)]
    page = rep.html.read_text(encoding="utf-8")
    assert "&lt;/table&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page  # the code is shown, escaped
    assert "Mal &lt;img src=x" in page and "&lt;b&gt;eve" in page
    assert "<script" not in page.lower() and "<img" not in page and "<b>" not in page
    assert "<mark>" in page
    assert not re.search(r"https?://|<link|\bsrc=\"", page)
    assert "never share" in page and "course staff only" in page.lower()
    assert page.count("</table>") == 1


def test_broken_and_empty_submissions_are_skipped_and_the_others_compared(hw2, tmp_path):
    folder = tmp_path / "subs"
    student(folder, "ana", "ana")
    student(folder, "ben", "ben")
    (folder / "broken.zip").write_bytes(b"PK\x03\x04 this is not a zip archive")
    (folder / "empty").mkdir()
    (folder / "notes").mkdir()
    (folder / "notes" / "README.txt").write_text("I ran out of time.\n")
    rep = similarity.report(hw2, folder, tmp_path / "out")
    skipped = dict(rep.skipped)
    assert sorted(skipped) == ["broken", "empty", "notes"]
    assert "could not be unpacked" in skipped["broken"]
    assert "compgraph.py" in skipped["empty"] and "README.txt" in skipped["notes"]
    assert [(p.a, p.b, p.flagged) for p in rep.pairs] == [("ana", "ben", True)]
    page = rep.html.read_text(encoding="utf-8")
    assert "broken: broken.zip could not be unpacked" in page


def test_a_notebook_is_compared_by_the_modules_it_holds(hw2, tmp_path):
    import nbformat

    folder = tmp_path / "subs"
    student(folder, "ana", "ana")
    (folder / "nina").mkdir()
    cells = [nbformat.v4.new_code_cell((HW2 / "ben" / f"{m}.py").read_text(), metadata={"nngrader": {"module": m}})
             for m in MODULES]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), folder / "nina" / "hw2_compgraph.ipynb")
    (pair,) = similarity.report(hw2, folder, tmp_path / "out").pairs
    assert (pair.a, pair.b, pair.flagged) == ("ana", "nina", True)
    assert min(pair.similarity_a, pair.similarity_b) >= 0.9


def test_labels_stand_for_names_in_the_csv(hw2_report, hw2, tmp_path):
    rep = similarity.report(hw2, HW2, tmp_path, names={"ben": "Ben Ode (s002)"})
    assert csv_rows(rep.csv)[0]["student_b"] == "Ben Ode (s002)"
    assert [(p.a, p.b) for p in rep.pairs] == [(p.a, p.b) for p in hw2_report.pairs]


def test_a_worksheet_has_no_code_to_compare(tmp_path):
    with pytest.raises(ConfigError, match="worksheet has no code to compare"):
        similarity.report(load("ws1_network_231"), HW2, tmp_path)
    assert not list(tmp_path.iterdir())


def test_without_copydetect_it_says_how_to_install_it(hw2, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "copydetect", None)  # import copydetect now raises ImportError
    with pytest.raises(ConfigError, match=r"pip install 'copydetect>=0.5'"):
        similarity.report(hw2, HW2, tmp_path)
