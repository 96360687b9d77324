"""PDF words -> lines -> paragraphs: the geometry shared by table cells and body text.

Everything here is pure: it takes pdfplumber word dicts (or our `Word`s) and returns
frozen values, so the table finder and the body-text pass use the same line grouping,
paragraph split and bullet rules.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from extract.model import BBoxTL, Paragraph, Prov
from extract.prose import BULLET_GLYPHS, LIGATURES, PAUSE_STOPS, ends_sentence

# Words whose tops differ by less than this (points) sit on one line; bullet glyphs in
# a symbol font often sit a point higher or lower than the text they lead.
LINE_TOLERANCE = 3.0
# A paragraph break is a top-to-top step this much (in font sizes) over the normal pitch.
PARAGRAPH_EXTRA = 0.35
# Dashes count as bullets only as a separate word after a sentence end (see `bullet_glyph`).
DASH_GLYPHS = frozenset("-–—")
_BOLD_RE = re.compile(r"bold|black|heavy|semibold|demi", re.I)


@dataclass(frozen=True, slots=True)
class Word:
    """One pdfplumber word with the attributes the layout rules read."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool

    @classmethod
    def from_obj(cls, obj: dict[str, Any]) -> Word:
        """Given a pdfplumber word dict (with size and fontname), return a `Word`."""
        fontname = str(obj.get("fontname", ""))
        return cls(
            text=str(obj["text"]).translate(LIGATURES),
            x0=float(obj["x0"]),
            x1=float(obj["x1"]),
            top=float(obj["top"]),
            bottom=float(obj["bottom"]),
            size=float(obj.get("size", obj["bottom"] - obj["top"])),
            bold=bool(_BOLD_RE.search(fontname.partition("+")[2] or fontname)),
        )


@dataclass(frozen=True, slots=True)
class Line:
    """Words sharing a baseline, left to right."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        """Given the line, return its words joined by single spaces."""
        return " ".join(w.text for w in self.words)

    @property
    def top(self) -> float:
        """Given the line, return its highest word top."""
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        """Given the line, return its lowest word bottom."""
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        """Given the line, return its left edge."""
        return self.words[0].x0

    @property
    def x1(self) -> float:
        """Given the line, return its right edge."""
        return max(w.x1 for w in self.words)

    @property
    def size(self) -> float:
        """Given the line, return its largest font size."""
        return max(w.size for w in self.words)

    @property
    def bold(self) -> bool:
        """Given the line, return whether most of its characters are bold."""
        bold = sum(len(w.text) for w in self.words if w.bold)
        return bold * 2 > sum(len(w.text) for w in self.words)


def words_in(words: Iterable[Word], bbox: BBoxTL) -> list[Word]:
    """Given words and a box, return the words whose centre lies inside the box."""
    return [
        w
        for w in words
        if bbox.x0 <= (w.x0 + w.x1) / 2 <= bbox.x1 and bbox.top <= (w.top + w.bottom) / 2 <= bbox.bottom
    ]


def group_lines(words: Iterable[Word], tolerance: float = LINE_TOLERANCE) -> list[Line]:
    """Given words, return them grouped into lines, top to bottom, each left to right.

    Tops are chained as pdfplumber's `cluster_objects` does: a word joins the line when
    its top is within `tolerance` of the previous word's top in top order.
    """
    clusters: list[list[Word]] = []
    last = float("-inf")
    for word in sorted(words, key=lambda w: w.top):
        if word.top - last > tolerance:
            clusters.append([])
        clusters[-1].append(word)
        last = word.top
    return [Line(tuple(sorted(c, key=lambda w: w.x0))) for c in clusters]


def union_bbox(lines: Sequence[Line]) -> BBoxTL:
    """Given lines, return the box enclosing them."""
    return BBoxTL(
        x0=round(min(line.x0 for line in lines), 2),
        top=round(min(line.top for line in lines), 2),
        x1=round(max(line.x1 for line in lines), 2),
        bottom=round(max(line.bottom for line in lines), 2),
    )


def leading(lines: Sequence[Line]) -> float:
    """Given lines of one cell or page, return their normal top-to-top step per point of font size.

    Measured per point so a 14pt title's wider steps are not read as paragraph breaks
    among 10pt text. Steps wider than 1.6 font sizes are paragraph breaks, not line
    pitch; with no ordinary step to measure, assume single spacing (1.2).
    """
    ratios = [(b.top - a.top) / a.size for a, b in zip(lines, lines[1:], strict=False)]
    ordinary = [r for r in ratios if 0 < r <= 1.6]
    return statistics.median(ordinary) if ordinary else 1.2



def bullet_glyph(line: Line, previous: Line | None, in_dash_list: bool = False) -> str | None:
    """Given a line and the line before it in the same cell, return its bullet glyph or None.

    A dash is a bullet only when it is a word of its own with text after it, and the
    previous line ended a sentence, or there is none, or it belongs to a dash bullet
    (`in_dash_list`): "Placements -" / "- Younger Adults" is a wrapped name, not a list.
    """
    first = line.words[0].text
    if first[0] in BULLET_GLYPHS:
        return first[0]
    if first in DASH_GLYPHS and len(line.words) > 1:
        if previous is None or in_dash_list or ends_sentence(previous.text, PAUSE_STOPS):
            return first
    return None


def split_paragraphs(lines: Sequence[Line]) -> list[list[Line]]:
    """Given a cell's lines, return them split into paragraphs.

    A paragraph starts at a bullet glyph, after a vertical step clearly larger than the
    cell's line pitch, at the top of the next page column after a finished sentence, or
    where a bullet's hanging indent ends.
    """
    if not lines:
        return []
    ratio = leading(lines)
    paragraphs: list[list[Line]] = [[lines[0]]]
    for prev, line in zip(lines, lines[1:], strict=False):
        step = line.top - prev.top
        current = paragraphs[-1]
        in_dash_list = current[0].words[0].text in DASH_GLYPHS and bullet_glyph(current[0], None) is not None
        if (
            bullet_glyph(line, prev, in_dash_list) is not None
            or step > (ratio + PARAGRAPH_EXTRA) * max(prev.size, line.size)
            or (step < 0 and ends_sentence(prev.text, PAUSE_STOPS))  # back up to the next page column after a full stop
            or _leaves_hanging_indent(current, line)
        ):
            paragraphs.append([line])
        else:
            current.append(line)
    return paragraphs


def _leaves_hanging_indent(current: list[Line], line: Line) -> bool:
    """Given a bullet paragraph so far and the next line, return whether the line ends its indent.

    Only a glyph set apart from its text shows the indent. A line back at the glyph's x
    ends the bullet when earlier wrapped lines were indented, or, with no wrapped line
    to go by, when the bullet line ended a sentence.
    """
    head = current[0]
    if len(head.words) < 2 or bullet_glyph(head, None) != head.words[0].text:
        return False
    text_x0 = head.words[1].x0
    if not line.x0 < text_x0 - 2:
        return False
    if len(current) >= 2:
        return current[1].x0 >= text_x0 - 2
    return ends_sentence(head.text, PAUSE_STOPS)


def to_paragraph(lines: Sequence[Line], prov: Prov) -> Paragraph:
    """Given one paragraph's lines and a provenance template, return the `Paragraph`.

    The bullet glyph is dropped from `text` and kept in `raw`; line breaks stay "\\n".
    """
    raw_lines = [line.text for line in lines]
    glyph = bullet_glyph(lines[0], None)
    text_lines = list(raw_lines)
    if glyph is not None:
        text_lines[0] = raw_lines[0][len(glyph) :].lstrip()
    bbox = union_bbox(lines)
    return Paragraph(
        text="\n".join(text_lines).strip(),
        raw="\n".join(raw_lines),
        style="bullet" if glyph is not None else "text",
        prov=(Prov(page=prov.page, bbox=bbox, table=prov.table, row=prov.row, col=prov.col),),
    )


def paragraphs_in(words: Sequence[Word], prov: Prov) -> tuple[Paragraph, ...]:
    """Given the words of one cell and its provenance, return the cell's paragraphs."""
    lines = group_lines(words)
    return tuple(to_paragraph(p, prov) for p in split_paragraphs(lines))
