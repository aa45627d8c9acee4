"""A memory cgroup per worker, where the grader may make one: memory the kernel counts.

``RLIMIT_AS`` counts address space, not memory: a memfd's or a System V segment's pages are not
in it. A memory cgroup counts every page charged to the worker (anonymous, page cache, tmpfs,
shared memory) and kills it past its limit. ``find()`` says where the grader can make cgroups: a
cgroup v2 whose ``cgroup.subtree_control`` already enables the memory controller (a delegated
slice or the root of a container) or the v1 memory hierarchy, both only where the folder is
writable (root, or a delegation). Elsewhere (no cgroup, read-only, macOS) the seccomp filter
refuses what the address-space limit cannot count (memfd, System V shared memory).

The fork server makes ``Run`` once and moves itself in; its workers start there.
"""
from __future__ import annotations

import os

MARGIN_MB = 64  # the page cache of files the worker reads and writes, beyond memory_mb
PREFIX = "nngrader-"


def _mounts() -> list[tuple[str, str, str]]:
    """(mount point, type, super options) of each cgroup mount."""
    found = []
    try:
        with open("/proc/self/mountinfo") as f:
            for line in f:
                left, _, right = line.partition(" - ")
                fields, tail = left.split(), right.split()
                if len(tail) >= 3 and tail[0] in ("cgroup", "cgroup2"):
                    found.append((fields[4], tail[0], tail[2]))
    except OSError:
        pass
    return found


def _own_paths() -> dict[str, str]:
    """This process's cgroup path per hierarchy: "" for v2, a controller name for v1."""
    paths = {}
    try:
        with open("/proc/self/cgroup") as f:
            for line in f:
                _, controllers, path = line.rstrip("\n").split(":", 2)
                for name in controllers.split(",") if controllers else [""]:
                    paths[name] = path
    except (OSError, ValueError):
        pass
    return paths


def find() -> tuple[str, str] | None:
    """("v2" or "v1", the folder where a run's cgroup may go), or None where none can be made."""
    own = _own_paths()
    for mount, kind, options in _mounts():
        if kind == "cgroup2" and "" in own:
            here = os.path.join(mount, own[""].lstrip("/"))
            try:
                with open(os.path.join(here, "cgroup.subtree_control")) as f:
                    enabled = f.read().split()
            except OSError:
                continue
            if "memory" in enabled and _can_make(here):
                return "v2", here
        elif kind == "cgroup" and "memory" in options.split(",") and "memory" in own:
            here = os.path.join(mount, own["memory"].lstrip("/"))
            if _can_make(here):
                return "v1", here
    return None


def _can_make(folder: str) -> bool:
    probe = os.path.join(folder, f"{PREFIX}probe-{os.getpid()}")
    try:
        os.mkdir(probe)
        os.rmdir(probe)
        return True
    except OSError:
        return False


class Run:
    """The fork server's memory cgroup: it moves itself in once, so that every worker it forks
    starts there (moving each worker in would cost milliseconds: the kernel waits for an RCU grace
    period). One worker lives at a time; each gets the limit of its assignment, and the cgroup's
    count of kills for memory, read before and after, says whether the kernel killed it."""

    def __init__(self, version: str, parent: str):
        self.version = version
        self.folder = os.path.join(parent, f"{PREFIX}{os.getpid()}")
        _remove_stale(parent)
        os.makedirs(self.folder, exist_ok=True)
        self.limit_mb = None
        _write(os.path.join(self.folder, "cgroup.procs"), "0")
        prefer_others("-1000")  # where allowed; each worker asks to be chosen first in any case

    def limit(self, memory_mb: int) -> None:
        """Limit the cgroup to ``memory_mb`` and the margin (a worker's; the server's own pages
        were counted where they were made)."""
        if memory_mb == self.limit_mb:
            return
        limit = str((memory_mb + MARGIN_MB) * 2**20)
        if self.version == "v2":
            _write(os.path.join(self.folder, "memory.max"), limit)
            _write(os.path.join(self.folder, "memory.swap.max"), "0", missing_ok=True)
        else:
            _write(os.path.join(self.folder, "memory.memsw.limit_in_bytes"), "-1", missing_ok=True)
            _write(os.path.join(self.folder, "memory.limit_in_bytes"), limit)
            _write(os.path.join(self.folder, "memory.memsw.limit_in_bytes"), limit, missing_ok=True)
        self.limit_mb = memory_mb

    def kills(self) -> int:
        """How many processes the kernel has killed in the cgroup for memory so far."""
        name = "memory.events" if self.version == "v2" else "memory.oom_control"
        try:
            with open(os.path.join(self.folder, name)) as f:
                for line in f:
                    key, _, value = line.partition(" ")
                    if key == "oom_kill":
                        return int(value or 0)
        except (OSError, ValueError):
            pass
        return 0

    def close(self) -> None:
        """Move this process back where it was, and remove the cgroup."""
        try:
            _write(os.path.join(os.path.dirname(self.folder), "cgroup.procs"), "0")
        except OSError:
            pass
        _remove_stale(os.path.dirname(self.folder), include=os.path.basename(self.folder))


def prefer_others(score: str = "1000") -> None:
    """Ask the kernel to kill this process first (1000) or last (-1000, root only) when memory runs out."""
    try:
        _write("/proc/self/oom_score_adj", score)
    except OSError:
        pass


def _write(path: str, text: str, missing_ok: bool = False) -> None:
    try:
        fd = os.open(path, os.O_WRONLY)
    except FileNotFoundError:
        if missing_ok:
            return
        raise
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def _remove_stale(parent: str, include: str | None = None) -> None:
    """Remove run folders whose fork server is gone (killed runs leave them), and ``include``."""
    try:
        names = os.listdir(parent)
    except OSError:
        return
    for name in names:
        if not name.startswith(PREFIX) or name.startswith(PREFIX + "probe"):
            continue
        pid = name[len(PREFIX):]
        if name != include and pid.isdigit() and os.path.exists(f"/proc/{pid}"):
            continue
        try:
            os.rmdir(os.path.join(parent, name))
        except OSError:
            pass
