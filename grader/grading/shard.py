"""A course's submissions cut into N parts, for grading on N machines (``grade --shard K/N``).

A student's part depends on their name alone: the SHA-256 of the name, as a
number, modulo N, plus one. Adding, removing or renaming other submissions never
moves a student to another part, and every machine computes the same parts
(Python's own ``hash()`` is salted per process, so it is never used).

K counts from 1 to N, as Slurm's ``--array=1-N`` numbers its tasks. An engine
that counts from 0 (Kubernetes' ``$JOB_COMPLETION_INDEX``) passes ``K+1``.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..assignment import ConfigError


@dataclass(frozen=True)
class Shard:
    """The ``index``-th (1-based) of ``count`` parts."""
    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def holds(self, student: str) -> bool:
        """Whether ``student`` is graded in this part."""
        return of(student, self.count) == self.index

    def as_dict(self) -> dict:
        return {"index": self.index, "count": self.count}


def of(student: str, count: int) -> int:
    """The part (1 to ``count``) that ``student`` belongs to."""
    digest = hashlib.sha256(student.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def parse(text: str) -> Shard:
    """``K/N`` as a ``Shard``; ``ConfigError`` in one line for anything else."""
    k, slash, n = str(text).strip().partition("/")
    try:
        index, count = int(k), int(n)
    except ValueError:
        index = count = 0
    if not slash or count < 1:
        raise ConfigError(f"--shard {text}: expected K/N, the K-th of N parts, with whole numbers 1 <= K <= N "
                          "(e.g. --shard 2/4)")
    if not 1 <= index <= count:
        raise ConfigError(f"--shard {text}: K must be from 1 to {count}; K counts from 1, so an engine's "
                          "0-based index (Kubernetes' $JOB_COMPLETION_INDEX) needs 1 added")
    return Shard(index, count)


def record(shard: Shard, names: list[str], course: str | None = None) -> dict:
    """What a shard's scores.json says of it: which part of how many, and of which submissions
    (how many the folder held, and a digest of all their names, so that parts graded from
    different folders are never merged); ``course``: the title of the course it was graded
    under (``grade --course``), whose rows the merge makes."""
    return {**shard.as_dict(), "submissions": len(names), "names": names_digest(names),
            **({"course": course} if course is not None else {})}


def names_digest(names) -> str:
    """A digest of a set of student names, whatever their order."""
    return hashlib.sha256("\0".join(sorted(names)).encode("utf-8")).hexdigest()[:16]
