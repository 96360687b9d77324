"""The body rows of a reading-order table, page by page (see `extract.text.cycle` for the rules).

Positions index the file's paragraph list. A page whose top repeats the header is a new
run; paragraphs printed between the repeated header's cells are a band of leading columns
of the run's first rows, zipped onto the rest of those rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.text.cycle_decode import Band, Decoded, decode, zip_bands
from extract.text.cycle_types import Para

KEY_TYPES = frozenset("FCRD")
MIN_GAP = 4  # paragraphs left out between two rows that may still be page furniture (a table of k columns: k)
Row = dict[int, list[int]]


@dataclass(slots=True)
class Body:
    """Rows (column -> paragraph positions), paragraphs left out of the table, header repeats dropped."""

    rows: list[Row] = field(default_factory=list)
    strays: list[int] = field(default_factory=list)
    repeats: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Run:
    """The paragraphs of one page run: the band printed inside a repeated header, then the rest."""

    band: tuple[int, ...]
    body: tuple[int, ...]
    loose: tuple[int, ...] = ()
    repeats: tuple[int, ...] = ()


def _repeat(paras: list[Para], p: int, keys: list[str]) -> list[int]:
    """Given a page's first position and the header cells' words, return the positions of a repeated header there."""
    left, found = list(keys), []
    for j in range(p, min(len(paras), p + 3 * len(keys))):
        if paras[j].key in left:
            left.remove(paras[j].key)
            found.append(j)
        if not left:
            break
    return found if len(found) >= max(2, (len(keys) + 1) // 2) else []


def page_runs(paras: list[Para], start: int, keys: list[str]) -> list[_Run]:
    """Given the paragraphs, where the body starts and the header's words, return the body's page runs."""
    runs: list[_Run] = []
    band: tuple[int, ...] = ()
    loose: tuple[int, ...] = ()
    repeats: tuple[int, ...] = ()
    cur: list[int] = []
    i = start
    while i < len(paras):
        found = _repeat(paras, i, keys) if i > start and paras[i].page != paras[i - 1].page else []
        if found:
            runs.append(_Run(band, tuple(cur), loose, repeats))
            band = tuple(j for j in range(found[0], found[-1] + 1) if j not in found)
            loose, repeats, cur = tuple(range(i, found[0])), tuple(found), []
            i = found[-1] + 1
            continue
        cur.append(i)
        i += 1
    runs.append(_Run(band, tuple(cur), loose, repeats))
    return runs


def _kinds(paras: list[Para], where: tuple[int, ...]) -> list[str]:
    """Given positions, return their paragraphs' types."""
    return [paras[i].kind for i in where]


def _globalise(d: Decoded, where: tuple[int, ...]) -> Decoded:
    """Given a decoding of a run and the run's positions, return it in file positions."""
    rows = [{j: [where[i] for i in v] for j, v in row.items()} for row in d.rows]
    return Decoded(rows, [where[i] for i in d.strays], d.cost)


def _decode_run(paras: list[Para], run: _Run, template: str) -> Decoded:
    """Given a page run, return its rows: a band is tried at every width and the cheapest zipped on."""
    if not run.band:
        return _globalise(decode(_kinds(paras, run.body), template), run.body)
    best: tuple[float, Decoded, Decoded] | None = None
    for a in range(1, len(template)):
        lead = decode(_kinds(paras, run.band), template, Band(len(run.band) + 1, 0, a))
        rest = decode(_kinds(paras, run.body), template, Band(len(lead.rows), a, len(template)))
        if best is None or lead.cost + rest.cost < best[0]:
            best = (lead.cost + rest.cost, lead, rest)
    assert best is not None
    lead, rest = _globalise(best[1], run.band), _globalise(best[2], run.body)
    return Decoded(zip_bands(lead.rows, rest.rows), lead.strays + rest.strays, best[0])


def key_columns(template: str) -> set[int]:
    """Given the cycle, return the columns whose type marks a real row (figures, codes, RAG, dates; else the first)."""
    return {j for j, t in enumerate(template) if t in KEY_TYPES} or {0}


def _merge(into: Row, row: Row) -> None:
    """Given a row and its continuation, append the continuation's paragraphs column by column."""
    for j, v in row.items():
        into.setdefault(j, []).extend(v)


def _typed(paras: list[Para], row: Row, template: str) -> set[int]:
    """Given a row, return its columns whose first paragraph has the cycle's type there."""
    return {j for j, v in row.items() if paras[v[0]].kind == template[j]}


def typed_share(paras: list[Para], rows: list[Row], template: str) -> float:
    """Given rows, return the share of all their cells (empty ones included) typed as the cycle."""
    return sum(len(_typed(paras, row, template)) for row in rows) / max(1, len(rows) * len(template))


def _full(paras: list[Para], row: Row, template: str, keyed: set[int]) -> bool:
    """Given a row, return whether it looks like a real row: half its cells typed as the cycle, a key cell among them."""
    typed = _typed(paras, row, template)
    return len(typed) * 2 >= len(template) and bool(typed & keyed)


def _until_gap(paras: list[Para], body: Body, k: int) -> list[Row]:
    """Given the body, return its rows up to the first long run of paragraphs left out (the table ended there).

    Page furniture and moved sub-headings leave a few paragraphs out between two rows; prose
    between two tables leaves out more than a row's worth, and what follows it is another table.
    """
    strays, end = set(body.strays), -1
    kept: list[Row] = []
    for row in body.rows:
        where = [i for v in row.values() for i in v]
        gap = sum(1 for i in range(end + 1, min(where)) if i in strays and paras[i].kind != "N")
        if kept and gap > max(MIN_GAP, k):
            break
        kept.append(row)
        end = max(where)
    return kept


def read_body(paras: list[Para], start: int, keys: list[str], template: str) -> Body:
    """Given the paragraphs, the body's start, the header words and the cycle, return the body rows.

    A row needs a key cell (a figure, code, RAG word or date where the cycle has one): short
    lines without one are sub-headings moved to the page foot, or text after the table. A
    run's first row without one is the row above, broken by the page. The table ends at a run
    of more than a row's worth of paragraphs left out; weak rows at its end (fewer than half
    the cells typed as the cycle) are not part of it.
    """
    body, keyed = Body(), key_columns(template)
    for n, run in enumerate(page_runs(paras, start, keys)):
        d = _decode_run(paras, run, template)
        body.strays += list(run.loose) + d.strays
        body.repeats += list(run.repeats)
        rows = d.rows
        if n and rows and body.rows and not keyed & _typed(paras, rows[0], template):
            _merge(body.rows[-1], rows[0])
            rows = rows[1:]
        for row in rows:
            if keyed & _typed(paras, row, template):
                body.rows.append(row)
            else:
                body.strays += [i for v in row.values() for i in v]
    body.rows = _until_gap(paras, body, len(template))
    while body.rows and not _full(paras, body.rows[-1], template, keyed):
        body.strays += [i for v in body.rows.pop().values() for i in v]
    body.strays.sort()
    return body
