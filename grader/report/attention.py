"""summary.md's opening section, Needs attention, and its short form on the terminal: every row that
is not ok, every override, late penalty, flagged pair of similar code, copied worksheet, and, under a
course, every submission of nobody on the roster or of unknown time."""
from __future__ import annotations

import csv
from pathlib import Path

from ..assignment import Assignment
from ..results import StudentResult
from .words import cell as _cell, late_cell, num as _num


ATTENTION_ORDER = ("grader error", "sandbox", "forbidden import", "error", "missing", "memory", "timeout",
                   "crashed", "unfinished", "copied work", "similar code", "not on the roster", "override",
                   "late penalty", "no submission time")


def attention(results: list[StudentResult], similar=()) -> list[dict]:
    """What the course staff should look at, each ``{"kind", "students", "reason", "points"}``: every
    row that is not ok (its status and full reason), every override, every late penalty and every
    flagged pair of similar code; ``students`` are the rows' names, ``points`` the row's total or None."""
    items = []
    course = any(r.roster for r in results)
    for r in results:
        copied = _copied(r)
        if copied:
            items.append({"kind": "copied work", "students": [r.student], "reason": copied, "points": r.total})
        if course and not r.roster:
            items.append({"kind": "not on the roster", "students": [r.student], "points": r.total,
                          "reason": "graded, but in no LMS export: " + ("; ".join(r.notes[-1:])
                                                                        or "no rostered student has this name")})
        if r.status != "ok":
            items.append({"kind": r.status, "students": [r.student], "reason": r.reason or r.status,
                          "points": r.total})
        for a in r.adjustments:
            if a["kind"] == "override":
                what = a.get("test") or a.get("group") or ""
                change = ("+" if a["points"] > 0 else "") + _num(a["points"])
                items.append({"kind": "override", "students": [r.student], "points": None,
                              "reason": f"{what} {change}: {a.get('comment', '')}".strip()})
        if r.roster.get("excused"):
            items.append({"kind": "override", "students": [r.student], "points": None,
                          "reason": f"excused: {r.roster['excused']}"})
        if r.late.get("penalty"):
            items.append({"kind": "late penalty", "students": [r.student], "reason": late_cell(r), "points": None})
    unknown = [r.student for r in results if r.late and r.late.get("submitted_at") is None
               and not r.roster.get("absent")]
    if unknown:  # one item: with no times at all, every submission of the run is one of them
        items.append({"kind": "no submission time", "students": unknown, "points": None,
                      "reason": f"no time is known for {len(unknown)} submission(s), so their lateness was not "
                                "checked (the course file's submitted_at, or its trust_* keys, give times)"})
    for a, b, share in similar:
        items.append({"kind": "similar code", "students": [a, b], "reason": f"{share} alike", "points": None})
    rank = {k: i for i, k in enumerate(ATTENTION_ORDER)}
    return sorted(items, key=lambda i: (rank.get(i["kind"], len(rank)), i["students"]))


def _copied(r: StudentResult) -> str:
    """Why a worksheet's row is not the student's own work, in the feedback's words; "" when it is."""
    from ..worksheet.grading import COPIED_WORDS, NOT_OWN_INPUTS_WORDS, OTHER_SHEET_WORDS
    said = [n for n in r.notes if OTHER_SHEET_WORDS in n or NOT_OWN_INPUTS_WORDS in n]
    steps = [t.name for t in r.tests if (t.message or "").startswith(COPIED_WORDS)]
    if steps:
        said.append(f"{len(steps)} step(s) {COPIED_WORDS}: {', '.join(steps)}")
    return "; ".join(said)


def similar_pairs(csv_path: Path) -> list[tuple[str, str, str]]:
    """The flagged pairs of a similarity report's CSV, ``(a, b, "85 % and 80 %")``; none without one."""
    try:
        with open(csv_path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except (OSError, csv.Error, UnicodeDecodeError):
        return []
    pairs = []
    for row in rows:
        try:
            if row.get("flagged") == "yes":
                pairs.append((row["student_a"], row["student_b"], f"{100 * float(row['similarity_a']):.0f} % "
                              f"and {100 * float(row['similarity_b']):.0f} %"))
        except (KeyError, TypeError, ValueError):
            continue
    return pairs


def feedback_link(student: str) -> str:
    """A Markdown link from summary.md to the student's feedback.md."""
    from urllib.parse import quote
    return f"[{_cell(student)}](students/{quote(student, safe='')}/feedback.md)"


def attention_section(assignment: Assignment, results: list[StudentResult], similar=()) -> list[str]:
    """summary.md's opening section: every item of ``attention``, with its full reason and a link to
    the feedback of each student it names."""
    items = attention(results, similar)
    lines = ["## Needs attention", ""]
    if not items:
        return lines + ["Nothing: every submission is ok, with no override, late penalty or flagged similarity."]
    graded = {r.student for r in results}
    for i in items:
        who = " and ".join(feedback_link(s) if s in graded else _cell(s) for s in i["students"])
        points = "" if i["points"] is None else f" ({_num(round(i['points'], 3))}/{_num(assignment.max_points)})"
        lines.append(f"- **{i['kind']}**: {who}{points}: {_cell(i['reason'])}")
    return lines


def refresh_attention(assignment: Assignment, results: list[StudentResult], folder: Path) -> bool:
    """Rewrite the Needs attention section of ``folder``'s summary.md with the similarity report beside
    it (made after the grades); the rest of the summary is kept. False when there is no summary."""
    file = Path(folder) / "summary.md"
    if not file.is_file():
        return False
    text = file.read_text(encoding="utf-8")
    start = text.find("## Needs attention")
    if start < 0:
        return False
    end = text.find("\n## ", start + 1)
    similar = similar_pairs(Path(folder).parent / "similarity" / assignment.name / "similarity.csv")
    section = "\n".join(attention_section(assignment, results, similar)) + "\n"
    file.write_text(text[:start] + section + (text[end:] if end >= 0 else ""), encoding="utf-8")
    return True


def attention_brief(assignment: Assignment, results: list[StudentResult], folder: Path, width: int) -> list[str]:
    """The terminal's short form of summary.md's ``attention_section`` for the run written to
    ``folder``: a line each, cut to ``width`` characters. Nothing when nothing needs attention."""
    from ..text import printable
    folder = Path(folder)
    items = attention(results, similar_pairs(folder.parent / "similarity" / assignment.name / "similarity.csv"))
    if not items:
        return []
    lines = [f"Needs attention: {len(items)} (full reasons, with links to the feedback: {folder / 'summary.md'})"]
    for i in items:
        line = f"  {i['kind']}: {' and '.join(printable(s) for s in i['students'])}: {printable(i['reason'])}"
        lines.append(line if len(line) <= width else line[:max(width - 1, 20)] + "…")
    return lines
