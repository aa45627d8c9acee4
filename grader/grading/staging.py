"""The staging folder of a run: each student's result as soon as it is graded, signed by the grader.

A killed run leaves its staged results behind; ``--resume`` reads them back and
keeps only those signed with the folder's own key (an HMAC) and made with the
fingerprint of the resuming run (``previous.fingerprint``: seed, tests, reference,
rubric), which each record carries under the same signature. The key file is made
with the folder, readable by the grader's user alone, out of every worker's reach.
Anything else found there is graded again.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import tempfile
from pathlib import Path

from ..results import StudentResult


def staging_folder(out: Path) -> Path:
    out = Path(out)
    return out.with_name(f".{out.name}.partial")


KEY_FILE = ".key"  # in the staging folder, readable by the grader's user only: no worker reaches it
KEY_BYTES = 32


def file_for(staging: Path, student: str) -> Path:
    return staging / (hashlib.sha1(student.encode()).hexdigest()[:16] + ".json")


def _key(staging: Path) -> bytes:
    """The staging folder's secret, made with the folder: what tells a staged result the grader wrote.

    Made whole beside its place and linked in, so that a shard reading it at the same moment
    never sees it half-written; the run makes it before any shard starts.
    """
    path = Path(staging) / KEY_FILE
    try:
        key = path.read_bytes()
        if len(key) == KEY_BYTES:
            return key
        raise ValueError(f"{path}: {len(key)} bytes, not a key")
    except FileNotFoundError:
        pass
    tmp = path.with_name(f"{KEY_FILE}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(secrets.token_bytes(KEY_BYTES))
    try:
        os.link(tmp, path)  # fails when another process linked its key first: then that one holds
    except FileExistsError:
        pass
    finally:
        os.unlink(tmp)
    return _key(staging)


def _mac(key: bytes, fingerprint: str, payload: str) -> str:
    return hmac.new(key, f"{fingerprint}\0{payload}".encode("utf-8"), hashlib.sha256).hexdigest()


def prepare(staging: Path) -> None:
    """Make the staging folder (the grader's user only) and its key, before anything is staged."""
    Path(staging).mkdir(mode=0o700, parents=True, exist_ok=True)
    _key(staging)


def stage(staging: Path, result: StudentResult, fingerprint: str) -> Path:
    """Write one student's result, made with ``fingerprint``, into the staging folder, atomically
    and signed; return its file."""
    payload = json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True)
    record = {"result": payload, "fingerprint": fingerprint, "mac": _mac(_key(staging), fingerprint, payload)}
    tmp = tempfile.NamedTemporaryFile("w", dir=staging, delete=False, suffix=".tmp", encoding="utf-8")
    with tmp:
        json.dump(record, tmp, ensure_ascii=False)
    target = file_for(staging, result.student)
    os.replace(tmp.name, target)
    return target


def read_staged(file: Path, fingerprint: str) -> StudentResult | None:
    """A staged result, or None when the file is incomplete, not a result, not signed by this
    staging folder's key (whatever wrote it, it was not the grader) or made with another
    ``fingerprint`` than the one given: that student is graded again."""
    try:
        record = json.loads(Path(file).read_text(encoding="utf-8"))
        payload, mac, made_with = record["result"], record["mac"], record["fingerprint"]
        if not (isinstance(payload, str) and isinstance(mac, str) and made_with == fingerprint):
            return None
        if not hmac.compare_digest(mac, _mac(_key(Path(file).parent), fingerprint, payload)):
            return None
        result = StudentResult.from_dict(json.loads(payload))
        return result if file_for(Path(file).parent, result.student).name == Path(file).name else None
    except (ValueError, TypeError, KeyError, AttributeError, OSError):
        return None
