"""The course's exports of a grading run: a table of totals and the instructor's summary.

- ``gradebook.csv``: ``student_id,total,max``, one row per submission: a plain table, not any LMS's
  import format (a course's imports are ``grader.export``'s canvas.csv and moodle.csv);
- ``summary.md``: first what needs attention (``attention``), then statuses, score statistics, a text histogram of the scores,
  every test's pass rate, the metrics tests recorded (``credit.metric``) beside
  their baselines, and the slowest submissions;
- ``histogram.png``: the same histogram drawn, when matplotlib can be imported
  and there are at least two submissions (one score makes no histogram, and
  the import costs a single-submission run a third of a second).
"""
from __future__ import annotations

import csv
import io
import statistics
from collections import Counter
from pathlib import Path

from ..assignment import Assignment
from ..results import StudentResult
from ..text import counted, csv_cell
from .words import cell as _cell, late_cell, num as _num

BINS = 10  # histogram bins: tenths of the maximum
SLOWEST = 10  # submissions listed in the summary's slowest table
PNG_MIN_STUDENTS = 2



def gradebook_csv(assignment: Assignment, results: list[StudentResult]) -> str:
    """``student_id,total,max``, a plain table of the totals (rounded to 4 decimals)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["student_id", "total", "max"])
    course = any(r.roster for r in results)
    for r in results:
        if course and not r.roster:
            continue  # on no roster: the LMS knows no such student (summary.md lists them)
        w.writerow([csv_cell(r.roster.get("id", r.student)), _num(round(r.total, 4)), _num(assignment.max_points)])
    return buf.getvalue()


def histogram(assignment: Assignment, results: list[StudentResult], bins: int = BINS) -> list[tuple]:
    """``(low, high, count)`` per bin of the score, in points; the last bin includes the maximum."""
    top = assignment.max_points
    counts = [0] * bins
    for r in results:
        i = int(r.total / top * bins + 1e-9) if top > 0 else 0
        counts[min(max(i, 0), bins - 1)] += 1
    return [(top * i / bins, top * (i + 1) / bins, counts[i]) for i in range(bins)]


def histogram_text(assignment: Assignment, results: list[StudentResult], width: int = 40) -> str:
    rows = histogram(assignment, results)
    most = max((c for _, _, c in rows), default=0)
    lines = [f"{'percent':>11}  {'points':>16} {'count':>6}"]
    for i, (low, high, count) in enumerate(rows):
        bar = "#" * (round(width * count / most) if most else 0)
        right = "]" if i == len(rows) - 1 else ")"
        percent = f"[{100 * i / len(rows):3.0f}, {100 * (i + 1) / len(rows):3.0f}{right}"
        points = f"[{_num(round(low, 3)):>6}, {_num(round(high, 3)):>6}{right}"
        lines.append(f"{percent}  {points} {count:>6}  {bar}".rstrip())
    return "\n".join(lines)


def pass_rates(assignment: Assignment, results: list[StudentResult]) -> list[dict]:
    """Per test: group, visibility, max points, how many passed of how many ran, mean points."""
    rank = {g.name: i for i, g in enumerate(assignment.groups)}
    stats: dict[str, dict] = {}
    for r in results:
        for t in r.tests:
            s = stats.setdefault(t.name, {"test": t.name, "title": t.title, "group": t.group,
                                          "visibility": t.visibility, "max_points": t.max_points,
                                          "passed": 0, "ran": 0, "points": 0.0})
            s["ran"] += 1
            s["passed"] += bool(t.passed)
            s["points"] += t.points
    rows = sorted(stats.values(), key=lambda s: (rank.get(s["group"], 99), s["visibility"] != "public", s["test"]))
    for s in rows:
        s["pass_rate"] = s["passed"] / s["ran"] if s["ran"] else 0.0
        s["mean_points"] = s["points"] / s["ran"] if s["ran"] else 0.0
    return rows


def slowest(results: list[StudentResult], n: int = SLOWEST) -> list[StudentResult]:
    return sorted(results, key=lambda r: (-r.seconds, r.student))[:n]


def metrics(results: list[StudentResult]) -> list[dict]:
    """Per metric that tests recorded (``credit.metric``): its baselines and the class's values."""
    found: dict[str, dict] = {}
    for r in results:
        for t in r.tests:
            for name, m in (t.metrics or {}).items():
                entry = found.setdefault(name, {"name": name, "baselines": {}, "values": [], "missing": 0})
                for k, v in m.items():
                    if k != "value" and v is not None:
                        entry["baselines"].setdefault(k, v)
                if m.get("value") is None:
                    entry["missing"] += 1
                else:
                    entry["values"].append(m["value"])
    return list(found.values())


def metrics_section(results: list[StudentResult]) -> list[str]:
    from tabulate import tabulate
    found = metrics(results)
    if not found:
        return []
    baselines = sorted({k for m in found for k in m["baselines"]}, key=lambda k: (k != "reference", k))

    def fmt(x):
        return "" if x is None else f"{x:.4g}"

    rows = []
    for m in found:
        v = m["values"]
        stats = [statistics.fmean(v), statistics.median(v), min(v), max(v)] if v else [None] * 4
        rows.append([_cell(m["name"]), *[fmt(m["baselines"].get(b)) for b in baselines], *map(fmt, stats),
                     f"{len(v)}" + (f" (+{m['missing']} none)" if m["missing"] else "")])
    return ["", "## Metrics", "", "What the tests measured, beside their baselines: the class's mean, median, "
            "minimum and maximum.", "",
            tabulate(rows, headers=["metric", *baselines, "class mean", "median", "min", "max", "submissions"],
                     tablefmt="github", disable_numparse=True)]


def summary_md(assignment: Assignment, results: list[StudentResult], sandbox: str = "", hidden=(),
               similar=()) -> str:
    """The instructor's summary of a run, in Markdown; ``sandbox``: the kernel layers the workers had;
    ``hidden``: the hidden entries of the submissions folder, which were not graded; ``similar``: the
    flagged pairs of the assignment's similarity report (``similar_pairs``)."""
    from tabulate import tabulate
    top = assignment.max_points
    totals = [r.total for r in results]
    lines = [f"# {assignment.title} ({assignment.name}): summary", ""]
    from .attention import attention_section
    lines += attention_section(assignment, results, similar) + [""]
    absent = sum(1 for r in results if r.roster.get("absent"))
    lines.append(f"{counted(len(results) - absent, 'submission')}, max {_num(top)} points."
                 + (f" {absent} rostered student(s) with no submission count as 0 below." if absent else ""))
    if sandbox:
        lines += ["", f"Kernel sandbox of each worker: {sandbox}."]
    if hidden:
        lines += ["", f"Not graded: {len(hidden)} hidden entr{'y' if len(hidden) == 1 else 'ies'} of the "
                      f"submissions folder ({', '.join(_cell(n) for n in hidden[:20])}"
                      f"{', ...' if len(hidden) > 20 else ''}); a submission's name may not start with a dot."]
    if not results:
        return "\n".join(lines) + "\n"
    statuses = Counter(r.status for r in results)
    lines += ["", "Statuses: " + ", ".join(f"{s} {n}" for s, n in sorted(statuses.items(), key=lambda x: -x[1])) + "."]
    lines += ["", "| mean | median | min | max | full marks | zero |", "|---|---|---|---|---|---|",
              f"| {_num(round(statistics.fmean(totals), 3))} | {_num(round(statistics.median(totals), 3))} "
              f"| {_num(min(totals))} | {_num(max(totals))} | {sum(1 for t in totals if abs(t - top) < 1e-9)} "
              f"| {sum(1 for t in totals if t == 0)} |"]
    lines += ["", "## Scores", "", "```", histogram_text(assignment, results), "```"]
    rows = [[_cell(s["test"]), s["group"], s["visibility"], _num(round(s["max_points"], 3)),
             f"{s['passed']}/{s['ran']}", f"{100 * s['pass_rate']:.0f} %", _num(round(s["mean_points"], 3))]
            for s in pass_rates(assignment, results)]
    lines += ["", "## Tests", "", tabulate(rows, headers=["test", "group", "visibility", "points", "passed",
                                                         "pass rate", "mean points"],
                                          tablefmt="github", disable_numparse=True)]
    lines += metrics_section(results)
    lines += course_section(results)
    rows = [[_cell(r.student), f"{r.seconds:.2f}", r.status, _num(r.total)] for r in slowest(results)]
    lines += ["", "## Slowest submissions", "",
              tabulate(rows, headers=["student", "seconds", "status", "total"], tablefmt="github",
                       disable_numparse=True)]
    return "\n".join(lines) + "\n"


def course_section(results: list[StudentResult]) -> list[str]:
    """With a course: the rostered students with no submission, the submissions of nobody on the
    roster, the late submissions and the overrides."""
    from tabulate import tabulate
    if not any(r.roster or r.late or r.adjustments for r in results):
        return []
    lines = []
    absent = [r for r in results if r.roster.get("absent")]
    stray = [r for r in results if not r.roster]
    if absent:
        lines += ["", "## Missing", "", f"{len(absent)} rostered student(s) with no submission, graded 0: "
                  + ", ".join(_cell(f"{r.roster['id']} ({r.roster['name']})" if r.roster.get("name") else r.roster["id"])
                              for r in absent) + "."]
    if stray:
        rows = [[_cell(r.student), _num(r.total), r.status, _cell("; ".join(r.notes[-1:]) or "no rostered student "
                                                                 "has this name")] for r in stray]
        lines += ["", "## Not on the roster", "", "Graded, but in no LMS export: add the name to a student's "
                  "aliases in the roster, or rename the submission, and grade again.", "",
                  tabulate(rows, headers=["submission", "total", "status", "why"], tablefmt="github",
                           disable_numparse=True)]
    late = [r for r in results if r.late.get("late_seconds")]
    if late:
        rows = [[_cell(r.roster.get("id", r.student)), r.late["submitted_at"],
                 r.late["due"] + (" (extension)" if r.late.get("extension") else ""), late_cell(r)] for r in late]
        lines += ["", "## Late submissions", "", tabulate(rows, headers=["student", "submitted", "due", "late"],
                                                          tablefmt="github", disable_numparse=True)]
    unknown = [r for r in results if r.late and r.late.get("submitted_at") is None]
    if unknown:
        lines += ["", f"No submission time is known for {len(unknown)} submission(s), so their lateness was not "
                  "checked: " + ", ".join(_cell(r.student) for r in unknown) + "."]
    changes = [(r, a) for r in results for a in r.adjustments if a["kind"] == "override"]
    if changes:
        rows = [[_cell(r.roster.get("id", r.student)), _cell(a.get("test") or a.get("group")),
                 ("+" if a["points"] > 0 else "") + _num(a["points"]), _cell(a["comment"])] for r, a in changes]
        lines += ["", "## Overrides", "", tabulate(rows, headers=["student", "test or group", "points", "comment"],
                                                   tablefmt="github", disable_numparse=True)]
    return lines


def histogram_png(assignment: Assignment, results: list[StudentResult], path: Path) -> bool:
    """Draw the score histogram to ``path``; False (and nothing written) without matplotlib."""
    if len(results) < PNG_MIN_STUDENTS:
        return False
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        return False
    rows = histogram(assignment, results)
    fig = Figure(figsize=(6, 3.2), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.bar([low for low, _, _ in rows], [c for _, _, c in rows], width=rows[0][1] - rows[0][0],
           align="edge", color="#4c72b0", edgecolor="white")
    ax.set_xlim(0, assignment.max_points)
    ax.set_xlabel("total points")
    ax.set_ylabel("submissions")
    ax.yaxis.get_major_locator().set_params(integer=True)
    absent = sum(1 for r in results if r.roster.get("absent"))
    ax.set_title(f"{assignment.name}: {counted(len(results) - absent, 'submission')}"
                 + (f" and {absent} with none (0 points)" if absent else ""))
    fig.tight_layout()
    fig.savefig(path)
    return True



def write(assignment: Assignment, results: list[StudentResult], folder: Path, sandbox: str = "",
          hidden=()) -> None:
    """Write gradebook.csv, summary.md and (when it can) histogram.png into ``folder``, a folder
    beside the other assignments' (whose parent's ``similarity/<assignment>/`` the summary reads)."""
    folder = Path(folder)
    from .attention import similar_pairs
    similar = similar_pairs(folder.parent / "similarity" / assignment.name / "similarity.csv")
    (folder / "gradebook.csv").write_text(gradebook_csv(assignment, results), encoding="utf-8")
    (folder / "summary.md").write_text(summary_md(assignment, results, sandbox, hidden, similar),
                                       encoding="utf-8")
    histogram_png(assignment, results, folder / "histogram.png")
