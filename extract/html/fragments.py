"""Cell HTML fragments -> paragraphs (stdlib `html.parser`, no regex soup).

Some exports put a cell's rich text in as HTML: `<p>` per paragraph, `<ul>` lists whose
items are `<li>` or bare "•" glyphs (the list is often never closed), inline `<i>`,
`<b>`, `<span>`. We keep the words, drop the markup, unescape entities, and return one
entry per paragraph or list item with its character span in the fragment.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from extract.model import ParagraphStyle
from extract.prose import BULLET_GLYPHS

# Tags that end the current paragraph; everything else (i, b, span, a, font...) is inline.
_BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table", "blockquote"})
_LIST_TAGS = frozenset({"ul", "ol"})
_SKIP_TAGS = frozenset({"script", "style"})
_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>|&(#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+\d*);")
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")


@dataclass(frozen=True, slots=True)
class HtmlParagraph:
    """One paragraph of a fragment: clean text, style and its [start, end) span in the fragment."""

    text: str
    style: ParagraphStyle
    start: int
    end: int


def has_markup(text: str) -> bool:
    """Given cell text, return whether it holds HTML tags or entities.

    >>> has_markup("<p>Hi</p>"), has_markup("costs < £5m"), has_markup("A &amp; B")
    (True, False, True)
    """
    return _MARKUP.search(text) is not None


def tidy_lines(text: str) -> str:
    """Given extracted text, return it with spaces collapsed per line and blank lines dropped.

    >>> tidy_lines("  a \\t b \\n\\n  c ")
    'a b\\nc'
    """
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


class _ParagraphParser(HTMLParser):
    """Collects paragraphs and list items with their spans while the fragment is fed."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self._source = source
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
        self.out: list[HtmlParagraph] = []
        self._parts: list[str] = []
        self._start: int | None = None
        self._end = 0
        self._style: ParagraphStyle = "text"
        self._list_depth = 0
        self._li_depth = 0
        self._skip = 0

    def _pos(self) -> int:
        """Given the parser's position, return it as an offset into the fragment."""
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def flush(self, style: ParagraphStyle | None = None) -> None:
        """Given the pending text, emit it as a paragraph and start a new one in `style`."""
        text = tidy_lines("".join(self._parts))
        if text and self._start is not None:
            self.out.append(HtmlParagraph(text, self._style, self._start, self._end))
        self._parts, self._start = [], None
        self._style = style or ("bullet" if self._li_depth else "text")

    def _add(self, text: str, start: int, end: int) -> None:
        """Given clean text and its raw span, append it to the pending paragraph."""
        if self._skip:
            return
        if self._start is None:
            if not text.strip():
                return
            start += len(text) - len(text.lstrip())
            self._start = start
        self._parts.append(text)
        if text.strip():
            self._end = end - (len(text) - len(text.rstrip()))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _LIST_TAGS:
            self._list_depth += 1
            self.flush()
        elif tag == "li":
            self._li_depth += 1
            self.flush("bullet")
        elif tag == "p" and self._list_depth and not self._li_depth:
            # An unclosed <ul> followed by <p> (seen in exports): the list has ended.
            self._list_depth = 0
            self.flush("text")
        elif tag in _BLOCK_TAGS:
            self.flush()
        elif tag == "br":
            self._parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _LIST_TAGS:
            self._list_depth = max(0, self._list_depth - 1)
            self.flush()
        elif tag == "li":
            self._li_depth = max(0, self._li_depth - 1)
            self.flush()
        elif tag in _BLOCK_TAGS:
            self.flush()

    def handle_data(self, data: str) -> None:
        pos = self._pos()
        # Bare bullet glyphs split items even without <li> (exports write "<ul> • a • b").
        pieces = re.split(f"([{re.escape(BULLET_GLYPHS)}])", data)
        offset = pos
        for piece in pieces:
            if len(piece) == 1 and piece in BULLET_GLYPHS:
                self.flush("bullet")
                self._start = offset  # raw span keeps the glyph
            else:
                self._add(piece, offset, offset + len(piece))
            offset += len(piece)

    def _reference(self, raw: str) -> None:
        """Given "&name" or "&#num" at the current position, add it unescaped (";" optional)."""
        pos = self._pos()
        if self._source[pos + len(raw) : pos + len(raw) + 1] == ";":
            raw += ";"
        self._add(html.unescape(raw), pos, pos + len(raw))

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name}")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name}")


def html_paragraph_spans(fragment: str) -> list[HtmlParagraph]:
    """Given an HTML fragment, return its paragraphs and list items with their spans.

    >>> [(p.text, p.style) for p in html_paragraph_spans("<p>A <i>b</i></p><ul> • c • d<p>e</p>")]
    [('A b', 'text'), ('c', 'bullet'), ('d', 'bullet'), ('e', 'text')]
    >>> p = html_paragraph_spans("<p>x &amp; y</p>")[0]
    >>> p.text, p.start, p.end
    ('x & y', 3, 12)
    >>> html_to_paragraphs("<p>ASC&PH Committee &#163;5</p>")
    [('ASC&PH Committee £5', 'text')]
    """
    parser = _ParagraphParser(fragment)
    parser.feed(fragment)
    parser.close()
    parser.flush()
    return parser.out


def html_to_paragraphs(fragment: str) -> list[tuple[str, ParagraphStyle]]:
    """Given a cell's HTML fragment, return (text, style) per paragraph or list item.

    Tags are removed with their words kept, entities unescaped, list items (`<li>` or
    "•" inside a list) come back as "bullet"; plain text without tags is one paragraph.

    >>> html_to_paragraphs("<ul><li>One</li><li>Two &pound;5m</li></ul>")
    [('One', 'bullet'), ('Two £5m', 'bullet')]
    >>> html_to_paragraphs("Plain words")
    [('Plain words', 'text')]
    """
    return [(p.text, p.style) for p in html_paragraph_spans(fragment)]
