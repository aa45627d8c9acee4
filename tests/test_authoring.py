"""Generated files: starters from solution markers, handouts and documented cases; no drift."""
from pathlib import Path

import pytest

from grader import assignment, authoring
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
    stale = authoring.build(assignment.load(name), check=True)
    assert not stale, f"stale generated files, run `make assignments`: {[str(p) for p in stale]}"
