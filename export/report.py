"""review.html: one self-contained page to spot-check every extraction against its source.

Reads the tables an ingest wrote (Parquet), builds one card per exception and an
overview, and renders `templates/review.html.j2` with jinja2 autoescaping. Extracted text
is never marked safe: highlights are built from escaped pieces (`export.highlight`).
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from export.cards import Card, Mentions, build_cards, flags_for
from export.flags import FLAGS, LOW_CONFIDENCE
from export.overview import amounts_chart, originals, programme_chart, report_lines
from export.sample import FLAGGED_WEIGHT, flag_weights, weighted_sample
from export.source import CROP_RESOLUTION, MAX_CROPS
from export.writers import atomic_write_text

REVIEW_FILE = "review.html"
REQUIRED_TABLES = ("reports", "exceptions")
OPTIONAL_TABLES = ("amounts", "years")


@dataclass(frozen=True, slots=True)
class Tables:
    """The rows the review reads, as plain dicts with None for missing values."""

    reports: list[dict[str, Any]]
    exceptions: list[dict[str, Any]]
    amounts: list[dict[str, Any]]
    years: list[dict[str, Any]]


def write_review(out_dir: Path, *, sample: int | None = None, seed: int = 0, max_cards: int | None = None,
                 workers: int = 1) -> Path:
    """Build OUT_DIR/review.html from the tables an ingest wrote there.

    Args:
        out_dir: an ingest's output folder (with reports.parquet and exceptions.parquet).
        sample: show only this many cards, drawn at random and weighted toward flagged ones
            (None: every card).
        seed: the random seed for `sample`; the same seed and tables give the same cards.
        max_cards: with no `sample`, draw a sample of this size when there are more cards
            (a page of tens of thousands of cards helps nobody and costs memory).
        workers: processes that render PDF crops.

    Returns:
        The path of the written review.html.

    Raises:
        FileNotFoundError: the folder holds no slippage tables.
        ValueError: `sample` is below 1.
    """
    out_dir = Path(out_dir)
    tables = load_tables(out_dir)
    if sample is None and max_cards is not None and len(tables.exceptions) > max_cards:
        sample = max_cards
    html = render_review(tables, sample=sample, seed=seed, title=f"Slippage review: {out_dir.resolve().name}", workers=workers)
    path = out_dir / REVIEW_FILE
    atomic_write_text(path, html)
    return path


def load_tables(out_dir: Path) -> Tables:
    """Given an ingest's output folder, return its tables (amounts/years may be absent)."""
    missing = [t for t in REQUIRED_TABLES if not (out_dir / f"{t}.parquet").is_file()]
    if missing:
        raise FileNotFoundError(
            f"{out_dir}: no slippage tables here (missing {', '.join(t + '.parquet' for t in missing)}); "
            f"run `slippage ingest INPUT... --out {out_dir}` first")
    frames = {t: pd.read_parquet(out_dir / f"{t}.parquet") for t in REQUIRED_TABLES}
    for t in OPTIONAL_TABLES:
        path = out_dir / f"{t}.parquet"
        frames[t] = pd.read_parquet(path) if path.is_file() else pd.DataFrame()
    return Tables(**{t: records(df) for t, df in frames.items()})


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Given a frame, return its rows as dicts with Python values and None for NA.

    >>> records(pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": ["x", None]}))
    [{'a': 1, 'b': 'x'}, {'a': None, 'b': None}]
    """
    return [{k: (None if _is_missing(v) else v) for k, v in row.items()} for row in df.to_dict("records")]


def _is_missing(value: Any) -> bool:
    """Given a cell value, return True for None/NaN/NA (lists and arrays are never missing)."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def render_review(tables: Tables, *, sample: int | None = None, seed: int = 0, title: str = "Slippage review",
                  workers: int = 1) -> str:
    """Given the tables, an optional sample size and seed, a page title and crop processes, return review.html's text."""
    mentions = Mentions.group(tables.amounts, tables.years)
    exceptions = sorted(tables.exceptions, key=lambda e: (e.get("source_file") or "", e.get("position") or 0,
                                                           e["exception_id"]))
    flags = {e["exception_id"]: flags_for(e, mentions) for e in exceptions}
    shown = exceptions
    if sample is not None:
        chosen = set(weighted_sample(flag_weights(flags), sample, seed))
        shown = [e for e in exceptions if e["exception_id"] in chosen]
    sources = {r["report_id"]: r.get("source_path") for r in tables.reports}
    cards = build_cards(shown, mentions, sources, flags, workers=workers)
    keep = originals(tables.reports)
    context = {
        "title": title,
        "reports": report_lines(tables.reports, exceptions, tables.amounts, flags),
        "n_exceptions": len(exceptions), "n_amounts": len(tables.amounts),
        "sample": sample, "seed": seed, "cards": cards,
        "programme_chart": programme_chart(exceptions, keep),
        "amounts_chart": amounts_chart(exceptions, tables.amounts, keep),
        "n_duplicates": len(tables.reports) - len(keep),
        "filters": _filters(cards, tables.reports),
        "flag_labels": FLAGS, "flag_counts": Counter(code for codes in flags.values() for code in codes),
        **_assets(),
        "constants": {"low_confidence": LOW_CONFIDENCE, "max_crops": MAX_CROPS, "resolution": CROP_RESOLUTION,
                      "flagged_weight": FLAGGED_WEIGHT},
    }
    return _environment().get_template("review.html.j2").render(**context)


def _filters(cards: Sequence[Card], reports: Sequence[Mapping[str, Any]]) -> dict[str, list[tuple[str, str, int]]]:
    """Given the cards and `reports` rows, return filter options as (value, label, count) per filter."""
    names = {r["report_id"]: r.get("source_file") or r["report_id"] for r in reports}
    by_report = Counter(c.report_id for c in cards)
    by_programme = Counter(c.programme for c in cards)
    by_flag = Counter(f for c in cards for f in c.flags)
    return {
        "report": [(rid, names.get(rid, rid), n) for rid, n in sorted(by_report.items(), key=lambda kv: names.get(kv[0], kv[0]))],
        "programme": [(p, p or "(no programme)", n) for p, n in sorted(by_programme.items())],
        "flag": [(code, FLAGS[code], by_flag[code]) for code in FLAGS if by_flag[code]],
    }


def _assets() -> dict[str, Markup | str]:
    """Return the page's own CSS and JS as markup and the script's CSP hash (they are ours, not data)."""
    folder = resources.files("export") / "templates"
    script = (folder / "review.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return {"style": Markup((folder / "review.css").read_text(encoding="utf-8")), "script": Markup(script),
            "script_hash": f"sha256-{digest}"}


def _environment() -> Environment:
    """Return the jinja2 environment: package templates, autoescape on, undefined names fail."""
    return Environment(loader=PackageLoader("export", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
