"""Crop images of PDF regions for the review report (pdfplumber's `to_image`, via pypdfium2)."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber

from extract.errors import UnreadableFile
from extract.model import BBoxTL


def crop_png(path: Path, page: int, bbox: BBoxTL, resolution: int = 100) -> bytes:
    """Render one region of a PDF page as a PNG.

    Args:
        path: the PDF file.
        page: 1-based page number, as in `Prov.page`.
        bbox: the region in points, top-left origin (`Prov.bbox`); it is clipped to the page.
        resolution: pixels per inch of the image.

    Returns:
        The PNG file's bytes.

    Raises:
        UnreadableFile: the page does not exist or the box misses the page.
    """
    with pdfplumber.open(path) as pdf:
        if not 1 <= page <= len(pdf.pages):
            raise UnreadableFile(f"{path.name}: page {page} is not in 1..{len(pdf.pages)}")
        p = pdf.pages[page - 1]
        x0, top, x1, bottom = p.bbox
        box = (max(bbox.x0, x0), max(bbox.top, top), min(bbox.x1, x1), min(bbox.bottom, bottom))
        if box[0] >= box[2] or box[1] >= box[3]:
            raise UnreadableFile(f"{path.name}: box {bbox} lies outside page {page} ({p.bbox})")
        buffer = io.BytesIO()
        p.crop(box).to_image(resolution=resolution).save(buffer, format="PNG")
        return buffer.getvalue()
