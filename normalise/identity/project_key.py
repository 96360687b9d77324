"""project_key: which rows of different reports are the same project.

Names are first normalised (`normalise/identity/names.py`): case, punctuation, bracketed
initialisms, leading funding words. Names that normalise identically are one project.
Different normalised names are joined by fuzzy matching when all of these hold:

- every pair of names across the two groups scores at least the threshold
  (complete linkage: a chain A~B~C never joins A to a C it does not resemble);
- no report holds both groups: two rows of one report are two projects;
- their number tokens agree ("Phase 1" never joins "Phase 2").

Candidate links are taken best score first, so the result depends only on the set of
names, never on input order. A user alias file (CSV `alias,canonical`) joins what no
rule can know ("SEN Transport" is "Special Educational Needs Transport").

The key is a slug of the project's canonical name: its normalised wording in the
earliest report period (ties: most rows, shortest, alphabetical), so adding later
reports does not change the keys already published.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from normalise.identity.names import DEFAULT_SCORER, acronym_definitions, name_similarity, normalise_name

# Tuned with `python bench/tune_identity.py` on tests/data/identity_pairs.csv (105
# hand-labelled pairs, none from the sample reports). With the number and word-swap vetoes
# of `name_similarity`, token_sort_ratio reaches F1 0.964 (threshold 50-64) and stays at
# 0.955 up to 82 (precision 0.964, recall 0.946); above 82 recall falls (84: 0.911, 88:
# 0.857). The rule in the bench takes the highest threshold within 0.01 of the best F1,
# leaning to precision: a false link silently merges two histories, a missed one is fixed
# with one alias line.
DEFAULT_THRESHOLD = 82.0
_MAX_SLUG = 60


@dataclass(frozen=True, slots=True)
class NameOccurrence:
    """A project name as written in one report."""

    name: str
    report_id: str
    report_period: str | None = None
    programme: str | None = None


@dataclass(frozen=True, slots=True)
class KeyAssignment:
    """The project a name was linked to, and why."""

    project_key: str
    canonical_name: str
    reason: str


@dataclass(frozen=True, slots=True)
class _Group:
    """Occurrences sharing one normalised name."""

    name: str
    occurrences: tuple[NameOccurrence, ...]
    reports: frozenset[str]

    @property
    def first_period(self) -> str:
        """Given the group, return its earliest period ("~" sorts unknown periods last)."""
        return min(o.report_period or "~" for o in self.occurrences)


def load_aliases(path: Path | str) -> dict[str, str]:
    """Given a CSV with columns alias,canonical, return {alias: canonical} as written.

    Raises:
        ValueError: a missing column, an empty cell or an alias given two canonicals,
            naming the file and line.
    """
    path = Path(path)
    aliases: dict[str, str] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"alias", "canonical"} - {c.strip().lower() for c in reader.fieldnames or ()}
        if missing:
            raise ValueError(f"{path.name}: line 1: missing column(s) {', '.join(sorted(missing))}")
        for row in reader:
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            alias, canonical = row["alias"], row["canonical"]
            if not alias or not canonical:
                raise ValueError(f"{path.name}: line {reader.line_num}: alias and canonical must both be filled")
            if aliases.get(alias, canonical) != canonical:
                raise ValueError(f"{path.name}: line {reader.line_num}: {alias!r} already maps to {aliases[alias]!r}")
            aliases[alias] = canonical
    return aliases


def project_slug(normalised: str) -> str:
    """Given a normalised name, return its key: hyphenated, long names shortened with a hash.

    >>> project_slug("shared lives")
    'shared-lives'
    """
    slug = normalised.replace(" ", "-") or "unnamed"
    if len(slug) <= _MAX_SLUG:
        return slug
    digest = hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:8]
    return slug[:_MAX_SLUG].rsplit("-", 1)[0] + "-" + digest


def _normalised(
    occurrences: Sequence[NameOccurrence], aliases: Mapping[str, str] | None
) -> dict[NameOccurrence, tuple[str, str | None]]:
    """Given occurrences, return each one's normalised name and the alias rule used, if any."""
    acronyms = acronym_definitions(o.name for o in occurrences)
    alias_map = {normalise_name(a, acronyms): (normalise_name(c, acronyms), a, c) for a, c in (aliases or {}).items()}
    out: dict[NameOccurrence, tuple[str, str | None]] = {}
    for occ in occurrences:
        norm = normalise_name(occ.name, acronyms)
        if norm in alias_map and alias_map[norm][0] != norm:
            target, alias, canonical = alias_map[norm]
            out[occ] = (target, f"alias file: {alias!r} -> {canonical!r}")
        else:
            out[occ] = (norm, None)
    return out


def _groups(normalised: Mapping[NameOccurrence, tuple[str, str | None]]) -> list[_Group]:
    """Given normalised occurrences, return one group per normalised name, sorted by name."""
    by_name: dict[str, list[NameOccurrence]] = defaultdict(list)
    for occ, (norm, _) in normalised.items():
        by_name[norm].append(occ)
    return [
        _Group(name, tuple(sorted(occs, key=_occurrence_order)), frozenset(o.report_id for o in occs))
        for name, occs in sorted(by_name.items())
    ]


def _occurrence_order(occ: NameOccurrence) -> tuple[str, str, str, str]:
    """Given an occurrence, return its deterministic sort key (period, name, report, programme)."""
    return (occ.report_period or "~", occ.name, occ.report_id, occ.programme or "")


def _cluster(groups: Sequence[_Group], threshold: float) -> tuple[list[list[int]], dict[tuple[int, int], float]]:
    """Given groups, return clusters of group indices (complete linkage) and the pair scores."""
    score = {
        (i, j): name_similarity(groups[i].name, groups[j].name)
        for i, j in itertools.combinations(range(len(groups)), 2)
        if not groups[i].reports & groups[j].reports
    }
    cluster_of = {i: [i] for i in range(len(groups))}
    # Best score first, ties by index (i.e. by name): the result depends only on the names.
    for (i, j), s in sorted(score.items(), key=lambda kv: (-kv[1], kv[0])):
        a, b = cluster_of[i], cluster_of[j]
        if s < threshold or a is b:
            continue
        if all(score.get((min(x, y), max(x, y)), 0.0) >= threshold for x in a for y in b):
            a.extend(b)
            for k in b:
                cluster_of[k] = a
    unique = {id(c): sorted(c) for c in cluster_of.values()}
    return sorted(unique.values()), score


def _canonical(members: Sequence[_Group]) -> _Group:
    """Given a cluster's groups, return the one whose name becomes the key (earliest wording)."""
    return min(members, key=lambda g: (g.first_period, -len(g.occurrences), len(g.name), g.name))


def _reason(group: _Group, canon: _Group, link: tuple[float, float], occ: NameOccurrence, alias: str | None) -> str:
    """Given how an occurrence joined its project (link = score, threshold), return the reason in words."""
    if alias:
        return alias
    if group is not canon:
        scorer = getattr(DEFAULT_SCORER, "__name__", "fuzzy")
        return f"fuzzy {scorer} {link[0]:.0f} >= {link[1]:.0f}: {group.name!r} ~ {canon.name!r}"
    if occ == group.occurrences[0]:
        return "new"
    return f"exact after normalisation: {occ.name!r} -> {group.name!r}"


def assign_keys(
    names: Sequence[NameOccurrence],
    *,
    aliases: Mapping[str, str] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> dict[NameOccurrence, KeyAssignment]:
    """Link project names across reports and give each project a stable key.

    Args:
        names: every project name occurrence, in any order (duplicates are fine).
        aliases: {alias wording: canonical wording}, e.g. from `load_aliases`; matched
            after normalisation, applied before any fuzzy matching.
        threshold: minimum fuzzy score (0-100) for linking two different wordings.

    Returns:
        For each occurrence: its project_key, the canonical normalised name and the
        reason it was linked ("new", "exact after normalisation: ...", "fuzzy ...",
        "alias file: ...").
    """
    normalised = _normalised(sorted(set(names), key=_occurrence_order), aliases)
    groups = _groups(normalised)
    clusters, score = _cluster(groups, threshold)
    out: dict[NameOccurrence, KeyAssignment] = {}
    for cluster in clusters:
        members = [groups[i] for i in cluster]
        canon = _canonical(members)
        ci = groups.index(canon)
        key = project_slug(canon.name)
        for gi in cluster:
            link = (score.get((min(gi, ci), max(gi, ci)), 100.0), threshold)
            for occ in groups[gi].occurrences:
                reason = _reason(groups[gi], canon, link, occ, normalised[occ][1])
                out[occ] = KeyAssignment(key, canon.name, reason)
    return out
