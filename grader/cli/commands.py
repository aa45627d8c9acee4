"""``python -m grader``: grade, merge, export, feedback, similarity, check, assignments, new, release, gradescope,
classroom, worksheet, notebook. The Makefile only calls this.

Every subcommand that takes assignments takes them the same two ways: as positional
arguments (``check hw1_derivatives``) or with ``--assignment``/``-a`` (``check -a hw1_derivatives``)."""
from __future__ import annotations

import signal
import sys

from .. import paths
from .parser import _parser
from .said import said
from ..text import counted

def _names(args) -> list[str]:
    given = args.assignment_names
    given = [given] if isinstance(given, str) else list(given or [])
    names = list(dict.fromkeys([*given, *(args.assignment_flags or [])]))
    if args.assignment_one:
        if len(names) != 1:
            raise ValueError(f"give one assignment ({'none' if not names else ', '.join(names)} given)")
        return names
    return names


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
            print(said(f"python -m grader {args.command}: error: {e}"), file=sys.stderr)
            return 2
        if args.assignment_one:
            args.assignment = args.assignment[0]
    from ..assignment import ConfigError
    from ..sandbox.lifetime import stopping_on_signals
    try:
        command = {"grade": cmd_grade, "merge": cmd_merge, "export": cmd_export, "feedback": cmd_feedback,
                   "similarity": cmd_similarity,
                   "check": cmd_check, "assignments": cmd_assignments, "new": cmd_new,
                   "release": cmd_release, "gradescope": cmd_gradescope,
                   "classroom": cmd_classroom, "worksheet": cmd_worksheet}[args.command]
        if args.command != "grade":
            return command(args)
        with stopping_on_signals():  # SIGTERM, SIGHUP and Ctrl-C end a run through its clean-up
            return command(args)
    except (ConfigError, FileNotFoundError) as e:
        print(said(f"error: {e}"), file=sys.stderr)
        return 2
    except ImportError as e:  # a staff module (release, gradescope, ...) left out of the student release
        if (e.name or "").partition(".")[0] != "grader" or (paths.ROOT / "solutions").is_dir():
            raise
        print(f"error: `{args.command}` is a course staff's command, not part of the student release",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt as e:
        signum = getattr(e, "signum", signal.SIGINT)
        print(said(f"stopped by {signal.Signals(signum).name}; run again with --resume to keep what was graded"),
              file=sys.stderr)
        return 128 + signum
    except OSError as e:  # a full disk, a folder that cannot be written: one line, and what to do
        where = f"{e.filename}: " if e.filename else ""
        print(said(f"error: {where}{e.strerror or e}; what was graded is kept: mend it and run again "
                   "(grade with --resume)"), file=sys.stderr)
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
    if course is not None and len(names) > 1:  # each run checks its own; these, before the first grades anyone
        from ..course.checks import check_files
        for name in names:
            check_files(course, assignments.load(name))
    for name in names:
        a = assignments.load(name)
        folder = _submissions_folder(args, course, a)

        before = "before the course's late penalty and overrides" if course else ""
        progress = None if args.quiet else Progress(a.name, a.max_points, before=before)
        results = run.grade(a, folder, args.out / a.name, resume=args.resume, seed=args.seed,
                            progress=progress, jobs=args.jobs, only=args.student, replace=args.replace,
                            require_kernel_sandbox=args.require_kernel_sandbox, shard=shard, course=course)
        if args.student:
            print(f"\n{a.title} ({a.name}): {len(results)} submission(s) regraded and merged into "
                  f"{args.out / a.name}/, max {a.max_points:g} points\n")
        elif shard:
            print(f"\n{a.title} ({a.name}), shard {shard}: {counted(len(results), 'submission')}, max {a.max_points:g} points\n")
        else:
            absent = sum(1 for r in results if r.roster.get("absent"))
            print(f"\n{a.title} ({a.name}): {counted(len(results) - absent, 'submission')}"
                  + (f" and {absent} rostered student(s) with none" if absent else "")
                  + f", max {a.max_points:g} points\n")
        print(report.table(a, results, args.format))
        if not args.quiet:
            _attention(a, results, args.out / a.name)
            print(f"\nresults: {args.out / a.name}/ (scores.csv, scores.json, gradebook.csv, summary.md, "
                  "students/<student>/feedback.md)")
            if shard:
                print(_merge_hint(shard, a.name, args.course))
    if course is not None and not shard:
        from ..course import export
        files, notes = export.write_all(course, args.out, args.out / "course")
        print(f"\n{course.title}: {', '.join(f.name for f in files)} in {args.out / 'course'}/")
        for note in notes:
            print(f"note: {note}")
    return 0


def _merge_hint(shard, name: str, course) -> str:
    """What to run once every part is graded, in the words of the command that graded this one."""
    import os
    from .said import VIA_MAKE
    folders = f"<each part's {name}/ folder>"
    if os.environ.get(VIA_MAKE):
        command = f'make merge ASSIGNMENT={name} SHARDS="{folders}"' + (f" COURSE={course}" if course else "")
    else:
        command = f"python -m grader merge {folders}" + (f" --course {course}" if course else "")
    return (f"shard {shard}: once all {shard.count} parts are graded, join them: {command}"
            + (" (it makes the course's rows and exports)" if course else ""))


def _attention(a, results, folder) -> None:
    """After the table: what summary.md's "Needs attention" lists, a line each."""
    from ..report import attention, report
    lines = attention.attention_brief(a, results, folder, report.terminal_width())
    if lines:
        print("\n" + "\n".join(lines))


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


def cmd_feedback(args) -> int:
    from ..course import course as courses
    from ..staff import delivery
    course = courses.load(args.course) if args.course else None
    made, notes = delivery.deliver(course, args.grades, args.assignment, args.out, args.moodle_worksheet)
    for d in made:
        print("\n".join(delivery.lines(d)))
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
    if course is not None and len(names) > 1:  # each run checks its own; these, before the first grades anyone
        from ..course.checks import check_files
        for name in names:
            check_files(course, assignments.load(name))
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
        if not args.out:
            _summary_with_similarity(a, out.parent.parent / a.name)
    return 0


def _summary_with_similarity(a, grades) -> None:
    """The grades of ``a`` in ``grades`` (when there are some): their summary.md's Needs attention
    section rewritten to list the pairs just flagged."""
    from ..report import attention
    from ..runs import previous
    if not (grades / previous.SCORES).is_file():
        return
    results = previous.results_of(previous.read(grades), grades / previous.SCORES, a, hidden=True)
    if attention.refresh_attention(a, list(results.values()), grades):
        print(f"flagged pairs listed under Needs attention in {grades / 'summary.md'}")


def cmd_merge(args) -> int:
    from ..staff import merge
    from ..report import report
    course = None
    if args.course:
        from ..course import course as courses
        course = courses.load(args.course)
    elif args.submissions:
        from ..assignment import ConfigError
        raise ConfigError("--submissions goes with --course: a merge without a course reads no submission")
    a, results, out = merge.merge(args.shards, assignment=args.assignment, out=args.out, seed=args.seed,
                                  replace=args.replace, course=course, submissions=args.submissions)
    absent = sum(1 for r in results if r.roster.get("absent"))
    print(f"\n{a.title} ({a.name}): {len(args.shards)} shards merged, {counted(len(results) - absent, 'submission')}"
          + (f" and {absent} rostered student(s) with none" if absent else "") + f", max {a.max_points:g} points\n")
    print(report.table(a, results, args.format))
    if not args.quiet:
        _attention(a, results, out)
        print(f"\nresults: {out}/ (scores.csv, scores.json, gradebook.csv, summary.md, "
              "students/<student>/feedback.md)")
    if course is not None:  # the course's exports, of every assignment graded so far
        from ..course import export
        files, notes = export.write_all(course, out.parent, out.parent / "course")
        print(f"\n{course.title}: {', '.join(f.name for f in files)} in {out.parent / 'course'}/")
        for note in notes:
            print(f"note: {note}")
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
    from ..report import classroom
    why = classroom.changed(a)
    if why:
        raise assignments.ConfigError(why)
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
    missing = layers.missing(kernel.LAYER_NAMES)
    if missing:
        print(f"note: this machine's kernel sandbox: {layers.describe()}; without "
              f"{', '.join(kernel.LAYER_TITLES[m] for m in missing)}; the checks ran as usual", file=sys.stderr)
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
            for line in authoring.skipped(a):
                print(f"note: {line}")
        for line in authoring.hint_problems(a):
            print(f"warning: {line}")
    if args.check and changed:
        print("error: generated files differ from solutions/; run `make assignments`", file=sys.stderr)
        return 1
    if not changed:
        print("all generated files are up to date")
    return 0


def cmd_new(args) -> int:
    from ..staff import scaffold
    print(scaffold.report(scaffold.create(args.assignment)))
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
    return classroom.main(args.assignment, path=args.path, output=args.output, expected=args.digest)
