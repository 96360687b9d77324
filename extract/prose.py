"""The text primitives every reader and rule shares: sentence ends, bullets, hyphen breaks, markup.

One definition of each. Where two callers really need different rules, the difference is a
named parameter: a body paragraph ends at ".", "!" or "?", while a PDF line that stops at ":"
or ";" has ended its run too (`PAUSE_STOPS`), and a header cell is prose once it ends like a
clause, a question aside (`HEADER_STOPS`).
"""

from __future__ import annotations

import re

# Glyphs that are only ever bullets, also glued to the following word. "\uf0b7", "\uf0a7",
# "\uf076", "\uf0d8", "\uf0fc" are Word's Symbol / Wingdings bullets mapped to the private use area.
BULLET_GLYPHS = "•\uf0b7\uf0a7\uf076\uf0d8\uf0fc▪■□●◦○‣∙►➢"
# Ticks and middle dots are bullets too, but only where a line starts with them.
MARKER_GLYPHS = BULLET_GLYPHS + "✓·"
# Dashes and stars mark list items only as a separate word at a paragraph's start.
DASH_MARKERS = "-–—*"

# Closing quotes and brackets may follow a sentence's last stop: 'said "yes."', "(see note 3.)".
CLOSERS = "\"'”’)]»"
SENTENCE_STOPS = ".!?…"
# Short paragraphs of a reading-order export: a clause end makes one prose, not a cell label.
CLAUSE_STOPS = ".!?;"
# Header cells: a clause end makes a cell prose, but a question is a label ("Why is it off track?").
HEADER_STOPS = ".!;"
# PDF lines and table runs: a colon or semicolon also ends a run ("This was required due to:").
PAUSE_STOPS = ".!?:;"
# A row draft's last line: a closing bracket or quote ends it even without a stop ("(phase 2)").
LINE_END_STOPS = SENTENCE_STOPS + CLOSERS
# A heading-like line of a narrative report: any punctuation at its end makes it a sentence.
LIST_STOPS = ".,;:!?"

# Typographic ligatures (U+FB00-FB06) as the letters they join: a PDF whose fonts map a
# ligature glyph to its own code point reads "ﬁnancial", which no search or scorer matches.
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                           "\ufb05": "st", "\ufb06": "st"})

# A cell that is only a figure: 4,020  (0.30)  -55  £1.2m  £62,000  12%  (1,781); not a year
# ("2019/20"). A unit alone ("£000") has a figure's shape: a header reader excludes units itself.
_FIGURE_RE = re.compile(r"^[-–−+(]?\s*[£$€]?\s*\(?\d[\d,]*(?:\.\d+)?\s*\)?\s*(?:%|k|m|bn)?\)?$", re.IGNORECASE)
_NIL_DASH_RE = re.compile(r"^[-–—]$")
_NUMERIC_DATE_RE = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$")  # "31/03/2025", "1.4.24"
_TAG_RE = re.compile(r"</?[a-zA-Z][^<>]{0,500}>")
# "Rational- isation": a soft hyphen left inside a line by an earlier text export. Not a
# suspended hyphen before a conjunction ("pre- and post-", "short- or long-term", "two- to three-year").
_INLINE_BREAK_RE = re.compile(r"(?<=[a-z])- (?!(?:and|or|nor|to|and/or)\b)(?=[a-z]{2,})")
# "long-\nterm": a hyphen at a line end; the compound is real, so keep the hyphen.
_LINE_END_HYPHEN_RE = re.compile(r"(?<=\w)-[ \t]*\n[ \t]*(?=\w)")


def ends_sentence(text: str, stops: str = SENTENCE_STOPS) -> bool:
    """Given text, return whether its last character, past markup and closing quotes and brackets, is one of `stops`.

    >>> ends_sentence("was required due"), ends_sentence('said "yes."'), ends_sentence("in 2016/17.</p>")
    (False, True, True)
    >>> ends_sentence("This was required due to:", PAUSE_STOPS), ends_sentence("(phase 2)", LINE_END_STOPS)
    (True, True)
    """
    tail = strip_tags(text).rstrip()
    if tail[-1:] and tail[-1] in stops:
        return True
    tail = tail.rstrip(CLOSERS).rstrip()
    return bool(tail) and tail[-1] in stops


def is_figure(text: str, nil_dash: bool = False) -> bool:
    """Given a cell's text, return whether it is only a figure; with `nil_dash`, a lone dash (nil) counts too.

    >>> [is_figure(t) for t in ("(0.30)", "4,020", "£1.2m", "-55", "12%", "2019/20", "-", "Q3")]
    [True, True, True, True, True, False, False, False]
    >>> is_figure("–", nil_dash=True)
    True
    """
    text = text.strip()
    return bool(_FIGURE_RE.match(text)) or (nil_dash and bool(_NIL_DASH_RE.match(text)))


def is_numeric_date(text: str) -> bool:
    """Given a cell's text, return whether it is only a date in figures (a due or target date): it never wraps, nor heads a column.

    >>> [is_numeric_date(t) for t in ("31/03/2025", "1.4.24", "2019/20", "by 31/03/2025")]
    [True, True, False, False]
    """
    return bool(_NUMERIC_DATE_RE.match(text.strip()))


def strip_tags(text: str, replacement: str = "") -> str:
    """Given text that may still hold stray HTML tags, return it with each tag replaced.

    >>> strip_tags("left as <i>At Risk</i> due"), strip_tags("a<br/>b", " "), strip_tags("< £5m and > £2m")
    ('left as At Risk due', 'a b', '< £5m and > £2m')
    """
    return _TAG_RE.sub(replacement, text)


def join_hyphen_breaks(text: str, keep_line_end_hyphen: bool = True) -> str:
    """Given text with line breaks, return it with words broken by export artefacts rejoined.

    A hyphen at a line end is kept by default ("long-term" is a real compound); a content
    fingerprint, which must match "be-\\ncause" to "because", passes `keep_line_end_hyphen=False`.

    >>> join_hyphen_breaks("Banding Rational- isation"), join_hyphen_breaks("long-\\nterm care")
    ('Banding Rationalisation', 'long-term care')
    >>> join_hyphen_breaks("Placements - Younger"), join_hyphen_breaks("pre- and post-tender checks")
    ('Placements - Younger', 'pre- and post-tender checks')
    >>> join_hyphen_breaks("at risk be-\\ncause", keep_line_end_hyphen=False)
    'at risk because'
    """
    text = _LINE_END_HYPHEN_RE.sub("-" if keep_line_end_hyphen else "", text)
    return _INLINE_BREAK_RE.sub("", text)
