"""A reproducible spot-check sample, weighted toward flagged cards."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

# A flagged card is this many times as likely to be drawn as an unflagged one: flags are
# where extraction errors cluster, but a sample of only flagged cards would hide the rest.
FLAGGED_WEIGHT = 4.0


def draw(key: str, seed: int) -> float:
    """Given a card key and a seed, return a uniform number in (0, 1) fixed by both.

    Each card's number depends only on its own key, so adding reports to a folder does
    not reshuffle which of the old cards a seed picks.

    >>> draw("a-001", 0) == draw("a-001", 0), draw("a-001", 0) == draw("a-001", 1)
    (True, False)
    >>> 0 < draw("a-001", 0) < 1
    True
    """
    digest = hashlib.sha256(f"{seed}\x00{key}".encode()).digest()
    return (int.from_bytes(digest[:8], "big") + 0.5) / 2**64


def weighted_sample(weights: Mapping[str, float], n: int, seed: int) -> list[str]:
    """Given key -> weight, a sample size and a seed, return n keys drawn without replacement.

    Weighted sampling by Efraimidis & Spirakis (2006): each key scores u ** (1 / weight)
    with u from `draw`, and the n highest scores win. Keys come back in the mapping's order.

    >>> keys = {f"r-{i:03d}": 1.0 for i in range(10)}
    >>> weighted_sample(keys, 3, seed=1) == weighted_sample(keys, 3, seed=1)
    True
    >>> len(weighted_sample(keys, 30, seed=1))
    10
    """
    if n < 1:
        raise ValueError(f"sample size must be at least 1, got {n}")
    bad = {k: w for k, w in weights.items() if not w > 0}
    if bad:
        raise ValueError(f"weights must be positive, got {bad}")
    scores = {k: draw(k, seed) ** (1.0 / w) for k, w in weights.items()}
    chosen = set(sorted(scores, key=lambda k: (-scores[k], k))[:n])
    return [k for k in weights if k in chosen]


def flag_weights(flags_by_key: Mapping[str, Sequence[str]]) -> dict[str, float]:
    """Given key -> flag codes, return key -> sampling weight (`FLAGGED_WEIGHT` if flagged, else 1).

    >>> flag_weights({"a": [], "b": ["garbled"]})
    {'a': 1.0, 'b': 4.0}
    """
    return {k: FLAGGED_WEIGHT if flags else 1.0 for k, flags in flags_by_key.items()}
