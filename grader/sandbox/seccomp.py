"""A seccomp-bpf filter for a worker, assembled here as ``struct sock_filter`` arrays (ctypes, no library).

``install(own_pid)`` loads the filter into the calling process (no_new_privs must be set first).
It checks ``seccomp_data.arch`` (x86_64 and aarch64 are known; ``machine()`` is None elsewhere and
the caller then goes without) and kills the whole process (SIGSYS, which the grader sees in the
exit status) on the system calls a graded function never needs: starting programs and processes,
reaching other processes (ptrace, their memory, pidfds, signals to any pid but its own), closing
or replacing the grader's report pipe, sockets
and the network, mounts and namespaces, BPF, perf, keyrings, io_uring (which would step around
the filter), userfaultfd, kernel modules, identity changes. Threads keep working: ``clone`` with
CLONE_THREAD is allowed and ``clone3`` answers ENOSYS so that glibc falls back to ``clone``.
"""
from __future__ import annotations

import ctypes
import errno
import os
import platform

RET_KILL_PROCESS = 0x80000000
RET_ERRNO = 0x00050000
RET_ALLOW = 0x7FFF0000

_LD_W_ABS, _JEQ, _JGT, _JGE, _JSET, _RET = 0x20, 0x15, 0x25, 0x35, 0x45, 0x06
_NR, _ARCH, _ARG0_LO, _ARG0_HI, _ARG1_LO, _ARG1_HI, _ARG2_LO, _ARG2_HI = 0, 4, 16, 20, 24, 28, 32, 36
_CLONE_THREAD = 0x00010000
_AF_UNIX = 1
_SECCOMP_SET_MODE_FILTER, _SECCOMP_GET_ACTION_AVAIL, _FILTER_FLAG_TSYNC = 1, 2, 1

KILLED = (
    "execve", "execveat", "fork", "vfork", "ptrace", "process_vm_readv", "process_vm_writev",
    "pidfd_open", "pidfd_send_signal", "pidfd_getfd", "process_madvise", "kcmp",
    "socketpair", "connect", "bind", "listen", "accept", "accept4",
    "mount", "umount2", "unshare", "setns", "pivot_root", "chroot", "open_tree", "move_mount",
    "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr",
    "bpf", "perf_event_open", "keyctl", "add_key", "request_key", "personality",
    "io_uring_setup", "io_uring_enter", "io_uring_register", "userfaultfd",
    "init_module", "finit_module", "delete_module", "kexec_load", "kexec_file_load",
    "setuid", "setgid", "setreuid", "setregid", "setresuid", "setresgid", "setgroups",
    "setfsuid", "setfsgid", "capset", "open_by_handle_at", "reboot", "swapon", "swapoff",
    # channels between workers that share a uid and no IPC namespace, and memory RLIMIT_AS does not
    # count: System V IPC, memfd, watches on other workers' folders, advisory locks
    "shmget", "shmat", "shmctl", "shmdt", "msgget", "msgsnd", "msgrcv", "msgctl",
    "semget", "semop", "semctl", "semtimedop", "memfd_create", "memfd_secret",
    "inotify_init", "inotify_init1", "inotify_add_watch", "fanotify_init", "fanotify_mark", "flock",
)
SELF_ONLY = ("sched_setaffinity", "sched_setscheduler", "sched_setparam", "sched_setattr")  # first argument: a pid
LOCKS = (6, 7, 37, 38)  # fcntl's F_SETLK, F_SETLKW, F_OFD_SETLK, F_OFD_SETLKW
SIGNALS = ("kill", "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo")  # first argument: a pid

_X86_64 = {
    "execve": 59, "execveat": 322, "fork": 57, "vfork": 58, "clone": 56, "clone3": 435, "ptrace": 101,
    "process_vm_readv": 310, "process_vm_writev": 311, "pidfd_open": 434, "pidfd_send_signal": 424,
    "pidfd_getfd": 438, "process_madvise": 440, "kcmp": 312, "kill": 62, "tgkill": 234, "tkill": 200,
    "rt_sigqueueinfo": 129, "rt_tgsigqueueinfo": 297, "socket": 41, "socketpair": 53, "connect": 42,
    "bind": 49, "listen": 50, "accept": 43, "accept4": 288, "mount": 165, "umount2": 166, "unshare": 272,
    "setns": 308, "pivot_root": 155, "chroot": 161, "open_tree": 428, "move_mount": 429, "fsopen": 430,
    "fsconfig": 431, "fsmount": 432, "fspick": 433, "mount_setattr": 442, "bpf": 321,
    "perf_event_open": 298, "keyctl": 250, "add_key": 248, "request_key": 249, "personality": 135,
    "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427, "userfaultfd": 323,
    "init_module": 175, "finit_module": 313, "delete_module": 176, "kexec_load": 246,
    "kexec_file_load": 320, "setuid": 105, "setgid": 106, "setreuid": 113, "setregid": 114,
    "setresuid": 117, "setresgid": 119, "setgroups": 116, "setfsuid": 122, "setfsgid": 123,
    "capset": 126, "open_by_handle_at": 304, "reboot": 169, "swapon": 167, "swapoff": 168,
    "prlimit64": 302, "setrlimit": 160, "seccomp": 317,
    "shmget": 29, "shmat": 30, "shmctl": 31, "shmdt": 67, "semget": 64, "semop": 65, "semctl": 66,
    "msgget": 68, "msgsnd": 69, "msgrcv": 70, "msgctl": 71, "semtimedop": 220, "memfd_create": 319,
    "memfd_secret": 447, "inotify_init": 253, "inotify_add_watch": 254, "inotify_init1": 294,
    "fanotify_init": 300, "fanotify_mark": 301, "flock": 73, "fcntl": 72, "sched_setaffinity": 203,
    "sched_setscheduler": 144, "sched_setparam": 142, "sched_setattr": 314, "setpriority": 141,
    "ioprio_set": 251, "close": 3, "dup2": 33, "dup3": 292, "close_range": 436,
}
# aarch64 uses the generic table, which has no fork or vfork.
_AARCH64 = {
    "execve": 221, "execveat": 281, "clone": 220, "clone3": 435, "ptrace": 117, "process_vm_readv": 270,
    "process_vm_writev": 271, "pidfd_open": 434, "pidfd_send_signal": 424, "pidfd_getfd": 438,
    "process_madvise": 440, "kcmp": 272, "kill": 129, "tkill": 130, "tgkill": 131, "rt_sigqueueinfo": 138,
    "rt_tgsigqueueinfo": 240, "socket": 198, "socketpair": 199, "bind": 200, "listen": 201, "accept": 202,
    "connect": 203, "accept4": 242, "mount": 40, "umount2": 39, "unshare": 97, "setns": 268,
    "pivot_root": 41, "chroot": 51, "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431,
    "fsmount": 432, "fspick": 433, "mount_setattr": 442, "bpf": 280, "perf_event_open": 241,
    "keyctl": 219, "add_key": 217, "request_key": 218, "personality": 92, "io_uring_setup": 425,
    "io_uring_enter": 426, "io_uring_register": 427, "userfaultfd": 282, "init_module": 105,
    "finit_module": 273, "delete_module": 106, "kexec_load": 104, "kexec_file_load": 294, "setuid": 146,
    "setgid": 144, "setreuid": 145, "setregid": 143, "setresuid": 147, "setresgid": 149, "setgroups": 159,
    "setfsuid": 151, "setfsgid": 152, "capset": 91, "open_by_handle_at": 265, "reboot": 142,
    "swapon": 224, "swapoff": 225, "prlimit64": 261, "setrlimit": 164, "seccomp": 277,
    "shmget": 194, "shmctl": 195, "shmat": 196, "shmdt": 197, "semget": 190, "semctl": 191,
    "semtimedop": 192, "semop": 193, "msgget": 186, "msgctl": 187, "msgrcv": 188, "msgsnd": 189,
    "memfd_create": 279, "memfd_secret": 447, "inotify_init1": 26, "inotify_add_watch": 27,
    "fanotify_init": 262, "fanotify_mark": 263, "flock": 32, "fcntl": 25, "sched_setaffinity": 122,
    "sched_setscheduler": 119, "sched_setparam": 118, "sched_setattr": 274, "setpriority": 140,
    "ioprio_set": 30, "close": 57, "dup3": 24, "close_range": 436,
}
# (AUDIT_ARCH_*, system call table, lowest number of the x32 ABI to refuse or None)
ARCHES = {"x86_64": (0xC000003E, _X86_64, 0x40000000), "aarch64": (0xC00000B7, _AARCH64, None)}
_MACHINE_NAMES = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "aarch64", "arm64": "aarch64"}


class SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8),
                ("k", ctypes.c_uint32)]


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(SockFilter))]


def machine() -> str | None:
    """The architecture's name in ``ARCHES``, or None when the filter does not know it."""
    return _MACHINE_NAMES.get(platform.machine().lower())


def program(arch: str, own_pid: int, guarded_fd: int = -1) -> list[tuple[int, int, int, int]]:
    """The filter for ``arch`` as (code, jt, jf, k) instructions; ``own_pid`` may be signalled;
    ``guarded_fd`` (the grader's report pipe) may be neither closed nor replaced."""
    audit_arch, table, x32 = ARCHES[arch]
    code: list[list] = []  # jump targets are label names until resolved below
    labels: dict[str, int] = {}

    def op(c, k, jt=0, jf=0):
        code.append([c, jt, jf, k])

    def label(name):
        labels[name] = len(code)

    op(_LD_W_ABS, _ARCH)
    op(_JEQ, audit_arch, 0, "kill")
    op(_LD_W_ABS, _NR)
    if x32 is not None:
        op(_JGE, x32, "kill", 0)
    for name in KILLED:
        if name in table:
            op(_JEQ, table[name], "kill", 0)
    op(_JEQ, table["clone"], "clone", 0)
    op(_JEQ, table["clone3"], "enosys", 0)
    for name in SIGNALS:
        op(_JEQ, table[name], "own_pid", 0)
    for name in SELF_ONLY:
        op(_JEQ, table[name], "self_arg0", 0)
    op(_JEQ, table["setpriority"], "setpriority", 0)
    op(_JEQ, table["ioprio_set"], "ioprio_set", 0)
    op(_JEQ, table["fcntl"], "fcntl", 0)
    op(_JEQ, table["socket"], "socket", 0)
    op(_JEQ, table["prlimit64"], "prlimit", 0)
    op(_JEQ, table["setrlimit"], "eperm", 0)
    if guarded_fd >= 0:
        op(_JEQ, table["close"], "close_fd", 0)
        for name in ("dup2", "dup3"):
            if name in table:
                op(_JEQ, table[name], "dup_onto", 0)
        op(_JEQ, table["close_range"], "close_range", 0)
    op(_RET, RET_ALLOW)
    if guarded_fd >= 0:
        label("close_fd")
        op(_LD_W_ABS, _ARG0_LO)
        op(_JEQ, guarded_fd, "kill", "allow")
        label("dup_onto")  # (old, new, ...): nothing may be put in the guarded descriptor's place
        op(_LD_W_ABS, _ARG1_LO)
        op(_JEQ, guarded_fd, "kill", "allow")
        label("close_range")  # (first, last, flags), unsigned: refused when it spans the guarded one
        op(_LD_W_ABS, _ARG0_LO)
        op(_JGT, guarded_fd, "allow", 0)
        op(_LD_W_ABS, _ARG1_LO)
        op(_JGE, guarded_fd, "kill", "allow")
    label("clone")  # a thread, not a process
    op(_LD_W_ABS, _ARG0_LO)
    op(_JSET, _CLONE_THREAD, "allow", "kill")
    label("own_pid")  # kill(0, ...) and negative pids (process groups) are refused too
    op(_LD_W_ABS, _ARG0_LO)
    op(_JEQ, own_pid, 0, "kill")
    op(_LD_W_ABS, _ARG0_HI)
    op(_JEQ, 0, "allow", "kill")
    label("setpriority")  # (which, who, prio): PRIO_PROCESS of this process only
    op(_LD_W_ABS, _ARG0_LO)
    op(_JEQ, 0, "self_arg1", "kill")
    label("ioprio_set")  # (which, who, ioprio): IOPRIO_WHO_PROCESS of this process only
    op(_LD_W_ABS, _ARG0_LO)
    op(_JEQ, 1, "self_arg1", "kill")
    label("self_arg1")  # the second argument is 0 (this process) or its own pid
    op(_LD_W_ABS, _ARG1_LO)
    op(_JEQ, 0, "self_arg1_hi", 0)
    op(_JEQ, own_pid, "self_arg1_hi", "kill")
    label("self_arg1_hi")
    op(_LD_W_ABS, _ARG1_HI)
    op(_JEQ, 0, "allow", "kill")
    label("self_arg0")  # scheduling: the first argument is 0 (this thread) or its own pid
    op(_LD_W_ABS, _ARG0_LO)
    op(_JEQ, 0, "self_arg0_hi", 0)
    op(_JEQ, own_pid, "self_arg0_hi", "kill")
    label("self_arg0_hi")
    op(_LD_W_ABS, _ARG0_HI)
    op(_JEQ, 0, "allow", "kill")
    label("fcntl")  # every other command is a worker's own business; a lock is a channel to others
    op(_LD_W_ABS, _ARG1_LO)
    for command in LOCKS:
        op(_JEQ, command, "kill", 0)
    op(_RET, RET_ALLOW)
    label("socket")
    # glibc's name-service lookups (getpwuid and friends, through nscd) open UNIX sockets on their
    # own; an error keeps an honest library working. Every other family is the network.
    op(_LD_W_ABS, _ARG0_LO)
    op(_JEQ, _AF_UNIX, "eacces", "kill")
    label("prlimit")  # reading a limit is fine; libraries that raise their own soft limits get EPERM
    op(_LD_W_ABS, _ARG2_LO)
    op(_JEQ, 0, 0, "eperm")
    op(_LD_W_ABS, _ARG2_HI)
    op(_JEQ, 0, "allow", "eperm")
    label("allow")  # classic BPF jumps forward only, so the returns come last
    op(_RET, RET_ALLOW)
    label("kill")
    op(_RET, RET_KILL_PROCESS)
    label("enosys")
    op(_RET, RET_ERRNO | errno.ENOSYS)
    label("eacces")
    op(_RET, RET_ERRNO | errno.EACCES)
    label("eperm")
    op(_RET, RET_ERRNO | errno.EPERM)

    resolved = []
    for i, (c, jt, jf, k) in enumerate(code):
        jt, jf = (labels[j] - i - 1 if isinstance(j, str) else j for j in (jt, jf))
        if not (0 <= jt <= 255 and 0 <= jf <= 255):
            raise ValueError("a jump of the seccomp filter is out of reach")
        resolved.append((c, jt, jf, k))
    return resolved


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def available() -> bool:
    """Whether this kernel takes a filter whose action is to kill the whole process."""
    arch = machine()
    if arch is None:
        return False
    try:
        action = ctypes.c_uint32(RET_KILL_PROCESS)
        return _libc().syscall(ARCHES[arch][1]["seccomp"], _SECCOMP_GET_ACTION_AVAIL, 0,
                               ctypes.byref(action)) == 0
    except (OSError, AttributeError):
        return False


def install(own_pid: int, guarded_fd: int = -1) -> None:
    """Load the filter into this process and all its threads; raises OSError when refused."""
    arch = machine()
    if arch is None:
        raise OSError(errno.ENOSYS, f"no seccomp filter for {platform.machine()}")
    instructions = program(arch, own_pid, guarded_fd)
    array = (SockFilter * len(instructions))(*(SockFilter(*i) for i in instructions))
    prog = SockFprog(len(instructions), array)
    result = _libc().syscall(ARCHES[arch][1]["seccomp"], _SECCOMP_SET_MODE_FILTER, _FILTER_FLAG_TSYNC,
                             ctypes.byref(prog))
    if result != 0:
        err = ctypes.get_errno() or errno.EPERM
        raise OSError(err, f"seccomp: {os.strerror(err)}")
