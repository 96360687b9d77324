"""The fast char dicts are exactly pdfplumber's, on every PDF we have."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from extract.pdf.chars import fast_chars
from tests.conftest import DATA, SAMPLES

UNREADABLE = {"encrypted.pdf", "truncated.pdf"}  # pdfplumber cannot open these at all
PDFS = sorted(p for p in [*SAMPLES.glob("*.pdf"), *(DATA / "pdf").glob("*.pdf")] if p.name not in UNREADABLE)
MAX_PAGES = 6  # long-table.pdf repeats one layout for 60 pages


@pytest.mark.parametrize("path", PDFS, ids=[p.name for p in PDFS])
def test_every_object_on_every_page_is_what_pdfplumber_gives(path: Path) -> None:
    with pdfplumber.open(path) as slow, pdfplumber.open(path) as fast:
        for plain, quick in list(zip(slow.pages, fast.pages, strict=True))[:MAX_PAGES]:
            fast_chars(quick)
            assert quick.objects.keys() == plain.objects.keys()
            for kind, objects in plain.objects.items():
                assert quick.objects[kind] == objects, f"{path.name} page {plain.page_number}: {kind}"
            assert quick.dedupe_chars().chars == plain.dedupe_chars().chars
            assert quick.extract_words() == plain.extract_words()

