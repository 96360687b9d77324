"""The OCR engine: Debian's `tesseract` command, its TSV output read into word boxes.

The command is called directly rather than through pytesseract, which shells out to the
same binary by way of temporary files: piping the page in as a PGM on stdin costs no
disk and no PNG encoding, and calling it here keeps the thread limit, the timeout and
the "not installed" message in one place without another dependency. Tesseract's TSV
gives each word its box, its confidence (0-100) and its block / paragraph / line
numbers, which is all the layout code needs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from extract.errors import MissingTool, UnreadableFile

INSTALL_HINT = "apt-get install tesseract-ocr"
# Page segmentation "fully automatic, no orientation detection": a page of blocks and table cells.
PSM = 3
LANGUAGE = "eng"
# Reports print dark on light: skipping the engine's second pass for white-on-black text saves ~20%.
OPTIONS = ("-c", "tessedit_do_invert=0")
# Marks with no letter or digit read below this confidence are dust and speckle, not text.
MIN_MARK_CONF = 60.0
# One page should take seconds; a hung engine must not hold the file until the batch timeout.
PAGE_TIMEOUT_S = 120.0


class OcrUnavailable(MissingTool):
    """The OCR engine (or its English data) is not installed: no fault of the file, so its failure is not cached."""


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One word as the engine read it: pixel box, confidence 0-100 and the line it belongs to."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line: tuple[int, int, int]


def find_tesseract() -> str:
    """Return the path of the tesseract command, raising `OcrUnavailable` (with the install line) if missing."""
    path = shutil.which("tesseract")
    if path is None:
        raise OcrUnavailable(f"the OCR engine is not installed (no `tesseract` command on PATH; install it with `{INSTALL_HINT}`)")
    return path


def read_words(pixels: npt.NDArray[np.uint8], dpi: int) -> list[OcrWord]:
    """Given greyscale page pixels and their resolution, return the words tesseract reads in them."""
    command = [find_tesseract(), "stdin", "stdout", "--psm", str(PSM), "--dpi", str(dpi), "-l", LANGUAGE, *OPTIONS, "tsv"]
    height, width = pixels.shape
    pgm = f"P5\n{width} {height}\n255\n".encode("ascii") + np.ascontiguousarray(pixels).tobytes()
    # one thread per page: workers already run files in parallel, and OpenMP threads fight them
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(command, input=pgm, capture_output=True, env=env, timeout=PAGE_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as e:
        raise UnreadableFile(f"OCR of a page took over {PAGE_TIMEOUT_S:.0f} s (tesseract stopped)") from e
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else f"exit code {done.returncode}"
        if "traineddata" in detail or "language" in detail.lower():
            raise OcrUnavailable(f"the OCR engine has no English data ({detail}; install it with `{INSTALL_HINT}`)")
        raise UnreadableFile(f"OCR failed ({detail})")
    return parse_tsv(done.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> list[OcrWord]:
    """Given tesseract's TSV output, return its words (level 5 rows with text, unsure specks left out), in reading order.

    >>> header = "level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext"
    >>> rows = ["4 1 1 1 1 0 10 10 90 20 -1 ", "5 1 1 1 1 1 10 12 40 18 96.5 Slipped", "5 1 1 1 1 2 60 12 5 18 95  ", "5 1 1 1 1 3 70 12 3 3 20 ~"]
    >>> parse_tsv("\\n".join(r.replace(" ", "\\t") for r in [header, *rows]))
    [OcrWord(text='Slipped', left=10, top=12, width=40, height=18, conf=96.5, line=(1, 1, 1))]
    """
    words = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        block, par, line, left, top, width, height = (int(c) for c in cells[2:5] + cells[6:10])
        word = OcrWord(cells[11].strip(), left, top, width, height, float(cells[10]), (block, par, line))
        if word.conf >= MIN_MARK_CONF or any(c.isalnum() for c in word.text):
            words.append(word)
    return words
