"""Generated files: starters from solution markers, handouts and documented cases; no drift."""
from pathlib import Path

import pytest

from grader import assignment
from grader.staff import authoring
from grader.assignment import ConfigError
from conftest import TOY

REFERENCE = '''\
import numpy as np

# BEGIN SOLUTION
_HELPER = 3
# END SOLUTION


def f(x):
    """Docstring stays."""
    y = np.asarray(x)
    # BEGIN SOLUTION hint: multiply by three
    return _HELPER * y
    # END SOLUTION
'''


def test_starter_replaces_blocks_in_functions_and_drops_module_level_ones():
    text = authoring.starter(REFERENCE, Path("ref.py"))
    assert "_HELPER" not in text and "Docstring stays." in text and "y = np.asarray(x)" in text
    assert "    raise NotImplementedError('multiply by three')\n" in text
    namespace = {}
    exec(compile(text, "starter.py", "exec"), namespace)
    with pytest.raises(NotImplementedError, match="multiply by three"):
        namespace["f"](1)


@pytest.mark.parametrize("source, where", [
    ("x = 1\n# BEGIN SOLUTION\ny = 2\n", "ref.py:2"),
    ("x = 1\n# END SOLUTION\n", "ref.py:2"),
    ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION\n", "ref.py:2"),
])
def test_marker_mistakes_name_the_line(source, where):
    with pytest.raises(ConfigError, match=where):
        authoring.starter(source, Path("ref.py"))


def test_render_formats_values_and_refuses_unknown_paths():
    values = {"a": {"b": [0.123456, -0.0000001]}, "n": 3}
    assert authoring.render("{{ a.b:.3f }} and {{ a.b.0:.2e }}; {{n}}", values, Path("h.md")) == \
        "[0.123, 0.000] and 1.23e-01; 3"
    with pytest.raises(ConfigError, match=r"h.md: placeholder \{\{ a.c \}\}"):
        authoring.render("{{ a.c }}", values, Path("h.md"))


def test_solution_lines_are_what_a_release_must_not_hold():
    lines = authoring.solution_lines(REFERENCE)
    assert lines == ["return _HELPER * y"]


@pytest.mark.parametrize("name", assignment.available() + [str(TOY)])
def test_committed_generated_files_match_what_make_assignments_writes(name):
    stale = authoring.stale(assignment.load(name))
    assert not stale, f"stale generated files, run `make assignments`: {stale}"


# -- the drift check compares numbers as numbers ----------------------------------------------

def _course_copy(tmp_path, name="hw2_compgraph"):
    """A copy of one real assignment (public and solution folders) to perturb."""
    import shutil
    from conftest import ROOT
    for part in ("assignments", "solutions"):
        shutil.copytree(ROOT / part / name, tmp_path / part / name)
    return assignment.load(name, root=tmp_path)


def test_the_examples_are_written_only_into_an_examples_folder_and_a_skip_is_said(tmp_path):
    a = _course_copy(tmp_path)
    assert not any("examples" in p.parts for p in authoring.build(a))
    [line] = authoring.skipped(a)
    assert f"{tmp_path / 'examples' / 'submissions' / 'hw2_compgraph'}/ does not exist" in line
    (tmp_path / "examples" / "submissions" / "hw2_compgraph").mkdir(parents=True)
    assert authoring.skipped(a) == []
    written = {p.relative_to(tmp_path).parts[:4] for p in authoring.build(a) if "examples" in p.parts}
    assert written == {("examples", "submissions", "hw2_compgraph", "reference"),
                       ("examples", "submissions", "hw2_compgraph", "stubs")}


def _perturb_first_float(path, change):
    """Rewrite documented.json with its first non-integral float changed by ``change(x)``; return x and the new x."""
    import json
    values = json.loads(path.read_text(encoding="utf-8"))
    seen = []

    def walk(v):
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x) for x in v]
        if isinstance(v, float) and v != int(v) and not seen:
            seen.append((v, change(v)))
            return seen[-1][1]
        return v

    path.write_text(json.dumps(walk(values), indent=1) + "\n", encoding="utf-8")
    return seen[0]


def test_a_documented_value_one_ulp_off_is_not_stale(tmp_path):
    import math
    a = _course_copy(tmp_path)
    file = a.public_tests_dir / "documented.json"
    before, after = _perturb_first_float(file, lambda x: math.nextafter(x, math.inf))
    assert before != after and repr(before) != repr(after)
    text = file.read_text(encoding="utf-8")
    assert authoring.stale(a) == []
    assert authoring.build(a) == []  # `make assignments` keeps the committed copy too
    assert file.read_text(encoding="utf-8") == text


def test_a_documented_value_off_by_a_millionth_is_stale_and_says_where(tmp_path):
    a = _course_copy(tmp_path)
    file = a.public_tests_dir / "documented.json"
    before, after = _perturb_first_float(file, lambda x: x * (1 + 1e-6))
    lines = authoring.stale(a)
    assert len(lines) == 1 and lines[0].startswith(f"{file}: stale, ")
    assert repr(before) in lines[0] and repr(after) in lines[0] and "1e-12" in lines[0]
    with pytest.raises(ConfigError, match="documented.json: stale.*run `make assignments` before a release"):
        authoring.require_fresh(a, "a release")
    assert authoring.build(a) == [file]
    assert authoring.stale(a) == []


def test_text_files_are_compared_as_text(tmp_path):
    a = _course_copy(tmp_path)
    readme = a.public_dir / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert authoring.stale(a) == [f"{readme}: stale, differs from line {len(readme.read_text().splitlines())}"]


@pytest.mark.parametrize("committed, now, where", [
    ({"a": [1.0, 2.0]}, {"a": [1.0, 2.0, 3.0]}, "a: 2 entries committed, 3 now"),
    ({"a": {"b": "x"}}, {"a": {"b": "y"}}, "a.b: 'x' committed, 'y' now"),
    ({"a": 1.0}, {"b": 1.0}, "keys differ"),
    ({"a": [[0.5, 1e-3]]}, {"a": [[0.5, 1e-3 + 1e-9]]}, "a (entry 1)"),
    ({"a": True}, {"a": 1}, "a: True committed, 1 now"),
])
def test_values_differ_names_the_place(committed, now, where):
    assert where in authoring.values_differ(committed, now)


def test_values_differ_scales_by_the_array():
    # 1e-20 of noise beside 0.5 is rounding, not a change of the maths
    assert authoring.values_differ([0.5, 0.0], [0.5, 1e-20]) is None
    assert authoring.values_differ(0.0, 1e-20) is not None
    assert authoring.values_differ(float("nan"), float("nan")) is None


@pytest.mark.parametrize("name", assignment.available())
def test_starter_hints_point_at_the_handout_instead_of_giving_the_formula(name):
    import re
    a = assignment.load(name)
    for module in a.modules:
        text = (a.public_dir / f"{module}.py").read_text(encoding="utf-8")
        hints = re.findall(r"raise NotImplementedError\((.*)\)", text)
        assert hints, module
        for hint in hints:
            assert authoring.hint_problem(hint) is None, f"{module}.py: {authoring.hint_problem(hint)}: {hint}"


def test_make_assignments_warns_of_a_hint_that_gives_the_formula_in_one_line_naming_the_line(tmp_path):
    from conftest import COURSE
    import shutil
    for part in ("assignments", "solutions"):
        shutil.copytree(COURSE / part / "toy", tmp_path / part / "toy")
    a = assignment.load(str(tmp_path / "assignments" / "toy"))
    found = authoring.hint_problems(a)  # the toy's hints name no handout: one line each
    assert found and all(line.count("\n") == 0 and "does not point at the handout" in line for line in found)
    alpha = tmp_path / "solutions" / "toy" / "alpha.py"
    alpha.write_text(alpha.read_text().replace("hint: twice x", "hint: see the handout: return 2 * (x)"))
    [line] = [f for f in authoring.hint_problems(a) if "gives a formula" in f]
    assert line.startswith(f"{alpha}:7: the hint 'see the handout: return 2 * (x)': it gives a formula"), line


def test_the_authoring_guide_s_examples_are_what_the_tests_require():
    """docs/authoring.md's solution-hint and expected.yaml examples pass the rules `make test` applies."""
    import re
    import yaml
    from conftest import ROOT
    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    hints = re.findall(r"# BEGIN SOLUTION hint: (.*)", text)
    assert hints and all(authoring.hint_problem(h) is None for h in hints), hints
    [block] = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if b.startswith("reference:")]
    expected = yaml.safe_load(block)
    assert expected["reference"]["status"] == "ok" and expected["stubs"] == {"total": 0, "status": "unfinished"}
