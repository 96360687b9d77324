"""One file's result on disk as JSON Lines: the form of a cache entry and of a spooled result.

    {"kind": "slippage-result", "report": {...}, "stats": {...}, ...}   the head (and the cache's key)
    ["exceptions", [{...}, ... at most ROWS_PER_PART rows]]             one line per part, in the order
    ["words", {"$u64": "base64 of little-endian uint64s"}]              `FileResult.take_parts` yields them
    {"end": 123}                                                        the number of part lines

A worker's parts are written as they arrive, so the batch process never holds a result
whole (issue 12: one `json.dumps` of an 80 MB export's result took the batch to 2 GiB),
and read back a line at a time. The end line makes a truncated file a miss, not a
shorter result. JSON, never pickle: reading a line runs no code, and anything that is not
a well-formed part is a `ValueError`. Decimals and hash arrays are tagged (`encode`).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import numpy as np

from export.atomic import put_in_place, temp_beside

ENTRY_KIND = "slippage-result"
ROW_PARTS = ("exceptions", "amounts", "years", "entities", "tables")
HASH_PARTS = ("words", "figures")


def encode(value: object) -> object:
    """Given a value json cannot write, return its tagged form (Decimal, uint64 hash array, a numpy scalar).

    >>> encode(Decimal("0.25")), encode(np.array([1, 2], dtype=np.uint64))["$u64"]
    ({'$decimal': '0.25'}, 'AQAAAAAAAAACAAAAAAAAAA==')
    """
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, np.ndarray) and value.dtype == np.uint64:
        return {"$u64": base64.b64encode(value.astype("<u8").tobytes()).decode("ascii")}
    if isinstance(value, np.generic):  # rows read back from Parquet (`--add`) carry numpy scalars
        return value.item()
    raise TypeError(f"cannot store a {type(value).__name__}")


def decode(obj: dict[str, Any]) -> object:
    """Given a JSON object, return the value it tags, or the object itself."""
    if len(obj) == 1 and "$decimal" in obj:
        return Decimal(obj["$decimal"])
    if len(obj) == 1 and "$u64" in obj:
        return np.frombuffer(base64.b64decode(obj["$u64"], validate=True), dtype="<u8").astype(np.uint64)
    return obj


def dumps(value: object) -> bytes:
    """Given a JSON-able value (Decimals and hash arrays allowed), return its one-line UTF-8 JSON."""
    return json.dumps(value, default=encode, ensure_ascii=False).encode("utf-8", "surrogatepass")


def loads(line: bytes) -> Any:
    """Given one line `dumps` wrote, return its value (raising ValueError for anything else)."""
    return json.loads(line.decode("utf-8", "surrogatepass"), object_hook=decode)


def checked_part(value: Any) -> tuple[str, Any]:
    """Given a decoded part line, return it as (name, value), raising TypeError if it is not a well-formed part."""
    if not isinstance(value, list) or len(value) != 2 or not isinstance(value[0], str):
        raise TypeError("a part is a [name, value] pair")
    name, data = value
    if name in ROW_PARTS:
        if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
            raise TypeError(f"a {name} part holds rows")
    elif name in HASH_PARTS:
        if not isinstance(data, np.ndarray):
            raise TypeError(f"a {name} part holds a hash array")
    else:
        raise TypeError(f"{name!r} is not a result's part")
    return name, data


class EntryWriter:
    """A result's lines written to a temporary file as they come, then put in place (or dropped)."""

    def __init__(self, path: Path, head: dict[str, Any]) -> None:
        self.path = path
        self.temp = temp_beside(path)
        self.parts = 0
        self._fh: IO[bytes] | None = self.temp.open("wb")
        try:
            self._line(dumps(head))
        except BaseException:
            self.discard()
            raise

    def add(self, name: str, value: Any) -> None:
        """Given a part, write its line (raising TypeError for a value JSON cannot hold; nothing is written then)."""
        line = dumps([name, value])
        self._line(line)
        self.parts += 1

    def _line(self, data: bytes) -> None:
        """Given one encoded line, append it."""
        if self._fh is None:
            raise ValueError("the entry is closed")
        self._fh.write(data + b"\n")

    def commit(self) -> Path:
        """Write the end line, close the file and rename it over its path; return the path."""
        self._line(dumps({"end": self.parts}))
        assert self._fh is not None
        self._fh.close()
        self._fh = None
        put_in_place(self.temp, self.path)
        return self.path

    def discard(self) -> None:
        """Close and delete the temporary file (harmless after a commit)."""
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        if self.temp.exists() and self.temp != self.path:
            self.temp.unlink(missing_ok=True)


def read_head(fh: IO[bytes]) -> dict[str, Any]:
    """Given an entry opened for reading at its start, return its head (raising ValueError/TypeError if malformed)."""
    head = loads(fh.readline())
    if not isinstance(head, dict) or head.get("kind") != ENTRY_KIND:
        raise TypeError("not a slippage result")
    if not isinstance(head.get("report"), dict) or not isinstance(head.get("stats"), dict):
        raise TypeError("the head holds no report")
    return head


def read_parts(fh: IO[bytes], names: frozenset[str] | None = None) -> Iterator[tuple[str, Any]]:
    """Given an entry opened just after its head, yield its parts (only those named, when `names` is
    given: the others are skipped unread); raise ValueError if the entry is truncated or malformed."""
    count = 0
    for line in fh:
        if line.startswith(b"{"):
            end = loads(line)
            if end != {"end": count} or fh.read(1):
                raise ValueError("the entry's end line does not match its parts")
            return
        count += 1
        if names is not None and not any(line.startswith(b'["' + n.encode() + b'",') for n in names):
            continue
        yield checked_part(loads(line))
    raise ValueError("the entry ends before its end line (truncated)")


def entry_parts(path: Path, names: frozenset[str] | None = None) -> Iterator[tuple[str, Any]]:
    """Given an entry file, yield its parts lazily (see `read_parts`); OSError if it cannot be opened."""
    with path.open("rb") as fh:
        read_head(fh)
        yield from read_parts(fh, names)


def copy_with_head(path: Path, head: dict[str, Any]) -> None:
    """Given an entry and a new head for it, rewrite it atomically with that head (the parts copied as bytes)."""
    with path.open("rb") as src:
        src.readline()
        tmp = temp_beside(path)
        try:
            with tmp.open("wb") as dst:
                dst.write(dumps(head) + b"\n")
                while block := src.read(1 << 20):
                    dst.write(block)
            put_in_place(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)

