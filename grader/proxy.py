"""The grader's side of a worker: the fork server client and the submission proxy tests call.

``Submission`` stands for one student's code. ``submission.derivatives.sigmoid(x)``
sends the call to the student's worker process and returns plain data. Every
failure of the student's code (an exception, a hang, a crash, a missing
function, a value that cannot cross) raises ``StudentError`` with a sentence
for the student; the grader's own process never runs a line of it.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import kernel, statuses, wire
from .submissions import found_instead
from .assignment import Assignment

MAX_SPAWNS = 25  # worker starts per submission before its remaining tests are given up
MAX_FILE_BYTES = 10 * 2**20  # larger files of a submission are not copied to the worker
OUTPUT_SHOWN = 2000  # characters of a student's printed output shown in feedback

NO_PYTHON_SANDBOX = "NNGRADER_TEST_NO_PYTHON_SANDBOX"  # "1": workers without the audit hook (the kit's tests only)
KERNEL_STOPPED = ("the kernel stopped your code: it tried a forbidden system call (starting a program or "
                  "a process, signalling another process, opening a socket, or the like)")


class StudentError(Exception):
    """The student's code failed; ``str()`` is the sentence the student reads."""

    def __init__(self, message: str, kind: str = "exception"):
        super().__init__(message)
        self.kind = kind


class ForkServer:
    """A running ``grader.forkserver`` process and its control socket."""

    def __init__(self):
        control, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._log = tempfile.TemporaryFile()
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
               "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
               "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1",
               "HOME": tempfile.gettempdir()}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "grader.forkserver", str(theirs.fileno())],
            pass_fds=[theirs.fileno()], env=env, cwd=Path(__file__).resolve().parent.parent,
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log)
        theirs.close()
        self.control = control
        self.layers = kernel.probe()  # what the workers put on themselves; tests may narrow it

    def _ask(self, request: dict, fds=()) -> dict:
        try:
            socket.send_fds(self.control, [json.dumps(request).encode()], list(fds))
            reply = self.control.recv(1 << 16)
        except OSError:
            reply = b""
        if not reply:
            self._log.seek(0)
            tail = self._log.read()[-2000:].decode(errors="replace")
            raise RuntimeError(f"the grader's fork server stopped: {tail.strip() or 'no message'}")
        return json.loads(reply)

    def spawn(self, spec: dict) -> tuple[int, socket.socket, int]:
        """Start a worker; return its pid, its socket and the read end of its report pipe."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        report, report_w = os.pipe()
        os.set_blocking(report, False)
        try:
            pid = self._ask({"op": "spawn", "spec": {"kernel": self.layers.as_dict(), **spec}},
                            [theirs.fileno(), report_w])["pid"]
        except BaseException:
            os.close(report)
            raise
        finally:
            theirs.close()
            os.close(report_w)
        return pid, ours, report

    def wait(self, pid: int) -> int | None:
        return self.reap(pid)[0]

    def reap(self, pid: int) -> tuple[int | None, int]:
        """A stopped worker's exit status, and how many processes it left that were killed."""
        reply = self._ask({"op": "wait", "pid": pid})
        return reply.get("status"), int(reply.get("leftovers") or 0)

    def close(self) -> None:
        try:
            self.control.close()
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        finally:
            self._log.close()


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


class Submission:
    """One student's code, reached through a sandboxed worker that starts on first use.

    ``source`` is the folder holding the student's files, or None when the
    submission could not be read at all (``problem`` then says why).
    """

    def __init__(self, name: str, source: Path | None, assignment: Assignment,
                 forkserver: ForkServer, *, problem: str | None = None, notes=()):
        self.name, self.source, self.assignment = name, source, assignment
        self.forkserver = forkserver
        self.problem = problem
        self.notes: list[str] = list(notes)
        self.module_errors: dict[str, StudentError] = {}
        self.events: set[str] = set()  # statuses seen: timeout, memory, crashed, ...
        self.reasons: dict[str, str] = {}  # status -> first sentence that explains it
        self.time_used = 0.0
        self.spawns = 0
        self.printed = 0
        self.output = ""
        self.violations: list[str] = []
        self.last_warnings: list[str] = []  # warnings the student's last call raised
        self._live: _Live | None = None
        self._generation = 0
        if source is None and problem is None:
            self.problem = "no files were submitted"
        self._from_notebook = None  # grader.notebook.Extracted: modules rebuilt from a submitted .ipynb
        self._use_notebook: set[str] = set()  # the modules graded from the notebook's cells
        if self.problem:
            self._event(statuses.MISSING, self.problem)
        else:
            present = []
            notebook = self._read_notebook()
            for m in assignment.modules:
                path = source / f"{m}.py"
                if notebook is not None and m in self._use_notebook:
                    problem, status = self._notebook_module_problem(notebook, m)
                else:
                    problem, status = self._module_file_problem(path)
                if problem and status == statuses.MISSING and m not in self._use_notebook:
                    instead = found_instead(source, [m], assignment.modules)
                    problem += f" ({instead})" if instead else ""
                if problem:
                    self.module_errors[m] = StudentError(problem, status)
                    self._event(status, problem)
                else:
                    present.append(m)
            if not present and notebook is None:
                none_of = f"the submission has none of {', '.join(m + '.py' for m in assignment.modules)}"
                instead = found_instead(source, assignment.modules, assignment.modules)
                self.reasons[statuses.MISSING] = none_of + (f" ({instead})" if instead else "")

    @staticmethod
    def _module_file_problem(path: Path) -> tuple[str | None, str]:
        if path.is_symlink():
            return f"{path.name} is a symbolic link; links are not followed", statuses.MISSING
        if not path.is_file():
            return f"the submission has no {path.name}", statuses.MISSING
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return (f"{path.name} is {size / 2**20:.0f} MB, more than the {MAX_FILE_BYTES // 2**20} MB "
                    "a file of a submission may have", statuses.ERROR)
        return None, statuses.OK

    # -- notebooks (grader.notebook) ------------------------------------
    def _read_notebook(self):
        """The submission's notebook: an Extracted, a NotebookError, or None (none, or not needed).

        It is read when a module file is missing or still has unfinished functions (the starters
        beside a notebook the student worked in, as in a repository made from the release). A
        module comes from the notebook when its file is missing, or when the notebook leaves fewer
        of its functions unfinished. Only the notebook's JSON is read here (nbformat); the rebuilt
        modules run in the worker like .py files."""
        from . import notebook
        missing = [m for m in self.assignment.modules if not self._has_file(m)]
        unfinished = {}
        for m in self.assignment.modules:
            path = self.source / f"{m}.py"
            if m not in missing and path.is_file() and not path.is_symlink() and path.stat().st_size <= MAX_FILE_BYTES:
                count = notebook.unfinished(path.read_text(encoding="utf-8", errors="replace"),
                                            self.assignment.functions[m])
                if count:
                    unfinished[m] = count
        if not missing and not unfinished:
            return None
        found = notebook.for_submission(self.source, self.assignment)
        if found is None:
            return None
        self._use_notebook = set(missing)
        if not isinstance(found, notebook.Extracted):
            if unfinished and not missing:
                self.notes.append(f"{found} (the .py files were graded)")
            return found
        self._from_notebook = found
        for m, count in unfinished.items():
            if m in found.modules and notebook.unfinished(found.modules[m], self.assignment.functions[m]) < count:
                self._use_notebook.add(m)
                self.notes.append(f"{m}.py leaves {count} function(s) unfinished and {found.file} fewer: "
                                  f"its {m} cells were graded, not {m}.py")
        rebuilt = [m for m in found.modules if m in self._use_notebook]
        if rebuilt:
            self.notes.insert(0, f"{' and '.join(rebuilt)} rebuilt from the code cells of {found.file}"
                                 + (f" (its {found.checks} check and set-up cells are not graded)"
                                    if found.checks else ""))
        self.notes.extend(found.notes)
        taken = [m for m in found.modules if m not in self._use_notebook]
        if taken:
            self.notes.append(f"{' and '.join(m + '.py' for m in taken)} graded as submitted, not the "
                              f"{'/'.join(taken)} cells of {found.file}")
        return found

    def _has_file(self, module: str) -> bool:
        path = self.source / f"{module}.py"
        return path.exists() or path.is_symlink()

    def _notebook_module_problem(self, notebook, module: str) -> tuple[str | None, str]:
        if isinstance(notebook, Exception):
            return str(notebook), getattr(notebook, "status", statuses.ERROR)
        if module in notebook.missing:
            return notebook.missing[module], statuses.MISSING
        size = len(notebook.modules[module].encode("utf-8"))
        if size > MAX_FILE_BYTES:
            return (f"the {module} code of {notebook.file} is {size / 2**20:.0f} MB, more than the "
                    f"{MAX_FILE_BYTES // 2**20} MB a module may have"), statuses.ERROR
        return None, statuses.OK

    def _from_cells(self, module: str) -> bool:
        return self._from_notebook is not None and module in self._from_notebook.modules \
            and module in self._use_notebook

    def _where(self, where: str) -> str:
        """A place in a rebuilt module (``compgraph.py, line 9, in forward``) as a place in the notebook."""
        m = re.match(r"^(\w+)\.py, line (\d+)(.*)$", where)
        if m and self._from_cells(m[1]):
            return self._from_notebook.where(m[1], int(m[2])) + m[3]
        return where

    def _module_label(self, module: str) -> str:
        return f"the {module} code of {self._from_notebook.file}" if self._from_cells(module) else f"{module}.py"

    # -- what tests use -------------------------------------------------
    def __getattr__(self, module: str):
        if module.startswith("_") or module not in self.assignment.modules:
            raise AttributeError(f"the assignment has no module {module!r}")
        return _ModuleProxy(self, module)

    def call(self, module: str, function: str, *args, timeout: float | None = None, **kwargs):
        """Call ``module.function(*args, **kwargs)`` in the student's process; return plain data."""
        label = f"{function}()"
        self._check_handles((args, kwargs), label)
        if module in self.module_errors:
            known = self.module_errors[module]
            # a fresh exception each time: re-raising one object grows its traceback at every raise
            raise StudentError(str(known), known.kind)
        if self.problem:
            raise StudentError(self.problem, "missing")
        self._ensure_loaded(module)
        limit = timeout if timeout is not None else self.assignment.limits.for_call(function)
        request = {"op": "call", "module": module, "function": function,
                   "args": list(args), "kwargs": kwargs}
        try:
            frame = wire.encode(request)
        except wire.WireError as e:
            raise RuntimeError(f"the grader could not send the arguments of {label}: {e}") from None
        self.last_warnings = []
        reply = self._exchange(frame, limit, f"{label} did not return within {limit:g} s")
        self.last_warnings = list(reply.get("warnings") or [])
        if not reply.get("ok"):
            kind = reply.get("kind", "exception")
            message = reply.get("message", "failed")
            if kind == "not_implemented":
                message = f"{label} is not implemented yet ({message.split(': ', 1)[-1]})" \
                    if ": " in message else f"{label} is not implemented yet"
            if reply.get("where"):
                message += f" ({self._where(reply['where'])})"
            if kind == "memory":
                self._event(statuses.MEMORY, f"{label} ran out of memory "
                                      f"(limit {self.assignment.limits.memory_mb} MB)")
            if kind == "missing":
                message = message.replace(f"function {function}", f"function {function} (check its name)")
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
        if self._live is None:
            self._start()
        if module in self._live.loaded:
            return
        limit = self.assignment.limits.import_seconds
        reply = self._exchange(wire.encode({"op": "import", "module": module}), limit,
                               f"importing {self._module_label(module)} did not finish within {limit:g} s",
                               importing=module)
        if not reply.get("ok"):
            kind = reply.get("kind", "exception")
            message = reply.get("message", f"{module}.py failed to import")
            if self._from_cells(module):
                message = message.replace(f"{module}.py", self._module_label(module), 1)
            if reply.get("where"):
                message += f" ({self._where(reply['where'])})"
            status = statuses.IMPORT_KINDS.get(kind, statuses.ERROR)
            if kind == "sandbox":
                message = f"the kernel refused what your code tried: {message}"
            self._fail_module(module, StudentError(message, kind), status)
        self._live.loaded.add(module)

    def _fail_module(self, module: str, error: StudentError, status: str):
        self.module_errors[module] = error
        self._event(status, str(error))
        raise error

    def _start(self) -> None:
        if self.spawns >= MAX_SPAWNS:
            raise StudentError(f"the student's process had to be restarted {MAX_SPAWNS} times; "
                               "the remaining tests were not run", "crashed")
        self._over_budget()
        self.spawns += 1
        workdir = tempfile.mkdtemp(prefix="grader-worker-")
        os.chmod(workdir, 0o700)
        self._copy_files(Path(workdir))
        limits = self.assignment.limits
        spec = {"dir": workdir, "modules": list(self.assignment.modules), "memory_mb": limits.memory_mb,
                "cpu_seconds": int(limits.submission_seconds) + 5,
                "forbidden_imports": list(self.assignment.forbidden_imports),
                "python_sandbox": os.environ.get(NO_PYTHON_SANDBOX) != "1"}
        pid, sock, report = self.forkserver.spawn(spec)
        self._generation += 1
        self._live = _Live(pid, sock, workdir, report)

    def _copy_files(self, dest: Path) -> None:
        """Copy the student's regular files (no links, none too large) into the worker's folder."""
        noted = bool(self._generation)  # note skipped files once, not at every restart
        for path in sorted(self.source.rglob("*")):
            rel = path.relative_to(self.source)
            if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
                continue
            if path.suffix == ".ipynb" and self._from_notebook is not None and str(rel) == self._from_notebook.file:
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
        for module, code in (self._from_notebook.modules.items() if self._from_notebook else ()):
            if self._from_cells(module):
                (dest / f"{module}.py").write_text(code, encoding="utf-8")

    def _exchange(self, frame: bytes, limit: float, timeout_message: str, importing: str | None = None):
        live = self._live
        budget_left = self._over_budget()
        limit = min(limit, budget_left)
        started = time.monotonic()
        try:
            wire.send(live.sock, frame)
            raw = wire.recv(live.sock, deadline=started + limit)
            reply = wire.decode(raw, handle=lambda i, t: wire.Handle(i, t, (id(self), self._generation)))
        except (TimeoutError, socket.timeout):
            self.time_used += time.monotonic() - started
            self._stop()
            if limit >= budget_left:
                timeout_message = (f"the time limit of {self.assignment.limits.submission_seconds:g} s "
                                   "for the whole submission ran out")
            self._event(statuses.TIMEOUT, timeout_message)
            error = StudentError(timeout_message, "timeout")
            if importing:
                self._fail_module(importing, error, statuses.TIMEOUT)
            raise error from None
        except (EOFError, ConnectionError, wire.WireError) as e:
            self.time_used += time.monotonic() - started
            status = self._stop()
            if isinstance(e, wire.WireError):
                message, event = f"the student's process sent something that cannot be graded: {e}", statuses.CRASHED
            else:
                message, event = describe_exit(status), statuses.CRASHED
                signalled = os.WTERMSIG(status) if status is not None and os.WIFSIGNALED(status) else None
                if signalled == signal.SIGXCPU:
                    event = statuses.TIMEOUT
                elif signalled == signal.SIGSYS:
                    message, event = KERNEL_STOPPED, statuses.SANDBOX
                elif status is not None and os.WIFEXITED(status) \
                        and os.WEXITSTATUS(status) == kernel.SANDBOX_SETUP_FAILED:
                    raise RuntimeError("the grader could not put the kernel's sandbox on the student's "
                                       f"process ({self.forkserver.layers.describe()})") from None
            what = f"while importing {importing}.py" if importing else "during the call"
            error = StudentError(f"{message} {what}", event)
            self._event(event, str(error))
            if importing:
                self._fail_module(importing, error, statuses.ERROR if event == statuses.CRASHED else event)
            raise error from None
        self.time_used += time.monotonic() - started
        self._absorb(reply)
        return reply

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

    def _over_budget(self) -> float:
        left = self.assignment.limits.submission_seconds - self.time_used
        if left <= 0:
            self._event(statuses.TIMEOUT, f"the time limit of {self.assignment.limits.submission_seconds:g} s "
                                   "for the whole submission ran out")
            raise StudentError("not run: the time limit for the whole submission ran out", "timeout")
        return left

    def _stop(self) -> int | None:
        """Kill the live worker's whole process group; return its exit status."""
        live, self._live = self._live, None
        if live is None:
            return None
        for kill in (os.killpg, os.kill):
            try:
                kill(live.pid, signal.SIGKILL)
            except OSError:
                pass
        live.sock.close()
        try:
            status, leftovers = self.forkserver.reap(live.pid)
            self._read_report(live, ended=True)
            if leftovers:
                self._event(statuses.SANDBOX, f"your code left {leftovers} process(es) running after it ended; "
                                       "the grader stopped them")
            return status
        finally:
            if live.report >= 0:
                os.close(live.report)
            shutil.rmtree(live.workdir, ignore_errors=True)

    def _event(self, status: str, reason: str) -> None:
        self.events.add(status)
        self.reasons.setdefault(status, reason)

    def close(self) -> None:
        """Stop the worker, with whatever threads or processes it left behind."""
        self._stop()

    # -- the row in the table -------------------------------------------
    @property
    def status(self) -> str:
        return statuses.worst(self.events)

    @property
    def reason(self) -> str:
        return self.reasons.get(self.status, "")


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

    def with_timeout(self, seconds: float) -> "_FunctionProxy":
        """The same function with another wall-clock limit for its calls."""
        return _FunctionProxy(self._submission, self._module, self._function, seconds)
