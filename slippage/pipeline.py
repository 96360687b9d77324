"""Per-file pipeline: read -> records -> mentions; a failed file is a result, not an exception.

The result type and the results of files not read (`FileResult`, `failed_result`, ...)
live in `slippage.result`, which the batch process imports without the readers and
normalisers; they are imported here too, for the callers that know them from here.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from extract.model import Document, TextBlock
from extract.read import read_sections
from extract.settings import ExtractSettings
from normalise.entities.mentions import FieldText, find_mentions
from normalise.tables.user_columns import ReadOptions
from normalise.text.clean import clean_text
from normalise.time.report_year import report_period
from normalise.time.subperiod import report_subperiod
from slippage.reasons import reason_for
from slippage.result import (
    PIPELINE_VERSION,
    FileResult,
    Status,
    claimed_format,
    failed_result,
    name_id,
    report_id_for,
    skipped_result,
)
from slippage.rows import MentionRows, ReportParts

__all__ = ["PIPELINE_VERSION", "FileResult", "Status", "failed_result", "name_id", "normalise_document",
           "normalise_sections", "process_file", "report_id_for", "skipped_result"]

HEADING_BLOCKS = 6  # leading blocks a report's quarter/month may be stated in, after its title


def process_file(path: Path, source_file: str, *, settings: ExtractSettings | None = None,
                 nlp: Any = None, fail_fast: bool = False, columns: ReadOptions | None = None) -> FileResult:
    """Run one file through extract and normalise.

    Args:
        path: the file to read.
        source_file: its name as reported in the tables.
        settings: reader limits.
        nlp: a loaded spaCy pipeline for NER (None: rules only).
        fail_fast: re-raise the first error instead of recording it.
        columns: the user's column rules (`--columns`), if any.

    Returns:
        The file's rows for every table; on failure a ``failed`` report row whose
        ``error`` says why, and no other rows.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = normalise_sections(read_sections(path, source_file, settings), nlp, columns)
            result.report["source_path"] = str(path)
        except Exception as e:  # noqa: BLE001 - one bad file must not stop a batch
            if fail_fast:
                raise
            reason = reason_for(e, path.name, claimed_format(path))
            result = failed_result(path, source_file, reason.text)
            result.transient = reason.transient
    result.report["warnings"] = json.dumps(sorted({str(w.message) for w in caught}), ensure_ascii=False)
    return result


def normalise_document(doc: Document, nlp: Any, columns: ReadOptions | None = None) -> FileResult:
    """Given a read document, an optional spaCy pipeline and column rules, return its full result (no I/O)."""
    return normalise_sections([doc], nlp, columns)


def normalise_sections(docs: Iterable[Document], nlp: Any, columns: ReadOptions | None = None) -> FileResult:
    """Given the documents of one report's consecutive sections (one for most files), an optional
    spaCy pipeline and column rules, return the report's full result (no I/O but the iteration's).

    Only one section's document is alive at a time (`slippage.rows.ReportParts`); the
    period, which may be voted on by the whole text, and the mentions come last.
    """
    parts: ReportParts | None = None
    for doc in docs:
        # The first document's leading paragraphs are kept (they may state the quarter), not its tables.
        head = tuple(b for b in doc.blocks[:HEADING_BLOCKS] if isinstance(b, TextBlock))
        parts = parts or ReportParts(report_id_for(doc.origin.sha256), replace(doc, blocks=head), columns)
        parts.add(doc)
        del doc  # not held while the next section is read
    if parts is None:
        raise ValueError("normalise_sections needs at least one document")
    doc, rows = parts.first, parts.rows
    fingerprint = parts.fingerprint.result()  # merged before the mentions, into memory the sections have freed
    name = Path(doc.origin.source_file).name
    period, rule = report_period(doc.title, name, parts.votes)
    heads = [clean_text(b.text) for b in doc.blocks[:HEADING_BLOCKS] if isinstance(b, TextBlock)]
    subperiod, month = report_subperiod(doc.title, name, heads, period)
    for row in rows:
        row["report_period"] = period
    fields = [FieldText(row["exception_id"], f, row[f]) for row in rows for f in ("reason", "mitigation") if row[f]]
    mention_rows = MentionRows()
    stats = find_mentions(fields, report_period=period, nlp=nlp, emit=mention_rows).stats
    del fields
    report = {
        "report_id": parts.rid, "source_file": doc.origin.source_file, "source_format": doc.origin.format,
        "sha256": doc.origin.sha256, "title": doc.title, "report_period": period, "status": "ok" if rows else "no_exceptions",
        "error": None if rows else no_exceptions_reason(parts.empty_programmes, parts.traces()),
        "n_exceptions": len(rows), "duplicate_of": None,
        "n_pages": doc.n_pages, "report_subperiod": subperiod, "report_month": month,
        "period_rule": rule, "programmes_without_exceptions": json.dumps(parts.empty_programmes),
        "source_path": None, "read_via": doc.read_via, "ocr_pages": doc.ocr_pages,
    }
    return FileResult(
        tables=parts.tables, report=report, exceptions=rows, amounts=mention_rows.rows["amounts"] + parts.table_amounts,
        years=mention_rows.rows["years"] + parts.table_years(period), entities=mention_rows.rows["entities"],
        fingerprint=fingerprint, stats=asdict(stats),
    )


def no_exceptions_reason(empty_programmes: Sequence[str], tables: Sequence[dict[str, object]]) -> str:
    """Given a report with no records, the programmes that said they had none and its tables' traces, return why, in words a user understands.

    A report that says it has none differs from one whose tables were seen but not understood.
    """
    seen = len(tables)
    if empty_programmes and not seen - sum(1 for t in tables if t.get("accepted")):
        return "the report states there are no exceptions"
    if not seen:
        return "no table and no labelled exception paragraphs found"
    rejected = [f"table {int(str(t['index'])) + 1}: {t['why']}" for t in tables if not t.get("accepted")]
    return f"{seen} table{'s' if seen != 1 else ''} seen, none read as exceptions: " + "; ".join(rejected[:5])


