"""Profile `process_file` over a few corpus documents and print where the time goes.

    python bench/hotspots.py [--docs 21] [--top 25] [--format pdf]

Runs cProfile over `process_file` (model loaded beforehand, so loading is not counted) on
the first --docs documents of the bench corpus (optionally one format only), then prints
the functions with the most own time and the most cumulative time, and a summary of
time by package (pdfplumber, pdfminer, spacy, the project's own modules, ...).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import build_corpus  # noqa: E402
from normalise.entities.spacy_model import load_nlp  # noqa: E402
from slippage.pipeline import process_file  # noqa: E402

PACKAGES = ("pdfplumber", "pdfminer", "spacy", "thinc", "docx", "lxml", "rapidfuzz", "numpy",
            "extract", "normalise", "slippage", "export")


def package_of(filename: str) -> str:
    """Given a profiled function's file name, return the package it belongs to ("other" if none listed).

    >>> package_of("/x/site-packages/pdfminer/layout.py"), package_of("/work/main/normalise/align.py")
    ('pdfminer', 'normalise')
    >>> package_of("~")
    'other'
    """
    parts = Path(filename).parts
    for name in parts[::-1]:
        if name in PACKAGES:
            return name
    return "other"


def own_time_by_package(stats: pstats.Stats) -> dict[str, float]:
    """Given profile stats, return own (not cumulative) seconds summed per package."""
    totals: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        totals[package_of(filename)] += tottime
    return dict(sorted(totals.items(), key=lambda kv: -kv[1]))


def main(argv: list[str] | None = None) -> int:
    """Profile the pipeline and print the hot spots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=21)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--format", choices=("pdf", "docx", "txt"))
    args = parser.parse_args(argv)
    corpus = build_corpus(args.docs * (3 if args.format else 1))
    files = sorted(p for p in corpus.iterdir() if not args.format or p.suffix == f".{args.format}")[: args.docs]
    nlp = load_nlp()
    profiler = cProfile.Profile()
    profiler.enable()
    for path in files:
        process_file(path, path.name, nlp=nlp)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(own_time_by_package(stats).values())
    print(f"{len(files)} documents, {total:.1f} s profiled; own time by package:")
    for package, seconds in own_time_by_package(stats).items():
        print(f"  {package:<11}{seconds:7.2f} s  {100 * seconds / total:5.1f}%")
    stats.sort_stats("tottime").print_stats(args.top)
    stats.sort_stats("cumulative").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
