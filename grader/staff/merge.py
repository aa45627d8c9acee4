"""Joining the folders of a sharded run (``grade --shard K/N``, one per K) into one run's grades.

``merge`` reads each folder's scores.json and checks that together they are one
whole run before it writes anything:
- each folder holds a shard's grades (its scores.json records ``shard``) of this
  assignment, made with the tests, reference, rubric and ``--seed`` of this checkout
  (``previous.fingerprint``);
- all share one N, and every K from 1 to N is given once: none missing, none twice;
- every student is in one folder only, the one of their part (``shard.of``);
- every shard was graded from the same submissions (their number and a digest of
  their names, ``shard.record``), and together the folders hold every one of them;
- every row is one this assignment's grading makes (``grader.rows``): a plain student
  name, the assignment's tests with points within their maximum, totals that add up.

Shards graded under a course (``grade --course C --shard K/N``) hold the submissions'
own rows, and are merged under the same course (``course``): the course's rows
(``course.grades.apply``) are made of everyone at once, from the course's folder of
submissions, as one ``grade --course`` run makes them.

Then it writes through ``report.write``, the one writer of grades, so the output
folder is what one run over all the submissions writes (with each submission's
own times), under the rules of ``previous``: one run at a time per output folder
(``lock``) and no silent replacement of earlier grades (``check``). Every refusal is
a ``ConfigError`` of one line naming the folder at fault, and nothing is written.

All the results are in memory at once, as they are in a run: ``report.write`` needs
everyone for the summary's statistics, and a result is scores and messages.
"""
from __future__ import annotations

from pathlib import Path

from .. import paths
from ..runs import previous
from ..report import report
from ..grading import rows
from .. import assignment as assignments
from ..assignment import Assignment, ConfigError
from ..results import StudentResult
from ..grading.shard import names_digest, of

RECORD_KEYS = ("index", "count", "submissions", "names")


def read(folder: Path) -> dict:
    """A shard folder's scores.json, checked to be a shard's: it records ``shard``."""
    folder = Path(folder)
    file = folder / previous.SCORES
    if not folder.is_dir():
        raise ConfigError(f"{folder}: no such shard folder")
    try:
        data = previous.load_scores(file)
    except FileNotFoundError:
        raise ConfigError(f"{folder}: holds no {previous.SCORES}, so it is not a shard's grades (give the folder "
                          "`grade --shard K/N` wrote: <out>/<assignment>/)") from None
    except previous.Unreadable as e:
        raise ConfigError(f"{file}: holds no list of students, so it is not a shard's grades" if e.listless
                          else f"{file}: cannot be read ({e})") from None
    record = data.get("shard")
    if record is None:
        raise ConfigError(f"{folder}: its grades record no --shard K/N, so they are a whole run's, not a shard's")
    if not (isinstance(record, dict) and all(k in record for k in RECORD_KEYS)
            and all(isinstance(record[k], int) for k in ("index", "count", "submissions"))):
        raise ConfigError(f"{file}: its shard record is not {{{', '.join(RECORD_KEYS)}}}: {record!r}")
    return data


def merge(folders: list[Path], *, assignment: Assignment | str | None = None, out: Path | None = None,
          seed: str = "", replace: bool = False, course=None,
          submissions: Path | None = None) -> tuple[Assignment, list[StudentResult], Path]:
    """Check that ``folders`` make one whole run and write it to ``out`` (default:
    ``grades/<assignment>``); return the assignment, everyone's results in a run's order, and ``out``.

    ``assignment``: the one the shards must have graded (default: the first folder's).
    ``replace``: as for ``grade``, drop earlier grades in ``out`` of students the shards do not hold.
    ``course`` (``grader.course.Course``): the one the shards were graded under; the rows written are
    its rows, made from ``submissions`` (default: the course's folder of the assignment, as for
    ``grade``), and ``out`` defaults to ``grades/<the course file's folder name>/<assignment>``.
    """
    folders = [Path(f) for f in folders]
    if not folders:
        raise ConfigError("merge needs the shard folders, one per K of --shard K/N")
    first = folders[0]
    first_data = read(first)
    if assignment is None:
        assignment = str(first_data.get("assignment"))
    a = assignment if isinstance(assignment, Assignment) else assignments.load(assignment)
    if course is not None:
        from ..course import course as courses
        from ..course.checks import check_files
        check_files(course, a, True)
        out = Path(out) if out is not None else courses.grades_folder(course) / a.name
        submissions = Path(submissions) if submissions is not None else course_submissions(course, a)
    out = Path(out) if out is not None else paths.GRADES / a.name
    expected = previous.fingerprint(a, seed, True)
    first_record = first_data["shard"]
    count = first_record["count"]
    by_index: dict[int, Path] = {}
    owner: dict[str, Path] = {}
    results: list[StudentResult] = []
    tests = None  # the assignment's, collected once the first folder is found to be a shard of it
    shards: list[tuple[Path, dict]] = []  # each folder's scores.json but its students, kept as results
    for i, folder in enumerate(folders):
        data = first_data if i == 0 else read(folder)
        first_data = None  # from here on, the first folder's students are kept as results only
        record = data["shard"]
        k, n = record["index"], record["count"]
        if folder.resolve() == out.resolve():
            raise ConfigError(f"{folder}: is also the output folder; merge into another --out")
        if data.get("assignment") != a.name:
            raise ConfigError(f"{folder}: grades of {data.get('assignment')}, not of {a.name}")
        if data.get("fingerprint") != expected:
            raise ConfigError(f"{folder}: graded with other tests, reference, rubric or --seed than {a.name} here "
                              f"(fingerprint {data.get('fingerprint')}, here {expected}): grade that shard again "
                              "with the same checkout and --seed")
        if n != count:
            raise ConfigError(f"{folder}: shard {k}/{n}, but {first} is shard {first_record['index']}/{count}: "
                              "the shards of one run share N")
        if not 1 <= k <= n:
            raise ConfigError(f"{folder}: shard {k}/{n} is not a part of {n}")
        if k in by_index:
            raise ConfigError(f"{folder}: shard {k}/{n} again (also {by_index[k]})")
        graded_under(folder, record, course)
        by_index[k] = folder
        if (record["submissions"], record["names"]) != (first_record["submissions"], first_record["names"]):
            raise ConfigError(f"{folder}: graded from other submissions than {first} ({record['submissions']} "
                              f"submissions, {first} {first_record['submissions']}): grade every shard "
                              "from the same folder")
        tests = tests or rows.expected_tests(a, True)
        for name, result in previous.results_of(data, folder / previous.SCORES, a, hidden=True, tests=tests).items():
            if name in owner:
                raise ConfigError(f"{folder}: holds {name}, who is also in {owner[name]}")
            if of(name, n) != k:
                raise ConfigError(f"{folder}: holds {name}, whose part is {of(name, n)}/{n}, not {k}/{n}")
            owner[name] = folder
            results.append(result)
        shards.append((folder, {key: value for key, value in data.items() if key != "students"}))
        del data
    missing = [k for k in range(1, count + 1) if k not in by_index]
    if missing:
        given = ", ".join(f"{k}/{count} ({by_index[k]})" for k in sorted(by_index))
        raise ConfigError(f"shard {', '.join(f'{k}/{count}' for k in missing)} missing: given {given}")
    if len(owner) != first_record["submissions"] or names_digest(owner) != first_record["names"]:
        raise ConfigError(f"{first}: the shards hold {len(owner)} students, not the {first_record['submissions']} "
                          "submissions their runs found: a shard's scores.json was changed; grade it again")
    everyone = previous.merge({}, results)
    hidden = ()
    if course is not None:
        from ..course.grades import apply
        from ..discover.submissions import hidden_entries
        everyone, hidden = apply(course, a, everyone, submissions), hidden_entries(submissions)
    with previous.lock(out):
        previous.check(a, out, list(owner), only=None, replace=replace, seed=seed, hidden=True)
        report.write(a, everyone, out, fingerprint=expected, sandbox=sandbox(shards), hidden=hidden,
                     examples=all(data.get("examples") is True for _, data in shards))
    return a, everyone, out


def graded_under(folder: Path, record: dict, course) -> None:
    """Refuse a shard graded under another course than ``course`` (None: under none)."""
    title = record.get("course")
    if course is None and title is not None:
        raise ConfigError(f"{folder}: graded under the course {title!r} (grade --course): merge it with --course "
                          "and that course's file, which makes the course's rows")
    if course is not None and title is None:
        raise ConfigError(f"{folder}: graded without --course: grade every shard with --course {course.file} "
                          "--shard K/N, then merge them with it")
    if course is not None and title != course.title:
        raise ConfigError(f"{folder}: graded under the course {title!r}, not {course.title!r} ({course.file})")


def course_submissions(course, a: Assignment) -> Path:
    """The course's folder of ``a``'s submissions, as ``grade --course`` finds it: the course file's,
    else the assignment's bundled examples."""
    if a.name not in course.assignments:
        raise ConfigError(f"{course.file}: the course has no assignment {a.name} (its assignments: "
                          f"{', '.join(course.assignments)})")
    return course.assignments[a.name].submissions or a.public_dir.parent.parent / "examples" / "submissions" / a.name


def sandbox(shards: list[tuple[Path, dict]]) -> dict:
    """The kernel layers of the merged run: the shards' when they all had the same; otherwise a
    description naming each shard's, with only the layers they agree on."""
    found = [(d["shard"]["index"], d.get("sandbox") or {}) for _, d in sorted(shards, key=lambda s: s[1]["shard"]["index"])]
    distinct = []
    for _, s in found:
        if s not in distinct:
            distinct.append(s)
    if len(distinct) == 1:
        return distinct[0]
    count = shards[0][1]["shard"]["count"]
    agreed = {key: value for key, value in distinct[0].items()
              if key != "description" and all(s.get(key) == value for s in distinct)}
    return {"description": "differs between shards: " + "; ".join(
        f"{k}/{count}: {s.get('description') or 'none recorded'}" for k, s in found), **agreed}
