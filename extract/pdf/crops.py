"""Crop images of PDF regions for the review report, rendered with pypdfium2.

A crop is the image pdfplumber's `page.crop(box).to_image(resolution=...)` gives: the
page rendered whole by PDFium without anti-aliasing, the box cut out of it and saved as a
256-colour PNG. `PdfPages` does the same with the file opened once and each page
rendered once, however many regions are cut from it; pdfplumber would parse the page
tree with pdfminer and render the page again for every region.

Boxes are in pdfplumber's coordinates (`BBoxTL`: points, top-left origin, in the frame
pdfminer builds from the MediaBox and /Rotate). PDFium renders the visible box (CropBox
within MediaBox) turned by /Rotate; `page_frame` works out where that image lies in
pdfplumber's frame. That gives pdfplumber's pixels on every page it places right, and the
right region where it does not (a CropBox on a turned page, or one beyond the MediaBox).
"""

from __future__ import annotations

import io
import math
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from extract.errors import UnreadableFile
from extract.model import BBoxTL
from extract.pdf.sideways import majority_turn

Rect = tuple[float, float, float, float]
# zlib's run-length strategy for crops (Pillow's `compress_type`): on 360 crops of a
# 100-file batch it deflated 4x faster than the default (0.5 s against 2.0 s) for 19% more
# bytes (median crop 14.7 kB against 12.4 kB); the pixels are the same.
PNG_STRATEGY = zlib.Z_RLE
# Points within which a box counts as the whole page: PDFium keeps box edges as 32-bit floats.
WHOLE_PAGE_TOLERANCE = 0.01
# Glyphs whose angles are read to find a page's turn (a page's share, not all of them).
TURN_SAMPLE = 200


@dataclass(frozen=True, slots=True)
class PageFrame:
    """Where a page and its rendered image lie in pdfplumber's coordinates.

    `page` is the whole page (the MediaBox: boxes are clipped to it, as pdfplumber's
    `crop` requires); `image` is the part the rendered image shows, so a point's pixel is
    its offset from `image`'s top-left corner times the image's pixels per point.
    """

    page: BBoxTL
    image: BBoxTL


def plumber_point(x: float, y: float, mediabox: Rect, rotation: int) -> tuple[float, float]:
    """Given a point in PDF user space, the page's MediaBox and /Rotate, return it as pdfplumber's (x, top).

    This is pdfminer's /Rotate transform (pdfinterp `process_page`) followed by
    pdfplumber's flip to a top-left origin and its MediaBox shift (`Page.process_object`);
    with the MediaBox at the origin it is the plain rotation.

    >>> plumber_point(100, 800, (0, 0, 595, 842), 0), plumber_point(100, 800, (0, 0, 595, 842), 90)
    ((100, 42), (800, 100))
    >>> plumber_point(150, 900, (50, 100, 645, 942), 0)
    (150, -58)
    """
    x0, y0, x1, y1 = mediabox
    if rotation == 90:
        return y, x - 2 * x0
    if rotation == 180:
        return x0 + x1 - x, y - 2 * y0
    if rotation == 270:
        return y0 + y1 - y, x1 - x0 - x
    return x, y1 - y0 - y


def plumber_box(rect: Rect, mediabox: Rect, rotation: int) -> BBoxTL:
    """Given a rectangle in PDF user space, the page's MediaBox and /Rotate, return it in pdfplumber's coordinates.

    >>> plumber_box((0, 0, 595, 842), (0, 0, 595, 842), 90)
    BBoxTL(x0=0, top=0, x1=842, bottom=595)
    """
    (ax, atop), (bx, btop) = (plumber_point(rect[0], rect[1], mediabox, rotation),
                              plumber_point(rect[2], rect[3], mediabox, rotation))
    return BBoxTL(min(ax, bx), min(atop, btop), max(ax, bx), max(atop, btop))


def page_frame(page: pdfium.PdfPage, turn: int = 0) -> PageFrame:
    """Given a PDFium page (and the turn the reader gave it, `extract.pdf.sideways`), return where it and its
    rendered image lie in pdfplumber's coordinates.

    PDFium reports a MediaBox only when the page itself has one; an inherited MediaBox
    is taken to be the visible box, which is exact unless the page is also cropped.
    """
    visible = _points(page.get_bbox())
    own = page.get_mediabox(fallback_ok=False)
    mediabox = _points(own) if own is not None else visible
    rotation = (page.get_rotation() + turn) % 360
    return PageFrame(plumber_box(mediabox, mediabox, rotation), plumber_box(visible, mediabox, rotation))


def reader_turn(page: pdfium.PdfPage) -> int:
    """Given a PDFium page, return the turn the PDF reader read it with (`extract.pdf.sideways`): 0 unless its text runs sideways.

    PDFium gives each glyph's angle in the page's own space, clockwise as /Rotate turns the
    display, so a glyph is upright once the page turns -(angle + rotation) more.
    """
    text = page.get_textpage()
    try:
        n = text.count_chars()
        step = max(1, n // TURN_SAMPLE)
        rotation = page.get_rotation()
        angles = (round(math.degrees(pdfium_c.FPDFText_GetCharAngle(text.raw, i)) / 90) * 90 for i in range(0, n, step))
        return majority_turn(-(angle + rotation) % 360 for angle in angles)
    finally:
        text.close()


def _points(rect: Rect) -> Rect:
    """Given a normalised box from PDFium (single-precision floats), return it as the file most likely wrote it.

    PDFium keeps boxes as 32-bit floats (595.32 comes back as 595.3200073...); pdfplumber
    reads the file's decimals, and the shortest decimal that rounds to the same float is
    almost always those decimals, so crop edges match pdfplumber's to the pixel.

    >>> _points((0.0, 0.0, 595.3200073242188, 841.9199829101562))
    (0.0, 0.0, 595.32, 841.92)
    """
    x0, y0, x1, y1 = (_shortest_single(v) for v in rect)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _shortest_single(value: float) -> float:
    """Given a float, return the shortest decimal that is the same 32-bit float (9 digits always are).

    >>> _shortest_single(595.3200073242188), _shortest_single(0.1)
    (595.32, 0.1)
    """
    single = struct.pack("<f", value)
    return next((short for digits in range(1, 10) if struct.pack("<f", short := float(f"{value:.{digits}g}")) == single), value)


def pixel_box(box: BBoxTL, frame: PageFrame, image_width: int) -> tuple[int, int, int, int]:
    """Given a box inside the page, the page's frame and its image's width in pixels, return the box in pixels.

    The arithmetic is pdfplumber's `PageImage` (one scale from the width, truncated
    offsets and sizes), so crops come out the same size to the pixel.

    >>> frame = PageFrame(BBoxTL(0, 0, 595, 842), BBoxTL(0, 0, 595, 842))
    >>> pixel_box(BBoxTL(51.3, 56.75, 533.17, 200.0), frame, 595)
    (51, 56, 532, 199)
    """
    scale = image_width / (frame.image.x1 - frame.image.x0)
    left, top = int((box.x0 - frame.image.x0) * scale), int((box.top - frame.image.top) * scale)
    return left, top, left + int((box.x1 - box.x0) * scale), top + int((box.bottom - box.top) * scale)


def _whole_page(box: BBoxTL, frame: PageFrame) -> bool:
    """Given a box clipped to the page and the page's frame, return True when it is the whole page or the whole image.

    pdfplumber shows the whole image for such a box rather than cutting it (and its edges
    may differ from PDFium's single-precision ones in the last digits, hence the tolerance).
    """
    return any(max(abs(box.x0 - b.x0), abs(box.top - b.top), abs(box.x1 - b.x1), abs(box.bottom - b.bottom)) < WHOLE_PAGE_TOLERANCE
               for b in (frame.page, frame.image))


class PdfPages:
    """A PDF opened once to crop regions from: each page is rendered when first asked for, and only the last one is kept.

    Ask for regions page by page (a page asked for again after another is rendered again).
    Use it as a context manager, or call `close`.

    Raises:
        UnreadableFile: PDFium cannot open the file (damaged, encrypted, not a PDF).
    """

    def __init__(self, path: Path, resolution: int = 100) -> None:
        self.path = Path(path)
        self.resolution = resolution
        try:
            self._pdf = pdfium.PdfDocument(self.path)
        except pdfium.PdfiumError as e:
            raise UnreadableFile(f"{self.path.name}: not a readable PDF ({e})") from e
        self._last: tuple[int, pdfium.PdfBitmap, Image.Image, PageFrame] | None = None

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Drop the rendered page and close the file."""
        self._drop_page()
        self._pdf.close()

    def crop_png(self, page: int, bbox: BBoxTL) -> bytes:
        """Render one region of a PDF page as a PNG.

        Args:
            page: 1-based page number, as in `Prov.page`.
            bbox: the region in points, top-left origin (`Prov.bbox`); it is clipped to the page.

        Returns:
            The PNG file's bytes.

        Raises:
            UnreadableFile: the page does not exist or the box misses the page.
        """
        image, frame = self._page(page)
        p = frame.page
        box = BBoxTL(max(bbox.x0, p.x0), max(bbox.top, p.top), min(bbox.x1, p.x1), min(bbox.bottom, p.bottom))
        if box.x0 >= box.x1 or box.top >= box.bottom:
            raise UnreadableFile(f"{self.path.name}: box {bbox} lies outside page {page} ({(p.x0, p.top, p.x1, p.bottom)})")
        region = image if _whole_page(box, frame) else image.crop(pixel_box(box, frame, image.width))
        return _png(region, self.resolution)

    def _page(self, page: int) -> tuple[Image.Image, PageFrame]:
        """Given a 1-based page number, return that page's image and frame, rendering it unless it was the last one."""
        if self._last is None or self._last[0] != page:
            if not 1 <= page <= len(self._pdf):
                raise UnreadableFile(f"{self.path.name}: page {page} is not in 1..{len(self._pdf)}")
            self._drop_page()  # let the previous page's bitmap go before the next one is drawn
            pdf_page = self._pdf[page - 1]
            try:
                turn = reader_turn(pdf_page)
                bitmap = _render(pdf_page, self.resolution, turn)
                self._last = (page, bitmap, bitmap.to_pil(), page_frame(pdf_page, turn))
            finally:
                pdf_page.close()
        return self._last[2], self._last[3]

    def _drop_page(self) -> None:
        """Free the last rendered page (its image is a view of the bitmap's memory)."""
        if self._last is not None:
            self._last[1].close()
            self._last = None


def _render(page: pdfium.PdfPage, resolution: int, turn: int = 0) -> pdfium.PdfBitmap:
    """Given a PDFium page and pixels per inch, return its bitmap, drawn as pdfplumber's `to_image` draws it.

    The same flags as pdfplumber (no anti-aliasing, 4-byte pixels), but in RGB byte order,
    so PIL can view the bitmap without copying it; crops are converted to RGB one by one.
    """
    return page.render(scale=resolution / 72, rotation=turn, no_smoothtext=True, no_smoothpath=True, no_smoothimage=True,
                       prefer_bgrx=True, rev_byteorder=True)


def _png(image: Image.Image, resolution: int) -> bytes:
    """Given an image and its pixels per inch, return it as a 256-colour PNG (the pixels of pdfplumber's `PageImage.save`)."""
    buffer = io.BytesIO()
    image.convert("RGB").quantize(256, method=Image.Quantize.FASTOCTREE).save(
        buffer, format="PNG", bits=8, dpi=(resolution, resolution), compress_type=PNG_STRATEGY)
    return buffer.getvalue()


def crop_png(path: Path, page: int, bbox: BBoxTL, resolution: int = 100) -> bytes:
    """Render one region of a PDF page as a PNG (see `PdfPages.crop_png`; to cut many, open a `PdfPages` once).

    Args:
        path: the PDF file.
        page: 1-based page number, as in `Prov.page`.
        bbox: the region in points, top-left origin (`Prov.bbox`); it is clipped to the page.
        resolution: pixels per inch of the image.

    Returns:
        The PNG file's bytes.

    Raises:
        UnreadableFile: the file is not a readable PDF, the page does not exist or the box misses the page.
    """
    with PdfPages(path, resolution) as pdf:
        return pdf.crop_png(page, bbox)
