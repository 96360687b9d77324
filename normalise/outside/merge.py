"""Records read outside grid tables, and their merge with the table records in reading order.

`normalise.extraction.extract_records` reads key/value forms first, then labelled items from the blocks
forms did not use, then walks the remaining blocks for grid tables; each record is placed
at the block it starts at (table records by the first block their provenance points into).
"""

from __future__ import annotations

import dataclasses

from extract.model import Document, Prov, TextBlock
from normalise.outside.forms import find_forms
from normalise.outside.found import Found
from normalise.outside.items import find_items
from normalise.record import ExceptionRecord


def without(doc: Document, used: set[int]) -> Document:
    """Given a document and the indices of blocks already read, return the document without them."""
    if not used:
        return doc
    return dataclasses.replace(doc, blocks=tuple(b for i, b in enumerate(doc.blocks) if i not in used))


def read_outside_tables(doc: Document) -> Found:
    """Given a document, return its form and item records, positions and used blocks indexed in `doc`."""
    forms = find_forms(doc)
    kept = [i for i in range(len(doc.blocks)) if i not in forms.used]
    items = find_items(without(doc, forms.used))
    out = Found(list(forms.records), set(forms.used), list(forms.tables))
    out.records += [(kept[i], rec) for i, rec in items.records]
    out.used |= {kept[i] for i in items.used}
    return out


def place_records(doc: Document, outside: Found, table_records: list[ExceptionRecord]) -> list[ExceptionRecord]:
    """Given records found outside tables and the table records, return all of them in reading order."""
    where: dict[Prov, int] = {}
    for i, block in enumerate(doc.blocks):
        provs = block.prov if isinstance(block, TextBlock) else tuple(
            pv for row in block.rows for cell in row for p in cell.paragraphs for pv in p.prov)
        for pv in provs:
            where.setdefault(pv, i)
    placed = list(outside.records)
    last = 0
    for rec in table_records:
        # A record without provenance in any block stays after the record before it.
        last = min((where[pv] for pv in rec.prov if pv in where), default=last)
        placed.append((last, rec))
    # sorted() is stable: records starting at the same block keep the order they were found in.
    return [rec for _, rec in sorted(placed, key=lambda pr: pr[0])]
