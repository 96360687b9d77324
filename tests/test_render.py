"""PDF crops for the review: pdfplumber's pixels, each page rendered once, odd page geometry, and errors.

The odd geometries are hand-written one-page PDFs (a MediaBox off the origin, an inherited
MediaBox, a CropBox, /Rotate) with rows of Helvetica text; every crop is compared with
what pdfplumber's `page.crop(box).to_image()` draws for the same box (of a page whose
/Rotate shows it sideways, which the reader turns upright: of its upright twin).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pdfplumber
import pytest
from PIL import Image

import extract.pdf.crops
from extract.errors import UnreadableFile
from extract.model import BBoxTL
from extract.pdf.crops import PdfPages, crop_png
from extract.pdf.sideways import sideways_turn, turned
from tests.conftest import DATA, SAMPLES

S1819 = SAMPLES / "2018-19_project_exceptions.pdf"


def tiny_pdf(path: Path, page_attrs: str, parent_attrs: str = "", pages: int = 1, cm: str = "") -> Path:
    """Write a PDF of `pages` pages, each with the given page and parent (Pages) dictionary entries and rows of text
    (drawn through the matrix `cm`, if given)."""
    rows = [f"BT /F1 {10 + i % 3 * 2} Tf {80 + (i % 4) * 30} {820 - i * 40} Td (Row {i}: the project slipped by 12,000) Tj ET\n"
            f"0.{i % 9 + 1} 0.2 0.5 RG 1 w 70 {812 - i * 40} 420 30 re S" for i in range(12)]
    stream = (f"q {cm} cm\n" + "\n".join(rows) + "\nQ" if cm else "\n".join(rows)).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{' '.join(f'{4 + 2 * i} 0 R' for i in range(pages))}] /Count {pages} {parent_attrs} >>".encode(),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i in range(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R "
                       f"{page_attrs} >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def reader_turn(path: Path, page: int = 1) -> int:
    """Given a PDF and a page, return the turn the PDF reader gives the page (`extract.pdf.sideways`)."""
    with pdfplumber.open(path) as pdf:
        return sideways_turn(pdf.pages[page - 1].chars)


def word_boxes(path: Path, page: int = 1) -> list[BBoxTL]:
    """Given a PDF, return padded boxes around runs of its words on a page (the reader's coordinates; words outside
    the page's visible box left out)."""
    with pdfplumber.open(path) as pdf:
        read = pdf.pages[page - 1]
        turn = sideways_turn(read.chars)
        read = turned(read, turn) if turn else read
        x0, top, x1, bottom = read.cropbox
        words = [w for w in read.extract_words() if x0 < w["x0"] and top < w["top"] and w["x1"] < x1 and w["bottom"] < bottom]
    runs = [words[i:i + 4] for i in range(0, len(words), max(1, len(words) // 6))]
    return [BBoxTL(min(w["x0"] for w in run) - 3, min(w["top"] for w in run) - 3,
                   max(w["x1"] for w in run) + 3, max(w["bottom"] for w in run) + 3) for run in runs]


def pixels(png: bytes) -> np.ndarray:
    """Given PNG bytes, return the image's RGB pixels."""
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def plumber_pixels(path: Path, page: int, box: BBoxTL, resolution: int = 100) -> np.ndarray:
    """Given a PDF, a page and a box on it, return the pixels pdfplumber's `to_image` gives for that box clipped to the page."""
    with pdfplumber.open(path) as pdf:
        p = pdf.pages[page - 1]
        x0, top, x1, bottom = p.bbox
        clipped = (max(box.x0, x0), max(box.top, top), min(box.x1, x1), min(box.bottom, bottom))
        buffer = io.BytesIO()
        p.crop(clipped).to_image(resolution=resolution).save(buffer, format="PNG")
    return pixels(buffer.getvalue())


A4 = "0 0 595 842"
GEOMETRIES = {
    "plain": (f"/MediaBox [{A4}]", ""),
    "inherited-mediabox": ("", f"/MediaBox [{A4}]"),
    "offset-mediabox": ("/MediaBox [50 100 645 942]", ""),
    "negative-mediabox": ("/MediaBox [-100 -50 495 792]", ""),
    "cropbox": (f"/MediaBox [{A4}] /CropBox [30 60 500 800]", ""),
    "offset-cropbox": ("/MediaBox [50 100 645 942] /CropBox [80 150 600 900]", ""),
    "rotate-90": (f"/MediaBox [{A4}] /Rotate 90", ""),
    "rotate-180-offset": ("/MediaBox [50 100 645 942] /Rotate 180", ""),
    "rotate-270-offset": ("/MediaBox [50 100 645 942] /Rotate 270", ""),
    "inherited-rotate": ("", f"/MediaBox [{A4}] /Rotate -90"),
    "word-a4-decimals": ("/MediaBox [0 0 595.32 841.92]", ""),
}


@pytest.mark.parametrize("geometry", list(GEOMETRIES))
def test_crops_are_pdfplumbers_pixels_whatever_the_page_geometry(geometry: str, tmp_path: Path) -> None:
    pdf = tiny_pdf(tmp_path / f"{geometry}.pdf", *GEOMETRIES[geometry])
    boxes = word_boxes(pdf)
    assert len(boxes) >= 5
    # a page whose /Rotate shows its text sideways is read (and cropped) turned upright: as its twin
    # with that rotation taken off draws it
    turn = reader_turn(pdf)
    twin = pdf if not turn else tiny_pdf(tmp_path / "upright.pdf", *(_turned_by(g, turn) for g in GEOMETRIES[geometry]))
    assert turn == 0 or reader_turn(twin) == 0
    with PdfPages(pdf) as pages:
        for box in boxes:
            ours = pixels(pages.crop_png(1, box))
            assert ours.shape == plumber_pixels(twin, 1, box).shape and (ours == plumber_pixels(twin, 1, box)).all(), box
            assert ours.min() < 100  # the words are in it


def _turned_by(geometry: str, turn: int) -> str:
    """Given a page's geometry entries and a turn, return them with the turn added to its /Rotate."""
    return re.sub(r"/Rotate (-?\d+)", lambda m: f"/Rotate {(int(m.group(1)) + turn) % 360}", geometry)


def test_sample_crops_are_pdfplumbers_pixels() -> None:
    for page in (1, 2):
        for box in word_boxes(S1819, page)[:4] + [BBoxTL(51.3, 56.75, 533.17, 200.0)]:
            assert (pixels(crop_png(S1819, page, box)) == plumber_pixels(S1819, page, box)).all()


def ink(image: np.ndarray) -> int:
    """Given RGB pixels, return how many are dark (text and lines)."""
    return int((image < 100).any(axis=2).sum())


def test_a_cropped_turned_page_crops_the_region_pdfplumber_misses(tmp_path: Path) -> None:
    # pdfplumber places a CropBox on a turned page wrongly; the same page without the
    # CropBox shows what the region holds (a CropBox only narrows what is drawn). The text is
    # drawn turned back, so the page shows it upright and the reader keeps the page's turn.
    upright = "0 0.7 -0.7 0 595 0"
    cropped = tiny_pdf(tmp_path / "cropped.pdf", f"/MediaBox [{A4}] /CropBox [30 60 500 800] /Rotate 90", cm=upright)
    whole = tiny_pdf(tmp_path / "whole.pdf", f"/MediaBox [{A4}] /Rotate 90", cm=upright)
    assert reader_turn(cropped) == 0
    missed = 0
    for box in word_boxes(cropped):
        ours, truth = pixels(crop_png(cropped, 1, box)), pixels(crop_png(whole, 1, box))
        # (a box the CropBox's edge cuts differs by a few edge pixels)
        assert ours.shape == truth.shape and abs(ink(ours) - ink(truth)) <= 0.02 * ink(truth) + 4
        missed += ink(plumber_pixels(cropped, 1, box)) < 0.7 * ink(truth)
    assert missed >= 3  # where pdfplumber's own crop loses the words


def test_each_page_is_rendered_once_for_all_its_crops(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    renders = []
    real = extract.pdf.crops._render

    def counting(page: object, resolution: int, turn: int = 0) -> object:
        renders.append(page)
        return real(page, resolution, turn)  # type: ignore[arg-type]

    monkeypatch.setattr(extract.pdf.crops, "_render", counting)
    pdf = tiny_pdf(tmp_path / "two.pdf", f"/MediaBox [{A4}]", pages=2)
    with PdfPages(pdf) as pages:
        pngs = [pages.crop_png(page, box) for page in (1, 2) for box in word_boxes(pdf, page)]
    assert len(pngs) > 4 and len(renders) == 2


def test_a_missing_page_a_box_off_the_page_and_a_damaged_file_are_unreadable(tmp_path: Path) -> None:
    with PdfPages(S1819) as pages:
        with pytest.raises(UnreadableFile, match="page 9 is not in 1..4"):
            pages.crop_png(9, BBoxTL(0, 0, 10, 10))
        with pytest.raises(UnreadableFile, match=r"lies outside page 1 \(\(0"):
            pages.crop_png(1, BBoxTL(700, 10, 720, 20))
        assert pages.crop_png(1, BBoxTL(-50, -50, 100, 100))[:4] == b"\x89PNG"  # clipped to the page
    with pytest.raises(UnreadableFile, match=r"truncated.pdf: not a readable PDF"):
        crop_png(DATA / "pdf" / "truncated.pdf", 1, BBoxTL(0, 0, 10, 10))
    with pytest.raises(UnreadableFile, match=r"not a readable PDF"):
        crop_png(DATA / "pdf" / "encrypted.pdf", 1, BBoxTL(0, 0, 10, 10))
