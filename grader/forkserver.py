"""A pre-warmed parent that forks workers, so no submission pays for starting Python and NumPy.

The grader starts it once per grading run (``ForkServer.start``) with a clean
environment; it imports NumPy and the worker code, then answers requests on a
SOCK_SEQPACKET control socket: ``spawn`` (with the worker's end of a fresh
socket pair passed as a file descriptor) forks a worker and answers its pid;
``wait`` answers a worker's exit status. It holds nothing of the grader's: no
reference solution, no test, no other student's code.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import sys


def serve(control: socket.socket) -> None:
    from . import worker  # noqa: F401 - imported before any fork, with NumPy

    statuses: dict[int, int] = {}
    live: set[int] = set()

    def reap():
        while live:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            live.discard(pid)
            statuses[pid] = status

    try:
        while True:
            msg, fds, _, _ = socket.recv_fds(control, 1 << 16, 1)
            if not msg:
                return
            request = json.loads(msg)
            if request["op"] == "spawn":
                pid = os.fork()
                if pid == 0:
                    control.close()
                    signal.signal(signal.SIGTERM, signal.SIG_DFL)
                    worker.run(fds[0], {**request["spec"], "parent": os.getppid()})
                for fd in fds:
                    os.close(fd)
                live.add(pid)
                reply = {"pid": pid}
            elif request["op"] == "wait":
                pid = request["pid"]
                if pid in live:
                    _, status = os.waitpid(pid, 0)
                    live.discard(pid)
                    statuses[pid] = status
                reply = {"status": statuses.pop(pid, None)}
            else:
                reply = {"error": f"unknown op {request['op']!r}"}
            control.send(json.dumps(reply).encode())
            reap()
    finally:
        for pid in live:
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass


def main() -> None:
    fd = int(sys.argv[1])
    control = socket.socket(fileno=fd)
    import numpy  # noqa: F401 - the point of a warm parent
    serve(control)


if __name__ == "__main__":
    main()
