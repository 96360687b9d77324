"""How big review.html is and how long headless Chromium takes to load it and to filter its cards.

    python bench/review_load.py OUT_DIR [--repeat N]

OUT_DIR is an ingest's output folder (e.g. of `bench/corpus.py 600`). Prints the page's size,
its cards and page images, then the median over N loads of: time to the `load` event, and
time for the flag filter to show the flagged cards (the page's heaviest script step).
Needs Debian's chromium (/usr/bin/chromium) and the dev extra's playwright.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]


def page_figures(path: Path) -> dict[str, float]:
    """Given review.html, return its size in MB, its cards and its embedded images (count and MB)."""
    text = path.read_text(encoding="utf-8")
    images = re.findall(r"data:image/png;base64,[A-Za-z0-9+/=]*", text)
    return {"MB": path.stat().st_size / 1e6, "cards": text.count('<article class="card"'),
            "images": len(images), "image MB": sum(map(len, images)) / 1e6}


def load_times(path: Path, repeat: int) -> tuple[list[float], list[float]]:
    """Given review.html and a count, return the seconds to load it and to apply a flag filter, per run."""
    from playwright.sync_api import sync_playwright

    loads, filters = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        for _ in range(repeat):
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            start = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load")
            loads.append(time.perf_counter() - start)
            start = time.perf_counter()
            page.select_option("#filter-flag", index=1)
            page.wait_for_function("document.getElementById('shown').textContent !== ''")
            filters.append(time.perf_counter() - start)
            context.close()
        browser.close()
    return loads, filters


def main() -> int:
    """Given the command line, print the page's figures; return 0 (2 when there is no page or no browser)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    page = args.out / "review.html"
    if not page.is_file() or not CHROMIUM.exists():
        print(f"need {page} and {CHROMIUM}", file=sys.stderr)
        return 2
    figures = page_figures(page)
    print(f"review.html: {figures['MB']:.1f} MB, {figures['cards']:.0f} cards, "
          f"{figures['images']:.0f} page images ({figures['image MB']:.1f} MB)")
    loads, filters = load_times(page.resolve(), args.repeat)
    print(f"headless Chromium, median of {args.repeat}: load {statistics.median(loads):.2f} s, "
          f"flag filter {statistics.median(filters):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
