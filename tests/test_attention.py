"""summary.md opens with "Needs attention": every row that is not ok, every override, late penalty,
flagged similarity, copied worksheet, submission of nobody on the roster and of unknown time, each with its full reason and a link to the student's feedback; the terminal
prints the same list, a line each, cut to its width."""
from grader.assignment import load
from grader.report import attention, summary
from grader import results
from grader.results import StudentResult
from conftest import TOY

LONG = "the submission tried something not allowed while grading: reading /etc/hostname " + "x" * 200


def _results():
    """A course's rows (each has its roster record), and one submission of nobody on the roster."""
    def rostered(name, **kwargs):
        roster = {"id": name, **kwargs.pop("roster", {})}
        return StudentResult(student=name, roster=roster, **kwargs)
    return [
        rostered("ada", status="ok", reason=""),
        rostered("bob", status="sandbox", reason=LONG),
        rostered("cy d", status="grader error", reason="the grader failed (KeyError)"),
        rostered("dee", status="ok", reason="",
                 adjustments=[{"kind": "override", "points": 1.5, "comment": "Regrade request 4",
                               "group": None, "test": "test_double_documented"}]),
        rostered("eve", status="ok", reason="", roster={"excused": "sick note"}),
        rostered("fay", status="ok", reason="",
                 late={"late_seconds": 90000, "submitted_at": "2026-10-04 00:59", "due": "2026-10-02 23:59",
                       "units": 2, "penalty": 1.4}),
        rostered("gus", status="ok", reason="", late={"due": "2026-10-02 23:59", "submitted_at": None},
                 notes=["answers.md says it is the sheet of 'ada'; it was graded on the numbers of 'gus', "
                        "whose submission it is"],
                 tests=[results.TestResult("z", "z", "forward", "public", 1.0, 0.0, False,
                                   message="follows from another student's numbers, not from your own x: ...")]),
        StudentResult(student="zed", status="ok", reason="", notes=["no rostered student has this name"]),
    ]


def test_summary_opens_with_everything_that_needs_attention_with_full_reasons_and_links(tmp_path):
    similarity = tmp_path / "similarity" / "toy"
    similarity.mkdir(parents=True)
    (similarity / "similarity.csv").write_text(
        "student_a,student_b,similarity_a,similarity_b,overlap_tokens,flagged\n"
        "ada,dee,0.9100,0.8000,120,yes\nada,fay,0.1000,0.1000,10,no\n")
    folder = tmp_path / "toy"
    folder.mkdir()
    summary.write(load(str(TOY)), _results(), folder)
    text = (folder / "summary.md").read_text()
    head = text.split("\n## ", 2)[1].split("\n\n", 2)[1]
    assert text.splitlines()[2] == "## Needs attention"
    assert head.splitlines() == [
        "- **grader error**: [cy d](students/cy%20d/feedback.md) (0/7): the grader failed (KeyError)",
        f"- **sandbox**: [bob](students/bob/feedback.md) (0/7): {LONG}",
        "- **copied work**: [gus](students/gus/feedback.md) (0/7): answers.md says it is the sheet of 'ada'; it "
        "was graded on the numbers of 'gus', whose submission it is; 1 step(s) follows from another student's "
        "numbers: z",
        "- **similar code**: [ada](students/ada/feedback.md) and [dee](students/dee/feedback.md): "
        "91 % and 80 % alike",
        "- **not on the roster**: [zed](students/zed/feedback.md) (0/7): graded, but in no LMS export: no "
        "rostered student has this name",
        "- **override**: [dee](students/dee/feedback.md): test_double_documented +1.5: Regrade request 4",
        "- **override**: [eve](students/eve/feedback.md): excused: sick note",
        "- **late penalty**: [fay](students/fay/feedback.md): 1 day 1 hour: -1.4",
        "- **no submission time**: [gus](students/gus/feedback.md): no time is known for 1 submission(s), so "
        "their lateness was not checked (the course file's submitted_at, or its trust_* keys, give times)",
    ]


def test_nothing_to_attend_to_says_so():
    text = summary.summary_md(load(str(TOY)), [StudentResult(student="ada", status="ok", reason="")])
    assert "## Needs attention\n\nNothing: every submission is ok" in text


def test_the_terminal_lists_the_same_a_line_each_within_its_width(tmp_path):
    lines = attention.attention_brief(load(str(TOY)), _results(), tmp_path / "toy", 80)
    assert lines[0] == f"Needs attention: 8 (full reasons, with links to the feedback: {tmp_path / 'toy' / 'summary.md'})"
    assert [line.split(":")[0] for line in lines[1:]] == ["  grader error", "  sandbox", "  copied work",
                                                           "  not on the roster", "  override", "  override",
                                                           "  late penalty", "  no submission time"]
    assert all(len(line) <= 80 for line in lines[1:]) and lines[2].endswith("…")
    assert attention.attention_brief(load(str(TOY)), _results()[:1], tmp_path / "toy", 80) == []


def test_a_similarity_report_made_after_the_grades_reaches_their_needs_attention(tmp_path):
    """`make similarity` usually runs after `make grade`: the pairs it flags are added to the summary
    already written, whose other sections stay as they were."""
    folder = tmp_path / "toy"
    folder.mkdir()
    toy = load(str(TOY))
    summary.write(toy, _results(), folder)
    before = (folder / "summary.md").read_text()
    assert "similar code" not in before
    similarity = tmp_path / "similarity" / "toy"
    similarity.mkdir(parents=True)
    (similarity / "similarity.csv").write_text(
        "student_a,student_b,similarity_a,similarity_b,overlap_tokens,flagged\nada,dee,0.9100,0.8000,120,yes\n")
    assert attention.refresh_attention(toy, _results(), folder)
    after = (folder / "summary.md").read_text()
    assert ("- **similar code**: [ada](students/ada/feedback.md) and [dee](students/dee/feedback.md): "
            "91 % and 80 % alike") in after
    rest = lambda text: text.split("\n## ", 2)[2]  # noqa: E731 (everything after Needs attention)
    assert rest(after) == rest(before) and after.count("## Needs attention") == 1
    assert not attention.refresh_attention(toy, _results(), tmp_path / "nowhere")
