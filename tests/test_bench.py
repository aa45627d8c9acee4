"""The benchmark's parts that are not timings: the generated batch and the table written into docs/speed.md."""
import json
import re

import pytest

from grader.staff import bench
from conftest import COURSE, TOY

TOY_SUBMISSIONS = COURSE / "examples" / "submissions" / "toy"


def test_generated_submissions_cycle_through_the_examples_and_no_two_are_identical(tmp_path):
    examples = sorted(p.name for p in TOY_SUBMISSIONS.iterdir() if p.is_dir())
    count = 2 * len(examples) + 1
    names = bench.generate(TOY_SUBMISSIONS, tmp_path, count)
    assert len(names) == len(set(names)) == count
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)
    used = [n.split("_", 1)[1] for n in names]
    assert sorted(set(used)) == examples and used.count(examples[0]) == 3
    first, second = (tmp_path / names[0], tmp_path / names[len(examples)])  # same example, two copies
    for f in first.rglob("*.py"):
        other = second / f.relative_to(first)
        original = TOY_SUBMISSIONS / examples[0] / f.relative_to(first)
        assert f.read_text() != other.read_text()
        assert f.read_text().startswith(original.read_text())


def test_the_speed_table_is_replaced_between_its_markers_only(tmp_path):
    doc = tmp_path / "speed.md"
    doc.write_text(f"# Speed\n\nbefore\n{bench.TABLE_START}\nold table\n{bench.TABLE_END}\nafter\n")
    bench.update_docs("| new | table |", doc)
    assert doc.read_text() == f"# Speed\n\nbefore\n{bench.TABLE_START}\n| new | table |\n{bench.TABLE_END}\nafter\n"
    doc.write_text("no markers")
    with pytest.raises(ValueError, match="speed.md"):
        bench.update_docs("x", doc)


def test_the_scale_part_grades_one_run_and_shards_and_measures_each(tmp_path):
    rows = bench.scale_rows(str(TOY), 6, 3, tmp_path, source=TOY_SUBMISSIONS)
    assert [r[0].split(" ", 2)[1] for r in rows[:3]] == ["6", "1", "6"]  # the count, a tenth of it, the shards
    assert rows[-1][1:] == ["identical", "identical", "yes"]
    one = json.loads((tmp_path / "scale-one" / "toy" / "scores.json").read_text())
    parts = [json.loads((tmp_path / f"scale-shard{k}" / "toy" / "scores.json").read_text()) for k in (1, 2, 3)]
    assert sorted(s["student"] for p in parts for s in p["students"]) == [s["student"] for s in one["students"]]
    assert len(one["students"]) == 6
    for row in rows[:3]:
        megabytes = [int(m) for m in re.findall(r"(\d+) MB", row[1])]
        assert megabytes and all(20 < m < 4000 for m in megabytes), row  # a Python with NumPy, measured
