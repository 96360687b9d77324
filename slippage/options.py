"""How a batch runs (`RunOptions`) and the defaults it starts from.

Its own module so that the runner and the engines it calls both read it without importing
each other.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from extract.settings import ExtractSettings
from normalise.tables.user_columns import ReadOptions

ENGINES = ("local", "dask")
DEFAULT_MAX_MEMORY_MIB, MIN_WORKER_MEMORY_MIB = 4096, 1024


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How a batch runs: workers, limits, NER model, cache and engine.

    Attributes:
        workers: local worker processes (each loads spaCy once).
        timeout: seconds one file may take before it is recorded as failed.
        max_memory_mib: address-space limit of each local worker.
        ner: run spaCy NER (False: rules only).
        spacy_model: the model's import name (None: the defaults of `load_nlp`).
        fail_fast: stop at the first file, in input order, that fails.
        quiet: no progress bar (failures are still listed).
        force: re-parse every file, ignoring cached results (they are then replaced).
        verify: hash every file before trusting its cached result, whatever its stamp.
        retry_failed: parse again every file whose cached result is a failure.
        cache_dir: where results are cached (None: no cache).
        spool_dir: where a big result the cache does not keep is spooled while the run lasts
            (the output folder; None: the system's temporary folder).
        engine: "local" or "dask".
        scheduler: Dask scheduler address, for engine "dask".
        settings: reader limits.
        columns: the user's column rules (`--columns FILE`).
    """

    workers: int = 1
    timeout: float = 120.0
    max_memory_mib: int = 4096
    ner: bool = True
    spacy_model: str | None = None
    fail_fast: bool = False
    quiet: bool = False
    force: bool = False
    verify: bool = False
    retry_failed: bool = False
    cache_dir: Path | None = None
    spool_dir: Path | None = None
    engine: str = "local"
    scheduler: str | None = None
    settings: ExtractSettings | None = None
    columns: ReadOptions | None = None

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError(f"RunOptions.workers must be at least 1, got {self.workers}")
        if self.timeout <= 0 or self.max_memory_mib <= 0:
            raise ValueError(f"RunOptions.timeout and max_memory_mib must be positive, "
                             f"got {self.timeout} and {self.max_memory_mib}")
        if self.engine not in ENGINES:
            raise ValueError(f"RunOptions.engine must be one of {', '.join(ENGINES)}, got {self.engine!r}")
        if self.engine == "dask" and not self.scheduler:
            raise ValueError("RunOptions.engine 'dask' needs a scheduler address")


def default_max_memory_mib(workers: int) -> int:
    """Given the worker count, return the memory limit per worker: three quarters of the machine's
    RAM shared among them, at least MIN_WORKER_MEMORY_MIB (spaCy and pdfplumber need their room)
    and at most DEFAULT_MAX_MEMORY_MIB, so that all workers at their limit do not exhaust the machine."""
    try:
        ram_mib = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // (1 << 20)
    except (OSError, ValueError):
        return DEFAULT_MAX_MEMORY_MIB
    return max(MIN_WORKER_MEMORY_MIB, min(DEFAULT_MAX_MEMORY_MIB, ram_mib * 3 // 4 // max(1, workers)))
