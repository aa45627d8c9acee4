"""What a worker does to itself before it runs a line of student code.

Defended, by the kernel where it allows: a network namespace with no way out, and
death with the fork server. At the Python level: reading outside the submission and the Python
installation, writing outside the worker's own folder, starting processes,
signalling other processes, opening sockets, loading native libraries through
ctypes, and importing the modules an assignment forbids. Enforced by the
kernel: address-space, CPU-time, file-size and open-file limits, and a process
group of its own that the grader kills whole. Not defended: native code that
was already loaded (NumPy's) used to step around the audit hook; run the
grader in a container when the stakes are high.
"""
from __future__ import annotations

import ctypes
import importlib.abc
import os
import resource
import signal
import sys

# Audit events that never make sense in a graded function.
_DENIED_EVENTS = {
    "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty",
    "subprocess.Popen", "pty.spawn", "os.kill", "os.killpg", "signal.pthread_kill",
    "socket.connect", "socket.bind", "socket.sendto", "socket.getaddrinfo",
    "socket.gethostbyname", "socket.gethostbyaddr", "socket.__new__",
    "ctypes.dlopen", "ctypes.dlsym", "ctypes.dlsym/handle", "ctypes.cdata", "ctypes.call_function",
    "sys.setprofile", "sys.settrace",
    "os.chroot", "os.setuid", "os.setgid", "mmap.__new__", "resource.setrlimit",
    "resource.prlimit", "gc.get_referrers", "gc.get_objects",
}
# Events whose first argument is a path that must lie in the worker's folder.
_WRITE_PATH_EVENTS = {
    "os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.chmod", "os.chown",
    "os.symlink", "os.link", "os.truncate", "os.utime", "shutil.rmtree",
    "shutil.move", "shutil.copyfile", "shutil.copytree",
}
# Events whose first argument is a path that must be readable.
_READ_PATH_EVENTS = {"os.listdir", "os.scandir", "glob.glob"}

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


class Violations:
    """The sandbox rules the student's code broke, in words a student understands."""

    def __init__(self):
        self.items: list[str] = []
        self.forbidden_imports: list[str] = []

    def add(self, text: str) -> None:
        if text not in self.items and len(self.items) < 20:
            self.items.append(text)


class ImportBlocker(importlib.abc.MetaPathFinder):
    """Refuses the top-level packages an assignment forbids."""

    def __init__(self, forbidden, violations: Violations):
        self.forbidden, self.violations = set(forbidden), violations

    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top in self.forbidden:
            if top not in self.violations.forbidden_imports:
                self.violations.forbidden_imports.append(top)
            raise ImportError(f"importing {top} is not allowed in this assignment")
        return None


def _under(path: str, roots) -> bool:
    return any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)


def install_audit_hook(workdir: str, read_roots, violations: Violations) -> None:
    """Deny, through ``sys.addaudithook``, what a graded function must not do."""
    workdir = os.path.realpath(workdir)
    read_roots = [os.path.realpath(r) for r in read_roots] + [workdir]
    devices = {"/dev/null", "/dev/urandom", "/dev/random", "/dev/zero"}

    def students_own_doing() -> bool:
        """Whether the student's code, not a library it uses, made the attempt.

        Walking out from the hook, a frame of the student's folder reached before any
        frame of a third-party package means the student asked (through the standard
        library at most); a library probing its surroundings on its own (matplotlib
        looking for fonts, say) is refused all the same, but not held against anyone.
        """
        frame = sys._getframe(2)
        while frame is not None:
            name = frame.f_code.co_filename
            if name.startswith(workdir + "/"):
                return True
            if "site-packages" in name or "dist-packages" in name:
                return False
            frame = frame.f_back
        return True

    def deny(what: str):
        if students_own_doing():
            violations.add(what)
        raise PermissionError(f"not allowed while grading: {what}")

    def real(p) -> str:
        if isinstance(p, bytes):
            p = os.fsdecode(p)
        return os.path.realpath(os.path.join(os.getcwd(), p)) if isinstance(p, str) else ""

    def hook(event, args):
        if event == "open":
            path, mode, flags = args
            if path is None or isinstance(path, int):
                return
            p = real(path)
            if p in devices:
                return
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & _WRITE_FLAGS)
            if writing and not _under(p, [workdir]):
                deny(f"writing {p}")
            if not writing and not _under(p, read_roots):
                deny(f"reading {p}")
        elif event in _DENIED_EVENTS:
            deny({"os.fork": "starting a process", "subprocess.Popen": "starting a process",
                  "os.system": "starting a process", "os.exec": "starting a process",
                  "os.posix_spawn": "starting a process", "os.spawn": "starting a process",
                  "os.kill": "sending a signal", "os.killpg": "sending a signal",
                  "ctypes.dlopen": "loading a native library"}.get(event)
                 or (f"using the network ({event})" if event.startswith("socket.") else event))
        elif event in _WRITE_PATH_EVENTS:
            if args and not _under(real(args[0]), [workdir]):
                deny(f"{event.split('.')[-1]} on {real(args[0])}")
        elif event in _READ_PATH_EVENTS:
            if args and args[0] is not None and not _under(real(args[0]), read_roots):
                deny(f"looking into {real(args[0])}")

    sys.addaudithook(hook)


def set_limits(memory_mb: int, cpu_seconds: int, file_mb: int, open_files: int = 64) -> None:
    """Kernel limits; the address-space limit counts on top of what the worker already maps."""
    with open("/proc/self/statm") as f:
        mapped = int(f.read().split()[0]) * resource.getpagesize()
    limits = [
        (resource.RLIMIT_AS, mapped + memory_mb * 2**20),
        (resource.RLIMIT_CPU, cpu_seconds),
        (resource.RLIMIT_FSIZE, file_mb * 2**20),
        (resource.RLIMIT_NOFILE, open_files),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_NPROC, 0),
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


def die_with_parent() -> None:
    """Ask the kernel to kill this worker when the fork server ends, however it ends."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


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
