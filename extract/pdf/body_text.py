"""Text outside PDF tables: page furniture, paragraphs, headings and the title."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from extract.model import BlockRole, Prov, TextBlock
from extract.pdf.gutters import body_size as gutter_body_size
from extract.pdf.gutters import column_of, grow
from extract.pdf.lines import Line, Word, split_paragraphs, to_paragraph
from extract.pdf.verdict import is_column_layout

# Running headers and footers live in this top / bottom fraction of the page.
MARGIN_FRACTION = 0.08
# A heading is a short, unpunctuated block in bold or this much larger than body text.
HEADING_SIZE_STEP = 0.5
MAX_HEADING_WORDS = 20
_PAGE_NUMBER_RE = re.compile(r"^(page\s*)?\d+(\s*(of|/)\s*\d+)?$|^-\s*\d+\s*-$", re.I)
# Metadata titles that are really file names or application defaults.
_JUNK_TITLE_RE = re.compile(
    r"^(microsoft (word|excel|powerpoint)\s*-|untitled|document\d*$|slide \d+$|powerpoint presentation$)"
    r"|\.(docx?|pdf|rtf|odt|xlsx?)$",
    re.I,
)


def column_order(lines: Sequence[Line]) -> list[Line]:
    """Given a page's body lines, return them in reading order: a stretch set in page columns column by column.

    Lines across such a stretch are cut at its gutters, so the first column is read to
    its foot before the second begins; everything else keeps its top-to-bottom order.
    """
    size = gutter_body_size(lines)
    out: list[Line] = []
    i = 0
    while i < len(lines):
        region = grow(lines, i, size)
        if not is_column_layout(lines, region):
            out.append(lines[i])
            i += 1
            continue
        pieces: list[list[Line]] = [[] for _ in region.columns]
        for line in lines[region.start : region.end]:
            by_col: dict[int, list[Word]] = {}
            for w in line.words:
                by_col.setdefault(column_of(region.columns, w.x0, w.x1), []).append(w)
            for c, words in sorted(by_col.items()):
                pieces[c].append(Line(tuple(words)))
        out += [line for column in pieces for line in column]
        i = region.end
    return out


def body_size(words: Sequence[Word]) -> float:
    """Given all words of a document, return the font size most of its characters use."""
    counts: Counter[float] = Counter()
    for w in words:
        counts[round(w.size, 1)] += len(w.text)
    return counts.most_common(1)[0][0] if counts else 10.0


def _margin_key(line: Line, height: float) -> str | None:
    """Given a line and its page height, return a digit-free key if it sits in a page margin."""
    if MARGIN_FRACTION * height < line.top and line.bottom < (1 - MARGIN_FRACTION) * height:
        return None
    return re.sub(r"\d+", "#", line.text.lower())


def drop_furniture(pages: Sequence[Sequence[Line]], heights: Sequence[float]) -> tuple[list[list[Line]], list[str]]:
    """Given each page's lines, return them without page numbers and running headers/footers.

    A margin line is furniture when it is a page number or its text (digits aside)
    recurs in the margins of another page.
    """
    seen: Counter[str] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        seen.update({k for line in lines if (k := _margin_key(line, height)) is not None})
    kept: list[list[Line]] = []
    dropped: list[str] = []
    for lines, height in zip(pages, heights, strict=True):
        keep = []
        for line in lines:
            key = _margin_key(line, height)
            if key is not None and (seen[key] > 1 or _PAGE_NUMBER_RE.match(line.text.strip())):
                dropped.append(line.text)
            else:
                keep.append(line)
        kept.append(keep)
    return kept, dropped


def blocks_of(lines: Sequence[Line], cuts: Sequence[float]) -> list[list[Line]]:
    """Given body lines of a page and the tops of its tables, return the lines grouped into blocks.

    A block ends at a paragraph break, a change between bold/large and plain text, or a table.
    """
    blocks: list[list[Line]] = []
    for group in split_paragraphs(lines):
        current = [group[0]]
        for prev, line in zip(group, group[1:], strict=False):
            if _breaks(prev, line, cuts):
                blocks.append(current)
                current = [line]
            else:
                current.append(line)
        blocks.append(current)
    return blocks


def _breaks(prev: Line, line: Line, cuts: Sequence[float]) -> bool:
    """Given two consecutive lines of one paragraph, return whether a style change or table parts them."""
    if prev.bold != line.bold or abs(prev.size - line.size) > HEADING_SIZE_STEP:
        return True
    return any(prev.bottom <= cut <= line.top for cut in cuts)


def is_heading(lines: Sequence[Line], size: float) -> bool:
    """Given a block's lines and the body font size, return whether the block is a heading."""
    text = " ".join(line.text for line in lines)
    if len(lines) > 2 or len(text.split()) > MAX_HEADING_WORDS or text.rstrip()[-1] in ".!?;,":
        return False
    return all(line.bold or line.size > size + HEADING_SIZE_STEP for line in lines)


def to_block(lines: Sequence[Line], page: int, size: float, *, title: bool = False) -> TextBlock:
    """Given a block's lines, return it as a title, heading or paragraph `TextBlock`."""
    para = to_paragraph(lines, Prov(page=page))
    role: BlockRole = "title" if title else "heading" if is_heading(lines, size) else "paragraph"
    level = (1 if max(line.size for line in lines) > size + 1.5 else 2) if role == "heading" else None
    return TextBlock(text=para.text, role=role, level=level, raw=para.raw, style=para.style, prov=para.prov)


def clean_meta_title(value: object) -> str | None:
    """Given a PDF metadata Title value, return it as text, or None when absent or junk.

    >>> clean_meta_title("  Project exceptions  "), clean_meta_title("Microsoft Word - app2.docx")
    ('Project exceptions', None)
    """
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if not isinstance(value, str):
        return None
    text = re.sub(r"\s+", " ", value).strip()
    return text if text and not _JUNK_TITLE_RE.search(text) else None


def _squash(text: str) -> str:
    """Given text, return it lower-cased with runs of whitespace made single spaces."""
    return re.sub(r"\s+", " ", text).strip().lower()


def title_index(groups: Sequence[Sequence[Line]], meta: str | None, size: float) -> int | None:
    """Given page 1's line blocks above its first table, return the index of the title block, or None.

    With a metadata title, the block that repeats it. Without, the largest-font block
    if it is larger than body text, or a heading that opens the page.
    """
    if meta is not None:
        texts = [_squash(" ".join(line.text for line in g)) for g in groups]
        return texts.index(_squash(meta)) if _squash(meta) in texts else None
    if not groups:
        return None
    sizes = [max(line.size for line in g) for g in groups]
    best = max(range(len(groups)), key=lambda i: (sizes[i], -i))
    if sizes[best] > size + HEADING_SIZE_STEP or (best == 0 and is_heading(groups[0], size)):
        return best
    return None


def find_title(first_table: float, groups: Sequence[Sequence[Line]], meta: str | None, size: float) -> tuple[str | None, int | None]:
    """Given the top of page 1's first table, the page's text blocks, its metadata title and the body size,
    return the title and the index of the block holding it."""
    candidates = [g for g in groups if g[-1].bottom <= first_table]
    at = title_index(candidates, meta, size)
    if at is not None and meta is not None:
        return meta, at
    if at is None and meta is not None:
        # A metadata title the page does not show (a scanner's or converter's file name, a
        # template's stale title) does not hide the title the page does show.
        at = title_index(candidates, None, size)
    if at is None:
        return meta, None
    return " ".join(line.text for line in candidates[at]), at
