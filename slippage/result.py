"""What one input file contributes to the dataset (`FileResult`), and the results of files not read.

Kept apart from `slippage.pipeline` so that the batch process (the cache, the store, the
runner) can hold, cache and ship results without importing the readers and normalisers:
a re-run whose every file comes from the cache imports none of them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from extract.detect import SUFFIX_FORMATS
from extract.read import file_sha256
from normalise.identity.fingerprint import Fingerprint

# 2: fingerprints stored as hash arrays; 3: tables by evidence, `tables` rows; 5: the result cache is JSON;
# 6: cache entries are JSON Lines, a part a line, mention rows in exception order
PIPELINE_VERSION = "6"
# A worker sends a result in parts of at most this many rows (~1 MB of exceptions) or hashes (1 MiB).
ROWS_PER_PART = 200
HASHES_PER_PART = 1 << 17
_ROW_FIELDS = ("exceptions", "amounts", "years", "entities", "tables")
_MENTION_FIELDS = ("amounts", "years", "entities")
Status = Literal["ok", "no_exceptions", "skipped", "failed"]


@dataclass(slots=True)
class FileResult:
    """Everything one input file contributes to the dataset (picklable, for workers and the cache)."""

    report: dict[str, Any]
    exceptions: list[dict[str, Any]] = field(default_factory=list)
    amounts: list[dict[str, Any]] = field(default_factory=list)
    years: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    fingerprint: Fingerprint = field(default_factory=Fingerprint)
    stats: dict[str, int] = field(default_factory=dict)
    tables: list[dict[str, Any]] = field(default_factory=list)
    # A failure of the machine, not the file (permission, I/O, a missing program): never cached.
    transient: bool = False

    @property
    def status(self) -> Status:
        """Given the result, return its report status."""
        status: Status = self.report["status"]
        return status

    def take_parts(self) -> Iterator[tuple[str, Any]]:
        """Yield the result in parts of bounded size, for a worker to send one at a time, emptying
        the result as they are taken.

        Pickled whole, a big report's result is copied into one buffer that grows by
        reallocation: up to twice the pickle's size, on top of the rows themselves
        (measured: 17 MB of peak for the 15 MB of rows of a 2 MB text export). And pickling a
        text that is not ASCII ("£") leaves its UTF-8 copy cached on it for as long as it
        lives (+86 MiB for an 80 MB export), so each part's rows are let go once it is sent.
        Mention rows go in their exceptions' order (`in_exception_order`), so that the batch
        can read a big report's rows back a slice of exceptions at a time.
        """
        in_exception_order(self)
        yield "head", FileResult(report=self.report, stats=self.stats, transient=self.transient)
        for name in _ROW_FIELDS:
            rows = getattr(self, name)
            while rows:
                part = rows[:ROWS_PER_PART]
                del rows[:ROWS_PER_PART]
                yield name, part
        hashes, self.fingerprint = self.fingerprint, Fingerprint()
        yield from _hash_parts(hashes)

    def iter_parts(self) -> Iterator[tuple[str, Any]]:
        """Yield the result in the parts `take_parts` would, leaving it as it is (rows in the order they are)."""
        yield "head", FileResult(report=self.report, stats=self.stats, transient=self.transient)
        for name in _ROW_FIELDS:
            rows = getattr(self, name)
            for start in range(0, len(rows), ROWS_PER_PART):
                yield name, rows[start : start + ROWS_PER_PART]
        yield from _hash_parts(self.fingerprint)

    @classmethod
    def from_parts(cls, parts: Iterable[tuple[str, Any]]) -> FileResult:
        """Given the parts `take_parts` yielded, in order, return the result they make."""
        result: FileResult | None = None
        hashes: dict[str, list[np.ndarray]] = {"words": [], "figures": []}
        for name, value in parts:
            if name == "head":
                result = value
            elif name in hashes:
                hashes[name].append(value)
            elif result is not None and name in _ROW_FIELDS:
                getattr(result, name).extend(value)
            else:
                raise ValueError(f"a result part {name!r} came before its head or is not a result's part")
        if result is None:
            raise ValueError("the result's parts had no head")
        result.fingerprint = Fingerprint(*(np.concatenate(hashes[k]) if hashes[k] else np.empty(0, dtype=np.uint64)
                                           for k in ("words", "figures")))
        return result


def _hash_parts(fingerprint: Fingerprint) -> Iterator[tuple[str, Any]]:
    """Given a fingerprint, yield its hash arrays in parts of at most HASHES_PER_PART."""
    for name in ("words", "figures"):
        values = getattr(fingerprint, name)
        for start in range(0, len(values), HASHES_PER_PART):
            yield name, values[start : start + HASHES_PER_PART]


def in_exception_order(result: FileResult) -> FileResult:
    """Given a result, put its mention rows in the order of their exceptions (stably) and return it.

    A report's amounts are its text mentions and then its money cells, each in exception
    order; one order for all lets the batch read a big report's rows back a slice of
    exceptions at a time. The tables are the same: their sort keeps each exception's rows
    in the order they were (`export.tables.to_frame` sorts stably).
    """
    order = {row["exception_id"]: i for i, row in enumerate(result.exceptions)}
    for name in _MENTION_FIELDS:
        getattr(result, name).sort(key=lambda row: order.get(row["exception_id"], len(order)))
    return result


def memory_failure(report: dict[str, Any], name: str, max_memory_mib: int) -> bool:
    """Given a failed `reports` row, its file's name and the memory limit, reword a MemoryError as the
    limit it hit and return True (such a failure holds only under that limit); else return False."""
    error = report.get("error") or ""
    if report.get("status") != "failed" or "MemoryError" not in error:
        return False
    report["error"] = f"{name}: ran out of memory (over the {max_memory_mib:,} MiB limit; see --max-memory)"
    return True


def failed_result(path: Path, source_file: str, error: str, *, hash_file: bool = True) -> FileResult:
    """Given a file that could not be read and why, return its failed result (`hash_file`: False for paths not to open)."""
    sha = ""
    if hash_file:
        try:
            sha = file_sha256(path)
        except OSError:
            sha = ""
    return FileResult(report=_unread_report(path, source_file, "failed", error, sha))


def skipped_result(path: Path, source_file: str, reason: str) -> FileResult:
    """Given a file a folder walk met but does not read (its type) and why, return its skipped result."""
    return FileResult(report=_unread_report(path, source_file, "skipped", reason, ""))


def _unread_report(path: Path, source_file: str, status: Status, error: str, sha: str) -> dict[str, Any]:
    """Given a file that gave no document, its status, why and its hash (or ""), return its `reports` row."""
    return {
        "report_id": report_id_for(sha) if sha else name_id(source_file), "source_file": source_file,
        "source_format": claimed_format(path) if status == "failed" else None, "sha256": sha, "title": None, "report_period": None,
        "status": status, "error": error, "n_exceptions": 0, "duplicate_of": None,
        "n_pages": None, "report_subperiod": None, "report_month": None, "period_rule": None,
        "programmes_without_exceptions": "[]", "source_path": str(path), "read_via": None, "ocr_pages": 0,
    }


def name_id(source_file: str) -> str:
    """Given the name of a file whose bytes were not read, return an id made from the name (not its first letters)."""
    return hashlib.sha256(f"name:{source_file}".encode("utf-8", "surrogateescape")).hexdigest()[:16]


def report_id_for(sha256: str) -> str:
    """Given a file's sha256, return its stable report id."""
    return sha256[:16]


def claimed_format(path: Path) -> str:
    """Given a path, return the format its extension claims (txt by default)."""
    return SUFFIX_FORMATS.get(path.suffix.lower(), "txt")
