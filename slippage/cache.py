"""The result cache in OUT/.cache: re-running an ingest parses only new or changed files.

One JSON file per input, named by a hash of its reported name (`source_file`), holding
the file's stamp (size, mtime, ctime, device and inode), its sha256, the pipeline
version, a fingerprint of the options that change results, the limits a limit failure
ran under, and the `FileResult` as plain data. An entry is used when:

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
that is not a well-formed entry is a miss. Entries for inputs not in the current run
are kept (an archive may be ingested in parts into one OUT); each is written atomically
as its file finishes, so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import asdict, dataclass
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from export.atomic import atomic_write_text
from extract.read import file_sha256
from extract.settings import ExtractSettings
from normalise.identity.fingerprint import Fingerprint
from normalise.record import ROW_TABLES
from normalise.tables.user_columns import ReadOptions
from slippage.result import PIPELINE_VERSION, FileResult

# Libraries whose upgrades can change what is extracted; their versions join the fingerprint.
RESULT_LIBRARIES = ("pdfplumber", "pdfminer.six", "python-docx", "charset-normalizer", "spacy")
ENTRY_KIND = "slippage-result"
CACHED_TABLES = (*ROW_TABLES, "tables")


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
    """Cached `FileResult`s in one folder, one JSON file per input."""

    def __init__(self, folder: Path, options: str, lookup: Lookup | None = None) -> None:
        self.folder = folder
        self.options = options
        self.lookup = lookup or Lookup()

    def entry_path(self, source_file: str) -> Path:
        """Given a reported file name, return its entry's path."""
        key = hashlib.sha256(source_file.encode("utf-8", "surrogateescape")).hexdigest()[:32]
        return self.folder / f"{key}.json"

    def get(self, source_file: str, path: Path, stamp: FileStamp | None) -> FileResult | None:
        """Given a file and its current stamp, return its cached result if still valid, else None."""
        entry = self._load(source_file)
        if entry is None or stamp is None or not self._current(entry) or not self._still_holds(entry):
            return None
        if self.lookup.verify or _stamp(entry) != stamp:
            sha = _sha256_or_none(path)
            if not sha or sha != entry["sha256"]:
                return None
            self._restamp(entry, source_file, stamp)
        return _result(entry["result"])

    def put(self, source_file: str, stamp: FileStamp | None, result: FileResult, *, limited: bool = False) -> bool:
        """Given a file's stamp taken before it was parsed and its result, store the entry atomically;
        return whether it was stored. `limited`: the result is a limit failure, held only under these limits."""
        if stamp is None or not result.report.get("sha256"):
            return False
        limits = self.lookup.limits if limited else None
        entry = {
            "kind": ENTRY_KIND, "source_file": source_file, "stamp": asdict(stamp),
            "sha256": result.report["sha256"], "pipeline_version": PIPELINE_VERSION, "options": self.options,
            "limits": asdict(limits) if limits else None, "result": _plain(result),
        }
        try:
            self._write(entry, source_file)
        except (TypeError, ValueError):  # a value JSON cannot hold: kept in memory for this run, not cached
            return False
        return True

    def stored_result(self, source_file: str, sha256: str) -> FileResult | None:
        """Given a reported name and the sha256 its result was made from, return the stored
        result if the entry still holds that version under these options, else None."""
        entry = self._load(source_file)
        if entry is None or entry["sha256"] != sha256 or not self._current(entry):
            return None
        return _result(entry["result"])

    def _restamp(self, entry: dict[str, Any], source_file: str, stamp: FileStamp) -> None:
        """Given an entry whose file has the same bytes under a new stamp, store the new stamp
        (best effort: a cache that cannot be written is only slower next time)."""
        try:
            self._write({**entry, "stamp": asdict(stamp)}, source_file)
        except OSError:
            pass

    def _write(self, entry: dict[str, Any], source_file: str) -> None:
        """Given an entry, write it atomically to its file."""
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.entry_path(source_file), json.dumps(entry, default=_encode))

    def _load(self, source_file: str) -> dict[str, Any] | None:
        """Given a reported name, return its entry, or None if absent, unreadable or not an entry of ours."""
        try:
            text = self.entry_path(source_file).read_text(encoding="utf-8")
            entry = json.loads(text, object_hook=_decode)
            _result(entry["result"])  # a malformed result is a miss now, not an error when written
            _stamp(entry)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None
        if not isinstance(entry, dict) or entry.get("kind") != ENTRY_KIND or entry.get("source_file") != source_file:
            return None
        return entry if isinstance(entry.get("sha256"), str) else None

    def _current(self, entry: dict[str, Any]) -> bool:
        """Given an entry, return whether this pipeline version made it under these options."""
        return bool(entry.get("pipeline_version") == PIPELINE_VERSION and entry.get("options") == self.options)

    def _still_holds(self, entry: dict[str, Any]) -> bool:
        """Given an entry, return whether its result holds for this run's limits and retry choice."""
        if entry["result"]["report"].get("status") != "failed":
            return True
        if self.lookup.retry_failed:
            return False
        limits = entry.get("limits")
        return limits is None or (self.lookup.limits is not None and limits == asdict(self.lookup.limits))


def _stamp(entry: dict[str, Any]) -> FileStamp:
    """Given an entry, return its stamp (raising for a malformed one)."""
    stamp = FileStamp(**entry["stamp"])
    if not all(isinstance(v, int) for v in asdict(stamp).values()):
        raise TypeError("stamp fields must be integers")
    return stamp


def _plain(result: FileResult) -> dict[str, Any]:
    """Given a result, return it as JSON-ready data (Decimals and hash arrays are encoded by `_encode`)."""
    return {
        "report": result.report, "stats": result.stats,
        "fingerprint": {"words": result.fingerprint.words, "figures": result.fingerprint.figures},
        **{name: getattr(result, name) for name in CACHED_TABLES},
    }


def _result(data: dict[str, Any]) -> FileResult:
    """Given an entry's result data, return the `FileResult` (raising for malformed data)."""
    rows = {name: list(data[name]) for name in CACHED_TABLES}
    if not all(isinstance(row, dict) for table in rows.values() for row in table):
        raise TypeError("rows must be objects")
    words, figures = data["fingerprint"]["words"], data["fingerprint"]["figures"]
    if not isinstance(words, np.ndarray) or not isinstance(figures, np.ndarray):
        raise TypeError("fingerprint must hold two hash arrays")
    report, stats = dict(data["report"]), dict(data["stats"])
    return FileResult(report=report, stats=stats, fingerprint=Fingerprint(words, figures), exceptions=rows["exceptions"],
                      amounts=rows["amounts"], years=rows["years"], entities=rows["entities"], tables=rows["tables"])


def _encode(value: object) -> object:
    """Given a value json cannot write, return its tagged form (Decimal, uint64 hash array).

    >>> _encode(Decimal("0.25")), _encode(np.array([1, 2], dtype=np.uint64))["$u64"]
    ({'$decimal': '0.25'}, 'AQAAAAAAAAACAAAAAAAAAA==')
    """
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, np.ndarray) and value.dtype == np.uint64:
        return {"$u64": base64.b64encode(value.astype("<u8").tobytes()).decode("ascii")}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _decode(obj: dict[str, Any]) -> object:
    """Given a JSON object, return the value it tags, or the object itself."""
    if len(obj) == 1 and "$decimal" in obj:
        return Decimal(obj["$decimal"])
    if len(obj) == 1 and "$u64" in obj:
        return np.frombuffer(base64.b64decode(obj["$u64"], validate=True), dtype="<u8").astype(np.uint64)
    return obj


def _sha256_or_none(path: Path) -> str | None:
    """Given a path, return its sha256, or None if it cannot be read."""
    try:
        return file_sha256(path)
    except OSError:
        return None


def cache_files(folder: Path) -> list[Path]:
    """Given a cache folder, return its entry files (for tests and housekeeping)."""
    return sorted(p for p in folder.glob("*.json") if os.path.isfile(p)) if folder.is_dir() else []
