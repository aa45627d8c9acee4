"""The boundary of student text and files: made safe where it enters, escaped where it is shown,
and bounded work on whatever a submission holds."""
import csv
import io
import json
import os
import struct
import zipfile
from pathlib import Path

import numpy as np
import pytest

from grader.discover import submissions
from grader import text
from grader.sandbox import wire
from grader.assignment import load
from conftest import TOY

TOY_ASSIGNMENT = load(str(TOY))


# -- text -------------------------------------------------------------------------------------
def test_clean_makes_lone_surrogates_and_bad_bytes_visible_and_valid_utf8():
    cleaned = text.clean("a\ud800b")
    assert cleaned == "a\ufffdb"
    cleaned.encode("utf-8")  # raises if anything invalid is left
    assert text.clean(b"caf\xe9") == "caf\ufffd"


def test_clean_bounds_the_length_and_says_what_was_left_out():
    assert text.clean("x" * 50, limit=10) == "x" * 10 + "… (40 more characters)"


def test_printable_escapes_what_a_terminal_would_obey():
    forged = "bob\r  hw: mallory: 30/30 (ok)\n\x1b[2J\u202e"
    shown = text.printable(forged)
    assert "\r" not in shown and "\n" not in shown and "\x1b" not in shown and "\u202e" not in shown
    assert shown == "bob\\r  hw: mallory: 30/30 (ok)\\n\\x1b[2J\\u202e"


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(1+1)", "+1+1", "-2+3", "\tx", "\r=1"])
def test_csv_cells_that_a_spreadsheet_would_read_as_formulas_start_with_a_quote(cell):
    assert text.csv_cell(cell) == "'" + cell
    buf = io.StringIO()
    csv.writer(buf).writerow([text.csv_cell(cell), text.csv_cell(-2.5)])
    first, number = next(csv.reader(io.StringIO(buf.getvalue())))
    assert first.startswith("'") and number == "-2.5"  # numbers are left as numbers


def test_markdown_keeps_tags_out_but_comparisons_readable():
    assert text.markdown("<script>alert(1)</script> a < b -> c") == "&lt;script>alert(1)&lt;/script> a < b -> c"
    assert text.markdown("<!-- hidden -->") == "&lt;!-- hidden -->"


def test_a_fence_cannot_be_closed_by_what_it_holds():
    lines = text.fence("print('```')\n````\n")
    assert lines[0] == lines[-1] == "`" * 5


def test_student_names_from_undecodable_and_long_file_names_are_valid_and_distinct():
    latin1 = os.fsdecode(b"Jos\xe9")
    assert text.student_name(latin1) == "Jos\\xe9"
    one, two = text.student_name("é" * 300), text.student_name("é" * 299 + "e")
    assert one != two and len(one.encode()) <= text.MAX_NAME and len(two.encode()) <= text.MAX_NAME


# -- discovery --------------------------------------------------------------------------------
REFERENCE = Path(__file__).resolve().parent / "fixtures" / "course" / "examples" / "submissions" / "toy" / "reference"


def _copy_reference(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for f in REFERENCE.iterdir():
        (dest / f.name).write_bytes(f.read_bytes())
    return dest


def _by_name(folder):
    sources, scratch = submissions.discover(folder, TOY_ASSIGNMENT)
    try:
        return {s.name: s for s in sources}
    finally:
        submissions.cleanup(scratch)


def test_every_top_level_entry_gets_a_row_that_says_what_to_hand_in(tmp_path):
    _copy_reference(tmp_path / "ada")
    (tmp_path / "bob.py").write_text("x = 1\n")
    (tmp_path / "erin.tar.gz").write_bytes(b"\x1f\x8b")
    (tmp_path / "frank.ipynb").write_text("{}")
    os.mkfifo(tmp_path / "gus")
    rows = _by_name(tmp_path)
    assert set(rows) == {"ada", "bob.py", "erin.tar.gz", "frank.ipynb", "gus"}
    assert rows["ada"].problem is None
    assert "put it in a folder bob.py/" in rows["bob.py"].problem
    assert "does not unpack" in rows["erin.tar.gz"].problem
    assert "not a folder, a .zip or a file" in rows["gus"].problem


def test_names_one_file_system_takes_for_one_are_duplicates_with_a_reason(tmp_path):
    _copy_reference(tmp_path / "Alice")
    with zipfile.ZipFile(tmp_path / "alice.zip", "w") as z:
        z.writestr("alpha.py", "x = 1\n")
    _copy_reference(tmp_path / "Zoe\u0301")  # NFD
    _copy_reference(tmp_path / "Zo\u00e9")  # NFC
    rows = _by_name(tmp_path)
    assert set(rows) == {"Alice", "alice", "Zoe\u0301", "Zo\u00e9"}
    assert all(r.problem and "may be one student's" in r.problem for r in rows.values())


def test_a_link_out_of_the_submission_is_never_followed_and_the_row_says_so(tmp_path):
    sub = tmp_path / "mallory"
    sub.mkdir()
    (sub / "assignments").symlink_to(REFERENCE.parent)  # would hold a copy of everyone's work
    sources, scratch = submissions.discover(tmp_path, TOY_ASSIGNMENT)
    try:
        (mallory,) = sources
        assert any("assignments is a link to" in n and "outside the submission" in n for n in mallory.notes)
        assert not any(p.is_symlink() for p in mallory.path.rglob("*"))
        assert submissions.locate(mallory.path, TOY_ASSIGNMENT)[0] is None
    finally:
        submissions.cleanup(scratch)


def test_a_link_to_a_file_inside_the_submission_is_read_as_that_file(tmp_path):
    sub = _copy_reference(tmp_path / "ada")
    (sub / "src").mkdir()
    (sub / "beta.py").rename(sub / "src" / "beta.py")
    (sub / "beta.py").symlink_to("src/beta.py")
    sources, scratch = submissions.discover(tmp_path, TOY_ASSIGNMENT)
    try:
        (ada,) = sources
        assert (ada.path / "beta.py").read_text() == (REFERENCE / "beta.py").read_text()
        assert not (ada.path / "beta.py").is_symlink()
    finally:
        submissions.cleanup(scratch)


def test_folders_nested_thousands_deep_are_refused_and_removed_without_recursion(tmp_path):
    sub = tmp_path / "deep"
    sub.mkdir()
    fd = os.open(sub, os.O_RDONLY)
    for _ in range(1100):
        os.mkdir("d", dir_fd=fd)
        child = os.open("d", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = child
    os.close(fd)
    rows = _by_name(tmp_path)
    assert "nest more than" in rows["deep"].problem and rows["deep"].status == "error"
    submissions.remove_tree(sub)
    assert not sub.exists()


def test_read_only_folders_a_student_left_are_removed_by_their_owner():
    """As an ordinary user, a worker's folder belongs to the grader's user, and a student may make
    parts of it read-only: the grader makes them writable again to remove them (in a child that
    becomes uid 65534 when the tests run as root, since root ignores the modes)."""
    import shutil
    import tempfile
    base = Path(tempfile.mkdtemp(prefix="nngrader-ro-"))
    try:
        base.chmod(0o755)
        tree = base / "worker"
        (tree / "ro" / "deeper").mkdir(parents=True)
        (tree / "ro" / "file.txt").write_text("x")
        (tree / "ro" / "deeper" / "locked").write_text("y")
        (tree / "ro" / "deeper" / "locked").chmod(0)
        root = os.geteuid() == 0
        if root:
            for path in [base, tree, *tree.rglob("*")]:
                os.lchown(path, 65534, 65534)
        (tree / "ro" / "deeper").chmod(0o500)
        (tree / "ro").chmod(0o500)
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                if root:
                    os.setgroups([])
                    os.setresgid(65534, 65534, 65534)
                    os.setresuid(65534, 65534, 65534)
                submissions.remove_tree(tree)
                code = 0 if not tree.exists() else 2
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status
    finally:
        for path in base.rglob("*"):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o700)
        shutil.rmtree(base)


def _zip_with(path: Path, name: str, data: bytes, **info) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo(name), data)
    if info:  # rewrite header fields that zipfile itself would not write
        raw = bytearray(path.read_bytes())
        for sig, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
            at = raw.find(sig)
            if "flag" in info:
                raw[at + flag_at:at + flag_at + 2] = struct.pack("<H", info["flag"])
            if "method" in info:
                raw[at + method_at:at + method_at + 2] = struct.pack("<H", info["method"])
        path.write_bytes(bytes(raw))


@pytest.mark.parametrize("case, member, info, says", [
    ("deep", "/".join(["d"] * 990) + "/alpha.py", {}, "folders deep"),
    ("escapes", "../alpha.py", {}, "outside the archive"),
])
def test_zips_that_cannot_be_unpacked_safely_are_refused_with_a_reason(tmp_path, case, member, info, says):
    _zip_with(tmp_path / f"{case}.zip", member, b"def double(x):\n    return 2 * x\n", **info)
    row = _by_name(tmp_path)[case]
    assert row.path is None and says in row.problem and row.status == "error"


@pytest.mark.parametrize("case, info, says", [
    ("encrypted", {"flag": 1}, "alpha.py in encrypted.zip is encrypted and was left out"),
    ("ppmd", {"method": 98}, "compressed with method 98"),
])
def test_a_zip_member_the_grader_cannot_read_costs_that_file_alone(tmp_path, case, info, says):
    _zip_with(tmp_path / f"{case}.zip", "alpha.py", b"def double(x):\n    return 2 * x\n", **info)
    with zipfile.ZipFile(tmp_path / f"{case}.zip", "a") as z:
        z.writestr("beta.py", (REFERENCE / "beta.py").read_text())
    sources, scratch = submissions.discover(tmp_path, TOY_ASSIGNMENT)
    try:
        (row,) = sources
        assert row.problem is None and any(says in n for n in row.notes), row.notes
        assert (row.path / "beta.py").is_file() and not (row.path / "alpha.py").exists()
    finally:
        submissions.cleanup(scratch)


def test_a_damaged_zip_member_costs_that_file_alone(tmp_path):
    path = tmp_path / "damaged.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("alpha.py", b"#" * 100_000)
        z.writestr("beta.py", (REFERENCE / "beta.py").read_text())
    raw = bytearray(path.read_bytes())
    for sig, crc_at in ((b"PK\x03\x04", 14), (b"PK\x01\x02", 16)):
        at = raw.find(sig)  # alpha.py's CRC, wrong in both headers
        raw[at + crc_at:at + crc_at + 4] = b"\0\0\0\0"
    path.write_bytes(bytes(raw))
    sources, scratch = submissions.discover(tmp_path, TOY_ASSIGNMENT)
    try:
        (row,) = sources
        assert any("alpha.py in damaged.zip is damaged" in n for n in row.notes), row.notes
        assert (row.path / "beta.py").is_file() and not (row.path / "alpha.py").exists()
        # alpha.py was handed in: its module's problem is the damage (error), not a missing file,
        # said once, as the module's reason rather than again among the notes
        from grader.discover.resolve import resolve
        resolved = resolve(row.path, TOY_ASSIGNMENT, notes=row.notes)
        reason, status = resolved.module_problems["alpha"]
        assert status == "error" and reason.startswith("alpha.py in damaged.zip is damaged ("), reason
        assert not any("damaged" in n for n in resolved.notes), resolved.notes
    finally:
        submissions.cleanup(scratch)


# -- the wire ---------------------------------------------------------------------------------
def _frame(tree_text: bytes) -> bytes:
    return struct.pack(">II", len(tree_text), 0) + tree_text


def test_a_reply_of_millions_of_tiny_containers_is_refused_before_it_is_parsed():
    with pytest.raises(wire.WireError, match="items"):
        wire.decode(_frame(b"[" + b"{}," * (wire.MAX_ITEMS // 2) + b"{}]"))


def test_a_reply_nested_past_the_parser_is_an_error_not_a_crash():
    with pytest.raises(wire.WireError):
        wire.decode(_frame(b"[" * 100_000 + b"]" * 100_000))


def test_strings_from_a_worker_arrive_as_valid_utf8():
    value = wire.decode(wire.encode({"out": "a\ud800", "x": np.arange(3.0)}))
    assert value["out"] == "a\ufffd"
    assert json.dumps(value["out"], ensure_ascii=False).encode("utf-8")


def test_a_compressed_member_that_goes_on_past_its_declared_size_refuses_the_zip(tmp_path):
    path = tmp_path / "grows.zip"
    honest = b"def double(x):\n    return 2 * x\n"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("alpha.py", honest + b"#" * 1_000_000)
    raw = bytearray(path.read_bytes())
    crc = zipfile.crc32(honest)
    for sig, crc_at, size_at in ((b"PK\x03\x04", 14, 22), (b"PK\x01\x02", 16, 24)):
        at = raw.find(sig)  # the header claims the honest prefix alone, with that prefix's CRC
        raw[at + crc_at:at + crc_at + 4] = struct.pack("<I", crc)
        raw[at + size_at:at + size_at + 4] = struct.pack("<I", len(honest))
    path.write_bytes(bytes(raw))
    row = _by_name(tmp_path)["grows"]
    assert row.path is None and "holds more than" in row.problem


def test_a_reason_is_one_line_whatever_the_student_raised():
    from grader.results import StudentResult
    r = StudentResult("ada", "error", "ImportError: \x1b[2K\x1b[1Aada: 20/20\nada,20,20", notes=["a\nb"])
    assert "\n" not in r.reason and "\x1b" not in r.reason and r.notes == ["a\\nb"]
