"""Big text files are read section by section (issue 12): cut where a table is least likely to run on,
decoded as a stream exactly as a whole read decodes, numbered as in the whole file, one section alive at a time.

The big files are the samples (a tab-separated export and a `pdftotext -layout` one)
repeated to just over the section threshold, which these tests lower 16-fold (64 KiB,
sections of 16k characters) so that a file reads in seconds; the stream's chunk size is
made small to put chunk edges inside CRLFs and multi-byte characters. bench/inputs.py
measures the memory at the real sizes.
"""

from __future__ import annotations

import codecs
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

import extract.text.sections
from export.review.source import parse_prov
from extract.decode import decode_text
from extract.errors import UnreadableFile
from extract.model import Document, Origin, Table, TextBlock
from extract.read import make_origin, read_sections
from extract.settings import ExtractSettings
from extract.text.reader import TextReader
from extract.text.sections import SECTION_BYTES, SECTION_CHARS, cut_at, stream_encoding, text_sections
from slippage.pipeline import FileResult, normalise_document, normalise_sections
from tests.conftest import SAMPLES

TAB_SAMPLE = SAMPLES / "2018-19_project_exceptions.txt"
LAYOUT_SAMPLE = Path(__file__).parent / "data" / "txt" / "layout-furniture-justified.txt"


@pytest.fixture(autouse=True, scope="module")
def small_sections() -> Iterator[None]:
    """Lower the section threshold and size 16-fold for every test here."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(extract.text.sections, "SECTION_BYTES", SECTION_BYTES // 16)
        patch.setattr(extract.text.sections, "SECTION_CHARS", SECTION_CHARS // 16)
        yield


def big_export(tmp_path: Path, sample: Path, name: str) -> Path:
    """Given a sample, return a file of it repeated to just over the (lowered) section threshold."""
    unit = sample.read_bytes()
    path = tmp_path / name
    path.write_bytes(unit * (extract.text.sections.SECTION_BYTES // len(unit) + 2))
    return path


@pytest.mark.parametrize(("text", "cut"), [
    ("a" * 40 + "\n\n\nb\n" + "\fpage 2\n" + "c" * 20, 45),  # a page break beats blank lines
    ("a" * 40 + "\nb\n\nc\n\n\nd" + "e" * 20, 48),  # two blank lines beat one
    ("a" * 40 + "\nb\nc\n\nd" + "e" * 20, 46),  # one blank line beats a line end
    ("a" * 41 + "\nb" + "c" * 20, 42),  # a line end beats cutting a line
    ("a" * 60, 50),  # one long line is cut at the end of the window (a quarter beyond the size)
    ("a" * 38 + "\n\n" + "c" * 20, 40),  # never before the size
])
def test_a_section_ends_at_the_strongest_break_in_its_window(text: str, cut: int) -> None:
    assert cut_at(text, 40) == cut
    assert cut_at(text[:49], 40) is None, "the whole window is read before a cut is chosen"


@pytest.mark.parametrize(("name", "data"), [
    ("crlf.txt", "Scheme\tIssue\r\nA\tLate £5k – ok\r\n".encode() * 40),
    ("bom.txt", codecs.BOM_UTF8 + "Café £5k\n".encode() * 60),
    ("cp1252.txt", "Costs £5k rose\r\n".encode("cp1252") * 50),
    ("utf16.txt", "Scheme – £5k\r\n".encode("utf-16") * 30),
    ("utf16-bomless.txt", "Scheme delayed £5k\n".encode("utf-16-le") * 30 + b"\x00"),
])
def test_the_stream_decodes_as_a_whole_read_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                name: str, data: bytes) -> None:
    monkeypatch.setattr(extract.text.sections, "CHUNK_BYTES", 7)  # chunk edges inside CRLFs and characters
    path = tmp_path / name
    path.write_bytes(data)
    whole, encoding = decode_text(data, name)
    assert stream_encoding(path, name) == encoding
    sections = list(text_sections(path, name, encoding, size=64))
    assert len(sections) > 3
    assert "".join(s.text for s in sections) == whole
    for s in sections:
        assert whole[s.offset : s.offset + len(s.text)] == s.text
        assert s.first_line == whole.count("\n", 0, s.offset) + 1


@pytest.mark.parametrize(("data", "message"), [
    (b"Scheme delayed\n" * 5000 + b"\x00\x01\xff", r"bin\.txt: not a text file \(it contains NUL bytes, so it is binary data\)"),
    (b"Scheme \x07\x08 delayed\n" * 300, r"bin\.txt: not a text file \(\d+% of characters are control codes; at most 1% allowed\)"),
])
def test_a_big_binary_file_fails_before_any_section_with_the_whole_read_message(
        tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bin.txt"
    path.write_bytes(data)
    with pytest.raises(UnreadableFile, match=message):
        decode_text(data, path.name)
    origin = Origin(path.name, "0" * 64, "txt")
    with pytest.raises(UnreadableFile, match=message):
        next(TextReader().sections(path, origin, settings=ExtractSettings()))


def sections_alive(sha256: str) -> list[int]:
    """Given a file's hash, return the ids of its documents alive that hold tables (other tests' documents aside)."""
    return [id(o) for o in gc.get_objects()
            if type(o) is Document and o.origin.sha256 == sha256 and any(isinstance(b, Table) for b in o.blocks)]


def only_one_alive(docs: Iterator[Document], seen: list[int]) -> Iterator[Document]:
    """Given section documents, yield them, checking each time that no earlier one is still alive
    (the ones with tables: the report keeps its first one's leading paragraphs, for its period)."""
    for doc in docs:
        gc.collect()
        assert sections_alive(doc.origin.sha256) == [id(doc)], "an earlier section's document is still alive"
        seen.append(len(doc.blocks))
        yield doc
        del doc  # not held while the next one is read


@pytest.fixture(scope="module")
def big_tab(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, FileResult, FileResult]:
    """A tab-separated export over the threshold, its result read in sections, and read whole."""
    path = big_export(tmp_path_factory.mktemp("big"), TAB_SAMPLE, "tab.txt")
    sectioned = normalise_sections(read_sections(path, path.name), nlp=None)
    origin = make_origin(path, path.name, ExtractSettings())
    whole = normalise_document(TextReader().read(path, origin, settings=ExtractSettings()), nlp=None)
    return path, sectioned, whole


@pytest.mark.parametrize(("sample", "name"), [(TAB_SAMPLE, "tab.txt"), (LAYOUT_SAMPLE, "layout.txt")])
def test_a_big_export_is_read_section_by_section_one_section_alive_at_a_time(
        tmp_path: Path, sample: Path, name: str) -> None:
    path = big_export(tmp_path, sample, name)
    seen: list[int] = []
    result = normalise_sections(only_one_alive(read_sections(path, name), seen), nlp=None)
    encoding = stream_encoding(path, name)
    assert len(seen) == len(list(text_sections(path, name, encoding))) >= 4
    assert result.report["status"] == "ok"
    assert [r["position"] for r in result.exceptions] == list(range(1, len(result.exceptions) + 1))
    assert result.report["title"] == sample.read_text(encoding="utf-8").strip().splitlines()[0].strip()
    indexes = [t["table_index"] for t in result.tables]
    assert indexes == sorted(set(indexes)), "tables are numbered on across sections"


def test_a_sectioned_read_differs_from_a_whole_read_only_at_the_cuts(big_tab: tuple[Path, FileResult, FileResult]) -> None:
    path, sectioned, whole = big_tab
    cuts = len(list(text_sections(path, path.name, "utf-8"))) - 1
    assert abs(len(sectioned.exceptions) - len(whole.exceptions)) <= cuts
    same = {(r["project"], r["reason"]) for r in sectioned.exceptions} & {(r["project"], r["reason"]) for r in whole.exceptions}
    assert len(same) == len({(r["project"], r["reason"]) for r in whole.exceptions}), "every distinct row is read"
    assert (sectioned.report["report_period"], sectioned.report["period_rule"]) == (
        whole.report["report_period"], whole.report["period_rule"])
    assert (sectioned.fingerprint.words == whole.fingerprint.words).all()
    assert (sectioned.fingerprint.figures == whole.fingerprint.figures).all()


def test_provenance_of_a_sectioned_read_points_into_the_whole_file(big_tab: tuple[Path, FileResult, FileResult]) -> None:
    path, result, _ = big_tab
    text = decode_text(path.read_bytes(), path.name)[0]
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    provs = [p for row in result.exceptions for p in parse_prov(row["prov"])]
    assert max(p["line"] for p in provs) > len(line_starts) * 0.9, "rows near the end keep their own line numbers"
    for p in provs:
        start = line_starts[p["line"] - 1]
        assert start <= p["char_start"] <= p["char_end"] <= start + len(text[start:].split("\n", 1)[0])
        cell = text[p["char_start"] : p["char_end"]]
        assert cell and cell == cell.strip()


def test_only_the_first_section_has_a_title(tmp_path: Path) -> None:
    path = big_export(tmp_path, LAYOUT_SAMPLE, "layout.txt")
    docs = list(read_sections(path, path.name))
    titles = [[b for b in d.blocks if isinstance(b, TextBlock) and b.role == "title"] for d in docs]
    assert [len(t) for t in titles] == [1] + [0] * (len(docs) - 1)
    assert {d.title for d in docs} == {titles[0][0].text}
    assert all(any(isinstance(b, Table) for b in d.blocks) for d in docs)


def test_a_file_under_the_threshold_is_one_document(tmp_path: Path) -> None:
    docs = list(read_sections(TAB_SAMPLE, TAB_SAMPLE.name))
    assert len(docs) == 1 and docs[0].blocks == TextReader().read(
        TAB_SAMPLE, docs[0].origin, settings=ExtractSettings()).blocks
