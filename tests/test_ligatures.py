"""Typographic ligatures ("ﬁ", "ﬂ", "ﬀ") read as the letters they join, in PDFs and in text exports of them."""

from __future__ import annotations

from pathlib import Path

from slippage.pipeline import process_file
from tests.drawn_pdf import table_pdf

ROWS = (
    ("Scheme", "Reason for slippage", "Mitigation"),
    ("Riverside \ufb02ood defences", "The \ufb01nal design needed a second o\ufb00site survey.", "The e\ufb03ciency review \ufb01nishes in May."),
    ("Sta\ufb00 hub re\ufb01t", "The \ufb01t-out contractor withdrew.", "Re-tender through the \ufb02exible framework."),
)


def _pdf(path: Path) -> Path:
    """Given a path, write a ruled exceptions table whose text uses ligature code points (as some fonts map them)."""
    return table_pdf(path, "Lowmere Council: Capital Exceptions, Quarter 2 2025/26", ROWS, (30, 40, 40))


def _text(path: Path) -> Path:
    """Given a path, write the same table as a layout text export."""
    lines = ["Lowmere Council: Capital Exceptions, Quarter 2 2025/26", ""]
    lines += [f"{a:32}{b:58}{c}" for a, b, c in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ligatures_read_as_their_letters_in_a_pdf_and_a_text_export(tmp_path: Path) -> None:
    for path in (_pdf(tmp_path / "exceptions_q2.pdf"), _text(tmp_path / "exceptions_q2.txt")):
        records = process_file(path, path.name).exceptions
        assert [r["project"] for r in records] == ["Riverside flood defences", "Staff hub refit"], path.name
        assert records[0]["reason"] == "The final design needed a second offsite survey."
        assert records[1]["mitigation"] == "Re-tender through the flexible framework."
