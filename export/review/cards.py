"""One review card per exception: highlighted fields, parsed mentions, flags and its source."""

from __future__ import annotations

import json
import multiprocessing
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup

from export.review.card_copies import Copies, CopyLink
from export.review.flags import card_flags
from export.review.highlight import Mention, amount_mention, format_gbp, format_value, highlight, selects, usable_mentions, year_mention
from export.review.source import MAX_CROPS, SourceView, source_view, source_views

Row = Mapping[str, Any]
TEXT_FIELDS = ("reason", "mitigation")


@dataclass(frozen=True, slots=True)
class AmountLine:
    """One parsed amount as the card lists it (table-column figures have no place in the text)."""

    field: str
    text: str
    value: str
    kind: str
    year: str
    scale_inferred: bool
    amount_id: str = ""
    value_gbp: str = ""  # the plain number (as the highlights' data-value), for the page's correction form


@dataclass(frozen=True, slots=True)
class Card:
    """Everything one card shows; `reason`/`mitigation` are escaped HTML with highlights."""

    exception_id: str
    report_id: str
    source_file: str
    programme: str
    project: str
    period: str
    status: str
    confidence: str
    source_format: str
    page: str
    reason: Markup
    mitigation: Markup
    amounts: tuple[AmountLine, ...]
    flags: tuple[str, ...]
    notes: tuple[str, ...]
    source: SourceView
    status_raw: str = ""  # `status` as extracted ("" when none), for the page's correction form
    copies: tuple[CopyLink, ...] = ()  # the same row in the report's other copies (no cards of their own)
    rank: int = 0  # the card's place in document order (the page can sort back to it)


@dataclass(frozen=True, slots=True)
class Mentions:
    """An ingest's `amounts` and `years` rows grouped by exception_id."""

    amounts: Mapping[str, Sequence[Row]]
    years: Mapping[str, Sequence[Row]]

    @classmethod
    def group(cls, amounts: Iterable[Row], years: Iterable[Row]) -> Mentions:
        """Given `amounts` and `years` rows, return them grouped by exception_id."""
        return cls(_by_exception(amounts), _by_exception(years))


def _by_exception(rows: Iterable[Row]) -> dict[str, list[Row]]:
    """Given rows with an exception_id, return them grouped by it."""
    out: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        out[row["exception_id"]].append(row)
    return out


def field_mentions(exception_id: str, field: str, mentions: Mentions) -> list[Mention]:
    """Given an exception, a text field and the grouped rows, return that field's highlights."""
    amounts = [amount_mention(a) for a in mentions.amounts.get(exception_id, ())
               if a.get("field") == field and a.get("start") is not None and a.get("end") is not None]
    years = [year_mention(y) for y in mentions.years.get(exception_id, ())
             if y.get("field") == field and y.get("start") is not None and y.get("end") is not None]
    return amounts + years


def highlighted_fields(exception: Row, mentions: Mentions) -> dict[str, Markup]:
    """Given an `exceptions` row and the grouped mentions, return field -> HTML with its mentions highlighted."""
    out: dict[str, Markup] = {}
    for field in TEXT_FIELDS:
        text = exception.get(field) or ""
        kept, _ = usable_mentions(text, field_mentions(exception["exception_id"], field, mentions))
        out[field] = highlight(text, kept)
    return out


def bad_offsets(exception: Row, mentions: Mentions) -> bool:
    """Given an `exceptions` row and the grouped mentions, return True when a mention's offsets miss its text.

    These are the mentions `highlighted_fields` rejects for their offsets (not for
    overlapping another); checked without building any HTML, as every row needs it for
    its flags and only the shown cards need their highlights.

    >>> m = Mentions.group([{"exception_id": "a-1", "field": "reason", "text": "£5k", "start": 4, "end": 7}], [])
    >>> bad_offsets({"exception_id": "a-1", "reason": "The £5k grant"}, m), bad_offsets({"exception_id": "a-1", "reason": "£5k"}, m)
    (False, True)
    """
    texts = {field: exception.get(field) or "" for field in TEXT_FIELDS}
    eid = exception["exception_id"]
    return any(not selects(texts[row["field"]], int(row["start"]), int(row["end"]), str(row["text"]))
               for rows in (mentions.amounts.get(eid, ()), mentions.years.get(eid, ())) for row in rows
               if row.get("field") in texts and row.get("start") is not None and row.get("end") is not None)


def pipeline_notes(exception: Row) -> tuple[str, ...]:
    """Given an `exceptions` row, return the splitter's own flags (notes) from its JSON list.

    >>> pipeline_notes({"flags": '["2 projects in one cell"]'}), pipeline_notes({"flags": None})
    (('2 projects in one cell',), ())
    """
    try:
        notes = json.loads(exception.get("flags") or "[]")
    except json.JSONDecodeError:
        return (str(exception.get("flags")),)
    return tuple(str(n) for n in notes) if isinstance(notes, list) else (str(notes),)


def flags_for(exception: Row, mentions: Mentions) -> list[str]:
    """Given an `exceptions` row and the grouped mentions, return its review flag codes."""
    return card_flags(exception, mentions.amounts.get(exception["exception_id"], ()),
                      pipeline_flags=pipeline_notes(exception), bad_offsets=bad_offsets(exception, mentions))


# Below this many page crops a process pool costs more to start than it saves.
PARALLEL_CROPS_MIN = 40


def build_cards(exceptions: Sequence[Row], mentions: Mentions, source_paths: Mapping[str, str | None],
                flags: Mapping[str, Sequence[str]], *, max_crops: int = MAX_CROPS, workers: int = 1,
                pictures: Mapping[str, Row] | None = None, copies: Copies | None = None) -> list[Card]:
    """Given the exceptions to show, grouped mentions, report_id -> source path and exception_id -> flags, return cards.

    The first `max_crops` PDF cards get page images; later ones show their raw text.
    `pictures` gives, for a card whose own row is not from a PDF, the whole row of a PDF
    copy to show the source from; `copies` lists each card's rows in other copies.
    Rendering the images is most of a review's cost, so each PDF is opened once for all
    its cards, and with `workers` > 1 files are rendered in that many processes.
    """
    seen = [(pictures or {}).get(exc["exception_id"], exc) for exc in exceptions]
    crop = []
    pdf_seen = 0
    for row in seen:
        crop.append(row.get("source_format") == "pdf" and pdf_seen < max_crops)
        pdf_seen += row.get("source_format") == "pdf"
    sources = _source_views(seen, source_paths, crop, workers)
    links = copies or Copies({})
    return [replace(build_card(exc, mentions, source, flags[exc["exception_id"]]), rank=rank,
                    copies=links.links(exc["exception_id"], source_paths))
            for rank, (exc, source) in enumerate(zip(exceptions, sources, strict=True))]


def worst_first(cards: Sequence[Card]) -> list[Card]:
    """Given cards in document order, return them flagged first, then by rising confidence, then in document order.

    The cards a reviewer should see first are those the pipeline itself doubts; a card
    with no confidence sorts as fully confident.
    """
    return sorted(cards, key=lambda c: (not c.flags, float(c.confidence) if c.confidence else 1.0, c.rank))


def _source_views(exceptions: Sequence[Row], source_paths: Mapping[str, str | None], crop: Sequence[bool],
                  workers: int) -> list[SourceView]:
    """Given the exceptions, report_id -> source path, which to crop and crop processes, return their source views in order."""
    views: dict[int, SourceView] = {}
    to_crop: dict[str | None, list[int]] = defaultdict(list)  # source path -> indices of its cards, in card order
    for i, (exc, wanted) in enumerate(zip(exceptions, crop, strict=True)):
        path = source_paths.get(exc["report_id"])
        if wanted:
            to_crop[path].append(i)
        else:
            views[i] = source_view(exc, path, crop=False)
    jobs = [(path, [exceptions[i] for i in indices]) for path, indices in to_crop.items()]
    for indices, file_views in zip(to_crop.values(), _file_views(jobs, workers if sum(crop) >= PARALLEL_CROPS_MIN else 1), strict=True):
        views.update(zip(indices, file_views, strict=True))
    return [views[i] for i in range(len(exceptions))]


def _file_job(job: tuple[str | None, Sequence[Row]]) -> list[SourceView]:
    """Given (source path, its exceptions rows to crop), return their source views (a pool task: one file)."""
    path, rows = job
    return source_views(rows, path, crop=True)


def _file_views(jobs: Sequence[tuple[str | None, Sequence[Row]]], workers: int) -> list[list[SourceView]]:
    """Given one crop job per source file, return each file's source views, in that many processes when above 1."""
    if workers < 2 or len(jobs) < 2:
        return [_file_job(j) for j in jobs]
    # forkserver, as the batch runner uses: forking this process (pandas, DuckDB threads) is unsafe.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        return list(pool.map(_file_job, jobs))


def build_card(exc: Row, mentions: Mentions, source: SourceView, flags: Sequence[str]) -> Card:
    """Given an `exceptions` row, the grouped mentions, its source view and its flag codes, return its card."""
    fields = highlighted_fields(exc, mentions)
    confidence = exc.get("confidence")
    return Card(
        exception_id=exc["exception_id"], report_id=exc["report_id"], source_file=exc.get("source_file") or "",
        programme=exc.get("programme") or "", project=exc.get("project") or "",
        period=exc.get("report_period") or "unknown", status=exc.get("status") or "not stated",
        confidence="" if confidence is None else f"{float(confidence):.2f}",
        source_format=exc.get("source_format") or "", page="" if exc.get("page") is None else str(exc["page"]),
        reason=fields["reason"], mitigation=fields["mitigation"],
        amounts=tuple(_amount_line(a) for a in mentions.amounts.get(exc["exception_id"], ())),
        flags=tuple(flags), notes=pipeline_notes(exc), source=source, status_raw=exc.get("status") or "",
    )


def _amount_line(row: Row) -> AmountLine:
    """Given an `amounts` row, return its line in the card's list."""
    field = str(row.get("field") or "")
    if field == "table" and row.get("context"):
        field = f"table: {row['context']}"
    value = row.get("value_gbp")
    return AmountLine(field, str(row.get("text") or ""), format_gbp(value),
                      str(row.get("kind") or "other"), str(row.get("fiscal_year") or ""), bool(row.get("scale_inferred")),
                      amount_id=str(row.get("amount_id") or ""), value_gbp=format_value(value))
