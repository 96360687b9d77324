"""pdfplumber's char dicts, built without its generic object walk.

`pdfplumber.Page.process_object` turns every pdfminer layout object into a dict by
resolving each attribute recursively (`resolve_all`) and decoding the colour space name
per glyph. For chars, which are nearly all a page's objects, that walk was 45% of the
time to read a PDF (bench/hotspots.py: 20 s of 45 s over 21 PDFs), though a char's
attributes are plain numbers, strings and tuples. `fast_chars(page)` gives one page a
`process_object` that builds the same dict directly for chars (same keys and values,
pinned by tests/test_pdf_chars.py on every fixture PDF) and leaves every other object to
pdfplumber.
"""

from __future__ import annotations

from functools import lru_cache
from types import MethodType
from typing import Any
from unicodedata import normalize

from pdfminer.layout import LTChar, LTItem
from pdfminer.pdftypes import PDFObjRef
from pdfplumber.page import ALL_ATTRS, Page, fix_fontname_bytes
from pdfplumber.utils.pdfinternals import resolve_all, resolve_and_decode

_PLAIN = (int, float, str, bool, type(None))


def fast_chars(page: Page) -> Page:
    """Given a pdfplumber page not yet parsed, make it build char dicts the fast way; return it."""
    page.process_object = MethodType(_process_object, page)  # type: ignore[method-assign]
    return page


def _process_object(page: Page, obj: LTItem) -> dict[str, Any]:
    """Given a page and a layout object, return pdfplumber's dict for it (chars built directly)."""
    if type(obj) is not LTChar:
        return Page.process_object(page, obj)
    attr = {k: _resolved(v) for k, v in obj.__dict__.items() if k in ALL_ATTRS}
    attr["object_type"] = "char"
    attr["page_number"] = page.page_number
    if hasattr(obj, "ncs"):
        attr["ncs"] = _colour_space(obj.ncs.name)
    text = obj.get_text()
    norm = page.pdf.unicode_norm
    attr["text"] = normalize(norm, text) if norm is not None else text
    gs = obj.graphicstate
    attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
    attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
    if isinstance(attr["fontname"], bytes):
        attr["fontname"] = fix_fontname_bytes(attr["fontname"])
    mb_x0, mb_top = page.mediabox[:2]
    attr["top"] = (page.height - attr["y1"]) + mb_top
    attr["bottom"] = (page.height - attr["y0"]) + mb_top
    attr["doctop"] = page.initial_doctop + attr["top"]
    if mb_x0 != 0:
        attr["x0"] = attr["x0"] + mb_x0
        attr["x1"] = attr["x1"] + mb_x0
    return attr


def _resolved(value: Any) -> Any:
    """Given an attribute value, return it resolved as `resolve_all` would (plain values as they are)."""
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, tuple) and all(isinstance(v, _PLAIN) for v in value):
        return value
    return resolve_all(value) if isinstance(value, (PDFObjRef, list, tuple, dict)) else value


def _colour_space(name: Any) -> Any:
    """Given a colour space name, return it decoded (a page has a handful, asked once per glyph)."""
    return _decoded_name(name) if isinstance(name, str) else resolve_and_decode(name)


@lru_cache(maxsize=64)
def _decoded_name(name: str) -> Any:
    """Given a colour space name, return `resolve_and_decode` of it, remembered."""
    return resolve_and_decode(name)
