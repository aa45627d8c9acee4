"""The recipes in recipes/ run as their engines would run them, here, on hw2_compgraph: their N
parts as N processes with the variables the engine sets, then their merge; the merged grades
must be one run's. The command lines are read from the recipe files, so a recipe that drifts
from the command line fails here."""
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, assert_same_grades, run_grader

HW2 = "hw2_compgraph"
EXAMPLES = ROOT / "examples" / "submissions" / HW2
STUDENTS = ("reference", "sign_flipped", "stubs", "notebook_reference", "global_cache", "forward_difference")
RECIPES = ROOT / "recipes"
VENV = Path(sys.executable).parent.parent


def checkout(where: Path) -> Path:
    """A folder standing for the kit's checkout on a machine of the engine: the engine, the
    recipes and the virtual environment, linked to this one's."""
    where.mkdir(parents=True)
    for name in ("grader", "recipes"):
        (where / name).symlink_to(ROOT / name)
    (where / ".venv").symlink_to(VENV)
    return where


def submissions(folder: Path) -> Path:
    for name in STUDENTS:
        shutil.copytree(EXAMPLES / name, folder / name)
    return folder


def environment(**extra) -> dict:
    """The environment of a job: this Python first on PATH, as the engine's image or set-up step
    makes the kit's Python the one that ``python`` runs."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLURM_", "JOB_COMPLETION", "GITHUB_"))}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.update({k: str(v) for k, v in extra.items()})
    return env


def run(cmd, cwd, env):
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"{cmd}: {proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def whole(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("whole")
    proc = run_grader("grade", "-a", HW2, "-s", submissions(tmp / "submissions"), "-o", tmp / "out", "-q")
    assert proc.returncode == 0, proc.stderr
    return tmp / "out" / HW2


def test_the_github_actions_workflow_grades_its_matrix_and_merges_the_artifacts(whole, tmp_path):
    workflow = yaml.safe_load((RECIPES / "github-actions" / "grade-sharded.yml").read_text())
    env = {**workflow["env"], "ASSIGNMENT": HW2, "SUBMISSIONS": f"submissions/{HW2}"}
    grade, merge = workflow["jobs"]["grade"], workflow["jobs"]["merge"]
    assert merge["needs"] == "grade"
    parts = grade["strategy"]["matrix"]["shard"]
    assert parts == list(range(1, len(parts) + 1)) and len(parts) >= 2
    artifacts = tmp_path / "artifacts"

    def expressions(text, context):
        return re.sub(r"\$\{\{\s*([^}]*?)\s*\}\}", lambda m: str(context[m.group(1)]), text)

    def job(steps, runner, context):
        work = None
        for step in steps:
            uses, options = step.get("uses", ""), {k: expressions(str(v), context)
                                                  for k, v in step.get("with", {}).items()}
            if uses == "actions/checkout@v4":  # the course's repository: the kit and the submissions
                work = checkout(runner)
                submissions(work / env["SUBMISSIONS"])
            elif uses.startswith("actions/setup-python@"):
                pass  # this Python stands for it
            elif uses == "actions/upload-artifact@v4":
                shutil.copytree(work / options["path"], artifacts / options["name"])
            elif uses == "actions/download-artifact@v4":  # v4: each artifact into path/<its name>/
                for artifact in sorted(artifacts.iterdir()):
                    if fnmatch.fnmatch(artifact.name, options["pattern"]):
                        shutil.copytree(artifact, work / options["path"] / artifact.name)
            elif "run" in step:
                script = expressions(step["run"], context)
                if "pip install" in script:
                    assert "python -m grader.requirements" in script  # this environment has them already
                    continue
                run(["bash", "-e", "-c", script], work, environment(**env))
            else:
                pytest.fail(f"a step this test does not know how to run: {step}")

    for k in parts:
        context = {"matrix.shard": k, "strategy.job-total": len(parts),
                   **{f"env.{name}": value for name, value in env.items()}}
        job(grade["steps"], tmp_path / f"runner-{k}", context)
    assert sorted(p.name for p in artifacts.iterdir()) == [f"shard-{k}" for k in parts]
    job(merge["steps"], tmp_path / "runner-merge", {f"env.{name}": value for name, value in env.items()})
    assert_same_grades(artifacts / f"grades-{HW2}", whole)


FAKE_SBATCH = '''#!{python}
"""sbatch as far as the recipes use it: it runs the script at once (each task of --array=A-B in
turn, its output to a log) with the variables Slurm sets, refuses --dependency=afterok:ID unless job ID succeeded, and
prints the job id (--parsable)."""
import json, os, re, subprocess, sys
from pathlib import Path
state = Path(os.environ["FAKE_SLURM_STATE"])
jobs = json.loads(state.read_text()) if state.exists() else {{}}
args = sys.argv[1:]
options = dict(a[2:].split("=", 1) for a in args if a.startswith("--") and "=" in a)
script = [a for a in args if not a.startswith("--")]
assert len(script) == 1, args
directives = dict(re.findall(r"^#SBATCH --([a-z-]+)=(\\S+)", Path(script[0]).read_text(), re.M))
job = str(1000 + len(jobs))
if "dependency" in options:
    kind, _, ids = options["dependency"].partition(":")
    if kind != "afterok" or any(jobs.get(i) != "ok" for i in ids.split(":")):
        sys.exit(f"sbatch: the dependency {{options['dependency']}} is not met: {{jobs}}")
tasks = [None]
if "array" in options:
    low, high = map(int, options["array"].split("-"))
    tasks = list(range(low, high + 1))
ok = True
for task in tasks:
    env = dict(os.environ, SLURM_JOB_ID=job)
    if "cpus-per-task" in directives:
        env["SLURM_CPUS_PER_TASK"] = directives["cpus-per-task"]
    if task is not None:
        env.update(SLURM_ARRAY_JOB_ID=job, SLURM_ARRAY_TASK_ID=str(task), SLURM_ARRAY_TASK_COUNT=str(len(tasks)),
                   SLURM_ARRAY_TASK_MIN=str(tasks[0]), SLURM_ARRAY_TASK_MAX=str(tasks[-1]))
    with open(state.with_name(f"slurm-{{job}}_{{task}}.log"), "w") as log:  # as --output= would
        ok &= subprocess.run(["bash", script[0]], env=env, stdout=log, stderr=subprocess.STDOUT).returncode == 0
jobs[job] = "ok" if ok else "failed"
state.write_text(json.dumps(jobs))
print(job if "--parsable" in args else f"Submitted batch job {{job}}")
'''


def test_the_slurm_array_job_grades_its_tasks_and_the_dependent_job_merges(whole, tmp_path):
    submit = (RECIPES / "slurm" / "submit.sh").read_text()
    assert re.search(r"sbatch .*--array=1-", submit) and "--dependency=afterok:" in submit
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "sbatch").write_text(FAKE_SBATCH.format(python=sys.executable))
    (bin_dir / "sbatch").chmod(0o755)
    work = checkout(tmp_path / "cluster" / "kit")
    env = environment(ASSIGNMENT=HW2, SUBMISSIONS=submissions(tmp_path / "cluster" / "hw2"),
                      SHARDS_DIR=tmp_path / "cluster" / "shards", GRADES=tmp_path / "cluster" / "grades",
                      FAKE_SLURM_STATE=tmp_path / "slurm.json")
    env["PATH"] = os.pathsep.join([str(bin_dir), env["PATH"]])
    run(["bash", "recipes/slurm/submit.sh"], work, env)  # its default N
    jobs = json.loads((tmp_path / "slurm.json").read_text())
    logs = "".join(p.read_text() for p in sorted(tmp_path.glob("slurm-*.log")))
    assert list(jobs.values()) == ["ok", "ok"], logs
    parts = sorted((tmp_path / "cluster" / "shards").iterdir())
    n = len(parts)
    assert n >= 2 and [p.name for p in parts] == [str(k) for k in range(1, n + 1)]
    assert all(json.loads((p / HW2 / "scores.json").read_text())["shard"]["count"] == n for p in parts)
    assert_same_grades(tmp_path / "cluster" / "grades" / HW2, whole)


def test_the_kubernetes_indexed_job_grades_its_completions_and_the_merge_job_merges(whole, tmp_path):
    grade = yaml.safe_load((RECIPES / "kubernetes" / "grade-job.yaml").read_text())
    merge = yaml.safe_load((RECIPES / "kubernetes" / "merge-job.yaml").read_text())
    spec = grade["spec"]
    assert spec["completionMode"] == "Indexed"
    data = tmp_path / "volume"
    submissions(data / "submissions" / HW2)

    def pod(job, index=None):
        """The job's one container, run as its pod would: the volume mounted, its environment set."""
        (container,) = job["spec"]["template"]["spec"]["containers"]
        (mount,) = container["volumeMounts"]
        variables = {e["name"]: e["value"] for e in container["env"]}
        assert variables["ASSIGNMENT"]
        variables["ASSIGNMENT"] = HW2
        if index is not None:
            variables["JOB_COMPLETION_INDEX"] = index
        cmd = [part.replace(mount["mountPath"] + "/", f"{data}/") for part in container["command"] + container["args"]]
        run(cmd, checkout(tmp_path / f"pod-{job['metadata']['name']}-{index}"), environment(**variables))
        return variables

    for index in range(spec["completions"]):
        variables = pod(grade, index)
        assert int(variables["SHARDS"]) == spec["completions"]
    assert sorted(p.name for p in (data / "shards").iterdir()) == [str(i) for i in range(spec["completions"])]
    pod(merge)
    assert_same_grades(data / "grades" / HW2, whole)
