"""A PDF whose streams inflate hugely is refused within its budget (issue 12, finding 5: a 1 MB PDF
inflating to 1 GiB took 2.2 GB); ordinary PDFs read exactly as before.

The bombs are built here (a one-page PDF whose content stream is Flate-compressed blanks
or text), small enough to build and read in a moment, against a lowered limit.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from extract.errors import UnreadableFile
from extract.model import Origin
from extract.pdf.reader import PdfReader, read_pdf
from extract.pdf.streams import inflate_limit
from extract.settings import ExtractSettings
from tests.conftest import SAMPLES

MIB = 1 << 20
SHOW_TEXT = b"BT /F1 12 Tf 72 712 Td (Scheme delayed by the contractor) Tj ET\n"


def bomb(path: Path, mib: int, unit: bytes = b" ", head: bytes = b"") -> Path:
    """Given a path, write a one-page PDF whose content stream is `head` and `mib` MiB of `unit` repeated."""
    chunk = (unit * (MIB // len(unit) + 1))[:MIB]
    packer = zlib.compressobj(9)
    data = packer.compress(head) + b"".join(packer.compress(chunk) for _ in range(mib)) + packer.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def read(path: Path, settings: ExtractSettings) -> object:
    """Given a PDF and settings, read it with the reader."""
    return PdfReader().read(path, Origin(path.name, "0" * 64, "pdf"), settings=settings)


@pytest.mark.parametrize("unit", [b" ", SHOW_TEXT], ids=["blanks", "text"])
def test_streams_inflating_past_the_limit_are_refused_with_the_limit_named(tmp_path: Path, unit: bytes) -> None:
    path = bomb(tmp_path / "bomb.pdf", 64, unit)
    assert path.stat().st_size < MIB
    with pytest.raises(UnreadableFile, match=r"^bomb\.pdf: its streams inflate to more than the 16,777,216-byte limit "
                                             r"\(a decompression bomb\?\)$"):
        read(path, ExtractSettings(max_unzipped_bytes=16 * MIB))


def test_streams_within_the_limit_are_read(tmp_path: Path) -> None:
    doc = read(bomb(tmp_path / "ok.pdf", 4, head=SHOW_TEXT), ExtractSettings(max_unzipped_bytes=16 * MIB))
    assert "Scheme delayed by the contractor" in str(doc)


def test_an_ordinary_pdf_reads_the_same_with_and_without_the_budget() -> None:
    path = SAMPLES / "2018-19_project_exceptions.pdf"
    origin, settings = Origin(path.name, "0" * 64, "pdf"), ExtractSettings()
    plain = read_pdf(path, origin, settings)[0]  # pdfminer's own decoders: no budget outside inflate_limit
    with inflate_limit(path.name, settings.max_unzipped_bytes):
        counted = read_pdf(path, origin, settings)[0]
    assert counted == plain and counted.blocks
