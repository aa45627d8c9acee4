"""The worker process a ``proxy.Submission`` talks to (``_Live``), and the words for how a worker ended."""
from __future__ import annotations

import os
import signal
import socket


def describe_exit(status: int | None) -> str:
    if status is None:
        return "the student's process ended"
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        why = {"SIGXCPU": " (CPU time limit reached)", "SIGSEGV": " (a crash, often deep recursion)",
               "SIGKILL": "", "SIGSYS": " (a forbidden system call)"}.get(name, "")
        return f"the student's process was killed by {name}{why}"
    code = os.WEXITSTATUS(status)
    return f"the student's process exited with status {code} (sys.exit or os._exit in the submission?)"


class _Live:
    """One running worker of a submission."""

    def __init__(self, pid: int, sock: socket.socket, workdir: str, report: int = -1):
        self.pid, self.sock, self.workdir, self.report = pid, sock, workdir, report
        self.loaded: set[str] = set()
        self.pending = b""  # a report line not yet ended

    def read_report(self) -> tuple[list[str], bool]:
        """The report lines the worker wrote since the last read, and whether the pipe is closed."""
        data, closed = b"", False
        while self.report >= 0 and len(data) < 2**20:
            try:
                chunk = os.read(self.report, 65536)
            except BlockingIOError:
                break
            except OSError:
                closed = True
                break
            if not chunk:
                closed = True
                break
            data += chunk
        *lines, self.pending = (self.pending + data).split(b"\n")
        if closed and self.pending:
            lines.append(self.pending)
            self.pending = b""
        return [line.decode("utf-8", "replace") for line in lines], closed
