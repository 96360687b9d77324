"""Tables of reading-order text exports (plain `pdftotext`, pdfminer), rebuilt from the cell cycle.

Such an export prints a table one cell per paragraph, row after row, so the rows show as a
cycle of paragraph types (`extract.text.cycle_types`): "code, short, short, figure, figure, RAG,
prose" again and again. Nothing here needs known header words:

1. the cycle is the k-type sequence (2 <= k <= 12) that decodes the paragraphs best; it
   must hold a figure, code, RAG or date column and come round at least `MIN_CYCLES` times;
2. the header is the k label-shaped paragraphs just before the first full cycle, with no
   further label before them (a longer label run is a table printed column by column); when the
   export printed the first row's cells between the header's (it reads column bands), the
   2k paragraphs there are split into header and first row by an order-preserving
   assignment (`_interleaved`): header cells are labels, row cells follow the cycle, and a
   column's header comes before its cell;
3. the rest is decoded by `extract.text.cycle_decode` (strays such as page numbers and sub-headings
   moved to the page foot are left out), page by page: a header repeated at a page top is
   dropped, and paragraphs printed between its cells are the leading columns of the page's
   first rows; a page's first row without its figure/code columns continues the row above;
4. a guessed grid is worse than none: the row must open with a name, reference or date,
   85% of the cells must carry their column's type, and the table ends where more than a
   row's worth of paragraphs is left out; the text after it is read again for another table.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from extract.model import Block, Cell, Paragraph, Prov, Table, TextBlock
from extract.text.cycle_decode import decode, emit
from extract.text.cycle_rows import read_body, typed_share
from extract.text.cycle_types import Para, is_label, make_para, paragraphs
from extract.text.layout import parse_layout

MIN_CYCLES = 3  # full cycles of the row types needed to call a run a table
MAX_PERIOD = 12
SHORTLIST = 3  # periods decoded in full
LONGER_PERIOD_MARGIN = 1.0  # decoding cost a longer period must save to beat a shorter one
KEY_TYPES = frozenset("FCRD")  # column types prose never has in a steady cycle
ROW_START_TYPES = frozenset("SCD")  # a row opens with its name, reference or date, never a figure or prose
HEADER_CELLS_PER_MISS = 5  # one header cell in five (beyond the first four) may be no label (a long heading)
MIN_TYPED_SHARE = 0.85  # cells typed as the cycle, of all cells: below it the grid is a guess


@dataclass(frozen=True, slots=True)
class Cycle:
    """The row cycle: its types, where it first comes round in full and how often."""

    template: str
    first: int
    count: int


@dataclass(frozen=True, slots=True)
class Header:
    """The header cells, the first row (column -> paragraph position) and where the body starts."""

    cells: tuple[Para, ...]
    first_row: dict[int, list[int]]
    start: int
    body: int


def _valid(template: str) -> bool:
    """Given a cycle, return whether it can be a table's: it needs a figure, code, RAG or date column.

    Short text and prose alone also cycle in headed prose and in exports printed column by
    column, so a cycle without such a column is never taken for a table.

    >>> _valid("SP"), _valid("SSP"), _valid("SF"), _valid("SPR")
    (False, False, True, True)
    """
    return bool(set(template) & KEY_TYPES)


def _repeats(gram: str) -> bool:
    """Given a k-gram, return whether it is a shorter cycle said twice or more (that cycle is the candidate).

    >>> _repeats("SFPSFP"), _repeats("SFFP")
    (True, False)
    """
    k = len(gram)
    return any(k % p == 0 and gram == gram[:p] * (k // p) for p in range(1, k))


def _occurrences(kinds: str, k: int) -> tuple[str, int, int]:
    """Given the type string and a period, return the k-gram that comes round most often (non-overlapping)."""
    seen: dict[str, list[int]] = defaultdict(list)
    for i in range(len(kinds) - k + 1):
        gram = kinds[i : i + k]
        if not seen[gram] or seen[gram][-1] + k <= i:
            seen[gram].append(i)
    grams = [(len(pos), -pos[0], gram) for gram, pos in seen.items() if _valid(gram) and not _repeats(gram)]
    if not grams:
        return "", 0, 0
    n, first, gram = max(grams)
    return gram, -first, n


def find_cycle(kinds: str) -> Cycle | None:
    """Given the paragraphs' types, return the row cycle that decodes them best, or None.

    Each period's most frequent k-gram is a candidate when it comes round `MIN_CYCLES` times;
    the candidates are decoded over the whole file and the cheapest wins, a longer period
    only by a clear margin (a multiple of the true period decodes nearly as cheaply).

    >>> find_cycle("SPSSCSFPCSFPCSFPSP")
    Cycle(template='CSFP', first=4, count=3)
    """
    found = [Cycle(gram, first, n) for gram, first, n in (_occurrences(kinds, k) for k in range(2, MAX_PERIOD + 1)) if n >= MIN_CYCLES]
    # Only the periods whose cycle covers most paragraphs are decoded (decoding is the costly step).
    shortlist = sorted(sorted(found, key=lambda c: -c.count * len(c.template))[:SHORTLIST], key=lambda c: len(c.template))
    best: tuple[float, Cycle] | None = None
    for cycle in shortlist:
        cost = decode(list(kinds), cycle.template).cost
        if best is None or cost < best[0] - LONGER_PERIOD_MARGIN:
            best = (cost, cycle)
    return best[1] if best else None


def _tail_label(para: Para) -> Para:
    """Given a header's first paragraph, return its last line alone when only that line is a label.

    An export may print the first header cell straight under the paragraph above ("...in
    year.\\nRef", "2. Schemes reporting slippage\\nScheme") with no blank line between.
    """
    if para.label or len(para.lines) < 2 or not is_label(para.lines[-1].text):
        return para
    return make_para(para.lines[-1:], para.page)


def _interleaved(paras: list[Para], template: str) -> tuple[float, list[int], dict[int, list[int]]]:
    """Given 2k paragraphs, return the cheapest split into k header cells and k first-row cells (in order).

    A column's header cell comes before its row cell; header cells cost 1 unless labels, row
    cells cost their type mismatch with the cycle.
    """
    k = len(template)
    inf = float("inf")
    # cost[h][r]: cheapest placement of the first h + r paragraphs as h header and r row cells.
    cost = [[inf] * (k + 1) for _ in range(k + 1)]
    back: dict[tuple[int, int], bool] = {}
    cost[0][0] = 0.0
    for h in range(k + 1):
        for r in range(min(h, k) + 1):
            if cost[h][r] == inf or h + r >= len(paras):
                continue
            para = paras[h + r]
            if h < k and cost[h][r] + (0.0 if para.label else 1.0) < cost[h + 1][r]:
                cost[h + 1][r], back[(h + 1, r)] = cost[h][r] + (0.0 if para.label else 1.0), True
            if r < h and cost[h][r] + emit(para.kind, template[r]) < cost[h][r + 1]:
                cost[h][r + 1], back[(h, r + 1)] = cost[h][r] + emit(para.kind, template[r]), False
    head, row, h, r = [], {}, k, k
    while h or r:
        if back[(h, r)]:
            h -= 1
            head.append(h + r)
        else:
            r -= 1
            row[r] = [h + r]
    return cost[k][k], sorted(head), row


def _header_at(paras: list[Para], template: str, s0: int) -> tuple[float, Header] | None:
    """Given the cycle and where it first comes round in full, return the cheapest header before it, or None."""
    k = len(template)
    options: list[tuple[float, Header]] = []
    if s0 >= k:
        cells = [_tail_label(paras[s0 - k])] + paras[s0 - k + 1 : s0]
        options.append((float(sum(not c.label for c in cells)), Header(tuple(cells), {}, s0 - k, s0)))
    if s0 >= 2 * k:
        lead = [_tail_label(paras[s0 - 2 * k])] + paras[s0 - 2 * k + 1 : s0]
        cost, head, row = _interleaved(lead, template)
        first = {j: [s0 - 2 * k + i for i in v] for j, v in row.items()}
        options.append((cost, Header(tuple(lead[i] for i in head), first, s0 - 2 * k, s0)))
    options = [o for o in options if o[0] <= (k - 1) // HEADER_CELLS_PER_MISS and not _label_before(paras, o[1])]
    return min(options, key=lambda o: o[0]) if options else None


def _label_before(paras: list[Para], header: Header) -> bool:
    """Given a header, return whether a further label stands just before it (then the header is wider than the cycle).

    Exports that print a table column by column (pdfminer's default) put a run of header
    labels before blocks of one or two columns; a cycle of those blocks is no row.
    """
    first = paras[header.start]
    return header.cells[0] is first and header.start > 0 and paras[header.start - 1].label


def find_header(paras: list[Para], cycle: Cycle) -> tuple[str, Header] | None:
    """Given the paragraphs and the cycle, return the cycle in the phase a header starts and that header, or None.

    The repeating types say nothing of where a row starts: every rotation that starts with a
    name, a reference or a date is tried, and the row starts where the cheapest header sits
    just before the cycle's first full turn.
    """
    kinds = "".join(p.kind for p in paras)
    best: tuple[float, str, Header] | None = None
    for r in range(len(cycle.template)):
        template = cycle.template[r:] + cycle.template[:r]
        if template[0] not in ROW_START_TYPES:
            continue
        s0 = kinds.find(template)
        found = _header_at(paras, template, s0) if s0 >= 0 else None
        if found is not None and (best is None or found[0] < best[0]):
            best = (found[0], template, found[1])
    return (best[1], best[2]) if best else None


def _cell(paras: list[Para], where: tuple[int, int, int]) -> Cell:
    """Given a cell's paragraphs and (table, row, column), return the `Cell`: one paragraph, one Prov per line.

    A cell's paragraphs are one text broken by a page (the row continues on the next page),
    so they join as one paragraph.
    """
    table, r, j = where
    lines = [ln for para in paras for ln in para.lines]
    provs = tuple(Prov(table=table, row=r, col=j, line=ln.number, char_start=ln.start, char_end=ln.start + len(ln.text)) for ln in lines)
    text = "\n".join(ln.text for ln in lines)
    return Cell(r, j, (Paragraph(text=text, raw=text, prov=provs),) if lines else (), prov=provs)


def _table(index: int, header: Header, rows: list[dict[int, list[int]]], paras: list[Para]) -> Table:
    """Given the header and body rows, return the `Table` (header is row 0)."""
    k = len(header.cells)
    out = [tuple(_cell([c], (index, 0, j)) for j, c in enumerate(header.cells))]
    for r, row in enumerate(rows, start=1):
        out.append(tuple(_cell([paras[i] for i in row.get(j, [])], (index, r, j)) for j in range(k)))
    return Table(index=index, rows=tuple(out), n_cols=k, prov=out[0][0].prov[:1])


def _loose(para: Para) -> TextBlock | None:
    """Given a paragraph left out of the table, return it as a paragraph block; a bare page number is dropped."""
    if para.text.isdigit():
        return None
    provs = tuple(Prov(line=ln.number, char_start=ln.start, char_end=ln.start + len(ln.text)) for ln in para.lines)
    return TextBlock(text=para.text, raw=para.text, prov=provs)


def parse_cycle(raws: list[tuple[int, int, str]], first_index: int = 0, *, titled: bool = False) -> list[Block] | None:
    """Given (number, offset, text) lines of a reading-order export, return its blocks with its tables rebuilt, or None.

    `first_index` numbers the first table; the text after a table is read again for the next one.
    `titled`: the lines follow the file's title (see `parse_layout`).
    """
    paras = paragraphs(raws)
    cycle = find_cycle("".join(p.kind for p in paras))
    found = find_header(paras, cycle) if cycle else None
    if found is None:
        return None
    template, header = found
    body = read_body(paras, header.body, [c.key for c in header.cells], template)
    rows = ([header.first_row] if header.first_row else []) + body.rows
    if len(rows) < MIN_CYCLES or typed_share(paras, rows, template) < MIN_TYPED_SHARE:
        return None
    last = max(i for row in rows for v in row.values() for i in v)
    before = parse_layout(raws[: header.cells[0].lines[0].number - raws[0][0]], first_index, titled=titled)
    index = first_index + sum(isinstance(b, Table) for b in before)
    loose = [b for i in body.strays if i < last and (b := _loose(paras[i])) is not None]
    rest = raws[paras[last].lines[-1].number - raws[0][0] + 1 :] if raws else []
    after = [_untitled(b) for b in parse_cycle(rest, index + 1) or parse_layout(rest)]
    return [*before, _table(index, header, rows, paras), *loose, *after]


def _untitled(block: Block) -> Block:
    """Given a block after a table, return it with a title role made a paragraph (the title comes first)."""
    return replace(block, role="paragraph") if isinstance(block, TextBlock) and block.role == "title" else block
