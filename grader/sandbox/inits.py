"""The inits of workers' PID namespaces, for the fork server: made ahead of time (``prepare``),
let go unused (``discard``), and stopped with their worker (``stop_keeper``).
"""
from __future__ import annotations

import dataclasses
import json
import os
import select
import signal
import socket


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``, as the kernel lists children (empty when it cannot say)."""
    found, todo = [], [pid]
    while todo:
        here = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{here}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{here}/task/{task}/children") as f:
                    kids = [int(p) for p in f.read().split()]
            except (OSError, ValueError):
                continue
            found += kids
            todo += kids
    return found


def kill_group(pid: int) -> None:
    """SIGKILL to a worker's process group (it made one with setsid) and to the worker itself."""
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except OSError:
            pass


@dataclasses.dataclass
class Ready:
    """An init (or a keeper and its init) made ahead of time, its namespaces ready, waiting on
    ``command`` for its submission (``namespaces.init``)."""

    pid: int
    command: socket.socket
    status: int  # the read end of its status pipe
    ours: int  # processes of ours below ``pid`` once the worker runs: the worker, or the init and it
    key: str  # the layers it was made for


def _run_worker(spec: dict, fds) -> None:
    from . import worker
    worker.run(fds[0], spec, fds[1] if len(fds) > 1 else -1)


def prepare(layers, control: socket.socket, key: str) -> Ready:
    """Fork an init into a new PID namespace (as root the server makes the namespace itself; an
    ordinary user's needs a keeper, in a user namespace) to wait for the next submission."""
    from . import kernel, namespaces
    server = os.getpid()
    status_r, status_w = os.pipe()
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    view = {"network": layers.network_namespace, "mounts": layers.mount_namespace,
            "fresh_proc": layers.private_proc, "keep_visible": [*kernel.python_roots(), kernel.GRADER_DIR]}
    own_namespace = not layers.user_namespace
    # SIGTERM asks a keeper (or an init) to stop its worker: blocked until it can act on it
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        if own_namespace:
            namespaces.new_pid_namespace()
        try:
            pid = os.fork()
        except BaseException:
            if own_namespace:
                namespaces.back_to_own_pid_namespace()
            raise
        if pid and own_namespace:
            namespaces.back_to_own_pid_namespace()
    except BaseException:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
        raise
    if pid == 0:
        control.close()
        ours.close()
        os.close(status_r)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if own_namespace:
            namespaces.init(status_w, theirs, _run_worker, view)
        namespaces.start(layers.user_namespace, server, status_w, theirs, _run_worker, view)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    theirs.close()
    os.close(status_w)
    return Ready(pid, ours, status_r, 1 if own_namespace else 2, key)


def discard(ready: Ready | None) -> None:
    """End an init that was made ahead of time and never used."""
    if ready is not None:
        ready.command.close()
        kill_group(ready.pid)
        os.close(ready.status)
        try:
            os.waitpid(ready.pid, 0)
        except ChildProcessError:
            pass


def layers_key(layers) -> str:
    return json.dumps(layers.as_dict(), sort_keys=True)


def stop_keeper(pid: int, status_fd: int, ours: int, keeper_status: int | None, crashed: bool,
                grace: float = 5.0) -> tuple[int | None, int]:
    """Stop a worker in namespaces of its own through its keeper or init ``pid`` (``keeper_status``
    when already reaped; ``ours``: the processes of ours below it, an init and the worker or the
    worker alone); the worker's wait status and how many processes it left.

    A worker that ``crashed`` is asked to stop (SIGTERM), so that its init reports how it ended;
    a live one is killed at once with all its namespace, after counting what it started."""
    from . import namespaces
    if keeper_status is None and not crashed:
        # Killed with its namespace and not waited for: the kernel takes the namespace down while
        # the grader goes on, and the fork server reaps it later (``reap``).
        others = len(descendants(pid)) - ours
        kill_group(pid)
        os.close(status_fd)
        return signal.SIGKILL, max(others, 0)
    if keeper_status is None:
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:
            pass
    if keeper_status is None:
        # the init writes its line and ends, then the keeper: wait for the line, not in small sleeps
        ready, _, _ = select.select([status_fd], [], [], grace)
        if not ready:  # never seen; the grader must not wait on a worker
            kill_group(pid)
        _, keeper_status = os.waitpid(pid, 0)
    try:
        status, leftovers = namespaces.read_status(status_fd)
    finally:
        os.close(status_fd)
    return (keeper_status if status is None else status), leftovers


