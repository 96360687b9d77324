"""A read document -> all its exception records: forms and labelled items first, then the table walk.

The records of both are merged in reading order by the block each starts at, so this sits
above `normalise.outside` and `normalise.tables`, which do not import each other's entry points.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.model import Document
from normalise.outside.merge import place_records, read_outside_tables, without
from normalise.record import ExceptionRecord
from normalise.tables.records import draft_records
from normalise.tables.row_drafts import walk
from normalise.tables.user_columns import ReadOptions


@dataclass(frozen=True, slots=True)
class Extraction:
    """The records of a document, the programmes that said they had none, and every table's trace."""

    records: tuple[ExceptionRecord, ...]
    empty_programmes: tuple[str, ...]
    tables: tuple[dict[str, object], ...] = ()


def extract_records(doc: Document, options: ReadOptions | None = None) -> Extraction:
    """Turn a read document into exception records.

    Args:
        doc: the document, as any reader returns it.

    Returns:
        Records in reading order, the programmes that said they had no exceptions, and
        each table's trace (the `tables` output: why a table was read as exceptions or not).

    Key/value forms (`normalise.outside.forms`) and labelled items (`normalise.outside.items`) are read
    first; the table walk then sees only the blocks they did not use, and all records
    are merged in reading order by the block each starts at.
    """
    outside = read_outside_tables(doc)
    found = walk(without(doc, outside.used), options)
    table_records = [r for draft in found.drafts for r in draft_records(draft)]
    records = place_records(doc, outside, table_records)
    tables = sorted([*outside.tables, *found.tables], key=lambda t: int(str(t["index"])))
    return Extraction(tuple(records), tuple(found.empty_programmes), tuple(tables))
