"""Each worker in namespaces of its own (grader.sandbox.namespaces), each layer checked alone.

The workers here have the namespaces and nothing else: no Landlock, no seccomp, no audit hook
(NNGRADER_TEST_NO_PYTHON_SANDBOX=1), so what they cannot do is what the namespaces alone refuse.
A worker reports what it saw as the number its function returns.
"""
import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import COURSE, TOY
from grader import assignment
from grader.sandbox import kernel
from grader.sandbox.forkserver import ForkServer
from grader.sandbox.inits import descendants
from grader.sandbox.proxy import NO_PYTHON_SANDBOX, Submission

LAYERS = kernel.probe()
ONLY_NAMESPACES = kernel.KernelLayers(
    user_namespace=LAYERS.user_namespace, pid_namespace=LAYERS.pid_namespace,
    network_namespace=LAYERS.network_namespace, mount_namespace=LAYERS.mount_namespace,
    private_proc=LAYERS.private_proc)
REFERENCE = COURSE / "examples" / "submissions" / "toy" / "reference"
pytestmark = pytest.mark.skipif(not (LAYERS.pid_namespace and LAYERS.mount_namespace),
                                reason=f"this machine gives workers no namespaces ({LAYERS.describe()})")


def _beta(body: str) -> str:
    return ("import ctypes\nimport errno\nimport os\nimport shutil\nimport time\n\nimport numpy as np\n\n\n"
            f"def square(x):\n{body}\n")


@pytest.fixture
def worker(tmp_path, monkeypatch):
    """Start submissions whose ``square`` runs ``body``, in a fork server of their own."""
    monkeypatch.setenv(NO_PYTHON_SANDBOX, "1")
    server = ForkServer()
    server.layers = ONLY_NAMESPACES
    started = []

    def start(name: str, body: str) -> Submission:
        source = tmp_path / name
        shutil.copytree(REFERENCE, source)
        (source / "beta.py").write_text(_beta(body))
        sub = Submission(name, source, assignment.load(str(TOY)), server)
        started.append(sub)
        return sub

    start.server = server
    yield start
    for sub in started:
        sub.close()
    server.close()


def _alive(pids) -> set[int]:
    """The processes of ``pids`` still running (a killed init waits, a zombie, for the fork server's
    next request to be reaped)."""
    found = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
        except OSError:
            continue
        if state != "Z":
            found.add(pid)
    return found


def test_a_worker_sees_only_its_own_processes(worker):
    body = ("    mine = sorted(int(p) for p in os.listdir('/proc') if p.isdigit())\n"
            "    return float(os.getpid() * 100 + len(mine) * 10 + (mine == [1, os.getpid()]))")
    sub = worker("pids", body)
    expected = 2 * 100 + 2 * 10 + 1 if LAYERS.private_proc else None
    seen = float(sub.beta.square(1.0))
    assert seen // 100 == 2, "the worker is not pid 2 of a namespace of its own"
    if expected is not None:
        assert seen == expected, "the worker's /proc shows processes other than its init and itself"


def test_its_folder_is_the_only_writable_place_and_the_others_are_not_there(worker):
    neighbour = Path(os.path.realpath("/tmp")) / f"grader-worker-neighbour-{os.getpid()}"
    neighbour.mkdir()
    body = ("    here = os.getcwd()\n"
            "    score = 0\n"
            "    try:\n"
            "        parent = os.path.dirname(here)\n"
            "        os.chmod(parent, os.stat(parent).st_mode & 0o7777)  # its own mode: harmless if allowed\n"
            "    except OSError as e:\n"
            "        score += 1 if e.errno == errno.EROFS else 0\n"
            f"    score += 2 if not os.path.exists({str(neighbour)!r}) else 0\n"
            "    os.makedirs('sub/deeper')\n"
            "    with open(os.path.join(here, 'sub', 'a.txt'), 'w') as f:\n"
            "        f.write('x')\n"
            "    shutil.copy('sub/a.txt', 'b.txt')\n"
            "    os.rename('b.txt', 'c.txt')\n"
            "    os.chmod('c.txt', 0o600)\n"
            "    os.utime('c.txt')\n"
            "    os.remove('c.txt')\n"
            "    shutil.rmtree('sub')\n"
            "    score += 4 if not os.path.exists('sub') else 0\n"
            "    return float(score)")
    try:
        sub = worker("files", body)
        assert sub.beta.square(1.0) == 7.0, sub.reason
    finally:
        neighbour.rmdir()


def _shm_keys() -> set[int]:
    """The keys of the System V segments this machine holds now (none where /proc does not say)."""
    shm = Path("/proc/sysvipc/shm")
    lines = shm.read_text().splitlines()[1:] if shm.exists() else []
    return {int(line.split()[0]) for line in lines if line.split()}


def test_a_system_v_segment_is_neither_shared_nor_kept(worker):
    held = _shm_keys()  # a segment some earlier, killed program left is no worker's
    key = next(0x5EC0 + (os.getpid() + i) % 1000 for i in range(1000) if 0x5EC0 + (os.getpid() + i) % 1000 not in held)
    make = (f"    libc = ctypes.CDLL(None, use_errno=True)\n"
            f"    return float(libc.shmget({key}, 4096, 0o1600) >= 0)")
    find = (f"    libc = ctypes.CDLL(None, use_errno=True)\n"
            f"    return float(libc.shmget({key}, 0, 0) >= 0)")
    maker, finder = worker("maker", make), worker("finder", find)
    assert maker.beta.square(1.0) == 1.0  # made, in its own IPC namespace
    assert finder.beta.square(1.0) == 0.0, "a second worker found the first one's segment"
    maker.close()
    assert key not in _shm_keys(), "the segment outlived its worker"


def test_a_process_left_in_the_namespace_is_killed_counted_and_gone(worker):
    body = ("    if os.fork() == 0:\n"
            "        os.setsid()\n"
            "        time.sleep(600)\n"
            "        os._exit(0)\n"
            "    return 1.0")
    sub = worker("leaves", body)
    assert sub.beta.square(1.0) == 1.0
    server, top = worker.server.proc.pid, sub._live.pid  # its init, or its keeper
    running = {top, *descendants(top)}  # (a keeper,) the init, the worker, the child
    assert len(running) >= 3
    sub.close()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and running & _alive(descendants(server)):
        time.sleep(0.02)
    assert not running & _alive(descendants(server)), "something of the worker outlived it"
    assert sub.status == "sandbox" and "left 1 process(es) running" in sub.reason


@pytest.mark.skipif(not LAYERS.memory_cgroup, reason="the grader cannot make a memory cgroup here")
def test_memory_the_address_space_limit_does_not_count_is_counted_by_the_cgroup(worker, monkeypatch):
    """A memfd's pages are not address space: 2.5 times the toy's 256 MB in memfds (each under the
    64 MB file-size limit), written through descriptors, stop the worker by its cgroup, and the
    row says memory."""
    body = ("    block = b'x' * 2**20\n"
            "    for _ in range(11):\n"
            "        fd = os.memfd_create('stash')\n"
            "        for _ in range(60):\n"
            "            os.write(fd, block)\n"
            "    return 1.0")
    worker.server.layers = kernel.KernelLayers(**{**ONLY_NAMESPACES.as_dict(), "notes": (),
                                                  "memory_cgroup": LAYERS.memory_cgroup})
    sub = worker("memfd", body)
    with pytest.raises(Exception):
        sub.beta.square(1.0)
    assert sub.status == "memory" and "counted by the kernel" in sub.reason, sub.reason
