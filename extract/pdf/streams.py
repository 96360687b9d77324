"""A cap on what a PDF's streams may inflate to while pdfminer reads it (issue 12, finding 5).

pdfminer inflates each Flate (and LZW) stream whole, in one call, with no limit: a 1 MB PDF
whose content stream inflates to 1 GiB of blanks took a worker to 2.1 GB and 25 s before
it failed for having no text. `inflate_limit` gives one file a budget, the same
`max_unzipped_bytes` that bounds what a DOCX may unzip to, counted over every stream
pdfminer decodes for it (decoded streams stay cached on the document, so the total, not
one stream, is what stays in memory). The decoders are replaced in `pdfminer.pdftypes`
(which offers no limit of its own) by ones that inflate a chunk at a time and stop as
soon as the budget is spent; outside `inflate_limit` they are the originals. The file
then fails with the limit named, whatever pdfminer or pdfplumber made of the interruption.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from io import BytesIO
from types import SimpleNamespace
from typing import Any

import pdfminer.pdftypes
from pdfminer.lzw import LZWDecoder

from extract.errors import UnreadableFile

CHUNK_BYTES = 1 << 20  # inflated a chunk at a time, so a bomb never gets past its budget by more than this


class InflateLimitExceeded(Exception):
    """Raised inside pdfminer when a file's streams inflate past their budget (not a zlib.error, which pdfminer swallows)."""


@dataclass(slots=True)
class _Budget:
    """The bytes one file's streams may still inflate to."""

    limit: int
    used: int = 0
    exceeded: bool = False

    def spend(self, n: int) -> None:
        """Given bytes just inflated, count them; raise once the budget is spent."""
        self.used += n
        if self.used > self.limit:
            self.exceeded = True
            raise InflateLimitExceeded(f"streams inflate to more than {self.limit:,} bytes")


_BUDGET: ContextVar[_Budget | None] = ContextVar("pdf_inflate_budget", default=None)


def _inflate(data: bytes) -> bytes:
    """Given Flate data, return it inflated (as `zlib.decompress`), counted against the file's budget."""
    budget = _BUDGET.get()
    if budget is None:
        return zlib.decompress(data)
    d, out = zlib.decompressobj(), []
    chunk = d.decompress(data, CHUNK_BYTES)
    while chunk:
        budget.spend(len(chunk))
        out.append(chunk)
        chunk = d.decompress(d.unconsumed_tail, CHUNK_BYTES)
    if not d.eof:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return b"".join(out)


class _CountedInflater:
    """A `zlib.decompressobj` whose output is counted against the file's budget (pdfminer's repair of a broken stream)."""

    def __init__(self) -> None:
        self._d = zlib.decompressobj()

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        """Given more Flate data, return what it inflates to."""
        out = self._d.decompress(data, max_length)
        budget = _BUDGET.get()
        if budget is not None:
            budget.spend(len(out))
        return out


def _lzw(data: bytes) -> bytes:
    """Given LZW data, return it decoded (as `pdfminer.lzw.lzwdecode`), counted against the file's budget."""
    budget, out = _BUDGET.get(), []
    for chunk in LZWDecoder(BytesIO(data)).run():
        if budget is not None:
            budget.spend(len(chunk))
        out.append(chunk)
    return b"".join(out)


def _install() -> None:
    """Put the counted decoders where `pdfminer.pdftypes.PDFStream.decode` looks them up (once)."""
    module: Any = pdfminer.pdftypes
    if not isinstance(module.zlib, SimpleNamespace):
        module.zlib = SimpleNamespace(decompress=_inflate, decompressobj=_CountedInflater, error=zlib.error)
        module.lzwdecode = _lzw


@contextmanager
def inflate_limit(name: str, limit: int) -> Iterator[None]:
    """Within the block, cap what the streams pdfminer decodes inflate to at `limit` bytes in all.

    Raises:
        UnreadableFile: the streams inflated past the limit (however the block ended).
    """
    _install()
    budget = _Budget(limit)
    token = _BUDGET.set(budget)
    try:
        yield
    except Exception as e:
        if budget.exceeded:
            raise UnreadableFile(_message(name, budget)) from e
        raise
    finally:
        _BUDGET.reset(token)
    if budget.exceeded:  # pdfminer or pdfplumber caught the interruption and went on
        raise UnreadableFile(_message(name, budget))


def _message(name: str, budget: _Budget) -> str:
    """Given the file's name and its spent budget, return why it is refused."""
    return f"{name}: its streams inflate to more than the {budget.limit:,}-byte limit (a decompression bomb?)"
