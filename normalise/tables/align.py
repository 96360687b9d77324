"""Assign the paragraphs of a shared mitigation cell to the projects of its row.

Councils write one mitigation paragraph run per project, in the projects' order, so an
assignment is an order-preserving split of the paragraphs into one contiguous group per
project. Among all such splits we pick the one that best fits the content (see `score`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from normalise.tables.similarity import cosine, idf_weights, name_coverage

W_SIMILARITY = 1.0
W_NAME = 1.0
W_CONTINUATION = 0.6
W_BALANCE = 0.6
NAME_COVERAGE = 0.6
MAX_SPLITS = 200_000
# Openings that continue the previous paragraph rather than start a new project's text.
_CONTINUES_RE = re.compile(
    r"^(additionally|also|further(more)?|however|in addition|in the meantime|meanwhile|this|these|that|"
    r"it|its|they|their|should|as a result|therefore|consequently|alongside|similarly|in particular|"
    r"otherwise|again|whilst|while|but|and)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Unit:
    """Paragraphs that move together: a lead-in ending with ':' and its bullets, or one list."""

    indexes: tuple[int, ...]
    text: str
    continues: bool


@dataclass(frozen=True, slots=True)
class Alignment:
    """Paragraph indexes per project, with the split's confidence and how it was chosen."""

    groups: tuple[tuple[int, ...], ...]
    confidence: float
    trace: str


def make_units(paragraphs: Sequence[tuple[str, str]]) -> list[Unit]:
    """Given (text, style) paragraphs, return the units an alignment may not split.

    >>> [u.indexes for u in make_units([("Lead in:", "text"), ("a", "bullet"), ("b", "bullet"), ("Next.", "text")])]
    [(0, 1, 2), (3,)]
    """
    units: list[list[int]] = []
    for i, (_, style) in enumerate(paragraphs):
        prev = paragraphs[i - 1] if i else None
        joins_lead_in = prev is not None and style == "bullet" and (
            prev[0].rstrip().endswith(":") or prev[1] == "bullet"
        )
        if joins_lead_in and units:
            units[-1].append(i)
        else:
            units.append([i])
    return [
        Unit(tuple(ix), " ".join(paragraphs[i][0] for i in ix), bool(_CONTINUES_RE.match(paragraphs[ix[0]][0].strip())))
        for ix in units
    ]


def align(paragraphs: Sequence[tuple[str, str]], projects: Sequence[tuple[str, str]]) -> Alignment:
    """Split mitigation paragraphs among projects, keeping their order.

    Args:
        paragraphs: (text, style) of the mitigation cell's paragraphs, in order.
        projects: (name, reason text) of the row's projects, in order.

    Returns:
        One tuple of paragraph indexes per project, and a confidence:
        ``confidence = min(1 - 0.5 * exp(-2 * margin), 0.6 + 0.4 * agreement)`` where
        ``margin`` is the score gap between the chosen split and the runner-up (infinite
        when only one split exists) and ``agreement`` the share of units whose best-fitting
        project is the one they were given.
        A split's score (`score`) adds, per paragraph unit, its share of similarity to
        its project (tf-idf cosine against name + reason, normalised over the projects),
        plus ``W_NAME`` when the unit names the project (``NAME_COVERAGE`` of its words);
        it subtracts ``W_CONTINUATION`` for each new project started on a paragraph
        that opens like a continuation ("Additionally", "This", "Should it ..."), and
        ``W_BALANCE`` times the squared deviation of group sizes from an even split.
    """
    k = len(projects)
    units = make_units(paragraphs)
    if k == 1 or not units:
        everything = tuple(i for u in units for i in u.indexes)
        return Alignment((everything, *[()] * (k - 1)), 1.0, "single project" if k == 1 else "no mitigation")
    if len(units) < k:
        return _too_few(units, projects)
    fit = _fit_matrix(units, projects)
    ranked = _rank_splits(units, fit, k)
    best_score, best = ranked[0]
    margin = best_score - ranked[1][0] if len(ranked) > 1 else math.inf
    groups = _groups(units, best, k)
    agreement = _agreement(fit, best, len(units))
    confidence = min(1 - 0.5 * math.exp(-2 * margin), 0.6 + 0.4 * agreement)
    trace = f"{len(units)} units over {k} projects; sizes {[len(g) for g in groups]}; margin {margin:.2f}"
    return Alignment(groups, round(confidence, 3), trace)


def _fit_matrix(units: Sequence[Unit], projects: Sequence[tuple[str, str]]) -> list[list[float]]:
    """Given units and projects, return fit[u][k]: similarity share plus name bonus."""
    profiles = [f"{name} {name} {reason}" for name, reason in projects]
    idf = idf_weights(profiles)
    fit = []
    for unit in units:
        sims = [cosine(unit.text, p, idf) for p in profiles]
        total = sum(sims)
        shares = [s / total if total > 0 else 1 / len(sims) for s in sims]
        bonus = [W_NAME if name_coverage(name, unit.text) >= NAME_COVERAGE and len(name.split()) > 1 else 0.0
                 for name, _ in projects]
        fit.append([W_SIMILARITY * s + b for s, b in zip(shares, bonus, strict=True)])
    return fit


def _rank_splits(units: Sequence[Unit], fit: list[list[float]], k: int) -> list[tuple[float, tuple[int, ...]]]:
    """Given units and fits, return (score, cut points) of every split, best first."""
    n = len(units)
    if math.comb(n - 1, k - 1) > MAX_SPLITS:
        cuts = tuple(round(i * n / k) for i in range(1, k))
        return [(score(units, fit, cuts), cuts)]
    scored = [(score(units, fit, cuts), cuts) for cuts in combinations(range(1, n), k - 1)]
    return sorted(scored, key=lambda sc: (-sc[0], sc[1]))


def score(units: Sequence[Unit], fit: list[list[float]], cuts: tuple[int, ...]) -> float:
    """Given units, their fits and the unit indexes where projects 2..k start, return the split's score."""
    bounds = (0, *cuts, len(units))
    mean = len(units) / (len(bounds) - 1)
    total = 0.0
    for k, (lo, hi) in enumerate(zip(bounds, bounds[1:], strict=False)):
        total += sum(fit[u][k] for u in range(lo, hi))
        total -= W_BALANCE * (hi - lo - mean) ** 2 / mean
        if k and units[lo].continues:
            total -= W_CONTINUATION
    return total


def _agreement(fit: list[list[float]], cuts: tuple[int, ...], n: int) -> float:
    """Given fits and a split, return the share of units whose best fit is their own project."""
    bounds = (0, *cuts, n)
    agree = 0
    for k, (lo, hi) in enumerate(zip(bounds, bounds[1:], strict=False)):
        for u in range(lo, hi):
            best = max(fit[u])
            agree += fit[u][k] == best and fit[u].count(best) == 1
    return agree / n


def _groups(units: Sequence[Unit], cuts: tuple[int, ...], k: int) -> tuple[tuple[int, ...], ...]:
    """Given units and cut points, return paragraph indexes per project."""
    bounds = (0, *cuts, len(units))
    return tuple(tuple(i for u in units[lo:hi] for i in u.indexes) for lo, hi in zip(bounds, bounds[1:], strict=False))


def _too_few(units: Sequence[Unit], projects: Sequence[tuple[str, str]]) -> Alignment:
    """Given fewer units than projects, return each unit given to its best project, in order."""
    fit = _fit_matrix(units, projects)
    groups: list[list[int]] = [[] for _ in projects]
    floor = 0
    for u, unit in enumerate(units):
        best = max(range(floor, len(projects)), key=lambda k: (fit[u][k], -k))
        groups[best].extend(unit.indexes)
        floor = best
    return Alignment(tuple(tuple(g) for g in groups), 0.5, f"{len(units)} units for {len(projects)} projects")
