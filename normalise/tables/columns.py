"""Column roles from evidence, solved for the whole table at once (issue 10, STYLE H6).

Every column gets a score for every role from three kinds of evidence:

- header words (`normalise.tables.evidence.header_scores`: every weighted match, none first-match);
- its content: share of cells that are figures, RAG words, dates or reference codes; words per
  cell; share of long, sentence-like cells; share of "Name: text" label paragraphs;
- its position: the leftmost short-text column is the likeliest name column.

`solve` then picks one role per column maximising the total score under the constraints of an
exceptions table: at most one name, status, reference and commentary column (one holding both reason and
mitigation, or "Name: text" paragraphs: "combined"), at most two reason and two mitigation columns; text
roles need prose, money needs figures. The scores and the choice are kept for the `tables` output.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extract.prose import is_figure
from normalise.tables.commentary import has_mitigation_label
from normalise.tables.evidence import ROLES, TEXT_ROLES, Role, Term, header_scores
from normalise.tables.project_labels import split_label

# Content evidence is worth about as much as a strong header word (weights 1.0-1.5).
W_CONTENT = 2.0
W_POSITION = 0.4
# A column whose cells average this many words or more is prose.
PROSE_WORDS = 8
GROUP_WORDS = 6  # a programme or directorate is named in a few words
MAX_CANDIDATES = 3  # roles kept per column before the joint search
BEAM = 256  # partial assignments kept while solving
_NIL = re.compile(r"^(-|–|—|nil|n/?a|none|0)$", re.I)
_RAG = re.compile(
    r"^(red|amber|green|r|a|g|ag|ar|amber[ /-]?(red|green)|red[ /-]?amber|green[ /-]?amber|blue|complete[d]?|"
    r"on track|off track|at risk|on target|delayed|closed)$", re.I)
_DATE = re.compile(
    r"^((\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})|(\d{1,2}\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}|"
    r"q[1-4]\s+\d{4}([/-]\d{2,4})?|(end of |by )?(spring|summer|autumn|winter)\s+\d{4}|\d{4}[/-]\d{2})$", re.I)
# Reference codes of registers and trackers: "HRA-07", "C1042", "2.3", and codes of several segments
# ("SAV-25-03", "CIP-S04", "ENV/24/011"): capitals then segments each holding a digit, no spaces inside.
_REF = re.compile(r"^([A-Z]{1,6}[-/ ]?\d{1,4}[a-z]?|[A-Z]{1,6}([-/][A-Z]{0,3}\d{1,4}[A-Z]?){1,3}[a-z]?|\d{1,3}(\.\d{1,3}){0,3}|"
                  r"[A-Z]\d{1,3})$")
_SENTENCE = re.compile(r"[.!?]($|\s)")
_NUMERIC_WORD = re.compile(r"^[(£$-]?\d[\d,./:-]*[)%]?$")


@dataclass(frozen=True, slots=True)
class ColumnEvidence:
    """What one column's header and cells say about it."""

    header: str
    header_score: dict[Role, float]
    filled: float
    figures: float
    rag: float
    dates: float
    refs: float
    words: float
    prose: float
    labels: float
    distinct: float
    mitigation_labels: float = 0.0
    numeric_tokens: float = 0.0
    grouping: float = 0.0  # 1 - distinct values per body row: high when values repeat or are merged down


@dataclass(frozen=True, slots=True)
class Assignment:
    """The chosen role of every column, with each column's score for its role and all scores."""

    roles: tuple[Role, ...]
    scores: tuple[dict[Role, float], ...]
    total: float

    def index(self, role: Role) -> int | None:
        """Given a role, return the first column holding it, else None."""
        return self.roles.index(role) if role in self.roles else None

    def columns(self, role: Role) -> list[int]:
        """Given a role, return every column holding it, in order."""
        return [i for i, r in enumerate(self.roles) if r == role]

    def chosen_score(self, col: int) -> float:
        """Given a column, return the score of the role it was given."""
        return round(self.scores[col][self.roles[col]], 3)


def _share(cells: Sequence[str], pattern: re.Pattern[str]) -> float:
    """Given cells and a pattern, return the share of cells matching it."""
    return sum(1 for c in cells if pattern.match(c)) / len(cells) if cells else 0.0


def rag_share(cells: Sequence[str]) -> float:
    """Given cells, return the share that are RAG or status words ("Amber", "G", "On track").

    >>> rag_share(["Amber", "Red", "Under surveillance"])
    0.6666666666666666
    """
    return _share([c.strip() for c in cells], _RAG)


def column_evidence(header: str, cells: Sequence[str], extra_terms: dict[Role, tuple[Term, ...]] | None = None) -> ColumnEvidence:
    """Given a column's header and body cell texts, return its evidence.

    >>> e = column_evidence("Variance £000", ["(150)", "-55", "120", "-"])
    >>> e.figures, e.prose
    (1.0, 0.0)
    """
    filled = [c.strip() for c in cells if c.strip()]
    non_nil = [c for c in filled if not _NIL.match(c)]
    words = [len(c.split()) for c in filled]
    mean_words = sum(words) / len(words) if words else 0.0
    return ColumnEvidence(
        header=header,
        header_score=header_scores(header, extra_terms),
        filled=len(filled) / len(cells) if cells else 0.0,
        figures=(sum(1 for c in filled if is_figure(c) or _NIL.match(c)) / len(filled)) if non_nil else 0.0,
        rag=_share(filled, _RAG),
        dates=_share(filled, _DATE),
        refs=_share(filled, _REF),
        words=mean_words,
        prose=sum(1 for c, n in zip(filled, words, strict=True) if n >= PROSE_WORDS and _SENTENCE.search(c)) / len(filled) if filled else 0.0,
        labels=sum(1 for c in filled if split_label(c.split("\n\n")[0]) is not None) / len(filled) if filled else 0.0,
        distinct=len(set(filled)) / len(filled) if filled else 0.0,
        mitigation_labels=sum(1 for c in filled if has_mitigation_label(c)) / len(filled) if filled else 0.0,
        numeric_tokens=sum(1 for c in filled if _mostly_numbers(c)) / len(filled) if filled else 0.0,
        grouping=1.0 - len(set(filled)) / len(cells) if cells else 0.0,
    )


def _mostly_numbers(cell: str) -> bool:
    """Given a cell, return whether most of its words are numbers ("1 1 2 2", "01-05 06 07-29"): codes, not names or prose.

    >>> _mostly_numbers("01-05 06 07-29"), _mostly_numbers("Phase 2 of the depot")
    (True, False)
    """
    words = cell.split()
    return bool(words) and sum(1 for w in words if _NUMERIC_WORD.match(w)) * 2 > len(words)


def role_scores(ev: ColumnEvidence, is_first_text: bool) -> dict[Role, float]:
    """Given a column's evidence, return its score for every role it may take (ineligible roles left out)."""
    h = ev.header_score
    short = 1.0 if 0 < ev.words <= PROSE_WORDS else max(0.0, 1.0 - (ev.words - PROSE_WORDS) / PROSE_WORDS)
    textual = 1.0 - max(ev.figures, ev.rag, ev.dates, ev.numeric_tokens)
    out: dict[Role, float] = {"other": 0.3}
    if ev.figures >= 0.6:
        out["money"] = h["money"] + W_CONTENT * ev.figures
    if ev.rag >= 0.5 or (h["status"] and ev.words <= 3):
        out["status"] = h["status"] + W_CONTENT * ev.rag
    if ev.dates >= 0.5 or (h["date"] and ev.words <= 6):
        out["date"] = h["date"] + W_CONTENT * ev.dates
    if ev.refs >= 0.6:
        out["ref"] = h["ref"] + W_CONTENT * ev.refs
    if textual >= 0.5:
        _text_scores(out, ev, short, is_first_text)
    return out


def _text_scores(out: dict[Role, float], ev: ColumnEvidence, short: float, is_first_text: bool) -> None:
    """Given a textual column's evidence, add its name, owner and prose-role scores."""
    h = ev.header_score
    prose = max(ev.prose, min(1.0, ev.words / (2 * PROSE_WORDS)))
    out["name"] = h["name"] + W_CONTENT * 0.5 * short * ev.distinct * (1 - ev.refs) + (W_POSITION if is_first_text else 0.0)
    out["owner"] = h["owner"] + 0.2 * short
    if h["group"] and ev.words <= GROUP_WORDS:
        out["group"] = h["group"] + W_CONTENT * 0.5 * ev.grouping
    if prose >= 0.3 or ev.labels >= 0.5 or max(h["reason"], h["mitigation"], h["combined"]) >= 0.5:
        for role in ("reason", "mitigation", "combined"):
            out[role] = h[role] + W_CONTENT * prose
        # "Name: text" paragraphs, or an inline "Action:" label: one column holding both fields.
        out["combined"] += W_CONTENT * max(ev.labels, ev.mitigation_labels)


def solve(evidence: Sequence[ColumnEvidence], fixed: dict[int, Role] | None = None) -> Assignment:
    """Given every column's evidence and any roles fixed by the user, return the best assignment under the constraints.

    A fixed column takes its role whatever its evidence; the others are solved around it.

    >>> cols = [column_evidence("Scheme", ["Bridge repairs", "Depot roof"]),
    ...         column_evidence("Slippage £k", ["120", "(40)"]),
    ...         column_evidence("Reason", ["Steel prices rose sharply this year.", "The contractor went into administration."]),
    ...         column_evidence("Action", ["Retendered in two lots for spring.", "A new contractor starts in May."])]
    >>> solve(cols).roles
    ('name', 'money', 'reason', 'mitigation')
    """
    first_text = next((i for i, e in enumerate(evidence) if e.figures < 0.6 and e.rag < 0.5 and e.refs < 0.6 and e.filled), -1)
    scores = tuple(role_scores(e, i == first_text) for i, e in enumerate(evidence))
    fixed = fixed or {}
    options = [[fixed[i]] if i in fixed else sorted(s, key=lambda r: -s[r])[:MAX_CANDIDATES] for i, s in enumerate(scores)]
    # Beam search column by column: the constraints only count roles, so a partial assignment
    # that breaks one can never be mended and is dropped. Exact for tables of up to 5 columns
    # (3^5 < BEAM); wide statistical tables (30+ columns) stay linear instead of exponential.
    beam: list[tuple[float, tuple[Role, ...]]] = [(0.0, ())]
    for i, roles in enumerate(options):
        grown = [(total + scores[i].get(r, 0.0), (*combo, r)) for total, combo in beam for r in roles]
        kept = [g for g in grown if _allowed(g[1]) or i in fixed]
        beam = sorted(kept or grown, key=lambda g: -g[0])[:BEAM]
    total, best = max(((t + _bonus(c), c) for t, c in beam), key=lambda g: g[0])
    full = tuple({r: round(s.get(r, 0.0), 3) for r in ROLES} for s in scores)
    return Assignment(roles=best, scores=full, total=round(total, 3))


def _allowed(roles: tuple[Role, ...]) -> bool:
    """Given a candidate assignment, return whether it meets the constraints of an exceptions table."""
    count = {r: roles.count(r) for r in set(roles)}
    if any(count.get(r, 0) > 1 for r in ("name", "status", "ref", "combined", "group")):
        return False
    return count.get("reason", 0) <= 2 and count.get("mitigation", 0) <= 2


def _bonus(roles: tuple[Role, ...]) -> float:
    """Given an assignment, return the bonus for shapes exceptions tables have (a name before the prose)."""
    text = [i for i, r in enumerate(roles) if r in TEXT_ROLES]
    if not text:
        return 0.0
    bonus = 0.5
    name = roles.index("name") if "name" in roles else None
    if name is not None and name < text[0]:
        bonus += 0.5
    reasons, mitigations = [i for i in text if roles[i] == "reason"], [i for i in text if roles[i] == "mitigation"]
    if reasons and mitigations and max(reasons) > min(mitigations):
        bonus -= 0.5  # the action follows the reason in every layout we know
    return bonus
