"""Metrics against the human gold, defined as in the project's scoring contract.

Rows are matched to gold by project-name similarity; texts are compared by token F1.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from typing import Any

NAME_MATCH = 0.6


def norm(s: str | None) -> str:
    """Given text, return lower-case alphanumeric words joined by spaces."""
    return " ".join(re.findall(r"[a-z0-9]+", (s or "").lower()))


def token_f1(gold: str | None, pred: str | None) -> float:
    """Given two texts, return the F1 of their word multisets."""
    g, p = Counter(norm(gold).split()), Counter(norm(pred).split())
    if not g and not p:
        return 1.0
    overlap = sum((g & p).values())
    if not overlap:
        return 0.0
    prec, rec = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * prec * rec / (prec + rec)


def f1(tp: int, fp: int, fn: int) -> float:
    """Given counts, return F1 (1.0 when there is nothing to find)."""
    return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)


def name_similarity(a: str, b: str) -> float:
    """Given two names, return their similarity in [0, 1]."""
    a, b = norm(a), norm(b)
    if not a or not b:
        return 0.0
    contained = 0.9 if (a in b or b in a) and min(len(a), len(b)) >= 8 else 0.0
    return max(SequenceMatcher(None, a, b).ratio(), contained)


def match_rows(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> dict[int, int]:
    """Given gold and predicted rows, return a greedy one-to-one {gold index: pred index}."""
    pairs = sorted(((name_similarity(g["project"], p["project"]), gi, pi)
                    for gi, g in enumerate(gold) for pi, p in enumerate(pred)), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: dict[int, int] = {}
    for sim, gi, pi in pairs:
        if sim < NAME_MATCH:
            break
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out[gi] = pi
    return out


def score_rows(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> dict[str, float]:
    """Given gold rows and predicted rows of one file, return rows/name/programme/reason/mitigation/status."""
    m = match_rows(gold, pred)
    tp = len(m)
    out = {"rows": f1(tp, len(pred) - tp, len(gold) - tp)}
    out["name"] = sum(norm(gold[g]["project"]) == norm(pred[p]["project"]) for g, p in m.items()) / max(tp, 1)
    out["programme"] = sum(norm(gold[g]["programme"]) == norm(pred[p]["programme"]) for g, p in m.items()) / max(tp, 1)
    out["status"] = sum((gold[g]["status"] or None) == (pred[p]["status"] or None) for g, p in m.items()) / max(tp, 1)
    for field in ("reason", "mitigation"):
        out[field] = sum(token_f1(gold[g][field], pred[p][field]) for g, p in m.items()) / max(len(gold), 1)
    return out
