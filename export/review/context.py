"""The data review.html's template needs: in, a review's rows and the page options; out, the template's context (cards, overview, filters, assets)."""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from markupsafe import Markup

from export.review.card_copies import split_copies
from export.review.cards import Card, build_cards, worst_first
from export.review.flags import FLAGS, LOW_CONFIDENCE
from export.review.overview import amounts_chart, originals, programme_chart, report_lines
from export.review.rows import ReviewRows
from export.review.sample import FLAGGED_WEIGHT, flag_weights, weighted_sample
from export.review.source import CROP_RESOLUTION, MAX_CROPS
from normalise.money.kind import KINDS


def template_context(rows: ReviewRows, *, sample: int | None, seed: int, title: str, workers: int) -> dict[str, Any]:
    """Given where to read the rows, an optional sample size and seed, a page title and crop processes, return the template's context."""
    flagged = sorted(rows.flagged(), key=lambda pair: (pair[0].get("source_file") or "", pair[0].get("position") or 0,
                                                       pair[0]["exception_id"]))
    exceptions = [e for e, _ in flagged]
    flags = {e["exception_id"]: codes for e, codes in flagged}
    shown, copies = split_copies(exceptions, rows.reports)
    n_primary = len(shown)
    if sample is not None:
        chosen = set(weighted_sample(flag_weights({e["exception_id"]: flags[e["exception_id"]] for e in shown}), sample, seed))
        shown = [e for e in shown if e["exception_id"] in chosen]
    pictures = {e["exception_id"]: pdf for e in shown if e.get("source_format") != "pdf" and (pdf := copies.pdf_copy(e["exception_id"]))}
    whole, mentions = rows.cards([*shown, *pictures.values()])
    sources = {r["report_id"]: r.get("source_path") for r in rows.reports}
    cards = worst_first(build_cards(whole[:len(shown)], mentions, sources, flags, workers=workers,
                                    pictures=dict(zip(pictures, whole[len(shown):], strict=True)), copies=copies))
    keep = originals(rows.reports)
    return {
        "title": title,
        "reports": report_lines(rows.reports, exceptions, rows.amounts(), flags, rows.tables),
        "n_exceptions": len(exceptions), "n_primary": n_primary, "n_amounts": rows.n_amounts,
        "sample": sample, "seed": seed, "cards": cards,
        "programme_chart": programme_chart(exceptions, keep),
        "amounts_chart": amounts_chart(exceptions, rows.amounts(), keep),
        "n_duplicates": len(rows.reports) - len(keep),
        "filters": _filters(cards, rows.reports),
        "kinds": KINDS, "flag_labels": FLAGS, "flag_counts": Counter(code for codes in flags.values() for code in codes),
        **_assets(),
        "constants": {"low_confidence": LOW_CONFIDENCE, "max_crops": MAX_CROPS, "resolution": CROP_RESOLUTION,
                      "flagged_weight": FLAGGED_WEIGHT},
    }


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
    folder = resources.files("export.review") / "templates"
    script = (folder / "review.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return {"style": Markup((folder / "review.css").read_text(encoding="utf-8")), "script": Markup(script),
            "script_hash": f"sha256-{digest}"}
