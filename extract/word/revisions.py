"""Tracked changes in a DOCX read as Word shows the document with every change accepted.

A draft saved with revisions still tracked keeps inserted text inside `w:ins` (and moved
text inside `w:moveTo`), and deleted text inside `w:del` / `w:moveFrom`. python-docx reads
only a paragraph's own runs, so an insertion vanished ("The contractor  from the scheme")
while Word prints it. Accepting the changes in the XML before anything is read keeps every
reader rule unchanged: inserted runs become ordinary runs, deleted ones go, and table rows
marked deleted go with them.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

_KEEP = (qn("w:ins"), qn("w:moveTo"))
_DROP = (qn("w:del"), qn("w:moveFrom"))


def accept_revisions(body: Any) -> int:
    """Given a document body element (lxml), accept its tracked insertions and deletions in place; return how many.

    A revision mark with no content (a paragraph mark's, in `w:rPr`) is left alone; a row
    whose properties mark it deleted (`w:trPr/w:del`) is removed.
    """
    changed = 0
    for row in list(body.iter(qn("w:tr"))):
        props = row.find(qn("w:trPr"))
        if props is not None and props.find(qn("w:del")) is not None and row.getparent() is not None:
            row.getparent().remove(row)
            changed += 1
    for element in list(body.iter(*_KEEP, *_DROP)):
        parent = element.getparent()
        if parent is None or not len(element) or parent.tag in (qn("w:rPr"), qn("w:trPr"), qn("w:pPr")):
            continue
        if element.tag in _KEEP:
            at = parent.index(element)
            for offset, child in enumerate(list(element)):
                parent.insert(at + offset, child)
        parent.remove(element)
        changed += 1
    return changed
