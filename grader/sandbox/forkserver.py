"""A pre-warmed parent that forks workers, so no submission pays for starting Python and NumPy.

The grader starts it once per grading run (``ForkServer()``, below) with a clean
environment; it imports NumPy and the worker code, then answers requests on a
SOCK_SEQPACKET control socket: ``spawn`` (with the worker's end of a fresh
socket pair passed as a file descriptor) forks a worker and answers its pid;
``wait`` answers a worker's exit status, and how many processes it left behind.
It is the child subreaper of its workers: whatever a worker started that outlived it comes
back to the fork server, which kills and reaps it when the worker is waited for. It holds
nothing of the grader's: no reference solution, no test, no other student's code.
It dies with the process that started it (``lifetime.dies_with_parent``), in a session of its
own so that a terminal's Ctrl-C reaches the grader alone; its workers die with it.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from .inits import _run_worker, discard, kill_group, layers_key, prepare, Ready, stop_keeper


def children() -> list[int]:
    """This process's children, as the kernel lists them (empty when it cannot say)."""
    found = []
    try:
        for task in os.listdir("/proc/self/task"):
            with open(f"/proc/self/task/{task}/children") as f:
                found += [int(pid) for pid in f.read().split()]
    except (OSError, ValueError):
        pass
    return found


def spawn(spec: dict, fds, control: socket.socket, keepers: dict, memory=None,
          ready: Ready | None = None) -> tuple[int, int | None]:
    """Start a worker: in the init made ahead (``ready``; made now if there is none for these
    layers) where it gets a PID namespace, else forked here. Returns its pid, or its init's or
    keeper's, which the grader uses to stop it, and the memory cgroup's count of kills before it
    (``memory``: this server's ``cgroup.Run``, where there is one)."""
    from . import kernel
    layers = kernel.KernelLayers.from_dict(spec.get("kernel"))
    kills = None
    if memory is not None and layers.memory_cgroup:
        memory.limit(int(spec["memory_mb"]))
        kills = memory.kills()
    if not layers.pid_namespace:
        discard(ready)
        server = os.getpid()
        pid = os.fork()
        if pid == 0:
            control.close()
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            _run_worker({**spec, "parent": server}, fds)
        for fd in fds:
            os.close(fd)
        return pid, kills
    key = layers_key(layers)
    if ready is None or ready.key != key:
        discard(ready)
        ready = prepare(layers, control, key)
    try:
        socket.send_fds(ready.command, [json.dumps(spec).encode()], list(fds))
    except OSError:
        pass  # the init ended: the worker's socket closes, and the grader reads why from its status
    ready.command.close()
    for fd in fds:
        os.close(fd)
    keepers[ready.pid] = (ready.status, ready.ours)
    return ready.pid, kills


def _memory_cgroups():
    """The run's memory cgroups (``cgroup.Run``), where the machine lets the grader make them."""
    from . import cgroup
    where = cgroup.find()
    if where is None:
        return None
    try:
        return cgroup.Run(*where)
    except OSError:
        return None


def serve(control: socket.socket) -> None:
    from . import kernel, worker  # noqa: F401 - imported before any fork, with NumPy

    kernel.become_subreaper()
    statuses: dict[int, int] = {}
    live: set[int] = set()
    keepers: dict[int, tuple[int, int]] = {}  # a worker in namespaces of its own: its keeper's (or
    # init's) pid -> its status pipe, and how many processes of ours are below that pid
    kills_before: dict[int, int] = {}  # a worker's pid -> the memory cgroup's count of kills at its start
    ready: Ready | None = None  # the next worker's init, made ahead of time
    dying: set[int] = set()  # inits killed and not yet reaped
    prepare_next = None
    memory = _memory_cgroups()
    strays = [0]  # processes a worker left behind that ended on their own before it was waited for

    def reap():
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            if pid in live:
                live.discard(pid)
                statuses[pid] = status
            elif pid in dying:
                dying.discard(pid)  # an init stopped, or one made ahead and let go
            else:
                strays[0] += 1

    def kill_leftovers() -> int:
        """Kill and reap every child that is not a live worker; return how many there were."""
        count = 0
        for _ in range(100):  # a leftover's own children come back here when it dies
            others = [pid for pid in children() if pid not in live]
            if not others:
                break
            for pid in others:
                try:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                except (OSError, ChildProcessError):
                    pass
                count += 1
        return count

    try:
        while True:
            msg, fds, _, _ = socket.recv_fds(control, 1 << 16, 2)
            if not msg:
                return
            request = json.loads(msg)
            if request["op"] == "spawn":
                pid, kills = spawn(request["spec"], fds, control, keepers, memory, ready)
                ready = None
                live.add(pid)
                if kills is not None:
                    kills_before[pid] = kills
                reply = {"pid": pid}
                layers = kernel.KernelLayers.from_dict(request["spec"].get("kernel"))
                if layers.pid_namespace:  # the next one's namespaces, made while the grader works
                    prepare_next = layers
            elif request["op"] in ("stop", "wait"):
                pid = request["pid"]
                if pid in keepers:
                    reaped = pid in statuses
                    reply = dict(zip(("status", "leftovers"),
                                     stop_keeper(pid, *keepers.pop(pid), statuses.pop(pid, None),
                                                 request.get("crashed", True))))
                    if pid in live and not reaped and not request.get("crashed", True):
                        dying.add(pid)
                    live.discard(pid)
                else:
                    if request["op"] == "stop":
                        kill_group(pid)
                    if pid in live:
                        _, status = os.waitpid(pid, 0)
                        live.discard(pid)
                        statuses[pid] = status
                    reap()
                    leftovers = kill_leftovers() + strays[0]
                    strays[0] = 0
                    reply = {"status": statuses.pop(pid, None), "leftovers": leftovers}
                if pid in kills_before:
                    reply["memory"] = memory.kills() > kills_before.pop(pid)
            else:
                reply = {"error": f"unknown op {request['op']!r}"}
            control.send(json.dumps(reply).encode())
            if prepare_next is not None:
                ready, prepare_next = prepare(prepare_next, control, layers_key(prepare_next)), None
            reap()
    finally:
        discard(ready)
        for pid in live:
            kill_group(pid)
        live.clear()
        kill_leftovers()
        if memory is not None:
            memory.close()


def main() -> None:
    fd = int(sys.argv[1])
    control = socket.socket(fileno=fd)
    import numpy  # noqa: F401 - the point of a warm parent
    serve(control)


class ForkServer:
    """The grader's handle on a running fork server: its process and its control socket."""

    def __init__(self):
        from . import kernel, lifetime
        control, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._log = tempfile.TemporaryFile()
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
               "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
               "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1",
               "HOME": tempfile.gettempdir()}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "grader.sandbox.forkserver", str(theirs.fileno())],
            pass_fds=[theirs.fileno()], env=env, cwd=Path(__file__).resolve().parent.parent.parent,
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log,
            start_new_session=True, preexec_fn=lifetime.dies_with_parent())
        theirs.close()
        self.control = control
        self.layers = kernel.probe()  # what the workers put on themselves; tests may narrow it

    def _ask(self, request: dict, fds=()) -> dict:
        try:
            socket.send_fds(self.control, [json.dumps(request).encode()], list(fds))
            reply = self.control.recv(1 << 16)
        except OSError:
            reply = b""
        if not reply:
            self._log.seek(0)
            tail = self._log.read()[-2000:].decode(errors="replace")
            raise RuntimeError(f"the grader's fork server stopped: {tail.strip() or 'no message'}")
        return json.loads(reply)

    def spawn(self, spec: dict) -> tuple[int, socket.socket, int]:
        """Start a worker; return its pid, its socket and the read end of its report pipe."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        report, report_w = os.pipe()
        os.set_blocking(report, False)
        try:
            pid = self._ask({"op": "spawn", "spec": {"kernel": self.layers.as_dict(), **spec}},
                            [theirs.fileno(), report_w])["pid"]
        except BaseException:
            os.close(report)
            raise
        finally:
            theirs.close()
            os.close(report_w)
        return pid, ours, report

    def stop(self, pid: int, crashed: bool = False) -> tuple[int | None, int, bool]:
        """Kill a worker and everything it started; its wait status (``crashed``: the worker ended
        on its own, and its status must be the one it ended with), how many processes it left
        running that were killed, and whether its memory cgroup's limit killed it."""
        reply = self._ask({"op": "stop", "pid": pid, "crashed": crashed})
        return reply.get("status"), int(reply.get("leftovers") or 0), bool(reply.get("memory"))

    def close(self) -> None:
        try:
            self.control.close()
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        finally:
            self._log.close()


if __name__ == "__main__":
    main()
