"""Measured accuracy: spot-check verdicts re-weighted by the sample's inclusion probabilities."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from export.review.accuracy import hajek, measure, wilson
from export.review.inclusion import inclusion_probabilities
from export.review.sample import FLAGGED_WEIGHT, weighted_sample
from normalise.corrections.file import parse_corrections

HEADER = "target_id,field,value,verdict,note\n"
# 200 cards, every fifth flagged (weight 4), as `flag_weights` gives them.
POPULATION = {f"rr-{i:03d}": (FLAGGED_WEIGHT if i % 5 == 0 else 1.0) for i in range(200)}


def test_inclusion_probabilities_are_the_samplers_own() -> None:
    weights = {f"k{i:02d}": (FLAGGED_WEIGHT if i % 4 == 0 else 1.0) for i in range(30)}
    pi = inclusion_probabilities(weights, 8)
    assert sum(pi.values()) == pytest.approx(8, abs=1e-9)  # a sample of fixed size n: the pi add up to n
    runs = 3000
    drawn = Counter(k for seed in range(runs) for k in weighted_sample(weights, 8, seed))
    for weight in (FLAGGED_WEIGHT, 1.0):
        keys = [k for k, w in weights.items() if w == weight]
        frequency = sum(drawn[k] for k in keys) / (runs * len(keys))
        assert frequency == pytest.approx(pi[keys[0]], abs=0.01)
    big = inclusion_probabilities({f"k{i}": (FLAGGED_WEIGHT if i % 10 == 0 else 1.0) for i in range(50_000)}, 40)
    assert sum(big.values()) == pytest.approx(40, abs=1e-6)


def test_a_40_card_sample_matches_the_hand_computation() -> None:
    sample = weighted_sample(POPULATION, 40, seed=7)
    flagged = [k for k in sample if POPULATION[k] == FLAGGED_WEIGHT]
    plain = [k for k in sample if POPULATION[k] == 1.0]
    assert (len(flagged), len(plain)) == (15, 25)
    # Synthetic verdicts: 7 of the 15 flagged cards wrong (one dropped), 2 of the 25 others wrong.
    wrong = set(flagged[:7] + plain[:2])
    lines = [f"{k},,,{'drop' if k == flagged[0] else 'wrong' if k in wrong else 'right'}," for k in sample]
    result = measure(parse_corrections(HEADER + "\n".join(lines) + "\n"), POPULATION, sample=40, seed=7)

    # By hand. Inclusion probabilities of a flagged and an unflagged card (checked against the
    # sampler above): pi_f = 0.448642, pi_u = 0.137839, so weights 1/pi = 2.228949 and 7.254815.
    w_f, w_u = 1 / 0.4486420291, 1 / 0.1378394927
    right = 8 * w_f + 23 * w_u  # 184.6923
    total = 15 * w_f + 25 * w_u  # 214.8046
    estimate = right / total  # 0.859816 (the plain share, 31/40 = 0.775, under-weights the unflagged)
    n_eff = total**2 / (15 * w_f**2 + 25 * w_u**2)  # 33.187: 40 cards carry the information of 33.2
    z = 1.959963985
    a = z * z / n_eff
    centre = (estimate + a / 2) / (1 + a)
    half = z / (1 + a) * math.sqrt(estimate * (1 - estimate) / n_eff + a / (4 * n_eff))
    assert (result["checked"], result["right"], result["outside_sample"]) == (40, 31, 0)
    assert result["estimate"] == pytest.approx(estimate, abs=1e-8) == pytest.approx(0.859816, abs=1e-6)
    assert result["effective_n"] == pytest.approx(n_eff, abs=1e-6) == pytest.approx(33.187, abs=1e-3)
    assert (result["low"], result["high"]) == (pytest.approx(centre - half, abs=1e-8), pytest.approx(centre + half, abs=1e-8))
    assert (round(centre - half, 4), round(centre + half, 4)) == (0.7046, 0.9404)


def test_the_estimator_by_hand_with_round_probabilities() -> None:
    verdicts = {f"f{i}": i < 15 for i in range(20)} | {f"u{i}": i < 18 for i in range(20)}
    pi = {k: 0.4 if k.startswith("f") else 0.1 for k in verdicts}
    got = hajek(verdicts, pi)
    # (15 / 0.4 + 18 / 0.1) / (20 / 0.4 + 20 / 0.1) = 217.5 / 250; n_eff = 250^2 / (20 * 6.25 + 20 * 100)
    assert (got.checked, got.right) == (40, 33) and got.estimate == pytest.approx(0.87)
    assert got.effective_n == pytest.approx(62500 / 2125)
    # Wilson, z^2/n = 0.130610: centre 0.935305 / 1.130610, half 1.733547 * sqrt(0.0038455 + 0.0011102)
    assert got.low == pytest.approx(0.705222, abs=1e-5) and got.high == pytest.approx(0.949292, abs=1e-5)
    assert list(wilson(1.0, 10)) == pytest.approx([0.722467, 1.0], abs=1e-6)


def test_fields_are_measured_where_judged_and_cards_outside_the_sample_are_set_aside() -> None:
    sample = weighted_sample(POPULATION, 40, seed=7)
    outside = next(k for k in POPULATION if k not in sample)
    text = HEADER + "".join([
        f"{sample[0]},,,right,\n",                        # every exception field right
        f"{sample[1]},project,Ring Road,wrong,\n",        # project wrong, row wrong, nothing else judged
        f"{sample[2]},status,,right,\n{sample[2]}-r40,kind,shortfall,wrong,\n",
        f"{sample[3]},,,drop,\n",                         # not an exception: wrong, no fields
        f"{outside},,,wrong,\n",
    ])
    result = measure(parse_corrections(text), POPULATION, sample=40, seed=7)
    assert (result["checked"], result["right"], result["outside_sample"]) == (4, 1, 1)
    fields = result["fields"]
    assert isinstance(fields, dict)
    assert {f: (v["checked"], v["right"]) for f, v in fields.items()} == {
        "amounts.kind": (1, 0), "mitigation": (1, 1), "programme": (1, 1), "project": (2, 1),
        "reason": (1, 1), "status": (2, 2)}
    census = measure(parse_corrections(text), POPULATION)  # every card shown: all verdicts, equal weights
    assert (census["checked"], census["right"], census["estimate"], census["design"]) == (5, 1, 0.2, "unweighted")
    assert measure([], POPULATION, sample=40)["estimate"] is None
