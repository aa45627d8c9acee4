"""The similarity report: which submissions share code beyond the starter, for the course staff only.

``report`` compares every pair of a folder's submissions and writes
``similarity.csv`` (one row per pair that shares any code) and
``similarity.html``: one page with no script and no external file, every
student text escaped, listing the flagged pairs and the
``HTML_UNFLAGGED_ROWS`` most similar others, and the two codes of each flagged
pair (the ``HTML_SIDE_BY_SIDE`` most similar) side by side with the matching
passages marked. A flag is a reason for a person to look,
never a finding of misconduct: the page says so, and it is never to be shared
with students.

What is compared. Per student, the code grading would see (``grader.resolve``):
the assignment's modules in the order of ``assignment.modules``, each from its
``.py`` file or rebuilt from the student's notebook, joined. The starter
modules (``assignments/<name>/<module>.py``) are excluded: every fingerprint
they hold is dropped from every student's code, so the given code, the
docstrings and the signatures never count, and an untouched starter has
nothing left to compare (it is listed as skipped). A submission with no code
(a broken zip, an empty folder, a folder of other files) is listed as
skipped too.

How. With copydetect's building blocks: its pygments-based filter turns the
code into a string where every name is ``V`` (variables, attributes), ``F``
(functions) or ``O`` (classes), every string literal ``S``, and comments and
whitespace are gone (so renaming, reformatting and new comments change
nothing); the string's k-grams are hashed and winnowed (MOSS's algorithm,
Schleimer, Wilkerson and Aiken 2003), so reordered functions still match
piece by piece. A "token" below is one character of that filtered string: a
name counts as one, ``return`` as six.

- ``similarity_a``: the share of student_a's fingerprinted code (beyond the
  starter) that lies in passages matching student_b's; ``similarity_b`` the
  converse. Fractions, rounded to 4 decimals.
- ``overlap_tokens``: the matching tokens, counted in the code of the two that
  has fewer (at least this much of each one's code matches).
- ``flagged``: ``max(similarity_a, similarity_b) >= threshold`` *and*
  ``overlap_tokens >= min_overlap``. The second condition keeps short code
  that everyone writes the same way (a three-line softmax is about 90
  matching tokens, and honest solutions of it are identical once names are
  filtered) from being flagged at 100%; a copied module is far above it.

Parameters, for Python homework modules of 50 to 200 lines, most of them
starter code:

- ``NOISE_T = 20`` (k): a match shorter than 20 filtered tokens is never
  reported. A filtered line of numeric Python is 15 to 30 tokens
  (``x = np.asarray(x, dtype=float)`` is ``V=V.V(V,V=float)``, 16), so k = 20
  is about one line: long enough that one common idiom (``V.V((3,3))``,
  ``returnV/V.V(V)``) is never a match on its own, short enough that a
  copied function of two or three lines is seen. copydetect's default, 25,
  suits longer programs.
- ``GUARANTEE_T = 28``: every match of 28 tokens or more is found (window
  9). Near k on purpose: the files are small, so keeping more fingerprints
  costs nothing and makes the shares less grainy.
- ``DEFAULT_THRESHOLD = 0.5``: half of a student's own code matching another's.
  Independently written correct solutions, which share the numerical idioms
  the assignment calls for, stay well below it; a copy with renamed
  variables, reordered functions and new comments stays near 1.
- ``MIN_OVERLAP_TOKENS = 150``: about six lines of matching code beyond the
  starter; a solved module of these homeworks is 500 to 1,500 tokens, a
  third of them or more the starter's.

Why copydetect: it implements winnowing like MOSS and tokenizes with pygments,
so renamed variables still match; it runs locally, is maintained on PyPI and is
MIT-licensed. MOSS itself is a remote service that sends the students' code to
a third party; JPlag is a Java program; difflib compares text, so a rename or a
reordering hides a copy.

Deterministic output. copydetect hashes k-grams with the builtin ``hash()``
(``copydetect.utils.hashed_kgrams``), which is salted per process
(PYTHONHASHSEED): which k-grams winnowing keeps, and so every share and count,
changed from run to run. Its ``CopyDetector`` also lists files through a
``set`` (so which file of a pair is "first", and whose tokens
``compare_files`` counts, depended on the salt too), and removes boilerplate
with ``np.intersect1d(..., assume_unique=True)`` on hashes that are not
unique. This module uses neither ``hashed_kgrams`` nor ``CopyDetector``: it
hashes each k-gram with BLAKE2b (53 bits, so the float buffer of copydetect's
Python winnowing holds them exactly), winnows with ``copydetect.utils.winnow``,
drops the starter's fingerprints with ``np.isin``, and compares with
``copydetect.compare_files``, whose set iterations only feed ``np.sort``. Pairs
are ordered by name inside a pair and sorted in the output, so the CSV and
HTML are the same bytes whatever the hash seed.
"""
from __future__ import annotations

import csv
import hashlib
import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..discover import submissions
from ..assignment import ConfigError

DEFAULT_THRESHOLD = 0.5
MIN_OVERLAP_TOKENS = 150
NOISE_T = 20
GUARANTEE_T = 28
LANGUAGE = "python"
CSV_NAME = "similarity.csv"
HTML_NAME = "similarity.html"
CSV_COLUMNS = ["student_a", "student_b", "similarity_a", "similarity_b", "overlap_tokens", "flagged"]
HTML_UNFLAGGED_ROWS = 100  # unflagged pairs listed on the page; the CSV has every pair
HTML_SIDE_BY_SIDE = 100  # flagged pairs whose codes the page shows, most similar first
MISSING = "the similarity report needs copydetect: run `make similarity` or pip install 'copydetect>=0.5'"
STAFF_ONLY = "Course staff only: never share this report, or any part of it, with students."


@dataclass(frozen=True)
class Pair:
    """Two submissions that share code beyond the starter; ``a`` sorts before ``b``."""

    a: str  # submission names (the folder's or the zip's), not display labels
    b: str
    similarity_a: float
    similarity_b: float
    overlap_tokens: int
    flagged: bool


@dataclass(frozen=True)
class Report:
    """What ``report`` found and wrote. ``skipped``: (submission, why) for those not compared."""

    pairs: list
    skipped: list
    csv: Path
    html: Path

    @property
    def flagged(self) -> list:
        """The flagged pairs, most similar first."""
        return [p for p in self.pairs if p.flagged]


@dataclass
class _Code:
    """A student's code and its fingerprints, under the attribute names ``copydetect.compare_files`` reads."""

    name: str
    raw_code: str
    filtered_code: str
    offsets: np.ndarray
    hashes: set
    hash_idx: dict
    k: int
    token_coverage: float


def report(assignment, folder: Path, out: Path, *, threshold: float = DEFAULT_THRESHOLD,
           names: dict[str, str] | Callable[[str], str] | None = None, min_overlap: int = MIN_OVERLAP_TOKENS) -> Report:
    """Compare every pair of the submissions in ``folder``; write ``<out>/similarity.csv`` and
    ``<out>/similarity.html``. Returns the ``Report``.

    ``names``: a display label per submission name, a mapping or a function (default: the name itself).
    Raises ConfigError for a worksheet or when copydetect is not installed;
    FileNotFoundError when ``folder`` is not a folder.
    """
    if assignment.is_worksheet:
        raise ConfigError(f"{assignment.name} is a worksheet: a worksheet has no code to compare")
    if not 0 < threshold <= 1:
        raise ValueError(f"the threshold is a share of the code, above 0 and at most 1, got {threshold!r}")
    detector, utils = _copydetect()
    boilerplate = _starter_hashes(assignment, utils)
    codes, skipped = [], []
    sources, scratch = submissions.discover(Path(folder), assignment)
    try:
        for source in sources:
            text, why = _student_code(source, assignment)
            if why is None:
                code = _fingerprint(source.name, text, boilerplate, utils)
                why = None if code.hashes else "nothing beyond the starter code to compare"
            if why:
                skipped.append((source.name, why))
            else:
                codes.append(code)
    finally:
        submissions.cleanup(scratch)
    pairs, slices = _compare_all(codes, detector, threshold, min_overlap)
    label = names if callable(names) else (lambda n: (names or {}).get(n, n))
    labels = {n: label(n) for n in [c.name for c in codes] + [n for n, _ in skipped]}
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    csv_path, html_path = out / CSV_NAME, out / HTML_NAME
    _write_csv(csv_path, pairs, labels)
    page = _html(assignment, pairs, skipped, labels, {c.name: c.raw_code for c in codes}, slices,
                 threshold=threshold, min_overlap=min_overlap, compared=len(codes))
    html_path.write_text(page, encoding="utf-8", newline="\n")
    return Report(pairs, skipped, csv_path, html_path)


def _copydetect():
    """copydetect's ``detector`` and ``utils`` modules; ConfigError when it is not installed."""
    try:
        from copydetect import detector, utils
    except ImportError:
        raise ConfigError(MISSING) from None
    return detector, utils


# -- the code of a submission ------------------------------------------------------------------

def _student_code(source, assignment) -> tuple[str | None, str | None]:
    """The code of the assignment's modules in a submission, joined in module order, and None;
    or None and why there is no code to compare."""
    from ..discover.resolve import resolve

    if source.problem:
        return None, source.problem
    resolved = resolve(source.path, assignment, notes=source.notes)
    if resolved.problem:
        return None, resolved.problem
    parts = []
    for module in assignment.modules:
        if resolved.from_cells(module):
            parts.append(resolved.notebook.modules[module])
        elif module not in resolved.module_problems:
            parts.append((resolved.folder / f"{module}.py").read_text(encoding="utf-8", errors="replace"))
    if not any(p.strip() for p in parts):
        problems = dict.fromkeys(reason for reason, _ in resolved.module_problems.values())  # one per notebook
        return None, resolved.none_reason or "; ".join(problems) or "the submission has no code"
    return "\n\n".join(parts), None


# -- fingerprints ------------------------------------------------------------------------------

def _kgram_hashes(text: str, k: int) -> np.ndarray:
    """The hash of every k-gram of ``text``, in order: BLAKE2b, the same in every process.

    53 bits, so that a float64 (copydetect's Python winnowing compares in one) holds each exactly.
    """
    hashes = [int.from_bytes(hashlib.blake2b(text[i:i + k].encode("utf-8", "surrogatepass"),
                                             digest_size=8).digest(), "big") >> 11
              for i in range(len(text) - k + 1)]
    return np.array(hashes, dtype=np.int64)


def _filtered(code: str, utils) -> tuple[str, np.ndarray]:
    """copydetect's filtered form of Python ``code`` and its offsets back into ``code``."""
    return utils.filter_code(code, "module.py", LANGUAGE)


def _starter_hashes(assignment, utils) -> np.ndarray:
    """Every k-gram hash of the starter modules, each alone and joined as a student's are: sorted."""
    texts = [(assignment.public_dir / f"{m}.py") for m in assignment.modules]
    texts = [p.read_text(encoding="utf-8") for p in texts if p.is_file()]
    hashes = [_kgram_hashes(_filtered(t, utils)[0], NOISE_T) for t in texts + ["\n\n".join(texts)]]
    return np.unique(np.concatenate(hashes))


def _fingerprint(name: str, code: str, boilerplate: np.ndarray, utils) -> _Code:
    """The winnowed fingerprints of a student's code, less those of the starter."""
    filtered, offsets = _filtered(code, utils)
    hashes = _kgram_hashes(filtered, NOISE_T)
    if len(hashes):
        hashes, idx = utils.winnow(hashes, GUARANTEE_T - NOISE_T + 1, remove_duplicates=False)
    else:
        idx = np.array([], dtype=np.int64)
    keep = ~np.isin(hashes, boilerplate)
    hash_idx: dict[int, list[int]] = {}
    for h, i in zip(hashes[keep].tolist(), idx[keep].tolist()):
        hash_idx.setdefault(h, []).append(i)
    coverage = utils.get_token_coverage(hash_idx, NOISE_T, len(filtered))
    return _Code(name, code, filtered, offsets, set(hash_idx), hash_idx, NOISE_T, float(coverage))


# -- pairs -------------------------------------------------------------------------------------

def _compare_all(codes: list, detector, threshold: float, min_overlap: int) -> tuple[list, dict]:
    """The pairs that share code, sorted (flagged first, most similar first, then by names), and
    the matching slices of each flagged pair: (a, b) -> (slices in a's code, slices in b's)."""
    codes = sorted(codes, key=lambda c: c.name)
    pairs, slices = [], {}
    for i, x in enumerate(codes):
        for y in codes[i + 1:]:
            if not x.hashes & y.hashes:
                continue
            overlap_x, (share_x, share_y), (slices_x, slices_y) = detector.compare_files(x, y)
            overlap_y = int(round(float(share_y) * y.token_coverage))
            overlap = min(int(overlap_x), overlap_y)
            if overlap <= 0:
                continue
            share_x, share_y = round(float(share_x), 4), round(float(share_y), 4)
            flagged = max(share_x, share_y) >= threshold and overlap >= min_overlap
            pairs.append(Pair(x.name, y.name, share_x, share_y, overlap, flagged))
            if flagged:
                slices[x.name, y.name] = (slices_x, slices_y)
    pairs.sort(key=lambda p: (not p.flagged, -max(p.similarity_a, p.similarity_b), -p.overlap_tokens, p.a, p.b))
    return pairs, slices


# -- output ------------------------------------------------------------------------------------

def _write_csv(path: Path, pairs: list, labels: dict) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for p in pairs:
            writer.writerow([labels[p.a], labels[p.b], f"{p.similarity_a:.4f}", f"{p.similarity_b:.4f}",
                             p.overlap_tokens, "yes" if p.flagged else "no"])


def _marked(code: str, slices) -> str:
    """``code`` escaped for HTML, with the passages in ``slices`` (starts, ends) in ``<mark>``."""
    out, pos = [], 0
    for start, end in zip(np.asarray(slices[0]).tolist(), np.asarray(slices[1]).tolist()):
        start, end = max(int(start), pos), min(int(end), len(code))
        if start >= end:
            continue
        out += [html.escape(code[pos:start]), "<mark>", html.escape(code[start:end]), "</mark>"]
        pos = end
    out.append(html.escape(code[pos:]))
    return "".join(out)


_STYLE = """
body { font-family: sans-serif; margin: 1.5em; color: #222; }
.staff { background: #b00020; color: #fff; padding: .6em 1em; font-weight: bold; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.flagged td { background: #fff1f0; }
.side { display: flex; gap: 1em; }
.side > div { flex: 1; min-width: 0; }
pre { background: #f7f7f7; border: 1px solid #ddd; padding: .5em; overflow-x: auto; font-size: 85%; }
mark { background: #ffd966; }
"""


def _percent(share: float) -> str:
    return f"{100 * share:.1f}%"


def _html(assignment, pairs, skipped, labels, code, slices, *, threshold, min_overlap, compared) -> str:
    """The report page: self-contained (no script, no external file), every student text escaped."""
    e = html.escape
    flagged = [p for p in pairs if p.flagged]
    shown = flagged + [p for p in pairs if not p.flagged][:HTML_UNFLAGGED_ROWS]
    anchors = {(p.a, p.b): f"pair-{n}" for n, p in enumerate(flagged[:HTML_SIDE_BY_SIDE], 1)}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Code similarity: {e(assignment.name)} (course staff only)</title>",
        f"<style>{_STYLE}</style></head><body>",
        f'<p class="staff">{e(STAFF_ONLY)}</p>',
        f"<h1>Code similarity: {e(assignment.title)} ({e(assignment.name)})</h1>",
        f"<p>{compared} submissions compared, {len(skipped)} skipped; {len(pairs)} pairs share code beyond "
        f"the starter, {len(flagged)} flagged.</p>",
        "<p>A pair is flagged when at least "
        f"{_percent(threshold)} of one student's code (the starter code left out) lies in passages that match "
        f"the other's, and at least {min_overlap} tokens match. Names, string contents, comments and layout "
        "are ignored, so renaming and reordering do not hide a match; short code that everyone writes alike "
        "is not flagged. A flag is a reason to read the two codes, not a finding.</p>",
        f"<p>Parameters: k = {NOISE_T}, guarantee = {GUARANTEE_T} tokens (copydetect winnowing).</p>",
        "<table><thead><tr><th>student A</th><th>student B</th><th>share of A matching</th>"
        "<th>share of B matching</th><th>matching tokens</th><th>flagged</th></tr></thead><tbody>",
    ]
    for p in shown:
        anchor = anchors.get((p.a, p.b))
        mark = f'<a href="#{anchor}">yes</a>' if anchor else "yes" if p.flagged else "no"
        row = '<tr class="flagged">' if p.flagged else "<tr>"
        parts.append(f"{row}<td>{e(labels[p.a])}</td>"
                     f"<td>{e(labels[p.b])}</td><td class=\"num\">{_percent(p.similarity_a)}</td>"
                     f'<td class="num">{_percent(p.similarity_b)}</td><td class="num">{p.overlap_tokens}</td>'
                     f"<td>{mark}</td></tr>")
    parts.append("</tbody></table>")
    if len(shown) < len(pairs):
        parts.append(f"<p>{len(pairs) - len(shown)} more pairs, none flagged, are in {CSV_NAME}.</p>")
    if skipped:
        parts.append("<h2>Skipped</h2><ul>")
        parts += [f"<li>{e(labels[name])}: {e(why)}</li>" for name, why in skipped]
        parts.append("</ul>")
    if flagged:
        parts.append("<h2>Flagged pairs</h2>")
    if len(flagged) > HTML_SIDE_BY_SIDE:
        parts.append(f"<p>The codes of the {HTML_SIDE_BY_SIDE} most similar flagged pairs are shown; the other "
                     f"{len(flagged) - HTML_SIDE_BY_SIDE} are in the table above.</p>")
    for p in flagged[:HTML_SIDE_BY_SIDE]:
        left, right = slices[p.a, p.b]
        parts.append(f'<section id="{anchors[p.a, p.b]}"><h3>{e(labels[p.a])} and {e(labels[p.b])}</h3>'
                     '<div class="side">')
        for name, share, cut in ((p.a, p.similarity_a, left), (p.b, p.similarity_b, right)):
            parts.append(f"<div><h4>{e(labels[name])}: {_percent(share)} matching</h4>"
                         f"<pre>{_marked(code[name], cut)}</pre></div>")
        parts.append("</div></section>")
    parts.append(f'<p class="staff">{e(STAFF_ONLY)}</p></body></html>')
    return "\n".join(parts) + "\n"
