"""Grade folders are data: what merge, --student and --resume read back from a folder is checked
before it is believed, and a run that is stopped or killed leaves no process behind."""
import json
import shutil

import pytest

from conftest import COURSE, TOY, run_grader

EXAMPLES = COURSE / "examples" / "submissions" / "toy"
STUDENTS = ("reference", "stubs", "wrong_above_100")


def submissions(folder, names=STUDENTS):
    for name in names:
        shutil.copytree(EXAMPLES / name, folder / name)
    return folder


def snapshot(root):
    """Every file under ``root`` and its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def forge(scores_json, how, where):
    """Change the row of ``stubs`` in a scores.json as an editor of the file would, keeping what
    the grader checked before (shard parts, the names' digest, totals) in step."""
    from grader.shard import names_digest, of
    data = json.loads(scores_json.read_text(encoding="utf-8"))
    row = next(s for s in data["students"] if s["student"] == "stubs")
    part = data.get("shard", {}).get("index")
    if how in ("absolute", "dotdot"):
        names = (str(where / f"escape{i}") if how == "absolute" else f"../escape{i}" for i in range(100))
        row["student"] = next(n for n in names if part is None or of(n, data["shard"]["count"]) == part)
    elif how == "points":
        row["tests"][0]["points"] = 300
    elif how == "unknown test":
        row["tests"][0]["name"] = "test_free_points"
    elif how == "total":
        row["total"] = 300
    if how != "total":
        row["total"] = sum(t["points"] for t in row["tests"])
        row["groups"] = {g: sum(t["points"] for t in row["tests"] if t["group"] == g) for g in row["groups"]}
    if part is not None:
        data["shard"]["names"] = names_digest(s["student"] for s in data["students"])
    scores_json.write_text(json.dumps(data, indent=1), encoding="utf-8")


FORGERIES = {"absolute": "is an absolute path", "dotdot": "holds a path separator",
             "points": "has 300 points, outside 0 to its 1", "unknown test": "is none of the assignment's tests",
             "total": "says 300 points in all, but its tests add up to 0"}


def one_line(proc, file):
    line = proc.stderr.strip()
    assert proc.returncode == 2 and "\n" not in line and line.startswith(f"error: {file}: "), proc.stderr
    return line


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The toy examples graded whole, and as two shards merged into another folder."""
    tmp = tmp_path_factory.mktemp("folders")
    folder = submissions(tmp / "submissions")
    for args in ([], ["--shard", "1/2"], ["--shard", "2/2"]):
        out = tmp / ("whole" if not args else f"shard{args[1][0]}")
        proc = run_grader("grade", "-a", TOY, "-s", folder, "-o", out, "-q", *args)
        assert proc.returncode == 0, proc.stderr
    proc = run_grader("merge", tmp / "shard1" / "toy", tmp / "shard2" / "toy", "-a", TOY, "-o", tmp / "merged")
    assert proc.returncode == 0, proc.stderr
    return tmp, folder


@pytest.mark.parametrize("how", FORGERIES)
def test_merge_refuses_a_forged_shard_row_in_one_line_naming_the_file_and_writes_nothing(graded, tmp_path, how):
    tmp, _ = graded
    for part in ("shard1", "shard2", "merged"):
        shutil.copytree(tmp / part, tmp_path / part)
    scores = next(p for p in (tmp_path / "shard1" / "toy" / "scores.json", tmp_path / "shard2" / "toy" / "scores.json")
                  if "stubs" in p.read_text())
    forge(scores, how, tmp_path)
    before = snapshot(tmp_path)
    proc = run_grader("merge", tmp_path / "shard1" / "toy", tmp_path / "shard2" / "toy", "-a", TOY,
                      "-o", tmp_path / "merged")
    assert FORGERIES[how] in one_line(proc, scores)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("how", FORGERIES)
def test_regrading_one_student_refuses_forged_earlier_grades_and_writes_nothing(graded, tmp_path, how):
    tmp, folder = graded
    shutil.copytree(tmp / "whole", tmp_path / "out")
    scores = tmp_path / "out" / "toy" / "scores.json"
    forge(scores, how, tmp_path)
    before = snapshot(tmp_path)
    proc = run_grader("grade", "-a", TOY, "-s", folder, "-o", tmp_path / "out", "-q", "--student", "reference")
    assert FORGERIES[how] in one_line(proc, scores)
    assert snapshot(tmp_path) == before


def test_a_swap_cut_between_its_renames_is_finished_so_no_grade_is_dropped_unasked(graded, tmp_path):
    """Killed between report.write's renames: the earlier grades are in .toy.old, the new in .toy.new."""
    tmp, folder = graded
    out = tmp_path / "out"
    shutil.copytree(tmp / "whole" / "toy", out / ".toy.old")
    shutil.copytree(tmp / "whole" / "toy", out / ".toy.new")
    shutil.copytree(folder, tmp_path / "fewer")
    shutil.rmtree(tmp_path / "fewer" / "stubs")
    proc = run_grader("grade", "-a", TOY, "-s", tmp_path / "fewer", "-o", out, "-q")
    assert proc.returncode == 2 and "this run has no submission of (stubs)" in proc.stderr, proc.stderr
    assert snapshot(out / "toy") == snapshot(tmp / "whole" / "toy")
    assert sorted(p.name for p in out.iterdir()) == ["toy"]
