"""What a worker does to itself before it runs a line of student code, at the Python level and
with the kernel's plain limits.

At the Python level (the first line; ``grader.audit`` holds the audit hook): reading outside the
submission and the Python installation, writing outside the worker's own folder, starting
processes, signalling other processes, opening sockets, loading native libraries through ctypes,
and importing the modules an assignment forbids. Here too: address-space, CPU-time, file-size,
open-file and process limits, death with the fork server, a network namespace where the grader
may make one, and a scrubbed environment. What the kernel enforces beyond that (Landlock,
seccomp, an unprivileged uid) is ``grader.kernel``'s.
"""
from __future__ import annotations

import ctypes
import importlib.abc
import os
import resource
import signal

from . import audit


class Violations:
    """The sandbox rules the student's code broke, in words a student understands.

    The worker's own record, sent with every reply: readable, but a submission can reach it and
    erase it, so each refusal is also written at once to the report pipe (``report_fd``).
    """

    def __init__(self, report_fd: int = -1):
        self.items: list[str] = []
        self.forbidden_imports: list[str] = []
        self.report_fd = report_fd


class ImportBlocker(importlib.abc.MetaPathFinder):
    """Refuses the top-level packages an assignment forbids."""

    def __init__(self, forbidden, violations: Violations):
        self.forbidden, self.violations = frozenset(forbidden), violations
        self._report_fd, self._write = violations.report_fd, os.write

    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top in self.forbidden:
            if top not in self.violations.forbidden_imports:
                self.violations.forbidden_imports.append(top)
            if self._report_fd >= 0:
                try:
                    self._write(self._report_fd, f"f {top}\n".encode())
                except OSError:
                    pass
            raise ImportError(f"importing {top} is not allowed in this assignment")
        return None


def _under(path: str, roots) -> bool:
    return any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)


def install_audit_hook(workdir: str, read_roots, violations: Violations) -> None:
    """Deny, through ``sys.addaudithook``, what a graded function must not do (``grader.audit``)."""
    audit.install(workdir, read_roots, violations.items, violations.report_fd)


def set_limits(memory_mb: int, cpu_seconds: int, file_mb: int, open_files: int = 64, processes: int = 0) -> None:
    """Kernel limits; the address-space limit counts on top of what the worker already maps.

    ``processes`` (RLIMIT_NPROC) counts every process and thread of the worker's uid; root ignores it.
    """
    with open("/proc/self/statm") as f:
        mapped = int(f.read().split()[0]) * resource.getpagesize()
    limits = [
        (resource.RLIMIT_AS, mapped + memory_mb * 2**20),
        (resource.RLIMIT_CPU, cpu_seconds),
        (resource.RLIMIT_FSIZE, file_mb * 2**20),
        (resource.RLIMIT_NOFILE, open_files),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_NPROC, processes),
    ]
    for which, value in limits:
        try:
            _, hard = resource.getrlimit(which)
            if hard != resource.RLIM_INFINITY:
                value = min(value, hard)
            resource.setrlimit(which, (value, value if which != resource.RLIMIT_CPU else value + 2))
        except (ValueError, OSError):
            pass  # an environment that will not lower a limit still gets the others
    # A write past the file-size limit fails with an error instead of killing the worker.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)



def isolate_network() -> bool:
    """Move into a network namespace of our own (no interfaces but a down loopback), if allowed.

    Needs CAP_SYS_ADMIN; elsewhere the audit hook's refusal of sockets is the only defence.
    """
    try:
        return ctypes.CDLL(None, use_errno=True).unshare(0x40000000) == 0  # CLONE_NEWNET
    except (OSError, AttributeError):
        return False


def scrub_environment(workdir: str) -> None:
    keep = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"}
    os.environ.clear()
    os.environ.update(keep, HOME=workdir, TMPDIR=workdir, OPENBLAS_NUM_THREADS="1",
                      OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
