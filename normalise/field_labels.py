"""Field labels inside a commentary: where the reason ends and the mitigation starts.

One commentary column often holds both ("Commentary and mitigating actions", "Update"): the
mitigation starts at an explicit label, inline after a sentence or opening its own paragraph
("… in 2019-20. Mitigation: the contract …", "Actions: …", "Next steps: …"). The label belongs
to neither field. A leading reason label ("Reason:", "Issue:") is cut off the reason. A label
that is a field word is never a project name (`is_field_label`, used by `normalise.labels`).
"""

from __future__ import annotations

import re

from extract.model import Paragraph

# Mitigation labels of commentary cells, highlight reports and issue logs.
_MITIGATION = (
    r"mitigations?|mitigating\ actions?|mitigation\ actions?|actions?(\ taken|\ being\ taken|\ required|\ planned|\ to\ recover)?"
    r"|next\ steps?|remedial\ actions?|recovery\ (plan|actions?)|corrective\ actions?|management\ actions?|proposed\ actions?"
    r"|response|what\ we\ are\ doing|what\ is\ being\ done|way\ forward|resolution"
)
# Reason labels, cut off the start of a reason.
_REASON = (
    r"reasons?(\ for\ (exception|slippage|variance|delay))?|issues?|exceptions?|problems?|causes?"
    r"|commentary|comments?|update|explanation|background|risks?"
)
_LABEL_AT_START = re.compile(rf"^\s*(?:{_MITIGATION})\s*[:–—-]\s*", re.I | re.X)
# Inline: after a sentence end, a semicolon or a line break, a capitalised label and a colon.
_LABEL_INLINE = re.compile(rf"(?:(?<=[.!?;])\s+|\n\s*)(?=(?:{_MITIGATION})\s*:)", re.I | re.X)
_REASON_AT_START = re.compile(rf"^\s*(?:{_REASON})\s*:\s*", re.I | re.X)
_FIELD_WORD = re.compile(rf"^\s*(?:{_MITIGATION}|{_REASON}|status|rag|impact|owner|lead|date|target\ date)\s*$", re.I | re.X)


def is_field_label(label: str) -> bool:
    """Given the text before a colon, return whether it is a field word rather than a name.

    >>> is_field_label("Mitigating actions"), is_field_label("Next steps"), is_field_label("Housing with care")
    (True, True, False)
    """
    return bool(_FIELD_WORD.match(label))


def has_mitigation_label(text: str) -> bool:
    """Given a cell's text, return whether a mitigation label opens it or one of its sentences.

    >>> has_mitigation_label("Late. Next steps: retender."), has_mitigation_label("Actions are late.")
    (True, False)
    """
    return bool(_LABEL_AT_START.match(text) and ":" in text[:40] or _LABEL_INLINE.search(text))


def split_commentary(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Paragraph]]:
    """Given a commentary's paragraphs, return (reason paragraphs, mitigation paragraphs), labels cut.

    >>> r, m = split_commentary([Paragraph("Delayed by the supplier. Mitigation: a second supplier is lined up.")])
    >>> [p.text for p in r], [p.text for p in m]
    (['Delayed by the supplier.'], ['a second supplier is lined up.'])
    >>> r, m = split_commentary([Paragraph("On track."), Paragraph("Next steps: go live in May.")])
    >>> [p.text for p in r], [p.text for p in m]
    (['On track.'], ['go live in May.'])
    """
    for i, para in enumerate(paragraphs):
        head = _LABEL_AT_START.match(para.text)
        if head:
            rest = _with(para, para.text[head.end():])
            return _strip_reason(paragraphs[:i]), [p for p in [rest, *paragraphs[i + 1:]] if p.text.strip()]
        inline = _LABEL_INLINE.search(para.text)
        if inline:
            before, after = para.text[: inline.start()], para.text[inline.end():]
            label = _LABEL_AT_START.match(after)
            after = after[label.end():] if label else after
            reason = [*paragraphs[:i], _with(para, before.rstrip())]
            return _strip_reason(reason), [p for p in [_with(para, after), *paragraphs[i + 1:]] if p.text.strip()]
    return _strip_reason(paragraphs), []


def _strip_reason(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Given reason paragraphs, return them with a leading reason label cut off the first."""
    out = [p for p in paragraphs if p.text.strip()]
    if out:
        m = _REASON_AT_START.match(out[0].text)
        if m and out[0].text[m.end():].strip():
            out[0] = _with(out[0], out[0].text[m.end():])
    return out


def _with(para: Paragraph, text: str) -> Paragraph:
    """Given a paragraph, return a copy holding other text."""
    return Paragraph(text, para.raw, para.style, para.prov)
