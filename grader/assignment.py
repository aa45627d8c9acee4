"""An assignment's description: ``assignments/<name>/assignment.yaml``, validated on load."""
from __future__ import annotations

import importlib.util
import re
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import paths


class ConfigError(Exception):
    """A problem in an assignment's files, stated in one line that names the file."""


@dataclass(frozen=True)
class Group:
    name: str
    title: str
    public: float  # points earned by the group's public tests
    hidden: float  # points earned by the group's hidden tests (a worksheet's: its steps, when graded)
    steps: tuple = ()  # a worksheet's: the steps the group's points are shared among

    @property
    def points(self) -> float:
        return self.public + self.hidden


@dataclass(frozen=True)
class Limits:
    """Wall-clock and memory limits of a submission's worker.

    ``submission_seconds`` is the time limit of each module's calls and import, in
    all: every module of the assignment has that much of its own, so a module that
    hangs costs only its own calls and never another module's tests.
    """
    call_seconds: float = 10.0
    import_seconds: float = 10.0
    submission_seconds: float = 120.0  # per module: its calls and import, in all
    memory_mb: int = 1024
    calls: dict = field(default_factory=dict)  # function name -> seconds

    def for_call(self, function: str) -> float:
        return float(self.calls.get(function, self.call_seconds))


@dataclass(frozen=True)
class Assignment:
    name: str
    title: str
    modules: tuple
    functions: dict  # module -> tuple of function names
    groups: tuple  # of Group, in rubric order
    limits: Limits
    forbidden_imports: tuple
    settings: dict
    visibility: dict  # "public"/"hidden" -> Gradescope visibility
    public_dir: Path
    solution_dir: Path
    kind: str = "code"  # "code": modules of functions; "worksheet": steps worked by hand
    worksheet: dict = field(default_factory=dict)  # a worksheet's settings (grader.worksheet)

    @property
    def is_worksheet(self) -> bool:
        return self.kind == "worksheet"

    @property
    def max_points(self) -> float:
        return sum(g.points for g in self.groups)

    @property
    def hidden_tests_dir(self) -> Path:
        return self.solution_dir / "tests"

    @property
    def public_tests_dir(self) -> Path:
        return self.public_dir / "tests"

    def group(self, name: str) -> Group | None:
        return next((g for g in self.groups if g.name == name), None)


_TOP_KEYS = {"title", "modules", "functions", "rubric", "limits", "forbidden_imports",
             "settings", "visibility", "kind", "worksheet"}
_WORKSHEET_KEYS = {"figures", "ecf_credit", "rounding_credit", "unsupported_credit", "check", "example"}
_LIMIT_KEYS = {"call_seconds", "import_seconds", "submission_seconds", "memory_mb", "calls"}
_VISIBILITIES = {"visible", "hidden", "after_due_date", "after_published"}


def load(name: str, root: Path | None = None) -> Assignment:
    """Load and validate an assignment: a name of ``assignments/``, or the path of such a folder.

    A path ``<course>/assignments/<name>`` takes its solutions from ``<course>/solutions/<name>``.
    """
    if root is None and ("/" in name or name.startswith(".")):
        folder = Path(name).resolve()
        root, name = folder.parent.parent, folder.name
    root = root or paths.ROOT
    public_dir = root / "assignments" / name
    file = public_dir / "assignment.yaml"
    if not file.is_file():
        known = ", ".join(available(root)) or "none"
        raise ConfigError(f"{file}: no such assignment file (assignments known: {known})")
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise ConfigError(f"{file}: not valid YAML: {' '.join(str(e).split())}") from None
    return parse(data, name=name, file=file, public_dir=public_dir,
                 solution_dir=root / "solutions" / name)


def available(root: Path | None = None, kind: str | None = None) -> list[str]:
    """The assignments in ``<root>/assignments/``; with ``kind``, only those of that kind."""
    root = root or paths.ROOT
    names = sorted(p.parent.name for p in (root / "assignments").glob("*/assignment.yaml"))
    if kind is None:
        return names
    return [n for n in names if _kind(root / "assignments" / n / "assignment.yaml") == kind]


def _kind(file: Path) -> str:
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return "code"
    return str(data.get("kind", "code")) if isinstance(data, dict) else "code"


def parse(data, *, name: str, file: Path, public_dir: Path, solution_dir: Path) -> Assignment:
    def fail(where: str, expected: str):
        raise ConfigError(f"{file}: field '{where}': expected {expected}")

    def number(value, where, *, minimum=0.0):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
            fail(where, f"a number >= {minimum:g}, got {value!r}")
        return value

    def names(value, where):
        if not isinstance(value, list) or not value or not all(
                isinstance(v, str) and v.isidentifier() for v in value):
            fail(where, f"a non-empty list of Python names, got {value!r}")
        if len(set(value)) != len(value):
            fail(where, "names without repeats")
        return tuple(value)

    if not isinstance(data, dict):
        raise ConfigError(f"{file}: expected a mapping at the top level, got {type(data).__name__}")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        fail(sorted(unknown)[0], f"one of {', '.join(sorted(_TOP_KEYS))} (unknown field)")
    kind = data.get("kind", "code")
    if kind not in ("code", "worksheet"):
        fail("kind", f"code or worksheet, got {kind!r}")
    for key in ("title", "rubric") + (("modules", "functions") if kind == "code" else ()):
        if key not in data:
            fail(key, "a value (the field is required)")
    if not isinstance(data["title"], str) or not data["title"].strip():
        fail("title", "a non-empty string")
    if kind == "worksheet":
        for key in ("modules", "functions", "forbidden_imports", "limits"):
            if key in data:
                fail(key, "nothing: a worksheet has no code (it is graded by arithmetic in the grader)")
        modules, functions = (), {}
    else:
        modules = names(data["modules"], "modules")
        functions = data["functions"]
        if not isinstance(functions, dict) or set(functions) != set(modules):
            fail("functions", f"a mapping with one entry per module ({', '.join(modules)})")
        functions = {m: names(functions[m], f"functions.{m}") for m in modules}
    sheet = data.get("worksheet") or {}
    if kind == "code" and "worksheet" in data:
        fail("worksheet", "nothing unless kind is worksheet")
    if not isinstance(sheet, dict):
        fail("worksheet", "a mapping of worksheet settings")
    unknown = set(sheet) - _WORKSHEET_KEYS
    if unknown:
        fail(f"worksheet.{sorted(unknown)[0]}", f"one of {', '.join(sorted(_WORKSHEET_KEYS))} (unknown field)")
    if "figures" in sheet and (not isinstance(sheet["figures"], int) or not 2 <= sheet["figures"] <= 10):
        fail("worksheet.figures", f"a whole number of significant figures from 2 to 10, got {sheet['figures']!r}")
    for key in ("ecf_credit", "rounding_credit", "unsupported_credit"):
        if key in sheet and (number(sheet[key], f"worksheet.{key}") > 1):
            fail(f"worksheet.{key}", f"a share of a step's points, from 0 to 1, got {sheet[key]!r}")
    if sheet.get("check", "consistency") not in ("consistency", "format"):
        fail("worksheet.check", f"consistency or format, got {sheet.get('check')!r}")

    rubric = data["rubric"]
    if not isinstance(rubric, list) or not rubric:
        fail("rubric", "a non-empty list of groups")
    groups = []
    for i, entry in enumerate(rubric):
        where = f"rubric[{i}]"
        if not isinstance(entry, dict):
            fail(where, "a mapping with group, public, hidden" if kind == "code" else "a mapping with group, steps, points")
        allowed = {"group", "title", "public", "hidden"} if kind == "code" else {"group", "title", "steps", "points"}
        extra = set(entry) - allowed
        if extra:
            fail(f"{where}.{sorted(extra)[0]}", f"one of {', '.join(sorted(allowed))} (unknown field)")
        group = entry.get("group")
        if not isinstance(group, str) or not group.isidentifier():
            fail(f"{where}.group", f"a name (letters, digits, underscores), got {group!r}")
        if any(g.name == group for g in groups):
            fail(f"{where}.group", f"a name not used by another group, got {group!r} twice")
        if kind == "worksheet":
            steps = names(entry.get("steps"), f"{where}.steps")
            points = number(entry.get("points", len(steps)), f"{where}.points")
            if points <= 0:
                fail(f"{where}.points", "a number of points above 0")
            taken = [s for s in steps if any(s in g.steps for g in groups)]
            if taken:
                fail(f"{where}.steps", f"steps not graded in another group, got {taken[0]!r} twice")
            groups.append(Group(group, str(entry.get("title", group)), 0.0, float(points), steps))
            continue
        public = number(entry.get("public", 0), f"{where}.public")
        hidden = number(entry.get("hidden", 0), f"{where}.hidden")
        if public + hidden <= 0:
            fail(where, "at least one of public, hidden above 0 points")
        groups.append(Group(group, str(entry.get("title", group)), float(public), float(hidden)))

    raw = data.get("limits") or {}
    if not isinstance(raw, dict):
        fail("limits", "a mapping")
    unknown = set(raw) - _LIMIT_KEYS
    if unknown:
        fail(f"limits.{sorted(unknown)[0]}", f"one of {', '.join(sorted(_LIMIT_KEYS))} (unknown field)")
    calls = raw.get("calls") or {}
    if not isinstance(calls, dict):
        fail("limits.calls", "a mapping of function name to seconds")
    all_functions = {f for fs in functions.values() for f in fs}
    for fn, seconds in calls.items():
        if fn not in all_functions:
            fail(f"limits.calls.{fn}", f"a function listed under functions, got {fn!r}")
        number(seconds, f"limits.calls.{fn}", minimum=0.01)
    limits = Limits(
        call_seconds=float(number(raw.get("call_seconds", 10), "limits.call_seconds", minimum=0.01)),
        import_seconds=float(number(raw.get("import_seconds", 10), "limits.import_seconds", minimum=0.01)),
        submission_seconds=float(number(raw.get("submission_seconds", 120),
                                        "limits.submission_seconds", minimum=0.01)),
        memory_mb=int(number(raw.get("memory_mb", 1024), "limits.memory_mb", minimum=16)),
        calls={k: float(v) for k, v in calls.items()},
    )

    forbidden = data.get("forbidden_imports") or []
    if not isinstance(forbidden, list) or not all(isinstance(m, str) and m for m in forbidden):
        fail("forbidden_imports", "a list of module names")

    settings = data.get("settings") or {}
    if not isinstance(settings, dict):
        fail("settings", "a mapping (free-form data for the assignment's tests)")

    # A worksheet's feedback says what each step should have been: shown once grades are published.
    visibility = {"public": "visible" if kind == "code" else "after_published", "hidden": "after_published",
                  **(data.get("visibility") or {})}
    for key, value in visibility.items():
        if key not in ("public", "hidden") or value not in _VISIBILITIES:
            fail(f"visibility.{key}", f"public/hidden mapped to one of {', '.join(sorted(_VISIBILITIES))}")

    return Assignment(name=name, title=data["title"].strip(), modules=modules, functions=functions,
                      groups=tuple(groups), limits=limits, forbidden_imports=tuple(forbidden),
                      settings=settings, visibility=visibility, public_dir=public_dir,
                      solution_dir=solution_dir, kind=kind, worksheet=dict(sheet))


def load_file(path: Path, name: str) -> types.ModuleType:
    """Import the trusted kit file at ``path`` as module ``name``, afresh, in this process.

    For the kit's own files only (references, documented cases, released helpers):
    student code never runs here.
    """
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # before it runs: dataclasses and pickling look a module up by name
    spec.loader.exec_module(module)
    return module


def load_reference(assignment: "Assignment | str") -> types.SimpleNamespace:
    """The reference modules of an assignment (``ref.derivatives``), imported in this process."""
    if isinstance(assignment, str):
        assignment = load(assignment)
    modules = {}
    for name in assignment.modules:
        file = assignment.solution_dir / f"{name}.py"
        if not file.is_file():
            raise ConfigError(f"{file}: the reference solution is missing (is this a student release?)")
        unique = f"_reference_{assignment.name}_{name}"
        modules[name] = sys.modules.get(unique) or load_file(file, unique)
    return types.SimpleNamespace(**modules)


# The solution markers of a reference solution (solutions/<name>/<module>.py): what lies between them
# is left out of the starter (grader/staff/authoring.py) and of a notebook's reference (grader/notebook/build.py).
BEGIN = re.compile(r"^(?P<indent>\s*)# BEGIN SOLUTION(?:\s+hint:\s*(?P<hint>.*?))?\s*$")
END = re.compile(r"^\s*# END SOLUTION\s*$")
