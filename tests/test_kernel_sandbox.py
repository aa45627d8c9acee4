"""The kernel's layers of the worker's sandbox (grader.kernel): each holds on its own.

With the Python layer off (NNGRADER_TEST_NO_PYTHON_SANDBOX=1, a setting for these tests only),
Landlock and seccomp alone stop a submission that reads the reference solution, writes beside the
grades, connects to a socket, starts a shell, signals the grader or starts a child; the grader
sees it from outside (the worker's death by SIGSYS, the kernel's refusal) and the row says
`sandbox`, while the other rows of the run are as they would be. The fork server kills what a
worker leaves running, and the Python layer alone still stops the corpus's ways around it.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import COURSE, ROOT, TOY, hidden_from_workers
from grader import assignment
from grader.sandbox import kernel, seccomp
from grader.sandbox.forkserver import ForkServer
from grader.sandbox.proxy import NO_PYTHON_SANDBOX, StudentError, Submission

LAYERS = kernel.probe()
REFERENCE = COURSE / "examples" / "submissions" / "toy" / "reference"
HOSTILE = Path(__file__).resolve().parent / "hostile"
needs_kernel = pytest.mark.skipif(not (LAYERS.landlock_abi and LAYERS.seccomp),
                                  reason=f"this machine lacks Landlock or seccomp ({LAYERS.describe()})")


def _square(body: str) -> str:
    return "import os\nimport signal\nimport socket\nimport subprocess\nimport time\n\nimport numpy as np\n\n\n" \
           f"def square(x):\n{body}\n    return np.asarray(x, dtype=float) ** 2\n"


def _case(folder: Path, name: str, body: str) -> None:
    shutil.copytree(REFERENCE, folder / name)
    (folder / name / "beta.py").write_text(_square(body))


def test_the_probe_describes_what_it_found_and_travels_as_a_dict():
    text = LAYERS.describe()
    assert text and (LAYERS.any or "Python-level sandbox only" in text)
    assert kernel.KernelLayers.from_dict(LAYERS.as_dict()) == LAYERS
    assert json.loads(json.dumps(LAYERS.as_dict())) == LAYERS.as_dict()
    assert "Python-level sandbox only" in kernel.KernelLayers().describe()
    assert kernel.KernelLayers().missing() == ["landlock", "seccomp"]
    if LAYERS.landlock_abi >= 6:
        assert f"Landlock ABI {LAYERS.landlock_abi} (filesystem, TCP, signal and abstract-socket scoping)" in text


def test_the_seccomp_filter_assembles_for_every_known_architecture():
    for arch in seccomp.ARCHES:
        program = seccomp.program(arch, 1234)
        assert 20 < len(program) < 256
        returns = [k for code, _, _, k in program if code == 0x06]
        assert seccomp.RET_KILL_PROCESS in returns and seccomp.RET_ALLOW in returns


@pytest.fixture(scope="module")
def kernel_only(tmp_path_factory):
    """A run of hostile submissions with the Python layer off, and the reference among them."""
    tmp = tmp_path_factory.mktemp("kernel-only")
    folder, out, marks = tmp / "submissions", tmp / "out", tmp / "marks"
    marks.mkdir()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    secret = ROOT / "tests" / "fixtures" / "course" / "solutions" / "toy" / "beta.py"
    _case(folder, "reads_the_solution", f"    open({str(secret)!r}).read()")
    _case(folder, "writes_beside_the_grades", f"    open({str(out / 'injected.txt')!r}, 'w').write('me,100')")
    _case(folder, "connects_to_a_socket", f"    socket.create_connection(('127.0.0.1', {port}), timeout=2)")
    _case(folder, "starts_a_shell", f"    subprocess.run(['/bin/sh', '-c', 'touch {marks}/shell'])")
    _case(folder, "signals_the_grader", "    os.kill(os.getppid(), signal.SIGKILL)")
    _case(folder, "leaves_a_child_behind",
          f"    if os.fork() == 0:\n        os.setsid()\n        open('{marks}/child', 'w').write(str(os.getpid()))\n"
          "        time.sleep(600)\n        os._exit(0)")
    libc = "    import ctypes\n    libc = ctypes.CDLL(None, use_errno=True)\n"
    _case(folder, "shares_sysv_memory", libc + "    libc.shmget(0, 4096, 0o1600)")
    _case(folder, "hides_memory_in_a_memfd", "    os.memfd_create('stash')")
    _case(folder, "watches_other_workers", libc + "    libc.inotify_init1(0)")
    _case(folder, "locks_a_shared_file",
          "    import fcntl\n    fcntl.lockf(open(np.__file__), fcntl.LOCK_SH | fcntl.LOCK_NB)")
    _case(folder, "pins_another_process", "    os.sched_setaffinity(os.getppid(), {0})")
    _case(folder, "lowers_another_priority", "    os.setpriority(os.PRIO_PROCESS, os.getppid(), 19)")
    _case(folder, "lowers_its_own_priority", "    os.sched_setaffinity(0, os.sched_getaffinity(0))\n"
                                             "    os.setpriority(os.PRIO_PROCESS, 0, 1)")
    _case(folder, "silences_the_report_pipe",
          "    for fd in range(3, 64):\n"
          "        try:\n"
          "            if os.readlink(f'/proc/self/fd/{fd}').startswith('pipe:'):\n"
          "                os.dup2(os.open(os.devnull, os.O_WRONLY), fd)\n"
          "        except OSError:\n"
          "            pass")
    shutil.copytree(REFERENCE, folder / "well_behaved")
    env = {**os.environ, NO_PYTHON_SANDBOX: "1"}
    proc = subprocess.run([sys.executable, "-m", "grader", "grade", "-a", str(TOY), "-s", str(folder),
                           "-o", str(out), "-q"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    try:
        connected = listener.accept()
    except (socket.timeout, TimeoutError):
        connected = None
    finally:
        listener.close()
    assert proc.returncode == 0, proc.stderr
    data = json.loads((out / "toy" / "scores.json").read_text(encoding="utf-8"))
    students = {s["student"]: s for s in data["students"]}
    return students, out, marks, connected


CASES = {  # student: words of the row's reason
    "reads_the_solution": "the kernel refused what your code tried",
    "writes_beside_the_grades": "the kernel refused what your code tried",
    "connects_to_a_socket": "the kernel stopped your code",
    "starts_a_shell": "the kernel stopped your code",
    "signals_the_grader": "the kernel stopped your code",
    "leaves_a_child_behind": "the kernel stopped your code",
    "shares_sysv_memory": "the kernel stopped your code",
    "hides_memory_in_a_memfd": "the kernel stopped your code",
    "watches_other_workers": "the kernel stopped your code",
    "locks_a_shared_file": "the kernel stopped your code",
    "pins_another_process": "the kernel stopped your code",
    "lowers_another_priority": "the kernel stopped your code",
    "silences_the_report_pipe": "the kernel stopped your code",
}


@needs_kernel
@pytest.mark.parametrize("case", sorted(CASES))
def test_the_kernel_alone_stops_the_attempt_and_the_row_says_sandbox(kernel_only, case):
    students, out, _, _ = kernel_only
    row = students[case]
    target = {"writes_beside_the_grades": out, "reads_the_solution": ROOT}.get(case)
    if target is not None and hidden_from_workers(target):
        # not there at all in the worker's private /tmp: nothing to refuse
        assert (row["total"], row["status"]) == (5, "ok"), row["reason"]
        assert "FileNotFoundError" in json.dumps(row["tests"])
    else:
        assert (row["total"], row["status"]) == (5, "sandbox"), row["reason"]
        assert CASES[case] in row["reason"]
    lost = {t["name"] for t in row["tests"] if t["points"] < t["max_points"]}
    assert lost and all("square" in name for name in lost), lost  # only what it attempted


@needs_kernel
def test_a_worker_may_still_schedule_itself(kernel_only):
    students, _, _, _ = kernel_only
    row = students["lowers_its_own_priority"]
    assert (row["total"], row["status"]) == (7, "ok"), row["reason"]


@needs_kernel
def test_nothing_got_through_and_the_other_rows_are_unchanged(kernel_only):
    students, out, marks, connected = kernel_only
    assert connected is None, "a submission reached the listening socket"
    assert not (out / "injected.txt").exists()
    assert not (marks / "shell").exists() and not (marks / "child").exists()
    well = students["well_behaved"]
    assert (well["total"], well["status"]) == (7, "ok")
    for name in CASES:
        assert [(t["name"], t["points"]) for t in students[name]["tests"] if "square" not in t["name"]] == \
            [(t["name"], t["points"]) for t in well["tests"] if "square" not in t["name"]]


def _submission(tmp_path, name: str, beta: str, layers: kernel.KernelLayers):
    """A worker of the toy assignment with ``layers`` only; returns the Submission and its server."""
    source = tmp_path / name
    shutil.copytree(REFERENCE, source)
    (source / "beta.py").write_text(beta)
    server = ForkServer()
    server.layers = layers
    return Submission(name, source, assignment.load(str(TOY)), server), server


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="child subreapers are Linux's")
def test_a_child_that_leaves_the_process_group_is_killed_when_the_submission_ends(tmp_path, monkeypatch):
    """Without seccomp to refuse the fork: the fork server, the child subreaper, kills what is left."""
    monkeypatch.setenv(NO_PYTHON_SANDBOX, "1")
    pid_file = tmp_path / "child.pid"
    body = (f"    if os.fork() == 0:\n        os.setsid()\n        open({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
            "        time.sleep(600)\n        os._exit(0)\n"
            f"    while not os.path.exists({str(pid_file)!r}):\n        time.sleep(0.01)")
    sub, server = _submission(tmp_path, "leaves_a_child", _square(body), kernel.KernelLayers(subreaper=True))
    try:
        assert sub.beta.square(2.0) == 4.0
        child = int(pid_file.read_text())
        os.kill(child, 0)  # it outlived the call
        sub.close()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and Path(f"/proc/{child}").exists():
            time.sleep(0.02)
        assert not Path(f"/proc/{child}").exists(), "the child outlived its submission"
        assert sub.status == "sandbox" and "left 1 process(es) running" in sub.reason
    finally:
        sub.close()
        server.close()


@pytest.mark.skipif(LAYERS.unprivileged_uid is None, reason="the grader does not run as root here")
def test_a_worker_runs_as_the_unprivileged_uid_and_can_still_start_threads(tmp_path):
    body = ("    import threading\n    t = threading.Thread(target=lambda: None)\n    t.start()\n    t.join()\n"
            "    return float(os.getuid())")
    sub, server = _submission(tmp_path, "uid", _square(body), LAYERS)
    try:
        assert sub.beta.square(2.0) == float(LAYERS.unprivileged_uid)
    finally:
        sub.close()
        server.close()
    assert sub.status == "ok", sub.reason


PYTHON_LAYER_CASES = ["reads_after_chdir", "reads_through_dir_fd", "str_subclass_path", "lying_path_object",
                      "erases_violations_then_reads_solutions", "posix_spawn_directly"]


@pytest.mark.parametrize("case", PYTHON_LAYER_CASES)
def test_the_python_layer_alone_stops_the_ways_around_it(tmp_path, case):
    """The corpus's cases aimed at the audit hook, with no kernel layer at all (as on macOS)."""
    source = tmp_path / "source"
    beta = (HOSTILE / case / "beta.py").read_text().replace("{ROOT}", str(ROOT)).replace("{SOURCE}", str(source))
    sub, server = _submission(tmp_path, "source", beta, kernel.KernelLayers())
    try:
        with pytest.raises(StudentError):
            sub.beta.square(2.0)
        assert sub.alpha.double(1.0) == 2.0
    finally:
        sub.close()
        server.close()
    assert sub.status == "sandbox", sub.reason
    assert "not allowed while grading" in sub.reason


def test_a_run_says_which_kernel_layers_its_workers_had(tmp_path):
    """summary.md, scores.json and every results.json name the layers; Landlock's ABI as the kernel says it."""
    import ctypes
    import json
    from conftest import COURSE, TOY, run_grader
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    abi = max(0, libc.syscall(444, None, 0, 1))  # landlock_create_ruleset(NULL, 0, VERSION)
    proc = run_grader("grade", "-a", TOY, "-s", COURSE / "examples" / "submissions" / "toy", "-o", tmp_path, "-q",
                      *(["--require-kernel-sandbox"] if abi else []))
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / "toy" / "scores.json").read_text())
    assert data["sandbox"]["landlock_abi"] == abi
    line = data["sandbox"]["description"]
    assert (f"Landlock ABI {abi} (" in line) == bool(abi)
    assert f"Kernel sandbox of each worker: {line}." in (tmp_path / "toy" / "summary.md").read_text()
    results = json.loads((tmp_path / "toy" / "students" / "reference" / "results.json").read_text())
    assert results["extra_data"]["sandbox"]["description"] == line


def test_require_kernel_sandbox_refuses_a_machine_without_it(monkeypatch):
    from grader.sandbox import kernel
    from grader.runs import run
    from grader.assignment import ConfigError
    monkeypatch.setattr(kernel, "probe", lambda: kernel.KernelLayers(notes=("no kernel layer on darwin",)))
    assert run.sandbox_report()["description"].startswith("none")
    with pytest.raises(ConfigError, match="no Landlock and no seccomp"):
        run.sandbox_report(required=True)


def test_require_kernel_sandbox_names_the_layers_a_run_must_have(monkeypatch, capsys):
    from grader.sandbox import kernel
    from grader.runs import run
    from grader.assignment import ConfigError
    from grader.cli.parser import _parser
    partial = kernel.KernelLayers(landlock_abi=7, seccomp=True, seccomp_arch="x86_64", pid_namespace=True,
                                  network_namespace=True, mount_namespace=True, user_namespace=True)
    monkeypatch.setattr(kernel, "probe", lambda: partial)
    run.sandbox_report(required=("landlock", "seccomp", "namespaces", "identity"))  # all there
    with pytest.raises(ConfigError, match="no memory cgroup"):
        run.sandbox_report(required=("landlock", "memory"))
    args = _parser().parse_args(["grade", "-a", "hw2_compgraph", "--require-kernel-sandbox", "Seccomp, memory"])
    assert args.require_kernel_sandbox == ("seccomp", "memory")
    assert _parser().parse_args(["grade", "-a", "hw2_compgraph", "--require-kernel-sandbox"]) \
        .require_kernel_sandbox == ("landlock", "seccomp")
    with pytest.raises(SystemExit):
        _parser().parse_args(["grade", "-a", "hw2_compgraph", "--require-kernel-sandbox", "landlok"])
    assert "unknown layer landlok" in capsys.readouterr().err
