"""assignment.yaml is validated on load; an error names the file, the field and what was expected."""
import pytest

from grader import assignment
from grader.assignment import ConfigError

GOOD = """\
title: T
modules: [m]
functions: {m: [f]}
rubric:
  - {group: g, public: 1, hidden: 2}
"""


def load_text(tmp_path, text):
    folder = tmp_path / "assignments" / "t"
    folder.mkdir(parents=True)
    (folder / "assignment.yaml").write_text(text)
    return assignment.load("t", root=tmp_path)


def test_a_good_file_loads_with_defaults(tmp_path):
    a = load_text(tmp_path, GOOD)
    assert a.max_points == 3 and a.limits.call_seconds == 10 and a.visibility["hidden"] == "after_published"


@pytest.mark.parametrize("change, field, expected", [
    (("title: T\n", ""), "title", "required"),
    (("modules: [m]", "modules: [m, m]"), "modules", "without repeats"),
    (("modules: [m]", "modules: m"), "modules", "list of Python names"),
    (("functions: {m: [f]}", "functions: {x: [f]}"), "functions", "one entry per module"),
    (("public: 1, hidden: 2", "public: one"), "rubric[0].public", "a number"),
    (("public: 1, hidden: 2", "public: 0, hidden: 0"), "rubric[0]", "above 0"),
    (("group: g,", "group: 'a b',"), "rubric[0].group", "a name"),
    (("title: T\n", "title: T\nlimits: {call_secs: 3}\n"), "limits.call_secs", "unknown field"),
    (("title: T\n", "title: T\nlimits: {calls: {g: 3}}\n"), "limits.calls.g", "a function listed"),
    (("title: T\n", "title: T\ncolour: red\n"), "colour", "unknown field"),
    (("title: T\n", "title: T\nvisibility: {hidden: never}\n"), "visibility.hidden", "one of"),
])
def test_errors_name_file_field_and_expectation(tmp_path, change, field, expected):
    with pytest.raises(ConfigError) as e:
        load_text(tmp_path, GOOD.replace(*change))
    message = str(e.value)
    assert "assignment.yaml" in message and f"'{field}'" in message and expected in message
    assert "\n" not in message


def test_invalid_yaml_and_unknown_assignment(tmp_path):
    with pytest.raises(ConfigError, match=r"assignment.yaml: not valid YAML"):
        load_text(tmp_path, "title: [unclosed\n")
    with pytest.raises(ConfigError, match="no such assignment file"):
        assignment.load("nope", root=tmp_path)
