"""Bag-of-stems similarity used to match paragraphs to projects (no model, deterministic)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers him his how i if in into is it its itself just me more most my no nor
    not now of off on once only or other our ours out over own same she should so some such than that
    the their theirs them then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your per via e.g i.e etc""".split()
)
_SUFFIXES = ("ations", "ation", "ings", "ing", "ments", "ment", "ness", "ies", "ied", "ed", "es", "ly", "s")
_WORD_RE = re.compile(r"[a-z][a-z0-9']+")


def stem(word: str) -> str:
    """Given a lower-case word, return a crude stem so inflections meet.

    >>> stem("services") == stem("service"), stem("directly") == stem("direct")
    (True, True)
    """
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def stems(text: str) -> list[str]:
    """Given text, return the stems of its content words in order.

    >>> stems("The Care and Support Centres")
    ['car', 'support', 'centr']
    """
    return [stem(w.strip("'")) for w in _WORD_RE.findall(text.lower()) if w not in STOPWORDS]


def idf_weights(texts: Sequence[str]) -> dict[str, float]:
    """Given a small corpus, return smoothed inverse document frequencies of its stems."""
    df: Counter[str] = Counter()
    for text in texts:
        df.update(set(stems(text)))
    n = len(texts)
    return {s: math.log((n + 1) / (c + 0.5)) for s, c in df.items()}


def cosine(a: str, b: str, idf: dict[str, float]) -> float:
    """Given two texts and idf weights, return the tf-idf cosine similarity in [0, 1].

    >>> idf = idf_weights(["closure of centres", "carer households", "closure dates"])
    >>> cosine("closure of centres", "closure dates", idf) > cosine("closure of centres", "carer households", idf)
    True
    """
    va, vb = _vector(a, idf), _vector(b, idf)
    dot = sum(w * vb.get(s, 0.0) for s, w in va.items())
    norm = math.sqrt(sum(w * w for w in va.values())) * math.sqrt(sum(w * w for w in vb.values()))
    return dot / norm if norm else 0.0


def _vector(text: str, idf: dict[str, float]) -> dict[str, float]:
    """Given text, return its tf-idf vector (log-scaled term frequency)."""
    counts = Counter(stems(text))
    return {s: (1 + math.log(c)) * idf.get(s, 1.0) for s, c in counts.items()}


def name_coverage(name: str, text: str) -> float:
    """Given a project name and a text, return the share of the name's stems the text holds.

    >>> name_coverage("Investment in Shared lives", "the shared lives households")
    0.6666666666666666
    """
    name_stems = set(stems(name))
    if not name_stems:
        return 0.0
    return len(name_stems & set(stems(text))) / len(name_stems)
