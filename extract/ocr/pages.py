"""OCR for PDF pages with no text layer: which pages, and their words and rulings.

A scanned page is a picture of text. `PageOcr.wants` decides per page (`--ocr auto`: a
page with almost no text-layer words under an image covering most of it; `always`: every
page; `never`: none), and `PageOcr.read` renders it with pypdfium2, straightens it
(`extract.ocr.render`), finds its table rulings (`extract.ocr.rulings`), reads the words
with tesseract (`extract.ocr.engine`; a ruled table cell by cell, `extract.ocr.cells`) and
returns them as the `Word`s and explicit table
lines the digital path uses (`extract.ocr.words`), in PDF points with a top-left origin,
so a scanned page goes through the same table finder, line grouping and paragraphs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import pypdfium2 as pdfium

from extract.model import ReadVia
from extract.ocr.cells import read_by_cells, ruled_cells
from extract.ocr.engine import OcrUnavailable, OcrWord, find_tesseract, read_words
from extract.ocr.render import deskew, despeckle, ink, native_dpi, render_page, skew_angle
from extract.ocr.rulings import erase, find_rulings, table_lines
from extract.ocr.words import to_words
from extract.pdf.body_text import MARGIN_FRACTION
from extract.pdf.lines import Word
from extract.settings import ExtractSettings

# `auto` OCRs a page with fewer text-layer words than this in its body (a page number or
# a running footer stamped on a scan, in the top or bottom MARGIN_FRACTION, is no text
# layer; OCR reads them from the rendered page with the rest)...
MAX_TEXT_WORDS = 5
# ...when images cover at least this share of it (a scan is one page-sized picture).
MIN_IMAGE_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class OcrPage:
    """One page read by OCR.

    Attributes:
        words: the words, in PDF points with pdfplumber's geometry.
        table_lines: the rulings found in the image, as pdfplumber explicit-line settings.
        confidence: the engine's mean word confidence over the page's characters, 0-1.
        angle: the skew undone before reading, in degrees.
    """

    words: tuple[Word, ...]
    table_lines: dict[str, list[dict[str, float | str]]]
    confidence: float
    angle: float


class PageOcr:
    """OCR for one PDF file's pages; opens the file with pypdfium2 only once a page needs it."""

    def __init__(self, path: Path, settings: ExtractSettings) -> None:
        self.path = path
        self.mode = settings.ocr
        self.dpi = settings.ocr_dpi
        self._pdf: pdfium.PdfDocument | None = None

    def __enter__(self) -> PageOcr:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None

    def wants(self, page: Any, words: Sequence[Word]) -> bool:
        """Given a pdfplumber page and its text-layer words, return whether the page is to be read by OCR."""
        if self.mode == "never":
            return False
        if self.mode == "always":
            return True
        _, top, _, bottom = page.bbox
        body = [w for w in words if top + MARGIN_FRACTION * (bottom - top) < w.top and w.bottom < bottom - MARGIN_FRACTION * (bottom - top)]
        return len(body) < MAX_TEXT_WORDS and image_share(page) >= MIN_IMAGE_SHARE

    def read(self, page: Any) -> OcrPage:
        """Given a pdfplumber page, return its words and rulings read from its rendered image.

        Raises:
            OcrUnavailable: tesseract (or its English data) is not installed.
            UnreadableFile: the engine failed on the page.
        """
        try:
            find_tesseract()  # before rendering: a missing engine fails the file at once, with the install line
        except OcrUnavailable as e:
            raise OcrUnavailable(f"{self.path.name}: page {page.page_number} is a scan with no text layer and needs OCR, but {e}") from e
        if self._pdf is None:
            self._pdf = pdfium.PdfDocument(self.path)
        dpi = native_dpi(page, self.dpi)
        pixels = render_page(self._pdf[page.page_number - 1], dpi)
        angle = skew_angle(pixels)
        pixels = despeckle(deskew(pixels, angle), dpi)
        mask = ink(pixels)
        rulings = find_rulings(mask, dpi)
        scale = float(page.width) / pixels.shape[1]
        origin = (float(page.bbox[0]), float(page.bbox[1]))
        lines = table_lines(rulings, origin, scale)
        erased = erase(pixels, rulings)
        cells = ruled_cells(page, lines, origin, scale)
        found = read_by_cells(erased, cells, dpi) if cells else read_words(erased, dpi)
        words = to_words(found, (pixels, mask & ~rulings.mask), origin, scale)
        return OcrPage(words, lines, mean_confidence(found), angle)


def read_via(ocr_pages: int, text_pages: int) -> ReadVia | None:
    """Given how many pages with words were read by OCR and how many have words at all, return the document's `read_via`.

    >>> read_via(3, 3), read_via(1, 3), read_via(0, 3)
    ('ocr', 'ocr-partial', None)
    """
    if not ocr_pages:
        return None
    return "ocr" if ocr_pages >= text_pages else "ocr-partial"


def image_share(page: Any) -> float:
    """Given a pdfplumber page, return the share of its area that images cover (overlaps counted once per image, capped at 1)."""
    x0, top, x1, bottom = page.bbox
    area = float((x1 - x0) * (bottom - top)) or 1.0
    covered = 0.0
    for image in page.images:
        w = min(x1, image["x1"]) - max(x0, image["x0"])
        h = min(bottom, image["bottom"]) - max(top, image["top"])
        covered += max(0.0, w) * max(0.0, h)
    return min(1.0, covered / area)


def mean_confidence(found: Sequence[OcrWord]) -> float:
    """Given OCR words, return their confidence weighted by length, as 0-1 (0 with no words).

    >>> mean_confidence([OcrWord("Slippage", 0, 0, 1, 1, 90.0, (1, 1, 1)), OcrWord("of", 0, 0, 1, 1, 40.0, (1, 1, 1))])
    0.8
    """
    chars = sum(len(w.text) for w in found)
    return round(sum(w.conf * len(w.text) for w in found) / chars / 100, 3) if chars else 0.0
