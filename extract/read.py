"""One entry point: read any supported file into a `Document`."""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterator
from pathlib import Path

from extract.base import SectionReader, get_reader
from extract.detect import SUFFIX_FORMATS, sniff_format
from extract.errors import ExtractWarning, UnreadableFile
from extract.model import Document, Origin
from extract.settings import ExtractSettings
from extract.text import sections


def file_sha256(path: Path) -> str:
    """Given a path, return the hex sha256 of its bytes."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def make_origin(path: Path, source_file: str, settings: ExtractSettings) -> Origin:
    """Given a file, return its `Origin`, raising for empty, huge or unknown files."""
    size = path.stat().st_size
    if size == 0:
        raise UnreadableFile(f"{path.name}: the file is empty (0 bytes)")
    if size > settings.max_bytes:
        raise UnreadableFile(f"{path.name}: {size:,} bytes is over the {settings.max_bytes:,}-byte limit")
    fmt = sniff_format(path)
    claimed = SUFFIX_FORMATS.get(path.suffix.lower())
    if claimed == "html" and fmt == "txt":
        # A page fragment with no <html> opening is still markup; the HTML reader also reads plain text.
        fmt = "html"
    if claimed in ("pdf", "docx", "doc", "odt") and fmt == "txt":
        # A binary format that holds plain text is a damaged or mislabelled file, not a text report.
        raise UnreadableFile(f"{path.name}: not a readable {claimed.upper()} (no {claimed.upper()} structure; the content is plain text)")
    if claimed is not None and claimed != fmt:
        warnings.warn(ExtractWarning(f"{path.name}: named .{claimed} but its content is {fmt}; read as {fmt}"), stacklevel=2)
    elif claimed is None:
        warnings.warn(ExtractWarning(f"{path.name}: unknown extension {path.suffix!r}; content read as {fmt}"), stacklevel=2)
    return Origin(source_file=source_file, sha256=file_sha256(path), format=fmt)


def read_sections(path: Path, source_file: str | None = None, settings: ExtractSettings | None = None) -> Iterator[Document]:
    """Read one input file as documents of consecutive sections: a big text file section by
    section (`extract.text.sections`), so that one section's document is alive at a time; any
    other file as the one document `read_document` returns.

    Raises:
        SlippageError: as `read_document`, while iterating.
    """
    settings = ExtractSettings.resolve(settings)
    origin = make_origin(path, source_file or str(path), settings)
    reader = get_reader(origin.format)
    if isinstance(reader, SectionReader) and path.stat().st_size > sections.SECTION_BYTES:
        yield from reader.sections(path, origin, settings=settings)
    else:
        yield reader.read(path, origin, settings=settings)


def read_document(path: Path, source_file: str | None = None, settings: ExtractSettings | None = None) -> Document:
    """Read one input file into the common document model.

    Args:
        path: the file to read.
        source_file: the name to report for it (defaults to the path as given).
        settings: reader limits; defaults apply when None.

    Returns:
        The document, blocks in reading order.

    Raises:
        SlippageError: the file cannot be read; the message says why in plain words.
    """
    settings = ExtractSettings.resolve(settings)
    origin = make_origin(path, source_file or str(path), settings)
    return get_reader(origin.format).read(path, origin, settings=settings)
