"""``make bench`` part (d): nbgrader and otter-grader next to the kit, on the same work.

The work is a small notebook assignment: three functions of hw1_derivatives
(``sigmoid``, ``sigmoid_grad``, ``relu``), their reference bodies (and the
private helpers they call) read from ``solutions/hw1_derivatives/derivatives.py``
at bench time. Each function has one public check (five documented inputs, the
reference's values) and one hidden check (extreme inputs up to 1e4, the
reference's values, and no warning raised), one point each, six in all; both
checks compare with relative tolerance 1e-7 and absolute 1e-12, as the kit's
``assert_close`` does. ``count`` submissions cycle through five variants: the
reference, an overflowing sigmoid (5 points), a wrong sigmoid_grad (4), a wrong
relu (4) and the untouched starter (0).

Each tool gets the work in its own format, written to a temporary folder from
the same sources: for the kit a course (``assignments/``, ``solutions/``, a
public and a hidden test file) and one notebook per student; for nbgrader a
source notebook with solution and autograder test cells (hidden tests between
``### BEGIN HIDDEN TESTS`` markers), ``nbgrader generate_assignment``, and the
released notebook filled in per student; for otter-grader a master notebook,
``otter assign``, and the student notebook filled in per student. Timed is the
grading alone, from the command line: ``python -m grader grade --jobs 1`` on
the folder of notebooks; ``nbgrader autograde`` on the course (it runs the
submissions one after another); ``otter run`` once per submission (otter's
grading without containers: ``otter grade`` needs Docker). Each tool's scores are
then compared with the kit's, student by student.

Neither tool is a dependency of the kit. A tool is used when
``NNGRADER_BENCH_NBGRADER`` (or ``NNGRADER_BENCH_OTTER``) names its executable
(it may live in a virtual environment of its own, which then needs NumPy too:
the notebooks run there), else when it is installed in the kit's Python, else
when its command is on PATH; otherwise its row says how to enable it.
"""
from __future__ import annotations

import csv
import json
import re
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from .. import paths
from .bench_work import (ATOL, RTOL, FUNCTIONS, HIDDEN_X, MODULE, NAME, PUBLIC_X, SOURCE_ASSIGNMENT, TOOLS, ToolFailed, Work, _markers,
                         _notebook, _run, _tool_env, _write, find_tool)


# -- the work -------------------------------------------------------------------------------------

# -- running a command, bounded in time -----------------------------------------------------------

# -- the kit --------------------------------------------------------------------------------------

def kit(work: Work, tmp: Path, deadline: float) -> tuple[float, dict]:
    """Grade the students' notebooks with the kit: (seconds, student -> points)."""
    from .. import assignment as assignments
    from ..notebook import build as notebook_build
    from .authoring import starter
    course = tmp / "kit"
    public, solution = course / "assignments" / NAME, course / "solutions" / NAME
    (public / "tests").mkdir(parents=True)
    (solution / "tests").mkdir(parents=True)
    rubric = "\n".join(f"  - {{group: {f}, public: 1, hidden: 1}}" for f in FUNCTIONS)
    (public / "assignment.yaml").write_text(
        f"title: Three functions of {SOURCE_ASSIGNMENT} (make bench)\nmodules: [{MODULE}]\n"
        f"functions:\n  {MODULE}: [{', '.join(FUNCTIONS)}]\nrubric:\n{rubric}\n", encoding="utf-8")
    marked = work.module(work.marked)
    (solution / f"{MODULE}.py").write_text(marked, encoding="utf-8")
    (public / f"{MODULE}.py").write_text(starter(marked, solution / f"{MODULE}.py"), encoding="utf-8")
    documented = {"x": PUBLIC_X, **work.public}
    (public / "tests" / "documented.json").write_text(json.dumps(documented, indent=1), encoding="utf-8")
    tests = ["import numpy as np\nimport pytest\n\nfrom grader.testing import assert_close\n"]
    for f in FUNCTIONS:
        tests.append(f"""
@pytest.mark.points("{f}")
def test_{f}_documented(submission, documented):
    x = np.array(documented["x"])
    assert_close(submission.{MODULE}.{f}(x), documented["{f}"], name="{f}(x)", rtol={RTOL!r}, atol={ATOL!r})
""")
    (public / "tests" / "test_public.py").write_text("\n".join(tests), encoding="utf-8")
    tests = ["import numpy as np\nimport pytest\n\nfrom grader.testing import assert_close, assert_no_warnings\n\n"
             f"X = np.array({HIDDEN_X!r})\n"]
    for f in FUNCTIONS:
        tests.append(f"""
@pytest.mark.points("{f}")
def test_{f}_extremes(submission, reference):
    got = submission.{MODULE}.{f}(X)
    assert_no_warnings(submission, "{f}(x)")
    assert_close(got, reference.{MODULE}.{f}(X), name="{f}(x)", rtol={RTOL!r}, atol={ATOL!r})
""")
    (solution / "tests" / "test_hidden.py").write_text("\n".join(tests), encoding="utf-8")
    a = assignments.load(NAME, root=course)
    folder = tmp / "kit-submissions"
    for student, code in work.students.items():
        nb = notebook_build.build(a, {MODULE: work.module(code)}, handout="")
        notebook_build.write(nb, folder / student / f"{NAME}.ipynb")
    out = tmp / "kit-grades"
    seconds, _ = _run([sys.executable, "-m", "grader", "grade", "-a", public, "-s", folder, "-o", out,
                       "-q", "--jobs", "1"], paths.ROOT, deadline)
    with open(out / NAME / "scores.csv", newline="", encoding="utf-8") as f:
        scores = {row["student"]: float(row["total"]) for row in csv.DictReader(f)}
    return seconds, scores


# -- nbgrader -------------------------------------------------------------------------------------

def nbgrader(cmd: list, work: Work, tmp: Path, deadline: float) -> tuple[float, dict]:
    """``nbgrader autograde`` on the students' notebooks: (seconds, student -> points)."""
    import nbformat
    from nbformat import v4
    root = tmp / "nbgrader"
    root.mkdir()
    (root / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.root = {str(root)!r}\nc.CourseDirectory.course_id = 'nngrader-bench'\n"
        "c.Execute.timeout = 30\n", encoding="utf-8")

    def meta(grade_id, *, solution=False, grade=False, locked=False, points=None):
        m = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
             "solution": solution, "task": False}
        if points is not None:
            m["points"] = points
        return {"nbgrader": m}

    cells = [v4.new_code_cell(work.header, metadata=meta("header", locked=True))]
    for f in FUNCTIONS:
        cells.append(v4.new_markdown_cell(f"Write `{f}`.", metadata=meta(f"{f}-prompt", locked=True)))
        cells.append(v4.new_code_cell(_markers(work.marked[f].rstrip("\n"), "### BEGIN SOLUTION", "### END SOLUTION"),
                                      metadata=meta(f, solution=True)))
        cells.append(v4.new_code_cell(work.public_check(f), metadata=meta(f"{f}-public", grade=True, locked=True,
                                                                            points=1)))
        cells.append(v4.new_code_cell(f"### BEGIN HIDDEN TESTS\n{work.hidden_check(f)}\n### END HIDDEN TESTS",
                                      metadata=meta(f"{f}-hidden", grade=True, locked=True, points=1)))
    _write(_notebook(cells), root / "source" / NAME / f"{NAME}.ipynb")
    env = _tool_env(cmd, tmp)
    _run([*cmd, "generate_assignment", NAME, "--force"], root, deadline, env)
    released = nbformat.read(root / "release" / NAME / f"{NAME}.ipynb", as_version=4)
    for student, code in work.students.items():
        nb = nbformat.from_dict(json.loads(json.dumps(released)))
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if cell.metadata.get("nbgrader", {}).get("solution") and grade_id in code:
                cell.source = code[grade_id].rstrip("\n")
        _write(nb, root / "submitted" / student / NAME / f"{NAME}.ipynb")
    seconds, _ = _run([*cmd, "autograde", NAME, "--force"], root, deadline, env)
    _run([*cmd, "export", "--to", root / "grades.csv"], root, deadline, env)
    with open(root / "grades.csv", newline="", encoding="utf-8") as f:
        scores = {row["student_id"]: float(row["score"]) for row in csv.DictReader(f)}
    return seconds, scores


# -- otter-grader ---------------------------------------------------------------------------------

def otter(cmd: list, work: Work, tmp: Path, deadline: float) -> tuple[float, dict]:
    """``otter run`` on each student's notebook: (seconds, student -> points)."""
    import nbformat
    from nbformat import v4
    root = tmp / "otter"
    root.mkdir()
    config = (f"# ASSIGNMENT CONFIG\nname: {NAME}\ninit_cell: false\ncheck_all_cell: false\n"
              "export_cell: false\nrun_tests: false\ntests:\n  ok_format: false\n")
    cells = [v4.new_raw_cell(config), v4.new_code_cell(work.header)]
    for f in FUNCTIONS:
        cells += [v4.new_raw_cell(f"# BEGIN QUESTION\nname: {f}\npoints: 2"),
                  v4.new_markdown_cell(f"Write `{f}`."),
                  v4.new_raw_cell("# BEGIN SOLUTION"),
                  v4.new_code_cell(_markers(work.marked[f].rstrip("\n"), "# BEGIN SOLUTION", "# END SOLUTION")),
                  v4.new_raw_cell("# END SOLUTION"),
                  v4.new_raw_cell("# BEGIN TESTS")]
        for kind, check in (("public", work.public_check(f)), ("hidden", work.hidden_check(f))):
            body = textwrap.indent(check, "    ")
            test = f"def test_{f}_{kind}({f}):\n{body}\n\ntest_{f}_{kind}({f})"
            cells.append(v4.new_code_cell(("# HIDDEN\n" if kind == "hidden" else "") + test))
        cells += [v4.new_raw_cell("# END TESTS"), v4.new_raw_cell("# END QUESTION")]
    master = root / "master" / f"{NAME}.ipynb"
    _write(_notebook(cells), master)
    env = _tool_env(cmd, tmp)
    _run([*cmd, "assign", "--no-pdfs", master, root / "dist"], root, deadline, env)
    autograder = next((root / "dist" / "autograder").glob("*.zip"), None)
    if autograder is None:
        raise ToolFailed("`otter assign` made no autograder zip")
    released = nbformat.read(root / "dist" / "student" / f"{NAME}.ipynb", as_version=4)
    subs = []
    for student, code in work.students.items():
        nb = nbformat.from_dict(json.loads(json.dumps(released)))
        for cell in nb.cells:
            name = next((f for f in FUNCTIONS if cell.cell_type == "code" and cell.source.startswith(f"def {f}(")),
                        None)
            if name:
                cell.source = code[name].rstrip("\n")
        _write(nb, root / "submissions" / student / f"{NAME}.ipynb")
        subs.append(student)
    seconds, scores = 0.0, {}
    for student in subs:
        out = root / "results" / student
        out.mkdir(parents=True)
        took, _ = _run([*cmd, "run", "--no-logo", "-a", autograder, "-o", out,
                        root / "submissions" / student / f"{NAME}.ipynb"], root, deadline, env)
        seconds += took
        results = json.loads((out / "results.json").read_text(encoding="utf-8"))
        scores[student] = _otter_points(results)
    return seconds, scores


def _otter_points(results: dict) -> float:
    """The points of ``otter run``'s results.json (Gradescope's format: a score per question)."""
    return float(sum(test.get("score") or 0 for test in results.get("tests", [])))


# -- the bench rows -------------------------------------------------------------------------------

HOW = "install it, or set {var} to its executable"
NOTEBOOK_HINT = " (the tool's environment needs ipykernel and NumPy: the notebooks run there)"


def _times(ratio: float) -> str:
    return f"{ratio:.0f}x" if ratio >= 10 else f"{ratio:.1f}x"


def _agreement(tool: dict, ours: dict, work: Work) -> str:
    differ = sorted(s for s in work.students if tool.get(s) is None or abs(tool[s] - ours.get(s, -1)) > 1e-9)
    if not differ:
        return "same scores"
    shown = ", ".join(f"{s}: {tool.get(s)} vs {ours.get(s)}" for s in differ[:2])
    hint = NOTEBOOK_HINT if all(tool.get(s) == 0 for s in work.students) else ""
    return f"scores DIFFER from the kit's for {len(differ)} of {len(work.students)} ({shown}){hint}"


def rows(count: int = 20, timeout: float = 600.0) -> list[list[str]]:
    """Bench rows: the kit and each installed tool on ``count`` submissions, ``timeout`` seconds each."""
    found = {name: find_tool(dist, module, command, var) for name, dist, module, command, var in TOOLS}
    skipped = {name: [f"(d) {name} on the same work", f"{found[name][1]}: skipped ({HOW.format(var=var)})", "", ""]
               for name, _, _, _, var in TOOLS if found[name][0] is None}
    if len(skipped) == len(TOOLS):
        return list(skipped.values())
    label = f"the same {count} notebooks"
    try:
        work = Work(count)
    except (OSError, SyntaxError) as e:
        return [[f"(d) {name} on the same work", f"no reference to make the work from ({e}): skipped", "", ""]
                for name, *_ in TOOLS]
    out = []
    with tempfile.TemporaryDirectory(prefix="grader-bench-others-") as tmp:
        tmp = Path(tmp)
        (tmp / "kit").mkdir()
        try:
            ours, our_scores = kit(work, tmp / "kit", time.monotonic() + timeout)
        except ToolFailed as e:
            return [[f"(d) the kit: {count} notebooks of 3 hw1 functions", f"failed: {e}", "", ""]]
        wrong = [s for s in work.students if our_scores.get(s) != work.expected(s)]
        out.append([f"(d) the kit, --jobs 1: {count} notebooks of 3 hw1 functions",
                    f"{ours:.1f} s ({1000 * ours / count:.0f} ms each)"
                    + (f"; {len(wrong)} scores not as expected" if wrong else ""), "", ""])
        for name, *_ in TOOLS:
            if name in skipped:
                out.append(skipped[name])
                continue
            cmd, where = found[name]
            what, run, how = {"nbgrader": ("nbgrader autograde", nbgrader, ""),
                              "otter-grader": ("otter-grader", otter, "; `otter run` per notebook: "
                                               "`otter grade` needs Docker")}[name]
            (tmp / name).mkdir()
            print(f"  (d) {name} ({where}) on {count} notebooks ...", file=sys.stderr, flush=True)
            try:
                seconds, scores = run(cmd, work, tmp / name, time.monotonic() + timeout)
            except ToolFailed as e:
                hint = NOTEBOOK_HINT if re.search(r"kernel|No module named", str(e), re.I) else ""
                out.append([f"(d) {what}: {label}", f"failed: {e}{hint}", "", ""])
                continue
            out.append([f"(d) {what}: {label}",
                        f"{seconds:.1f} s ({seconds / count:.2f} s each{how}): {_times(seconds / ours)} the kit's "
                        f"time; {_agreement(scores, our_scores, work)}", "", ""])
    return out
