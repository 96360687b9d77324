"""A DOCX body as Word shows it: tracked changes accepted, and runs inside wrappers set free.

python-docx reads only a paragraph's own runs and a body's own paragraphs and tables, so
text Word prints was lost wherever the XML wraps it:
- a draft saved with revisions tracked keeps inserted text inside `w:ins` (moved text in
  `w:moveTo`) and deleted text inside `w:del` / `w:moveFrom`: an insertion vanished
  ("The contractor  from the scheme");
- content controls (`w:sdt`, common in council report templates), smart tags
  (`w:smartTag`, Word 2003-2010's dates and places), custom XML (`w:customXml`) and simple
  fields (`w:fldSimple`, a date or page reference) hold their runs, paragraphs or rows inside.
Rewriting the XML before anything is read keeps every reader rule unchanged: inserted runs
become ordinary runs, deleted ones and rows marked deleted go, and each wrapper is replaced
by what it holds.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

_KEEP = (qn("w:ins"), qn("w:moveTo"))
_DROP = (qn("w:del"), qn("w:moveFrom"))
_WRAPPERS = (qn("w:smartTag"), qn("w:customXml"), qn("w:fldSimple"), qn("w:dir"), qn("w:bdo"))
_PROPERTIES = (qn("w:smartTagPr"), qn("w:customXmlPr"))


def as_shown(body: Any) -> int:
    """Given a document body element (lxml), rewrite it in place as Word shows it; return how many elements changed."""
    return accept_revisions(body) + unwrap(body)


def unwrap(body: Any) -> int:
    """Given a body element, replace each content control by its content and each run wrapper by its children; return how many.

    >>> from docx.oxml import parse_xml
    >>> from docx.oxml.ns import nsdecls
    >>> p = parse_xml(f'<w:p {nsdecls("w")}><w:smartTag><w:r><w:t>Leeds</w:t></w:r></w:smartTag></w:p>')
    >>> unwrap(p), [child.tag.rsplit("}", 1)[1] for child in p]
    (1, ['r'])
    """
    changed = 0
    for element in list(body.iter(qn("w:sdt"), *_WRAPPERS)):
        parent = element.getparent()
        if parent is None:
            continue
        if element.tag == qn("w:sdt"):
            content = element.find(qn("w:sdtContent"))
            children = list(content) if content is not None else []
        else:
            children = [child for child in element if child.tag not in _PROPERTIES]
        _replace(parent, element, children)
        changed += 1
    return changed


def _replace(parent: Any, element: Any, children: list[Any]) -> None:
    """Given an element's parent, the element and the children to keep, put the children where the element was."""
    at = parent.index(element)
    for offset, child in enumerate(children):
        parent.insert(at + offset, child)
    parent.remove(element)


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
        _replace(parent, element, list(element) if element.tag in _KEEP else [])
        changed += 1
    return changed
