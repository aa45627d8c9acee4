"""summary.md opens with "Needs attention": every row that is not ok, every override, late penalty
and flagged similarity, each with its full reason and a link to the student's feedback; the terminal
prints the same list, a line each, cut to its width."""
from grader.assignment import load
from grader.report import summary
from grader.results import StudentResult
from conftest import TOY

LONG = "the submission tried something not allowed while grading: reading /etc/hostname " + "x" * 200


def _results():
    return [
        StudentResult(student="ada", status="ok", reason=""),
        StudentResult(student="bob", status="sandbox", reason=LONG),
        StudentResult(student="cy d", status="grader error", reason="the grader failed (KeyError)"),
        StudentResult(student="dee", status="ok", reason="",
                      adjustments=[{"kind": "override", "points": 1.5, "comment": "Regrade request 4",
                                    "group": None, "test": "test_double_documented"}]),
        StudentResult(student="eve", status="ok", reason="", roster={"id": "eve", "excused": "sick note"}),
        StudentResult(student="fay", status="ok", reason="",
                      late={"late_seconds": 90000, "submitted_at": "2026-10-04 00:59", "due": "2026-10-02 23:59",
                            "units": 2, "penalty": 1.4}),
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
        "- **similar code**: [ada](students/ada/feedback.md) and [dee](students/dee/feedback.md): "
        "91 % and 80 % alike",
        "- **override**: [dee](students/dee/feedback.md): test_double_documented +1.5: Regrade request 4",
        "- **override**: [eve](students/eve/feedback.md): excused: sick note",
        "- **late penalty**: [fay](students/fay/feedback.md): 1 day 1 hour: -1.4",
    ]


def test_nothing_to_attend_to_says_so():
    text = summary.summary_md(load(str(TOY)), [StudentResult(student="ada", status="ok", reason="")])
    assert "## Needs attention\n\nNothing: every submission is ok" in text


def test_the_terminal_lists_the_same_a_line_each_within_its_width(tmp_path):
    lines = summary.attention_brief(load(str(TOY)), _results(), tmp_path / "toy", 80)
    assert lines[0] == f"Needs attention: 5 (full reasons, with links to the feedback: {tmp_path / 'toy' / 'summary.md'})"
    assert [line.split(":")[0] for line in lines[1:]] == ["  grader error", "  sandbox", "  override", "  override",
                                                           "  late penalty"]
    assert all(len(line) <= 80 for line in lines[1:]) and lines[2].endswith("…")
    assert summary.attention_brief(load(str(TOY)), _results()[:1], tmp_path / "toy", 80) == []


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
    assert summary.refresh_attention(toy, _results(), folder)
    after = (folder / "summary.md").read_text()
    assert ("- **similar code**: [ada](students/ada/feedback.md) and [dee](students/dee/feedback.md): "
            "91 % and 80 % alike") in after
    rest = lambda text: text.split("\n## ", 2)[2]  # noqa: E731 (everything after Needs attention)
    assert rest(after) == rest(before) and after.count("## Needs attention") == 1
    assert not summary.refresh_attention(toy, _results(), tmp_path / "nowhere")
