"""Scanned PDFs read by OCR (issue 11): image-only copies of the samples and of nine other layouts.

`tests/data/scans/make_scans.py` made the copies: every page rendered at 200 dpi greyscale,
turned by up to 0.8 degrees, speckled and saved as JPEG images in a PDF with no text layer;
`*_mixed.pdf` is the 2016-17 sample with page 2 replaced by its scan. The scans are
ingested once; each must score as the team's scorer scores it within 0.1 of its digital
original on rows, text, reason, mitigation, programme and amounts, and the samples' copies
reach the issue's bar (rows 0.95, reason and mitigation 0.9, amounts 0.85).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from export.review.flags import card_flags
from extract.errors import MissingTool, UnreadableFile
from extract.model import Document
from extract.ocr.engine import OcrUnavailable
from extract.ocr.pages import PageOcr
from extract.pdf.lines import Word
from extract.read import read_document
from extract.settings import ExtractSettings, OcrMode
from slippage.cache import options_fingerprint
from slippage.pipeline import process_file
from tests.conftest import CORPUS, DATA, GOLD, LAYOUTS, SAMPLES, ingest, read_tables
from tests.scoring import FileScore, load_golds, score_tables

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr is not installed")

SCANS = DATA / "scans"
MIXED = SCANS / "2016-17_project_exceptions_mixed.pdf"
# (scanned copy, its digital original)
COPIES = {
    "2016-17_project_exceptions_scan.pdf": SAMPLES / "2016-17_project_exceptions.pdf",
    "2018-19_project_exceptions_scan.pdf": SAMPLES / "2018-19_project_exceptions.pdf",
    "l1_highways_capital_slippage_2023-24_q2_scan.pdf": LAYOUTS / "docs" / "l1_highways_capital_slippage_2023-24_q2.pdf",
    "d5_savings_two_row_header_2020-21_scan.pdf": CORPUS / "docs" / "d5_savings_two_row_header_2020-21_borderless.pdf",
    "l4_highlight_report_workstreams_2024-25_p3_scan.pdf": LAYOUTS / "docs" / "l4_highlight_report_workstreams_2024-25_p3.pdf",
    "l5_project_exception_forms_2023-24_q3_scan.pdf": LAYOUTS / "docs" / "l5_project_exception_forms_2023-24_q3.pdf",
    "l9_budget_monitoring_subtotals_2024-25_q3_scan.pdf": LAYOUTS / "docs" / "l9_budget_monitoring_subtotals_2024-25_q3.pdf",
    "l11_key_issues_register_two_projects_2024-25_q2_scan.pdf":
        LAYOUTS / "docs" / "l11_key_issues_register_two_projects_2024-25_q2.pdf",
    "l13_cabinet_report_headed_sections_2024-25_q2_scan.pdf": LAYOUTS / "docs" / "l13_cabinet_report_headed_sections_2024-25_q2.pdf",
    "l29_numbered_slippage_paragraphs_2024-25_q3_scan.pdf": LAYOUTS / "docs" / "l29_numbered_slippage_paragraphs_2024-25_q3.pdf",
    "l33_appendix_running_headers_footnote_2024-25_q3_scan.pdf":
        LAYOUTS / "docs" / "l33_appendix_running_headers_footnote_2024-25_q3.pdf",
}
SAMPLE_COPIES = sorted(c for c in COPIES if c.startswith("20"))
# The issue's bar for the samples' scanned copies.
SAMPLE_BAR = {"rows": 0.95, "reason": 0.9, "mitigation": 0.9, "amounts": 0.85}
# A scanned copy scores within this of its digital original on each of these.
NEAR = 0.1
NEAR_METRICS = ("rows", "text", "reason", "mitigation", "programme", "amounts")
# (copy, metric): why it falls short today.
KNOWN_FAILURES: dict[tuple[str, str], str] = {}


def _golds() -> dict[str, dict[str, object]]:
    """Return the gold keys of the samples, the corpus and our layouts by stem."""
    return {**load_golds(GOLD), **load_golds(CORPUS / "gold"), **load_golds(LAYOUTS / "gold")}


@pytest.fixture(scope="session")
def scan_tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    """Ingest the scanned copies (and the mixed PDF) once; return the output tables."""
    out = tmp_path_factory.mktemp("scans_out")
    assert ingest(out, [SCANS / name for name in sorted(COPIES)] + [MIXED], "--no-ner", "--workers", "2") == 0
    return read_tables(out)


@pytest.fixture(scope="session")
def scan_scores(scan_tables: dict[str, pd.DataFrame]) -> dict[str, FileScore]:
    """The scanned copies scored per file against their gold."""
    return {Path(k).name: v for k, v in score_tables(scan_tables, _golds()).items()}


@pytest.fixture(scope="session")
def digital_tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    """Ingest the digital originals once; return the output tables."""
    out = tmp_path_factory.mktemp("digital_out")
    assert ingest(out, list(COPIES.values()), "--no-ner") == 0
    return read_tables(out)


@pytest.fixture(scope="session")
def digital_scores(digital_tables: dict[str, pd.DataFrame]) -> dict[str, FileScore]:
    """The digital originals scored, by the name of their scanned copy."""
    scores = {Path(k).name: v for k, v in score_tables(digital_tables, _golds()).items()}
    return {copy: scores[original.name] for copy, original in COPIES.items()}


def _of_file(rows: pd.DataFrame, name: str) -> pd.DataFrame:
    """Given output rows and a file name, return that file's rows in document order."""
    return rows[rows["source_file"].map(lambda s: Path(s).name) == name].sort_values("position")


def _case(copy: str, metric: str) -> object:
    """Given a copy and a metric, return its pytest param, strict-xfailed when known to fall short."""
    why = KNOWN_FAILURES.get((copy, metric))
    return pytest.param(copy, metric, marks=[pytest.mark.xfail(strict=True, reason=why)] if why else [], id=f"{copy}-{metric}")


@pytest.mark.parametrize(("copy", "metric"), [_case(c, m) for c in SAMPLE_COPIES for m in SAMPLE_BAR])
def test_sample_scan_reaches_the_bar(scan_scores: dict[str, FileScore], copy: str, metric: str) -> None:
    assert scan_scores[copy].metric(metric) >= SAMPLE_BAR[metric], asdict(scan_scores[copy])


@pytest.mark.parametrize(("copy", "metric"), [_case(c, m) for c in sorted(COPIES) for m in NEAR_METRICS])
def test_scan_scores_near_its_digital_original(scan_scores: dict[str, FileScore], digital_scores: dict[str, FileScore],
                                               copy: str, metric: str) -> None:
    digital, scanned = digital_scores[copy].metric(metric), scan_scores[copy].metric(metric)
    assert scanned >= digital - NEAR, (metric, digital, asdict(scan_scores[copy]))


def test_scans_are_reported_as_read_by_ocr(scan_tables: dict[str, pd.DataFrame]) -> None:
    reports = scan_tables["reports"].assign(name=lambda d: d["source_file"].map(lambda s: Path(s).name)).set_index("name")
    assert (reports["status"] == "ok").all(), reports["error"].to_dict()
    for copy in COPIES:
        assert reports.loc[copy, "read_via"] == "ocr"
        assert reports.loc[copy, "ocr_pages"] == reports.loc[copy, "n_pages"] > 0
    assert reports.loc[MIXED.name, "read_via"] == "ocr-partial"
    assert reports.loc[MIXED.name, "ocr_pages"] == 1


def test_ocr_rows_carry_lower_confidence_and_the_ocr_note(scan_tables: dict[str, pd.DataFrame]) -> None:
    mixed = _of_file(scan_tables["exceptions"], MIXED.name)
    on_scan = mixed["page"] == 2
    assert on_scan.any() and (~on_scan).any()
    assert mixed.loc[on_scan, "flags"].str.contains("read by OCR").all()
    assert (mixed.loc[on_scan, "confidence"] < 1).all()
    # the digital pages of the same file are read as before
    assert not mixed.loc[~on_scan & (mixed["page"] != 1), "flags"].str.contains("read by OCR").any()


@pytest.fixture(scope="module")
def mixed_doc() -> Document:
    """The mixed PDF read once into the document model."""
    return read_document(MIXED)


def test_mixed_pdf_reads_both_kinds_of_page(mixed_doc: Document) -> None:
    assert mixed_doc.read_via == "ocr-partial" and mixed_doc.ocr_pages == 1
    assert [page for page, _ in mixed_doc.ocr_confidence] == [2]
    assert 0.8 < mixed_doc.ocr_confidence[0][1] <= 1
    paragraphs = [p for t in mixed_doc.tables for row in t.rows for cell in row for p in cell.paragraphs]
    assert {p.prov[0].page for p in paragraphs} == {1, 2, 3}
    scanned = " ".join(p.text for p in paragraphs if p.prov[0].page == 2).replace("\n", " ")
    assert "Older Adult Care Home Banding Rationalisation" in scanned
    assert "The time required to negotiate changes" in scanned
    bullets = [p.text for p in paragraphs if p.prov[0].page == 2 and p.style == "bullet"]
    assert len(bullets) >= 2, bullets  # the scan's list bullets, read by shape


def test_scanned_rows_keep_page_and_bbox_near_the_digital_ones(scan_tables: dict[str, pd.DataFrame],
                                                               digital_tables: dict[str, pd.DataFrame]) -> None:
    """The review's crops cut the scan where the text is: boxes in points, top-left origin, as pdfplumber's."""
    copy = "l1_highways_capital_slippage_2023-24_q2_scan.pdf"
    digital = _of_file(digital_tables["exceptions"], COPIES[copy].name)
    scanned = _of_file(scan_tables["exceptions"], copy)
    assert len(scanned) == len(digital) == 5
    for scan_prov, digital_prov in zip(scanned["prov"], digital["prov"], strict=True):
        s, d = json.loads(scan_prov)[0], json.loads(digital_prov)[0]
        assert s["page"] == d["page"] == 1
        assert all(abs(a - b) < 6 for a, b in zip(s["bbox"].values(), d["bbox"].values(), strict=True)), (s, d)


def test_ocr_never_keeps_the_scanned_pdf_failing(tmp_path: Path) -> None:
    copy = SCANS / SAMPLE_COPIES[0]
    with pytest.raises(UnreadableFile, match=r"has no text layer \(it looks scanned; OCR is needed, and --ocr never is set\)"):
        read_document(copy, settings=ExtractSettings(ocr="never"))
    assert ingest(tmp_path, [copy], "--no-ner", "--ocr", "never") == 1
    report = read_tables(tmp_path)["reports"].iloc[0]
    assert report["status"] == "failed" and "OCR is needed" in report["error"]


def test_missing_tesseract_fails_the_file_with_the_install_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no tesseract on it
    copy = SCANS / SAMPLE_COPIES[1]
    with pytest.raises(OcrUnavailable, match=r"page 1 .*needs OCR.*apt-get install tesseract-ocr"):
        read_document(copy)
    assert issubclass(OcrUnavailable, MissingTool)  # installing it and re-running reads the file: the failure is not cached
    failed = process_file(copy, copy.name)
    assert failed.status == "failed" and "apt-get install tesseract-ocr" in str(failed.report["error"])
    # the next file of the batch is read as ever: a digital PDF needs no engine
    assert process_file(COPIES[SAMPLE_COPIES[1]], "digital.pdf").status == "ok"


def test_ocr_setting_is_validated_and_part_of_the_cache_key() -> None:
    with pytest.raises(ValueError, match="ExtractSettings.ocr must be one of auto, always, never, got 'sometimes'"):
        ExtractSettings(ocr="sometimes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="ocr_dpi must be at most 1200"):
        ExtractSettings(ocr_dpi=2400)
    keys = {options_fingerprint(False, None, ExtractSettings(ocr=mode)) for mode in ("auto", "always", "never")}
    assert len(keys) == 3


def test_the_ocr_note_is_a_review_flag() -> None:
    row = {"confidence": 0.93, "mitigation": "Reviews continue.", "reason": "Slipped to 2021/22."}
    assert card_flags(row, [], pipeline_flags=["read by OCR (mean word confidence 93%)"]) == ["ocr"]
    assert card_flags(row, [], pipeline_flags=["2 projects in one cell"]) == []


def _page(images: list[dict[str, float]]) -> SimpleNamespace:
    """Given image boxes, return a stand-in for a pdfplumber A4 page holding them."""
    return SimpleNamespace(bbox=(0.0, 0.0, 595.0, 842.0), images=images)


@pytest.mark.parametrize(("mode", "n_words", "image", "wanted"), [
    ("auto", 0, (0.0, 0.0, 595.0, 842.0), True),  # a scan
    ("auto", 3, (0.0, 0.0, 595.0, 842.0), True),  # a scan with a stamped page number
    ("auto", 40, (0.0, 0.0, 595.0, 842.0), False),  # text over a background picture
    ("auto", -12, (0.0, 0.0, 595.0, 842.0), True),  # a scan with a running footer stamped on it
    ("auto", 0, (100.0, 100.0, 300.0, 300.0), False),  # a logo on an empty page
    ("never", 0, (0.0, 0.0, 595.0, 842.0), False),
    ("always", 40, None, True),
])
def test_which_pages_are_read_by_ocr(mode: OcrMode, n_words: int, image: tuple[float, float, float, float] | None,
                                     wanted: bool) -> None:
    images = [dict(zip(("x0", "top", "x1", "bottom"), image, strict=True))] if image else []
    # a negative count puts the words in the footer band
    top = 820.0 if n_words < 0 else 400.0
    words = [Word("word", 10.0, 30.0, top, top + 10.0, 10.0, False)] * abs(n_words)
    with PageOcr(MIXED, ExtractSettings(ocr=mode)) as ocr:
        assert ocr.wants(_page(images), words) is wanted


def test_ocr_always_reads_a_digital_page_from_its_image() -> None:
    digital = COPIES["l1_highways_capital_slippage_2023-24_q2_scan.pdf"]
    doc = read_document(digital, settings=ExtractSettings(ocr="always", ocr_dpi=200))
    assert doc.read_via == "ocr" and doc.ocr_pages == 1
    names = [row[0].text.replace("\n", " ") for row in doc.tables[0].rows]
    assert "Bridge strengthening - Ferry Lane Bridge" in [n.replace("–", "-") for n in names]



def test_a_pdf_with_neither_text_nor_a_scan_says_there_is_nothing_to_ocr(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    blank = tmp_path / "blank.pdf"
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    pdf.save(str(blank))
    with pytest.raises(UnreadableFile, match=r"no page is a scanned image to read by OCR either: its pages are blank or drawn"):
        read_document(blank)
