"""The progress estimate counts a submission in flight: a hang makes the estimate grow and says so."""
import io
import time

from grader.report.progress import Progress
from grader.results import StudentResult


class Clock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def _result(name):
    return StudentResult(student=name, status="ok", reason="", seconds=1.0)


def _bar(total, clock, **kwargs):
    stream = io.StringIO()
    bar = Progress("toy", 7, stream=stream, tty=True, clock=clock, tick_seconds=None, **kwargs)
    bar.begin(total, 0)
    return bar, stream


def _graded(bar, clock, *times):
    """Results at these times since the clock's start."""
    start = clock.now
    for i, t in enumerate(times):
        clock.now = start + t
        bar(_result(f"s{i}"))


def _last_line(stream):
    return stream.getvalue().split("\r")[-1].replace("\x1b[K", "").rstrip("\n")


def test_the_estimate_counts_down_the_submission_in_flight_then_grows_while_it_hangs():
    clock = Clock()
    bar, _ = _bar(10, clock)
    _graded(bar, clock, 1, 2, 3)  # a usual 1 s each; 7 left
    assert bar.usual() == 1.0
    assert bar.remaining() == 7.0
    clock.now += 0.25
    assert bar.remaining() == 6.75  # 6 more of 1 s, and 0.75 s of the one in flight
    clock.now += 0.25
    assert bar.remaining() == 6.5
    clock.now += 59.5  # in flight for 60 s: as long again as that, after the 6
    assert bar.remaining() == 66.0
    assert bar.late() == 60.0


def test_a_hanging_last_submission_is_shown_with_its_time_not_one_second_left():
    """The issue's case: 3 of 4 graded in 1 s each, the last one hangs for a minute."""
    clock = Clock()
    bar, stream = _bar(4, clock)
    _graded(bar, clock, 1, 2, 3)
    assert _last_line(stream).endswith("3/4 · 3 s, about 1 s left · s2 (ok)")
    clock.now += 4
    bar.tick()
    assert _last_line(stream).endswith("3/4 · 7 s, about 4 s left · s2 (ok)")  # not late before 5 s
    clock.now += 56
    bar.tick()
    assert _last_line(stream).endswith("3/4 · 1:03, about 1:00 left · a submission running 1:00")
    clock.now += 1
    bar(_result("s3"))
    assert _last_line(stream).endswith("4/4 · 1:04 · s3 (ok)")
    bar.tick()
    assert _last_line(stream).endswith("4/4 · 1:04 · s3 (ok)"), "no redraw after the last result"
    bar.end()


def test_without_a_terminal_a_late_submission_gets_a_line_when_late_and_when_its_wait_doubles():
    clock = Clock()
    stream = io.StringIO()
    lines = Progress("toy", 7, stream=stream, tty=False, clock=clock, tick_seconds=None)
    lines.begin(4, 0)
    _graded(lines, clock, 1, 2, 3)
    start = clock.now
    for wait in (1, 4.9, 5, 6, 9.9, 10, 19, 20.2):
        clock.now = start + wait
        lines.tick()
    clock.now = start + 21
    lines(_result("s3"))
    lines.tick()
    lines.end()
    assert stream.getvalue().splitlines() == [
        "  toy: s0: 0/7 (ok, 1.00 s)",
        "  toy: s1: 0/7 (ok, 1.00 s)",
        "  toy: s2: 0/7 (ok, 1.00 s)",
        "  toy (still grading): a submission has been running for 5 s; one usually takes 1.0 s",
        "  toy (still grading): a submission has been running for 10 s; one usually takes 1.0 s",
        "  toy (still grading): a submission has been running for 20 s; one usually takes 1.0 s",
        "  toy: s3: 0/7 (ok, 1.00 s)",
    ]


def test_before_any_result_a_wait_is_late_after_twice_the_assumed_first_time():
    clock = Clock()
    stream = io.StringIO()
    lines = Progress("hw2", 20, stream=stream, tty=False, clock=clock, tick_seconds=None)
    lines.begin(2, 0)
    clock.now += 19.5
    lines.tick()
    assert stream.getvalue() == ""
    clock.now += 0.5
    lines.tick()
    assert stream.getvalue() == "  hw2 (still grading): a submission has been running for 20 s\n"
    assert lines.remaining() is None


def test_a_resumed_run_estimates_from_what_it_graded_itself():
    clock = Clock()
    bar = Progress("toy", 7, stream=io.StringIO(), tty=True, clock=clock, tick_seconds=None)
    bar.begin(6, 2)  # two were staged by an earlier run
    _graded(bar, clock, 2, 4)  # 2 s each; 2 left
    assert bar.usual() == 2.0 and bar.remaining() == 4.0


def test_the_ticker_redraws_the_bar_while_no_result_comes():
    clock = Clock()
    stream = io.StringIO()
    bar = Progress("toy", 7, stream=stream, tty=True, clock=clock, tick_seconds=0.01)
    bar.begin(2, 0)
    bar(_result("s0"))
    clock.now += 30
    deadline = time.monotonic() + 30
    while "running 30 s" not in stream.getvalue() and time.monotonic() < deadline:
        time.sleep(0.01)
    bar.end()
    assert "a submission running 30 s" in stream.getvalue()
    drawn = stream.getvalue()
    time.sleep(0.05)
    assert stream.getvalue() == drawn, "the ticker stops at end()"


def test_a_resumed_run_says_first_what_it_kept_and_what_is_left():
    stream = io.StringIO()
    lines = Progress("toy", 7, stream=stream, tty=False, clock=Clock(), tick_seconds=None)
    lines.begin(10, 7)
    lines(_result("s8"))
    lines.end()
    assert stream.getvalue().splitlines()[:2] == ["  toy: resuming: 7 of 10 kept from the stopped run, 3 to grade",
                                                  "  toy: s8: 0/7 (ok, 1.00 s)"]
