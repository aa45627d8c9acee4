"""The kit's requirements, read from pyproject.toml: the one list of them.

``python -m grader.requirements [EXTRA ...]`` prints the dependencies (or the
named extras) on one line for pip. It needs nothing but Python: the Makefiles
call it before anything is installed, on 3.10 too (no tomllib there).
"""
from __future__ import annotations

import re
import sys

from .paths import ROOT


def read(extra: str | None = None) -> list[str]:
    """The project's dependencies, or those of the optional extra ``extra``."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: our pyproject's lists are plain quoted strings
        section = text.split("[project.optional-dependencies]", 1)[1] if extra else text
        match = re.search(rf"^{re.escape(extra or 'dependencies')}\s*=\s*\[(.*?)\]", section, re.S | re.M)
        return re.findall(r'"([^"]+)"', match.group(1)) if match else []
    project = tomllib.loads(text)["project"]
    return list(project["optional-dependencies"][extra] if extra else project["dependencies"])


IMPORT_NAMES = {"pyyaml": "yaml"}  # a distribution whose module is named otherwise


def missing(extra: str | None = None) -> list[str]:
    """The requirements (of ``extra``) that this Python cannot import."""
    import importlib.util
    names = [re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0].strip() for r in read(extra)]
    return [n for n in names if importlib.util.find_spec(IMPORT_NAMES.get(n.lower(), n.lower())) is None]


def require(command: str) -> None:
    """Stop with one line saying what to run when this Python lacks the grader's requirements."""
    lacking = missing()
    if lacking:
        venv = ROOT / ".venv" / "bin" / "python"
        setup = "" if venv.is_file() else " run `make check ASSIGNMENT=<name>` once to make it, then"
        print(f"error: {sys.executable} has no {', '.join(lacking)}; the grader runs in .venv/:{setup} "
              f"run `.venv/bin/python -m {command} {' '.join(sys.argv[1:])}`".rstrip(), file=sys.stderr)
        raise SystemExit(2)


def main(argv=None) -> int:
    extras = sys.argv[1:] if argv is None else argv
    print(" ".join(r for group in (extras or [None]) for r in read(group)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
