"""What a run says and leaves behind: its failure lines, its summary line and run.json, and
whether a re-run has anything to write at all (issue 12: re-run cost).

The output set in `--out` is a function of the reports of the run (each cached result
follows from its file's sha256, the options that change results and the code), of how
the set is written (aliases, the review, `--add`, the folder) and of the code and the
libraries that write it. `run_key` digests all of these; the run that writes a set
records the digest in its run.json, with the size and modification time of every file
of the set. A later run whose every input came from the cache and whose digest is the
one recorded, in a set whose files are as they were written, would write that same set
again: it says so and leaves the set as it is, run.json included (which still describes
the run that wrote it). A corrections file is applied with the time of the run, so a
run with corrections always writes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from export.atomic import atomic_write_text

if TYPE_CHECKING:  # the CLI reads this module before it imports anything heavy
    from slippage.store import FileSummary, ResultStore

RUN_FILE = "run.json"
CURRENT = ".current"  # `slippage.staging.CURRENT`: the link to the set in use
MAX_FAILURES_LISTED = 10
PACKAGES = ("extract", "normalise", "export", "slippage")
# Libraries that write the set (a new version can write other bytes); the readers' are in the options.
WRITING_LIBRARIES = ("pandas", "pyarrow", "duckdb", "openpyxl", "jinja2")



@dataclass(frozen=True, slots=True)
class BatchRun:
    """The results of a batch in input order, and what it took to get them.

    `summaries` holds every file's summary in input order; `store.load(i)` reads back the
    full result of `summaries[i]`.
    """

    summaries: list[FileSummary]
    store: ResultStore
    parsed: int
    cached: int
    seconds: float
    workers: int
    engine: str
    timed_out: int = 0
    crashed: int = 0
    options: str = ""  # the fingerprint of the options that change results (the cache's key)

    def counts(self) -> dict[str, Any]:
        """Return the run's numbers as written to run.json."""
        from slippage.result import PIPELINE_VERSION  # a run that has results has imported it already

        status = Counter(s.status for s in self.summaries)
        return {
            "files": len(self.summaries), "parsed": self.parsed, "cached": self.cached,
            "ok": status["ok"], "no_exceptions": status["no_exceptions"], "skipped": status["skipped"],
            "failed": status["failed"],
            "timed_out": self.timed_out, "crashed": self.crashed,
            "exceptions": sum(len(s.names) for s in self.summaries),
            "seconds": round(self.seconds, 3), "workers": self.workers, "engine": self.engine,
            "pipeline_version": PIPELINE_VERSION,
        }


def list_failures(results: Sequence[FileSummary], stream: TextIO) -> None:
    """Given results, print the first failures to stream (also when quiet: they are what quiet keeps)."""
    failed = [r for r in results if r.status == "failed"]
    for r in failed[:MAX_FAILURES_LISTED]:
        print(f"failed: {failure_text(r.report['source_file'], r.report['error'] or '')}", file=stream)
    if len(failed) > MAX_FAILURES_LISTED:
        print(f"... and {len(failed) - MAX_FAILURES_LISTED} more failed files; see reports.csv", file=stream)


def failure_text(source_file: str, error: str) -> str:
    """Given a failed file's name and its `reports.error`, return "NAME: why" naming the file once.

    >>> failure_text("bad/empty.pdf", "empty.pdf: empty (0 bytes)")
    'bad/empty.pdf: empty (0 bytes)'
    >>> failure_text("x.docx", "not a readable DOCX")
    'x.docx: not a readable DOCX'
    """
    for prefix in (f"{source_file}: ", f"{Path(source_file).name}: "):
        if error.startswith(prefix):
            error = error[len(prefix):]
            break
    return f"{source_file}: {error}"


def summary_line(run: BatchRun, out_dir: Path, *, review: Path | None = None, kept: int = 0,
                 unchanged: bool = False) -> str:
    """Given a finished run, the output folder, the review's path, how many previous reports were
    kept and whether the set was left as it was, return the one-line summary the CLI prints last."""
    c = run.counts()
    done = f"in {out_dir}/, unchanged (nothing to write)" if unchanged else f"written to {out_dir}/"
    line = (f"Processed {c['files']} files ({c['parsed']} parsed, {c['cached']} from cache): {c['ok']} ok, "
            f"{c['no_exceptions']} without exceptions, {c['failed']} failed"
            f"{f', {skipped} skipped' if (skipped := c['skipped']) else ''}; "
            f"{c['exceptions']} exceptions {done}")
    if kept:
        line += f"; {kept} earlier reports kept (--add)"
    return line + (f"; review: {review}" if review is not None else "")


def write_run_json(run: BatchRun, out_dir: Path, phases: dict[str, float] | None = None,
                   extra: dict[str, Any] | None = None) -> Path:
    """Given a finished run, the output folder, optionally seconds per phase and further counts, write
    OUT/run.json atomically and return its path."""
    path = out_dir / RUN_FILE
    counts = {**run.counts(), **(extra or {})}
    if phases:
        counts["phases"] = {name: round(seconds, 3) for name, seconds in phases.items()}
    atomic_write_text(path, json.dumps(counts, indent=2, sort_keys=True) + "\n")
    return path


def run_key(run: BatchRun, writes: dict[str, Any]) -> str:
    """Given a finished run and what decides how its set is written (JSON-ready), return the digest
    of everything the output set is made from (see the module docstring)."""
    facts = {
        "code": code_digest(), "libraries": {name: _version(name) for name in WRITING_LIBRARIES},
        "options": run.options, "writes": writes, "reports": [s.report for s in run.summaries],
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode("ascii")).hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Return a digest of slippage's own files (code, templates, patterns), whatever its version says."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for path in sorted(_package_files(root / name for name in PACKAGES)):
        h.update(str(path.relative_to(root)).encode("utf-8", "surrogateescape") + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _package_files(folders: Iterable[Path]) -> Iterable[Path]:
    """Given package folders, yield their files (compiled caches left out)."""
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                yield path


def _version(distribution: str) -> str | None:
    """Given a distribution name, return its installed version (None if not installed)."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def set_files(folder: Path) -> dict[str, list[int]]:
    """Given an output set's folder, return {name: [size, mtime_ns]} of its files but run.json."""
    out = {}
    for entry in os.scandir(folder):
        if entry.is_file(follow_symlinks=False) and entry.name != RUN_FILE:
            st = entry.stat(follow_symlinks=False)
            out[entry.name] = [st.st_size, st.st_mtime_ns]
    return out


def unchanged_set(out_dir: Path, key: str) -> dict[str, Any] | None:
    """Given an output folder and a run's key, return the recorded run.json of its set if that set is
    what the run would write (the same key, every file as written, each OUT/NAME linked to it), else None."""
    current = out_dir / CURRENT
    try:
        recorded = json.loads((current / RUN_FILE).read_text(encoding="utf-8"))
        if not isinstance(recorded, dict) or recorded.get("run_key") != key:
            return None
        files = recorded.get("set_files")
        if not isinstance(files, dict) or set_files(current) != files:
            return None
        linked = all(os.readlink(out_dir / name) == f"{CURRENT}/{name}" for name in [*files, RUN_FILE])
    except (OSError, ValueError):
        return None
    return recorded if linked else None
