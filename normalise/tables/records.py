"""Table rows -> exception records: one per project, mitigation aligned, confidence explained."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.model import Paragraph, Prov
from extract.prose import LINE_END_STOPS, ends_sentence
from normalise.record import ExceptionRecord, project_name
from normalise.status import column_status, stated_status
from normalise.tables.align import Alignment, align
from normalise.tables.cell_cuts import cut_at_labels, cut_for
from normalise.tables.cell_titles import title_groups, titled_projects
from normalise.tables.column_map import EXTRA_ROLES
from normalise.tables.commentary import split_commentary
from normalise.tables.project_labels import listed_names, split_label
from normalise.tables.row_drafts import Draft, join_paragraphs
from normalise.text.clean import clean_text, drop_repeated_lines

MAX_GUESSED_NAME_WORDS = 15
_NAME_WORD_RE = re.compile(r"[^\W\d_]{3,}")
CONF_INHERITED_HEADER = 0.9
# A name column's header allowing several names per cell ("Project(s)", "Scheme(s) affected").
PLURAL_HEADER_RE = re.compile(r"\(s\)", re.I)
CONF_GUESSED_NAME = 0.6
CONF_TAIL = 0.85
# A record whose reason and mitigation together hold fewer words than this is thin evidence
# ("95" and "-55" read from a misunderstood table).
MIN_TEXT_WORDS = 4
CONF_THIN_TEXT = 0.5
# Tables whose decision is this sure or more give their records full confidence.
CONF_SURE_TABLE = 0.6


@dataclass(slots=True)
class _Project:
    name: str
    raw_name: str
    reason: list[Paragraph] = field(default_factory=list)
    guessed: bool = False
    name_prov: tuple[Prov, ...] = ()
    status: str | None = None  # the RAG a cell title gives in brackets ("Name (Amber)")
    shared: bool = False  # one of several projects a name cell lists: it has the row's whole text


def draft_records(draft: Draft) -> list[ExceptionRecord]:
    """Turn one row draft into its records (several when one cell holds several projects).

    ``confidence`` is a product of factors: ``CONF_INHERITED_HEADER`` when the row's
    table had no header of its own (continued table); ``CONF_GUESSED_NAME`` when no
    project name was written as a column or a "Name:" label; ``CONF_TAIL`` when part of
    the row was recovered from loose paragraphs after a broken table; when several
    projects share a cell, the alignment confidence of `normalise.tables.align.align` for the
    mitigation column (and for a second reason column such as "Impact"); the table
    decision's confidence over ``CONF_SURE_TABLE`` (capped at 1); and ``CONF_THIN_TEXT``
    when reason and mitigation hold fewer than ``MIN_TEXT_WORDS`` words.
    """
    flags: list[str] = []
    reason_paras, other_reason, mitigation_paras = _columns(draft, flags)
    projects = _projects(draft, reason_paras, flags)
    if not projects:
        return []
    several = len(projects) > 1
    if several and not projects[0].shared:
        other_reason, mitigation_paras = cut_for(other_reason, len(projects)), cut_for(mitigation_paras, len(projects))
    conf = 1.0
    if other_reason:
        extra = align([(clean_text(p.text), p.style) for p in other_reason], [(p.name, _join(p.reason)) for p in projects])
        for project, group in zip(projects, extra.groups, strict=True):
            project.reason.extend(other_reason[i] for i in group)
        conf = extra.confidence
    mitigation_paras, alignment = _share_mitigation(projects, mitigation_paras)
    base = (CONF_INHERITED_HEADER if draft.inherited_header else 1.0) * (CONF_TAIL if draft.tail else 1.0) * conf
    base *= min(1.0, draft.colmap.confidence / CONF_SURE_TABLE)
    if several:
        flags.append(f"{len(projects)} projects in one cell; mitigation aligned ({alignment.trace})")
    status_col = draft.role_paragraphs("status")
    return [
        _record(draft, project, [mitigation_paras[i] for i in group], status_col,
                base * (CONF_GUESSED_NAME if project.guessed else 1.0) * alignment.confidence, flags)
        for project, group in zip(projects, alignment.groups, strict=True)
    ]


def _share_mitigation(projects: list[_Project], paragraphs: list[Paragraph]) -> tuple[list[Paragraph], Alignment]:
    """Given a row's projects and its mitigation paragraphs, return the paragraphs and each project's share of them."""
    if projects[0].shared:  # a name cell listing several projects: the row's action is each one's
        everything = tuple(range(len(paragraphs)))
        return paragraphs, Alignment(tuple(everything for _ in projects), 1.0, "the name cell lists them; each has the whole cell")
    titled = title_groups(paragraphs, [p.name for p in projects])
    if titled is not None:
        return titled
    return paragraphs, align([(clean_text(p.text), p.style) for p in paragraphs], [(p.name, _join(p.reason)) for p in projects])


def _record(draft: Draft, project: _Project, mitigation: list[Paragraph], status_col: list[Paragraph],
            confidence: float, flags: list[str]) -> ExceptionRecord:
    """Given a project and its paragraphs, return its record."""
    reason, mit = _join(project.reason), _join(mitigation)
    status = project.status or (column_status(_join(status_col)) if status_col else None)
    if len((reason + " " + mit).split()) < MIN_TEXT_WORDS:
        confidence *= CONF_THIN_TEXT
        flags = [*flags, "little reason or mitigation text"]
    return ExceptionRecord(
        programme=draft.programme,
        project=project.name,
        reason=reason,
        mitigation=mit,
        status=status or stated_status(reason, mit),
        confidence=round(confidence, 3),
        prov=project.name_prov + tuple(pv for p in project.reason + mitigation for pv in p.prov),
        raw_project=project.raw_name,
        raw_reason="\n\n".join(p.raw or p.text for p in project.reason),
        raw_mitigation="\n\n".join(p.raw or p.text for p in mitigation),
        money=_cells(draft, "money"),
        extra=_cells(draft, "extra"),
        flags=tuple(flags + (["name guessed from text"] if project.guessed else [])),
    )


def _cells(draft: Draft, role: str) -> tuple[tuple[str, str], ...]:
    """Given a draft, return (header, clean text) of every column with that role ("extra": every extra role)."""
    roles = EXTRA_ROLES if role == "extra" else frozenset({role})
    return tuple(
        (draft.colmap.header(i), _join(draft.cols.get(i, [])))
        for i, r in enumerate(draft.colmap.roles) if r in roles
    )


def _join(paragraphs: list[Paragraph]) -> str:
    """Given paragraphs, return their clean texts joined by single spaces."""
    return " ".join(t for t in (clean_text(p.text) for p in paragraphs) if t)


def _columns(draft: Draft, flags: list[str]) -> tuple[list[Paragraph], list[Paragraph], list[Paragraph]]:
    """Given a draft, return (reason paragraphs of its key column, of its other reason columns, mitigation paragraphs).

    With a name column every reason column is the row's reason, in column order. Without
    one, the key column's "Name: text" paragraphs name the projects, and a second reason
    column ("Impact") is shared out among them like the mitigation. The loose tail of a
    broken table is included and repeated lines are dropped.
    """
    key = draft.colmap.key
    if draft.colmap.has_names or key is None:
        reason, other = [p for i in _text_columns(draft) for p in draft.cols.get(i, [])], []
    else:
        reason = list(draft.cols.get(key, []))
        other = [p for i in _text_columns(draft) if i != key for p in draft.cols.get(i, [])]
    mitigation = list(draft.role_paragraphs("mitigation"))
    if not mitigation and draft.colmap.has_names:
        # One commentary column for both: the mitigation starts at its label.
        reason, mitigation = split_commentary(reason)
    if draft.tail:
        reason_tail, mitigation_tail = _split_tail(draft, reason, draft.cols.get(-1, []))
        _extend(reason, reason_tail)
        _extend(mitigation, mitigation_tail)
        flags.append(f"row continued after its table: {len(reason_tail)} reason + {len(mitigation_tail)} mitigation paragraphs")
    return _dedupe(reason, flags), _dedupe(other, flags), _dedupe(mitigation, flags)


def _text_columns(draft: Draft) -> list[int]:
    """Given a draft, return its reason and commentary columns in column order."""
    return [i for i, r in enumerate(draft.colmap.roles) if r in ("reason", "combined")]


def _split_tail(draft: Draft, reason: list[Paragraph], tail: list[Paragraph]) -> tuple[list[Paragraph], list[Paragraph]]:
    """Given loose paragraphs after a broken table, return (reason part, mitigation part).

    A page break prints the rest of the reason column first, then the rest of the
    mitigation column: a cut sentence or a lower-case start continues the reason, and in
    a "Name: text" table every paragraph up to the last labelled one is reason too.
    """
    start = 1 if tail and (reason and not ends_sentence(reason[-1].text, LINE_END_STOPS) or tail[0].text[:1].islower()) else 0
    end = start
    if draft.colmap.index("combined") is not None and not draft.colmap.has_names:
        labelled = [i for i in range(start, len(tail)) if split_label(tail[i].text)]
        end = labelled[-1] + 1 if labelled else start
    return tail[:end], tail[end:]


def _extend(paragraphs: list[Paragraph], more: list[Paragraph]) -> None:
    """Given a column's paragraphs, append more, joining a sentence cut by a page break."""
    for para in more:
        if paragraphs and not ends_sentence(paragraphs[-1].text, LINE_END_STOPS) and para.text[:1].islower():
            paragraphs[-1] = join_paragraphs(paragraphs[-1], para)
        else:
            paragraphs.append(para)


def _dedupe(paragraphs: list[Paragraph], flags: list[str]) -> list[Paragraph]:
    """Given a column's paragraphs, return them without repeated or garbled duplicate lines."""
    lines = [(i, line) for i, p in enumerate(paragraphs) for line in p.text.split("\n")]
    kept, dropped = drop_repeated_lines([line for _, line in lines])
    if not dropped:
        return paragraphs
    flags.extend(f"dropped repeated/garbled line: {d.strip()[:80]!r}" for d in dropped)
    out: list[Paragraph] = []
    keep = iter(kept)
    want = next(keep, None)
    by_para: dict[int, list[str]] = {}
    for i, line in lines:
        if line == want:
            by_para.setdefault(i, []).append(line)
            want = next(keep, None)
    for i, p in enumerate(paragraphs):
        if i in by_para:
            out.append(Paragraph("\n".join(by_para[i]), p.raw, p.style, p.prov))
    return out


def _projects(draft: Draft, reason: list[Paragraph], flags: list[str]) -> list[_Project]:
    """Given a draft and its reason paragraphs, return its projects with their reason paragraphs."""
    if draft.colmap.has_names:
        names = draft.role_paragraphs("name")
        raw = "\n".join(p.text for p in names)
        name = project_name(raw)
        name_prov = tuple(pv for p in names for pv in p.prov)
        plural = any(PLURAL_HEADER_RE.search(draft.colmap.header(i)) for i in draft.colmap.columns("name"))
        listed = listed_names([p.text for p in names], plural)
        if listed is not None:
            return [_Project(project_name(n), raw, list(reason), name_prov=name_prov, shared=True) for n in listed]
        # A row whose name cell holds no word ("", "f)", "24") names no project: nothing to follow across reports.
        return [_Project(name, raw, reason, name_prov=name_prov)] if _NAME_WORD_RE.search(name) else []
    projects: list[_Project] = []
    # A PDF or text cell may hold several "Name: text" paragraphs with no paragraph mark between
    # them: on lines of their own, or run together in one line by a flattening export.
    cells = [piece for p in reason for piece in cut_at_labels(p)]
    titled = None if any(split_label(p.text) for p in cells) else titled_projects(cells)
    if titled is not None:
        return [_Project(project_name(t.name), t.raw, list(t.paragraphs), name_prov=t.prov, status=t.status) for t in titled]
    for para in cells:
        label = split_label(para.text)
        if label is not None:
            projects.append(_Project(project_name(label[0]), label[0], [_with_text(para, label[1])]))
        elif projects:
            projects[-1].reason.append(para)
        else:
            projects.append(_guess_project(para))
    return projects


def _guess_project(para: Paragraph) -> _Project:
    """Given a first paragraph with no label, return a project named by its opening words."""
    words = clean_text(para.text).split()
    return _Project(" ".join(words[:MAX_GUESSED_NAME_WORDS]), para.text, [para], guessed=True)


def _with_text(para: Paragraph, text: str) -> Paragraph:
    """Given a paragraph, return a copy with new text (the label cut off)."""
    return Paragraph(text, para.raw, para.style, para.prov)
