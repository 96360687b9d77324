"""Per-file pipeline: read -> records -> mentions; a failed file is a result, not an exception."""

from __future__ import annotations

import hashlib
import json
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from extract.detect import SUFFIX_FORMATS
from extract.model import Document, Prov, Table, TextBlock
from extract.read import file_sha256, read_document
from extract.settings import ExtractSettings
from normalise.entities.mentions import FieldText, Mentions, find_mentions
from normalise.extraction import Extraction, extract_records
from normalise.identity.fingerprint import Fingerprint, content_fingerprint
from normalise.money.amounts import table_amounts
from normalise.ocr_marks import ocr_marked
from normalise.record import ExceptionRecord
from normalise.tables.user_columns import ReadOptions
from normalise.text.clean import clean_text
from normalise.time.report_year import report_period
from normalise.time.subperiod import report_subperiod
from normalise.time.years import column_years
from slippage.reasons import reason_for

# 2: fingerprints stored as hash arrays; 3: tables by evidence, `tables` rows; 5: the result cache is JSON
PIPELINE_VERSION = "5"
HEADING_BLOCKS = 6  # leading blocks a report's quarter/month may be stated in, after its title
Status = Literal["ok", "no_exceptions", "skipped", "failed"]


@dataclass(slots=True)
class FileResult:
    """Everything one input file contributes to the dataset (picklable, for workers and the cache)."""

    report: dict[str, Any]
    exceptions: list[dict[str, Any]] = field(default_factory=list)
    amounts: list[dict[str, Any]] = field(default_factory=list)
    years: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    fingerprint: Fingerprint = field(default_factory=Fingerprint)
    stats: dict[str, int] = field(default_factory=dict)
    tables: list[dict[str, Any]] = field(default_factory=list)
    # A failure of the machine, not the file (permission, I/O, a missing program): never cached.
    transient: bool = False

    @property
    def status(self) -> Status:
        """Given the result, return its report status."""
        status: Status = self.report["status"]
        return status


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
            doc = read_document(path, source_file, settings)
            result = normalise_document(doc, nlp, columns)
            result.report["source_path"] = str(path)
        except Exception as e:  # noqa: BLE001 - one bad file must not stop a batch
            if fail_fast:
                raise
            reason = reason_for(e, path.name, _claimed_format(path))
            result = failed_result(path, source_file, reason.text)
            result.transient = reason.transient
    result.report["warnings"] = json.dumps(sorted({str(w.message) for w in caught}), ensure_ascii=False)
    return result


def failed_result(path: Path, source_file: str, error: str, *, hash_file: bool = True) -> FileResult:
    """Given a file that could not be read and why, return its failed result (`hash_file`: False for paths not to open)."""
    sha = ""
    if hash_file:
        try:
            sha = file_sha256(path)
        except OSError:
            sha = ""
    return FileResult(report=_unread_report(path, source_file, "failed", error, sha))


def skipped_result(path: Path, source_file: str, reason: str) -> FileResult:
    """Given a file a folder walk met but does not read (its type) and why, return its skipped result."""
    return FileResult(report=_unread_report(path, source_file, "skipped", reason, ""))


def _unread_report(path: Path, source_file: str, status: Status, error: str, sha: str) -> dict[str, Any]:
    """Given a file that gave no document, its status, why and its hash (or ""), return its `reports` row."""
    return {
        "report_id": report_id_for(sha) if sha else name_id(source_file), "source_file": source_file,
        "source_format": _claimed_format(path) if status == "failed" else None, "sha256": sha, "title": None, "report_period": None,
        "status": status, "error": error, "n_exceptions": 0, "duplicate_of": None,
        "n_pages": None, "report_subperiod": None, "report_month": None, "period_rule": None,
        "programmes_without_exceptions": "[]", "source_path": str(path), "read_via": None, "ocr_pages": 0,
    }


def name_id(source_file: str) -> str:
    """Given the name of a file whose bytes were not read, return an id made from the name (not its first letters)."""
    return hashlib.sha256(f"name:{source_file}".encode("utf-8", "surrogateescape")).hexdigest()[:16]


def report_id_for(sha256: str) -> str:
    """Given a file's sha256, return its stable report id."""
    return sha256[:16]


def _claimed_format(path: Path) -> str:
    """Given a path, return the format its extension claims (txt by default)."""
    return SUFFIX_FORMATS.get(path.suffix.lower(), "txt")


def normalise_document(doc: Document, nlp: Any, columns: ReadOptions | None = None) -> FileResult:
    """Given a read document, an optional spaCy pipeline and column rules, return its full result (no I/O)."""
    extraction = extract_records(doc, columns)
    rid = report_id_for(doc.origin.sha256)
    texts = _document_texts(doc)
    period, rule = report_period(doc.title, Path(doc.origin.source_file).name, texts)
    heads = [clean_text(b.text) for b in doc.blocks[:HEADING_BLOCKS] if isinstance(b, TextBlock)]
    subperiod, month = report_subperiod(doc.title, Path(doc.origin.source_file).name, heads, period)
    rows = [_exception_row(rid, doc, period, i, rec) for i, rec in enumerate(extraction.records, start=1)]
    fields = [FieldText(row["exception_id"], f, row[f]) for row in rows for f in ("reason", "mitigation") if row[f]]
    mentions = find_mentions(fields, report_period=period, nlp=nlp)
    amounts = _amount_rows(mentions) + _table_amount_rows(rows, extraction.records)
    status: Status = "ok" if rows else "no_exceptions"
    report = {
        "report_id": rid, "source_file": doc.origin.source_file, "source_format": doc.origin.format,
        "sha256": doc.origin.sha256, "title": doc.title, "report_period": period, "status": status,
        "error": None, "n_exceptions": len(rows), "duplicate_of": None, "n_pages": doc.n_pages,
        "report_subperiod": subperiod, "report_month": month,
        "period_rule": rule, "programmes_without_exceptions": json.dumps(list(extraction.empty_programmes)),
        "source_path": None, "read_via": doc.read_via, "ocr_pages": doc.ocr_pages,
    }
    if not rows:
        report["error"] = no_exceptions_reason(extraction)
    return FileResult(
        tables=[_table_row(rid, doc.origin.source_file, t) for t in extraction.tables],
        report=report, exceptions=rows, amounts=amounts,
        years=[{"exception_id": eid, "field": f, **asdict(y), "context": None} for eid, f, y in mentions.years]
        + _table_year_rows(rows, extraction.records, period),
        entities=[{"exception_id": eid, "field": f, **asdict(e)} for eid, f, e in mentions.entities],
        fingerprint=content_fingerprint(texts), stats=asdict(mentions.stats),
    )


def no_exceptions_reason(extraction: Extraction) -> str:
    """Given an extraction with no records, return why, in words a user understands.

    A report that says it has none differs from one whose tables were seen but not understood.
    """
    seen = len(extraction.tables)
    if extraction.empty_programmes and not seen - sum(1 for t in extraction.tables if t.get("accepted")):
        return "the report states there are no exceptions"
    if not seen:
        return "no table and no labelled exception paragraphs found"
    rejected = [f"table {int(str(t['index'])) + 1}: {t['why']}" for t in extraction.tables if not t.get("accepted")]
    return f"{seen} table{'s' if seen != 1 else ''} seen, none read as exceptions: " + "; ".join(rejected[:5])


def _table_row(rid: str, source_file: str, trace: dict[str, Any]) -> dict[str, Any]:
    """Given a table's trace, return its `tables` row."""
    row = {k: v for k, v in trace.items() if k not in ("index", "columns")}
    return {**row, "report_id": rid, "source_file": source_file, "table_index": trace["index"],
            "columns": json.dumps(trace["columns"], ensure_ascii=False)}


def _amount_rows(mentions: Mentions) -> list[dict[str, Any]]:
    """Given fused mentions, return `amounts` rows for the text fields."""
    return [{"exception_id": eid, "field": f, **asdict(a), "context": None} for eid, f, a in mentions.amounts]


def _table_amount_rows(rows: list[dict[str, Any]], records: tuple[ExceptionRecord, ...]) -> list[dict[str, Any]]:
    """Given rows and their records, return `amounts` rows for figures in money columns."""
    return [
        {"exception_id": row["exception_id"], "field": "table", **asdict(a), "start": None, "end": None, "context": header}
        for row, rec in zip(rows, records, strict=True)
        for header, text in rec.money
        for a in table_amounts(header, text, table_headers=[h for h, _ in rec.money + rec.extra])
    ]


def _table_year_rows(rows: list[dict[str, Any]], records: tuple[ExceptionRecord, ...], period: str | None) -> list[dict[str, Any]]:
    """Given rows and their records, return `years` rows for the years and dates in date columns ("Target date")."""
    return [
        {"exception_id": row["exception_id"], "field": "table", **asdict(y), "start": None, "end": None, "context": header}
        for row, rec in zip(rows, records, strict=True)
        for header, text in rec.extra
        for y in column_years(header, text, report_period=period)
    ]


def _document_texts(doc: Document) -> list[str]:
    """Given a document, return the clean text of every paragraph, in reading order."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, TextBlock):
            out.append(clean_text(block.text))
        elif isinstance(block, Table):
            out.extend(clean_text(p.text) for row in block.rows for cell in row for p in cell.paragraphs)
    return [t for t in out if t]


def _exception_row(rid: str, doc: Document, period: str | None, position: int, rec: ExceptionRecord) -> dict[str, Any]:
    """Given a record and its place, return its `exceptions` row (project_key is set per batch)."""
    confidence, flags = ocr_marked(rec, doc.ocr_confidence)
    return {
        "exception_id": f"{rid}-{position:03d}", "report_id": rid, "source_file": doc.origin.source_file,
        "report_period": period, "programme": rec.programme, "project": rec.project, "project_key": None,
        "reason": rec.reason, "mitigation": rec.mitigation, "status": rec.status, "page": rec.page,
        "confidence": confidence, "position": position, "source_format": doc.origin.format,
        "flags": json.dumps(list(flags), ensure_ascii=False), "extra": json.dumps(dict(rec.extra), ensure_ascii=False),
        "prov": json.dumps([_prov_dict(p) for p in rec.prov]), "raw_project": rec.raw_project,
        "raw_reason": rec.raw_reason, "raw_mitigation": rec.raw_mitigation,
    }


def _prov_dict(prov: Prov) -> dict[str, Any]:
    """Given a provenance record, return it as a compact dict (None fields left out)."""
    return {k: v for k, v in asdict(prov).items() if v is not None}
