"""The result cache in OUT/.cache: re-running an ingest parses only new or changed files.

One entry per input, keyed by its reported name (`source_file`), holding the file's
stat (size, mtime_ns), its sha256, the pipeline version, a fingerprint of the options
that change results, and the pickled `FileResult`. An entry is used when:

- the pipeline version and the options fingerprint match (NER on/off, model names and
  version, reader limits, reader library versions), and
- the file's size and mtime are unchanged: then it is trusted without re-hashing, which
  keeps a re-run over a big archive to a `stat` per file. A touched file is re-parsed
  even if its bytes are the same (as `make` does: touching is how to ask for it).
- If only the resolved path differs (the archive was moved or copied with its mtimes),
  the file is hashed and the entry used when the sha256 matches.

Failed results are cached too: a broken file stays broken until it changes. Timeouts,
crashes and out-of-memory failures are not (the engine marks them uncacheable), since a
busy machine or a lower limit may have caused them.

Entries for inputs not in the current run are kept: an archive may be ingested in parts
into one OUT. Entries are written atomically as each file finishes, so an interrupted
run resumes where it stopped. The cache is pickle: only point slippage at an OUT folder
you trust, as with any pickle file.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from export.writers import atomic_write
from extract.read import file_sha256
from extract.settings import ExtractSettings
from normalise.user_columns import ReadOptions
from slippage.pipeline import PIPELINE_VERSION, FileResult

# Libraries whose upgrades can change what is extracted; their versions join the fingerprint.
RESULT_LIBRARIES = ("pdfplumber", "pdfminer.six", "python-docx", "charset-normalizer", "spacy")


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What identifies a file's version cheaply: its resolved path, size and mtime."""

    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """One cached result and the facts that say whether it still holds."""

    source_file: str
    stamp: FileStamp
    sha256: str
    pipeline_version: str
    options: str
    result: FileResult


def stamp_of(path: Path) -> FileStamp | None:
    """Given a path, return its stamp, or None if it cannot be stat'ed."""
    try:
        st = path.stat()
        return FileStamp(str(path.resolve()), st.st_size, st.st_mtime_ns)
    except OSError:
        return None


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
    from normalise.entities import model_names

    names = model_names((spacy_model,)) if spacy_model else model_names()
    return [f"{name}=={_version(name)}" for name in names]


def _version(distribution: str) -> str | None:
    """Given a distribution name, return its installed version (None if not installed)."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


class ResultCache:
    """Cached `FileResult`s in one folder, one pickle file per input."""

    def __init__(self, folder: Path, options: str) -> None:
        self.folder = folder
        self.options = options

    def entry_path(self, source_file: str) -> Path:
        """Given a reported file name, return its entry's path."""
        return self.folder / f"{hashlib.sha256(source_file.encode('utf-8')).hexdigest()[:32]}.pickle"

    def get(self, source_file: str, path: Path, stamp: FileStamp | None) -> FileResult | None:
        """Given a file and its current stamp, return its cached result if still valid, else None."""
        entry = self._load(source_file)
        if entry is None or stamp is None or not self._fresh(entry, path, stamp):
            return None
        entry.result.report["source_path"] = stamp.path
        return entry.result

    def put(self, source_file: str, stamp: FileStamp | None, result: FileResult) -> bool:
        """Given a file's stamp taken before it was parsed and its result, store the entry atomically;
        return whether it was stored (a file that could not be stat'ed has no entry)."""
        if stamp is None:
            return False
        entry = CacheEntry(source_file, stamp, result.report.get("sha256") or "", PIPELINE_VERSION,
                           self.options, result)
        data = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)

        def write(tmp: Path) -> None:
            tmp.write_bytes(data)

        atomic_write(self.entry_path(source_file), write)
        return True

    def stored_result(self, source_file: str, sha256: str) -> FileResult | None:
        """Given a reported name and the sha256 its result was made from, return the stored
        result if the entry still holds that version under these options, else None."""
        entry = self._load(source_file)
        if entry is None or entry.sha256 != sha256 or not self._current(entry):
            return None
        return entry.result

    def _load(self, source_file: str) -> CacheEntry | None:
        """Given a reported name, return its entry, or None if absent or unreadable."""
        try:
            with self.entry_path(source_file).open("rb") as fh:
                entry = pickle.load(fh)
        except Exception:  # noqa: BLE001 - absent, damaged or outdated: a miss, not an error
            return None
        return entry if isinstance(entry, CacheEntry) and entry.source_file == source_file else None

    def _current(self, entry: CacheEntry) -> bool:
        """Given an entry, return whether this pipeline version made it under these options."""
        return entry.pipeline_version == PIPELINE_VERSION and entry.options == self.options

    def _fresh(self, entry: CacheEntry, path: Path, stamp: FileStamp) -> bool:
        """Given an entry and the file's current stamp, return whether the entry still holds."""
        if not self._current(entry):
            return False
        if (entry.stamp.size, entry.stamp.mtime_ns) != (stamp.size, stamp.mtime_ns):
            return False
        if entry.stamp.path == stamp.path:
            return True
        return bool(entry.sha256) and _sha256_or_none(path) == entry.sha256


def _sha256_or_none(path: Path) -> str | None:
    """Given a path, return its sha256, or None if it cannot be read."""
    try:
        return file_sha256(path)
    except OSError:
        return None


def cache_files(folder: Path) -> list[Path]:
    """Given a cache folder, return its entry files (for tests and housekeeping)."""
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []
