"""Where each element of a parsed page sits in its decoded source text.

lxml gives an element's `sourceline` but no character offsets, so we find each start tag
by scanning the source in document order: element i's tag is the first `<tag` at or after
element i-1's, on the element's own line, outside comments, scripts and styles. An element
the parser made up (an implied `<tbody>` or `<p>`) is not found on its line and gets no
offsets. An element ends at its matching end tag, or where the next element that is not
inside it starts when the end tag is omitted (`<p>` and `<li>` often are).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from extract.model import Prov

# Spans whose text is not markup: a "<p" inside them is no tag.
_OPAQUE = re.compile(r"<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!\[CDATA\[.*?\]\]>", re.I | re.S)


@dataclass(frozen=True, slots=True)
class SourceMap:
    """Start/end offsets of the elements of one parsed page (by `id` of the element)."""

    text: str
    spans: dict[int, tuple[int, int]]
    # The element proxies themselves: lxml reuses a proxy only while it is alive, so the
    # ids in `spans` stay valid only while this tuple holds them.
    elements: tuple[Any, ...]

    def prov(self, el: Any, table: int | None = None, row: int | None = None, col: int | None = None) -> Prov:
        """Given an element and its table/row/col, return its `Prov` with line and offsets where known."""
        line = el.sourceline if isinstance(el.sourceline, int) else None
        start, end = self.spans.get(id(el), (None, None))
        return Prov(table=table, row=row, col=col, line=line, char_start=start, char_end=end)


def _blank_opaque(text: str) -> str:
    """Given source text, return it with comments, scripts and styles blanked (same length)."""
    return _OPAQUE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _find_start(scan: str, tag: str, cursor: int, line_range: tuple[int, int]) -> int | None:
    """Given the blanked source, a tag, the cursor and the element's line span, return its `<tag` offset."""
    pattern = re.compile(rf"<{re.escape(tag)}(?=[\s/>])", re.I)
    m = pattern.search(scan, max(cursor, line_range[0]), line_range[1])
    return None if m is None else m.start()


def _find_end(scan: str, tag: str, start: int, bound: int) -> int:
    """Given a start tag's offset and the offset no end can pass, return the element's end offset."""
    depth = 0
    for m in re.compile(rf"<(/?){re.escape(tag)}(?=[\s/>])[^>]*>", re.I).finditer(scan, start, bound):
        depth += -1 if m.group(1) else 1
        if m.group(0).endswith("/>") and not m.group(1):
            depth -= 1
        if depth <= 0:
            return m.end()
    return start + len(scan[start:bound].rstrip())


def map_source(text: str, root: Any) -> SourceMap:
    """Given decoded source text and the lxml tree parsed from it, return the elements' offsets."""
    line_starts = (0, *(m.end() for m in re.finditer("\n", text)))
    scan = _blank_opaque(text)
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    starts: list[int | None] = []
    cursor = 0
    for el in elements:
        line = el.sourceline if isinstance(el.sourceline, int) else 0
        lo = line_starts[line - 1] if 0 < line <= len(line_starts) else len(text)
        hi = line_starts[line] if line < len(line_starts) else len(text) + 1
        found = _find_start(scan, el.tag, cursor, (lo, hi)) if line else None
        starts.append(found)
        cursor = found + 1 if found is not None else cursor
    return SourceMap(text, _spans(scan, elements, starts), tuple(elements))


def _spans(scan: str, elements: list[Any], starts: list[int | None]) -> dict[int, tuple[int, int]]:
    """Given the elements in document order and their start offsets, return {id: (start, end)}."""
    index = {id(e): i for i, e in enumerate(elements)}
    known_index = [i for i, s in enumerate(starts) if s is not None]
    known_starts = [s for s in starts if s is not None]
    # A subtree is contiguous in document order: it ends at its last child's subtree's end.
    last = list(range(len(elements)))
    for i in range(len(elements) - 1, -1, -1):
        kids = [index[id(c)] for c in elements[i] if id(c) in index]
        last[i] = last[kids[-1]] if kids else i
    spans: dict[int, tuple[int, int]] = {}
    for i, el in enumerate(elements):
        start = starts[i]
        if start is None:
            continue
        # The first located element after this one's subtree starts after it ends.
        after = bisect.bisect_right(known_index, last[i])
        bound = known_starts[after] if after < len(known_starts) else len(scan)
        spans[id(el)] = (start, _find_end(scan, el.tag, start, bound))
    return spans
