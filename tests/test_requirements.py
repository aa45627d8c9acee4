"""The requirements list is read from pyproject.toml alone, before anything is installed."""
import subprocess
import sys

from grader import requirements
from conftest import ROOT


def test_the_fallback_reader_agrees_with_tomllib(monkeypatch):
    with_tomllib = {extra: requirements.read(extra) for extra in (None, "plots", "notebooks")}
    assert "numpy>=1.24" in with_tomllib[None] and with_tomllib["plots"] == ["matplotlib>=3.7"]
    monkeypatch.setitem(sys.modules, "tomllib", None)  # as on Python 3.10
    assert {extra: requirements.read(extra) for extra in with_tomllib} == with_tomllib


def test_the_command_needs_nothing_installed():
    hide = "import sys, runpy; sys.modules.update(numpy=None, yaml=None, pytest=None); " \
           "sys.argv = ['x', 'plots']; runpy.run_module('grader.requirements', run_name='__main__')"
    proc = subprocess.run([sys.executable, "-c", hide], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["matplotlib>=3.7"]
