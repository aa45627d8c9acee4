"""Why a returned array is wrong: the relation it has to the expected one, named for the student.

Runs in the grader, on plain arrays that came back from the worker, never in it.
``relation(got, expected)`` finds the first of these that holds exactly (to a
relative 1e-6), or None; it never guesses:

- ``overflow``: NaN or infinity where finite values were expected;
- ``transposed``: the expected array transposed;
- ``factor``: a constant multiple (2, 1/2, -1, the batch size N, 1/N, ...);
- ``sign``: the right magnitudes with the sign wrong on some entries (an ``|.|`` taken);
- ``diagonal_only``: a Jacobian's diagonal right and the rest zero;
- ``shift``: right up to a constant added;
- ``kink``: wrong only where an input is exactly 0 (the convention at a kink);
- ``partial_factor``: some entries right, the others all off by one factor;
- ``permuted``: the right values in another order;
- ``extra_axis``, ``shape``: the right numbers in another shape.

An assignment may name its own misconceptions in ``assignments/<name>/misconceptions.yaml``:
each entry a name, the functions it concerns (or the names of their outputs, as the
failing check's label says them: ``db``, ``b1``), the relation (and its value: a
number, or ``N`` / ``1/N`` for the batch size) that recognises it, and what the
student reads. ``likely_cause`` prefers such an entry
to the generic sentence. An entry whose relation is ``computed`` is recognised by
the tests instead: they compute what the mistake returns and pass it to
``assert_close(..., mistakes={mistake(name): wrong})``.
"""
from __future__ import annotations

import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

RTOL = 1e-6
KNOWN_FACTORS = {2.0: "2", 0.5: "1/2", -1.0: "-1", -2.0: "-2", -0.5: "-1/2", 3.0: "3", 1 / 3: "1/3", 4.0: "4",
                 0.25: "1/4"}
RELATIONS = ("overflow", "transposed", "factor", "sign", "diagonal_only", "shift", "kink", "partial_factor",
             "permuted", "extra_axis", "shape")
COMPUTED = "computed"  # a catalog entry the tests recognise by computing what the mistake returns


@dataclass(frozen=True)
class Relation:
    kind: str  # one of RELATIONS
    text: str  # the generic sentence for a student
    value: float | None = None  # the factor or the shift, when there is one


@dataclass(frozen=True)
class Misconception:
    name: str
    functions: tuple
    relation: str
    value: float | str | None  # a number, or "N" / "1/N" for the batch size
    says: str
    section: str = ""

    def matches(self, words: set, rel: Relation, rtol: float = RTOL, batch: int | None = None) -> bool:
        """Whether the failing check (the words of its label) and the relation are this misconception's.

        A relation alone is an observation: an entry whose relation is ``overflow`` (what produced a
        nan shows only by computing it) never matches here, and the batch size (``N``, ``1/N``)
        matches only the batch the check used (``batch``), of at least 3 examples, since with 1 or 2
        any factor 1 or 1/2 would pass for it."""
        if not words & set(self.functions) or rel.kind != self.relation or self.relation == "overflow":
            return False
        if self.value is None:
            return True
        if rel.value is None:
            return False
        if self.value in ("N", "1/N"):
            k = rel.value if self.value == "N" else (1 / rel.value if rel.value else 0)
            return batch is not None and batch >= 3 and bool(np.isclose(k, batch, rtol=1e-9 if rtol <= RTOL else rtol))
        return bool(np.isclose(rel.value, self.value, rtol=rtol))

    def sentence(self) -> str:
        return self.says + (f" (handout: “{self.section}”)" if self.section else "")


_catalog: tuple = ()
_library = None  # the assignment's library of mistakes (grader/mistakes.py), when it has one
_clock = {"depth": 0, "spent": 0.0}  # seconds spent diagnosing since the last spent(), for make bench


@contextmanager
def timed():
    """Count the time of the block as diagnosis (nested blocks once): tests wrap in it what they
    compute only to name a mistake or a departure."""
    _clock["depth"] += 1
    started = time.perf_counter()
    try:
        yield
    finally:
        _clock["depth"] -= 1
        if not _clock["depth"]:
            _clock["spent"] += time.perf_counter() - started


def spent() -> float:
    """Seconds spent in ``timed`` blocks since the last call."""
    seconds, _clock["spent"] = _clock["spent"], 0.0
    return seconds


def use(public_dir: Path, library=None) -> None:
    """Read the misconceptions of the assignment in ``public_dir`` (none when it has no catalog);
    ``library``: its mistakes (grader/mistakes.py), whose sentences ``mistake`` also finds."""
    global _catalog, _library
    _catalog = tuple(load_catalog(Path(public_dir) / "misconceptions.yaml"))
    _library = library


def load_catalog(file: Path) -> list[Misconception]:
    """The entries of a misconceptions.yaml; raises ValueError naming the file and the entry."""
    if not file.is_file():
        return []
    import yaml
    data = yaml.safe_load(file.read_text(encoding="utf-8")) or []
    if not isinstance(data, list):
        raise ValueError(f"{file}: expected a list of misconceptions")
    out = []
    for i, e in enumerate(data):
        where = f"{file}: entry {i + 1}"
        if not isinstance(e, dict) or not {"name", "functions", "relation", "says"} <= set(e):
            raise ValueError(f"{where}: needs name, functions, relation and says")
        if e["relation"] not in (*RELATIONS, COMPUTED):
            raise ValueError(f"{where} ({e['name']}): relation {e['relation']!r} is not one of "
                             f"{', '.join(RELATIONS)} or {COMPUTED}")
        value = e.get("value")
        if isinstance(value, str) and value not in ("N", "1/N"):
            try:
                num, _, den = value.partition("/")
                value = float(num) / float(den or 1)
            except ValueError:
                raise ValueError(f"{where} ({e['name']}): value {value!r} is not a number, N or 1/N") from None
        out.append(Misconception(str(e["name"]), tuple(map(str, e["functions"])), e["relation"],
                                 value if value is None or isinstance(value, str) else float(value),
                                 str(e["says"]), str(e.get("section", ""))))
    return out


def mistake(name: str, **fields) -> str:
    """What the student reads for the catalog's entry ``name`` (a ``computed`` one, say), its
    ``{field}`` places filled from ``fields``; LookupError when the catalog has no such entry."""
    for m in _catalog:
        if m.name == name:
            return m.sentence().format(**fields) if fields else m.sentence()
    found = _library.find(name) if _library is not None else None
    if found is not None:
        return found.sentence().format(**fields) if fields else found.sentence()
    raise LookupError(f"neither misconceptions.yaml nor mistakes.py has an entry {name!r}")


def cause_line(got, expected, *, name: str = "", inputs=None, rtol: float = RTOL,
               batch: int | None = None) -> str | None:
    """``Likely cause: ...`` when a catalog entry names the mistake, ``Observed: ...`` when only a
    relation holds (a relation is what the numbers show, not why), None when neither."""
    text = likely_cause(got, expected, name=name, inputs=inputs, rtol=rtol, batch=batch)
    if text is None:
        return None
    named = any(text == m.sentence() for m in _catalog)
    return f"{'Likely cause' if named else 'Observed'}: {text}"


def likely_cause(got, expected, *, name: str = "", inputs=None, rtol: float = RTOL,
                 batch: int | None = None) -> str | None:
    """One sentence on why ``got`` is wrong, or None when no relation holds (to ``rtol``).
    ``batch``: the number of examples the check used, where ``inputs`` do not show it."""
    try:
        with timed():
            rel = relation(got, expected, inputs=inputs, rtol=rtol)
    except Exception:  # noqa: BLE001 - a diagnosis must never stand in the way of the failure itself
        return None
    if rel is None:
        return None
    words = set(re.findall(r"[A-Za-z_]\w*", name or ""))
    batch = _batch(inputs) or batch
    for m in _catalog:
        if m.matches(words, rel, rtol, batch):
            return m.sentence()
    return rel.text


def _close(a, b, rtol: float = RTOL) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        return False
    scale = max(float(np.max(np.abs(b))) if b.size else 0.0, 1e-300)
    return bool(np.all(np.abs(a - b) <= rtol * scale + 1e-12))


def _factor_name(c: float, n: int | None, rtol: float = RTOL) -> str | None:
    """A factor as a student would name it (2, 1/2, N, 1/8, ...), or None when it is no simple one."""
    for value, label in KNOWN_FACTORS.items():
        if np.isclose(c, value, rtol=rtol):
            return label
    if n and n >= 3:  # with 1 or 2 examples the batch size cannot be told from 1 or 2
        if np.isclose(c, n, rtol=rtol):
            return f"N = {n} (the batch size)"
        if np.isclose(c, 1 / n, rtol=rtol):
            return f"1/N = 1/{n} (one over the batch size)"
    sign, size = ("-" if c < 0 else ""), abs(c)
    if size == 0:
        return None
    whole, inverse = round(size), round(1 / size)
    exact = max(rtol, 1e-9) if rtol > RTOL else 1e-9   # numbers written by hand are rounded
    if 2 <= whole <= 1000 and abs(size - whole) <= exact * whole:
        return f"{sign}{whole}"
    if 2 <= inverse <= 1000 and abs(1 / size - inverse) <= exact * inverse:
        return f"{sign}1/{inverse}"
    return None


def _batch(inputs) -> int | None:
    for v in (inputs or {}).values():
        arr = np.asarray(v) if isinstance(v, (list, tuple, np.ndarray)) else None
        if arr is not None and arr.dtype.kind in "biuf" and arr.ndim >= 2:
            return int(arr.shape[0])
    return None


def relation(got, expected, *, inputs=None, rtol: float = RTOL) -> Relation | None:
    """The first relation in ``RELATIONS`` that ``got`` has to ``expected`` (to ``rtol``: 1e-6,
    or a rounding's for numbers written by hand), or None."""
    g = np.asarray(got, dtype=float)
    e = np.asarray(expected, dtype=float)
    if g.shape != e.shape:
        return _shape_relation(g, e)
    bad_special = ~np.isfinite(g) & np.isfinite(e)
    if bad_special.any():
        first = tuple(int(i) for i in np.argwhere(bad_special)[0])
        what = "nan" if np.isnan(g[first]) else "inf"
        # An observation only: overflow, 0/0 after an underflow and log(0) all end here, and which
        # one it was shows only by computing it (a ``computed`` catalog entry).
        return Relation("overflow", f"{what} at index {first} where a finite value was expected")
    if not np.all(np.isfinite(e)) or _close(g, e, rtol) or e.size == 0:
        return None
    if e.ndim == 2 and e.shape[0] == e.shape[1] and not _close(e, e.T, rtol) and _close(g.T, e, rtol):
        return Relation("transposed", "your array is the expected one transposed (rows and columns swapped)")
    denom = float(np.sum(e * e))
    if denom > 0:
        c = float(np.sum(g * e) / denom)
        label = _factor_name(c, _batch(inputs), rtol)
        # any single number is a multiple of another: a lone value needs a factor with a name
        # a factor within the comparison's own noise of 1 is no relation (numbers written by hand)
        if c != 0 and abs(c - 1.0) > max(1e-8, 10 * rtol) and _close(g, c * e, rtol) and (label or e.size > 1):
            text = ("every entry has the opposite sign" if label == "-1"
                    else f"every entry is {label or f'{c:.6g}'} times the expected one")
            return Relation("factor", text, c)
    if _close(np.abs(g), np.abs(e), rtol):
        flipped = int(np.sum(np.sign(g) != np.sign(e)))
        return Relation("sign", f"the magnitudes are right but the sign is wrong on {flipped} of {e.size} entries "
                                "(an absolute value taken, or a sign lost)")
    if e.ndim == 2 and e.shape[0] == e.shape[1] and e.shape[0] > 1:
        off = ~np.eye(e.shape[0], dtype=bool)
        if _close(np.diag(g), np.diag(e), rtol) and np.allclose(g[off], 0) and not np.allclose(e[off], 0):
            return Relation("diagonal_only", "the diagonal is right and every other entry is 0: "
                                             "the cross terms (one output with respect to another input) are missing")
    shift = float(np.mean(g - e))
    noise = rtol * (float(np.max(np.abs(e))) or 1.0) + 1e-12
    if e.size > 1 and abs(shift) > 10 * noise and _close(g - shift, e, rtol):
        return Relation("shift", f"every entry is off by the same amount, {shift:.6g}", shift)
    scale = float(np.max(np.abs(e))) or 1.0
    wrong = np.abs(g - e) > rtol * scale + 1e-12
    count = int(wrong.sum())
    entries = f"{count} {'entry' if count == 1 else 'entries'}"
    for key, v in (inputs or {}).items():
        x = np.asarray(v) if isinstance(v, (list, tuple, np.ndarray, float, int)) else None
        if x is not None and x.dtype.kind in "biuf" and x.shape == e.shape and (x[wrong] == 0).all() \
                and (x == 0).sum() < x.size:
            return Relation("kink", f"wrong only where {key} is exactly 0 ({entries}), right everywhere else")
    if wrong.any() and not wrong.all() and (e[wrong] != 0).all():
        ratios = g[wrong] / e[wrong]
        if np.allclose(ratios, ratios[0], rtol=rtol, atol=1e-12) and not np.isclose(ratios[0], 1.0, rtol=rtol):
            r = float(ratios[0])
            if abs(r) < 1e-12:
                return Relation("partial_factor", f"{count} of {e.size} entries {'is' if count == 1 else 'are'} 0 "
                                                  "where they should not be, the others are right: a term is missing", 0.0)
            label = _factor_name(r, _batch(inputs), rtol)
            if label:
                return Relation("partial_factor", f"{count} of {e.size} entries {'is' if count == 1 else 'are'} "
                                                  f"{label} times the expected value, the others are right", r)
    if e.size > 1 and _close(np.sort(g, axis=None), np.sort(e, axis=None), rtol):
        return Relation("permuted", "the right values in the wrong places (an index or an axis mixed up)")
    return None


def _shape_relation(g: np.ndarray, e: np.ndarray) -> Relation | None:
    if g.ndim == 2 and g.T.shape == e.shape and _close(g.T, e):
        return Relation("transposed", f"shape {g.shape} where {e.shape} is expected, and transposed it is right: "
                                      "the rows and columns are swapped")
    if g.size == e.size and _close(g.reshape(e.shape), e):
        return Relation("extra_axis" if g.ndim != e.ndim else "shape",
                        f"the right numbers in shape {g.shape} instead of {e.shape} (keepdims, or a reshape missing)")
    if g.ndim == 2 and e.ndim == 1 and g.shape == (e.size, e.size):
        return Relation("shape", f"shape {g.shape} where {e.shape} is expected: an array of shape ({e.size},) "
                                 f"combined with one of shape ({e.size}, 1) broadcasts to a square")
    return None
