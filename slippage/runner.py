"""Run the per-file pipeline over many files."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from slippage.inputs import InputFile
from slippage.pipeline import FileResult, process_file


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How a batch runs: workers, limits, NER model, cache and engine."""

    workers: int = 1
    timeout: float = 120.0
    max_memory_mib: int = 4096
    ner: bool = True
    spacy_model: str | None = None
    fail_fast: bool = False
    quiet: bool = False
    force: bool = False
    cache_dir: Path | None = None
    engine: str = "local"
    scheduler: str | None = None


def load_model(ner: bool, spacy_model: str | None) -> Any:
    """Given whether NER is wanted and an optional model name, return the loaded pipeline or None."""
    if not ner:
        return None
    from normalise.entities import load_nlp

    return load_nlp((spacy_model,)) if spacy_model else load_nlp()


def run_files(files: Sequence[InputFile], options: RunOptions) -> list[FileResult]:
    """Given input files, return their results in input order (up to the first failure with fail_fast)."""
    nlp = load_model(options.ner, options.spacy_model)
    results = []
    for f in files:
        result = process_file(f.path, f.source_file, nlp=nlp)
        results.append(result)
        if result.status == "failed":
            if not options.quiet or options.fail_fast:
                print(f"failed: {f.source_file}: {result.report['error']}", file=sys.stderr)
            if options.fail_fast:
                break
    return results
