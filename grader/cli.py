"""``python -m grader``: grade, check, assignments, release. The Makefile only calls this."""
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
                                   "grades/<assignment>/: scores.csv, scores.json, and per student "
                                   "results.json (Gradescope) and feedback.md.")
    g.add_argument("--assignment", "-a", action="append",
                   help="assignment name, or path of an assignment folder (repeatable); default: every assignment")
    g.add_argument("--submissions", "-s", type=Path,
                   help="folder of submissions; default: examples/submissions/<assignment>")
    g.add_argument("--out", "-o", type=Path, default=paths.GRADES,
                   help="where results go, one folder per assignment (default: grades/)")
    g.add_argument("--format", "-f", default="github", choices=FORMATS, help="table format (default: github)")
    g.add_argument("--resume", action="store_true",
                   help="keep the results of a run that was stopped and grade only the rest")
    g.add_argument("--seed", default="", help="salt for the per-student random cases (default: none)")
    g.add_argument("--quiet", "-q", action="store_true", help="print only the tables")

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
    return p


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    from .assignment import ConfigError
    try:
        return {"grade": cmd_grade, "check": cmd_check, "assignments": cmd_assignments,
                "release": cmd_release}[args.command](args)
    except (ConfigError, FileNotFoundError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("stopped; run again with --resume to keep what was graded", file=sys.stderr)
        return 130


def cmd_grade(args) -> int:
    from . import assignment as assignments, report, run
    names = args.assignment or assignments.available()
    if args.submissions and len(names) != 1:
        raise assignments.ConfigError("--submissions needs exactly one --assignment")
    for name in names:
        a = assignments.load(name)
        folder = args.submissions or a.public_dir.parent.parent / "examples" / "submissions" / a.name

        def progress(result, a=a):
            if not args.quiet:
                print(f"  {a.name}: {result.student}: {result.total:g}/{a.max_points:g} "
                      f"({result.status}, {result.seconds:.2f} s)", file=sys.stderr, flush=True)

        results = run.grade(a, folder, args.out / a.name, resume=args.resume, seed=args.seed, progress=progress)
        print(f"\n{a.title} ({a.name}): {len(results)} submissions, max {a.max_points:g} points\n")
        print(report.table(a, results, args.format))
        if not args.quiet:
            print(f"\nresults: {args.out / a.name}/ (scores.csv, scores.json, <student>/feedback.md)")
    return 0


def cmd_check(args) -> int:
    from . import assignment as assignments, report, run
    from .plugin import StudentSource
    a = assignments.load(args.assignment)
    folder = (args.path or a.public_dir).resolve()
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder")
    results = run.run_session(a, [StudentSource("your code", folder)], hidden=False)
    result = results["your code"]
    print(report.feedback(a, result, public_only=True))
    failed = [t for t in result.tests if not t.passed]
    print(f"{len(result.tests) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


def cmd_assignments(args) -> int:
    from . import assignment as assignments, authoring
    stale = []
    for name in args.names or assignments.available():
        for path in authoring.build(assignments.load(name), check=args.check):
            stale.append(path)
            print(f"{'stale' if args.check else 'wrote'}: {path.relative_to(paths.ROOT)}")
    if args.check and stale:
        print("error: generated files differ from solutions/; run `make assignments`", file=sys.stderr)
        return 1
    if not stale:
        print("all generated files are up to date")
    return 0


def cmd_release(args) -> int:
    from . import release
    zip_path = release.build(args.out)
    print(f"student release: {args.out}/ and {zip_path}")
    return 0
