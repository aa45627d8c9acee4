"""Every command block of the README and of docs/*.md works as printed, in order, on a fresh copy of
the kit: each exits 0, or gives the refusal its doc announces.

A command block is a fence marked ``sh``; what a reader is shown (output, a file) is fenced with another
language (``text``, ``yaml``, ...). The line right before a fence may say how it is run:
``<!-- run: refuses N "words" -->`` (exits N, and its output holds the words) or
``<!-- run: skip (why) -->`` (not run here: the kit's own test suite, a cluster, a large download).
The docs are read in the order the README links them, after the README itself."""
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, copy_of_the_kit

pytestmark = pytest.mark.skipif(shutil.which("make") is None or shutil.which("bash") is None,
                                reason="the docs' commands need make and bash")

FENCE = re.compile(r"^```(\S*)\s*$")
MARK = re.compile(r'^<!-- run: (?:(skip) \((.+)\)|refuses (\d+) "(.+)") -->$')
README_LINES = 300


@dataclass
class Block:
    where: str          # file:line of the opening fence
    language: str
    text: str
    skip: str = ""      # why it is not run
    refuses: int = 0    # the exit status it documents, when it documents a refusal
    says: str = ""      # what that refusal says


def blocks(path: Path) -> list[Block]:
    """The fenced blocks of a Markdown file, each with the run mark on the line before it."""
    lines = path.read_text(encoding="utf-8").split("\n")
    found, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
        block = Block(f"{path.relative_to(ROOT)}:{i + 1}", m.group(1), "\n".join(lines[i + 1:end]))
        mark = MARK.match(lines[i - 1]) if i else None
        if mark and mark.group(1):
            block.skip = mark.group(2)
        elif mark:
            block.refuses, block.says = int(mark.group(3)), mark.group(4)
        found.append(block)
        i = end + 1
    return found


def docs_in_order() -> list[Path]:
    """The README, then each doc in the order the README first links it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = dict.fromkeys(re.findall(r"\]\((docs/[a-z_-]+\.md)\)", readme))
    return [ROOT / "README.md", *(ROOT / p for p in linked)]


def test_the_readme_is_the_front_door_and_links_every_doc():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").count("\n")
    assert lines <= README_LINES, f"README.md has {lines} lines: move the details to docs/"
    docs = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").glob("*.md"))
    linked = sorted(p.relative_to(ROOT).as_posix() for p in docs_in_order()[1:])
    assert linked == docs, "each doc is linked from the README, and each link is a doc"


def test_every_fence_says_what_it_holds_and_marks_sit_on_command_blocks():
    for path in docs_in_order():
        for b in blocks(path):
            assert b.language, f"{b.where}: a fence without a language (sh for commands, text for output)"
            assert b.language == "sh" or not (b.skip or b.refuses), f"{b.where}: a run mark on a {b.language} block"
            assert not (b.language == "sh" and re.search(r"<[a-z]", b.text)), \
                f"{b.where}: a placeholder in a command block: write a command that works, or fence it as text"


def test_every_command_block_works_as_printed_in_order_on_a_fresh_copy(tmp_path):
    if not (ROOT / ".venv" / "bin" / "python").exists():
        pytest.skip("no .venv: run the tests with make test")
    kit, home = copy_of_the_kit(tmp_path / "kit"), tmp_path / "home"
    (kit / ".venv").symlink_to(ROOT / ".venv")  # the kit's own, so that nothing is installed again
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("NNGRADER", "MAKE", "MFLAGS", "PYTEST", "VIRTUAL_ENV", "PYTHON"))}
    env.update(HOME=str(home), COLUMNS="100", LC_ALL="C.UTF-8")
    failures, ran = [], 0
    for path in filter(Path.exists, docs_in_order()):  # a missing doc fails the link test above
        for b in blocks(path):
            if b.language != "sh" or b.skip:
                continue
            proc = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", b.text], cwd=kit, env=env,
                                  capture_output=True, text=True, timeout=900)
            ran += 1
            said = proc.stdout + proc.stderr
            if b.refuses and (proc.returncode != b.refuses or b.says not in said):
                failures.append(f"{b.where}: expected exit {b.refuses} saying {b.says!r}, got {proc.returncode}:\n"
                                f"{said[-1500:]}")
            elif not b.refuses and proc.returncode != 0:
                failures.append(f"{b.where}: exit {proc.returncode}:\n{b.text}\n{said[-1500:]}")
    assert ran >= 10, f"only {ran} command blocks ran"
    assert not failures, "\n\n".join(failures)
