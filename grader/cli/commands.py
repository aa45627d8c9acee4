"""``python -m grader``: grade, merge, export, similarity, check, assignments, release, gradescope,
classroom, worksheet, notebook. The Makefile only calls this.

Every subcommand that takes assignments takes them the same two ways: as positional
arguments (``check hw1_derivatives``) or with ``--assignment``/``-a`` (``check -a hw1_derivatives``)."""
from __future__ import annotations

import argparse
import signal
import sys
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
    g.add_argument("--require-kernel-sandbox", action="store_true",
                   help="stop unless the kernel confines every worker (Landlock and seccomp); the "
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
                        "needs 1 added")

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
                   help="the merged results folder (default: grades/<assignment>/, where `grade` writes)")
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


def _names(args) -> list[str]:
    given = args.assignment_names
    given = [given] if isinstance(given, str) else list(given or [])
    names = list(dict.fromkeys([*given, *(args.assignment_flags or [])]))
    if args.assignment_one:
        if len(names) != 1:
            raise ValueError(f"give one assignment ({'none' if not names else ', '.join(names)} given)")
        return names
    return names


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes >= 1, got {text!r}")
    return n


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["notebook"]:  # a command line of its own: build, extract, check
        from ..notebook.check import main as notebook_main
        return notebook_main(argv[1:])
    parser = _parser()
    args = parser.parse_args(argv)
    if hasattr(args, "assignment_names"):
        try:
            args.assignment = _names(args)
        except ValueError as e:
            print(f"python -m grader {args.command}: error: {e}", file=sys.stderr)
            return 2
        if args.assignment_one:
            args.assignment = args.assignment[0]
    from ..assignment import ConfigError
    from ..sandbox.lifetime import stopping_on_signals
    try:
        command = {"grade": cmd_grade, "merge": cmd_merge, "export": cmd_export, "similarity": cmd_similarity,
                   "check": cmd_check, "assignments": cmd_assignments,
                   "release": cmd_release, "gradescope": cmd_gradescope,
                   "classroom": cmd_classroom, "worksheet": cmd_worksheet}[args.command]
        if args.command != "grade":
            return command(args)
        with stopping_on_signals():  # SIGTERM, SIGHUP and Ctrl-C end a run through its clean-up
            return command(args)
    except (ConfigError, FileNotFoundError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except ImportError as e:  # a staff module (release, gradescope, ...) left out of the student release
        if (e.name or "").partition(".")[0] != "grader" or (paths.ROOT / "solutions").is_dir():
            raise
        print(f"error: `{args.command}` is a course staff's command, not part of the student release",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt as e:
        signum = getattr(e, "signum", signal.SIGINT)
        print(f"stopped by {signal.Signals(signum).name}; run again with --resume to keep what was graded",
              file=sys.stderr)
        return 128 + signum
    except OSError as e:  # a full disk, a folder that cannot be written: one line, and what to do
        where = f"{e.filename}: " if e.filename else ""
        print(f"error: {where}{e.strerror or e}; what was graded is kept: mend it and run again "
              "(grade with --resume)", file=sys.stderr)
        return 2


def cmd_grade(args) -> int:
    from .. import assignment as assignments
    from ..report import report
    from ..runs import run
    from ..report.progress import Progress
    course = None
    if args.course:
        from ..course import course as courses
        course = courses.load(args.course)
    args.out = args.out or (courses.grades_folder(course) if course else paths.GRADES)
    names = args.assignment or (list(course.assignments) if course else assignments.available())
    if args.submissions and len(names) != 1:
        raise assignments.ConfigError("--submissions needs exactly one --assignment")
    if args.student and len(names) != 1:
        raise assignments.ConfigError("--student needs exactly one --assignment")
    if args.student and args.replace:
        raise assignments.ConfigError("--student merges into the earlier grades and --replace drops them: "
                                      "give one of the two")
    shard = None
    if args.shard is not None:
        from ..grading.shard import parse
        shard = parse(args.shard)
    for name in names:
        a = assignments.load(name)
        folder = _submissions_folder(args, course, a)

        progress = None if args.quiet else Progress(a.name, a.max_points)
        results = run.grade(a, folder, args.out / a.name, resume=args.resume, seed=args.seed,
                            progress=progress, jobs=args.jobs, only=args.student, replace=args.replace,
                            require_kernel_sandbox=args.require_kernel_sandbox, shard=shard, course=course)
        if args.student:
            print(f"\n{a.title} ({a.name}): {len(results)} submission(s) regraded and merged into "
                  f"{args.out / a.name}/, max {a.max_points:g} points\n")
        elif shard:
            print(f"\n{a.title} ({a.name}), shard {shard}: {len(results)} submissions, max {a.max_points:g} points\n")
        else:
            absent = sum(1 for r in results if r.roster.get("absent"))
            print(f"\n{a.title} ({a.name}): {len(results) - absent} submissions"
                  + (f" and {absent} rostered student(s) with none" if absent else "")
                  + f", max {a.max_points:g} points\n")
        print(report.table(a, results, args.format))
        if not args.quiet:
            print(f"\nresults: {args.out / a.name}/ (scores.csv, scores.json, gradebook.csv, summary.md, "
                  "students/<student>/feedback.md)")
            if shard:
                print(f"shard {shard}: join the {shard.count} shard folders with `python -m grader merge`")
    if course is not None:
        from ..course import export
        files, notes = export.write_all(course, args.out, args.out / "course")
        print(f"\n{course.title}: {', '.join(f.name for f in files)} in {args.out / 'course'}/")
        for note in notes:
            print(f"note: {note}")
    return 0


def _submissions_folder(args, course, a):
    """--submissions, else the course file's folder of the assignment, else its bundled examples."""
    if args.submissions:
        return args.submissions
    if course is not None:
        if a.name not in course.assignments:
            from ..assignment import ConfigError
            raise ConfigError(f"{course.file}: the course has no assignment {a.name} (its assignments: "
                              f"{', '.join(course.assignments)})")
        if course.assignments[a.name].submissions:
            return course.assignments[a.name].submissions
    return a.public_dir.parent.parent / "examples" / "submissions" / a.name


def _course_label(course, name: str) -> str:
    """A submission's name with its student's roster id beside it, when it is another."""
    s = course.student(name)
    return f"{name} ({s.id})" if s is not None and s.id != name else name


def cmd_export(args) -> int:
    from ..course import course as courses, export
    course = courses.load(args.course)
    path, notes = export.export(args.kind, course, args.grades or courses.grades_folder(course), args.out, moodle_id=args.moodle_id,
                                names=args.assignment or None)
    print(f"{args.kind}: {path}")
    for note in notes:
        print(f"note: {note}")
    return 0


def cmd_similarity(args) -> int:
    from .. import assignment as assignments
    from ..course import course as courses, similarity
    course = courses.load(args.course) if args.course else None
    names = args.assignment or ([n for n in course.assignments if not assignments.load(n).is_worksheet]
                                if course else [])
    if not names:
        raise assignments.ConfigError("similarity: give an assignment (or --course, for all its code assignments)")
    if (args.submissions or args.out) and len(names) != 1:
        raise assignments.ConfigError("--submissions and --out need exactly one assignment")
    for name in names:
        a = assignments.load(name)
        folder = _submissions_folder(args, course, a)
        labels = None if course is None else (lambda submission: _course_label(course, submission))
        out = args.out or (courses.grades_folder(course) if course else paths.GRADES) / "similarity" / a.name
        kwargs = {} if args.threshold is None else {"threshold": args.threshold}
        rep = similarity.report(a, folder, out, names=labels, **kwargs)
        flagged = [p for p in rep.pairs if p.flagged]
        print(f"{a.name}: {len(flagged)} pair(s) flagged of {len(rep.pairs)} compared with any overlap"
              + (f"; {len(rep.skipped)} submission(s) skipped" if rep.skipped else ""))
        for p in flagged:
            print(f"  {p.a} and {p.b}: {100 * p.similarity_a:.0f} % and {100 * p.similarity_b:.0f} % alike")
        print(f"report (course staff only): {rep.html} and {rep.csv}")
    return 0


def cmd_merge(args) -> int:
    from ..staff import merge
    from ..report import report
    a, results, out = merge.merge(args.shards, assignment=args.assignment, out=args.out, seed=args.seed,
                                  replace=args.replace)
    print(f"\n{a.title} ({a.name}): {len(args.shards)} shards merged, {len(results)} submissions, "
          f"max {a.max_points:g} points\n")
    print(report.table(a, results, args.format))
    if not args.quiet:
        print(f"\nresults: {out}/ (scores.csv, scores.json, gradebook.csv, summary.md, "
              "students/<student>/feedback.md)")
    return 0


def cmd_check(args) -> int:
    from .. import assignment as assignments
    from ..report import report
    from ..grading.session import run_session
    from ..source import StudentSource
    a = assignments.load(args.assignment)
    folder = (args.path or a.public_dir).resolve()
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder")
    if a.is_worksheet:
        from ..worksheet.grading import check
        text, ok = check(a, folder)
        print(text)
        return 0 if ok else 1
    results = run_session(a, [StudentSource("your code", folder)], hidden=False)
    result = results["your code"]
    print(report.feedback(a, result, public_only=True))
    failed = [t for t in result.tests if not t.passed]
    print(f"{len(result.tests) - len(failed)} passed, {len(failed)} failed")
    from ..sandbox import kernel
    layers = kernel.probe()
    if layers.missing():
        print(f"note: this machine's kernel sandbox: {layers.describe()}; the checks ran as usual",
              file=sys.stderr)
    return 1 if failed else 0


def cmd_assignments(args) -> int:
    from .. import assignment as assignments
    from ..staff import authoring
    changed = []
    for name in args.assignment or assignments.available():
        a = assignments.load(name)
        if args.check:
            lines = authoring.stale(a)
            changed += lines
            for line in lines:
                print(line)
        else:
            for path in authoring.build(a):
                changed.append(path)
                print(f"wrote: {path.relative_to(paths.ROOT)}")
    if args.check and changed:
        print("error: generated files differ from solutions/; run `make assignments`", file=sys.stderr)
        return 1
    if not changed:
        print("all generated files are up to date")
    return 0


def cmd_release(args) -> int:
    from ..staff import release
    zip_path = release.build(args.out, names=args.assignment)
    print(f"student release: {args.out}/ and {zip_path}")
    return 0


def cmd_gradescope(args) -> int:
    from .. import assignment as assignments
    from ..staff import gradescope
    a = assignments.load(args.assignment)
    course = None
    if args.course:
        from ..course import course as courses
        course = courses.load(args.course)
    zip_path = gradescope.build(a, args.out, seed=args.seed, course=course)
    secret = "the steps that give every answer" if a.is_worksheet else "the hidden tests"
    print(f"Gradescope autograder for {a.name}: {zip_path} (holds {secret}: staff only)")
    return 0


def cmd_worksheet(args) -> int:
    from .. import assignment as assignments
    from ..worksheet import sheet as worksheet_sheet
    a = assignments.load(args.assignment)
    if not a.is_worksheet:
        raise assignments.ConfigError(f"{a.public_dir / 'assignment.yaml'}: {a.name} is not a worksheet "
                                      "(kind: worksheet)")
    if args.all and not args.roster:
        raise assignments.ConfigError("--all needs --roster FILE")
    students = worksheet_sheet.roster_names(args.roster) if args.all else args.student
    out = args.out or paths.ROOT / "dist" / "worksheets" / a.name
    for student in students:
        worksheet_sheet.write(a, student, out, seed=args.seed)
    print(f"{len(students)} worksheet(s) of {a.name}: {out}/<student>/answers.md and {a.name}.ipynb")
    return 0


def cmd_classroom(args) -> int:
    from ..report import classroom
    return classroom.main(args.assignment, path=args.path, output=args.output)
