"""A record read from OCR'd pages: its confidence lowered by the engine's, and a note saying so.

The splitter's confidence says how sure it is of the row's shape; on a scanned page the
words themselves are a guess too. A record's confidence is multiplied by the OCR engine's
mean word confidence (0-1) on the least sure page it sits on, and its flags get
`OCR_NOTE`, which the review report turns into the `ocr` flag (`export.review.flags`). Records
on pages with a text layer (also in a PDF mixing both) are left as they are.
"""

from __future__ import annotations

from collections.abc import Iterable

from normalise.record import ExceptionRecord

# The start of the note on every record whose words came (partly) from OCR.
OCR_NOTE = "read by OCR"


def ocr_marked(record: ExceptionRecord, page_confidence: Iterable[tuple[int, float]]) -> tuple[float, tuple[str, ...]]:
    """Given a record and the document's (page, OCR confidence) pairs, return its confidence and flags.

    >>> from extract.model import Prov
    >>> rec = ExceptionRecord(None, "Day centres", "Closed.", "", None, 0.9, (Prov(page=2),))
    >>> ocr_marked(rec, [(2, 0.9), (3, 0.5)])
    (0.81, ('read by OCR (mean word confidence 90%)',))
    >>> ocr_marked(rec, [(3, 0.5)])
    (0.9, ())
    """
    pages = {p.page for p in record.prov if p.page is not None}
    sure = [c for page, c in page_confidence if page in pages]
    if not sure:
        return record.confidence, record.flags
    worst = min(sure)
    return round(record.confidence * worst, 3), (*record.flags, f"{OCR_NOTE} (mean word confidence {worst:.0%})")
