"""The rows one report contributes to each table, built from its documents and records (no I/O).

A report is read as one document, or a big text file as a document per section
(`extract.read.read_sections`). `ReportParts` takes the documents one at a time and keeps
only what the report's rows need of each: its exception rows, money-column amounts,
date columns, `tables` rows, programme notes, period votes and fingerprint hashes. The
document and its records are then dropped, so one section's model is alive at a time.
What needs the whole report (its period, the mentions' scale convention) is settled last.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field
from typing import Any

from extract.model import Document, Prov, Table, TextBlock
from normalise.extraction import extract_records
from normalise.identity.fingerprint import FingerprintBuilder
from normalise.money.amounts import table_amounts
from normalise.ocr_marks import ocr_marked
from normalise.record import ExceptionRecord
from normalise.tables.user_columns import ReadOptions
from normalise.text.clean import clean_text
from normalise.time.report_year import PeriodVotes
from normalise.time.years import column_years

SHARED_CHARS = 40  # texts up to this long are interned in rows (see `shared`)


@dataclass(slots=True)
class ReportParts:
    """What the documents of one report have given so far (see the module docstring)."""

    rid: str
    first: Document
    columns: ReadOptions | None = None
    rows: list[dict[str, Any]] = field(default_factory=list)
    table_amounts: list[dict[str, Any]] = field(default_factory=list)
    date_columns: list[tuple[str, tuple[tuple[str, str], ...]]] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)
    empty_programmes: list[str] = field(default_factory=list)
    votes: PeriodVotes = field(default_factory=PeriodVotes)
    fingerprint: FingerprintBuilder = field(default_factory=FingerprintBuilder)

    def add(self, doc: Document) -> None:
        """Given the report's next document, add its rows (numbered on from the last), tables and texts."""
        extraction = extract_records(doc, self.columns)
        for rec in extraction.records:
            row = exception_row(self.rid, doc, None, len(self.rows) + 1, rec)  # the period is known last
            self.rows.append(row)
            self.table_amounts += table_amount_rows(row["exception_id"], rec)
            if rec.extra:
                self.date_columns.append((row["exception_id"], rec.extra))
        self.tables += [table_row(self.rid, doc.origin.source_file, t) for t in extraction.tables]
        self.empty_programmes += extraction.empty_programmes
        texts = document_texts(doc)
        self.votes.add(texts)
        self.fingerprint.add(texts)

    def traces(self) -> tuple[dict[str, Any], ...]:
        """Return what `no_exceptions_reason` reads of each table's trace (its index, verdict and why), from its row."""
        return tuple({"index": t["table_index"], "accepted": t.get("accepted"), "why": t.get("why")} for t in self.tables)

    def table_years(self, period: str | None) -> list[dict[str, Any]]:
        """Given the report's period, return the `years` rows of its date columns."""
        return [y for eid, extra in self.date_columns for y in table_year_rows(eid, extra, period)]


def table_row(rid: str, source_file: str, trace: dict[str, Any]) -> dict[str, Any]:
    """Given a table's trace, return its `tables` row."""
    row = {k: v for k, v in trace.items() if k not in ("index", "columns")}
    return shared({**row, "report_id": rid, "source_file": source_file, "table_index": trace["index"],
                   "columns": json.dumps(trace["columns"], ensure_ascii=False)})


class MentionRows:
    """The `amounts`, `years` and `entities` rows of a report's text fields, made as `find_mentions`
    gives out each mention (its `emit`), so the mentions are never all held twice."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {"amounts": [], "years": [], "entities": []}

    def __call__(self, kind: str, exception_id: str, field_name: str, mention: Any) -> None:
        """Given a mention's kind, row, field and the mention, add its row (amounts and years end with a `context` column)."""
        after = {"context": None} if kind in ("amounts", "years") else {}
        self.rows[kind].append(shared({"exception_id": exception_id, "field": field_name, **asdict(mention), **after}))


def shared(row: dict[str, Any]) -> dict[str, Any]:
    """Given a row, return it with its short texts interned: one object for every "2018/19", "[]" or kind.

    A big report repeats a few fiscal years, dates, kinds and programme names in thousands
    of rows; each would otherwise be a string of its own (~60 bytes).
    """
    for key, value in row.items():
        if type(value) is str and len(value) <= SHARED_CHARS:
            row[key] = sys.intern(value)
    return row


def table_amount_rows(exception_id: str, rec: ExceptionRecord) -> list[dict[str, Any]]:
    """Given an exception's id and its record, return `amounts` rows for figures in money columns."""
    return [
        shared({"exception_id": exception_id, "field": "table", **asdict(a), "start": None, "end": None, "context": header})
        for header, text in rec.money
        for a in table_amounts(header, text, table_headers=[h for h, _ in rec.money + rec.extra])
    ]


def table_year_rows(exception_id: str, extra: tuple[tuple[str, str], ...], period: str | None) -> list[dict[str, Any]]:
    """Given an exception's id, its record's other columns and the report's period, return `years` rows
    for the years and dates in date columns ("Target date")."""
    return [
        shared({"exception_id": exception_id, "field": "table", **asdict(y), "start": None, "end": None, "context": header})
        for header, text in extra
        for y in column_years(header, text, report_period=period)
    ]


def document_texts(doc: Document) -> list[str]:
    """Given a document, return the clean text of every paragraph, in reading order."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, TextBlock):
            out.append(clean_text(block.text))
        elif isinstance(block, Table):
            out.extend(clean_text(p.text) for row in block.rows for cell in row for p in cell.paragraphs)
    return [t for t in out if t]


def exception_row(rid: str, doc: Document, period: str | None, position: int, rec: ExceptionRecord) -> dict[str, Any]:
    """Given a record and its place, return its `exceptions` row (project_key is set per batch)."""
    confidence, flags = ocr_marked(rec, doc.ocr_confidence)
    row = {
        "exception_id": f"{rid}-{position:03d}", "report_id": rid, "source_file": doc.origin.source_file,
        "report_period": period, "programme": rec.programme, "project": rec.project, "project_key": None,
        "reason": rec.reason, "mitigation": rec.mitigation, "status": rec.status, "page": rec.page,
        "confidence": confidence, "position": position, "source_format": doc.origin.format,
        "flags": json.dumps(list(flags), ensure_ascii=False), "extra": json.dumps(dict(rec.extra), ensure_ascii=False),
        "prov": json.dumps([prov_dict(p) for p in rec.prov]), "raw_project": rec.raw_project,
        "raw_reason": rec.raw_reason, "raw_mitigation": rec.raw_mitigation,
    }
    for raw in ("raw_project", "raw_reason", "raw_mitigation"):
        if row[raw] == row[raw[4:]]:
            row[raw] = row[raw[4:]]  # a text that needed no cleaning is held once
    return shared(row)


def prov_dict(prov: Prov) -> dict[str, Any]:
    """Given a provenance record, return it as a compact dict (None fields left out)."""
    return {k: v for k, v in asdict(prov).items() if v is not None}
