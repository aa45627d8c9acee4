"""Namespaces of a worker's own: what it sees of processes, System V IPC, mounts and the network.

Three processes per submission where the kernel allows a PID namespace (``start``):

- the *keeper*, a child of the fork server, makes the namespaces that apply to children (PID,
  and a user namespace when the grader is not root), starts the init and waits for it;
- the *init*, pid 1 of the new PID namespace, starts the worker, waits for it, then kills and
  reaps whatever else is in the namespace, and writes the worker's wait status and that count
  on a pipe only the fork server reads; nothing the worker started outlives it;
- the *worker* (pid 2, so that signals it sends itself behave as anywhere else) makes its own
  IPC, mount and network namespaces (``isolate``) before any student code: a fresh /proc, empty
  private /tmp, /var/tmp and /dev/shm (other workers' folders and the grader's files there
  vanish), every mount read-only but its own folder, so chmod, chown and utime fail outside it.

In a user namespace (an ordinary user's grader) the worker holds every capability of that
namespace until ``drop_capabilities``; outside it, it is still the grader's uid, which is why
Landlock and the read-only mounts, not the uid, keep it from the grader's files.
"""
from __future__ import annotations

import ctypes
import json
import os
import signal
import socket

CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = (
    0x00020000, 0x08000000, 0x10000000, 0x20000000, 0x40000000)
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 8, 4096, 16384, 1 << 18
_AT_FDCWD, _AT_RECURSIVE, _MOUNT_ATTR_RDONLY = -100, 0x8000, 1
_MOUNT_SETATTR = {"x86_64": 442, "aarch64": 442}
PRIVATE_FOLDERS = ("/tmp", "/var/tmp", "/dev/shm")  # emptied for the worker: tmpfs of its own
SETUP_FAILED = 71  # as kernel.SANDBOX_SETUP_FAILED: never run student code with less than promised


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _write(path: str, text: str) -> None:
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


# -- the keeper and the init (trusted: they never run student code) ---------------------------
def start(user_namespace: bool, server: int, status_fd: int, command, run, view: dict) -> None:
    """In the fork server's child (the keeper): make the namespaces that apply to children (PID,
    and user with ``user_namespace``), start the init (``init``), wait; never returns. SIGTERM
    (blocked on entry, so that none is lost) is passed on to the init, which stops the worker."""
    from . import lifetime
    code = 0
    try:
        lifetime.die_with_parent()
        if os.getppid() != server:
            os._exit(lifetime.ORPHANED)
        children_in_new_namespaces(user_namespace)
        child = os.fork()
        if child == 0:
            init(status_fd, command, run, view)
        command.close()
        os.close(status_fd)
        signal.signal(signal.SIGTERM, lambda *_: _kill(child, signal.SIGTERM))
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
        os.waitpid(child, 0)
    except BaseException:  # noqa: BLE001 - the fork server sees no status line and says so
        code = SETUP_FAILED
    finally:
        os._exit(code)


def children_in_new_namespaces(user_namespace: bool) -> None:
    """This process's next child is pid 1 of a new PID namespace; with ``user_namespace`` this process
    enters a new user namespace too, with the same ids inside as outside and nothing else mapped."""
    uid, gid = os.geteuid(), os.getegid()
    _check(_libc().unshare(CLONE_NEWPID | (CLONE_NEWUSER if user_namespace else 0)), "unshare")
    if user_namespace:
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{uid} {uid} 1")
        _write("/proc/self/gid_map", f"{gid} {gid} 1")


_own_pid_namespace: list[int] = []  # the fork server's, to come back to after forking an init


def new_pid_namespace() -> None:
    """The fork server (root): its next child is pid 1 of a new PID namespace."""
    if not _own_pid_namespace:
        _own_pid_namespace.append(os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC))
    _check(_libc().unshare(CLONE_NEWPID), "unshare")


def back_to_own_pid_namespace() -> None:
    """The fork server, after forking an init: its later children are in its own namespace again."""
    _check(_libc().setns(_own_pid_namespace[0], CLONE_NEWPID), "setns")


def init(status_fd: int, command, run, view: dict) -> None:
    """Pid 1 of a worker's PID namespace, made ahead of time: it makes the IPC, network and mount
    namespaces its worker will have (``view``: "network", "mounts", "fresh_proc" and the
    "keep_visible" paths), then waits on ``command`` for a submission (a spec and the worker's two
    descriptors), starts the worker (``run(spec, fds)``), waits, kills and reaps the rest, and writes
    "<wait status> <leftovers>" on ``status_fd``; never returns. It dies with its parent."""
    from . import lifetime
    code = 0
    try:
        # Its end ends the namespace. (Its parent is outside the namespace, so getppid() says 0 and
        # cannot tell whether it already ended; if it did, ``command`` is closed and it ends.)
        lifetime.die_with_parent()
        for fd in _own_pid_namespace:
            os.close(fd)
        covered = {}
        if view["network"] or view["mounts"]:
            _check(_libc().unshare(CLONE_NEWIPC | CLONE_NEWNET | (CLONE_NEWNS if view["mounts"] else 0)), "unshare")
            if view["mounts"]:
                covered = prepare_view(view["keep_visible"], view["fresh_proc"])
        message, fds, _, _ = socket.recv_fds(command, 1 << 16, 2)
        command.close()
        if not message:
            os._exit(0)  # the fork server let this one go unused
        spec = json.loads(message)
        worker = os.fork()
        if worker == 0:
            os.close(status_fd)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
            run({**spec, "parent": 1, "view": covered}, fds)
            os._exit(70)
        for fd in [*fds, *covered.values()]:
            os.close(fd)
        # The keeper asks to stop the worker by SIGTERM (nothing in the namespace can signal pid 1).
        signal.signal(signal.SIGTERM, lambda *_: _kill(worker))
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
        status, leftovers = None, 0
        while status is None:
            pid, wait_status = os.waitpid(-1, 0)
            if pid == worker:
                status = wait_status
            else:
                leftovers += 1  # something the worker started, which ended before it
        _kill(-1)  # everything else in the namespace
        while True:
            try:
                os.waitpid(-1, 0)
            except ChildProcessError:
                break
            leftovers += 1
        os.write(status_fd, f"{status} {leftovers}\n".encode())
    except BaseException:  # noqa: BLE001
        code = SETUP_FAILED
    finally:
        os._exit(code)


def _kill(pid: int, sig: int = signal.SIGKILL) -> None:
    try:
        os.kill(pid, sig)
    except OSError:
        pass


def read_status(fd: int) -> tuple[int | None, int]:
    """What the init wrote: the worker's wait status and how many processes it left (None, 0 if
    nothing: the keeper could not make the namespaces)."""
    data = b""
    try:
        while chunk := os.read(fd, 256):
            data += chunk
    except OSError:
        pass
    try:
        status, leftovers = data.split()[:2]
        return int(status), int(leftovers)
    except ValueError:
        return None, 0


# -- the worker ---------------------------------------------------------------------------
def isolate(workdir: str, keep_visible, mounts: bool, fresh_proc: bool) -> None:
    """In the worker, before student code: IPC and network namespaces of its own, and with
    ``mounts`` a mount namespace of its own (``private_view``). Raises OSError when refused."""
    _check(_libc().unshare(CLONE_NEWIPC | CLONE_NEWNET | (CLONE_NEWNS if mounts else 0)), "unshare")
    if mounts:
        private_view(workdir, keep_visible, fresh_proc)


def private_view(workdir: str, keep_visible, fresh_proc: bool) -> None:
    """In a mount namespace of this process's own: the private folders empty (``workdir`` and
    ``keep_visible`` mounted back at their own paths), /proc its own (``fresh_proc``; it must be
    in a PID namespace of its own), and every mount read-only but ``workdir``."""
    finish_view(workdir, keep_visible, prepare_view([workdir, *keep_visible], fresh_proc))


def prepare_view(keep_visible, fresh_proc: bool) -> dict[str, int]:
    """The part of ``private_view`` that needs no worker's folder (an init does it ahead of time):
    an empty tmpfs on each private folder, and a fresh /proc. Returns each covered folder with a
    descriptor (O_PATH) of what it covers, through which ``finish_view`` mounts paths back."""
    libc = _libc()
    _check(libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "mount --make-rprivate /")
    kept = {os.path.realpath(p) for p in keep_visible if os.path.exists(p)}
    covered = {}
    for folder in PRIVATE_FOLDERS:
        folder = os.path.realpath(folder)
        if not os.path.isdir(folder) or any(_under(folder, p) for p in kept):
            continue  # a kept path above a private folder keeps it whole
        handle = os.open(folder, os.O_PATH | os.O_DIRECTORY)
        covered[folder] = handle
        _check(libc.mount(b"tmpfs", folder.encode(), b"tmpfs", MS_NOSUID | MS_NODEV,
                          b"size=64k,nr_inodes=256,mode=0755"), f"mount tmpfs on {folder}")
    if fresh_proc:
        _check(libc.mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None), "mount /proc")
    return covered


def finish_view(workdir: str, keep_visible, covered: dict[str, int]) -> None:
    """Mount ``workdir`` and ``keep_visible`` back where ``prepare_view`` covered them, close its
    descriptors, and make every mount read-only but ``workdir``."""
    libc = _libc()
    workdir = os.path.realpath(workdir)
    kept = [workdir] + sorted({os.path.realpath(p) for p in keep_visible} - {workdir})
    bound = False
    try:
        for path in kept:
            folder = next((f for f in covered if _under(path, f) and path != f), None)
            if folder is None:
                continue
            source = f"/proc/self/fd/{covered[folder]}/{os.path.relpath(path, folder)}"
            if not os.path.exists(source):
                continue
            if os.path.isdir(source):
                os.makedirs(path, exist_ok=True)
            else:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                open(path, "x").close()
            _check(libc.mount(source.encode(), path.encode(), None, MS_BIND | MS_REC, None), f"bind {path}")
            bound = bound or path == workdir
    finally:
        for handle in covered.values():
            os.close(handle)
    _read_only_but(libc, workdir, bound)


class _MountAttr(ctypes.Structure):
    _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64),
                ("propagation", ctypes.c_uint64), ("userns_fd", ctypes.c_uint64)]


def _mount_setattr_number() -> int | None:
    import platform
    machine = platform.machine().lower()
    return _MOUNT_SETATTR.get({"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine))


_MOUNT_SETATTR_NR = _mount_setattr_number()


def _read_only_but(libc, workdir: str, bound: bool) -> None:
    """Every mount read-only (one recursive mount_setattr), then ``workdir`` writable again, on a
    bind mount of its own (``bound``: it has one already)."""
    if _MOUNT_SETATTR_NR is None:
        raise OSError(38, "no mount_setattr on this machine")
    ro = _MountAttr(attr_set=_MOUNT_ATTR_RDONLY)
    _check(libc.syscall(_MOUNT_SETATTR_NR, _AT_FDCWD, b"/", _AT_RECURSIVE, ctypes.byref(ro), ctypes.sizeof(ro)),
           "mount_setattr / read-only")
    if not bound:
        _check(libc.mount(workdir.encode(), workdir.encode(), None, MS_BIND, None), f"bind {workdir}")
    rw = _MountAttr(attr_clr=_MOUNT_ATTR_RDONLY)
    _check(libc.syscall(_MOUNT_SETATTR_NR, _AT_FDCWD, workdir.encode(), 0, ctypes.byref(rw), ctypes.sizeof(rw)),
           f"mount_setattr {workdir} writable")


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


CAP_VERSION_3 = 0x20080522


class CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def drop_capabilities() -> None:
    """Give up every capability of the worker's user namespace (no exec can regain them: no_new_privs)."""
    caps = (CapData * 2)()
    _check(_libc().capset(ctypes.byref(CapHeader(CAP_VERSION_3, 0)), caps), "capset")


# -- the probe -------------------------------------------------------------------------------
PROBE_BITS = {"user": 1, "pid": 2, "ipc_net": 4, "mounts": 8, "proc": 16}


def probe(user_namespace: bool, scratch: str) -> dict[str, bool]:
    """Which of the steps above a worker here can take, tried in throwaway children."""
    import tempfile
    found = dict.fromkeys(PROBE_BITS, False)
    try:
        workdir = tempfile.mkdtemp(prefix="grader-probe-", dir=scratch)
    except OSError:
        return found
    try:
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            code = 0
            try:
                code = _probe_child(user_namespace, workdir, w)
            finally:
                os._exit(code)
        os.close(w)
        _, status = os.waitpid(pid, 0)
        data = b""
        while chunk := os.read(r, 64):
            data += chunk
        os.close(r)
        bits = int(data or b"0")
        for name, bit in PROBE_BITS.items():
            found[name] = bool(bits & bit)
    finally:
        os.rmdir(workdir)
    return found


def _probe_child(user_namespace: bool, workdir: str, out: int) -> int:
    bits = 0
    try:
        children_in_new_namespaces(user_namespace)
        if user_namespace:
            bits |= PROBE_BITS["user"]
    except OSError:
        os.write(out, b"0")
        return 0
    bits |= PROBE_BITS["pid"]
    init = os.fork()  # pid 1 of the new namespace, as the init is
    if init == 0:
        found = 0
        try:
            isolate(workdir, (), mounts=False, fresh_proc=False)
            found |= PROBE_BITS["ipc_net"]
            for fresh_proc in (True, False):
                pid = os.fork()
                if pid == 0:
                    ok = False
                    try:
                        _check(_libc().unshare(CLONE_NEWNS), "unshare")
                        private_view(workdir, (), fresh_proc)
                        open(os.path.join(workdir, "w"), "w").close()  # its own folder stays writable
                        os.unlink(os.path.join(workdir, "w"))
                        ok = _refused_outside(workdir)
                    finally:
                        os._exit(0 if ok else 1)
                _, status = os.waitpid(pid, 0)
                if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
                    found |= PROBE_BITS["mounts"] | (PROBE_BITS["proc"] if fresh_proc else 0)
                    break
        finally:
            os._exit(found)
    _, status = os.waitpid(init, 0)
    bits |= os.WEXITSTATUS(status) if os.WIFEXITED(status) else 0
    os.write(out, str(bits).encode())
    return 0


def _refused_outside(workdir: str) -> bool:
    """Whether chmod just outside ``workdir`` is refused (read-only), as it must be."""
    parent = os.path.dirname(os.path.realpath(workdir))
    try:
        os.chmod(parent, os.stat(parent).st_mode & 0o7777)
    except OSError:
        return True
    return False
