"""Regenerate docs/review-overview.png and docs/review-pdf-card.png from the samples' review.

Run from the repository root: `.venv/bin/python docs/screenshots.py` (needs /usr/bin/chromium
and the playwright package). It ingests samples/ into a temporary folder, builds
review.html and photographs its overview and the first PDF card that has a page crop.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def main() -> None:
    """Ingest the samples, build the review and save the two screenshots under docs/."""
    from playwright.sync_api import sync_playwright

    from export.review.page import write_review
    from slippage.cli import main as cli

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "samples-out"
        if cli(["ingest", str(ROOT / "samples"), "--out", str(out), "--quiet", "--no-ner", "--no-review"]) != 0:
            raise SystemExit("ingest of samples/ failed")
        review = write_review(out)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1360, "height": 900}, device_scale_factor=1)
            page.goto(review.as_uri(), wait_until="load")
            box = page.locator("#overview").bounding_box()
            page.screenshot(path=str(ROOT / "docs" / "review-overview.png"), full_page=True,
                            clip={"x": 0, "y": 0, "width": 1360, "height": box["y"] + box["height"] + 16})
            card = page.locator("article.card:has(figure.crop)").first
            card.scroll_into_view_if_needed()
            card.locator("mark.amount").first.hover()  # show one hover tip in the picture
            card.screenshot(path=str(ROOT / "docs" / "review-pdf-card.png"))
            browser.close()


if __name__ == "__main__":
    main()
