"""recipes/slurm/ on a real one-node Slurm (tests/slurm_cluster.py): submit.sh run as
docs/scaling.md says, from another folder, and its jobs waited for. The merged grades must be one
run's over the same submissions; a part that fails must get the merge cancelled, not left pending.
Skipped, in one line, where no cluster can run (not root, no Linux, slurm-wlm and munge neither
installed nor installable)."""
import json
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

import slurm_cluster
from conftest import ROOT, assert_same_grades

HW2 = "hw2_compgraph"
SUBMIT = ROOT / "recipes" / "slurm" / "submit.sh"
PARTS = 2
DONE = {"COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE",
        "PREEMPTED"}
CANCEL_WITHIN = 30  # seconds from the parts' end, one of them failed, to the merge's cancellation


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    why = slurm_cluster.unavailable()
    if why:
        pytest.skip(why)
    # Each part asks for one CPU (CPUS=1: two processes grading at once fill 2 cores); the node has
    # room for every part at once.
    c = slurm_cluster.Cluster(tmp_path_factory.mktemp("slurm"), cpus=PARTS)
    try:
        c.start()
        yield c
    finally:
        c.stop()


def submit(cluster, where: Path, n: int, **variables) -> tuple[str, str]:
    """submit.sh N run in ``where`` with ``variables``; the ids of the array job and the merge job."""
    if not (ROOT / ".venv" / "bin" / "python").is_file():
        variables.setdefault("PYTHON", sys.executable)  # submit.sh's default is the kit's .venv
    proc = subprocess.run([str(SUBMIT), str(n)], cwd=where, env=cluster.env(ASSIGNMENT=HW2, CPUS=1, **variables),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ids = dict(re.findall(r"^(grade|merge): job (\d+),", proc.stdout, re.M))
    assert set(ids) == {"grade", "merge"}, proc.stdout
    return ids["grade"], ids["merge"]


def wait(cluster, job: str, timeout: float = 180) -> list[dict]:
    """``job``'s records once every one has ended."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        records = cluster.jobs(job)
        if records and all(r.get("JobState") in DONE for r in records):
            return records
        time.sleep(0.2)
    pytest.fail(f"job {job} has not ended after {timeout} s: {cluster.jobs(job)}\n{cluster.logs()}")


def logs(folder: Path) -> str:
    return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')}" for p in sorted(folder.glob("*.log")))


def ended(record: dict) -> datetime:
    return datetime.fromisoformat(record["EndTime"])


def test_submit_sh_grades_the_parts_and_the_merge_is_one_run(cluster, hw2_six, tmp_path):
    submitted, whole = hw2_six
    shutil.copytree(submitted, tmp_path / "hw2")
    # An earlier run's leftovers: part 1 of another class, part 3 of a run in three parts, and
    # merged grades holding a student who has left since (REPLACE=1 drops them).
    shards = tmp_path / "shards"
    for k in (1, 3):
        shutil.copytree(whole, shards / str(k) / HW2)
    earlier = shutil.copytree(whole, tmp_path / "grades" / HW2)
    data = json.loads((earlier / "scores.json").read_text())
    data["students"].append({**data["students"][0], "student": "left_the_course"})
    (earlier / "scores.json").write_text(json.dumps(data))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    before = {name: (ROOT / name).exists() for name in ("shards", "logs")}

    array, merge = submit(cluster, elsewhere, PARTS, SUBMISSIONS="../hw2", SHARDS_DIR="../shards",
                          GRADES="../grades", LOGS="../logs", REPLACE=1)
    parts, merged = wait(cluster, array), wait(cluster, merge)
    said = logs(tmp_path / "logs")
    assert sorted(int(r["ArrayTaskId"]) for r in parts) == list(range(1, PARTS + 1)), parts
    assert {r["JobState"] for r in parts} == {"COMPLETED"}, said
    assert merged[0]["JobState"] == "COMPLETED", said
    assert min(datetime.fromisoformat(m["StartTime"]) for m in merged) >= max(map(ended, parts))
    assert_same_grades(tmp_path / "grades" / HW2, whole)
    for k in range(1, PARTS + 1):
        assert json.loads((shards / str(k) / HW2 / "scores.json").read_text())["shard"]["index"] == k
    assert_same_grades(shards / "3" / HW2, whole)  # not this run's: left as it was, and not merged
    assert {name: (ROOT / name).exists() for name in before} == before  # nothing written into the kit


def test_a_failed_part_gets_the_merge_cancelled(cluster, tmp_path):
    # The Python of part 2 fails; part 1's stands for a part that graded its students.
    python = tmp_path / "python"
    python.write_text('#!/bin/sh\nif [ "$SLURM_ARRAY_TASK_ID" = 2 ]; then echo "part 2 fails" >&2; exit 3; fi\n')
    python.chmod(0o755)
    submitted = tmp_path / "hw2"
    submitted.mkdir()
    array, merge = submit(cluster, tmp_path, PARTS, SUBMISSIONS=submitted, SHARDS_DIR=tmp_path / "shards",
                          GRADES=tmp_path / "grades", LOGS=tmp_path / "logs", PYTHON=python)
    parts = {r["ArrayTaskId"]: r for r in wait(cluster, array)}
    merged = wait(cluster, merge, timeout=CANCEL_WITHIN + 30)
    said = logs(tmp_path / "logs")
    assert parts["1"]["JobState"] == "COMPLETED" and parts["2"]["JobState"] == "FAILED", said
    assert "part 2 fails" in said
    assert (merged[0]["JobState"], merged[0]["Reason"]) == ("CANCELLED", "DependencyNeverSatisfied"), merged
    assert merged[0]["RunTime"] == "00:00:00", merged
    assert (ended(merged[0]) - max(map(ended, parts.values()))).total_seconds() <= CANCEL_WITHIN, (merged, parts)
    assert not (tmp_path / "grades" / HW2).exists()
