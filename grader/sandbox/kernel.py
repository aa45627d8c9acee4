"""The kernel-enforced layers of a worker's sandbox: what the machine offers, and putting it on.

``probe()`` (cheap, cached: once per grading run) returns a ``KernelLayers``: the Landlock ABI, whether
seccomp can kill a process, which namespaces may be made, and the unprivileged uid a worker drops to
when the grader runs as root. ``KernelLayers.describe()`` says it in one line for reports,
``as_dict()``/``from_dict()`` carry it to the worker, and the worker calls ``apply(layers,
read_only=..., read_write=...)`` after the fork and before any student code. Where the kernel offers
nothing (macOS, say) every layer is off and the worker runs as before.
"""
from __future__ import annotations

import ctypes
import dataclasses
import functools
import os
import stat
import sys
import tempfile

from . import cgroup, landlock, lifetime, limits as sandbox, namespaces, seccomp

# KernelLayers.layers(), by the names --require-kernel-sandbox takes, and as a sentence says them
LAYER_TITLES = {"landlock": "Landlock", "seccomp": "seccomp", "namespaces": "PID, IPC, network and mount namespaces",
                "identity": "identity of their own", "memory": "memory cgroup"}
LAYER_NAMES = tuple(LAYER_TITLES)
NOBODY = 65534
NPROC_UNPRIVILEGED = 128  # threads of all workers together once they run as the unprivileged uid
SANDBOX_SETUP_FAILED = 71  # the worker's exit code when a layer the probe promised could not be put on

_PR_SET_DUMPABLE, _PR_SET_KEEPCAPS, _PR_SET_NO_NEW_PRIVS, _PR_SET_CHILD_SUBREAPER = 4, 8, 38, 36
_CLONE_NEWUSER, _CLONE_NEWPID, _CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
_CAP_DAC_READ_SEARCH = 2

GRADER_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Read-only beyond the Python installation: what the dynamic loader and honest imports need.
SYSTEM_READ = ("/usr/lib", "/lib", "/lib64", "/usr/lib64", "/etc/ld.so.cache", "/etc/localtime",
               "/usr/share/zoneinfo", "/dev/urandom", "/dev/random", "/dev/zero")
SYSTEM_READ_WRITE = ("/dev/null",)


@dataclasses.dataclass(frozen=True)
class KernelLayers:
    """What the kernel lets a worker put on itself; every field off means the Python layer only."""

    landlock_abi: int = 0
    seccomp: bool = False
    seccomp_arch: str | None = None
    user_namespace: bool = False  # an ordinary user's worker: a user namespace of its own
    pid_namespace: bool = False  # a keeper, an init and the worker (``namespaces``)
    network_namespace: bool = False  # with IPC
    mount_namespace: bool = False  # private /tmp, read-only mounts but its folder
    private_proc: bool = False  # a /proc of its PID namespace
    unprivileged_uid: int | None = None
    unprivileged_gid: int | None = None
    keeps_read_search: bool = False  # the uid keeps CAP_DAC_READ_SEARCH: the installation is not readable by it
    memory_cgroup: str | None = None  # "v1" or "v2": memory.max counts what RLIMIT_AS does not
    subreaper: bool = False  # the fork server kills and reaps what a worker left running
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {**dataclasses.asdict(self), "notes": list(self.notes)}

    @classmethod
    def from_dict(cls, data: dict | None) -> "KernelLayers":
        names = {f.name for f in dataclasses.fields(cls)}
        data = {k: v for k, v in (data or {}).items() if k in names}
        return cls(**{**data, "notes": tuple(data.get("notes", ()))})

    @property
    def any(self) -> bool:
        return bool(self.landlock_abi or self.seccomp or self.network_namespace or self.pid_namespace
                    or self.unprivileged_uid is not None or self.subreaper)

    def layers(self) -> dict[str, bool]:
        """Each layer a fully sandboxed worker has, by the name ``--require-kernel-sandbox`` takes."""
        return {"landlock": bool(self.landlock_abi), "seccomp": self.seccomp,
                "namespaces": self.pid_namespace and self.network_namespace and self.mount_namespace,
                "identity": self.unprivileged_uid is not None or self.user_namespace,
                "memory": self.memory_cgroup is not None}

    def missing(self, required=("landlock", "seccomp")) -> list[str]:
        """The layers of ``required`` (names of ``layers()``) a worker here goes without."""
        return [name for name in required if not self.layers().get(name)]

    def describe(self) -> str:
        """One line, e.g. "Landlock ABI 7 (filesystem, TCP, signal and abstract-socket scoping), seccomp, ..."."""
        parts = []
        if self.landlock_abi:
            scope = ("filesystem, TCP, signal and abstract-socket scoping" if self.landlock_abi >= 6
                     else "filesystem and TCP" if self.landlock_abi >= 4 else "filesystem")
            parts.append(f"Landlock ABI {self.landlock_abi} ({scope})")
        if self.seccomp:
            parts.append(f"seccomp ({self.seccomp_arch})")
        spaces = [name for name, on in (("PID", self.pid_namespace), ("IPC", self.network_namespace),
                                        ("network", self.network_namespace), ("mount", self.mount_namespace)) if on]
        if spaces:
            view = ("; private /tmp, read-only outside its folder" + (", its own /proc" if self.private_proc else "")
                    if self.mount_namespace else "")
            parts.append((", ".join(spaces[:-1]) + " and " if len(spaces) > 1 else "") + spaces[-1]
                         + " namespaces" + (f" ({view[2:]})" if view else ""))
        if self.user_namespace:
            parts.append("a user namespace of its own")
        if self.memory_cgroup:
            parts.append(f"memory cgroup ({self.memory_cgroup})")
        if self.unprivileged_uid is not None:
            parts.append(f"uid {self.unprivileged_uid}"
                         + (" (keeping CAP_DAC_READ_SEARCH to read the Python installation)"
                            if self.keeps_read_search else ""))
        if self.subreaper:
            parts.append("leftover processes killed")
        text = ", ".join(parts) if parts else "none (the Python-level sandbox only)"
        return text + "".join(f"; {n}" for n in self.notes)


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _namespaces() -> tuple[bool, bool, bool]:
    """(user, pid, network): whether a fresh child may unshare each (tried in a throwaway child)."""
    try:
        pid = os.fork()
    except OSError:
        return False, False, False
    if pid == 0:
        code = 0
        try:
            libc = _libc()
            for bit, flag in ((4, _CLONE_NEWNET), (2, _CLONE_NEWPID), (1, _CLONE_NEWUSER)):
                if libc.unshare(flag) == 0:
                    code |= bit
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else 0
    return bool(code & 1), bool(code & 2), bool(code & 4)


def _readable_by_others(path: str) -> bool:
    """Whether a uid of no group of the file's owner can reach ``path`` (every folder above searchable)."""
    path = os.path.realpath(path)
    parts = path.split("/")
    for i in range(2, len(parts) + 1):
        try:
            mode = os.stat("/".join(parts[:i]) or "/").st_mode
        except OSError:
            return True  # nothing there to be refused
        if not mode & stat.S_IXOTH and stat.S_ISDIR(mode):
            return False
    return bool(os.stat(path).st_mode & stat.S_IROTH)


def python_roots() -> list[str]:
    """The Python installation a worker reads: prefixes (a venv and its base) and the grader package."""
    return sorted({sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, GRADER_DIR})


@functools.lru_cache(maxsize=1)
def probe() -> KernelLayers:
    """What this machine offers a worker (Linux only; elsewhere every layer is off)."""
    if not sys.platform.startswith("linux"):
        return KernelLayers(notes=(f"no kernel layer on {sys.platform}",))
    notes = []
    abi = landlock.abi()
    arch = seccomp.machine()
    has_seccomp = seccomp.available()
    if arch is None:
        notes.append(f"no seccomp filter for {os.uname().machine}")
    root = os.geteuid() == 0
    found = namespaces.probe(user_namespace=not root, scratch=tempfile.gettempdir())
    pid_ns = found["pid"]
    net_ns = found["ipc_net"] if pid_ns else _namespaces()[2]
    if not pid_ns:
        notes.append("no PID namespace (" + ("unprivileged user namespaces are not allowed here"
                                             if not root else "refused by the kernel") + ")")
    elif not found["mounts"]:
        notes.append("no mount namespace (private /tmp, read-only mounts) could be made")
    memory = cgroup.find()
    if memory is None:
        notes.append("no memory cgroup (memfd and System V shared memory refused instead)")
    uid = gid = None
    keep = False
    if root:
        uid, gid = NOBODY, NOBODY
        keep = not all(_readable_by_others(p) for p in [*python_roots(), tempfile.gettempdir()])
    return KernelLayers(landlock_abi=abi, seccomp=has_seccomp, seccomp_arch=arch if has_seccomp else None,
                        user_namespace=found["user"], pid_namespace=pid_ns, network_namespace=net_ns,
                        mount_namespace=pid_ns and found["mounts"], private_proc=pid_ns and found["proc"],
                        memory_cgroup=memory[0] if memory else None,
                        unprivileged_uid=uid, unprivileged_gid=gid, keeps_read_search=keep,
                        subreaper=True, notes=tuple(notes))


def become_subreaper() -> bool:
    """Make this process (the fork server) the reaper of whatever its workers leave behind."""
    try:
        return _libc().prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def apply(layers: KernelLayers, read_only, read_write, guarded_fd: int = -1) -> list[str]:
    """Put the layers on this process, in the order they need; return the names of those put on.

    ``read_only`` and ``read_write`` are folders or files (the system's libraries and devices are
    added here). The namespaces are the worker's to make first (``namespaces.isolate``).
    ``guarded_fd``, the grader's report pipe, may be neither closed nor replaced once seccomp is on.

    Raises OSError when a layer the probe promised is refused: the worker must not go on without it.
    """
    done = []
    if not layers.any:
        return done
    libc = _libc()
    if layers.unprivileged_uid is not None:
        for folder in read_write:
            if os.path.isdir(folder):
                _chown_tree(folder, layers.unprivileged_uid, layers.unprivileged_gid)
    if layers.landlock_abi or layers.seccomp:
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS)")
    if layers.landlock_abi:
        landlock.restrict([*read_only, *SYSTEM_READ], [*read_write, *SYSTEM_READ_WRITE], layers.landlock_abi)
        done.append(f"Landlock ABI {layers.landlock_abi}")
    if layers.unprivileged_uid is not None:
        _drop_privileges(libc, layers.unprivileged_uid, layers.unprivileged_gid, layers.keeps_read_search)
        lifetime.die_with_parent()  # a change of uid clears the parent-death signal
        done.append(f"uid {layers.unprivileged_uid}")
    elif layers.user_namespace:
        namespaces.drop_capabilities()
        done.append("no capability in its user namespace")
    if layers.seccomp:
        seccomp.install(os.getpid(), guarded_fd)  # last: the filter refuses the calls above
        done.append("seccomp")
    return done


def _chown_tree(folder: str, uid: int, gid: int) -> None:
    os.lchown(folder, uid, gid)
    for parent, dirs, files in os.walk(folder):
        for name in dirs + files:
            os.lchown(os.path.join(parent, name), uid, gid)


def _drop_privileges(libc, uid: int, gid: int, keep_read_search: bool) -> None:
    """Become ``uid``/``gid`` with no groups; keep CAP_DAC_READ_SEARCH alone when the installation
    is unreadable by that uid (Landlock still confines every read to the allowed folders)."""
    if keep_read_search:
        libc.prctl(_PR_SET_KEEPCAPS, 1, 0, 0, 0)
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    if keep_read_search:
        caps = (namespaces.CapData * 2)()
        caps[0].effective = caps[0].permitted = 1 << _CAP_DAC_READ_SEARCH
        if libc.capset(ctypes.byref(namespaces.CapHeader(namespaces.CAP_VERSION_3, 0)), caps) != 0:
            raise OSError(ctypes.get_errno(), "capset")
        libc.prctl(_PR_SET_KEEPCAPS, 0, 0, 0, 0)
    # A change of uid makes the process undumpable, which hides /proc/self/fd from itself (the
    # audit hook reads it to resolve dir_fd); ptrace and process_vm_* stay refused by seccomp.
    libc.prctl(_PR_SET_DUMPABLE, 1, 0, 0, 0)
    if os.getuid() != uid or os.geteuid() != uid:
        raise OSError("the worker still has its old uid")
