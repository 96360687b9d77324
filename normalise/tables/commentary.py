"""Field labels inside a commentary: where the reason ends and the mitigation starts.

One commentary column often holds both ("Commentary and mitigating actions", "Update"): the
mitigation starts at an explicit label, inline after a sentence or opening its own paragraph
("… in 2019-20. Mitigation: the contract …", "Actions: …", "Next steps: …"). The label belongs
to neither field. A leading reason label ("Reason:", "Issue:") is cut off the reason. A label
that is a field word is never a project name (`is_field_label`, used by `normalise.tables.project_labels`).
"""

from __future__ import annotations

import re

from extract.model import Paragraph
from normalise.label_vocab import PERSON_WORDS, Role, label_role, phrases


def _alternation(role: Role) -> str:
    """Given a role, return its vocabulary labels as a regex alternation, plurals allowed."""
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") + "s?" for p in phrases(role))


# The labels are `normalise.label_vocab`'s, shared with forms and labelled items.
_MITIGATION = _alternation("mitigation")
_REASON = _alternation("reason")
_LABEL_AT_START = re.compile(rf"^\s*(?:{_MITIGATION})\s*[:–—-]\s*", re.I)
# Inline: after a sentence end, a semicolon or a line break, a label and a colon.
_LABEL_INLINE = re.compile(rf"(?:(?<=[.!?;])\s+|\n\s*)(?=(?:{_MITIGATION})\s*:)", re.I)
_REASON_AT_START = re.compile(rf"^\s*(?:{_REASON})\s*:\s*", re.I)


def is_field_label(label: str) -> bool:
    """Given the text before a colon, return whether it is a field word rather than a name.

    A whole vocabulary label of any role but the name's ("Next steps", "Impact", "RAG status",
    "Project manager") is a field; a phrase merely containing one ("Schools condition
    programme") may be a name.

    >>> is_field_label("Mitigating actions"), is_field_label("Next steps"), is_field_label("Housing with care")
    (True, True, False)
    >>> is_field_label("Schools condition programme"), is_field_label("Lead officer"), is_field_label("Contact centre telephony")
    (False, True, False)
    """
    found = label_role(label)
    if found is None or found.role == "name":
        return False
    words = label.lower().split()
    return not found.inferred or bool(words) and words[-1] == found.matched and found.matched in PERSON_WORDS


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
