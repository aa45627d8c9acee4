"""Progress of a grading run on stderr: a bar on a terminal, one plain line per submission otherwise."""
from __future__ import annotations

import shutil
import sys
import threading
import time


TICK_SECONDS = 1.0  # how often the bar is redrawn while no result comes
LATE_SECONDS = 5.0  # a wait shorter than this is never called late
FIRST_USUAL = 10.0  # the usual time of a submission until one has been graded


class Progress:
    """Called with each ``StudentResult`` as it is graded (``run.grade``'s ``progress``).

    On a terminal it redraws one line: a bar, done/total, elapsed time and an
    estimate of the rest, also while a submission takes long (a thread redraws it
    every second). Anywhere else (a log, a pipe, CI) it prints one line per
    submission: ``  <assignment>: <student>: <points>/<max> (<status>, <seconds> s)``
    (with ``before`` after the points when what comes later, a course's late penalty and
    overrides, may change them),
    and ``  <assignment> (still grading): ...`` when no result has come for much
    longer than a submission usually takes.

    The estimate counts what is in flight: with results in, a submission takes
    ``usual`` seconds of wall time (the time to the last result over the results
    since ``begin``), and the wait since the last result is what the one being
    graded has already run (with ``--jobs`` above 1, what each running one has
    run at least). ``clock`` is the time source (tests give a fake one).
    """

    def __init__(self, name: str, max_points: float, stream=None, tty: bool | None = None,
                 clock=time.monotonic, tick_seconds: float | None = TICK_SECONDS, before: str = ""):
        self.name, self.max_points = name, max_points
        self.before = f" {before}" if before else ""
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.clock, self.tick_seconds = clock, tick_seconds
        self.total = self.done = self.already = 0
        self.started = self.last_result = clock()
        self._drawn = False
        self._last = ""
        self._next_note = 0.0  # the wait at which a plain line next says a submission is late
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def begin(self, total: int, done: int = 0) -> None:
        self.total, self.done, self.already = total, done, done
        self.started = self.last_result = self.clock()
        self._next_note = 0.0
        if done:  # a resumed run: what it kept, before the bar or the lines of what it grades
            print(f"  {self.name}: resuming: {done} of {total} kept from the stopped run, {total - done} to grade",
                  file=self.stream, flush=True)
        if total > done:
            if self.tty:
                self._draw("")
            self._start_ticker()

    def __call__(self, result) -> None:
        with self._lock:
            self.done += 1
            self.last_result = self.clock()
            self._next_note = 0.0
            if self.tty:
                self._draw_locked(f"{result.student} ({result.status})")
            else:
                print(f"  {self.name}: {result.student}: {result.total:g}/{self.max_points:g}{self.before} "
                      f"({result.status}, {result.seconds:.2f} s)", file=self.stream, flush=True)

    def end(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
            self._ticker = None
        with self._lock:
            if self.tty and self._drawn:
                self.stream.write("\n")
                self.stream.flush()
                self._drawn = False

    # -- the estimate ---------------------------------------------------------
    def usual(self) -> float | None:
        """Wall seconds per submission so far (up to the last result), or None before the first."""
        graded = self.done - self.already
        return (self.last_result - self.started) / graded if graded else None

    def waiting(self) -> float:
        """Seconds since the last result (or ``begin``): what the submission in flight has run."""
        return max(0.0, self.clock() - self.last_result)

    def remaining(self) -> float | None:
        """Seconds the rest should take: the usual time for each one left, the one in flight
        counted down for half its usual time, then as long again as it has already run."""
        usual, left = self.usual(), self.total - self.done
        if usual is None or left <= 0:
            return None
        since = self.waiting()
        return (left - 1) * usual + max(usual - since, since)

    def late(self) -> float | None:
        """How long the submission in flight has run, when that is well past the usual time."""
        since, usual = self.waiting(), self.usual()
        if self.done >= self.total:
            return None
        return since if since >= max(2 * (FIRST_USUAL if usual is None else usual), LATE_SECONDS) else None

    # -- drawing --------------------------------------------------------------
    def line(self, last: str, width: int) -> str:
        """The terminal line, at most ``width`` characters."""
        elapsed = self.clock() - self.started
        left = self.remaining()
        eta = f", about {_duration(left)} left" if left is not None else ""
        late = self.late()
        head = f"{self.name} "
        counts = f" {self.done}/{self.total} · {_duration(elapsed)}{eta}"
        if late is not None:
            counts += f" · a submission running {_duration(late)}"
            last = ""
        bar_width = max(10, min(30, width - len(head) - len(counts) - 2))
        filled = round(bar_width * self.done / self.total) if self.total else bar_width
        text = f"{head}[{'#' * filled}{'.' * (bar_width - filled)}]{counts}"
        if last and len(text) + 3 + min(len(last), 12) <= width:
            text += f" · {last}"
        return text if len(text) <= width else text[:width - 1] + "…"

    def tick(self) -> None:
        """While no result comes: redraw the bar, or say in a plain line that a submission is late
        (when it first is, then each time its wait has doubled)."""
        with self._lock:
            if self.done >= self.total or self.waiting() < (self.tick_seconds or 0.0):
                return
            if self.tty:
                self._draw_locked(self._last)
                return
            late = self.late()
            if late is not None and late >= self._next_note:
                usual = self.usual()
                print(f"  {self.name} (still grading): a submission has been running for {_duration(late)}"
                      + (f"; one usually takes {_seconds(usual)}" if usual is not None else ""),
                      file=self.stream, flush=True)
                self._next_note = 2 * late

    def _start_ticker(self) -> None:
        if self.tick_seconds is None or self._ticker is not None:
            return
        self._stop.clear()
        self._ticker = threading.Thread(target=self._tick_loop, name="progress", daemon=True)
        self._ticker.start()

    def _tick_loop(self) -> None:
        while not self._stop.wait(self.tick_seconds):
            self.tick()

    def _draw(self, last: str) -> None:
        with self._lock:
            self._draw_locked(last)

    def _draw_locked(self, last: str) -> None:
        self._last = last
        width = shutil.get_terminal_size((80, 20)).columns - 1
        self.stream.write("\r" + self.line(last, width) + "\x1b[K")
        self.stream.flush()
        self._drawn = True


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds >= 60 else f"{seconds} s"


def _seconds(seconds: float) -> str:
    """A short time with a tenth of a second (``0.4 s``), a longer one as ``_duration`` gives it."""
    return f"{seconds:.1f} s" if seconds < 10 else _duration(seconds)
