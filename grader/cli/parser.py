"""The command line's parser: every subcommand of ``python -m grader`` and its options."""
from __future__ import annotations

import argparse
from pathlib import Path

from .. import paths

FORMATS = ("github", "grid", "simple", "plain", "pipe", "latex", "rst", "tsv", "html")


def _parser() -> argparse.ArgumentParser:
    from .. import __version__
    p = argparse.ArgumentParser(prog="python -m grader", description="Grade neural-network homework: "
                                "sandboxed pytest grading, score tables, student checks.")
    p.add_argument("--version", action="version", version=f"nngrader {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    g = sub.add_parser("grade", help="grade a folder of submissions and print the score table",
                       description="Grade submissions (one sub-folder or .zip per student) and write "
                                   "grades/<assignment>/ (or <out>/<assignment>/): scores.csv, scores.json, "
                                   "gradebook.csv, summary.md, histogram.png (with matplotlib), and per student "
                                   "students/<student>/results.json (Gradescope's format) and feedback.md. With "
                                   "--course, also <out>/course/: canvas.csv, moodle.csv, grades.csv, sheet.csv, "
                                   "sheet.md and unmatched.csv (`export --help`). With --shard K/N, the folder "
                                   "holds the K-th part's grades, for `merge`.")
    _assignments(g, "assignment names, or paths of assignment folders; default: every assignment "
                    "(with --course: the course's)")
    g.add_argument("--submissions", "-s", type=Path,
                   help="folder of submissions; default: the course file's, else examples/submissions/<assignment>")
    g.add_argument("--course", type=Path, metavar="COURSE_YAML",
                   help="the course file (roster, due dates, extensions, late policy, overrides): rows "
                        "matched to the roster, late penalties and overrides applied, exports written")
    g.add_argument("--out", "-o", type=Path,
                   help="where results go, one folder per assignment (default: grades/; with --course: "
                        "grades/<the course file's folder name>/, so a course's grades never mix with others)")
    g.add_argument("--format", "-f", default="github", choices=FORMATS, help="table format (default: github)")
    g.add_argument("--resume", action="store_true",
                   help="keep the results of a run that was stopped and grade only the rest")
    g.add_argument("--student", action="append", metavar="NAME",
                   help="regrade only this student (repeatable) and merge the new grades into the "
                        "earlier run's in the output folder; the other students' grades stay as they are")
    g.add_argument("--require-kernel-sandbox", nargs="?", const="landlock,seccomp", default=None, metavar="LAYERS",
                   type=_layer_names,
                   help="stop unless the kernel gives every worker these layers, comma-separated among "
                        "landlock, seccomp, namespaces, identity, memory (alone: landlock,seccomp); the "
                        "summary says which layers a run had either way")
    g.add_argument("--replace", action="store_true",
                   help="replace the earlier grades even when this run has no submission of some "
                        "students they hold (their grades are dropped)")
    g.add_argument("--seed", default="", help="salt for the per-student random cases (default: none)")
    g.add_argument("--quiet", "-q", action="store_true", help="print only the tables")
    g.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                   help="grade N submissions at once, in N processes (default: the machine's cores, "
                        "at most one per 4 submissions)")
    g.add_argument("--shard", metavar="K/N",
                   help="grade only the K-th of N parts of the submissions (K from 1 to N; a student's part "
                        "depends on their name alone) into <out>/<assignment>/ as usual; join the N folders "
                        "with `python -m grader merge`. A 0-based index (Kubernetes' $JOB_COMPLETION_INDEX) "
                        "needs 1 added. With --course, a part holds its submissions' own rows and no export: "
                        "`merge --course` makes the course's")

    m = sub.add_parser("merge", help="join the folders of a sharded run (grade --shard K/N) into one run's grades",
                       description="Check that the folders written by `grade --shard K/N`, one per K, make one "
                                   "whole run (same assignment, tests, reference and --seed; every K once; every "
                                   "student once, in their part; the same submissions) and write what one run "
                                   "over all the submissions writes: scores.csv, scores.json, gradebook.csv, "
                                   "summary.md, histogram.png and students/.")
    m.add_argument("shards", nargs="+", type=Path, metavar="SHARD_DIR",
                   help="a folder `grade --shard K/N` wrote (<out>/<assignment>/), one per K")
    m.add_argument("--assignment", "-a", help="the assignment the shards graded (default: the one their "
                                              "scores.json names)")
    m.add_argument("--out", "-o", type=Path,
                   help="the merged results folder (default: grades/<assignment>/, where `grade` writes; with "
                        "--course: grades/<the course file's folder name>/<assignment>/)")
    m.add_argument("--course", type=Path, metavar="COURSE_YAML",
                   help="the course file the shards were graded under (grade --course --shard K/N): the "
                        "course's rows are made of everyone, and its exports written beside <out>, in course/")
    m.add_argument("--submissions", "-s", type=Path,
                   help="with --course: the folder the shards were graded from (default: the course file's, "
                        "else examples/submissions/<assignment>)")
    m.add_argument("--seed", default="", help="the --seed the shards were graded with (default: none)")
    m.add_argument("--replace", action="store_true",
                   help="replace the earlier grades in the results folder even when the shards hold no "
                        "submission of some students they hold (their grades are dropped)")
    m.add_argument("--format", "-f", default="github", choices=FORMATS, help="table format (default: github)")
    m.add_argument("--quiet", "-q", action="store_true", help="print only the table")

    x = sub.add_parser("export", help="the course's grades as Canvas, Moodle or plain CSV, or the course sheet",
                       description="Read <grades>/<assignment>/scores.json of the course's assignments (default "
                                   "<grades>: grades/<the course file's folder name>/, where `grade --course` "
                                   "writes) and write one export, one row per rostered student (in canvas and "
                                   "moodle, blank with no submission, or 0 with the course file's missing: zero): "
                                   "canvas -> <grades>/course/canvas.csv (Canvas's gradebook import, with its "
                                   "Points Possible row), moodle -> <grades>/course/moodle.csv "
                                   "(Moodle's grade import), csv -> <grades>/course/grades.csv (a row per student "
                                   "and assignment), sheet -> <grades>/course/sheet.csv (a column per assignment "
                                   "and the weighted total). `grade --course` writes them all.")
    x.add_argument("kind", choices=("canvas", "moodle", "csv", "sheet"), help="which export")
    x.add_argument("--course", type=Path, required=True, metavar="COURSE_YAML", help="the course file")
    x.add_argument("--assignment", "-a", action="append", help="only this assignment (repeatable); default: the course's")
    x.add_argument("--grades", type=Path, help="where `grade --course` wrote (default: grades/<the course "
                                               "file's folder name>/)")
    x.add_argument("--out", "-o", type=Path, help="the file to write (default: <grades>/course/<kind's file>)")
    x.add_argument("--moodle-id", default=None, choices=("email", "idnumber", "username"),
                   help="moodle: the identifier column, mapped in Moodle's import (default: the course file's moodle_id, else email)")

    fb = sub.add_parser("feedback", help="each student's feedback to send outside Gradescope (docs/feedback.md)",
                        description="From grades already graded, write each student's feedback into "
                                    "<out>/<assignment>/ (default <out>: the grades' feedback/ folder): "
                                    "students/<student>/feedback.md (a folder per student with a submission), "
                                    "mail-merge.csv (a row per student: e-mail from the course's roster, name, "
                                    "points, subject, feedback file) and, with --course and --moodle-worksheet, "
                                    "moodle.zip for Moodle's \"Upload multiple feedback files in a zip\".")
    _assignments(fb, "the assignments (default: the course's)")
    fb.add_argument("--grades", type=Path, help="an assignment's grades folder, or the folder of them (default: "
                                                "grades/, with --course grades/<the course file's folder name>/)")
    fb.add_argument("--course", type=Path, metavar="COURSE_YAML",
                    help="the course file: each rostered student's row, e-mail and name, folders by roster id")
    fb.add_argument("--out", "-o", type=Path, help="the feedback folder, one folder per assignment (default: "
                                                   "feedback/ beside the assignment's grades)")
    fb.add_argument("--moodle-worksheet", type=Path, metavar="CSV",
                    help="the assignment's grading worksheet downloaded from Moodle (its participants' numbers): "
                         "write moodle.zip")

    sm = sub.add_parser("similarity", help="pairs of submissions whose code is suspiciously alike (staff only)",
                        description="Compare every pair of submissions' code, the starter code left out, with "
                                    "copydetect's winnowing fingerprints and write <out>/similarity.html and "
                                    "<out>/similarity.csv (default out: grades/similarity/<assignment>/, with --course "
                                    "grades/<the course file's folder name>/similarity/<assignment>/). For the "
                                    "course staff: it is never part of a student's feedback.")
    _assignments(sm, "the assignment (one)")
    sm.add_argument("--submissions", "-s", type=Path,
                    help="folder of submissions; default: the course file's, else examples/submissions/<assignment>")
    sm.add_argument("--course", type=Path, metavar="COURSE_YAML", help="the course file: its submissions folder, "
                                                                      "and roster ids beside the names")
    sm.add_argument("--out", "-o", type=Path, help="the report's folder (default: see above)")
    sm.add_argument("--threshold", type=float, help="flag a pair when this share of either's code is "
                                                    "shared (default: the module's DEFAULT_THRESHOLD)")

    c = sub.add_parser("check", help="run an assignment's public tests on your copy (for students)",
                       description="Run the public tests of an assignment against your files and say "
                                   "what passes and what is wrong with the rest.")
    _assignments(c, "assignment name, e.g. hw1_derivatives", one=True)
    c.add_argument("--path", type=Path, help="folder with your files (default: assignments/<assignment>)")

    a = sub.add_parser("assignments", help="regenerate starters, handouts and documented cases from solutions/",
                       description="Regenerate assignments/<name>/ (starter modules, README.md, "
                                   "tests/documented.json) from solutions/<name>/.")
    _assignments(a, "assignments (default: all)")
    a.add_argument("--check", action="store_true", help="change nothing; fail if a generated file is stale")

    nw = sub.add_parser("new", help="start a new assignment: a small one that grades as it is, to edit",
                        description="Write assignment NAME into assignments/NAME/, solutions/NAME/ and "
                                    "examples/submissions/NAME/: a tanh layer's forward and backward with its "
                                    "reference, handout, public and hidden tests, rubric, mistakes and examples, "
                                    "each place to edit marked EDIT, and the starter and handout generated from "
                                    "them. It passes `make test` and grades as it is. A name already taken is "
                                    "refused: nothing is ever overwritten.")
    _assignments(nw, "the new assignment's name: a letter, then letters, digits or underscores (tanh_layer)",
                 one=True)

    r = sub.add_parser("release", help="write the student release to dist/student/ and a zip",
                       description="Write starters, handouts, public tests and the check command to "
                                   "dist/student/ and dist/student.zip: no solution, no hidden test.")
    r.add_argument("--out", type=Path, default=paths.ROOT / "dist" / "student", help="release folder")
    _assignments(r, "release only these assignments, e.g. for one GitHub Classroom template repository "
                    "per assignment; default: every assignment")

    gs = sub.add_parser("gradescope", help="build an assignment's Gradescope autograder zip",
                        description="Write dist/gradescope/<assignment>.zip for Gradescope's autograder: "
                                    "setup.sh, run_autograder, the engine, the reference and the hidden "
                                    "tests. Upload it to the course staff's Gradescope assignment only.")
    _assignments(gs, "assignment name, or path of an assignment folder", one=True)
    gs.add_argument("--out", "-o", type=Path, default=paths.ROOT / "dist" / "gradescope",
                    help="folder for the zip (default: dist/gradescope/)")
    gs.add_argument("--seed", default="", help="salt for the per-student random cases (default: none)")
    gs.add_argument("--course", type=Path, metavar="COURSE_YAML",
                    help="a worksheet: carry the roster's emails and ids, so that each sheet is graded on the "
                         "numbers of the submitter's roster id (as `worksheet --roster` made it), not of their email")

    cl = sub.add_parser("classroom", help="run the public checks and report points to GitHub Classroom",
                        description="Run an assignment's public tests on the student's copy and write "
                                    "GitHub Classroom's runner result (base64 JSON) to $GITHUB_OUTPUT as "
                                    "`result`; print the checks and the `Points X/Y` line. The student "
                                    "release's .github/workflows/classroom.yml calls it.")
    _assignments(cl, "assignment name, e.g. hw1_derivatives", one=True)
    cl.add_argument("--path", type=Path, help="folder with the student's files (default: assignments/<assignment>)")
    cl.add_argument("--output", type=Path,
                    help="file to append `result=<base64>` to (default: $GITHUB_OUTPUT; none: print it)")
    cl.add_argument("--digest", metavar="SHA256",
                    help="the public checks' digest as released (the workflow carries it): other checks, "
                         "a documented.json edited say, score 0 (default: grader/release.json's)")
    ws = sub.add_parser("worksheet", help="write a student's own worksheet (Markdown and a notebook)",
                        description="Write a worksheet with a student's own numbers, drawn from their name: "
                                    "<out>/<student>/answers.md (the sheet they fill in and hand in) and "
                                    "<out>/<student>/<assignment>.ipynb (the same sheet as a notebook).")
    _assignments(ws, "a worksheet assignment, e.g. ws1_network_231", one=True)
    who = ws.add_mutually_exclusive_group(required=True)
    who.add_argument("--student", action="append", metavar="NAME",
                     help="the student's name as their submission will be named (repeatable)")
    who.add_argument("--all", action="store_true", help="every student of --roster")
    ws.add_argument("--roster", type=Path, help="with --all: a CSV (column student, id, name, login or email) "
                                                "or one name per line")
    ws.add_argument("--out", "-o", type=Path, help="folder for the sheets (default: dist/worksheets/<assignment>/)")
    ws.add_argument("--seed", default="", help="the salt grading uses for this course (default: none)")

    nb = sub.add_parser("notebook", help="assignments as notebooks, and notebooks as modules (build, extract, check)",
                        description="Notebook commands; `python -m grader notebook --help` lists them.",
                        add_help=False)
    nb.add_argument("rest", nargs=argparse.REMAINDER, help="build|extract|check and their arguments")
    return p


def _assignments(parser, help: str, *, one: bool = False) -> None:
    """The assignments of a subcommand, positional or with --assignment/-a (both may be mixed)."""
    parser.add_argument("assignment_names", nargs="?" if one else "*", metavar="ASSIGNMENT", help=help)
    parser.add_argument("--assignment", "-a", action="append", dest="assignment_flags", metavar="ASSIGNMENT",
                        help="the same, as an option" + ("" if one else " (repeatable)"))
    parser.set_defaults(assignment_one=one)


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes >= 1, got {text!r}")
    return n


def _layer_names(text: str) -> tuple[str, ...]:
    """``--require-kernel-sandbox``'s comma-separated layer names, checked."""
    from ..sandbox.kernel import LAYER_NAMES
    names = tuple(n.strip().lower() for n in text.split(",") if n.strip())
    unknown = [n for n in names if n not in LAYER_NAMES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown layer {', '.join(unknown) or '(none)'}: "
                                         f"name some of {', '.join(LAYER_NAMES)}")
    return names
