"""Real negative controls: other projects' test documents (tests/data/negative/docs, see its README).

None of them is a council exceptions report, so slippage must read each without crashing,
give at most MAX_ROWS exception rows per file, and fail only the files nobody can read
(encrypted, empty, a format python-docx cannot open), in plain words. Known shortfalls
are strict xfails with the reason. `bench/negatives.py` runs the whole fetched set.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from tests.conftest import NEGATIVE, ingest, read_tables

SUFFIXES = {".pdf", ".docx", ".txt", ".html", ".htm"}
DOCS = NEGATIVE / "docs"
FILES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*") if p.suffix.lower() in SUFFIXES)
# A stray row in an unrelated document is tolerable; a table read as exceptions is not.
MAX_ROWS = 1
# A file that hangs should show as a failure within this many seconds, not stall the suite for the default 120 s.
# The slowest file here, docling/redp5110_sampled.pdf (18 pages), takes about 2 s; the margin is for a loaded machine.
TIMEOUT_S = 30

# Files no reader can read, with the words their error must use.
UNREADABLE = {
    "pdfplumber/empty.pdf": r"empty",
    "pdfplumber/password-example.pdf": r"encrypted",
    "camelot/health_protected.pdf": r"encrypted",
    # Strict Open XML (ISO/IEC 29500 strict namespaces), which python-docx cannot open.
    "docling/Strict.docx": r"not a readable DOCX",
}
# Readable files that are not read today, and why.
NOT_READ: dict[str, str] = {}
# Files that give more than MAX_ROWS rows today, and why.
TOO_MANY_ROWS: dict[str, str] = {}


def _marked(names: list[str], known: dict[str, str]) -> list[object]:
    """Given file names and {name: why} of known shortfalls, return pytest params, strict-xfailed where known."""
    return [pytest.param(n, marks=[pytest.mark.xfail(strict=True, reason=known[n])] if n in known else [], id=n) for n in names]


@pytest.fixture(scope="session")
def negative_reports(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """Ingest the negative set once (NER off: rows and failures do not depend on it); return reports by file."""
    out = tmp_path_factory.mktemp("negative_out")
    assert ingest(out, [DOCS], "--no-ner", "--timeout", str(TIMEOUT_S)) in (0, 1)
    return read_tables(out)["reports"].set_index("source_file")


def test_known_cases_name_real_files() -> None:
    assert set(UNREADABLE) | set(NOT_READ) | set(TOO_MANY_ROWS) <= set(FILES)
    assert 0 < len(FILES) <= 40


def test_every_file_has_a_report_row(negative_reports: pd.DataFrame) -> None:
    assert sorted(negative_reports.index) == FILES


@pytest.mark.parametrize("source_file", FILES)
def test_no_internal_error(negative_reports: pd.DataFrame, source_file: str) -> None:
    error = negative_reports.loc[source_file, "error"]
    assert not (isinstance(error, str) and "internal error" in error), error


@pytest.mark.parametrize("source_file", _marked([f for f in FILES if f not in UNREADABLE], NOT_READ))
def test_readable_file_is_read(negative_reports: pd.DataFrame, source_file: str) -> None:
    report = negative_reports.loc[source_file]
    assert report["status"] in {"ok", "no_exceptions"}, report["error"]


@pytest.mark.parametrize("source_file", sorted(UNREADABLE))
def test_unreadable_file_fails_in_plain_words(negative_reports: pd.DataFrame, source_file: str) -> None:
    report = negative_reports.loc[source_file]
    assert report["status"] == "failed"
    assert re.search(UNREADABLE[source_file], report["error"]), report["error"]


@pytest.mark.parametrize("source_file", _marked(FILES, TOO_MANY_ROWS))
def test_at_most_a_stray_exception_row(negative_reports: pd.DataFrame, source_file: str) -> None:
    assert negative_reports.loc[source_file, "n_exceptions"] <= MAX_ROWS
