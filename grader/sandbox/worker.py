"""The worker: one process per submission that imports the student's modules and answers calls.

It runs in a child of the fork server (``grader.forkserver``), so NumPy is
already imported when it starts. Requests and replies are frames of
``grader.wire``; objects that cannot cross stay here in a handle table.
"""
from __future__ import annotations

import errno
import importlib
import io
import os
import socket
import sys
import traceback
import warnings

from . import cgroup, kernel, lifetime, limits as sandbox, namespaces, wire
from ..notebook.runtime import failures as failed_cells  # imported now: the sandbox would refuse it later

OUTPUT_KEPT = 64 * 1024  # characters of the student's printed output kept for feedback
REPLY_BYTES = 64 * 2**20  # no value larger than this goes back to the grader


class CappedOutput(io.TextIOBase):
    """Stands in for stdout and stderr: keeps the first characters, counts the rest."""

    def __init__(self):
        self.kept: list[str] = []
        self.size = 0
        self.sent = 0

    def writable(self):
        return True

    def write(self, s):
        s = str(s)
        room = OUTPUT_KEPT - sum(map(len, self.kept))
        if room > 0:
            self.kept.append(s[:room])
        self.size += len(s)
        return len(s)

    def take(self) -> str:
        """What was printed since the last take, trimmed to what was kept."""
        text = "".join(self.kept)
        new, self.sent = text[self.sent:], len(text)
        return new


class Worker:
    def __init__(self, sock: socket.socket, spec: dict, report_fd: int = -1):
        self.sock = sock
        self.spec = spec
        self.dir = spec["dir"]
        self.modules: dict[str, object] = {}
        self.handles: dict[int, object] = {}
        self.violations = sandbox.Violations(report_fd)
        self.output = CappedOutput()
        self.layers = kernel.KernelLayers.from_dict(spec.get("kernel"))

    # -- set-up ---------------------------------------------------------
    def confine(self) -> None:
        """Everything the worker does to itself before the student's first line; the kernel's
        layers last, since they refuse what came before (``grader.kernel``)."""
        spec = self.spec
        lifetime.die_with_parent()
        if spec.get("parent") and os.getppid() != spec["parent"]:
            os._exit(70)  # the fork server is already gone
        cgroup.prefer_others()  # out of memory, the kernel takes the worker, not its fork server
        read_roots = sorted({sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
                             *spec.get("read_roots", ())})
        keep_visible = [*read_roots, kernel.GRADER_DIR]
        try:
            if spec.get("view") is not None:  # its init made the namespaces ahead of time
                if self.layers.mount_namespace:
                    namespaces.finish_view(self.dir, keep_visible, spec["view"])
            elif self.layers.network_namespace or self.layers.mount_namespace:
                namespaces.isolate(self.dir, keep_visible, mounts=self.layers.mount_namespace,
                                   fresh_proc=self.layers.private_proc)
            else:
                sandbox.isolate_network()
        except OSError:
            os._exit(kernel.SANDBOX_SETUP_FAILED)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # native writes to stdout go nowhere; Python's are captured
            os.dup2(devnull, fd)
        os.close(devnull)
        sys.stdin = io.StringIO()
        sys.stdout = sys.stderr = self.output
        os.chdir(self.dir)
        sandbox.scrub_environment(self.dir)
        sys.path[:] = [self.dir] + [p for p in sys.path if p and sandbox._under(p, read_roots)]
        sys.dont_write_bytecode = True
        unprivileged = self.layers.unprivileged_uid is not None or self.layers.user_namespace
        sandbox.set_limits(spec["memory_mb"], spec["cpu_seconds"], spec.get("file_mb", 64),
                           processes=kernel.NPROC_UNPRIVILEGED if unprivileged else 0)
        try:
            kernel.apply(self.layers, read_only=[*read_roots, kernel.GRADER_DIR], read_write=[self.dir],
                         guarded_fd=self.violations.report_fd)
        except OSError:
            os._exit(kernel.SANDBOX_SETUP_FAILED)  # never run student code with less than promised
        if spec.get("parent") and os.getppid() != spec["parent"]:
            os._exit(70)
        sys.meta_path.insert(0, sandbox.ImportBlocker(spec.get("forbidden_imports", ()), self.violations))
        if spec.get("python_sandbox", True):  # off only in the kit's own tests of the kernel layer
            sandbox.install_audit_hook(self.dir, read_roots, self.violations)

    def load(self, name: str) -> dict:
        """Import the student's module ``name``; the reply says how that went."""
        if name not in self.spec.get("modules", [name]):
            return {"ok": False, "kind": "missing", "message": f"{name} is not a module of this assignment"}
        path = os.path.join(self.dir, name + ".py")
        if not os.path.exists(path):
            return {"ok": False, "kind": "missing", "message": f"the submission has no {name}.py"}
        with open(path, "rb") as f:
            if not f.read(1 << 16).strip():
                return {"ok": False, "kind": "missing", "message": f"{name}.py is empty"}
        try:
            self.modules[name] = importlib.import_module(name)
        except BaseException as e:  # noqa: BLE001 - anything the student's import does
            return {"ok": False, **self.describe(e, f"{name}.py failed to import:")}
        return {"ok": True, "cells": self.cells(name)}

    def cells(self, name: str) -> list:
        """The notebook cells of ``name`` that failed as its import ran them (none for a .py module):
        [{cell, kind, message, where}], plain data."""
        out = []
        try:
            for cell, error in failed_cells(name):
                if isinstance(error, str):
                    out.append({"cell": cell, "kind": "timeout", "message": error[:500], "where": ""})
                else:
                    item = self.describe(error, "")
                    out.append({"cell": cell, **item, "message": item["message"].lstrip()})
        except BaseException:  # noqa: BLE001 - a record the student's code tampered with
            pass
        return out

    # -- serving --------------------------------------------------------
    def serve(self) -> None:
        while True:
            try:
                request = wire.decode(wire.recv(self.sock), handle=self.lookup_handle)
            except EOFError:
                return
            except wire.WireError as e:
                reply = {"ok": False, "kind": "unsendable", "message": str(e)}
            else:
                op = request.get("op")
                if op == "close":
                    return
                reply = self.load(request["module"]) if op == "import" else self.call(request)
            reply.update(self.side_channel())
            try:
                frame = wire.encode(reply, keep=self.keep, max_bytes=REPLY_BYTES)
            except wire.WireError as e:
                frame = wire.encode({"ok": False, "kind": "unsendable",
                                     "message": f"returned a value that cannot be graded: {e}",
                                     **self.side_channel()})
            except BaseException as e:  # noqa: BLE001 - a hostile __len__ or similar
                frame = wire.encode({"ok": False, **self.describe(e, "returned a value that cannot be graded:"),
                                     **self.side_channel()})
            wire.send(self.sock, frame)

    def call(self, request: dict) -> dict:
        module_name, function_name = request["module"], request["function"]
        module = self.modules.get(module_name)
        if module is None:
            return {"ok": False, "kind": "missing", "message": f"{module_name}.py is not loaded"}
        fn = getattr(module, function_name, None)
        if not callable(fn):
            return {"ok": False, "kind": "missing",
                    "message": f"{module_name}.py has no function {function_name}"}
        args = [self.resolve(a) for a in request.get("args", [])]
        kwargs = {k: self.resolve(v) for k, v in request.get("kwargs", {}).items()}
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                value = fn(*args, **kwargs)
            except BaseException as e:  # noqa: BLE001 - SystemExit and KeyboardInterrupt included
                return {"ok": False, **self.describe(e, f"{function_name}() raised"),
                        "warnings": self.warning_texts(caught)}
        if request.get("echo"):  # the arguments as the call left them: a change in place shows
            value = [value, args]
        return {"ok": True, "value": value, "warnings": self.warning_texts(caught)}

    @staticmethod
    def warning_texts(caught) -> list[str]:
        texts = []
        for w in caught[:20]:
            try:
                text = f"{w.category.__name__}: {w.message}"
            except BaseException:  # noqa: BLE001 - a hostile __str__
                text = "a warning"
            if text not in texts:
                texts.append(text[:200])
        return texts[:5]

    def side_channel(self) -> dict:
        return {"output": self.output.take(), "printed": self.output.size,
                "violations": list(self.violations.items),
                "forbidden_imports": list(self.violations.forbidden_imports)}

    # -- handles --------------------------------------------------------
    def keep(self, obj) -> wire.Handle:
        handle_id = len(self.handles) + 1
        self.handles[handle_id] = obj
        return wire.Handle(handle_id, type(obj).__name__)

    def lookup_handle(self, handle_id: int, type_name: str):
        if handle_id not in self.handles:
            raise wire.WireError(f"unknown handle {handle_id}")
        return self.handles[handle_id]

    def resolve(self, value):
        if isinstance(value, wire.NumpyFunction):
            return value.resolve()
        if type(value) is list:
            return [self.resolve(v) for v in value]
        if type(value) is tuple:
            return tuple(self.resolve(v) for v in value)
        if type(value) is dict:
            return {k: self.resolve(v) for k, v in value.items()}
        return value

    # -- errors ---------------------------------------------------------
    def refused_by_kernel(self, exc: BaseException) -> bool:
        """A permission error under Landlock that the audit hook did not raise: the kernel refused."""
        return bool(self.layers.landlock_abi) and type(exc) is PermissionError \
            and exc.errno in (errno.EACCES, errno.EPERM) \
            and not str(exc.args[-1] if exc.args else "").startswith("not allowed while grading")

    def describe(self, exc: BaseException, prefix: str) -> dict:
        """Turn an exception from student code into a kind and a one-paragraph message."""
        if isinstance(exc, NotImplementedError):
            kind = "not_implemented"
        elif isinstance(exc, MemoryError):
            kind = "memory"
        elif isinstance(exc, ImportError) and self.violations.forbidden_imports:
            kind = "forbidden"
        elif isinstance(exc, SyntaxError):
            kind = "syntax"
        elif self.refused_by_kernel(exc):
            kind = "sandbox"
        else:
            kind = "exception"
        try:
            text = str(exc)
        except BaseException:  # noqa: BLE001 - a hostile __str__
            text = ""
        where = ""
        try:
            # walk_tb reads no source files, unlike extract_tb (which the sandbox would refuse)
            frames = [(frame.f_code.co_filename, lineno, frame.f_code.co_name)
                      for frame, lineno in traceback.walk_tb(exc.__traceback__)
                      if frame.f_code.co_filename.startswith(self.dir + "/")]
            if isinstance(exc, SyntaxError) and exc.filename and exc.filename.startswith(self.dir):
                where = f"{os.path.basename(exc.filename)}, line {exc.lineno}"
            elif frames:
                filename, lineno, name = frames[-1]
                where = f"{os.path.basename(filename)}, line {lineno}, in {name}"
        except BaseException:  # noqa: BLE001
            pass
        if isinstance(exc, SyntaxError):
            text = exc.msg or text
        message = f"{prefix} {type(exc).__name__}" + (f": {text}" if text else "")
        if len(message) > 500:
            message = message[:500] + " …"
        return {"kind": kind, "message": message, "where": where}


def run(fd: int, spec: dict, report_fd: int = -1) -> None:
    """Entry point in the forked child; never returns. ``report_fd`` is the write end of the pipe
    on which refusals reach the grader as they happen."""
    code = 0
    try:
        os.setsid()
        sock = socket.socket(fileno=fd)
        if report_fd >= 0:
            os.set_blocking(report_fd, False)  # a pipe the student filled must not hang the hook
        worker = Worker(sock, spec, report_fd)
        worker.confine()
        worker.serve()
    except BaseException:  # noqa: BLE001 - report nothing, the grader sees the exit status
        code = 70
    finally:
        os._exit(code)
