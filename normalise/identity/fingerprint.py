"""Recognise one report archived in several formats (a DOCX, its PDF export, a text dump).

A fingerprint is built from the document's words, not its bytes or layout:

- **words as a multiset**: each word is kept with its occurrence number ("w:care#3" is
  the third "care"). Word *order* is deliberately ignored: pdfplumber reads a
  three-column table line by line across the columns, a text dump may follow cell
  order, a DOCX paragraph order, and the same report's 5-word shingles overlap only
  30-50% between its PDF and DOCX copies (measured on the samples), while its word
  multiset overlaps 96-100%.
- **figures**: every money amount, financial year and percentage ("f:£0.025m#1").
  Two issues of a report a quarter apart may repeat most rows word for word, but
  their figures move; copies of one report share every figure.

`same_report` multiplies the word similarity by the cube of the figure similarity (both
Jaccard): copies of a sample share every figure (measured: 1.0 between all three formats
of both samples), so one changed amount in thirty ((29/31)^3 = 0.82) is enough to tell a
later issue from a copy, while the words alone tolerate extraction noise.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from extract.prose import join_hyphen_breaks, strip_tags
from normalise.time.years import find_fiscal_years


@dataclass(frozen=True, eq=False)
class Fingerprint:
    """A document's numbered words and figures, each as a stable 64-bit hash, sorted.

    Arrays rather than sets of strings: a batch keeps one fingerprint per file until
    duplicates are found, and a set of strings cost ~250 KB per report (measured), the
    arrays ~20 KB. blake2b, not `hash()`, so worker processes agree on every token.
    """

    words: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint64))
    figures: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint64))

    def __len__(self) -> int:
        return len(self.words) + len(self.figures)

# Measured on the samples: copies of one report score 0.965-1.0, the two different years
# 0.40; an issue with 3 of 30 paragraphs rewritten scores about 0.9 on words alone.
DEFAULT_DUPLICATE_THRESHOLD = 0.9
FIGURE_POWER = 3  # figures must agree far more strictly than words; see the module docstring

# Which copy to keep: DOCX holds the table structure as the author made it (cells,
# paragraphs, bullets); a PDF keeps pages for provenance but its columns are rebuilt from
# geometry; a text dump is derived from one of the two and has lost most structure. Legacy
# office files are read through a DOCX conversion, so rank just after DOCX; HTML keeps cells.
FORMAT_PREFERENCE = {"docx": 0, "odt": 1, "doc": 2, "rtf": 3, "html": 4, "pdf": 5, "txt": 6}

_WORD_RE = re.compile(r"[a-z0-9]+")
_SPACE_RE = re.compile(r"\s+")
# A money amount or a percentage, as figures rather than words (financial years are the
# third kind of figure: `normalise.time.years.find_fiscal_years`, written as YYYY/YY).
_FIGURE_RE = re.compile(
    r"""
    £\s?\d[\d,]*(?:\.\d+)?\s?(?:m|k|bn|million|billion)?(?![a-z])  # £0.025m, £1,489,832
    | \d+(?:\.\d+)?\s?%                                            # 15.1%
    """,
    re.VERBOSE,
)


def normalise_text(texts: Iterable[str]) -> str:
    """Given a document's texts, return them joined, without markup, case-folded and de-hyphenated.

    >>> normalise_text(["<p>Older Adult Rational-", "isation</p>", "• £0.1m"])
    'older adult rationalisation £0.1m'
    """
    joined = html.unescape(strip_tags("\n".join(texts), " "))
    joined = unicodedata.normalize("NFKC", joined).casefold()
    joined = join_hyphen_breaks(joined, keep_line_end_hyphen=False)
    # One pass, not split() + join(): a list of every word costs ~60 bytes a word.
    return _SPACE_RE.sub(" ", joined.replace("•", " ")).strip()


def numbered(items: Iterable[str]) -> list[str]:
    """Given items, return them tagged with their occurrence number.

    >>> numbered(["care", "home", "care"])
    ['care#1', 'home#1', 'care#2']
    """
    return list(_numbered(items, Counter()))


def _numbered(items: Iterable[str], seen: Counter[str]) -> Iterator[str]:
    """Given items and the occurrences counted so far, yield them tagged with their occurrence number (one at a time)."""
    for item in items:
        seen[item] += 1
        yield f"{item}#{seen[item]}"


def _hashes(tokens: Iterable[str]) -> Iterator[int]:
    """Given tokens, yield their stable 64-bit hashes (one at a time)."""
    return (int.from_bytes(hashlib.blake2b(t.encode(), digest_size=8).digest(), "little") for t in tokens)


def _sorted_unique(hashes: array[int]) -> np.ndarray:
    """Given a hash array, return its sorted unique values (`np.unique` of them) as a view of it, sorted in place.

    Copied only if a value repeats (numbered tokens hardly ever do): `np.unique` would hold
    three copies of a big report's hashes at once.
    """
    if not hashes:
        return np.empty(0, dtype=np.uint64)
    values = np.frombuffer(hashes, dtype=np.uint64)
    values.sort()
    repeats = values[1:] == values[:-1]
    return values[np.concatenate(([True], ~repeats))] if repeats.any() else values


class FingerprintBuilder:
    """A document's fingerprint built from its texts a part at a time (a big file's sections).

    Words and figures are numbered across all parts, so the fingerprint is the one of all
    the texts at once (but for a word hyphenated across two parts). The hashes are streamed
    into one growing array (a list of the tokens, or of Python ints, held at once would cost
    ~30x the text of a big report: 72 MB for a 2 MB text export; an array per part would
    need a second copy to be merged).
    """

    def __init__(self) -> None:
        self._seen: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
        self._words: array[int] = array("Q")
        self._figures: array[int] = array("Q")

    def add(self, texts: Iterable[str]) -> None:
        """Given more texts of the document (paragraphs, cells, pages: any split), add their words and figures."""
        text = normalise_text(texts)
        figures = [re.sub(r"\s+", "", m.group()) for m in _FIGURE_RE.finditer(text)]
        figures += [y.fiscal_year for y in find_fiscal_years(text) if y.fiscal_year]
        words = (m.group() for m in _WORD_RE.finditer(text))
        self._words.extend(_hashes(_numbered(words, self._seen[0])))
        self._figures.extend(_hashes(_numbered(figures, self._seen[1])))

    def result(self) -> Fingerprint:
        """Return the fingerprint of every text added (its arrays are views of the builder's)."""
        return Fingerprint(_sorted_unique(self._words), _sorted_unique(self._figures))


def content_fingerprint(texts: Iterable[str]) -> Fingerprint:
    """Given a document's texts (paragraphs, cells, pages: any split), return its fingerprint.

    >>> fp = content_fingerprint(["Care: £0.5m in 2018/19", "care"])
    >>> len(fp.words), len(fp.figures)  # care#1 care#2 0 5m in 2018 19; £0.5m 2018/19
    (7, 2)
    """
    builder = FingerprintBuilder()
    builder.add(texts)
    return builder.result()


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Given two sorted unique arrays, return |a & b| / |a | b| (1.0 when both are empty)."""
    shared = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - shared
    return shared / union if union else 1.0


def same_report(a: Fingerprint, b: Fingerprint) -> float:
    """Given two fingerprints, return 0-1: word Jaccard times figure Jaccard cubed (0 if either has no words).

    >>> same_report(content_fingerprint(["£5k saved"]), content_fingerprint(["£5k", "saved"]))
    1.0
    >>> a, b = content_fingerprint(["£5k saved in 2018/19"]), content_fingerprint(["£6k saved in 2018/19"])
    >>> round(same_report(a, b), 3)
    0.025
    """
    if not len(a.words) or not len(b.words):
        return 0.0  # no text (a scanned PDF) is no evidence of being the same report
    return _jaccard(a.words, b.words) * _jaccard(a.figures, b.figures) ** FIGURE_POWER


def _keep_order(report_id: str, fmt: str) -> tuple[int, str]:
    """Given a copy, return its sort key: preferred format first, then report_id."""
    return FORMAT_PREFERENCE.get(fmt, len(FORMAT_PREFERENCE)), report_id


def _could_match(a: Fingerprint, b: Fingerprint, threshold: float) -> bool:
    """Given two fingerprints, return False when their sizes alone rule out a match."""
    small, large = sorted((len(a), len(b)))
    return large == 0 or small / large >= threshold  # Jaccard <= |small| / |large|


def find_duplicates(
    reports: Sequence[tuple[str, str, Fingerprint]], threshold: float = DEFAULT_DUPLICATE_THRESHOLD
) -> dict[str, str]:
    """Find reports that are the same document in several formats.

    Args:
        reports: (report_id, format, fingerprint) for every report read.
        threshold: minimum `same_report` score for two reports to be copies.

    Returns:
        {report_id of a copy: report_id of the copy kept} for every copy not kept; kept
        reports and unique ones are absent. Copies are grouped transitively; the kept one
        is the most structured format (the order of FORMAT_PREFERENCE: docx first, txt last), then the smallest
        report_id, so the choice does not depend on input order.
    """
    parent = {rid: rid for rid, _, _ in reports}

    def root(rid: str) -> str:
        while parent[rid] != rid:
            rid = parent[rid]
        return rid

    for i, j in candidate_pairs([fp for _, _, fp in reports], threshold):
        (ra, _, fa), (rb, _, fb) = reports[i], reports[j]
        if root(ra) != root(rb) and _could_match(fa, fb, threshold) and same_report(fa, fb) >= threshold:
            parent[max(root(ra), root(rb))] = min(root(ra), root(rb))
    return _kept(reports, {rid: root(rid) for rid in parent})


def candidate_pairs(prints: Sequence[Fingerprint], threshold: float = DEFAULT_DUPLICATE_THRESHOLD) -> Iterator[tuple[int, int]]:
    """Given fingerprints, yield the index pairs (i < j) whose figures alone could reach `threshold`.

    Comparing every pair is quadratic: 1,000 reports took minutes. As the word Jaccard is
    at most 1, a pair can only reach the threshold if its figure Jaccard reaches
    ``threshold ** (1 / FIGURE_POWER)``; an inverted index of figures counts each pair's
    shared figures without visiting pairs that share none. Reports without figures can
    only match each other and are paired among themselves.

    >>> a, b, c = (content_fingerprint([t]) for t in ("£5k in 2018/19", "£5k, 2018/19", "£9k in 2017/18"))
    >>> list(candidate_pairs([a, b, c]))
    [(0, 1)]
    """
    figures = [fp.figures.tolist() for fp in prints]
    floor = threshold ** (1 / FIGURE_POWER)
    index: dict[int, list[int]] = defaultdict(list)
    for i, figs in enumerate(figures):
        for fig in figs:
            index[fig].append(i)
    for i, figs in enumerate(figures):
        shared = Counter(j for fig in figs for j in index[fig] if j > i)
        for j in sorted(shared):
            if shared[j] / (len(figs) + len(figures[j]) - shared[j]) >= floor:
                yield i, j
    yield from combinations([i for i, figs in enumerate(figures) if not figs], 2)


def _kept(reports: Sequence[tuple[str, str, Fingerprint]], group_of: Mapping[str, str]) -> dict[str, str]:
    """Given reports and their group roots, return {copy: kept copy} for every group of two or more."""
    best: dict[str, tuple[int, str]] = {}
    for rid, fmt, _ in reports:
        key = _keep_order(rid, fmt)
        best[group_of[rid]] = min(best.get(group_of[rid], key), key)
    return {rid: best[group_of[rid]][1] for rid, _, _ in reports if best[group_of[rid]][1] != rid}
