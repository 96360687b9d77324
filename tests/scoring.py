"""Metrics against the human gold, defined as in the project's scoring contract.

A typed port of `shared/tools/score.py` (the team's scorer): rows are matched to gold by
project-name similarity; texts are compared by token F1; amounts by value to the pound
per matched row; fiscal years as sets per matched row. `tests/test_corpus.py` checks that
it gives the same figures as score.py on the corpus output.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path, PurePath
from typing import Any

import pandas as pd

NAME_MATCH = 0.6
Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class FileScore:
    """score.py's columns for one output file (each in [0, 1])."""

    rows: float
    name: float
    programme: float
    reason: float
    mitigation: float
    text: float
    amounts: float
    kind: float
    fy: float
    years: float

    def metric(self, name: str) -> float:
        """Given a column name of score.py, return its value."""
        value: float = getattr(self, name)
        return value


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


def match_rows(gold: list[Row], pred: list[Row]) -> dict[int, int]:
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


def _share(hits: int, n: int) -> float:
    """Given hits out of n, return their share, 0.0 when n is 0 (as score.py does)."""
    return hits / n if n else 0.0


def _both(row: Row) -> str:
    """Given a row, return its reason and mitigation as one text (score.py's `text` column)."""
    return f"{row.get('reason') or ''} {row.get('mitigation') or ''}"


def _text_scores(gold: list[Row], pred: list[Row], m: dict[int, int]) -> dict[str, float]:
    """Given rows and their matching, return mean token F1 over gold rows of reason, mitigation and both."""
    if not gold:
        return {"reason": 1.0, "mitigation": 1.0, "text": 1.0}
    out = {field: sum(token_f1(gold[g].get(field), pred[p].get(field)) for g, p in m.items()) / len(gold)
           for field in ("reason", "mitigation")}
    out["text"] = sum(token_f1(_both(gold[g]), _both(pred[p])) for g, p in m.items()) / len(gold)
    return out


def score_rows(gold: list[Row], pred: list[Row]) -> dict[str, float]:
    """Given gold rows and predicted rows of one file, return rows/name/programme/reason/mitigation/text/status."""
    m = match_rows(gold, pred)
    tp = len(m)
    out = {"rows": f1(tp, len(pred) - tp, len(gold) - tp)}
    out["name"] = _share(sum(norm(gold[g]["project"]) == norm(pred[p]["project"]) for g, p in m.items()), tp)
    out["programme"] = _share(sum(norm(gold[g]["programme"]) == norm(pred[p]["programme"]) for g, p in m.items()), tp)
    out["status"] = sum((gold[g]["status"] or None) == (pred[p]["status"] or None) for g, p in m.items()) / max(tp, 1)
    out.update(_text_scores(gold, pred, m))
    return out


def as_pounds(v: object) -> int | None:
    """Given a value cell, return it rounded to the pound, None if it is not a number."""
    try:
        return round(float(v))  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None


def norm_fy(v: str | None) -> str | None:
    """Given a fiscal-year text, return it as YYYY/YY (None when empty)."""
    v = (v or "").strip()
    m = re.fullmatch(r"(\d{4})\s*[/-]\s*(\d{2}|\d{4})", v)
    if not m:
        return v or None
    return f"{m.group(1)}/{m.group(2)[-2:]}"


@dataclass
class _AmountTally:
    """Running counts of score.py's amount comparison."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    kind_ok: int = 0
    fy_ok: int = 0

    def add(self, gold: list[Row], pred: list[Row]) -> None:
        """Given one row's gold and predicted amounts, match each prediction to an unused gold value."""
        left = list(gold)
        for a in pred:
            v = as_pounds(a.get("value_gbp"))
            hit = next((x for x in left if as_pounds(x["value_gbp"]) == v), None)
            if hit is None:
                self.fp += 1
                continue
            left.remove(hit)
            self.tp += 1
            self.kind_ok += (a.get("kind") or "") == (hit.get("kind") or "")
            self.fy_ok += norm_fy(a.get("fiscal_year")) == norm_fy(hit.get("fiscal_year"))
        self.fn += len(left)


def _amount_and_year_scores(gold: list[Row], pred: list[Row], m: dict[int, int],
                            amounts: Mapping[str, list[Row]], years: Mapping[str, list[Row]]) -> dict[str, float]:
    """Given matched rows and the mention tables by exception_id, return amounts/kind/fy/years."""
    tally = _AmountTally()
    y_tp = y_fp = y_fn = 0
    for gi, g in enumerate(gold):
        pid = pred[m[gi]]["exception_id"] if gi in m else None
        tally.add(list(g.get("amounts", [])), amounts.get(pid, []) if pid is not None else [])
        gold_years = {norm_fy(y) for y in g.get("fiscal_years", [])}
        pred_years = {norm_fy(y.get("fiscal_year")) for y in years.get(pid, [])} - {None} if pid is not None else set()
        y_tp += len(gold_years & pred_years)
        y_fp += len(pred_years - gold_years)
        y_fn += len(gold_years - pred_years)
    matched = {pred[p]["exception_id"] for p in m.values()}
    tally.fp += sum(len(amounts.get(r["exception_id"], [])) for r in pred if r["exception_id"] not in matched)
    return {"amounts": f1(tally.tp, tally.fp, tally.fn), "kind": _share(tally.kind_ok, tally.tp),
            "fy": _share(tally.fy_ok, tally.tp), "years": f1(y_tp, y_fp, y_fn)}


def score_file(gold: Mapping[str, Any], pred: list[Row], amounts: Mapping[str, list[Row]], years: Mapping[str, list[Row]]) -> FileScore:
    """Given one gold answer key, one file's predicted rows and the mention tables by exception_id, return its scores."""
    grows: list[Row] = list(gold["exceptions"])
    m = match_rows(grows, pred)
    rows = score_rows(grows, pred)
    return FileScore(rows=rows["rows"], name=rows["name"], programme=rows["programme"], reason=rows["reason"],
                     mitigation=rows["mitigation"], text=rows["text"], **_amount_and_year_scores(grows, pred, m, amounts, years))


def load_golds(gold_dir: Path) -> dict[str, dict[str, Any]]:
    """Given a folder of gold JSON answer keys, return them by file stem."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))}


def gold_stem(source_file: str, golds: Mapping[str, object]) -> str | None:
    """Given an output file name, return the longest gold stem it starts with (score.py's rule)."""
    stem = PurePath(source_file.replace("\\", "/")).name
    return next((g for g in sorted(golds, key=len, reverse=True) if stem.startswith(g)), None)


def records(df: pd.DataFrame) -> list[Row]:
    """Given a table read from CSV, return its rows as dicts with None for missing cells."""
    out: list[Row] = df.astype(object).where(df.notna(), None).to_dict("records")
    return out


def by_exception(df: pd.DataFrame) -> dict[str, list[Row]]:
    """Given a mention table, return its rows grouped by exception_id."""
    out: dict[str, list[Row]] = defaultdict(list)
    for r in records(df):
        out[r["exception_id"]].append(r)
    return out


def score_tables(tables: Mapping[str, pd.DataFrame], golds: Mapping[str, Mapping[str, Any]]) -> dict[str, FileScore]:
    """Given the output tables of one ingest and gold keys by stem, return each reported file's scores."""
    exceptions = records(tables["exceptions"])
    amounts, years = by_exception(tables["amounts"]), by_exception(tables["years"])
    out = {}
    for src in sorted(set(tables["reports"]["source_file"])):
        stem = gold_stem(src, golds)
        if stem is not None:
            out[src] = score_file(golds[stem], [r for r in exceptions if r["source_file"] == src], amounts, years)
    return out
