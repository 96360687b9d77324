"""Make image-only ("scanned") copies of digital PDFs for the OCR tests.

    .venv/bin/python tests/data/scans/make_scans.py [OUT_DIR]
    .venv/bin/python tests/data/scans/make_scans.py --harsh OUT_DIR   # 150 dpi, up to 2.5°, more dust

Each page is rendered at 200 dpi greyscale, turned by a seeded angle of up to 0.8 degrees
(a sheet fed slightly askew), sprinkled with speckle (dust and toner dots), and saved as
a JPEG-compressed greyscale image in a PDF with no text layer, as a copier's "scan to
PDF" makes it. `*_mixed.pdf` is a digital PDF whose page 2 is replaced by its scan, as
when one signed or annotated page is rescanned into a report. The same seed gives the
same pages (only the PDFs' creation dates differ), so the committed copies can be rebuilt.
"""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
DPI = 200
MAX_ANGLE = 0.8
# Share of pixels turned into dark dust specks and into white drop-outs.
SPECKLE_DARK = 0.0015
SPECKLE_LIGHT = 0.0015
JPEG_QUALITY = 40
SEED = 11
# (source, copy name): the two samples, a ruled landscape capital table and a borderless
# two-row-header savings table from the test corpora (other layouts than the samples).
SOURCES = (
    (ROOT / "samples" / "2016-17_project_exceptions.pdf", "2016-17_project_exceptions_scan.pdf"),
    (ROOT / "samples" / "2018-19_project_exceptions.pdf", "2018-19_project_exceptions_scan.pdf"),
    (ROOT / "tests/data/layouts/docs/l1_highways_capital_slippage_2023-24_q2.pdf", "l1_highways_capital_slippage_2023-24_q2_scan.pdf"),
    (ROOT / "tests/data/corpus/docs/d5_savings_two_row_header_2020-21_borderless.pdf", "d5_savings_two_row_header_2020-21_scan.pdf"),
)
MIXED = (ROOT / "samples" / "2016-17_project_exceptions.pdf", "2016-17_project_exceptions_mixed.pdf", 2)
# Layouts with no ruled table, added later (made after the mixed copy, so the copies above
# keep their pages): PRINCE2-style exception forms and a highlight report's blocks.
MORE = (
    (ROOT / "tests/data/layouts/docs/l5_project_exception_forms_2023-24_q3.pdf", "l5_project_exception_forms_2023-24_q3_scan.pdf"),
    (ROOT / "tests/data/layouts/docs/l4_highlight_report_workstreams_2024-25_p3.pdf", "l4_highlight_report_workstreams_2024-25_p3_scan.pdf"),
)


# Scans that met the OCR reader's gaps (made after MORE, so the copies above keep their pages):
# a ruled table whose header row sits above a merged programme row (its cell borders are one
# row high), a title wrapped over two lines under a metadata title that is the file's name
# (as some scanning tools write it), and justified prose whose even spaces are wide.
FILE_NAME_TITLED = "l11_key_issues_register_two_projects_2024-25_q2_scan.pdf"
LATER = (
    (ROOT / "tests/data/layouts/docs/l9_budget_monitoring_subtotals_2024-25_q3.pdf", "l9_budget_monitoring_subtotals_2024-25_q3_scan.pdf"),
    (ROOT / "tests/data/layouts/docs/l11_key_issues_register_two_projects_2024-25_q2.pdf",
     "l11_key_issues_register_two_projects_2024-25_q2_scan.pdf"),
    (ROOT / "tests/data/layouts/docs/l13_cabinet_report_headed_sections_2024-25_q2.pdf",
     "l13_cabinet_report_headed_sections_2024-25_q2_scan.pdf"),
)
# Third-round layouts (made after LATER, so the copies above keep their pages): numbered paragraphs with no
# field labels on lines of their own, and an appendix with running headers, footers and a footnote.
THIRD_ROUND = (
    (ROOT / "tests/data/layouts/docs/l29_numbered_slippage_paragraphs_2024-25_q3.pdf", "l29_numbered_slippage_paragraphs_2024-25_q3_scan.pdf"),
    (ROOT / "tests/data/layouts/docs/l33_appendix_running_headers_footnote_2024-25_q3.pdf",
     "l33_appendix_running_headers_footnote_2024-25_q3_scan.pdf"),
)


def scanned_page(page: pdfium.PdfPage, rng: random.Random) -> Image.Image:
    """Given a PDF page and a seeded generator, return the page as a skewed, speckled greyscale scan."""
    image = page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
    angle = rng.uniform(-MAX_ANGLE, MAX_ANGLE)
    image = image.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    pixels = np.asarray(image).copy()
    noise = np.random.default_rng(rng.randrange(2**32)).random(pixels.shape)
    pixels[noise < SPECKLE_DARK] = 40
    pixels[noise > 1 - SPECKLE_LIGHT] = 255
    return Image.fromarray(pixels, mode="L")


def save_images(images: list[Image.Image], path: Path, title: str | None = "") -> None:
    """Given page images, write them as an image-only PDF at DPI (`title`: its metadata title; None: the file's name)."""
    first, *rest = images
    # title="": Pillow would otherwise store the file name as the PDF's title, as only some scanning tools do
    extra = {} if title is None else {"title": title}
    first.save(path, "PDF", resolution=DPI, save_all=True, append_images=rest, quality=JPEG_QUALITY, **extra)


def scan_copy(source: Path, target: Path, rng: random.Random, title: str | None = "") -> None:
    """Given a digital PDF, write its image-only copy (`title` as `save_images`)."""
    pdf = pdfium.PdfDocument(source)
    save_images([scanned_page(pdf[i], rng) for i in range(len(pdf))], target, title)


def mixed_copy(source: Path, target: Path, page_no: int, rng: random.Random) -> None:
    """Given a digital PDF and a 1-based page number, write a copy with that page replaced by its scan."""
    pdf = pdfium.PdfDocument(source)
    buffer = io.BytesIO()
    save_images([scanned_page(pdf[page_no - 1], rng)], buffer)  # type: ignore[arg-type]
    scan = pdfium.PdfDocument(buffer.getvalue())
    pdf.del_page(page_no - 1)
    pdf.import_pages(scan, index=page_no - 1)
    pdf.save(target)


def main(out: Path) -> None:
    """Write every scanned copy into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    for source, name in SOURCES:
        scan_copy(source, out / name, rng)
    source, name, page_no = MIXED
    mixed_copy(source, out / name, page_no, rng)
    for source, name in MORE + LATER + THIRD_ROUND:
        scan_copy(source, out / name, rng, None if name == FILE_NAME_TITLED else "")


def harsh(out: Path) -> None:
    """Write harsher copies of the two samples into `out` (not committed; for trying the reader's limits).

    150 dpi, turned by up to 2.5 degrees, twice the dust: on 2026-12-01 they scored rows
    1.000, text 0.994 and 0.993, amounts 1.000.
    """
    global DPI, MAX_ANGLE, SPECKLE_DARK  # noqa: PLW0603 - a one-off variant of the same recipe
    DPI, MAX_ANGLE, SPECKLE_DARK = 150, 2.5, 2 * SPECKLE_DARK
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(3)
    for source, name in SOURCES[:2]:
        scan_copy(source, out / name.replace("_scan", "_harsh"), rng)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--harsh":
        harsh(Path(sys.argv[2]))
    else:
        main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
