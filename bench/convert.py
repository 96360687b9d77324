"""Seconds per file for the formats read through LibreOffice (.doc, .rtf, .odt).

    python bench/convert.py [--repeat N]

Reads every fixture in tests/data/office/docs N times in this process (the first read of
a process also creates its LibreOffice profile, reported apart) and prints, per format,
the mean seconds for the conversion alone and for the whole read, beside the DOCX
originals' read time, so the cost LibreOffice adds is one figure.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.read import read_document  # noqa: E402
from extract.settings import ExtractSettings  # noqa: E402
from extract.word.office import convert_to_docx  # noqa: E402

OFFICE = ROOT / "tests" / "data" / "office" / "docs"


def _timed(fn: Callable[..., object], *args: object) -> float:
    """Given a callable and its arguments, return the seconds one call takes."""
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def _convert(path: Path) -> None:
    """Given a legacy file, convert it to DOCX in a scratch folder."""
    with tempfile.TemporaryDirectory() as work:
        convert_to_docx(path, Path(work), path.suffix[1:], ExtractSettings().convert_timeout)


def main() -> int:
    """Given the command line, time the conversions and print the figures; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    files = sorted(OFFICE.iterdir())
    first = _timed(_convert, files[0])
    convert, read = defaultdict(list), defaultdict(list)
    for _ in range(args.repeat):
        for path in files:
            fmt = path.suffix[1:]
            convert[fmt].append(_timed(_convert, path))
            read[fmt].append(_timed(read_document, path))
    originals = [p for folder in ("samples", "tests/data/corpus/docs", "tests/data/layouts/docs")
                 for p in (ROOT / folder).glob("*.docx") if (OFFICE / f"{p.stem}.doc").exists()
                 or (OFFICE / f"{p.stem}.rtf").exists() or (OFFICE / f"{p.stem}.odt").exists()]
    docx = [_timed(read_document, p) for _ in range(args.repeat) for p in originals]
    print(f"first conversion in a new process (creates the LibreOffice profile): {first:.2f} s")
    print(f"{'format':<8}{'files':>6}{'convert s/file':>16}{'read s/file':>13}")
    for fmt in sorted(convert):
        print(f"{fmt:<8}{len(convert[fmt]) // args.repeat:>6}{statistics.mean(convert[fmt]):>16.2f}{statistics.mean(read[fmt]):>13.2f}")
    print(f"{'docx':<8}{len(originals):>6}{'-':>16}{statistics.mean(docx):>13.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
