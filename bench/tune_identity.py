"""Tune the project-name fuzzy threshold on hand-labelled pairs.

Usage: python bench/tune_identity.py [tests/data/identity_pairs.csv]

Prints, for each candidate rapidfuzz scorer, the best F1 over thresholds, then the
precision/recall/F1 table of the chosen scorer, and the pairs it gets wrong at the
chosen threshold. The pairs are written by hand (never the sample reports' names), so
the threshold is not fitted to the samples the tests also check.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from pathlib import Path

from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from normalise.identity.names import DEFAULT_SCORER, Scorer, name_similarity, normalise_name  # noqa: E402
from normalise.identity.project_key import DEFAULT_THRESHOLD  # noqa: E402

SCORERS: dict[str, Scorer] = {
    "ratio": fuzz.ratio,
    "token_sort_ratio": fuzz.token_sort_ratio,
    "token_set_ratio": fuzz.token_set_ratio,
    "WRatio": fuzz.WRatio,
    "QRatio": fuzz.QRatio,
}
THRESHOLDS = range(50, 101, 2)
TOLERANCE = 0.01  # F1 within this of the best counts as equally good on ~100 pairs
Pair = tuple[str, str, bool]


def load_pairs(path: Path) -> list[Pair]:
    """Given the labelled CSV, return (name_a, name_b, same) triples."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [(r["name_a"], r["name_b"], r["same"].strip() == "1") for r in csv.DictReader(fh)]


def scores(pairs: Sequence[Pair], scorer: Scorer) -> list[float]:
    """Given pairs and a scorer, return the similarity of each pair as assign_keys sees it."""
    out = []
    for a, b, _ in pairs:
        na, nb = normalise_name(a), normalise_name(b)
        out.append(100.0 if na == nb else name_similarity(na, nb, scorer))
    return out


def prf(pairs: Sequence[Pair], sims: Sequence[float], threshold: float) -> tuple[float, float, float]:
    """Given pairs, their scores and a threshold, return precision, recall and F1."""
    tp = sum(1 for (_, _, same), s in zip(pairs, sims, strict=True) if same and s >= threshold)
    fp = sum(1 for (_, _, same), s in zip(pairs, sims, strict=True) if not same and s >= threshold)
    fn = sum(1 for (_, _, same), s in zip(pairs, sims, strict=True) if same and s < threshold)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def best(pairs: Sequence[Pair], sims: Sequence[float]) -> tuple[float, int]:
    """Given scored pairs, return the best F1 and the highest threshold reaching it."""
    return max((round(prf(pairs, sims, t)[2], 4), t) for t in THRESHOLDS)


def choose(pairs: Sequence[Pair], sims: Sequence[float]) -> int:
    """Given scored pairs, return the highest threshold whose F1 is within TOLERANCE of the best.

    Leaning high trades a little recall for precision on purpose: a false link silently
    merges two projects' histories, while a missed link shows as two rows of `projects`
    and is fixed with one line of the alias file.
    """
    top = best(pairs, sims)[0]
    return max(t for t in THRESHOLDS if prf(pairs, sims, t)[2] >= top - TOLERANCE)


def main(argv: Sequence[str]) -> int:
    """Given command-line arguments, print the tuning tables and return 0."""
    path = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "tests/data/identity_pairs.csv"
    pairs = load_pairs(path)
    print(f"{len(pairs)} pairs, {sum(p[2] for p in pairs)} same, {sum(not p[2] for p in pairs)} different")
    for name, scorer in SCORERS.items():
        f1, t = best(pairs, scores(pairs, scorer))
        print(f"  {name:18} best F1 {f1:.3f} at threshold {t}")
    sims = scores(pairs, DEFAULT_SCORER)
    print(f"\nchosen scorer {DEFAULT_SCORER.__name__}; threshold  precision  recall  F1")
    for t in THRESHOLDS:
        p, r, f = prf(pairs, sims, t)
        mark = "  <- DEFAULT_THRESHOLD" if t == DEFAULT_THRESHOLD else ""
        mark += "  <- chosen by the rule" if t == choose(pairs, sims) else ""
        print(f"  {t:>3}  {p:.3f}  {r:.3f}  {f:.3f}{mark}")
    print(f"\nwrong at {DEFAULT_THRESHOLD}:")
    for (a, b, same), s in zip(pairs, sims, strict=True):
        if (s >= DEFAULT_THRESHOLD) != same:
            print(f"  {'FN' if same else 'FP'} {s:5.1f}  {a!r} ~ {b!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
