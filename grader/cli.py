"""``python -m grader``: grade, merge, check, assignments, release, gradescope, classroom.
The Makefile only calls this."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths

FORMATS = ("github", "grid", "simple", "plain", "pipe", "latex", "rst", "tsv", "html")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m grader", description="Grade neural-network homework: "
                                "sandboxed pytest grading, score tables, student checks.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    g = sub.add_parser("grade", help="grade a folder of submissions and print the score table",
                       description="Grade submissions (one sub-folder or .zip per student) and write "
                                   "grades/<assignment>/ (or <out>/<assignment>/): scores.csv, scores.json, "
                                   "gradebook.csv, summary.md, and per student (in students/) results.json "
                                   "(Gradescope) and feedback.md. With --shard K/N, that folder holds the K-th "
                                   "part's grades, for `merge`.")
    g.add_argument("--assignment", "-a", action="append",
                   help="assignment name, or path of an assignment folder (repeatable); default: every assignment")
    g.add_argument("--submissions", "-s", type=Path,
                   help="folder of submissions; default: examples/submissions/<assignment>")
    g.add_argument("--out", "-o", type=Path, default=paths.GRADES,
                   help="where results go, one folder per assignment (default: grades/)")
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

    c = sub.add_parser("check", help="run an assignment's public tests on your copy (for students)",
                       description="Run the public tests of an assignment against your files and say "
                                   "what passes and what is wrong with the rest.")
    c.add_argument("assignment", help="assignment name, e.g. hw1_derivatives")
    c.add_argument("--path", type=Path, help="folder with your files (default: assignments/<assignment>)")

    a = sub.add_parser("assignments", help="regenerate starters, handouts and documented cases from solutions/",
                       description="Regenerate assignments/<name>/ (starter modules, README.md, "
                                   "tests/documented.json) from solutions/<name>/.")
    a.add_argument("names", nargs="*", help="assignments (default: all)")
    a.add_argument("--check", action="store_true", help="change nothing; fail if a generated file is stale")

    r = sub.add_parser("release", help="write the student release to dist/student/ and a zip",
                       description="Write starters, handouts, public tests and the check command to "
                                   "dist/student/ and dist/student.zip: no solution, no hidden test.")
    r.add_argument("--out", type=Path, default=paths.ROOT / "dist" / "student", help="release folder")
    r.add_argument("--assignment", "-a", action="append",
                   help="release only this assignment (repeatable), e.g. for one GitHub Classroom "
                        "template repository per assignment; default: every assignment")

    gs = sub.add_parser("gradescope", help="build an assignment's Gradescope autograder zip",
                        description="Write dist/gradescope/<assignment>.zip for Gradescope's autograder: "
                                    "setup.sh, run_autograder, the engine, the reference and the hidden "
                                    "tests. Upload it to the course staff's Gradescope assignment only.")
    gs.add_argument("--assignment", "-a", required=True, help="assignment name, or path of an assignment folder")
    gs.add_argument("--out", "-o", type=Path, default=paths.ROOT / "dist" / "gradescope",
                    help="folder for the zip (default: dist/gradescope/)")
    gs.add_argument("--seed", default="", help="salt for the per-student random cases (default: none)")

    cl = sub.add_parser("classroom", help="run the public checks and report points to GitHub Classroom",
                        description="Run an assignment's public tests on the student's copy and write "
                                    "GitHub Classroom's runner result (base64 JSON) to $GITHUB_OUTPUT as "
                                    "`result`; print the checks and the `Points X/Y` line. The student "
                                    "release's .github/workflows/classroom.yml calls it.")
    cl.add_argument("assignment", help="assignment name, e.g. hw1_derivatives")
    cl.add_argument("--path", type=Path, help="folder with the student's files (default: assignments/<assignment>)")
    cl.add_argument("--output", type=Path,
                    help="file to append `result=<base64>` to (default: $GITHUB_OUTPUT; none: print it)")
    ws = sub.add_parser("worksheet", help="write a student's own worksheet (Markdown and a notebook)",
                        description="Write a worksheet with a student's own numbers, drawn from their name: "
                                    "<out>/<student>/answers.md (the sheet they fill in and hand in) and "
                                    "<out>/<student>/<assignment>.ipynb (the same sheet as a notebook).")
    ws.add_argument("assignment", help="a worksheet assignment, e.g. ws1_network_231")
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
        from .notebook_check import main as notebook_main
        return notebook_main(argv[1:])
    args = _parser().parse_args(argv)
    from .assignment import ConfigError
    try:
        return {"grade": cmd_grade, "merge": cmd_merge, "check": cmd_check, "assignments": cmd_assignments,
                "release": cmd_release, "gradescope": cmd_gradescope,
                "classroom": cmd_classroom, "worksheet": cmd_worksheet}[args.command](args)
    except (ConfigError, FileNotFoundError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except ImportError as e:  # a staff module (release, gradescope, ...) left out of the student release
        if (e.name or "").partition(".")[0] != "grader" or (paths.ROOT / "solutions").is_dir():
            raise
        print(f"error: `{args.command}` is a course staff's command, not part of the student release",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("stopped; run again with --resume to keep what was graded", file=sys.stderr)
        return 130


def cmd_grade(args) -> int:
    from . import assignment as assignments, report, run
    from .progress import Progress
    names = args.assignment or assignments.available()
    if args.submissions and len(names) != 1:
        raise assignments.ConfigError("--submissions needs exactly one --assignment")
    if args.student and len(names) != 1:
        raise assignments.ConfigError("--student needs exactly one --assignment")
    if args.student and args.replace:
        raise assignments.ConfigError("--student merges into the earlier grades and --replace drops them: "
                                      "give one of the two")
    shard = None
    if args.shard is not None:
        from .shard import parse
        shard = parse(args.shard)
    for name in names:
        a = assignments.load(name)
        folder = args.submissions or a.public_dir.parent.parent / "examples" / "submissions" / a.name

        progress = None if args.quiet else Progress(a.name, a.max_points)
        results = run.grade(a, folder, args.out / a.name, resume=args.resume, seed=args.seed,
                            progress=progress, jobs=args.jobs, only=args.student, replace=args.replace,
                            require_kernel_sandbox=args.require_kernel_sandbox, shard=shard)
        if args.student:
            print(f"\n{a.title} ({a.name}): {len(results)} submission(s) regraded and merged into "
                  f"{args.out / a.name}/, max {a.max_points:g} points\n")
        elif shard:
            print(f"\n{a.title} ({a.name}), shard {shard}: {len(results)} submissions, max {a.max_points:g} points\n")
        else:
            print(f"\n{a.title} ({a.name}): {len(results)} submissions, max {a.max_points:g} points\n")
        print(report.table(a, results, args.format))
        if not args.quiet:
            print(f"\nresults: {args.out / a.name}/ (scores.csv, scores.json, gradebook.csv, summary.md, "
                  "students/<student>/feedback.md)")
            if shard:
                print(f"shard {shard}: join the {shard.count} shard folders with `python -m grader merge`")
    return 0


def cmd_merge(args) -> int:
    from . import merge, report
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
    from . import assignment as assignments, report
    from .session import run_session
    from .source import StudentSource
    a = assignments.load(args.assignment)
    folder = (args.path or a.public_dir).resolve()
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder")
    if a.is_worksheet:
        from .worksheet_grading import check
        text, ok = check(a, folder)
        print(text)
        return 0 if ok else 1
    results = run_session(a, [StudentSource("your code", folder)], hidden=False)
    result = results["your code"]
    print(report.feedback(a, result, public_only=True))
    failed = [t for t in result.tests if not t.passed]
    print(f"{len(result.tests) - len(failed)} passed, {len(failed)} failed")
    from . import kernel
    layers = kernel.probe()
    if layers.missing():
        print(f"note: this machine's kernel sandbox: {layers.describe()}; the checks ran as usual",
              file=sys.stderr)
    return 1 if failed else 0


def cmd_assignments(args) -> int:
    from . import assignment as assignments, authoring
    changed = []
    for name in args.names or assignments.available():
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
    from . import release
    zip_path = release.build(args.out, names=args.assignment)
    print(f"student release: {args.out}/ and {zip_path}")
    return 0


def cmd_gradescope(args) -> int:
    from . import assignment as assignments, gradescope
    a = assignments.load(args.assignment)
    zip_path = gradescope.build(a, args.out, seed=args.seed)
    secret = "the steps that give every answer" if a.is_worksheet else "the hidden tests"
    print(f"Gradescope autograder for {a.name}: {zip_path} (holds {secret}: staff only)")
    return 0


def cmd_worksheet(args) -> int:
    from . import assignment as assignments, worksheet_sheet
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
    from . import classroom
    return classroom.main(args.assignment, path=args.path, output=args.output)
