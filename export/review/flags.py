"""Review flags: which cards deserve a person's attention first, and why.

A card's flags are codes from `FLAGS`; the codes become filter values and CSS classes in
the report, the labels are what people read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from normalise.ocr_marks import OCR_NOTE

# Below this the splitter was unsure how it split a multi-project cell or aligned its mitigation.
LOW_CONFIDENCE = 0.75
# Share of word tokens that must look implausible before text counts as garbled; with at
# least this many such tokens, so that one odd acronym in a short field does not trip it.
GARBLED_SHARE = 0.15
GARBLED_MIN_TOKENS = 3
# Distinct words `looks_garbled` remembers its verdict on (a few MB at most).
WORD_CACHE = 16_384
# Amount kinds that are not tied to a year by nature (a weekly rate is a price, not a sum).
YEARLESS_KINDS = frozenset({"rate"})

FLAGS: dict[str, str] = {
    "low_confidence": "low alignment confidence",
    "inferred_scale": "amount with inferred scale",
    "amount_no_year": "amount with no year",
    "no_mitigation": "row without mitigation",
    "garbled": "text looks garbled",
    "ocr": "words read by OCR from a scan",
    "bad_offsets": "highlight offsets do not match the text",
}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Characters a clean extraction should not contain: the replacement character, private-use
# glyphs (Symbol-font bullets that leaked through), C0 controls, and UTF-8-read-as-cp1252
# mojibake ("Ã©", "â€™", "Â£").
_BAD_CHARS = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b-\x1f]|Ã.|â€|Â[£\xa0 ]")
_VOWELS = frozenset("aeiouyAEIOUY")
_CASE_FLIP = re.compile(r"[a-z][A-Z]")
_TRIPLE = re.compile(r"(.)\1\1")


def implausible_word(word: str) -> bool:
    """Given one word token, return True when it does not look like a word of running text.

    Implausible: no vowel in a lower/mixed-case word of 3+ letters ("thrgh"), a capital
    after a lower-case letter past the start ("neuLonon"; "McDonald"-style names aside
    it is an OCR or font-mapping error), or one letter three times in a row ("aaargh").
    All-capital tokens are acronyms ("ASC", "PIMs" is mixed but has a vowel).

    >>> [implausible_word(w) for w in ["slippage", "ASC", "thrgh", "neuLonon", "PIMs", "McDonald", "zzzap"]]
    [False, False, True, True, False, False, True]
    """
    if word.isupper() or len(word) < 2:
        return False
    if len(word) >= 3 and not _VOWELS.intersection(word):
        return True
    if _CASE_FLIP.search(word, 2):
        return True
    return _TRIPLE.search(word.lower()) is not None


# Every row's text is tested for its flags and running text repeats its words, so
# `looks_garbled` asks a cache first (on a 1,000-document batch: 2.6 s down to 1.2 s).
_implausible = lru_cache(maxsize=WORD_CACHE)(implausible_word)


def looks_garbled(text: str | None) -> bool:
    """Given clean text, return True when it looks garbled (mis-decoded or mis-read).

    Garbled means any replacement/private-use/control character or mojibake sequence, or
    at least `GARBLED_MIN_TOKENS` implausible words making up more than `GARBLED_SHARE`
    of the words (see `implausible_word`). It is a cheap shape test, not a dictionary.

    >>> looks_garbled("The £0.025m shortfall in 2016/17 will be met in 2017/18.")
    False
    >>> looks_garbled("Tlie prjct hss bn dlyd bcs thrgh xqzt wrk")
    True
    >>> looks_garbled("Savings of Â£62,000")
    True
    """
    if not text:
        return False
    if _BAD_CHARS.search(text):
        return True
    words = _WORD.findall(text)
    odd = sum(map(_implausible, words))
    return odd >= GARBLED_MIN_TOKENS and odd > GARBLED_SHARE * len(words)


def card_flags(exception: Mapping[str, Any], amounts: Iterable[Mapping[str, Any]], *,
               pipeline_flags: Iterable[str] = (), bad_offsets: bool = False) -> list[str]:
    """Given an `exceptions` row, its `amounts` rows and the splitter's own notes, return flag codes.

    >>> card_flags({"confidence": 0.54, "mitigation": "", "reason": "x"},
    ...            [{"value_gbp": 5.0, "fiscal_year": None, "kind": "cost", "scale_inferred": True}])
    ['low_confidence', 'inferred_scale', 'amount_no_year', 'no_mitigation']
    """
    rows = list(amounts)
    confidence = exception.get("confidence")
    found = {
        "low_confidence": confidence is not None and float(confidence) < LOW_CONFIDENCE,
        "inferred_scale": any(bool(a.get("scale_inferred")) for a in rows),
        "amount_no_year": any(_money_without_year(a) for a in rows),
        "no_mitigation": not (exception.get("mitigation") or "").strip(),
        "garbled": any("garbled" in f.lower() for f in pipeline_flags)
        or any(looks_garbled(exception.get(f)) for f in ("project", "reason", "mitigation")),
        "ocr": any(f.startswith(OCR_NOTE) for f in pipeline_flags),
        "bad_offsets": bad_offsets,
    }
    return [code for code in FLAGS if found[code]]


def _money_without_year(amount: Mapping[str, Any]) -> bool:
    """Given an `amounts` row, return True for a sum of money tied to no financial year."""
    return (amount.get("value_gbp") is not None and not amount.get("fiscal_year")
            and amount.get("kind") not in YEARLESS_KINDS)
