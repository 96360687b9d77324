"""One report in several formats is recognised from its content; different reports are not."""

from __future__ import annotations

import re
from functools import cache
from itertools import combinations
from pathlib import Path

import docx
import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalise.identity.fingerprint import (
    DEFAULT_DUPLICATE_THRESHOLD,
    Fingerprint,
    content_fingerprint,
    find_duplicates,
    same_report,
)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
YEARS = ("2016-17", "2018-19")
FORMATS = ("docx", "pdf", "txt")


def crude_texts(path: Path) -> list[str]:
    """Given a sample, return its text crudely: DOCX paragraphs and cells, PDF pages, the raw text."""
    if path.suffix == ".docx":
        document = docx.Document(str(path))
        texts = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                texts += list(dict.fromkeys(cell.text for cell in row.cells))  # merged cells repeat
        return texts
    if path.suffix == ".pdf":
        with pdfplumber.open(path) as pdf:
            return [page.extract_text() or "" for page in pdf.pages]
    return [path.read_text(encoding="utf-8")]


@cache
def fingerprint(year: str, fmt: str) -> Fingerprint:
    """Given a sample's year and format, return its fingerprint."""
    return content_fingerprint(crude_texts(SAMPLES / f"{year}_project_exceptions.{fmt}"))


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize(("fmt_a", "fmt_b"), list(combinations(FORMATS, 2)))
def test_same_year_formats_are_one_report(year: str, fmt_a: str, fmt_b: str) -> None:
    assert same_report(fingerprint(year, fmt_a), fingerprint(year, fmt_b)) >= 0.95


@pytest.mark.parametrize("fmt_a", FORMATS)
@pytest.mark.parametrize("fmt_b", FORMATS)
def test_different_years_are_different_reports(fmt_a: str, fmt_b: str) -> None:
    assert same_report(fingerprint("2016-17", fmt_a), fingerprint("2018-19", fmt_b)) < 0.1


def test_six_samples_are_two_reports_and_docx_is_kept() -> None:
    reports = [(f"{y}.{f}", f, fingerprint(y, f)) for y in YEARS for f in FORMATS]
    duplicates = find_duplicates(reports)
    assert duplicates == {
        "2016-17.pdf": "2016-17.docx", "2016-17.txt": "2016-17.docx",
        "2018-19.pdf": "2018-19.docx", "2018-19.txt": "2018-19.docx",
    }
    assert len({rid for rid, _, _ in reports} - set(duplicates)) == 2
    assert find_duplicates(list(reversed(reports))) == duplicates  # input order does not matter


def test_keep_prefers_pdf_over_txt_then_report_id() -> None:
    fp = fingerprint("2018-19", "txt")
    assert find_duplicates([("b", "txt", fp), ("c", "pdf", fp), ("a", "txt", fp)]) == {"a": "c", "b": "c"}
    assert find_duplicates([("b", "txt", fp), ("a", "txt", fp)]) == {"b": "a"}


def test_layout_noise_does_not_matter() -> None:
    plain = ["Shared Lives: savings of £0.060m in 2018/19 are at risk because the co-ordinator post was vacant."]
    noisy = [
        "<p>• Shared Lives: savings of £0.060m in</p>",
        "2018/19 are at risk be-",
        "cause the co-ordinator\n post was <i>vacant</i>.",
    ]
    assert same_report(content_fingerprint(plain), content_fingerprint(noisy)) == 1.0


def test_next_issue_with_one_changed_amount_is_not_a_copy() -> None:
    # A later issue repeats most rows word for word; here only one amount moved.
    text = (SAMPLES / "2018-19_project_exceptions.txt").read_text(encoding="utf-8")
    assert "£62,000" in text
    later = text.replace("£62,000", "£48,000", 1)
    score = same_report(content_fingerprint([text]), content_fingerprint([later]))
    assert score < DEFAULT_DUPLICATE_THRESHOLD
    # A word-only edit is tolerated like extraction noise (a known limit: such a revision
    # would be taken for a copy).
    reworded = re.sub(r"Town View scheme", "Town View development", text, count=1)
    assert same_report(content_fingerprint([text]), content_fingerprint([reworded])) >= DEFAULT_DUPLICATE_THRESHOLD


def test_empty_documents() -> None:
    empty = content_fingerprint([""])
    assert len(empty) == 0 and not empty
    assert find_duplicates([("a", "pdf", empty), ("b", "txt", fingerprint("2016-17", "txt"))]) == {}
    assert find_duplicates([("a", "pdf", empty), ("b", "txt", empty)]) == {}  # two unreadable scans


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["£5k", "£6k", "£1m", "2018/19", "2019/20", "12%", "care", "homes", "delay"]),
                         min_size=1, max_size=6), min_size=2, max_size=8))
def test_candidate_pairs_never_drop_a_duplicate(docs: list[list[str]]) -> None:
    """The figure index prunes pairs but finds every pair the full comparison finds."""
    from normalise.identity.fingerprint import candidate_pairs, same_report

    prints = [content_fingerprint([" ".join(d)]) for d in docs]
    brute = {(i, j) for i, j in combinations(range(len(prints)), 2) if same_report(prints[i], prints[j]) >= 0.9}
    assert brute <= set(candidate_pairs(prints, 0.9))
