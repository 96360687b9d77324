"""OCR word boxes -> the `Word`s the PDF layout code reads, with pdfplumber's geometry.

pdfplumber gives every word of a line the same top and bottom (the font's box around the
baseline) and the font size; the line grouping, paragraph steps and heading sizes rest
on that. An OCR box is the ink instead: "now" is shorter than "Project", which also
reaches below the line. So each word's font size is estimated from its ink height and
which letters it holds (capitals and ascenders reach the cap height, descenders go below
the baseline), the line takes the median size and baseline of its words, and every word
gets the font box pdfplumber would have given it. Bold, which a digital PDF names in the
font, is read from stroke width: bold stems are half as wide again as regular ones.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from itertools import groupby

import numpy as np

from extract.ocr.engine import OcrWord
from extract.ocr.render import Mask, Pixels
from extract.pdf.lines import Word

# Letter heights as shares of the font size (Arial / Liberation Sans / Helvetica metrics,
# the faces of most council documents; Times is within a few per cent).
X_HEIGHT = 0.53
CAP_HEIGHT = 0.72
DESCENT = 0.21
# pdfplumber's word box: from baseline - (1 - DESCENT) * size to baseline + DESCENT * size.
_TALL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZbdfhiklt0123456789£$%&?!#@()[]{}/\\|'\"")
_LOW = frozenset("gjpqy(),;[]{}|/\\Q")
# Sizes are kept to half points: OCR heights are a pixel or two off, fonts come in whole or half points.
SIZE_STEP = 0.5
# "£2:000m": a currency sign and digits, a colon or semicolon, then a digit.
_MONEY_COLON = re.compile(r"([£$€]\d+)[:;](\d)")
# A word's foot is its lowest row inked across at least this share of its densest row.
FOOT_SHARE = 0.3
# A line sized by fewer words than this takes its paragraph's size (see `line_sizes`).
MIN_SIZED_WORDS = 3
# A paragraph whose largest line is at most this share larger than its smallest is one size:
# the letters a line happens to hold (a comma, a "Q", a slash) move its estimate by up to
# 13 %, while a heading is 20 % or more larger than its body text.
SAME_SIZE_SHARE = 0.15
# A list bullet ("•", "▪", "o"): a mark BULLET_MIN..BULLET_MAX font sizes wide and high whose
# foot is BULLET_LIFT over the baseline, found up to BULLET_REACH before the line's first
# word and at least BULLET_GAP clear of it (the hanging indent).
BULLET_MIN = 0.15
BULLET_MAX = 0.55
BULLET_LIFT = 0.08
BULLET_REACH = 2.6
BULLET_GAP = 0.2
# A printed full stop is at most this wide and high (font sizes): ink taller than that at a
# word's right end is a letter, and a "." read after it is a speck.
STOP_WIDTH = 0.08
STOP_HEIGHT = 0.3
# A word is bold when its stems are this much wider than the page's typical word's (per
# point of font size); on the fixtures regular words measure 0.85-1.15 of the typical, bold 1.3-1.6.
BOLD_RATIO = 1.25
# Grey lighter than this is paper (JPEG noise), not the soft edge of a stroke.
PAPER_LEVEL = 230


def to_words(found: Sequence[OcrWord], page: tuple[Pixels, Mask], origin: tuple[float, float], scale: float) -> tuple[Word, ...]:
    """Given OCR words, the page's (pixels, text ink), its top-left in points and points per pixel, return `Word`s.

    >>> ink = np.zeros((60, 200), bool)
    >>> words = [OcrWord("Late", 10, 10, 40, 29, 95.0, (1, 1, 1)), OcrWord("now", 60, 18, 30, 21, 90.0, (1, 1, 1))]
    >>> [(w.text, w.top, w.bottom, w.size) for w in to_words(words, (np.full((60, 200), 255, np.uint8), ink), (0.0, 0.0), 0.25)]
    [('Late', 1.85, 11.85, 10.0), ('now', 1.85, 11.85, 10.0)]
    """
    pixels, ink = page
    stroke = {id(w): _stroke(pixels, ink, w) for w in found}
    typical = _typical_stroke(found, stroke)
    loose = _outside_words(ink, found)
    out: list[Word] = []
    lines = [list(group) for _, group in groupby(found, key=lambda w: w.line)]
    for line, size_px in zip(lines, line_sizes(lines), strict=True):
        baseline_px = _baseline(line, size_px, ink)
        line = with_bullet(line, loose, size_px, baseline_px)
        size = max(SIZE_STEP, round(size_px * scale / SIZE_STEP) * SIZE_STEP)
        baseline = origin[1] + baseline_px * scale
        top, bottom = round(baseline - (1 - DESCENT) * size, 2), round(baseline + DESCENT * size, 2)
        bold = False
        for w in line:
            x0, x1 = origin[0] + w.left * scale, origin[0] + (w.left + w.width) * scale
            # a word of one or two letters has too few stems to measure: it takes the style of the word before it
            bold = bold if len(w.text) < 3 and w is not line[0] else stroke.get(id(w), 0.0) > BOLD_RATIO * typical * size_px
            text = fix_figure(without_phantom_stop(w, ink, size_px, baseline_px))
            out.append(Word(text, round(x0, 2), round(x1, 2), top, bottom, size, bold))
    return tuple(out)


def without_phantom_stop(word: OcrWord, ink: Mask, size: float, baseline: float) -> str:
    """Given an OCR word, the text ink, the line's font size and baseline (pixels), return its text without a full stop that is not printed.

    A faint speck after a word is read as "." ("Mitigating action." in a header, which
    then reads as a sentence). A printed full stop is the word's rightmost ink and sits
    on the baseline; when the rightmost ink reaches up to x-height, the stop is dust.

    >>> ink = np.zeros((40, 60), bool); ink[10:30, 5:25] = True
    >>> word = OcrWord("on.", 5, 10, 30, 20, 70.0, (1, 1, 1))
    >>> without_phantom_stop(word, ink, 25.0, 30.0)
    'on'
    >>> ink[27:30, 30:33] = True
    >>> without_phantom_stop(word, ink, 25.0, 30.0)
    'on.'
    """
    if not word.text.endswith(".") or len(word.text) < 2 or word.text.endswith(".."):
        return word.text
    box = ink[word.top : word.top + word.height, word.left : word.left + word.width + 1]
    columns = np.flatnonzero(box.any(axis=0))
    if not len(columns):
        return word.text
    tail = box[:, max(0, int(columns[-1]) - round(STOP_WIDTH * size)) : int(columns[-1]) + 1]
    top = word.top + int(np.flatnonzero(tail.any(axis=1))[0])
    return word.text[:-1] if top < baseline - STOP_HEIGHT * size else word.text


def fix_figure(text: str) -> str:
    """Given an OCR word, return it with a sum of money's decimal point restored where the engine read a colon.

    A speck over a full stop turns "£2.000m" into "£2:000m"; after a currency sign, a colon
    between digits can only be the point (a time has no "£").

    >>> fix_figure("£2:000m"), fix_figure("10:30"), fix_figure("£1,489,832")
    ('£2.000m', '10:30', '£1,489,832')
    """
    return _MONEY_COLON.sub(r"\1.\2", text)


def _outside_words(ink: Mask, found: Sequence[OcrWord]) -> Mask:
    """Given the page's ink and its OCR words, return the ink outside every word of two or more characters.

    What is left is marks the engine did not read as words (or read as one odd letter):
    where a bullet is looked for, so the apostrophe of a word in the next cell is not one.
    """
    out = ink.copy()
    for w in found:
        if len(w.text) > 1:
            out[w.top : w.top + w.height, w.left : w.left + w.width] = False
    return out


def with_bullet(line: list[OcrWord], ink: Mask, size: float, baseline: float) -> list[OcrWord]:
    """Given one OCR line, the ink outside words, the line's font size and baseline (pixels), return it with its bullet as "•".

    The engine reads a list bullet as "e", "¢", "©" or not at all. A bullet is a small
    mark floating between baseline and x-height before the first word, so it is found by
    shape: the line's first word when it has that shape, else such a blob in the ink
    just left of the first word.

    >>> ink = np.zeros((60, 200), bool); ink[25:33, 12:20] = True
    >>> line = [OcrWord("For", 30, 20, 30, 20, 96.0, (1, 1, 1))]
    >>> [w.text for w in with_bullet(line, ink, 28.0, 40.0)]
    ['•', 'For']
    """
    first = line[0]
    if _floats(first.left, first.top, first.width, first.height, size, baseline) and len(line) > 1:
        return [OcrWord("•", first.left, first.top, first.width, first.height, first.conf, first.line), *line[1:]]
    x0 = max(0, round(first.left - BULLET_REACH * size))
    y0 = max(0, round(baseline - CAP_HEIGHT * size))
    box = ink[y0 : round(baseline), x0 : max(x0, first.left - 1)]
    rows, cols = np.flatnonzero(box.sum(axis=1) >= 3), np.flatnonzero(box.sum(axis=0) >= 3)
    if not len(rows) or not len(cols):
        return line
    left, top, width, height = x0 + int(cols[0]), y0 + int(rows[0]), int(cols[-1] - cols[0]) + 1, int(rows[-1] - rows[0]) + 1
    if not _floats(left, top, width, height, size, baseline) or first.left - (left + width) < BULLET_GAP * size:
        return line
    return [OcrWord("•", left, top, width, height, first.conf, first.line), *line]


def _floats(left: int, top: int, width: int, height: int, size: float, baseline: float) -> bool:
    """Given a mark's box, the line's font size and baseline (pixels), return whether it has a bullet's size and place."""
    small = BULLET_MIN * size <= width <= BULLET_MAX * size and BULLET_MIN * size <= height <= BULLET_MAX * size
    return small and top + height <= baseline - BULLET_LIFT * size and top >= baseline - CAP_HEIGHT * size


def line_sizes(lines: Sequence[Sequence[OcrWord]]) -> list[float]:
    """Given OCR lines, return each line's font size in pixels: the median of its words' sizes.

    A line of one or two words is sized by the median line of its paragraph instead, when
    that paragraph has longer lines: one speck glued to a word of a short last line
    ("Change Sub-Committee.") would make it look like a heading and hide the paragraph
    break after it. And the lines of a paragraph that are nearly one size take its median:
    a title wrapped over two lines would otherwise read as two headings of different sizes.

    >>> def line(n, heights, par=1):
    ...     return [OcrWord("care", 0, 0, 10, h, 90.0, (1, par, n)) for h in heights]
    >>> line_sizes([line(1, [53, 53, 53]), line(2, [53, 53, 53]), line(3, [74])])
    [100.0, 100.0, 100.0]
    >>> line_sizes([line(1, [78, 78, 78]), line(2, [74, 74, 74]), line(3, [70, 70, 70])])  # one wrapped title
    [139.6, 139.6, 139.6]
    >>> line_sizes([line(1, [74, 74, 74]), line(2, [53, 53, 53])])  # a heading run into its text
    [139.6, 100.0]
    """
    own = [_own_size(line) for line in lines]
    by_paragraph: dict[tuple[int, int], list[float]] = {}
    for line, (size, n) in zip(lines, own, strict=True):
        if n >= MIN_SIZED_WORDS:
            by_paragraph.setdefault(line[0].line[:2], []).append(size)
    out = []
    for line, (size, n) in zip(lines, own, strict=True):
        others = by_paragraph.get(line[0].line[:2])
        if others and (n < MIN_SIZED_WORDS or max(others) <= (1 + SAME_SIZE_SHARE) * min(others)):
            size = statistics.median(others)
        out.append(size)
    return out


def _own_size(line: Sequence[OcrWord]) -> tuple[float, int]:
    """Given one OCR line's words, return its font size in pixels (median over its words) and how many words gave it."""
    sized = [(w, s) for w in line if (s := word_size(w)) is not None]
    sizes = [s for w, s in sized if sum(c.isalnum() for c in w.text) >= 2] or [s for _, s in sized]
    if not sizes:
        return float(max(w.height for w in line)), 0
    return statistics.median(sizes), len(sizes)


def _baseline(line: Sequence[OcrWord], size: float, ink: Mask) -> float:
    """Given one OCR line's words, its font size (pixels) and the text ink, return its baseline: the median of its words' feet."""
    feet = [foot for w in line if word_size(w) is not None and (foot := _foot(w, ink)) is not None]
    if not feet:
        feet = [w.top + w.height - (DESCENT * size if _LOW.intersection(w.text) else 0.0) for w in line if word_size(w) is not None]
    return statistics.median(feet) if feet else float(max(w.top + w.height for w in line))


def _foot(word: OcrWord, ink: Mask) -> float | None:
    """Given an OCR word and the text ink, return the row under its lowest densely inked row (its baseline), or None.

    Descenders (g, p, y) and a speck under the word ink only a few columns, so the
    baseline is where the ink across the word thins out, whatever letters it holds.

    >>> ink = np.zeros((30, 40), bool); ink[5:20, 2:38] = True; ink[20:25, 10:12] = True; ink[27, 30] = True
    >>> _foot(OcrWord("yes", 2, 5, 36, 23, 90.0, (1, 1, 1)), ink)
    20.0
    """
    box = ink[word.top : word.top + word.height, word.left : word.left + word.width]
    rows = box.sum(axis=1)
    if not rows.size or rows.max() == 0:
        return None
    dense = np.flatnonzero(rows >= FOOT_SHARE * rows.max())
    return float(word.top + int(dense[-1]) + 1)


def word_size(word: OcrWord) -> float | None:
    """Given an OCR word, return the font size (pixels) its ink height implies, or None for punctuation alone.

    >>> word_size(OcrWord("now", 0, 0, 30, 53, 90.0, (1, 1, 1))), word_size(OcrWord("Project", 0, 0, 70, 93, 90.0, (1, 1, 1)))
    (100.0, 100.0)
    >>> word_size(OcrWord("-", 0, 0, 9, 2, 90.0, (1, 1, 1))) is None
    True
    """
    if not any(c.isalnum() for c in word.text):
        return None
    upper = CAP_HEIGHT if _TALL.intersection(word.text) else X_HEIGHT
    lower = DESCENT if _LOW.intersection(word.text) else 0.0
    return round(word.height / (upper + lower), 1)


def _typical_stroke(found: Sequence[OcrWord], stroke: dict[int, float]) -> float:
    """Given a page's OCR words and their stem widths, return the median stem width per pixel of font size."""
    ratios = [stroke[id(w)] / s for w in found if (s := word_size(w)) and stroke[id(w)] > 0 and len(w.text) >= 3]
    return statistics.median(ratios) if ratios else float("inf")


def _stroke(pixels: Pixels, ink: Mask, word: OcrWord) -> float:
    """Given the page's pixels and ink and a word, return its mean stem width: the darkness in its box per horizontal ink run.

    Darkness counts the grey edge pixels by how dark they are, so a stem measures to a
    fraction of a pixel: at 200 dpi a 9pt regular stem is about 3 pixels and a bold one 4.5.
    """
    box = ink[word.top : word.top + word.height, word.left : word.left + word.width]
    edges = np.diff(np.pad(box, ((0, 0), (1, 0))).astype(np.int8), axis=1)
    runs = int(np.count_nonzero(edges == 1))
    if not runs:
        return 0.0
    grey = pixels[word.top : word.top + word.height, word.left : word.left + word.width]
    dark = np.where(grey < PAPER_LEVEL, 255 - grey.astype(np.int32), 0)
    return float(dark.sum()) / 255 / runs
