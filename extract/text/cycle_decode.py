"""Rows of a reading-order table: each paragraph is put in a column of the cycle, or left out.

A dynamic programme (Viterbi) over the paragraphs chooses, for each one, a column of the
row cycle or "stray" (a page number, a sub-heading printed at the page foot), so that
types match the cycle's, few cells stay empty and few paragraphs are left out. Within a
row the columns rise; a column at or before the last one starts the next row. A band
restricts the first rows to a range of columns: at a page top an export may print the
leading columns of several rows before the rest of their cells (see `extract.text.cycle`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

STRAY = 1.2  # leaving a paragraph out of the table
INTERRUPT = 0.3  # leaving a paragraph out between a row's cells: what is left out follows the row
SKIP = 0.8  # an empty cell in a row
MISMATCH = 1.0  # a paragraph whose type is not its column's
NEAR = 0.5  # a near type: short text in a prose, code or date column
NEVER = 9.0  # a page number in a cell
NEW_ROW = 0.1  # starting a row (so rows are not split for nothing)
_NEAR = frozenset({frozenset("SP"), frozenset("SC"), frozenset("SD"), frozenset("FD")})


@dataclass(frozen=True, slots=True)
class Band:
    """The first `rows` rows of a run use only columns [lo, hi)."""

    rows: int
    lo: int
    hi: int


@dataclass(slots=True)
class Decoded:
    """Rows (column -> paragraph positions), stray positions and the total cost."""

    rows: list[dict[int, list[int]]] = field(default_factory=list)
    strays: list[int] = field(default_factory=list)
    cost: float = 0.0


def emit(kind: str, want: str) -> float:
    """Given a paragraph's type and its column's, return the cost of placing it there.

    >>> emit("F", "F"), emit("S", "P"), emit("F", "P")
    (0.0, 0.5, 1.0)
    """
    if kind == "N":
        return NEVER  # a page number is never a cell
    if kind == want:
        return 0.0
    return NEAR if frozenset((kind, want)) in _NEAR else MISMATCH


State = tuple[int, int]  # (rows started, capped; last column of the open row or -1)
Step = tuple[State, int, bool]  # (previous state, column or -1 for stray, new row)


class _Viterbi:
    """The dynamic programme of the module docstring over one run of paragraph types."""

    def __init__(self, template: str, band: Band | None) -> None:
        self.t = template
        self.k = len(template)
        self.band = band
        self.cap = band.rows + 1 if band else 1

    def span(self, r: int) -> tuple[int, int]:
        """Given a 1-based row number (capped), return its allowed columns [lo, hi)."""
        if self.band is not None and r <= self.band.rows:
            return self.band.lo, self.band.hi
        return 0, self.k

    def moves(self, state: State, kind: str) -> list[tuple[State, float, int, bool]]:
        """Given a state and a paragraph type, return (next state, cost, column, new row) for every move."""
        r, last = state
        open_row = bool(r) and last < self.span(r)[1] - 1
        out: list[tuple[State, float, int, bool]] = [(state, STRAY + (INTERRUPT if open_row else 0.0), -1, False)]
        if r:
            lo, hi = self.span(r)
            for j in range(max(last + 1, lo), hi):
                out.append(((r, j), SKIP * (j - max(last + 1, lo)) + emit(kind, self.t[j]), j, False))
        close = SKIP * (self.span(r)[1] - 1 - last) if r else 0.0
        nr = min(r + 1, self.cap)
        lo, hi = self.span(nr)
        for j in range(lo, hi):
            out.append(((nr, j), close + NEW_ROW + SKIP * (j - lo) + emit(kind, self.t[j]), j, True))
        return out

    def run(self, kinds: list[str]) -> Decoded:
        """Given the paragraph types, return the cheapest decoding."""
        best: dict[State, float] = {(0, -1): 0.0}
        back: list[dict[State, Step]] = []
        for kind in kinds:
            nxt: dict[State, float] = {}
            ptr: dict[State, Step] = {}
            for state, cost in best.items():
                for to, c, j, new in self.moves(state, kind):
                    if cost + c < nxt.get(to, float("inf")):
                        nxt[to], ptr[to] = cost + c, (state, j, new)
            best = nxt
            back.append(ptr)
        final = {s: c + (SKIP * (self.span(s[0])[1] - 1 - s[1]) if s[0] else 0.0) for s, c in best.items()}
        state = min(final, key=lambda s: final[s])
        return self._trace(back, state, final[state])

    def _trace(self, back: list[dict[State, Step]], state: State, cost: float) -> Decoded:
        """Given the back pointers and the final state, return the rows and strays."""
        steps: list[tuple[int, bool]] = []
        for ptr in reversed(back):
            state, j, new = ptr[state]
            steps.append((j, new))
        out = Decoded(cost=cost)
        for i, (j, new) in enumerate(reversed(steps)):
            if j < 0:
                out.strays.append(i)
                continue
            if new:
                out.rows.append({})
            out.rows[-1].setdefault(j, []).append(i)
        return out


def decode(kinds: list[str], template: str, band: Band | None = None) -> Decoded:
    """Given paragraph types and the row cycle, return rows, strays and cost (positions index `kinds`).

    >>> d = decode(list("CSFPCSFPCFP"), "CSFP")
    >>> d.rows, d.strays
    ([{0: [0], 1: [1], 2: [2], 3: [3]}, {0: [4], 1: [5], 2: [6], 3: [7]}, {0: [8], 2: [9], 3: [10]}], [])
    """
    return _Viterbi(template, band).run(kinds)


def zip_bands(first: list[dict[int, list[int]]], rest: list[dict[int, list[int]]]) -> list[dict[int, list[int]]]:
    """Given the leading-column rows of a band and the rows that follow, return them joined row by row.

    >>> zip_bands([{0: [1]}, {0: [2]}], [{3: [5]}, {1: [6], 2: [7]}, {0: [8]}])
    [{0: [1], 3: [5]}, {0: [2], 1: [6], 2: [7]}, {0: [8]}]
    """
    out = []
    for r, row in enumerate(rest):
        merged = {j: list(v) for j, v in (first[r] if r < len(first) else {}).items()}
        for j, v in row.items():
            merged.setdefault(j, []).extend(v)
        out.append(dict(sorted(merged.items())))
    return out + first[len(rest) :]
