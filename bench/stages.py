"""Time each pipeline stage over a corpus in one process, next to bare pdfplumber and Camelot.

    python bench/stages.py CORPUS [--memory-sample 30] [--camelot-max 34] [--no-camelot]

Prints one JSON object (bench/run.py runs this once per corpus size, in a fresh process,
so ru_maxrss belongs to that size alone). Stages, per document, with the spaCy model
loaded once beforehand:

- extract: `read_document`;
- normalise: everything `process_file` does after reading, without NER (records, period,
  rule mentions, fingerprint), i.e. `pipeline.normalise_document(doc, nlp=None)`;
- ner: `normalise_document(doc, nlp)` minus `normalise_document(doc, None)`: the spaCy pass and its fusion;
- export: `write_results` of all results into a temporary folder (per batch).

Timings come from a pass without tracemalloc (it slows pure-Python code 2-3x). Peak
memory per stage comes from a second pass under tracemalloc over `--memory-sample`
documents spread over the corpus: the most any one call of the stage allocated above
what was live before it (export: over the whole batch).

Baselines on the corpus's PDFs: the floor is pdfplumber `extract_text` on every page
plus `nlp.pipe` over each PDF's text; Camelot is `read_pdf(flavor="lattice",
pages="all")` plus `nlp.pipe` over its cells' text, on the first `--camelot-max` PDFs.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.read import read_document  # noqa: E402
from normalise.entities.spacy_model import load_nlp  # noqa: E402
from slippage.batch import write_results  # noqa: E402
from slippage.pipeline import FileResult, normalise_document  # noqa: E402

STAGES = ("extract", "normalise", "ner", "export")


def corpus_files(corpus: Path) -> list[Path]:
    """Given a corpus folder, return its documents in name order (hidden files left out)."""
    return sorted(p for p in corpus.iterdir() if p.is_file() and not p.name.startswith("."))


def fmt_of(path: Path) -> str:
    """Given a corpus file, return its format from the suffix (the corpus names them truly)."""
    return path.suffix.lower().lstrip(".")


def time_stages(files: Sequence[Path], nlp: Any) -> tuple[dict[str, Any], list[FileResult]]:
    """Given files and a loaded model, return seconds per stage and format, PDF pages, and the results."""
    seconds: dict[str, dict[str, float]] = {s: defaultdict(float) for s in STAGES}
    pages, results = 0, []
    for path in files:
        fmt = fmt_of(path)
        t0 = time.perf_counter()
        doc = read_document(path, path.name)
        t1 = time.perf_counter()
        normalise_document(doc, None)
        t2 = time.perf_counter()
        result = normalise_document(doc, nlp)
        t3 = time.perf_counter()
        result.report["source_path"] = str(path.resolve())
        results.append(result)
        if fmt == "pdf":
            pages += doc.n_pages or 0
        seconds["extract"][fmt] += t1 - t0
        seconds["normalise"][fmt] += t2 - t1
        seconds["ner"][fmt] += max((t3 - t2) - (t2 - t1), 0.0)
    seconds["export"]["all"] = _export(results)
    return {"seconds": {s: dict(v) for s, v in seconds.items()}, "pdf_pages": pages}, results


def _export(results: list[FileResult]) -> float:
    """Given results, assemble and write them into a temporary folder and return the seconds taken."""
    with tempfile.TemporaryDirectory(prefix="slippage-bench-") as out:
        t0 = time.perf_counter()
        write_results(results, Path(out))
        return time.perf_counter() - t0


def _traced_peak(call: Callable[[], Any]) -> tuple[Any, int]:
    """Given a call, run it under tracemalloc and return its value and peak bytes above the start."""
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    value = call()
    return value, tracemalloc.get_traced_memory()[1] - before


def spread(files: Sequence[Path], k: int) -> list[Path]:
    """Given files and a count, return up to k of them evenly spread (so every format is sampled).

    >>> [p.name for p in spread([Path(str(i)) for i in range(10)], 4)]
    ['0', '2', '5', '7']
    """
    if len(files) <= k:
        return list(files)
    return [files[i * len(files) // k] for i in range(k)]


def memory_stages(files: Sequence[Path], nlp: Any, sample: int, results: list[FileResult]) -> dict[str, int]:
    """Given files, a model, a sample size and all results, return peak traced bytes per stage."""
    peaks = dict.fromkeys(STAGES, 0)
    tracemalloc.start()
    try:
        for path in spread(files, sample):
            doc, peaks_extract = _traced_peak(partial(read_document, path, path.name))
            _, peak_rules = _traced_peak(partial(normalise_document, doc, None))
            _, peak_full = _traced_peak(partial(normalise_document, doc, nlp))
            peaks["extract"] = max(peaks["extract"], peaks_extract)
            peaks["normalise"] = max(peaks["normalise"], peak_rules)
            peaks["ner"] = max(peaks["ner"], peak_full)
        _, peaks["export"] = _traced_peak(lambda: _export(results))
    finally:
        tracemalloc.stop()
    return peaks


def floor_pdfplumber(pdfs: Sequence[Path], nlp: Any) -> dict[str, float]:
    """Given PDFs and a model, return seconds for bare `extract_text` on every page and for NER on that text."""
    import pdfplumber

    texts = []
    t0 = time.perf_counter()
    for path in pdfs:
        with pdfplumber.open(path) as pdf:
            texts.append("\n".join(page.extract_text() or "" for page in pdf.pages))
    t1 = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return {"extract": t1 - t0, "ner": time.perf_counter() - t1, "docs": len(pdfs)}


def camelot_lattice(pdfs: Sequence[Path], nlp: Any) -> dict[str, Any]:
    """Given PDFs and a model, return seconds for Camelot lattice on every page and for NER on its cells."""
    import camelot

    texts, n_tables = [], 0
    t0 = time.perf_counter()
    for path in pdfs:
        read_pdf = camelot.read_pdf  # type: ignore[attr-defined]
        tables = read_pdf(str(path), flavor="lattice", pages="all", suppress_stdout=True)
        n_tables += len(tables)
        texts.append("\n".join(str(v) for t in tables for v in t.df.to_numpy().ravel() if str(v).strip()))
    t1 = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return {"extract": t1 - t0, "ner": time.perf_counter() - t1, "docs": len(pdfs), "tables": n_tables,
            "version": camelot.__version__, "flavor": "lattice"}


def main(argv: list[str] | None = None) -> int:
    """Measure one corpus and print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--memory-sample", type=int, default=30)
    parser.add_argument("--camelot-max", type=int, default=34)
    parser.add_argument("--no-camelot", action="store_true")
    args = parser.parse_args(argv)
    files = corpus_files(args.corpus)
    pdfs = [p for p in files if fmt_of(p) == "pdf"]
    nlp = load_nlp()
    timed, results = time_stages(files, nlp)
    after_pipeline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out: dict[str, Any] = {
        "docs": len(files), "formats": {f: sum(fmt_of(p) == f for p in files) for f in ("pdf", "docx", "txt")},
        **timed, "statuses": {s: sum(r.status == s for r in results) for s in ("ok", "no_exceptions", "failed")},
        "floor": floor_pdfplumber(pdfs, nlp),
        "camelot": None if args.no_camelot else camelot_lattice(pdfs[: args.camelot_max], nlp),
        "memory_sample": min(args.memory_sample, len(files)),
    }
    out["peak_bytes"] = memory_stages(files, nlp, args.memory_sample, results)
    out["ru_maxrss_pipeline_kib"] = after_pipeline
    out["ru_maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
