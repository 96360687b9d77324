"""The words that head the columns of exception tables: one vocabulary, as data (`header_terms.toml`).

Each term is a regular expression with a weight for one column role. The readers use the
terms only to *find* a header row (`names_a_column`: does any term of any role occur in a
cell?); which role each column has is decided later from the same terms, weighted
(`normalise.tables.evidence.header_scores`, then `normalise.tables.columns`).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

TERMS_PATH = Path(__file__).parent / "header_terms.toml"


@cache
def header_terms() -> dict[str, tuple[tuple[re.Pattern[str], float], ...]]:
    """Return each role's header terms as `header_terms.toml` lists them: (pattern, weight), case-insensitive."""
    data = tomllib.loads(TERMS_PATH.read_text(encoding="utf-8"))
    return {role: tuple((re.compile(p, re.I), float(w)) for p, w in table["terms"]) for role, table in data.items()}


@cache
def _any_term() -> re.Pattern[str]:
    """Return one pattern matching wherever any role's term matches."""
    return re.compile("|".join(f"(?:{p.pattern})" for terms in header_terms().values() for p, _ in terms), re.I)


def names_a_column(text: str) -> bool:
    """Given a cell's text, return whether a header term of any role occurs in it.

    >>> names_a_column("Mitigating Action"), names_a_column("RAG status"), names_a_column("Budget £'000")
    (True, True, True)
    >>> names_a_column("The council agreed"), names_a_column("Younger Adults")
    (False, False)
    """
    return bool(_any_term().search(text))
