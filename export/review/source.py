"""The source beside each card: PDF crops as data URIs, or the raw cell text and where it was."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.errors import SlippageError
from extract.model import BBoxTL
from extract.pdf.crops import PdfPages

# Crops are ~5-30 kB each at this resolution (median 15 kB); the cap keeps a 1,000+ card report to a few MB.
# Cards past the cap show the raw text with a note (a --sample report usually stays under it).
MAX_CROPS = 400
CROP_RESOLUTION = 100
# Points of margin around the union of a record's boxes, so glyph edges are not clipped.
CROP_PADDING = 4.0
# Points added around each outlined paragraph: pdfplumber's word boxes end at the font's
# nominal bottom, and descenders and the image border would otherwise touch the outline.
OUTLINE_PADDING = 2.0
# A row can run over several pages; show at most this many page crops per card.
MAX_PAGES_PER_CARD = 2


@dataclass(frozen=True, slots=True)
class Crop:
    """One page's image of a record, as a data URI, with the record's own boxes on it.

    `boxes` are (left, top, width, height) in percent of the image, so the page can outline
    the paragraphs the splitter assigned to this record (pdfplumber's `draw_rects`, in CSS).
    """

    page: int
    uri: str
    boxes: tuple[tuple[float, float, float, float], ...] = ()


@dataclass(frozen=True, slots=True)
class SourceView:
    """What a card shows as its source: crops (PDF) and/or the raw text, a location and a note."""

    crops: tuple[Crop, ...]
    location: str
    note: str | None
    raw_project: str
    raw_reason: str
    raw_mitigation: str


def parse_prov(prov_json: str | None) -> list[dict[str, Any]]:
    """Given an `exceptions.prov` JSON string, return its list of dicts ([] when missing or broken).

    >>> parse_prov('[{"table": 0, "row": 1, "col": 2}]'), parse_prov(None), parse_prov("{oops")
    ([{'table': 0, 'row': 1, 'col': 2}], [], [])
    """
    try:
        value = json.loads(prov_json or "[]")
    except json.JSONDecodeError:
        return []
    return [p for p in value if isinstance(p, dict)] if isinstance(value, list) else []


def page_boxes(prov: Sequence[Mapping[str, Any]], padding: float = CROP_PADDING) -> list[tuple[int, BBoxTL]]:
    """Given provenance dicts, return (page, padded union box) per page, in page order.

    >>> page_boxes([{"page": 2, "bbox": {"x0": 10, "top": 20, "x1": 30, "bottom": 40}},
    ...             {"page": 1, "bbox": {"x0": 50, "top": 60, "x1": 70, "bottom": 80}},
    ...             {"page": 2, "bbox": {"x0": 5, "top": 30, "x1": 25, "bottom": 90}}], padding=1)
    [(1, BBoxTL(x0=49, top=59, x1=71, bottom=81)), (2, BBoxTL(x0=4, top=19, x1=31, bottom=91))]
    """
    by_page: dict[int, list[Mapping[str, Any]]] = {}
    for p in prov:
        if isinstance(p.get("page"), int) and isinstance(p.get("bbox"), dict):
            by_page.setdefault(p["page"], []).append(p["bbox"])
    return [(page, BBoxTL(min(b["x0"] for b in boxes) - padding, min(b["top"] for b in boxes) - padding,
                          max(b["x1"] for b in boxes) + padding, max(b["bottom"] for b in boxes) + padding))
            for page, boxes in sorted(by_page.items())]


def relative_boxes(frame: BBoxTL, prov: Sequence[Mapping[str, Any]], page: int) -> tuple[tuple[float, float, float, float], ...]:
    """Given a crop's box, provenance dicts and the crop's page, return that page's boxes in percent of the crop.

    >>> relative_boxes(BBoxTL(0, 0, 200, 100), [{"page": 1, "bbox": {"x0": 50, "top": 10, "x1": 150, "bottom": 60}}], 1)
    ((24.0, 8.0, 52.0, 54.0),)
    """
    width, height, pad = frame.x1 - frame.x0, frame.bottom - frame.top, OUTLINE_PADDING
    out = []
    for p in prov:
        b = p.get("bbox")
        if p.get("page") == page and isinstance(b, dict) and width > 0 and height > 0:
            box = (round(100 * (b["x0"] - pad - frame.x0) / width, 2), round(100 * (b["top"] - pad - frame.top) / height, 2),
                   round(100 * (b["x1"] - b["x0"] + 2 * pad) / width, 2),
                   round(100 * (b["bottom"] - b["top"] + 2 * pad) / height, 2))
            if box not in out:
                out.append(box)
    return tuple(out)


def location_text(prov: Sequence[Mapping[str, Any]]) -> str:
    """Given provenance dicts, return where the record sits, for people (1-based numbers).

    >>> location_text([{"table": 0, "row": 1, "col": 1, "line": 4, "char_start": 149, "char_end": 303},
    ...                {"table": 0, "row": 1, "col": 2, "line": 4}])
    'table 1, row 2, col 2 (line 4, chars 149–303); table 1, row 2, col 3 (line 4)'
    >>> location_text([{"page": 1, "table": 0, "row": 1, "col": 0}, {"page": 1, "table": 0, "row": 1, "col": 0}])
    'page 1, table 1, row 2, col 1'
    """
    seen: list[str] = []
    for p in prov:
        text = _one_location(p)
        if text and text not in seen:
            seen.append(text)
    return "; ".join(seen) or "location not recorded"


def _one_location(p: Mapping[str, Any]) -> str:
    """Given one provenance dict, return its location words (tables/rows/cols shown 1-based)."""
    where = [f"page {p['page']}"] if p.get("page") is not None else []
    where += [f"{name} {p[name] + 1}" for name in ("table", "row", "col") if p.get(name) is not None]
    extra = [f"line {p['line']}"] if p.get("line") is not None else []
    if p.get("char_start") is not None and p.get("char_end") is not None:
        extra.append(f"chars {p['char_start']}–{p['char_end']}")
    text = ", ".join(where)
    return f"{text} ({', '.join(extra)})" if extra else text


def source_view(exception: Mapping[str, Any], source_path: str | None, *, crop: bool) -> SourceView:
    """Given an `exceptions` row, its report's source path and whether to crop, return its source view (see `source_views`)."""
    return source_views([exception], source_path, crop=crop)[0]


def source_views(exceptions: Sequence[Mapping[str, Any]], source_path: str | None, *, crop: bool) -> list[SourceView]:
    """Given `exceptions` rows from one source file, its path and whether to crop, return their source views.

    PDFs get page crops when `crop` is set and the file is still there, with the file
    opened once and each page rendered once for all the rows; every card keeps the raw
    text, which is what DOCX and text cards show and what a PDF card falls back to.
    """
    provs = [parse_prov(e.get("prov")) for e in exceptions]
    pdf_provs = [prov for e, prov in zip(exceptions, provs, strict=True) if e.get("source_format") == "pdf"]
    images = iter(_pdf_crops(pdf_provs, source_path) if crop else [((), _CAP_NOTE)] * len(pdf_provs))
    views = []
    for e, prov in zip(exceptions, provs, strict=True):
        crops, note = next(images) if e.get("source_format") == "pdf" else ((), None)
        views.append(SourceView(crops, location_text(prov), note, e.get("raw_project") or "",
                                e.get("raw_reason") or "", e.get("raw_mitigation") or ""))
    return views


_CAP_NOTE = f"No image: only the first {MAX_CROPS} PDF cards get one (MAX_CROPS); showing the raw text."
_NO_BOXES_NOTE = "Image unavailable: the record has no page boxes; showing the raw text."

Region = tuple[int, BBoxTL]


def _pdf_crops(provs: Sequence[Sequence[Mapping[str, Any]]], source_path: str | None) -> list[tuple[tuple[Crop, ...], str | None]]:
    """Given the provenance of PDF records from one file and its path, return each record's crops and a note on anything missing."""
    boxes = [page_boxes(prov) for prov in provs]
    if not source_path or not Path(source_path).is_file():
        missing = f"Image unavailable: the source file is not at {source_path or '(no path recorded)'}; showing the raw text."
        return [((), missing if b else _NO_BOXES_NOTE) for b in boxes]
    uris, failures = _data_uris(Path(source_path), [region for b in boxes for region in b[:MAX_PAGES_PER_CARD]])
    return [_record_crops(prov, b, uris, failures) for prov, b in zip(provs, boxes, strict=True)]


def _data_uris(path: Path, regions: Sequence[Region]) -> tuple[dict[Region, str], dict[Region, str]]:
    """Given a PDF and (page, box) regions, return region -> PNG data URI and region -> why it has none.

    The file is opened once and the regions are cut page by page, so each page is rendered once.
    """
    uris: dict[Region, str] = {}
    failures: dict[Region, str] = {}
    wanted = sorted(dict.fromkeys(regions), key=lambda region: region[0])
    if not wanted:
        return uris, failures
    try:
        pdf = PdfPages(path, CROP_RESOLUTION)
    except Exception as e:  # noqa: BLE001 - a crop is a nicety: a changed or damaged PDF must not stop the report
        return uris, dict.fromkeys(wanted, _failure_note(e))
    with pdf:
        for region in wanted:
            try:
                uris[region] = "data:image/png;base64," + base64.b64encode(pdf.crop_png(*region)).decode("ascii")
            except Exception as e:  # noqa: BLE001 - as above
                failures[region] = _failure_note(e)
    return uris, failures


def _failure_note(error: Exception) -> str:
    """Given why a crop failed, return the card's note (our own errors say enough; others are named).

    >>> _failure_note(SlippageError("a.pdf: page 9 is not in 1..4")), _failure_note(KeyError("x"))
    ('Image unavailable (a.pdf: page 9 is not in 1..4); showing the raw text.', "Image unavailable (KeyError: 'x'); showing the raw text.")
    """
    if isinstance(error, SlippageError):
        return f"Image unavailable ({error}); showing the raw text."
    return f"Image unavailable ({type(error).__name__}: {error}); showing the raw text."


def _record_crops(prov: Sequence[Mapping[str, Any]], boxes: Sequence[Region], uris: Mapping[Region, str],
                  failures: Mapping[Region, str]) -> tuple[tuple[Crop, ...], str | None]:
    """Given a record's provenance, its (page, box) regions and the file's rendered regions, return its crops and note.

    The crops stop at the first region that failed, with that failure as the note.
    """
    if not boxes:
        return (), _NO_BOXES_NOTE
    crops: list[Crop] = []
    for page, box in boxes[:MAX_PAGES_PER_CARD]:
        if (page, box) in failures:
            return tuple(crops), failures[(page, box)]
        crops.append(Crop(page, uris[(page, box)], relative_boxes(box, prov, page)))
    more = len(boxes) - MAX_PAGES_PER_CARD
    return tuple(crops), (f"The row continues on {more} more page(s) not shown." if more > 0 else None)
