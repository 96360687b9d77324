"""Measured accuracy: the share of right rows in the whole dataset, from a spot-check sample's verdicts.

The spot-check sample over-draws flagged cards (`export/review/sample.py`), where errors cluster,
so the plain share of right cards among those checked would understate the dataset's
accuracy. Each checked card is weighted by 1 / pi, its inclusion probability
(`export/review/inclusion.py`), and the estimate is the Hajek (ratio) estimator

    p = sum(y_i / pi_i) / sum(1 / pi_i)        over the checked cards, y_i = 1 if right

with a 95 % Wilson interval computed on Kish's effective sample size
n_eff = (sum w_i)^2 / sum(w_i^2), w_i = 1 / pi_i: unequal weights carry less information
than as many equal ones, and the interval widens accordingly. Cards of the sample left
unchecked are taken to be like the checked ones of the same weight (the ratio form makes
that so); verdicts on cards outside the sample are not a probability sample and are
counted apart (`outside_sample`), not used.

Without a sample (every card shown), checked cards count equally: then the estimate is the
share among those checked, true of the dataset only if the reviewer chose cards blind.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass

from export.review.inclusion import inclusion_probabilities
from export.review.sample import weighted_sample
from normalise.corrections.file import AMOUNT_FIELDS, EXCEPTION_FIELDS, Correction

Z_95 = 1.959963984540054  # the standard normal's 97.5th percentile


@dataclass(frozen=True, slots=True)
class Accuracy:
    """An estimated share of right rows: how many were checked, how many right, and the 95 % interval."""

    checked: int
    right: int
    estimate: float | None
    low: float | None
    high: float | None
    effective_n: float | None


def hajek(verdicts: Mapping[str, bool], probabilities: Mapping[str, float]) -> Accuracy:
    """Given card -> right? and card -> inclusion probability, return the re-weighted share with its interval.

    >>> a = hajek({"a": True, "b": False}, {"a": 0.5, "b": 0.5})
    >>> a.estimate, round(a.low, 4), round(a.high, 4)
    (0.5, 0.0945, 0.9055)
    """
    if not verdicts:
        return Accuracy(0, 0, None, None, None, None)
    weights = {k: 1.0 / probabilities[k] for k in verdicts}
    total = sum(weights.values())
    estimate = sum(weights[k] for k, right in verdicts.items() if right) / total
    n_eff = total**2 / sum(w * w for w in weights.values())
    low, high = wilson(estimate, n_eff)
    return Accuracy(len(verdicts), sum(verdicts.values()), estimate, low, high, n_eff)


def wilson(p: float, n: float, z: float = Z_95) -> tuple[float, float]:
    """Given a share, a (possibly fractional) sample size and z, return the Wilson score interval.

    >>> [round(x, 4) for x in wilson(0.9, 20)]
    [0.699, 0.9721]
    """
    z2n = z * z / n
    centre = (p + z2n / 2) / (1 + z2n)
    half = z / (1 + z2n) * math.sqrt(p * (1 - p) / n + z2n / (4 * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def card_verdicts(corrections: Iterable[Correction]) -> tuple[dict[str, bool], dict[str, dict[str, bool]]]:
    """Given corrections, return exception_id -> row right?, and field -> exception_id -> field right?.

    A row is wrong when any judgement of it or of its amounts is `wrong` or `drop`, and right
    when it was judged and none is. A field is judged on a card by a line naming it, or by a
    `right` on the whole row (every exception field right), or on a whole amount (its amount
    fields right); amount fields are keyed `amounts.<field>`. A dropped row has no fields.
    """
    rows: dict[str, bool] = {}
    fields: dict[str, dict[str, bool]] = defaultdict(dict)
    dropped: set[str] = set()
    for c in corrections:
        if not c.verdict:  # a note alone judges nothing
            continue
        eid = c.exception_id
        rows[eid] = rows.get(eid, True) and c.verdict == "right"
        if c.verdict == "drop" and c.table == "exceptions":
            dropped.add(eid)
        for name in _fields_judged(c):
            fields[name][eid] = fields[name].get(eid, True) and c.verdict == "right"
    return rows, {f: {k: v for k, v in by.items() if k not in dropped} for f, by in sorted(fields.items())}


def _fields_judged(c: Correction) -> tuple[str, ...]:
    """Given a correction, return the field keys it judges."""
    prefix = "amounts." if c.table == "amounts" else ""
    if c.field:
        return (prefix + c.field,)
    if c.verdict == "right":
        return tuple(prefix + f for f in (AMOUNT_FIELDS if prefix else EXCEPTION_FIELDS))
    return ()


def measure(corrections: Iterable[Correction], weights: Mapping[str, float], *,
            sample: int | None = None, seed: int = 0) -> dict[str, object]:
    """Estimate the dataset's accuracy from a review's verdicts.

    Args:
        corrections: the review's judgements (`normalise.corrections.file`).
        weights: every card's sampling weight (`export.review.sample.flag_weights`), by exception_id.
        sample: the `--sample N` the cards were drawn with; None when every card was shown.
        seed: the sample's `--seed`.

    Returns:
        `{checked, right, estimate, low, high, effective_n, design, outside_sample, fields}`,
        `fields` holding the same figures per field judged (`run.json`'s `accuracy`).
    """
    rows, by_field = card_verdicts(corrections)
    known = {k: v for k, v in rows.items() if k in weights}
    if sample is None:
        drawn, probabilities = set(known), dict.fromkeys(known, 1.0)
    else:
        drawn = set(weighted_sample(weights, sample, seed))
        probabilities = inclusion_probabilities(weights, sample)
    result: dict[str, object] = asdict(hajek({k: v for k, v in known.items() if k in drawn}, probabilities))
    result["design"] = "unweighted" if sample is None else f"weighted sample of {sample}, seed {seed}"
    result["outside_sample"] = sum(1 for k in known if k not in drawn)
    result["fields"] = {f: asdict(hajek({k: v for k, v in by.items() if k in drawn}, probabilities))
                        for f, by in by_field.items()}
    return result
