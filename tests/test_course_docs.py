"""docs/course.md lists every key of a course file: its tables name exactly the keys the loader reads,
so a key added to the loader and not to the docs (or documented and not read) fails here."""
import re

import pytest
import yaml

from conftest import ROOT

from grader.assignment import ConfigError
from grader.course import course as courses, model

DOC = ROOT / "docs" / "course.md"

LOADER = {
    "Top level": model._TOP_KEYS,
    "`late_policy`": model._POLICY_KEYS,
    "`assignments.<name>`": model._ASSIGNMENT_KEYS,
    "`extensions` (each entry)": model._EXTENSION_KEYS,
    "The overrides file (each entry)": model._OVERRIDE_KEYS,
    "The roster's columns": set(model.ROSTER_COLUMNS),
}


def _documented() -> dict[str, set[str]]:
    """Each `### ` table of the section "Every key of a course file": the keys in its first column."""
    section = DOC.read_text(encoding="utf-8").split("## Every key of a course file", 1)[1]
    tables = {}
    for part in re.split(r"^### ", section, flags=re.M)[1:]:
        heading, body = part.split("\n", 1)
        tables[heading.strip()] = set(re.findall(r"^\| `([a-z_]+)` \|", body, flags=re.M))
    return tables


def test_the_docs_list_exactly_the_keys_the_loader_reads():
    assert _documented() == LOADER


def test_an_extension_with_a_key_the_loader_does_not_read_is_refused_in_one_line(tmp_path):
    (tmp_path / "roster.csv").write_text("id,email\ns01,s01@example.org\n")
    (tmp_path / "course.yaml").write_text(yaml.safe_dump({
        "roster": "roster.csv", "assignments": {"hw2_compgraph": {"due": "2026-10-02 23:59"}},
        "extensions": [{"student": "s01", "assignment": "hw2_compgraph", "days": 2, "dyas": 3}]}))
    with pytest.raises(ConfigError, match=r"course\.yaml: extensions, entry 1: unknown key 'dyas' \(known: "
                                          r"assignment, days, due, student\)") as e:
        courses.load(tmp_path / "course.yaml")
    assert "\n" not in str(e.value)
