"""Numbers, durations and table cells as the summary, the feedback and the course's notes write them."""
from __future__ import annotations

import math
from datetime import timedelta

from ..results import StudentResult
from ..text import markdown


def num(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def cell(text: str) -> str:
    """Text safe in a Markdown table cell."""
    return markdown(" ".join(str(text).split())).replace("|", "\\|")


def late_cell(r: StudentResult) -> str:
    """``1 day 2 hours: -2`` for a late row, ``on time``, or "" with no due date or time."""
    from datetime import timedelta
    if not r.late or r.late.get("submitted_at") is None:
        return ""
    seconds = r.late.get("late_seconds", 0)
    if not seconds:
        return "on time"
    by = late_words(timedelta(seconds=seconds))
    if not r.late.get("units"):
        return f"{by} (grace)"
    return f"{by}: -{num(r.late['penalty'])}" if r.late.get("penalty") else by


def duration_words(d: timedelta) -> str:
    minutes = round(d.total_seconds() / 60)
    if minutes % 1440 == 0:
        return f"{minutes // 1440} day" + ("s" if minutes != 1440 else "")
    if minutes % 60 == 0:
        return f"{minutes // 60} hour" + ("s" if minutes != 60 else "")
    return f"{minutes} minute" + ("s" if minutes != 1 else "")


def late_words(late: timedelta) -> str:
    """``1 day 3 hours`` (to the minute, the largest two units)."""
    minutes = max(0, math.ceil(late.total_seconds() / 60))
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    parts = [(days, "day"), (hours, "hour"), (mins, "minute")]
    words = [f"{n} {u}" + ("s" if n != 1 else "") for n, u in parts if n]
    return " ".join(words[:2]) or "0 minutes"
