"""Big text files read as a stream, in sections cut at page breaks or blank lines (issue 12).

Reading a text export whole holds its text, every line and the document model of all of it
at once: about 30 times the file's size (measured: 283 MiB for an 8 MB export). A file over
`SECTION_BYTES` is instead decoded in chunks and cut into sections of about
`SECTION_CHARS` characters; the reader turns each section into a document of its own,
so only one section's lines and blocks are alive at a time. Each section is cut, within
the quarter beyond `SECTION_CHARS`, at the first of (in order of preference):

1. a page break (a line starting with a form feed, as `pdftotext` writes between pages);
2. a line after two blank lines; 3. a line after one blank line; 4. any line start;
5. failing all of these (one line of over a quarter of a section), in the line itself.

A table running across a cut is read as two tables (the second without its header), so
the cut prefers the breaks a table is least likely to span. Line numbers and character
offsets stay those of the whole file, as `extract.text.reader` gives them for a file read whole.

The encoding is chosen by the rules of `text_decode.decode_text`, read in chunks: a
byte-order mark, NUL bytes anywhere, UTF-8 validity of the whole file, else a guess from
its first `GUESS_BYTES`; the share of control characters is that of the whole file.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from extract.decode import (
    check_controls,
    choose_encoding,
    codec_name,
    count_controls,
    normalise_newlines,
    undecodable,
)

SECTION_BYTES = 1 << 20  # text files larger than this are read in sections
SECTION_CHARS = 256 * 1024  # a section's length before its cut is looked for
CHUNK_BYTES = 1 << 20
GUESS_BYTES = 1 << 20  # what the encoding of a non-UTF-8 file is guessed from
# Where a section may end, strongest first: (text just before the cut, characters of it that stay before).
_CUTS = (("\n\f", 1), ("\n\n\n", 3), ("\n\n", 2), ("\n", 1))


@dataclass(frozen=True, slots=True)
class TextSection:
    """One section of a big text file: its text, its first line's number and its offset in the whole text."""

    text: str
    first_line: int
    offset: int
    index: int


def _chunks(path: Path) -> Iterator[bytes]:
    """Given a path, yield its bytes in chunks."""
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK_BYTES):
            yield chunk


def stream_encoding(path: Path, name: str) -> str:
    """Given a text file, return the encoding it is read with, raising for binary data (see the module docstring)."""
    has_nul, utf8 = False, True
    check = codecs.getincrementaldecoder("utf-8")()
    for chunk in _chunks(path):
        has_nul = has_nul or b"\x00" in chunk
        if utf8 and not has_nul:
            try:
                check.decode(chunk)
            except UnicodeDecodeError:
                utf8 = False
    if utf8 and not has_nul:
        try:
            check.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    with path.open("rb") as fh:
        head = fh.read(GUESS_BYTES)
    return choose_encoding(head, name, has_nul=has_nul, utf8=utf8 and not has_nul)


def _decoded(path: Path, name: str, encoding: str) -> Iterator[str]:
    """Given a file and its encoding, yield its text in chunks (line ends not yet normalised).

    A cut-off last character of UTF-16/32 text without a byte-order mark is dropped, as
    `decode_text` drops it; any other undecodable byte raises `UnreadableFile`.
    """
    decoder = codecs.getincrementaldecoder(codec_name(encoding))()
    try:
        for chunk in _chunks(path):
            yield decoder.decode(chunk)
        if not encoding.startswith(("utf-16-", "utf-32-")):
            yield decoder.decode(b"", final=True)
    except UnicodeDecodeError as e:
        raise undecodable(name, encoding, e) from e


def check_text(path: Path, name: str, encoding: str) -> None:
    """Given a file and its encoding, raise `UnreadableFile` if it does not decode or is mostly control codes."""
    controls = chars = 0
    for text in _decoded(path, name, encoding):
        controls += count_controls(text)
        chars += len(text)
    check_controls(name, controls, chars)


def _lines(path: Path, name: str, encoding: str) -> Iterator[str]:
    """Given a checked file, yield its text in chunks with line ends made "\\n" and a leading byte-order mark dropped."""
    held, first = "", True
    for text in _decoded(path, name, encoding):
        text = held + text
        if first and text:
            text, first = text.lstrip("\ufeff"), False
        # A CR at a chunk's end may be the first half of a CRLF: it waits for the next chunk.
        held = "\r" if text.endswith("\r") else ""
        yield normalise_newlines(text[: len(text) - len(held)])
    yield normalise_newlines(held)


def cut_at(text: str, size: int) -> int | None:
    """Given buffered text and the section length, return where the section ends, or None if more text is needed.

    >>> cut_at("a" * 6 + "\\nb\\n\\nc" + "d" * 9, 8)  # after the blank line, not the first line end
    10
    >>> cut_at("abc", 6) is None
    True
    """
    end = size + size // 4
    if len(text) < end:
        return None
    for mark, keep in _CUTS:
        at = text.find(mark, size - keep, end)
        if at >= 0:
            return at + keep
    return end


def text_sections(path: Path, name: str, encoding: str, size: int | None = None) -> Iterator[TextSection]:
    """Given a checked text file and its encoding, yield its sections in order (see the module docstring)."""
    size = size or SECTION_CHARS
    buffer, line, offset, index = "", 1, 0, 0
    for text in _lines(path, name, encoding):
        buffer += text
        while (cut := cut_at(buffer, size)) is not None:
            yield TextSection(buffer[:cut], line, offset, index)
            line, offset, index = line + buffer.count("\n", 0, cut), offset + cut, index + 1
            buffer = buffer[cut:]
    if buffer or not index:
        yield TextSection(buffer, line, offset, index)
