"""The fused extractor: rules and spaCy NER find money, years and entities in exception fields.

Why fuse: spaCy NER alone tags "£0.025m" as MONEY "0.025" (the scale is lost) and tags
"2018/19" as a date only some of the time; the rules read every supported form exactly
but know only what they were written for. So:

- The rules are the regex parsers (`amounts.find_amounts` machinery, `years.find_years`)
  plus the SpanRuler patterns (`patterns/slippage.jsonl`) that run inside the same spaCy
  pipeline and write `doc.spans["slippage"]`. A ruler span the regexes missed is parsed
  and added (`stats.ruler_only`); a regex mention no ruler span covers is counted
  (`stats.regex_only`) so the two rule sets can be kept in step.
- Where an NER MONEY/DATE span overlaps a rule mention, the rule's value wins (a
  differing NER value is counted in `stats.disagreements`). An NER span no rule
  overlaps is parsed and, if it parses, added with `source="ner"` (`stats.ner_amounts_added`,
  `stats.ner_years_added`).
- Implied scale: the fields of one exception_id are one scope. A bare "£0.025" inherits
  the scale of "£0.025m" written elsewhere in the row; otherwise an implausibly small
  bare figure takes the scale most amounts in its row, else in the whole batch of
  fields (the report), are written with. Such amounts carry `scale_inferred=True`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from normalise.entities.spacy_model import SPANS_KEY, EntityMention, find_entities
from normalise.money.amounts import Amount, annotate, parse_amount, raw_amounts
from normalise.money.scale_words import dominant_scale, rescale_bare, scale_echoes
from normalise.time.years import YearMention, find_years

if TYPE_CHECKING:  # spaCy runs in the workers; the batch process imports this module for its types
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class FieldText:
    """One text field of one exception row: the unit mentions are found in."""

    exception_id: str
    field: str
    text: str


@dataclass(slots=True)
class MentionStats:
    """Counts describing how rules and NER contributed (reported by the bench and the pipeline)."""

    docs: int = 0
    rule_amounts: int = 0
    ruler_only: int = 0
    regex_only: int = 0
    ner_money: int = 0
    ner_amounts_added: int = 0
    ner_dates: int = 0
    ner_years_added: int = 0
    disagreements: int = 0
    entities_dropped: int = 0
    scale_inferred: int = 0


@dataclass(slots=True)
class Mentions:
    """Everything found in a batch of fields, each mention keyed by (exception_id, field)."""

    amounts: list[tuple[str, str, Amount]] = field(default_factory=list)
    years: list[tuple[str, str, YearMention]] = field(default_factory=list)
    entities: list[tuple[str, str, EntityMention]] = field(default_factory=list)
    stats: MentionStats = field(default_factory=MentionStats)

    def add(self, kind: str, exception_id: str, field_name: str, mention: Amount | YearMention | EntityMention) -> None:
        """Given a mention's kind ("amounts", "years" or "entities"), row, field and the mention, keep it."""
        mentions: list[tuple[str, str, Any]] = getattr(self, kind)
        mentions.append((exception_id, field_name, mention))


# emit(kind, exception_id, field, mention): see `find_mentions`.
Emit = Callable[[str, str, str, "Amount | YearMention | EntityMention"], None]

_CALENDAR_YEAR_RE = re.compile(r"(?:19|20)\d{2}")  # an NER DATE that is just a year: "2018"


def _overlaps(start: int, end: int, spans: Sequence[tuple[int | None, int | None]]) -> bool:
    """Given a span and other spans, return whether it overlaps any of them."""
    return any(s is not None and e is not None and start < e and s < end for s, e in spans)


def _shift_amounts(text: str, start: int, end: int) -> list[Amount]:
    """Given a field text and a span, return the amounts parsed inside it, offsets into the field."""
    return [replace(a, start=(a.start or 0) + start, end=(a.end or 0) + start) for a in raw_amounts(text[start:end])]


def _shift_years(text: str, start: int, end: int, period: str | None) -> list[YearMention]:
    """Given a field text and a span, return the years parsed inside it, offsets into the field."""
    found = [replace(y, start=y.start + start, end=y.end + start) for y in find_years(text[start:end],
                                                                                      report_period=period)]
    if not found and _CALENDAR_YEAR_RE.fullmatch(text[start:end].strip()):
        found = [YearMention(text[start:end], start, end, date=text[start:end].strip())]
    return found


def _fuse_money(doc: Doc, amounts: list[Amount], stats: MentionStats) -> list[Amount]:
    """Given a doc and its regex amounts, return them plus ruler-only and NER-only amounts."""
    text = doc.text
    out = list(amounts)
    ruler = [s for s in doc.spans.get(SPANS_KEY, []) if s.label_ == "MONEY"]
    for a in amounts:
        stats.regex_only += not _overlaps(a.start or 0, a.end or 0, [(s.start_char, s.end_char) for s in ruler])
    for s in ruler:
        if not _overlaps(s.start_char, s.end_char, [(a.start, a.end) for a in out]):
            added = _shift_amounts(text, s.start_char, s.end_char)
            stats.ruler_only += len(added)
            out += added
    for ent in (e for e in doc.ents if e.label_ == "MONEY"):
        stats.ner_money += 1
        hits = [a for a in out if _overlaps(ent.start_char, ent.end_char, [(a.start, a.end)])]
        value = parse_amount(ent.text)
        if hits:
            stats.disagreements += any(a.value_gbp != value for a in hits)
        elif value is not None:
            stats.ner_amounts_added += 1
            out.append(Amount(ent.text, value, ent.start_char, ent.end_char, source="ner"))
    return sorted(out, key=lambda a: a.start or 0)


def _fuse_years(doc: Doc, years: list[YearMention], period: str | None, stats: MentionStats) -> list[YearMention]:
    """Given a doc and its regex years, return them plus ruler-only and NER-only year mentions."""
    out = list(years)
    ruler = [s for s in doc.spans.get(SPANS_KEY, []) if s.label_ in ("FISCAL_YEAR", "DATE")]
    for s in ruler:
        if not _overlaps(s.start_char, s.end_char, [(y.start, y.end) for y in out]):
            out += _shift_years(doc.text, s.start_char, s.end_char, period)
    for ent in (e for e in doc.ents if e.label_ == "DATE"):
        stats.ner_dates += 1
        if not _overlaps(ent.start_char, ent.end_char, [(y.start, y.end) for y in out]):
            added = [y for y in _shift_years(doc.text, ent.start_char, ent.end_char, period)
                     if y.fiscal_year or y.date]
            stats.ner_years_added += len(added)
            out += added
    return sorted(out, key=lambda y: (y.start, y.end))


def _entities(f: FieldText, doc: Doc, amounts: list[Amount], years: list[YearMention],
              stats: MentionStats) -> list[tuple[str, str, EntityMention]]:
    """Given a field's doc and its money/year mentions, return its entities minus those the rules call numbers.

    NER sometimes labels a date as ORG or EVENT ("4th February"); the rule's reading wins.
    """
    taken = [(a.start, a.end) for a in amounts] + [(y.start, y.end) for y in years]
    kept = [e for e in find_entities(doc) if not _overlaps(e.start, e.end, taken)]
    stats.entities_dropped += len(find_entities(doc)) - len(kept)
    return [(f.exception_id, f.field, e) for e in kept]


def _rescale_scopes(fields: Sequence[FieldText], amounts: list[list[Amount]], stats: MentionStats) -> None:
    """Given fields and their amounts, apply each row's (else the batch's) scale convention in place."""
    rows: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(fields):
        rows[f.exception_id].append(i)
    batch_scale = dominant_scale([a for field_amounts in amounts for a in field_amounts])
    for idx in rows.values():
        scope = [a for i in idx for a in amounts[i]]
        echoes, hint = scale_echoes(scope), dominant_scale(scope) or batch_scale
        for i in idx:
            amounts[i] = rescale_bare(amounts[i], echoes, hint)
            stats.scale_inferred += sum(a.scale_inferred for a in amounts[i])


def find_mentions(fields: Sequence[FieldText], *, report_period: str | None, nlp: Language | None = None,
                  batch_size: int = 64, emit: Emit | None = None) -> Mentions:
    """Find money, year and entity mentions in exception fields, fusing rules with spaCy NER.

    Args:
        fields: the reason/mitigation texts of one report's exception rows.
        report_period: the report's financial year ("2018/19"), to date bare months and quarters.
        nlp: a pipeline from `entities.load_nlp()`; None runs the rules alone (no entities).
        batch_size: texts per `nlp.pipe` batch.
        emit: called as ``emit(kind, exception_id, field, mention)`` (kind "amounts", "years" or
            "entities") for each mention as it is final, instead of collecting them in the
            result: a big report's mentions are then never all held as mentions as well as
            in whatever the caller makes of them.

    Returns:
        Mentions with offsets into each field's text (none with `emit`), and counts of what each source added.
    """
    fields = list(fields)
    result = Mentions()
    put = emit or result.add
    result.stats.docs = len(fields)
    amounts = [raw_amounts(f.text) for f in fields]
    years = [find_years(f.text, report_period=report_period) for f in fields]
    result.stats.rule_amounts = sum(map(len, amounts))
    if nlp is not None:
        pairs = ((f.text, i) for i, f in enumerate(fields))
        for doc, i in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            amounts[i] = _fuse_money(doc, amounts[i], result.stats)
            years[i] = _fuse_years(doc, years[i], report_period, result.stats)
            for eid, name, entity in _entities(fields[i], doc, amounts[i], years[i], result.stats):
                put("entities", eid, name, entity)
    _rescale_scopes(fields, amounts, result.stats)
    for i, f in enumerate(fields):
        for a in annotate(f.text, amounts[i], years=years[i]):
            put("amounts", f.exception_id, f.field, a)
        for y in years[i]:
            put("years", f.exception_id, f.field, y)
        amounts[i], years[i] = [], []  # dropped as they are given out: a big report's mentions are not held twice
    return result
