"""Grading in parts on several machines: ``grade --shard K/N`` and ``merge``, checked against one
run over the same submissions, and every way a set of shard folders can fail to be one run."""
import hashlib
import json
import shutil
import subprocess
import sys

import pytest

from conftest import HW2_SIX as STUDENTS, ROOT, assert_same_grades, run_grader

HW2 = "hw2_compgraph"
EXAMPLES = ROOT / "examples" / "submissions" / HW2


def course(folder, names=STUDENTS):
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copytree(EXAMPLES / name, folder / name)
    return folder


def grade(submissions, out, *extra, assignment=HW2):
    proc = run_grader("grade", "-a", assignment, "-s", submissions, "-o", out, "-q", *extra)
    assert proc.returncode == 0, proc.stderr
    return out / HW2


def merge(*args):
    return run_grader("merge", *args)


def students(folder):
    return [s["student"] for s in json.loads((folder / "scores.json").read_text(encoding="utf-8"))["students"]]


def one_line_error(proc):
    line = proc.stderr.strip()
    assert proc.returncode == 2 and "\n" not in line and line.startswith("error: "), proc.stderr
    return line


@pytest.fixture(scope="module")
def graded(tmp_path_factory, hw2_six):
    """The six submissions graded once whole and once as three shards."""
    tmp = tmp_path_factory.mktemp("shards")
    submissions, whole = hw2_six
    shards = [grade(submissions, tmp / f"shard{k}", "--shard", f"{k}/3") for k in (1, 2, 3)]
    return tmp, submissions, whole, shards


def test_three_shards_merged_are_one_run_byte_for_byte_but_the_times(graded, tmp_path):
    tmp, _, whole, shards = graded
    parts = [students(s) for s in shards]
    assert all(parts) and sorted(sum(parts, [])) == sorted(STUDENTS)  # each shard graded some, none twice
    for k, shard in enumerate(shards, 1):
        record = json.loads((shard / "scores.json").read_text())["shard"]
        assert (record["index"], record["count"], record["submissions"]) == (k, 3, len(STUDENTS))
        assert sorted(p.name for p in (shard / "students").iterdir()) == sorted(parts[k - 1])
    proc = merge(*shards, "--out", tmp_path / "merged")
    assert proc.returncode == 0, proc.stderr
    files = assert_same_grades(tmp_path / "merged", whole)
    assert {"scores.csv", "scores.json", "gradebook.csv", "summary.md"} <= set(files)
    assert {f"students/{s}/{f}" for s in STUDENTS for f in ("results.json", "feedback.md")} <= set(files)
    try:
        import matplotlib  # noqa: F401
        assert "histogram.png" in files
    except ImportError:
        pass
    assert "shard" not in json.loads((tmp_path / "merged" / "scores.json").read_text())
    # the merged grades are a run's own: a student can be regraded into them
    proc = run_grader("grade", "-a", HW2, "-s", graded[1], "-o", tmp_path / "again", "-q", "--student", "stubs")
    assert proc.returncode == 2  # (no earlier grades there)
    shutil.copytree(tmp_path / "merged", tmp_path / "again" / HW2)
    proc = run_grader("grade", "-a", HW2, "-s", graded[1], "-o", tmp_path / "again", "-q", "--student", "stubs")
    assert proc.returncode == 0, proc.stderr


def test_a_students_part_is_the_sha256_of_their_name_alone():
    from grader.grading import shard
    names = [f"student{i:04d}" for i in range(2000)] + ["Zoë O'Brien", "carol", "a b"]
    for name in names[::97] + names[-3:]:
        expected = int(hashlib.sha256(name.encode()).hexdigest()[:16], 16) % 4 + 1  # as the README documents
        assert shard.of(name, 4) == expected
    counts = [sum(shard.of(n, 4) == k for n in names[:2000]) for k in (1, 2, 3, 4)]
    assert min(counts) > 400, counts  # about a quarter each
    # the same in another process, whose str hash() is salted otherwise
    code = "from grader.grading.shard import of; print([of(n, 7) for n in ('carol', 'dave', 'Zoë')])"
    outs = {subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                           env={"PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert outs == {str([shard.of(n, 7) for n in ("carol", "dave", "Zoë")]) + "\n"}


def test_adding_submissions_moves_nobody_to_another_shard(graded, tmp_path):
    _, submissions, _, shards = graded
    bigger = shutil.copytree(submissions, tmp_path / "bigger")
    for extra in ("chain_rule_at_x", "no_bias_grad", "notebook_untagged"):
        shutil.copytree(EXAMPLES / extra, bigger / extra)
    again = grade(bigger, tmp_path / "out", "--shard", "2/3")
    assert set(students(shards[1])) <= set(students(again))


def test_a_shard_with_nobody_in_it_is_an_empty_shard_folder_and_merges(tmp_path):
    submissions = course(tmp_path / "two", ("reference", "stubs"))  # two students: one of three shards is empty
    shards = [grade(submissions, tmp_path / f"s{k}", "--shard", f"{k}/3") for k in (1, 2, 3)]
    empty = [s for s in shards if not students(s)]
    assert empty
    assert (empty[0] / "scores.csv").read_text().count("\n") == 1  # the header alone
    assert "0 submissions" in (empty[0] / "summary.md").read_text()
    assert json.loads((empty[0] / "scores.json").read_text())["shard"]["submissions"] == 2
    proc = merge(*shards, "--out", tmp_path / "merged")
    assert proc.returncode == 0, proc.stderr
    assert_same_grades(tmp_path / "merged", grade(submissions, tmp_path / "whole"))
    # a folder holding nobody at all is still refused, shard or not
    (tmp_path / "nobody").mkdir()
    proc = run_grader("grade", "-a", HW2, "-s", tmp_path / "nobody", "-o", tmp_path / "s1", "-q", "--shard", "1/3")
    assert "no submissions in it" in one_line_error(proc)


@pytest.mark.parametrize("value, says", [
    ("0/3", "K must be from 1 to 3"), ("4/3", "K must be from 1 to 3"), ("-1/3", "K must be from 1 to 3"),
    ("3", "expected K/N"), ("a/b", "expected K/N"), ("1/0", "expected K/N"), ("1.5/3", "expected K/N"),
])
def test_a_bad_shard_is_a_one_line_error(value, says, tmp_path, capsys):
    from grader.cli.commands import main
    code = main(["grade", "-a", HW2, "-s", str(EXAMPLES), "-o", str(tmp_path), "-q", f"--shard={value}"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and "\n" not in err and err.startswith(f"error: --shard {value}: ") and says in err, err
    assert not any(tmp_path.iterdir())


def _edit(folder, change):
    file = folder / "scores.json"
    data = json.loads(file.read_text(encoding="utf-8"))
    change(data)
    file.write_text(json.dumps(data), encoding="utf-8")


def _refused(folders, says, out, **kwargs):
    from grader.staff import merge as merging
    from grader.assignment import ConfigError
    with pytest.raises(ConfigError) as e:
        merging.merge(folders, out=out, **kwargs)
    message = str(e.value)
    assert "\n" not in message and says in message, message
    assert not out.exists()
    return message


def test_a_missing_shard_is_refused_naming_the_given_ones(graded, tmp_path):
    _, _, _, (s1, s2, s3) = graded
    message = _refused([s1, s3], "shard 2/3 missing", tmp_path / "out")
    assert str(s1) in message and str(s3) in message
    proc = merge(s1, s3, "--out", tmp_path / "out")
    assert "shard 2/3 missing" in one_line_error(proc) and not (tmp_path / "out").exists()


def test_a_duplicated_shard_or_student_is_refused_naming_the_folder(graded, tmp_path):
    _, _, _, (s1, s2, s3) = graded
    again = shutil.copytree(s1, tmp_path / "s1-again")
    _refused([s1, s2, again, s3], f"{again}: shard 1/3 again (also {s1})", tmp_path / "out")
    # a student of shard 1 slipped into shard 2's grades as well
    twice = shutil.copytree(s2, tmp_path / "s2-twice")
    first = json.loads((s1 / "scores.json").read_text())["students"][0]
    _edit(twice, lambda d: d["students"].append(first))
    _refused([s1, twice, s3], f"{twice}: holds {first['student']}, who is also in {s1}", tmp_path / "out")
    # ... or moved there from shard 1: in a part that is not theirs
    moved = shutil.copytree(s1, tmp_path / "s1-moved")
    _edit(moved, lambda d: d["students"].remove(first))
    _refused([moved, twice, s3], f"{twice}: holds {first['student']}, whose part is 1/3, not 2/3",
             tmp_path / "out")


def test_a_foreign_shard_is_refused_naming_the_folder(graded, tmp_path):
    tmp, submissions, whole, (s1, s2, s3) = graded
    # graded with another version of the hidden tests
    course_copy = tmp_path / "course"
    for part in ("assignments", "solutions"):
        shutil.copytree(ROOT / part / HW2, course_copy / part / HW2)
    with open(course_copy / "solutions" / HW2 / "tests" / "test_hidden.py", "a") as f:
        f.write("\n# another version of the hidden tests\n")
    other = grade(submissions, tmp_path / "other", "--shard", "2/3", assignment=course_copy / "assignments" / HW2)
    assert students(other) == students(s2)
    _refused([s1, other, s3], f"{other}: graded with other tests, reference, rubric or --seed", tmp_path / "out")
    # with another --seed than the merge's
    _refused([s1, s2, s3], f"{s1}: graded with other tests, reference, rubric or --seed", tmp_path / "out",
             seed="another term")
    # of another assignment
    hw1_submissions = tmp_path / "hw1"
    shutil.copytree(ROOT / "examples" / "submissions" / "hw1_derivatives" / "reference", hw1_submissions / "reference")
    proc = run_grader("grade", "-a", "hw1_derivatives", "-s", hw1_submissions, "-o", tmp_path / "hw1-out", "-q",
                      "--shard", "2/3")
    assert proc.returncode == 0, proc.stderr
    hw1 = tmp_path / "hw1-out" / "hw1_derivatives"
    _refused([s1, hw1, s3], f"{hw1}: grades of hw1_derivatives, not of {HW2}", tmp_path / "out",
             assignment=HW2)
    # from another folder of submissions (one student more)
    more = shutil.copytree(submissions, tmp_path / "more")
    shutil.copytree(EXAMPLES / "no_bias_grad", more / "no_bias_grad")
    elsewhere = grade(more, tmp_path / "elsewhere", "--shard", "3/3")
    _refused([s1, s2, elsewhere], f"{elsewhere}: graded from other submissions than {s1}", tmp_path / "out")
    # another N, a whole run's grades, and a folder that holds no grades
    n2 = grade(submissions, tmp_path / "n2", "--shard", "1/2")
    _refused([s1, s2, s3, n2], f"{n2}: shard 1/2, but {s1} is shard 1/3", tmp_path / "out")
    _refused([s1, s2, whole], f"{whole}: its grades record no --shard K/N", tmp_path / "out")
    _refused([s1, s2, tmp_path], f"{tmp_path}: holds no scores.json", tmp_path / "out")


def test_the_fingerprint_covers_what_decides_a_grade_and_not_the_handout(tmp_path):
    from grader import assignment as assignments
    from grader.runs import previous
    course_copy = tmp_path / "course"
    for part in ("assignments", "solutions"):
        shutil.copytree(ROOT / part / "hw4_mlp", course_copy / part / "hw4_mlp")
    a = assignments.load(str(course_copy / "assignments" / "hw4_mlp"))
    before = previous.fingerprint(a, "", True)
    assert before == previous.fingerprint(assignments.load("hw4_mlp"), "", True)  # the same content, elsewhere
    for changed, counts in [("solutions/hw4_mlp/tests/test_hidden.py", True), ("solutions/hw4_mlp/mlp.py", True),
                            ("solutions/hw4_mlp/mistakes.py", True), ("assignments/hw4_mlp/data/iris.csv", True),
                            ("assignments/hw4_mlp/tests/test_public.py", True), ("assignments/hw4_mlp/assignment.yaml", True),
                            ("assignments/hw4_mlp/README.md", False), ("assignments/hw4_mlp/mlp.py", False)]:
        file = course_copy / changed
        original = file.read_bytes()
        file.write_bytes(original + b"\n")
        assert (previous.fingerprint(a, "", True) != before) == counts, changed
        file.write_bytes(original)
    assert previous.fingerprint(a, "", True) == before


def test_merge_keeps_the_rules_of_an_output_folder(graded, tmp_path):
    from grader.staff import merge as merging
    from grader.runs import previous
    _, _, _, shards = graded
    out = tmp_path / "grades" / HW2
    with previous.lock(out):
        _refused(shards, f"{out}/ is being graded by another run", out)
    out.mkdir(parents=True)
    (out / "notes.txt").write_text("not grades")
    with pytest.raises(previous.ConfigError, match="holds no scores.json"):
        merging.merge(shards, out=out)
    assert (out / "notes.txt").exists()
    shutil.rmtree(out)
    merging.merge(shards, out=out)
    _edit(out, lambda d: d["students"].append({**d["students"][0], "student": "zed"}))
    with pytest.raises(previous.ConfigError, match=r"1 student\(s\) this run has no submission of \(zed\)"):
        merging.merge(shards, out=out)
    merging.merge(shards, out=out, replace=True)
    assert "zed" not in students(out)
    assert sorted(p.name for p in out.parent.iterdir()) == [HW2]  # no lock, no half-written folder left


def test_shards_graded_under_different_kernel_layers_say_so_and_keep_only_what_they_share():
    from grader.staff.merge import sandbox
    strong = {"description": "Landlock ABI 7, seccomp (x86_64)", "landlock": 7, "seccomp": True}
    weak = {"description": "seccomp (x86_64)", "landlock": 0, "seccomp": True}
    shard = lambda k, layers: (None, {"shard": {"index": k, "count": 2}, "sandbox": layers})  # noqa: E731
    assert sandbox([shard(2, strong), shard(1, strong)]) == strong
    mixed = sandbox([shard(2, weak), shard(1, strong)])
    assert mixed == {"description": "differs between shards: 1/2: Landlock ABI 7, seccomp (x86_64); "
                                    "2/2: seccomp (x86_64)", "seccomp": True}


def test_a_course_graded_in_shards_and_merged_under_it_is_one_course_run(tmp_path):
    """grade --course --shard K/N, then merge --course of each assignment: the course's rows (roster,
    late penalties, overrides, a worksheet's numbers drawn from roster ids) and every export are
    those one `grade --course` writes."""
    course = ROOT / "examples" / "course" / "course.yaml"
    proc = run_grader("grade", "--course", course, "-o", tmp_path / "whole", "-q")
    assert proc.returncode == 0, proc.stderr
    for k in (1, 2):
        proc = run_grader("grade", "--course", course, "--shard", f"{k}/2", "-o", tmp_path / "shards" / str(k), "-q")
        assert proc.returncode == 0, proc.stderr
        assert not (tmp_path / "shards" / str(k) / "course").exists()  # a part makes no export
    names = sorted(p.name for p in (tmp_path / "whole").iterdir() if p.name != "course")
    assert names == ["hw2_compgraph", "ws1_network_231"]
    one_line_error(merge(*(tmp_path / "shards" / str(k) / HW2 for k in (1, 2)), "-o", tmp_path / "plain" / HW2))
    for name in names:
        proc = merge(*(tmp_path / "shards" / str(k) / name for k in (1, 2)), "--course", course,
                     "-o", tmp_path / "merged" / name)
        assert proc.returncode == 0, proc.stderr
        assert_same_grades(tmp_path / "merged" / name, tmp_path / "whole" / name)
    assert_same_grades(tmp_path / "merged" / "course", tmp_path / "whole" / "course")
    assert not (tmp_path / "plain").exists()
