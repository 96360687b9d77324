"""Raw extracted text -> clean single-spaced text (the raw text is kept by the caller)."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from extract.prose import DASH_MARKERS, LIGATURES, MARKER_GLYPHS, join_hyphen_breaks, strip_tags

BULLET_CHARS = MARKER_GLYPHS + DASH_MARKERS
# Any bullet at the very start of a paragraph, followed by white space.
BULLET_RE = re.compile(rf"^[ \t]*[{re.escape(BULLET_CHARS)}][ \t]+")
# A bullet glyph anywhere (inline lists); dashes mid-paragraph are real punctuation.
_GLYPH_RE = re.compile(rf"(?:^|(?<=\s))[{re.escape(MARKER_GLYPHS)}][ \t]+", re.MULTILINE)
_LONE_MARKER_RE = re.compile(rf"^[ \t]*[{re.escape(BULLET_CHARS)}][ \t]*$", re.MULTILINE)
_SPACE_RE = re.compile(r"\s+")

GARBLE_MIN_CHARS = 30
GARBLE_SIMILARITY = 80.0
GARBLE_WINDOW = 2


def strip_bullet(text: str) -> str:
    """Given a paragraph, return it without a leading bullet.

    >>> strip_bullet("• The time required")
    'The time required'
    >>> strip_bullet("- Younger Adults")
    'Younger Adults'
    """
    return BULLET_RE.sub("", text, count=1)



def squash(text: str) -> str:
    """Given any text, return it on one line with single spaces.

    >>> squash("  a\\n b\\t c "), squash("the \ufb01nal o\ufb00er")
    ('a b c', 'the final offer')
    """
    return _SPACE_RE.sub(" ", text.replace("\u00ad", "").replace("\u00a0", " ").translate(LIGATURES)).strip()



def clean_text(text: str) -> str:
    """Given raw paragraph text (lines separated by newlines), return clean single-spaced text.

    >>> clean_text("• The time required to\\nnegotiate changes")
    'The time required to negotiate changes'
    >>> clean_text("Placements\\n- Younger\\nAdults")
    'Placements - Younger Adults'
    >>> clean_text("ensure that: • the right support • people")
    'ensure that: the right support people'
    """
    lines = [line for line in strip_tags(text).split("\n") if not _LONE_MARKER_RE.fullmatch(line)]
    return squash(_GLYPH_RE.sub("", strip_bullet(join_hyphen_breaks("\n".join(lines)))))


def drop_repeated_lines(lines: list[str]) -> tuple[list[str], list[str]]:
    """Given a column's lines in order, return (kept lines, dropped lines).

    A line is dropped when it repeats a neighbour exactly, or when it is a garbled copy of
    part of a longer neighbour (bad OCR layered over the clean text leaves such lines).

    >>> drop_repeated_lines(["a long enough line of text here.", "a long enough line of text here."])[0]
    ['a long enough line of text here.']
    """
    kept: list[str] = []
    dropped: list[str] = []
    flat = [squash(strip_tags(line)) for line in lines]
    for i, line in enumerate(flat):
        if line and kept and flat[i - 1] == line:
            dropped.append(lines[i])
        elif _is_garbled_copy(flat, i):
            dropped.append(lines[i])
        else:
            kept.append(lines[i])
    return kept, dropped


def _is_garbled_copy(flat: list[str], i: int) -> bool:
    """Given squashed lines and an index, return whether line i near-duplicates a longer neighbour."""
    line = flat[i]
    if len(line) < GARBLE_MIN_CHARS:
        return False
    lo, hi = max(0, i - GARBLE_WINDOW), min(len(flat), i + GARBLE_WINDOW + 1)
    for j in range(lo, hi):
        other = flat[j]
        if j == i or len(other) <= len(line) or other == line:
            continue
        if fuzz.partial_ratio(line, other) >= GARBLE_SIMILARITY:
            return True
    return False
