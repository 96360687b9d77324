"""Pages whose text runs sideways: a landscape table set on a portrait page, read turned upright.

A spreadsheet or a wide table is often printed on a portrait page turned a quarter, so its
text runs down (or up) the page as displayed; pdfplumber then gives every glyph as its own
"word" and the table's rows as columns. When most of a page's glyphs run the same way
sideways, the page is read again as if its /Rotate were a quarter more (or less), which is
how a reader turns the view: pdfminer applies the rotation before any layout, so the text
comes out upright and every reader rule applies unchanged. Boxes (`Prov.bbox`) are then in
the turned page's frame, and the review's crops (`extract.pdf.crops`) find the same turn
from the glyphs' angles and cut the page turned alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from pdfplumber.page import Page

# A page is turned when at least this share of its glyphs run the same way sideways.
SIDEWAYS_SHARE = 0.6


def sideways_turn(chars: list[dict[str, Any]]) -> int:
    """Given a page's glyphs as pdfplumber gives them, return the turn (90 or 270 degrees more /Rotate) that sets them upright, or 0.

    A glyph's matrix (a, b, c, d) gives its baseline's direction (a, b) as displayed, y up:
    a baseline running down the page (b < 0) is upright once the page turns 270 degrees more.

    >>> down, up = {"matrix": (0, -10, 10, 0, 0, 0)}, {"matrix": (0, 10, -10, 0, 0, 0)}
    >>> sideways_turn([down] * 9 + [up]), sideways_turn([up] * 7), sideways_turn([{"matrix": (10, 0, 0, 10, 0, 0)}] * 5)
    (270, 90, 0)
    """
    return majority_turn(0 if abs(a) >= abs(b) else 270 if b < 0 else 90 for a, b in (c["matrix"][:2] for c in chars))


def majority_turn(turns: Iterable[int]) -> int:
    """Given each glyph's turn (0, 90, 180 or 270), return the sideways turn most share if at least SIDEWAYS_SHARE do, else 0."""
    ways = Counter(turns)
    if not ways:
        return 0
    turn, count = ways.most_common(1)[0]
    return turn if turn in (90, 270) and count >= SIDEWAYS_SHARE * sum(ways.values()) else 0


def turned(page: Page, turn: int) -> Page:
    """Given a pdfplumber page and a turn in degrees, return the page read as displayed turned by that much more."""
    page_obj = page.page_obj
    rotation = (page.rotation + turn) % 360
    page_obj.attrs = {**page_obj.attrs, "Rotate": rotation}
    page_obj.rotate = rotation
    return Page(page.pdf, page_obj, page_number=page.page_number, initial_doctop=page.initial_doctop)
