"""No grading process outlives the run that started it.

- ``dies_with_parent``: a ``preexec_fn`` for the processes the grader starts (shards, fork
  servers): right after the fork, the child asks the kernel for SIGKILL when its parent ends
  (``PR_SET_PDEATHSIG``, Linux only), then checks that its parent is still the one that forked
  it, since that one may have ended before the request. The signal follows the *thread* that
  forked the child, so children are started from the main thread. Elsewhere (macOS) nothing is
  asked, and a child ends when its parent's pipes and sockets close.
- ``stopping_on_signals``: SIGTERM, SIGINT and SIGHUP end a run through its ``finally`` blocks
  (children terminated, lock released, staged results kept for ``--resume``) by raising ``Stopped``,
  a ``KeyboardInterrupt`` so that pytest ends its session rather than charge it to a test.
  ``stopping()`` says whether that happened: nothing is staged after it, since a submission cut
  short has no true result.
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))
ORPHANED = 70  # the exit status of a child whose parent was gone before it could ask to die with it

_stopped: list[int] = []  # the signal that stopped this process's run, once one has


class Stopped(KeyboardInterrupt):
    """The run was asked to stop by a signal (``signum``)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    def __str__(self) -> str:
        return signal.Signals(self.signum).name


def _prctl():
    """libc's prctl, or None where there is none (any system but Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def die_with_parent() -> None:
    """Ask the kernel to kill this process when its parent ends, however it ends (Linux only)."""
    prctl = _prctl()
    if prctl is not None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def dies_with_parent():
    """A ``preexec_fn`` that makes the child die with this process, or None where the kernel
    offers no parent-death signal. libc is looked up here, before the fork, not in the child."""
    prctl = _prctl()
    if prctl is None:
        return None
    parent = os.getpid()

    def in_child() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:
            os._exit(ORPHANED)
    return in_child


def stopping() -> bool:
    """Whether a stop signal has reached this process's run."""
    return bool(_stopped)


def stopped_by() -> int:
    """The signal that stopped this process's run (SIGINT when none did)."""
    return _stopped[0] if _stopped else signal.SIGINT


def _stop(signum, frame) -> None:
    """The first stop signal raises ``Stopped``; later ones are ignored while the run cleans up."""
    for s in STOP_SIGNALS:
        signal.signal(s, signal.SIG_IGN)
    _stopped.append(signum)
    raise Stopped(signum)


@contextlib.contextmanager
def stopping_on_signals():
    """Within the block (in the main thread), a stop signal raises ``Stopped``; the handlers
    that were there before come back after it. A signal ignored already (``nohup``) stays ignored."""
    _stopped.clear()
    before = {s: signal.signal(s, _stop) for s in STOP_SIGNALS if signal.getsignal(s) != signal.SIG_IGN}
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)
