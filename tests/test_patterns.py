"""The SpanRuler patterns (normalise/patterns/slippage.jsonl), tested on spacy.blank("en")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import srsly
from spacy.language import Language

from normalise.entities.spacy_model import PATTERNS_PATH, SPANS_KEY, rule_nlp
from normalise.money.amounts import Amount, find_amounts
from normalise.time.years import YearMention, find_years

GOLD = sorted(Path(__file__).parent.joinpath("gold").glob("*.json"))


@pytest.fixture(scope="module")
def nlp() -> Language:
    return rule_nlp()


def spans(nlp: Language, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(s.text, s.label_) for s in doc.spans[SPANS_KEY]]


def test_patterns_file_is_span_ruler_jsonl() -> None:
    rows = list(srsly.read_jsonl(PATTERNS_PATH))
    assert rows and all(set(r) == {"label", "pattern", "id"} for r in rows)
    assert {r["label"] for r in rows} == {"MONEY", "FISCAL_YEAR", "DATE"}


@pytest.mark.parametrize("text, expected", [
    ("under delivery of £0.025m savings", [("£0.025m", "MONEY")]),
    ("over achieved its £2.5 million target", [("£2.5 million", "MONEY")]),
    ("a range of £1m-£2m", [("£1m-£2m", "MONEY")]),
    ("a loss of -£1,781 and £(1,781)", [("-£1,781", "MONEY"), ("£(1,781)", "MONEY")]),
    ("£115k and £1.2bn and 62,000 pounds", [("£115k", "MONEY"), ("£1.2bn", "MONEY"), ("62,000 pounds", "MONEY")]),
    ("saving for 2018/19 and FY18/19", [("2018/19", "FISCAL_YEAR"), ("FY18/19", "FISCAL_YEAR")]),
    ("in financial year 2018-19", [("financial year 2018-19", "FISCAL_YEAR")]),
    ("on 12th November 2018 and mid-July 2016", [("12th November 2018", "DATE"), ("mid-July 2016", "DATE")]),
    ("PIMs occur in quarter 4", [("quarter 4", "DATE")]),
    ("deferred to 20242025 by Cabinet", [("20242025", "FISCAL_YEAR")]),
    ("a range of £60K–£75K", [("£60K–£75K", "MONEY")]),
], ids=lambda v: str(v)[:25])
def test_ruler_spans(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(nlp, text) == expected


def _gold_texts() -> list[str]:
    texts = []
    for path in GOLD:
        for row in json.loads(path.read_text(encoding="utf-8"))["exceptions"]:
            texts += [row["reason"], row["mitigation"]]
    return texts


def test_ruler_covers_every_regex_mention_in_the_gold(nlp: Language) -> None:
    """The ruler and the regexes must agree, or `normalise/entities/mentions.py` counts drift in regex_only/ruler_only."""
    texts = _gold_texts()
    assert len(texts) >= 38
    for doc in nlp.pipe(texts):
        ruled = [(s.start_char, s.end_char) for s in doc.spans[SPANS_KEY]]
        found: list[Amount | YearMention] = [*find_amounts(doc.text), *find_years(doc.text)]
        for m in found:
            assert any(s <= (m.start or 0) and (m.end or 0) <= e for s, e in ruled), (m, doc.text)
        money = [s for s in doc.spans[SPANS_KEY] if s.label_ == "MONEY"]
        assert len(money) == len(find_amounts(doc.text))
