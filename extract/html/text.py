"""The words of an HTML element tree as paragraphs, the way a browser lays them out.

A paragraph is a run of inline content between block boundaries (`<p>`, `<div>`, `<li>`,
`<br>`, headings, table cells...); whitespace collapses as in a browser (source line
breaks are no line breaks) and no-break spaces become spaces. Skipped with their content:
scripts, styles, `<noscript>`, forms' controls, hidden elements and a site's navigation
chrome (`<nav>`, `<aside>`, ARIA navigation/banner/contentinfo roles, breadcrumb and
menu blocks, a page-level `<header>`/`<footer>`). Each paragraph records whether all its
words are bold (`<b>`, `<strong>`, a CSS class or inline style), its heading level
(`<h1>`-`<h6>`) and the element its provenance points at.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from extract.model import ParagraphStyle
from extract.prose import BULLET_GLYPHS

_SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe", "object", "embed", "svg",
    "button", "select", "input", "textarea", "option", "nav", "aside", "map", "area", "audio", "video", "canvas",
})
_BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "section", "article", "main", "header", "footer",
    "address", "figure", "figcaption", "caption", "center", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "form",
    "fieldset", "legend", "hr", "body", "html", "h1", "h2", "h3", "h4", "h5", "h6",
})
_HEADING = re.compile(r"^h([1-6])$")
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "complementary"})
# Class or id words of site chrome, matched as parts of a name ("cookie-banner", "mgNav").
_CHROME_PARTS = frozenset({"nav", "navbar", "navigation", "breadcrumb", "breadcrumbs", "menu", "sidebar", "cookie", "cookies"})
# Whole class names of text hidden or meant for screen readers only ("hidden-xs" hides on phones only: no match).
_HIDDEN_NAMES = frozenset({"hidden", "sronly", "visuallyhidden", "screenreadertext", "skiplink", "skiplinks"})
_NAME_PARTS = re.compile(r"[-_]+|(?<=[a-z])(?=[A-Z])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)\b", re.I)
_NORMAL_STYLE = re.compile(r"font-weight\s*:\s*(normal|lighter|[1-5]00)\b", re.I)
# Word's "save as web page": list paragraphs carry mso-list and type their glyph in a span marked Ignore.
_MSO_LIST = re.compile(r"mso-list\s*:\s*l\d", re.I)
_MSO_IGNORE = re.compile(r"mso-list\s*:\s*ignore", re.I)
# Word's filtered HTML types a list item's marker as text: Symbol "·", Wingdings "§", Courier "o", a dash.
_TYPED_MARKER = re.compile(r"^[·§o\-–*]\s+")
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CSS_CLASS = re.compile(r"\.([A-Za-z_][\w-]*)\s*$")
_SPACE = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_TITLE_CLASSES = frozenset({"title", "msotitle"})


@dataclass(frozen=True, slots=True)
class Piece:
    """One paragraph of a page or cell: clean text, source text, style, and what it looked like."""

    text: str
    raw: str
    style: ParagraphStyle
    anchor: Any
    bold: bool = False
    level: int | None = None
    title_hint: bool = False


def bold_classes(root: Any) -> frozenset[str]:
    """Given a page tree, return the CSS classes its `<style>` blocks make bold (`.T1 { font-weight:bold }`)."""
    css = " ".join(s.text or "" for s in root.iter("style"))
    css = re.sub(r"/\*.*?\*/|<!--|-->", " ", css, flags=re.S)
    out: set[str] = set()
    for selectors, body in _CSS_RULE.findall(css):
        if _BOLD_STYLE.search(body):
            out.update(m.group(1) for sel in selectors.split(",") if (m := _CSS_CLASS.search(sel.strip())))
    return frozenset(out)


def _names(value: str) -> set[str]:
    """Given a class or id attribute, return its names lower-cased without separators ('sr-only' -> 'sronly')."""
    return {w.replace("-", "").replace("_", "").lower() for w in value.split()}


def _name_parts(value: str) -> set[str]:
    """Given a class or id attribute, return the lower-case parts of its names ('cookieBanner' -> cookie, banner)."""
    return {part.lower() for w in value.split() for part in _NAME_PARTS.split(w) if part}


def is_chrome(el: Any) -> bool:
    """Given an element, return whether it is hidden, non-content or navigation chrome."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP_TAGS or el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    if _HIDDEN_STYLE.search(el.get("style", "")) or (el.get("role") or "").lower() in _CHROME_ROLES:
        return True
    names = f"{el.get('class', '')} {el.get('id', '')}"
    if _HIDDEN_NAMES & _names(names) or _CHROME_PARTS & _name_parts(names):
        return True
    # A site's masthead and footer; a <header> inside an article is the article's own heading.
    return tag in ("header", "footer") and not any(a.tag in ("main", "article") for a in el.iterancestors())


def clean_text(text: str) -> str:
    """Given text as laid out in the source, return it as a browser shows it (spaces collapsed).

    >>> clean_text("  Net\\n\\t cost ")
    'Net cost'
    >>> clean_text("a\\u00a0\\u00a0b\\u00adc")
    'a bc'
    """
    return _SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


@dataclass(slots=True)
class Collector:
    """Walks an element tree and collects its paragraphs; `on_table` may take over a `<table>`."""

    bold_css: frozenset[str]
    on_table: Callable[[Any, Collector], bool] | None = None
    out: list[Any] = field(default_factory=list)
    _parts: list[str] = field(default_factory=list)
    _chars: list[int] = field(default_factory=lambda: [0, 0])  # visible characters: all, bold
    _anchor: Any = None
    _style: ParagraphStyle = "text"
    _level: int | None = None
    _title: bool = False
    _blocks: list[Any] = field(default_factory=list)

    def flush(self) -> None:
        """Given the pending inline text, emit it as a paragraph (if it has words) and start anew."""
        raw = clean_text("".join(self._parts))
        text = raw.lstrip(BULLET_GLYPHS).strip()
        if self._style == "bullet":
            text = _TYPED_MARKER.sub("", text, count=1)
        if text:
            style: ParagraphStyle = "bullet" if self._style == "bullet" or text != raw else "text"
            bold = self._chars[1] >= self._chars[0] > 0
            self.out.append(Piece(text, raw, style, self._anchor, bold, self._level, self._title))
        self._parts, self._chars, self._anchor = [], [0, 0], None

    def _add(self, text: str | None, bold: bool) -> None:
        """Given a text node and whether it is bold, add it to the pending paragraph."""
        if not text:
            return
        visible = len(clean_text(text).replace(" ", ""))
        if visible and self._anchor is None and self._blocks:
            self._anchor = self._blocks[-1]
        self._parts.append(text)
        self._chars[0] += visible
        self._chars[1] += visible if bold else 0

    def _is_bold(self, el: Any, inherited: bool) -> bool:
        """Given an element and its parent's boldness, return whether its text is bold."""
        style = el.get("style", "")
        if el.tag in ("b", "strong") or _BOLD_STYLE.search(style) or self.bold_css & set(el.get("class", "").split()):
            return True
        return False if _NORMAL_STYLE.search(style) else inherited

    def walk(self, el: Any, bold: bool = False) -> None:
        """Given an element and whether its parent is bold, collect its text and its children's."""
        if not isinstance(el.tag, str) or is_chrome(el):
            self._add(el.tail, bold)
            return
        if el.tag == "table" and self.on_table is not None and self.on_table(el, self):
            self._add(el.tail, bold)
            return
        if el.tag == "br":
            self.flush()
            self._anchor = el
        elif el.tag == "span" and _MSO_IGNORE.search(el.get("style", "")):
            self._style = "bullet"  # the typed glyph of a Word list item, not words
        elif el.tag in _BLOCK_TAGS:
            self._block(el, bold)
        else:
            self.walk_children(el, self._is_bold(el, bold))
        self._add(el.tail, bold)

    def walk_inside(self, el: Any) -> None:
        """Given the element that holds a document (`<body>`, `<main>`), collect its content, not its tail."""
        self._block(el, False)

    def walk_children(self, el: Any, bold: bool) -> None:
        """Given an element, collect its own text and its children's."""
        self._add(el.text, bold)
        for child in el:
            self.walk(child, bold)

    def _block(self, el: Any, bold: bool) -> None:
        """Given a block element, collect it as its own paragraph(s) in its own style."""
        self.flush()
        saved = (self._style, self._level, self._title)
        heading = _HEADING.match(el.tag)
        if el.tag == "li" or _MSO_LIST.search(el.get("style", "")) or el.get("class", "").startswith("MsoListParagraph"):
            self._style = "bullet"
        elif el.tag in ("td", "th"):
            self._style = "text"  # a table nested in a list item: its cells are no list items
        self._level = int(heading.group(1)) if heading else self._level
        self._title = self._title or bool(_TITLE_CLASSES & _names(el.get("class", "")))
        self._blocks.append(el)
        self.walk_children(el, self._is_bold(el, bold))
        self.flush()
        self._blocks.pop()
        self._style, self._level, self._title = saved
