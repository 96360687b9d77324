"""Pages per second for scanned PDFs read by OCR, and where a page's time goes.

    python bench/ocr.py [--repeat N]

Reads every scanned fixture in tests/data/scans N times in this process (one tesseract
thread, as the workers run it) and prints pages/s for the whole read beside the digital
originals' pages/s, then the mean seconds per OCR'd page of each step: render, deskew,
despeckle, rulings, table cells, tesseract (page and cells in one call) and turning its
words into layout words. Machine load
changes the figures a lot (tesseract is nearly all of them): run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

from extract.ocr.cells import read_by_cells, ruled_cells  # noqa: E402
from extract.ocr.render import deskew, despeckle, ink, native_dpi, render_page, skew_angle  # noqa: E402
from extract.ocr.rulings import erase, find_rulings, table_lines  # noqa: E402
from extract.ocr.words import to_words  # noqa: E402
from extract.read import read_document  # noqa: E402
from extract.settings import DEFAULT_OCR_DPI  # noqa: E402

SCANS = ROOT / "tests" / "data" / "scans"
ORIGINALS = [ROOT / "samples" / "2016-17_project_exceptions.pdf", ROOT / "samples" / "2018-19_project_exceptions.pdf",
             ROOT / "tests/data/layouts/docs/l1_highways_capital_slippage_2023-24_q2.pdf",
             ROOT / "tests/data/corpus/docs/d5_savings_two_row_header_2020-21_borderless.pdf"]


def _pages_per_second(paths: list[Path], repeat: int) -> tuple[float, int]:
    """Given PDFs, return the pages read per second over `repeat` reads of each, and the pages read."""
    pages, start = 0, time.perf_counter()
    for _ in range(repeat):
        for path in paths:
            pages += read_document(path).n_pages or 0
    return pages / (time.perf_counter() - start), pages


def _steps(path: Path, index: int, times: dict[str, list[float]]) -> None:
    """Given a scanned PDF and a 0-based page index, run the OCR steps one by one, adding each step's seconds to `times`."""
    def timed(name: str, fn: Callable[..., Any], *args: Any) -> Any:
        start = time.perf_counter()
        out = fn(*args)
        times[name].append(time.perf_counter() - start)
        return out

    with pdfplumber.open(path) as plumbed:
        page = plumbed.pages[index]
        dpi = native_dpi(page, DEFAULT_OCR_DPI)
        pixels = timed("render", render_page, pdfium.PdfDocument(path)[index], dpi)
        pixels = timed("deskew", lambda p: deskew(p, skew_angle(p)), pixels)
        pixels = timed("despeckle", despeckle, pixels, dpi)
        mask = ink(pixels)
        rulings = timed("rulings", find_rulings, mask, dpi)
        scale = float(page.width) / pixels.shape[1]
        cells = timed("cells", ruled_cells, page, table_lines(rulings, (0.0, 0.0), scale), (0.0, 0.0), scale)
        found = timed("tesseract", read_by_cells, erase(pixels, rulings), cells, dpi)
        timed("words", to_words, found, (pixels, mask & ~rulings.mask), (0.0, 0.0), scale)

def main() -> int:
    """Given the command line, time the reads and steps and print the figures; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    scans = sorted(SCANS.glob("*_scan.pdf"))
    ocr_rate, ocr_pages = _pages_per_second(scans, args.repeat)
    digital_rate, digital_pages = _pages_per_second(ORIGINALS, args.repeat)
    print(f"OCR:     {ocr_rate:6.2f} pages/s ({ocr_pages} pages of {len(scans)} scanned PDFs)")
    print(f"digital: {digital_rate:6.2f} pages/s ({digital_pages} pages of the same documents)")
    times: dict[str, list[float]] = defaultdict(list)
    for path in scans:
        for index in range(len(pdfium.PdfDocument(path))):
            _steps(path, index, times)
    total = sum(statistics.mean(v) for v in times.values())
    print("seconds per OCR'd page, by step:")
    for name, values in times.items():
        print(f"  {name:<10} {statistics.mean(values):6.3f}  ({statistics.mean(values) / total:4.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
