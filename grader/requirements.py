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


def main(argv=None) -> int:
    extras = sys.argv[1:] if argv is None else argv
    print(" ".join(r for group in (extras or [None]) for r in read(group)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
