"""Is this an exceptions table at all? A table-level decision with a confidence and its reasons.

Evidence for (each in [0, 1]):

- ``header``: exception words in the header (exception, slippage, variance, mitigation, RAG…), or
  1 outright when its words name an issue column and an action column ("Issue | Action taken");
- ``content``: share of body rows holding an exception cue (delay, shortfall, at risk, recover…),
  a row with only general finance words (budget, forecast, £) counting a quarter;
- ``status``: share of RAG or status words in the status column, if there is one;
- ``shape``: a name column before the prose (or "Name: text" labels) counts 1, else 0.5.

Evidence against: header words of glossaries, contact lists, software manuals and indicator or
treasury tables (``negative``). The score is ``0.3·header + 0.35·content + 0.15·status +
0.2·shape − 0.5·negative``, the weighting of docling's `TableConfidenceModel` adapted to our
evidence; a table is read when it has a prose column, ``content`` reaches ``MIN_CONTENT`` (or
the header is plain about it) and the score reaches ``ACCEPT`` (``ACCEPT_HEADERLESS`` for a
table with no header row, no money or status column, that continues none). The
score is the table's confidence, and every record of the table inherits it as a factor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from normalise.tables.columns import Assignment, rag_share
from normalise.tables.evidence import TEXT_ROLES, Role, count_cues, cues, header_scores

ACCEPT = 0.35
# A header with one exception word ("Issue", "Slippage £m") or more says what its table is: a
# later table of the report under the same header is read too (`normalise.tables.read`).
HEADER_SAYS = 0.5
# A table with no header row of its own (and not continuing one) and no money or status
# column beside its prose must be surer: two columns of labelled prose are often a glossary.
ACCEPT_HEADERLESS = 0.5
# Unless the header says exceptions plainly (two cues: "Issue" and "Action"), some rows must
# hold an exception cue (general finance words do not count here): a brochure's prose or a
# statistics table's "Comments" column is not one.
MIN_CONTENT = 0.15
# A header word this heavy names its column's role outright ("Issue" 1.0, "Mitigating action" 2.7).
STRONG_HEADER = 1.0
# A row holding an exception cue counts fully; one holding only general finance words, a quarter.
WEAK_ROW = 0.25


@dataclass(frozen=True, slots=True)
class TableDecision:
    """Whether a table is read as exceptions, how sure we are, and why."""

    accepted: bool
    confidence: float
    why: str
    header_says: bool = False  # the header alone has exception words (HEADER_SAYS or more)


def decide(headers: Sequence[str], body: Sequence[Sequence[str]], assignment: Assignment) -> TableDecision:
    """Given a table's column headers, body row texts and role assignment, return the decision.

    >>> from normalise.tables.columns import column_evidence, solve
    >>> hs = ["Term", "Meaning"]
    >>> rows = [["RAG", "Red, amber or green rating of a project."], ["MTFS", "The medium term financial strategy of the council."]]
    >>> decide(hs, rows, solve([column_evidence(h, [r[i] for r in rows]) for i, h in enumerate(hs)])).accepted
    False
    """
    text_cols = [i for i, r in enumerate(assignment.roles) if r in TEXT_ROLES]
    if not text_cols:
        return TableDecision(False, 0.0, "no prose column (reason, mitigation or commentary)")
    c = cues()
    header_text = " ".join(headers)
    header = 1.0 if _issue_and_action(headers, assignment) else min(1.0, count_cues(c.exception_header, header_text) / 2)
    negative = min(1.0, sum(1 for h in headers for p in c.not_exception_header if p.search(h)) / 2)
    content, strong = _content_share(body, text_cols)
    status = _status_evidence(body, assignment)
    shape = _shape(assignment, text_cols)
    score = max(0.0, min(1.0, 0.3 * header + 0.35 * content + 0.15 * status + 0.2 * shape - 0.5 * negative))
    why = f"header {header:.2f}, content {content:.2f}, status {status:.2f}, shape {shape:.1f}, against {negative:.2f}"
    says = header >= HEADER_SAYS
    if strong < MIN_CONTENT and header < 1.0:
        return TableDecision(False, round(score, 3), f"no row reads as an exception ({why})", says)
    structured = "money" in assignment.roles or "status" in assignment.roles
    if not any(headers) and not structured and score < ACCEPT_HEADERLESS:
        return TableDecision(False, round(score, 3), f"no header, and too little else says exceptions ({why})", says)
    return TableDecision(score >= ACCEPT, round(score, 3), why, says)


def _issue_and_action(headers: Sequence[str], assignment: Assignment) -> bool:
    """Given the headers and roles, return whether the header names both what went wrong and what is done about it.

    An issue column beside an action column by their header words alone ("Issue | Action taken /
    planned", "Problem | Remedial action") says exceptions plainly, however plain the rows' words:
    an action log has no issue column, an indicator table's "Comment" is no issue.
    """
    def named(role: Role, roles: frozenset[str]) -> bool:
        return any(r in roles and header_scores(headers[i])[role] >= STRONG_HEADER for i, r in enumerate(assignment.roles))

    return named("reason", frozenset({"reason", "combined"})) and named("mitigation", frozenset({"mitigation"}))


def _status_evidence(body: Sequence[Sequence[str]], assignment: Assignment) -> float:
    """Given body rows and the roles, return the share of the status column's cells that are RAG or status words.

    A column headed "Status" that holds other words ("Under surveillance") says nothing of
    exceptions.
    """
    col = assignment.index("status")
    if col is None:
        return 0.0
    return rag_share([row[col] for row in body if col < len(row) and row[col].strip()])


def _shape(assignment: Assignment, text_cols: Sequence[int]) -> float:
    """Given the roles and the prose columns, return 1 for a name column before the prose (or "Name:" labels), else 0.5."""
    name = assignment.index("name")
    if assignment.roles[text_cols[0]] == "combined" and (name is None or name < text_cols[0]):
        return 1.0
    return 1.0 if name is not None and name < text_cols[0] else 0.5


def _content_share(body: Sequence[Sequence[str]], text_cols: Sequence[int]) -> tuple[float, float]:
    """Given body rows and the prose columns, return (cue-weighted share of rows with cues, share with an exception cue)."""
    rows = [" ".join(row[i] for i in text_cols if i < len(row)) for row in body]
    rows = [r for r in rows if r.strip()]
    if not rows:
        return 0.0, 0.0
    c = cues()
    strong = [bool(count_cues(c.exception_content, r)) for r in rows]
    weak = [not s and bool(count_cues(c.weak_content, r)) for r, s in zip(rows, strong, strict=True)]
    return (sum(strong) + WEAK_ROW * sum(weak)) / len(rows), sum(strong) / len(rows)
