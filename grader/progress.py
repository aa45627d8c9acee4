"""Progress of a grading run on stderr: a bar on a terminal, one plain line per submission otherwise."""
from __future__ import annotations

import shutil
import sys
import time

from .text import printable


class Progress:
    """Called with each ``StudentResult`` as it is graded (``run.grade``'s ``progress``).

    On a terminal it redraws one line: a bar, done/total, elapsed time and an
    estimate of the rest. Anywhere else (a log, a pipe, CI) it prints one line
    per submission: ``  <assignment>: <student>: <points>/<max> (<status>, <seconds> s)``.
    """

    def __init__(self, name: str, max_points: float, stream=None, tty: bool | None = None):
        self.name, self.max_points = name, max_points
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.total = self.done = self.already = 0
        self.started = time.monotonic()
        self._drawn = False

    def begin(self, total: int, done: int = 0) -> None:
        self.total, self.done, self.already = total, done, done
        self.started = time.monotonic()
        if self.tty and total > done:
            self._draw("")

    def __call__(self, result) -> None:
        self.done += 1
        if self.tty:
            self._draw(f"{printable(result.student)} ({result.status})")
        else:
            print(f"  {self.name}: {printable(result.student)}: {result.total:g}/{self.max_points:g} "
                  f"({result.status}, {result.seconds:.2f} s)", file=self.stream, flush=True)

    def end(self) -> None:
        if self.tty and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False

    def line(self, last: str, width: int) -> str:
        """The terminal line, at most ``width`` characters."""
        elapsed = time.monotonic() - self.started
        graded = self.done - self.already
        left = self.total - self.done
        eta = f", about {_duration(elapsed / graded * left)} left" if graded and left else ""
        head = f"{self.name} "
        counts = f" {self.done}/{self.total} · {_duration(elapsed)}{eta}"
        bar_width = max(10, min(30, width - len(head) - len(counts) - 2))
        filled = round(bar_width * self.done / self.total) if self.total else bar_width
        text = f"{head}[{'#' * filled}{'.' * (bar_width - filled)}]{counts}"
        if last and len(text) + 3 + min(len(last), 12) <= width:
            text += f" · {last}"
        return text if len(text) <= width else text[:width - 1] + "…"

    def _draw(self, last: str) -> None:
        width = shutil.get_terminal_size((80, 20)).columns - 1
        self.stream.write("\r" + self.line(last, width) + "\x1b[K")
        self.stream.flush()
        self._drawn = True


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds >= 60 else f"{seconds} s"
