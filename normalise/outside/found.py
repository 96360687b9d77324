"""Records found outside grid tables (forms, labelled items), with the blocks they were read from.

`normalise/outside/forms.py` and `normalise/outside/items.py` describe each record as a `RecordSpec` (paragraphs, not yet clean
text); `Found` turns specs into `ExceptionRecord`s and remembers their position in reading
order and the blocks they used, so `normalise.extraction.extract_records` can merge them with the table
records and keep the table walk off those blocks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from extract.model import Paragraph, Prov
from normalise.record import ExceptionRecord, project_name
from normalise.status import field_status, stated_status
from normalise.text.clean import clean_text


@dataclass(frozen=True, slots=True)
class RecordSpec:
    """What a form or an item says about one exception, before the texts are cleaned and joined."""

    programme: str | None
    name: str
    raw_name: str
    reason: list[Paragraph]
    mitigation: list[Paragraph]
    status: str | None
    confidence: float
    name_prov: tuple[Prov, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    money: tuple[tuple[str, str], ...] = ()  # (header, cell) pairs, as a money column gives them
    trace: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()


@dataclass(slots=True)
class Found:
    """Records in reading order (position = index of the block they start at) and the blocks they used."""

    records: list[tuple[int, ExceptionRecord]] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    # `tables` output rows for the tables read as forms (the table walk never sees them).
    tables: list[dict[str, object]] = field(default_factory=list)

    def add(self, position: int, spec: RecordSpec, blocks: Iterable[int]) -> None:
        """Given a record's spec, where it starts and the blocks it was read from, keep its record."""
        self.records.append((position, to_record(spec)))
        self.used.update(blocks)


def join_texts(texts: Iterable[str]) -> str:
    """Given raw texts, return them clean and joined by one space.

    >>> join_texts(["The supplier\\nwas late.", "", "- Two kiosks remain."])
    'The supplier was late. Two kiosks remain.'
    """
    return " ".join(t for t in (clean_text(x) for x in texts) if t)


def record_status(status_texts: Iterable[str]) -> str | None:
    """Given the texts of a record's status fields, return its status (None when they state none)."""
    for text in status_texts:
        status = field_status(clean_text(text))
        if status:
            return status
    return None


def to_record(spec: RecordSpec) -> ExceptionRecord:
    """Given a record spec, return the clean exception record."""
    reason = join_texts(p.text for p in spec.reason)
    mitigation = join_texts(p.text for p in spec.mitigation)
    return ExceptionRecord(
        programme=spec.programme,
        project=project_name(spec.name),
        reason=reason,
        mitigation=mitigation,
        status=spec.status or stated_status(reason, mitigation),
        confidence=round(spec.confidence, 3),
        prov=spec.name_prov + tuple(pv for p in spec.reason + spec.mitigation for pv in p.prov),
        raw_project=spec.raw_name,
        raw_reason="\n\n".join(p.raw or p.text for p in spec.reason),
        raw_mitigation="\n\n".join(p.raw or p.text for p in spec.mitigation),
        money=spec.money,
        extra=spec.extra,
        flags=spec.flags,
    )
