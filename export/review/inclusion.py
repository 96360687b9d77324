"""Inclusion probabilities of the spot-check sample (`export/review/sample.py`), so verdicts can be re-weighted.

The sample keeps the n cards with the highest keys u ** (1 / w) (Efraimidis & Spirakis
2006), u uniform. Conditioning on card i's own key t, every other card j beats it with
probability 1 - t ** w_j, independently, so

    pi_i = integral over v in (0, 1) of P(fewer than n of the others beat v ** (1 / w_i)) dv

with the count of others a sum of one binomial per distinct weight. Cards of one weight
share one probability, and the flag weighting has two weights, so a batch of any size
needs two integrals. The integral is taken in s = -log v on a log-spaced grid: the
count's step from "almost always fewer than n" to "almost never" sits at s ~ n / N, a
narrow band for big batches that a grid even in v would step over.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

import numpy as np

# Grid of s = -log v: from a band far below any batch's step (1e-12 ~ n / N for a trillion
# cards) to where v = e^-s no longer adds to the integral.
GRID_POINTS = 4000
S_RANGE = (1e-12, 60.0)


def inclusion_probabilities(weights: Mapping[str, float], n: int) -> dict[str, float]:
    """Given key -> sampling weight and the sample size, return key -> probability of being drawn.

    >>> p = inclusion_probabilities({"a": 1.0, "b": 1.0, "c": 1.0, "d": 1.0}, 2)
    >>> [round(p[k], 6) for k in "abcd"]
    [0.5, 0.5, 0.5, 0.5]
    >>> inclusion_probabilities({"a": 1.0, "b": 4.0}, 5)
    {'a': 1.0, 'b': 1.0}
    """
    if n < 1:
        raise ValueError(f"sample size must be at least 1, got {n}")
    if n >= len(weights):
        return dict.fromkeys(weights, 1.0)
    counts = Counter(weights.values())
    by_weight = {w: _probability(w, counts, n) for w in counts}
    return {k: by_weight[w] for k, w in weights.items()}


def _probability(weight: float, counts: Counter[float], n: int) -> float:
    """Given one card's weight, the number of cards of each weight (that card included) and n, return its pi."""
    s = np.geomspace(*S_RANGE, GRID_POINTS)
    below = np.ones((GRID_POINTS, n))  # P(count of others beating the card == k), k < n, folded class by class
    below[:, 1:] = 0.0
    for w, count in counts.items():
        others = count - 1 if w == weight else count
        if others:
            below = _fold(below, _binomial_pmf(others, -np.expm1(-s * (w / weight)), n))
    integrand = np.exp(-s) * below.sum(axis=1) * s  # dv = e^-s ds, ds = s d(log s)
    log_s = np.log(s)
    total = float(np.sum((integrand[1:] + integrand[:-1]) * np.diff(log_s)) / 2)
    # the sliver below the grid's first point, where every card beats nobody: P(count < n) = 1
    return min(1.0, total + (1 - math.exp(-S_RANGE[0])))


def _binomial_pmf(trials: int, p: np.ndarray, n: int) -> np.ndarray:
    """Given a trial count, success probabilities per grid point and n, return P(k successes), k < n, per point."""
    k = np.arange(min(n, trials + 1))
    log_choose = np.array([math.lgamma(trials + 1) - math.lgamma(j + 1) - math.lgamma(trials - j + 1) for j in k])
    # 0 * log(0) is 0 here (every other card beats this one): masked rather than left nan
    with np.errstate(divide="ignore", invalid="ignore"):
        log_p, log_q = np.log(p), np.log1p(-p)
        failures = np.where(trials - k > 0, np.outer(log_q, trials - k), 0.0)
    out = np.zeros((len(p), n))
    out[:, : len(k)] = np.exp(log_choose + np.outer(log_p, k) + failures)
    return out


def _fold(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Given two count distributions per grid point (truncated at n), return the distribution of their sum, truncated."""
    n = a.shape[1]
    out = np.zeros_like(a)
    for j in range(n):
        out[:, j:] += a[:, [j]] * b[:, : n - j]
    return out
