"""The grader's side of a worker: the fork server client and the submission proxy tests call.

``Submission`` stands for one student's code. ``submission.derivatives.sigmoid(x)``
sends the call to the student's worker process and returns plain data. Every
failure of the student's code (an exception, a hang, a crash, a missing
function, a value that cannot cross) raises ``StudentError`` with a sentence
for the student; the grader's own process never runs a line of it.
"""
from __future__ import annotations

import math
import os
import shutil
import signal
import socket
import tempfile
import time
from pathlib import Path

from . import kernel, wire
from .. import statuses
from .forkserver import ForkServer
from .handles import _Live, describe_exit
from ..discover.resolve import MAX_FILE_BYTES, resolve
from ..discover.submissions import remove_tree
from ..assignment import Assignment

MAX_SPAWNS = 25  # workers one module's calls may end before that module's remaining tests are given up
OUTPUT_SHOWN = 2000  # characters of a student's printed output shown in feedback

NO_PYTHON_SANDBOX = "NNGRADER_TEST_NO_PYTHON_SANDBOX"  # "1": workers without the audit hook (the kit's tests only)
KERNEL_STOPPED = ("the kernel stopped your code: it tried a forbidden system call (starting a program or "
                  "a process, signalling another process, opening a socket, or the like)")


class StudentError(Exception):
    """The student's code failed; ``str()`` is the sentence the student reads."""

    def __init__(self, message: str, kind: str = "exception"):
        super().__init__(message)
        self.kind = kind


class Submission:
    """One student's code, reached through a sandboxed worker that starts on first use.

    ``source`` is the folder holding the student's files, or None when the
    submission could not be read at all (``problem`` then says why).
    """

    def __init__(self, name: str, source: Path | None, assignment: Assignment,
                 forkserver: ForkServer, *, problem: str | None = None, notes=(),
                 problem_status: str = statuses.MISSING):
        self.name, self.source, self.assignment = name, source, assignment
        self.forkserver = forkserver
        self.module_errors: dict[str, StudentError] = {}
        self.events: set[str] = set()  # statuses seen: timeout, memory, crashed, ...
        self.reasons: dict[str, str] = {}  # status -> first sentence that explains it
        self.time_used: dict[str, float] = {}  # module -> seconds its calls and import took
        self.restarts: dict[str, int] = {}  # module -> workers its calls ended (a timeout, a crash)
        self.spawns = 0
        self.printed = 0
        self.output = ""
        self.violations: list[str] = []
        self.last_warnings: list[str] = []  # warnings the student's last call raised
        self.not_implemented: set[str] = set()  # functions that raised NotImplementedError
        self.warnings_log: list[tuple[str, str]] = []  # (function, warning) of every call, in order
        self.called: list[str] = []  # "module.function" of every call, in order
        self._live: _Live | None = None
        self._generation = 0
        self._out_of_memory = False  # the last worker stopped was killed by its memory cgroup
        self.resolved = resolve(source, assignment, problem=problem, notes=notes)  # what each module is graded as
        self.problem, self.notes = self.resolved.problem, self.resolved.notes
        if self.problem:
            self._event(problem_status if problem else statuses.MISSING, self.problem)
        for m, (reason, status) in self.resolved.module_problems.items():
            self.module_errors[m] = StudentError(reason, status)
            self._event(status, reason)
        if self.resolved.none_reason:
            self.reasons[statuses.MISSING] = self.resolved.none_reason

    # -- what tests use -------------------------------------------------
    def __getattr__(self, module: str):
        if module.startswith("_") or module not in self.assignment.modules:
            raise AttributeError(f"the assignment has no module {module!r}")
        return _ModuleProxy(self, module)

    def call(self, module: str, function: str, *args, timeout: float | None = None, _echo: bool = False,
             **kwargs):
        """Call ``module.function(*args, **kwargs)`` in the student's process; return plain data
        (with ``_echo``: the pair (value, the positional arguments as the call left them))."""
        label = f"{function}()"
        self.called.append(f"{module}.{function}")
        self._check_handles((args, kwargs), label)
        if module in self.module_errors:
            known = self.module_errors[module]
            # a fresh exception each time: re-raising one object grows its traceback at every raise
            raise StudentError(str(known), known.kind)
        if self.problem:
            raise StudentError(self.problem, "missing")
        self._over_budget(module)
        self._ensure_loaded(module)
        limit = timeout if timeout is not None else self.assignment.limits.for_call(function)
        request = {"op": "call", "module": module, "function": function,
                   "args": list(args), "kwargs": kwargs, "echo": bool(_echo)}
        try:
            frame = wire.encode(request)
        except wire.WireError as e:
            raise RuntimeError(f"the grader could not send the arguments of {label}: {e}") from None
        self.last_warnings = []
        reply = self._exchange(frame, limit, f"{self.resolved.label(module)}: {label} did not return within "
                               f"{limit:g} s", module)
        self.last_warnings = list(reply.get("warnings") or [])
        self.warnings_log += [(function, w) for w in self.last_warnings]
        if not reply.get("ok"):
            kind = reply.get("kind", "exception")
            message = reply.get("message", "failed")
            if kind == "not_implemented":
                self.not_implemented.add(function)
                message = f"{label} is not implemented yet ({message.split(': ', 1)[-1]})" \
                    if ": " in message else f"{label} is not implemented yet"
            if reply.get("where"):
                message += f" ({self.resolved.where(reply['where'])})"
            if kind == "memory":
                self._event(statuses.MEMORY, f"{label} ran out of memory "
                                      f"(limit {self.assignment.limits.memory_mb} MB)")
            if kind == "missing":
                message = self.resolved.missing_function(module, function, message)
            if kind == "sandbox":
                self._event(statuses.SANDBOX, f"the kernel refused what your code tried: {message}")
            raise StudentError(message, kind)
        return reply.get("value")

    def _check_handles(self, value, label: str) -> None:
        """Refuse a handle that a previous (since restarted) worker handed out."""
        if isinstance(value, wire.Handle):
            if value.worker != (id(self), self._generation):
                raise StudentError(f"{label} was given a {value.type_name} object from an earlier call "
                                   "whose process has since been restarted", "crashed")
        elif isinstance(value, (list, tuple)):
            for v in value:
                self._check_handles(v, label)
        elif isinstance(value, dict):
            for v in value.values():
                self._check_handles(v, label)

    # -- workers ----------------------------------------------------------
    def _ensure_loaded(self, module: str) -> None:
        """A live worker that has imported ``module``, started if need be, unless ``module``'s calls
        have ended ``MAX_SPAWNS`` workers already."""
        if self.restarts.get(module, 0) >= MAX_SPAWNS:
            self._fail_module(module, StudentError(
                f"the student's process had to be restarted {MAX_SPAWNS} times because of "
                f"{self.resolved.label(module)}; its remaining tests were not run", "crashed"), statuses.CRASHED)
        if self._live is None:
            self._start()
        if module in self._live.loaded:
            return
        limit = self.assignment.limits.import_seconds
        reply = self._exchange(wire.encode({"op": "import", "module": module}), limit,
                               f"importing {self.resolved.label(module)} did not finish within {limit:g} s",
                               module, importing=True)
        if not reply.get("ok"):
            kind = reply.get("kind", "exception")
            message = reply.get("message", f"{module}.py failed to import")
            if self.resolved.from_cells(module):
                message = message.replace(f"{module}.py", self.resolved.label(module), 1)
            if reply.get("where"):
                message += f" ({self.resolved.where(reply['where'])})"
            status = statuses.IMPORT_KINDS.get(kind, statuses.ERROR)
            if kind == "sandbox":
                message = f"the kernel refused what your code tried: {message}"
            self._fail_module(module, StudentError(message, kind), status)
        self._live.loaded.add(module)
        self.resolved.ran_cells(module, reply.get("cells"), self._event)  # a notebook's failed cells: notes

    def _fail_module(self, module: str, error: StudentError, status: str):
        self.module_errors[module] = error
        self._event(status, str(error))
        raise error

    def _start(self) -> None:
        """A fresh worker, whose CPU limit is what the modules' budgets leave, and a margin."""
        self.spawns += 1
        workdir = tempfile.mkdtemp(prefix="grader-worker-")
        os.chmod(workdir, 0o700)
        self._copy_files(Path(workdir))
        limits = self.assignment.limits
        spec = {"dir": workdir, "modules": list(self.assignment.modules), "memory_mb": limits.memory_mb,
                "cpu_seconds": self._cpu_seconds(),
                "forbidden_imports": list(self.assignment.forbidden_imports),
                "python_sandbox": os.environ.get(NO_PYTHON_SANDBOX) != "1"}
        pid, sock, report = self.forkserver.spawn(spec)
        self._generation += 1
        self._live = _Live(pid, sock, workdir, report)

    def _cpu_seconds(self) -> int:
        """RLIMIT_CPU of a worker: the time every module may still take in it, in all, and 5 s."""
        return math.ceil(sum(max(0.0, self._left(m)) for m in self.assignment.modules)) + 5

    def _copy_files(self, dest: Path) -> None:
        """Copy the student's regular files (no links, none too large) into the worker's folder."""
        noted = bool(self._generation)  # note skipped files once, not at every restart
        for path in sorted(self.source.rglob("*")):
            rel = path.relative_to(self.source)
            if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
                continue
            notebook = self.resolved.notebook
            if path.suffix == ".ipynb" and notebook is not None and str(rel) == notebook.file:
                continue  # its code reaches the worker as the rebuilt modules, below
            if path.is_symlink():
                if not noted:
                    self.notes.append(f"{rel} is a symbolic link and was ignored")
                continue
            if path.is_dir():
                (dest / rel).mkdir(exist_ok=True)
            elif path.is_file():
                if path.stat().st_size > MAX_FILE_BYTES:
                    if not noted:
                        self.notes.append(f"{rel} ({path.stat().st_size / 2**20:.0f} MB) is larger "
                                          f"than {MAX_FILE_BYTES // 2**20} MB and was ignored")
                    continue
                shutil.copyfile(path, dest / rel)
        for module, code in self.resolved.rebuilt().items():
            (dest / f"{module}.py").write_text(code, encoding="utf-8")

    def _exchange(self, frame: bytes, limit: float, timeout_message: str, module: str, importing: bool = False):
        """Send ``frame`` to the worker and return its reply, the time charged to ``module``.

        The wait is at most ``limit`` and what ``module``'s budget has left. A timeout
        or a crash ends the worker, charged to ``module`` (``restarts``), and raises
        ``StudentError``; so does an import's failure, for every later call of ``module``.
        """
        live = self._live
        budget_left = self._over_budget(module)
        limit = min(limit, budget_left)
        started = time.monotonic()
        try:
            wire.send(live.sock, frame)
            raw = wire.recv(live.sock, deadline=started + limit)
            reply = wire.decode(raw, handle=lambda i, t: wire.Handle(i, t, (id(self), self._generation)))
        except (TimeoutError, socket.timeout):
            self._charge(module, started, restart=True)
            self._stop()
            if limit >= budget_left:
                timeout_message = self._ran_out(module)
                self.module_errors[module] = StudentError(f"not run: {timeout_message}", "timeout")
            self._event(statuses.TIMEOUT, timeout_message)
            error = StudentError(timeout_message, "timeout")
            if importing:
                self._fail_module(module, error, statuses.TIMEOUT)
            raise error from None
        except (EOFError, ConnectionError, wire.WireError) as e:
            self._charge(module, started, restart=True)
            status = self._stop(crashed=True)
            if isinstance(e, wire.WireError):
                message, event = f"the student's process sent something that cannot be graded: {e}", statuses.CRASHED
            else:
                message, event = describe_exit(status), statuses.CRASHED
                signalled = os.WTERMSIG(status) if status is not None and os.WIFSIGNALED(status) else None
                if signalled == signal.SIGXCPU:
                    event = statuses.TIMEOUT
                elif signalled == signal.SIGSYS:
                    message, event = KERNEL_STOPPED, statuses.SANDBOX
                elif self._out_of_memory:
                    message, event = (f"ran out of memory (limit {self.assignment.limits.memory_mb} MB, "
                                      "counted by the kernel)"), statuses.MEMORY
                elif status is not None and os.WIFEXITED(status) \
                        and os.WEXITSTATUS(status) == kernel.SANDBOX_SETUP_FAILED:
                    raise RuntimeError("the grader could not put the kernel's sandbox on the student's "
                                       f"process ({self.forkserver.layers.describe()})") from None
            what = f"while importing {module}.py" if importing else "during the call"
            error = StudentError(f"{message} {what}", event)
            self._event(event, str(error))
            if importing:
                self._fail_module(module, error, statuses.ERROR if event == statuses.CRASHED else event)
            raise error from None
        self._charge(module, started)
        self._absorb(reply)
        return reply

    def _charge(self, module: str, started: float, restart: bool = False) -> None:
        """Add the time since ``started`` to ``module``'s, and with ``restart`` the worker it ended."""
        self.time_used[module] = self.time_used.get(module, 0.0) + time.monotonic() - started
        self.restarts[module] = self.restarts.get(module, 0) + int(restart)

    def _absorb(self, reply: dict) -> None:
        self._read_report(self._live)
        out = reply.get("output") or ""
        if out and len(self.output) < OUTPUT_SHOWN:
            self.output += out[:OUTPUT_SHOWN - len(self.output)]
        self.printed = max(self.printed, int(reply.get("printed") or 0))
        for v in reply.get("violations") or ():
            self._violation(v)
        for name in reply.get("forbidden_imports") or ():
            self._event(statuses.FORBIDDEN_IMPORT, f"the submission imports {name}, which this assignment forbids")

    def _violation(self, v: str) -> None:
        if v not in self.violations:
            self.violations.append(v)
            self._event(statuses.SANDBOX, f"the submission tried something not allowed while grading: {v}")

    def _read_report(self, live: "_Live | None", ended: bool = False) -> None:
        """What the worker's report pipe says: refusals as they happened, which a submission cannot
        take back. Anything else on it, or the pipe closed while the worker lives, is tampering."""
        if live is None or live.report < 0:
            return
        lines, closed = live.read_report()
        for line in lines:
            kind, _, text = line.partition(" ")
            if kind == "v" and text:
                self._violation(text[:500])
            elif kind == "f" and text:
                self._event(statuses.FORBIDDEN_IMPORT, f"the submission imports {text[:100]}, which this assignment forbids")
            else:
                self._event(statuses.SANDBOX, "the submission wrote into the grader's report channel")
        if closed and not ended:
            self._event(statuses.SANDBOX, "the submission closed the grader's report channel")
        if closed or ended:
            os.close(live.report)
            live.report = -1

    def _left(self, module: str) -> float:
        """Seconds ``module``'s calls and import may still take (``limits.submission_seconds`` in all)."""
        return self.assignment.limits.submission_seconds - self.time_used.get(module, 0.0)

    def _ran_out(self, module: str) -> str:
        return (f"the time limit of {self.assignment.limits.submission_seconds:g} s for "
                f"{self.resolved.label(module)} ran out")

    def _over_budget(self, module: str) -> float:
        """What ``module``'s budget has left; when nothing, its calls fail from now on, with no worker."""
        left = self._left(module)
        if left <= 0:
            self._fail_module(module, StudentError(f"not run: {self._ran_out(module)}", "timeout"), statuses.TIMEOUT)
        return left

    def _stop(self, crashed: bool = False) -> int | None:
        """Kill the live worker and all it started; return its exit status (``crashed``: it ended
        on its own, and how says why)."""
        live, self._live = self._live, None
        if live is None:
            return None
        try:
            # stopped before its socket closes, so that a live worker is counted with what it started
            status, leftovers, self._out_of_memory = self.forkserver.stop(live.pid, crashed)
            live.sock.close()
            self._read_report(live, ended=True)
            if leftovers:
                self._event(statuses.SANDBOX, f"your code left {leftovers} process(es) running after it ended; "
                                       "the grader stopped them")
            return status
        finally:
            live.sock.close()
            if live.report >= 0:
                os.close(live.report)
            remove_tree(live.workdir)  # iterative: the student may have nested folders thousands deep

    def _event(self, status: str, reason: str) -> None:
        self.events.add(status)
        self.reasons.setdefault(status, reason)

    close = _stop  # the worker stopped, with whatever threads or processes it left behind

    @property
    def status(self) -> str:
        return statuses.worst(self.events)

    @property
    def reason(self) -> str:
        reason, more = self.reasons.get(self.status, ""), self.violations[1:]
        if self.status == statuses.SANDBOX and more and reason.endswith(self.violations[0]):  # every attempt
            reason += f" (and {len(more)} more: {'; '.join(more[:3])}{'; ...' if len(more) > 3 else ''})"
        return reason


class _ModuleProxy:
    def __init__(self, submission: Submission, module: str):
        self._submission, self._module = submission, module

    def __getattr__(self, function: str):
        if function.startswith("_"):
            raise AttributeError(function)
        return _FunctionProxy(self._submission, self._module, function)


class _FunctionProxy:
    def __init__(self, submission: Submission, module: str, function: str, timeout: float | None = None):
        self._submission, self._module, self._function, self._timeout = submission, module, function, timeout

    def __call__(self, *args, **kwargs):
        return self._submission.call(self._module, self._function, *args, timeout=self._timeout, **kwargs)

    def and_arguments(self, *args):
        """(value, args as the call left them): whether the function changed its inputs in place."""
        return tuple(self._submission.call(self._module, self._function, *args, timeout=self._timeout, _echo=True))

    def with_timeout(self, seconds: float) -> "_FunctionProxy":
        """The same function with another wall-clock limit for its calls."""
        return _FunctionProxy(self._submission, self._module, self._function, seconds)
