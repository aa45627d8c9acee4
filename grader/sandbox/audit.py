"""The Python-level first line of a worker's sandbox: an audit hook (``sys.addaudithook``) that refuses
what a graded function must not do, in words a student understands.

``install(workdir, read_roots, record, report_fd)`` adds the hook. Every function, type and value the
hook uses is captured when it is installed (names bound in ``install``'s scope, tuples and frozensets),
so the student's code cannot change it by patching ``os``, ``builtins`` or this module. The hook
never calls a method of an object the student made: a path is copied to an exact ``str`` first
(``str.__str__`` of a str subclass, an exact copy of bytes), pathlib and ``os.DirEntry`` objects are
read through their slots, anything else is refused. Relative paths are resolved against the real
working directory (a ``chdir`` anywhere is allowed and followed) or the ``dir_fd`` the event names;
an ``os.open`` (whose event does not carry its ``dir_fd``) must be allowed against the working
directory and every directory the process holds open. A refusal the student's own code caused is
appended to ``record`` and written at once to ``report_fd``, a pipe to the grader that a
submission cannot take back.
"""
from __future__ import annotations

import os
import pathlib
import posix
import stat
import sys
import types

# Audit events that never make sense in a graded function, and what the student reads for them.
_PROCESS, _SIGNAL = "starting a process", "sending a signal"
DENIED_EVENTS = {
    "os.system": _PROCESS, "os.exec": _PROCESS, "os.posix_spawn": _PROCESS, "os.spawn": _PROCESS,
    "os.fork": _PROCESS, "os.forkpty": _PROCESS, "subprocess.Popen": _PROCESS, "pty.spawn": _PROCESS,
    "os.kill": _SIGNAL, "os.killpg": _SIGNAL, "signal.pthread_kill": "signal.pthread_kill",
    "socket.connect": "", "socket.bind": "", "socket.sendto": "", "socket.getaddrinfo": "",
    "socket.gethostbyname": "", "socket.gethostbyaddr": "", "socket.__new__": "",
    "ctypes.dlopen": "loading a native library", "ctypes.dlsym": "ctypes.dlsym",
    "ctypes.dlsym/handle": "ctypes.dlsym/handle", "ctypes.cdata": "ctypes.cdata",
    "ctypes.call_function": "ctypes.call_function", "sys.setprofile": "sys.setprofile",
    "sys.settrace": "sys.settrace", "os.chroot": "os.chroot", "os.setuid": "os.setuid",
    "os.setgid": "os.setgid", "resource.setrlimit": "resource.setrlimit",
    "resource.prlimit": "resource.prlimit", "gc.get_referrers": "gc.get_referrers",
    "gc.get_objects": "gc.get_objects", "gc.get_referents": "gc.get_referents",
    "sys._current_frames": "sys._current_frames",
}
# Events that change the filesystem: (index of a path, index of its dir_fd or None), all in the
# worker's folder.
WRITE_EVENTS = {
    "os.remove": ((0, 1),), "os.rmdir": ((0, 1),), "os.mkdir": ((0, 2),), "os.rename": ((0, 2), (1, 3)),
    "os.link": ((0, 2), (1, 3)), "os.symlink": ((0, 2), (1, 2)), "os.chmod": ((0, 2),),
    "os.chown": ((0, 3),), "os.truncate": ((0, None),), "os.utime": ((0, 3),),
    "shutil.rmtree": ((0, 1),), "shutil.move": ((0, None), (1, None)),
    "shutil.copyfile": ((0, None), (1, None)), "shutil.copytree": ((0, None), (1, None)),
}
READ_EVENTS = {"os.listdir": ((0, None),), "os.scandir": ((0, None),), "glob.glob": ((0, None),)}
# Events raised by Python code before it converts its paths: a path object the hook cannot read
# there is let through, since the os-level calls that follow raise events of their own.
PYTHON_LEVEL_EVENTS = frozenset({"shutil.rmtree", "shutil.move", "shutil.copyfile", "shutil.copytree", "glob.glob"})
DEVICES = frozenset({"/dev/null", "/dev/urandom", "/dev/random", "/dev/zero"})
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
MAX_RECORDED = 20
_OPEN_FDS = 256  # descriptors looked at for the base of a relative os.open (the limit is lower)


def _pathlib_snapshot():
    """pathlib's concrete classes, their MROs and the attributes that make their string, as now."""
    base = pathlib.PurePath
    slot = base.__dict__.get("_str")
    kinds = []
    for cls in (pathlib.PosixPath, pathlib.PurePosixPath):
        mro = cls.__mro__
        kinds.append((cls, mro, tuple(tuple(c.__dict__.get(n) for n in ("__fspath__", "__str__", "_str"))
                                      for c in mro)))
    return slot, tuple(kinds)


def _codes(code: types.CodeType) -> frozenset:
    """``code`` and every function's code defined in it, at any depth."""
    found = {code}
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            found |= _codes(const)
    return frozenset(found)


def _library_names(grader_dir: str) -> tuple[str, ...]:
    """Parts of a file name that make a frame count as a library's or the grader's own."""
    return ("site-packages", "dist-packages", grader_dir.rstrip("/") + "/")


def install(workdir: str, read_roots, record: list, report_fd: int = -1) -> None:
    """Add the hook: read under ``read_roots`` and ``workdir``, write under ``workdir`` only."""
    # -- everything the hook touches, bound now ----------------------------------------------
    _type, _str, _bytes, _int, _tuple, _len, _range = type, str, bytes, int, tuple, len, range
    _slice, _issubclass, _Exception, _OSError = slice, issubclass, Exception, OSError
    _PermissionError = PermissionError
    _append = list.append
    getcwd, lstat, fstat, readlink, write = posix.getcwd, posix.lstat, posix.fstat, posix.readlink, posix.write
    S_ISLNK, S_ISDIR = stat.S_ISLNK, stat.S_ISDIR
    getframe = sys._getframe
    encoding, errors = sys.getfilesystemencoding(), sys.getfilesystemencodeerrors()
    direntry, direntry_path = os.DirEntry, os.DirEntry.__dict__.get("path")
    str_slot, pathlib_kinds = _pathlib_snapshot()
    type_dict, type_mro = type.__dict__["__dict__"], type.__dict__["__mro__"]
    proxy_get = type(type_dict.__get__(object)).get
    workdir = os.path.realpath(workdir)
    writable = (workdir,)
    readable = _tuple(sorted({os.path.realpath(r) for r in read_roots} | {workdir}))
    # read-only views: the hook's frames are out of the student's reach (below), and these too
    denied_events, write_events, read_events = (types.MappingProxyType(dict(t))
                                                 for t in (DENIED_EVENTS, WRITE_EVENTS, READ_EVENTS))
    own_codes = _codes(install.__code__)
    grader_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + "/"
    worker_file = os.path.join(os.path.dirname(os.path.abspath(__file__)), "worker.py")
    library_names = _library_names(grader_dir)
    tb_frame_of = types.TracebackType.__dict__["tb_frame"].__get__
    code_of = types.FrameType.__dict__["f_code"].__get__
    traceback_type = types.TracebackType
    busy = [0]  # set while the hook reads a frame itself, which raises an event of its own
    python_level = PYTHON_LEVEL_EVENTS
    devices, write_flags, limit, open_fds = DEVICES, WRITE_FLAGS, MAX_RECORDED, _OPEN_FDS

    def under(path, roots) -> bool:
        for r in roots:
            if path == r or _str.startswith(path, r + "/") or r == "/":
                return True
        return False

    def fd_path(fd):
        try:
            target = readlink("/proc/self/fd/%d" % fd)
        except _OSError:
            return None
        return target if _str.startswith(target, "/") else None

    def pathlib_text(p, t):
        for cls, mro, attrs in pathlib_kinds:
            if t is not cls:
                continue
            now = type_mro.__get__(t)
            if _len(now) != _len(mro):
                return None
            for i in _range(_len(mro)):
                if now[i] is not mro[i]:
                    return None
                d = type_dict.__get__(mro[i])
                for j, name in ((0, "__fspath__"), (1, "__str__"), (2, "_str")):
                    if proxy_get(d, name) is not attrs[i][j]:
                        return None  # a class of pathlib was changed
            return str_slot.__get__(p) if str_slot is not None else None
        return None

    def exact(p):
        """``p`` as an exact str, without running code of the student's; None when it cannot be."""
        try:
            t = _type(p)
            if t is _int:
                return fd_path(p)
            if t is direntry and direntry_path is not None:
                p = direntry_path.__get__(p)
            elif t is not _str and t is not _bytes and not _issubclass(t, (_str, _bytes)):
                p = pathlib_text(p, t)
            t = _type(p)
            if t is _str:
                return p
            if _issubclass(t, _str):
                return _str.__str__(p)
            if _issubclass(t, _bytes):
                return _bytes.decode(_bytes.__getitem__(p, _slice(None)), encoding, errors)
        except _Exception:
            pass
        return None

    def resolve(path: str, base: str) -> str:
        """The real path, like os.path.realpath but with the functions bound above."""
        if not _str.startswith(path, "/"):
            path = base + "/" + path
        pending = _str.split(path, "/")
        pending.reverse()
        done = []
        links = 0
        while pending:
            part = pending.pop()
            if part == "" or part == ".":
                continue
            if part == "..":
                if done:
                    done.pop()
                continue
            here = "/" + "/".join(done + [part])
            try:
                is_link = S_ISLNK(lstat(here).st_mode)
            except _OSError:
                is_link = False
            if not is_link:
                _append(done, part)
                continue
            links += 1
            if links > 40:
                return "/"  # a loop: refused, as "/" is no root
            target = readlink(here)
            if _str.startswith(target, "/"):
                done = []
            more = _str.split(target, "/")
            more.reverse()
            pending.extend(more)
        return "/" + "/".join(done)

    def bases(dir_fd, any_open_dir: bool):
        """Where a relative path may start: the dir_fd's folder, else the working directory (and,
        for os.open, every folder held open); None stands for one that cannot be known."""
        if dir_fd is not None and not (_type(dir_fd) is _int and dir_fd < 0):  # -1: no dir_fd was given
            return [fd_path(dir_fd) if _type(dir_fd) is _int else None]
        try:
            found = [getcwd()]
        except _OSError:
            found = [None]
        if any_open_dir:
            for fd in _range(open_fds):
                try:
                    if S_ISDIR(fstat(fd).st_mode):
                        _append(found, fd_path(fd))
                except _OSError:
                    pass
        return found

    def candidates(p, dir_fd=None, any_open_dir=False):
        """Every real path ``p`` may name; [None] when it cannot be read safely."""
        text = exact(p)
        if text is None:
            return [None]
        if _str.startswith(text, "/") or _type(p) is _int:
            return [resolve(text, "/")]
        return [None if b is None else resolve(text, b) for b in bases(dir_fd, any_open_dir)]

    def students_own_doing() -> bool:
        """Whether the student's code, not a library it uses, made the attempt.

        Walking out from the hook, a frame of the student's folder reached before any frame of a
        third-party package means the student asked (through the standard library at most); a
        library probing its surroundings on its own (matplotlib looking for fonts, say) is refused
        all the same, but not held against anyone.
        """
        frame = getframe(2)
        while frame is not None:
            name = frame.f_code.co_filename
            if _str.startswith(name, workdir + "/"):
                return True
            if frame.f_code not in own_codes:
                for part in library_names:
                    if _str.find(name, part) >= 0:
                        return False
            frame = frame.f_back
        return True

    def deny(what: str):
        if students_own_doing():
            if _len(record) < limit:  # no `in`: the list is the student's to fill with anything
                _append(record, what)
            if report_fd >= 0:
                line = _str.encode("v " + _str.replace(what, "\n", " ") + "\n", "utf-8", "backslashreplace")
                try:
                    write(report_fd, line)
                except _OSError:
                    pass
        raise _PermissionError(f"not allowed while grading: {what}")

    def check(paths, roots, verb: str):
        for path in paths:
            if path is None:
                deny(f"{verb} a path the grader cannot check")
            if path not in devices and not under(path, roots):
                deny(f"{verb} {path}")

    def called_by_the_worker() -> bool:
        """Whether the worker's own code (describing an error) reads a traceback, not the student's."""
        frame = getframe(2)
        while frame is not None:
            if frame.f_code.co_filename == worker_file:
                return True
            frame = frame.f_back
        return False

    def reading_a_frame(obj, name) -> None:
        """A refusal's traceback leads to the hook's own frames: the student may not read them."""
        if name != "tb_frame" or _type(obj) is not traceback_type or busy[0]:
            return
        busy[0] = 1
        try:
            code = code_of(tb_frame_of(obj))
        finally:
            busy[0] = 0
        if code in own_codes and not called_by_the_worker():
            deny("reading the sandbox's own frames")

    def hook(event, args):
        if _type(event) is not _str:
            event = _str.__str__(event)  # sys.audit takes a str subclass too
        if event == "object.__getattr__":
            if _len(args) >= 2:
                reading_a_frame(args[0], args[1])
            return
        if event == "compile" or event == "code.__new__":
            # code compiled under a library's or the grader's file name would pass for theirs;
            # the import system compiles libraries' files, and is the only one to
            name = args[1] if _len(args) >= 2 else None
            if _type(name) is not _str:
                return
            caller = getframe(2).f_code.co_filename
            if _str.startswith(caller, "<frozen importlib") and _str.startswith(name, "/"):
                return
            for part in (*library_names, "<frozen"):
                if _str.find(name, part) >= 0 and students_own_doing():
                    deny(f"compiling code under the name {name}")
            return
        if event == "mmap.__new__":
            # anonymous memory counts against the limits; a file it maps was opened, and checked, first
            fileno = args[0] if args else -1
            if _type(fileno) is _int and fileno >= 0:
                check([fd_path(fileno)], readable, "mapping")
            return
        if event == "open":
            path, mode, flags = args
            if path is None or _type(path) is _int:
                return
            writing = (_type(mode) is _str and (_str.find(mode, "w") >= 0 or _str.find(mode, "a") >= 0
                                                or _str.find(mode, "x") >= 0 or _str.find(mode, "+") >= 0)) \
                or (_type(flags) is _int and flags & write_flags)
            found = candidates(path, any_open_dir=mode is None)  # os.open: a dir_fd may be in play
            if writing:
                check(found, writable, "writing")
            check(found, readable, "reading")
        elif event in denied_events:
            what = denied_events[event]
            deny(what or f"using the network ({event})")
        elif event in write_events:
            for i, fd_i in write_events[event]:
                if i < _len(args):
                    dir_fd = args[fd_i] if fd_i is not None and fd_i < _len(args) else None
                    if event in python_level and exact(args[i]) is None:
                        continue
                    found = candidates(args[i], dir_fd)
                    for path in found:
                        if path is None or not under(path, writable):
                            deny(f"{_str.split(event, '.')[-1]} on {path or 'a path the grader cannot check'}")
        elif event in read_events:
            if args and not (event in python_level and exact(args[0]) is None):
                check(candidates("." if args[0] is None else args[0]), readable, "looking into")

    sys.addaudithook(hook)
