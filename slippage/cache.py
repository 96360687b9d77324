"""The result cache in OUT/.cache: re-running an ingest parses only new or changed files.

One JSON Lines file per input (`slippage.entry`), named by a hash of its reported name
(`source_file`). Its head holds the file's stamp (size, mtime, ctime, device and inode),
its sha256, the pipeline version, a fingerprint of the options that change results, the
limits a limit failure ran under and the `reports` row; then the result's parts follow a
line each, as a worker sends them, so that the batch process writes and reads a big
result without holding it (`slippage.spool`). An entry is used when:

- the pipeline version and the options fingerprint match (NER on/off, model names and
  version, reader limits, reader library versions), and
- the file's stamp is unchanged: then it is trusted without re-hashing, which keeps a
  re-run over a big archive to a `stat` per file. When any part differs (a touch, a
  `chmod`, an edit in place that kept size and mtime, a copy or move of the archive), the
  file is hashed and the entry used only if the sha256 is the one it was made from; the
  entry then takes the new stamp. `--verify` hashes every file whatever its stamp.

Failures of the file itself are cached too: a broken file stays broken until it
changes. A timeout or out-of-memory failure is cached with the limits it ran under
(`--timeout`, `--max-memory`) and tried again when they change; `--retry-failed` tries
every cached failure again. Failures of the machine (permission, I/O, a missing tool)
and worker crashes are never cached.

JSON, not pickle: reading an entry never runs code, so a file planted in `.cache/` can at
worst be a wrong entry for a file whose stamp and sha256 it also matches, and anything
that is not a well-formed entry (a truncated one has no end line) is a miss. Entries for inputs not in the current run
are kept (an archive may be ingested in parts into one OUT); each is written atomically
as its file finishes, so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from extract.read import file_sha256
from extract.settings import ExtractSettings
from normalise.tables.user_columns import ReadOptions
from slippage.entry import ENTRY_KIND, EntryWriter, copy_with_head, read_head, read_parts
from slippage.result import PIPELINE_VERSION, FileResult
from slippage.summary import FileSummary, SummaryBuilder

# Libraries whose upgrades can change what is extracted; their versions join the fingerprint.
RESULT_LIBRARIES = ("pdfplumber", "pdfminer.six", "python-docx", "charset-normalizer", "spacy")
# JSON Lines since pipeline version 6, under the same names: an entry of before is one line with
# no `report` in it, a miss, replaced when its file is read again.
ENTRY_SUFFIX = ".json"


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What identifies a file's version cheaply: size, modification and change times, device and inode."""

    size: int
    mtime_ns: int
    ctime_ns: int
    device: int
    inode: int


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits a file ran under (a timeout or out-of-memory failure holds only under them)."""

    timeout: float
    max_memory_mib: int


@dataclass(frozen=True, slots=True)
class Lookup:
    """How a run looks entries up: hash every file (`--verify`), and retry cached failures."""

    limits: Limits | None = None
    verify: bool = False
    retry_failed: bool = False


def stamp_of(path: Path) -> FileStamp | None:
    """Given a path, return its stamp, or None if it cannot be stat'ed."""
    try:
        st = path.stat()
    except OSError:
        return None
    return FileStamp(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_dev, st.st_ino)


def options_fingerprint(ner: bool, spacy_model: str | None, settings: ExtractSettings | None,
                        columns: ReadOptions | None = None) -> str:
    """Given the options that change results, return a stable text fingerprint of them."""
    facts: dict[str, object] = {
        "columns": [list(columns.synonyms), list(columns.forced_columns)] if columns else None,
        "ner": ner,
        "model": _model_identity(spacy_model) if ner else None,
        "settings": asdict(ExtractSettings.resolve(settings)),
        "libraries": {name: _version(name) for name in RESULT_LIBRARIES},
    }
    return json.dumps(facts, sort_keys=True)


def _model_identity(spacy_model: str | None) -> list[str]:
    """Given the model option, return the names NER would try with their installed versions."""
    from normalise.entities.spacy_model import model_names

    names = model_names((spacy_model,)) if spacy_model else model_names()
    return [f"{name}=={_version(name)}" for name in names]


def _version(distribution: str) -> str | None:
    """Given a distribution name, return its installed version (None if not installed)."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


class ResultCache:
    """Cached results in one folder, one JSON Lines entry per input (`slippage.entry`)."""

    def __init__(self, folder: Path, options: str, lookup: Lookup | None = None) -> None:
        self.folder = folder
        self.options = options
        self.lookup = lookup or Lookup()

    def entry_path(self, source_file: str) -> Path:
        """Given a reported file name, return its entry's path."""
        key = hashlib.sha256(source_file.encode("utf-8", "surrogateescape")).hexdigest()[:32]
        return self.folder / f"{key}{ENTRY_SUFFIX}"

    def summary(self, source_file: str, path: Path, stamp: FileStamp | None) -> FileSummary | None:
        """Given a file and its current stamp, return the summary of its cached result if still valid, else None.

        The whole entry is read (a line at a time, none kept), so that a truncated or
        damaged entry is a miss now, and its file is read again, not a failure at write time.
        """
        found = self._scan(source_file, stamp, path)
        return None if found is None else found[1]

    def get(self, source_file: str, path: Path, stamp: FileStamp | None) -> FileResult | None:
        """Given a file and its current stamp, return its whole cached result if still valid, else None
        (for the Python API and tests: the batch reads `summary`, then `stored_parts`)."""
        if self._scan(source_file, stamp, path) is None:
            return None
        head = self._head(source_file)
        if head is None:
            return None
        parts = self.stored_parts(source_file, head["sha256"])
        return FileResult.from_parts([("head", FileResult(report=dict(head["report"]), stats=dict(head["stats"]))), *parts])

    def put(self, source_file: str, stamp: FileStamp | None, result: FileResult, *, limited: bool = False) -> bool:
        """Given a file's stamp taken before it was parsed and its whole result, store the entry atomically;
        return whether it was stored. `limited`: the result is a limit failure, held only under these limits."""
        parts = result.iter_parts()
        _, head = next(parts)
        writer = self.writer(source_file, stamp, head, limited=limited)
        if writer is None:
            return False
        try:
            for name, value in parts:
                writer.add(name, value)
            writer.commit()
        except (TypeError, ValueError):  # a value JSON cannot hold: kept in memory for this run, not cached
            writer.discard()
            return False
        finally:
            writer.discard()
        return True

    def writer(self, source_file: str, stamp: FileStamp | None, head: FileResult, *,
               limited: bool = False) -> EntryWriter | None:
        """Given a file's stamp taken before it was parsed and its result's head, return a writer of its
        entry, to which the parts are added as they come (None if the result cannot be keyed)."""
        if stamp is None or not head.report.get("sha256"):
            return None
        limits = self.lookup.limits if limited else None
        self.folder.mkdir(parents=True, exist_ok=True)
        return EntryWriter(self.entry_path(source_file), {
            "kind": ENTRY_KIND, "source_file": source_file, "stamp": asdict(stamp),
            "sha256": head.report["sha256"], "pipeline_version": PIPELINE_VERSION, "options": self.options,
            "limits": asdict(limits) if limits else None, "report": head.report, "stats": head.stats,
        })

    def stored_summary(self, source_file: str, sha256: str) -> FileSummary | None:
        """Given a reported name and a sha256, return the summary of the stored result if the entry holds
        that version under these options, else None (whatever its stamp: for `--add`)."""
        head = self._head(source_file)
        if head is None or head["sha256"] != sha256:
            return None
        found = self._scan(source_file, None, None)
        return None if found is None else found[1]

    def stored_parts(self, source_file: str, sha256: str, names: frozenset[str] | None = None) -> Iterator[tuple[str, Any]]:
        """Given a reported name and the sha256 its result was made from, yield the entry's parts lazily.

        Raises:
            ValueError: the entry no longer holds that version under these options, or is malformed.
            OSError: it cannot be read.
        """
        with self.entry_path(source_file).open("rb") as fh:
            head = self._checked_head(fh, source_file)
            if head is None or head["sha256"] != sha256:
                raise ValueError(f"the cache entry of {source_file} no longer holds the result read")
            yield from read_parts(fh, names)

    def _scan(self, source_file: str, stamp: FileStamp | None, path: Path | None) -> tuple[dict[str, Any], FileSummary] | None:
        """Given a reported name and, for a lookup, its stamp and path, read its entry through and return its
        head and summary if it is well formed, current, holds under this run's limits and (for a lookup)
        is for this version of the file; else None. An entry found under a new stamp takes it."""
        try:
            with self.entry_path(source_file).open("rb") as fh:
                head = self._checked_head(fh, source_file)
                if head is None or (path is not None and not self._still_holds(head)):
                    return None
                builder = SummaryBuilder(dict(head["report"]))
                for name, value in read_parts(fh):
                    builder.add(name, value)
                summary = builder.finish()
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None
        if path is not None:
            if stamp is None:
                return None
            if self.lookup.verify or _stamp(head) != stamp:
                sha = _sha256_or_none(path)
                if not sha or sha != head["sha256"]:
                    return None
                self._restamp(head, source_file, stamp)
        return head, summary

    def _head(self, source_file: str) -> dict[str, Any] | None:
        """Given a reported name, return its entry's head if well formed and current, else None."""
        try:
            with self.entry_path(source_file).open("rb") as fh:
                return self._checked_head(fh, source_file)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None

    def _checked_head(self, fh: IO[bytes], source_file: str) -> dict[str, Any] | None:
        """Given an entry opened at its start, return its head if it is an entry of ours for this name made by
        this pipeline under these options, else None (raising ValueError/TypeError when malformed)."""
        head = read_head(fh)
        _stamp(head)
        if head.get("source_file") != source_file or not isinstance(head.get("sha256"), str):
            return None
        return head if self._current(head) else None

    def _restamp(self, head: dict[str, Any], source_file: str, stamp: FileStamp) -> None:
        """Given an entry whose file has the same bytes under a new stamp, store the new stamp
        (best effort: a cache that cannot be written is only slower next time)."""
        try:
            copy_with_head(self.entry_path(source_file), {**head, "stamp": asdict(stamp)})
        except OSError:
            pass

    def _current(self, head: dict[str, Any]) -> bool:
        """Given an entry's head, return whether this pipeline version made it under these options."""
        return bool(head.get("pipeline_version") == PIPELINE_VERSION and head.get("options") == self.options)

    def _still_holds(self, head: dict[str, Any]) -> bool:
        """Given an entry's head, return whether its result holds for this run's limits and retry choice."""
        if head["report"].get("status") != "failed":
            return True
        if self.lookup.retry_failed:
            return False
        limits = head.get("limits")
        return limits is None or (self.lookup.limits is not None and limits == asdict(self.lookup.limits))


def _stamp(entry: dict[str, Any]) -> FileStamp:
    """Given an entry, return its stamp (raising for a malformed one)."""
    stamp = FileStamp(**entry["stamp"])
    if not all(isinstance(v, int) for v in asdict(stamp).values()):
        raise TypeError("stamp fields must be integers")
    return stamp


def _sha256_or_none(path: Path) -> str | None:
    """Given a path, return its sha256, or None if it cannot be read."""
    try:
        return file_sha256(path)
    except OSError:
        return None


def cache_files(folder: Path) -> list[Path]:
    """Given a cache folder, return its entry files (for tests and housekeeping)."""
    return sorted(p for p in folder.glob(f"*{ENTRY_SUFFIX}") if os.path.isfile(p)) if folder.is_dir() else []
