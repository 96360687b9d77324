"""DocxReader on the samples and on tiny generated fixtures (see tests/data/docx/make_docx.py)."""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from extract.errors import UnreadableFile
from extract.model import Document, Origin, Table, TextBlock
from extract.read import read_document
from extract.settings import ExtractSettings
from extract.word.docx import DocxReader
from slippage.pipeline import process_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = ROOT / "tests" / "data" / "docx"
GOLD = ROOT / "tests" / "gold"


def read(path: Path, settings: ExtractSettings | None = None) -> Document:
    """Given a DOCX path, return the DocxReader's document."""
    return DocxReader().read(path, Origin(path.name, "0" * 64, "docx"), settings=settings or ExtractSettings())


def kinds(doc: Document) -> list[str]:
    """Given a document, return its block kinds: the role, or 'table'."""
    return ["table" if isinstance(b, Table) else b.role for b in doc.blocks]


# --- samples ---------------------------------------------------------------------------


def test_2016_17_single_table_of_eight_projects() -> None:
    doc = read(SAMPLES / "2016-17_project_exceptions.docx")
    assert doc.title == "Appendix 2: Project exceptions for 2016/17 – reasons and mitigating action"
    assert kinds(doc) == ["title", "table"]
    table = doc.tables[0]
    gold = json.loads((GOLD / "2016-17_project_exceptions.json").read_text())
    names = [row[0].text.removeprefix("Project ") for row in table.rows[1:]]
    assert names == [e["project"] for e in gold["exceptions"]]
    reason = table.rows[5][1].paragraphs
    assert [p.style for p in reason] == ["text", "bullet", "bullet", "text", "text"]
    assert [p.prov[0] for p in reason][0].row == 5


def test_2018_19_headings_tables_and_paragraph_counts() -> None:
    doc = read(SAMPLES / "2018-19_project_exceptions.docx")
    assert kinds(doc) == ["title", "paragraph"] + ["heading", "table"] * 5
    headings = [b for b in doc.blocks if isinstance(b, TextBlock) and b.role == "heading"]
    assert {b.level for b in headings} == {2}
    assert headings[-1].text == "Commissioning & Direct Services:"
    last = doc.tables[-1].rows[1]
    assert (len(last[0].paragraphs), len(last[1].paragraphs)) == (5, 10)
    cross = doc.tables[2].rows[1][1].paragraphs
    assert (len(cross), sum(p.style == "bullet" for p in cross)) == (11, 8)
    assert doc.tables[3].rows[1][1].is_empty and doc.tables[3].rows[1][1].paragraphs == ()
    prov = last[1].paragraphs[9].prov[0]
    assert (prov.table, prov.row, prov.col) == (4, 1, 1)


# --- fixtures --------------------------------------------------------------------------


def test_merged_full_width_heading_rows() -> None:
    doc = read(DATA / "merged-heading-rows.docx")
    assert doc.title == "Adult Services Exceptions Q3"  # "Title" style; no core title
    table = doc.tables[0]
    assert table.n_cols == 3 and len(table.rows) == 6
    heading_rows = [row for row in table.rows if len(row) == 1]
    assert [(r[0].text, r[0].col_span, r[0].col) for r in heading_rows] == [
        ("Day Services Programme", 3, 0), ("Carers Programme", 3, 0)]
    respite = table.rows[5]
    assert [(c.col, c.col_span, c.text) for c in respite] == [(0, 1, "Respite Beds"), (1, 2, "No exception this quarter.")]


def test_bullets_numbering_and_nested_table_in_cells() -> None:
    table = read(DATA / "merged-heading-rows.docx").tables[0]
    issue, action = table.rows[2][1].paragraphs, table.rows[2][2].paragraphs
    assert [(p.text, p.style) for p in issue] == [
        ("Consultation ran late because:", "text"),
        ("two venues changed hands", "bullet"),  # "List Bullet" style
        ("the survey closed early", "bullet"),
    ]
    assert [p.style for p in action] == ["text", "bullet", "bullet"]  # w:numPr numbering
    nested = table.rows[4][2]
    assert [p.text for p in nested.paragraphs] == ["Promote the offer.", "Review in Q4."]
    assert all(p.prov[0].table == 0 and p.prov[0].row == 4 and p.prov[0].col == 2 for p in nested.paragraphs)


def test_landscape_section_rag_table_and_bold_heading() -> None:
    doc = read(DATA / "landscape-rag.docx")
    assert doc.title == "Place Directorate Scheme Issues"  # core title; first line is not it
    assert kinds(doc) == ["paragraph", "heading", "table", "paragraph"]
    assert doc.blocks[1].text == "Regeneration" and doc.blocks[1].level is None  # bold-only line
    table = doc.tables[0]
    assert [c.text for c in table.rows[0]] == ["Scheme", "Issue", "Action", "RAG"]
    assert [r[3].text for r in table.rows[1:]] == ["Red", "Amber"]
    assert table.rows[1][1].text == "Roof repairs cost £0.2m more."


def test_two_projects_in_one_cell_stay_separate_paragraphs() -> None:
    doc = read(DATA / "two-projects-one-cell.docx")
    assert kinds(doc) == ["title", "heading", "table"]
    assert doc.blocks[1].level == 2
    cell = doc.tables[0].rows[1][0]
    assert [p.text for p in cell.paragraphs] == ["Family Hubs: two hubs opened late.", "Youth Offer: recruitment is behind."]


def test_empty_docx_has_no_blocks() -> None:
    doc = read(DATA / "empty.docx")
    assert doc.blocks == () and doc.title is None


def test_read_document_dispatches_docx() -> None:
    doc = read_document(DATA / "two-projects-one-cell.docx")
    assert doc.origin.format == "docx" and len(doc.tables) == 1


# --- bad input -------------------------------------------------------------------------


def test_not_a_zip() -> None:
    with pytest.raises(UnreadableFile, match=r"not-a-zip\.docx: not a readable DOCX \(File is not a zip file\)"):
        read(DATA / "not-a-zip.docx")


def test_truncated_docx(tmp_path: Path) -> None:
    damaged = tmp_path / "truncated.docx"
    data = (DATA / "landscape-rag.docx").read_bytes()
    damaged.write_bytes(data[: len(data) // 2])
    with pytest.raises(UnreadableFile, match=r"truncated\.docx: not a readable DOCX"):
        read(damaged)


def test_docx_without_body(tmp_path: Path) -> None:
    broken = tmp_path / "no-body.docx"
    with zipfile.ZipFile(DATA / "empty.docx") as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.split(b"<w:body>")[0].split(b"<w:body/>")[0] + b"</w:document>"
            dst.writestr(info, data)
    with pytest.raises(UnreadableFile, match=r"no-body\.docx: not a readable DOCX \(ValueError: .*has no body"):
        read(broken)


def _declare_size(path: Path, member: str, size: int) -> None:
    """Given a zip, rewrite a member's declared uncompressed size in both of its headers."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for sig, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        pos = data.find(sig)
        while pos != -1:
            name_len = struct.unpack_from("<H", data, pos + (26 if sig == b"PK\x03\x04" else 28))[0]
            if bytes(data[pos + name_at : pos + name_at + name_len]) == name:
                struct.pack_into("<I", data, pos + size_at, size)
            pos = data.find(sig, pos + 4)
    path.write_bytes(bytes(data))


def test_zip_bomb_declared_size_over_the_bound(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * 1024)
    _declare_size(bomb, "word/document.xml", 1 << 30)  # claims 1 GiB of zeros
    with pytest.raises(UnreadableFile, match=r"bomb\.docx: would unzip to 1,073,741,\d{3} bytes, over the 524,288,000-byte limit"):
        read(bomb)


def test_zip_bomb_compression_ratio(tmp_path: Path) -> None:
    bomb = tmp_path / "ratio.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"\0" * (8 << 20))
    with pytest.raises(UnreadableFile, match=r"ratio\.docx: member word/document\.xml inflates [\d,]+x \(8,388,608 bytes\), over the 200x limit"):
        read(bomb)
    with pytest.raises(UnreadableFile, match=r"would unzip to 8,388,608 bytes, over the 1,000,000-byte limit"):
        read(bomb, ExtractSettings(max_unzipped_bytes=1_000_000))


def _tracked(run_text: str, tag: str) -> Any:
    """Given a run's text and a revision tag (w:ins or w:del), return the revision element holding the run."""
    mark = OxmlElement(tag)
    for key, value in (("w:id", "7"), ("w:author", "Finance officer"), ("w:date", "2025-01-10T09:00:00Z")):
        mark.set(qn(key), value)
    mark.append(_run(run_text, "w:delText" if tag == "w:del" else "w:t"))
    return mark


def test_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    # A draft saved with revisions tracked: Word shows insertions and hides deletions.
    d = docx.Document()
    d.add_paragraph("Eastfold Council: Savings Exceptions, Month 4 2025/26")
    table = d.add_table(rows=4, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Saving", "Reason for shortfall", "Mitigating action"), strict=True):
        cell.text = text
    for row, texts in zip(table.rows[1:], (
        ("Library opening hours", "Consultation ran ", "Volunteers will staff two branches"),
        ("Fleet telematics", "The supplier missed the go-live date.", "Penalty clauses apply."),
        ("Parking charges", "Legal challenge.", "Awaiting the ruling."),
    ), strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    reason = table.rows[1].cells[1].paragraphs[0]._p
    reason.append(_tracked("two months longer than planned", "w:ins"))
    reason.append(_tracked(" and is still open", "w:del"))
    table.rows[1].cells[2].paragraphs[0]._p.append(_tracked(" from September.", "w:ins"))
    row_props = table.rows[3]._tr.get_or_add_trPr()
    row_props.append(OxmlElement("w:del"))  # the whole Parking charges row was deleted
    path = tmp_path / "savings_exceptions_m4.docx"
    d.save(str(path))
    records = process_file(path, path.name).exceptions
    assert [(r["project"], r["reason"], r["mitigation"]) for r in records] == [
        ("Library opening hours", "Consultation ran two months longer than planned",
         "Volunteers will staff two branches from September."),
        ("Fleet telematics", "The supplier missed the go-live date.", "Penalty clauses apply."),
    ]


def _wrapped(element: Any, tag: str) -> Any:
    """Given an element and a wrapper tag (w:sdt, w:smartTag, w:customXml, w:fldSimple), return the element wrapped in it."""
    wrapper = OxmlElement(tag)
    if tag == "w:sdt":
        content = OxmlElement("w:sdtContent")
        content.append(element)
        wrapper.append(OxmlElement("w:sdtPr"))
        wrapper.append(content)
    else:
        wrapper.append(element)
    return wrapper


def _run(text: str, tag: str = "w:t") -> Any:
    """Given text (and its element: w:t, or w:delText for deleted text), return a bare w:r element holding it."""
    run, t = OxmlElement("w:r"), OxmlElement(tag)
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    return run


def test_text_inside_content_controls_smart_tags_and_fields_is_read(tmp_path: Path) -> None:
    # Report templates put fields and whole repeating rows in content controls; Word 2007-2010
    # wrapped places and dates in smart tags. Word prints all of it.
    d = docx.Document()
    d.add_paragraph("Northcote Council: Capital Slippage, Quarter 1 2025/26")
    table = d.add_table(rows=3, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Scheme", "Reason for slippage", "Action"), strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "Harbour steps"
    reason = table.rows[1].cells[1].paragraphs[0]._p
    reason.append(_run("Storm damage at "))
    reason.append(_wrapped(_run("Fennick Quay"), "w:smartTag"))
    reason.append(_run(" stopped the works until "))
    reason.append(_wrapped(_run("March"), "w:fldSimple"))
    reason.append(_run("."))
    table.rows[1].cells[2].paragraphs[0]._p.append(_wrapped(_run("A marine contractor has been appointed."), "w:sdt"))
    for cell, text in zip(table.rows[2].cells, ("Depot roof", "The roofing firm ceased trading.", "Re-tender in June."), strict=True):
        cell.text = text
    row = table.rows[2]._tr
    grid, at = row.getparent(), row.getparent().index(row)
    grid.insert(at, _wrapped(row, "w:sdt"))  # a repeating-section content control around the whole row
    table.rows[1].cells[0].paragraphs[0]._p.addprevious(_wrapped(OxmlElement("w:p"), "w:customXml"))
    path = tmp_path / "capital_slippage_q1.docx"
    d.save(str(path))
    records = process_file(path, path.name).exceptions
    assert [(r["project"], r["reason"], r["mitigation"]) for r in records] == [
        ("Harbour steps", "Storm damage at Fennick Quay stopped the works until March.", "A marine contractor has been appointed."),
        ("Depot roof", "The roofing firm ceased trading.", "Re-tender in June."),
    ]
