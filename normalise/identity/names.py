"""Project-name normalisation and similarity: the text side of project identity.

`normalise_name` gives the form two wordings of one project share ("Investment in
Shared lives" and "Shared Lives" both give "shared lives"); `match_form` strips that
further for fuzzy scoring; `name_similarity` scores two normalised names 0-100.
`normalise/identity/project_key.py` uses these to assign `project_key`s.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping

from rapidfuzz import fuzz

from extract.prose import join_hyphen_breaks, strip_tags

# Words that join a name's significant words; an initialism may skip them ("Care and
# Support Centres (CSC)"), fuzzy matching ignores them.
STOPWORDS = frozenset({"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "the", "to", "with"})

# Leading words that say what the council is doing to a project this year (funding it,
# growing it, continuing it), not which project it is, so dropping them is safe:
# "Investment in Shared lives" is the "Shared Lives" project. Words that *are* the
# project ("Reduction in", "Reducing", "Review of", "Promoting") are never dropped:
# "Reduction in long-term care placements" and "Reducing the Costs of residential
# Placements" are different projects. Gerunds such as "Delivering" stay too: they start
# real programme names ("Delivering Differently").
LEADING_WORDS = (
    "project", "the", "further", "investment in", "investing in", "expansion of", "extension of",
    "development of", "delivery of", "implementation of", "introduction of", "continuation of",
    "continued", "roll out of", "rollout of",
)
# Words a name may gain or lose between years without naming another project: "Telecare
# Expansion" is "Expansion of Telecare". Fuzzy matching ignores them; the key keeps them.
GENERIC_WORDS = frozenset({
    "project", "programme", "program", "expansion", "extension", "development", "delivery",
    "implementation", "introduction", "continuation", "investment", "rollout",
})

Scorer = Callable[[str, str], float]
DEFAULT_SCORER: Scorer = fuzz.token_sort_ratio

_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8", "ix": "9",
          "x": "10"}
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                 "eight": "8", "nine": "9", "ten": "10"}
_PHASE_WORDS = frozenset({"phase", "stage", "tranche", "part", "wave"})

_ACRONYM_RE = re.compile(r"\(\s*([A-Za-z][A-Za-z&]{1,9})\s*\)")  # "(CSC)", "(DoLS)"
_NON_WORD_RE = re.compile(r"[^0-9a-z]+")
_CAPITALS_RE = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z]*[A-Z](?![A-Za-z])")  # "CSC", "DoLS"


def _initials(words: list[str], *, skip_stopwords: bool) -> str:
    """Given words, return their lower-case initials, optionally skipping stopwords."""
    return "".join(w[0] for w in (w.lower() for w in words) if not (skip_stopwords and w in STOPWORDS))


def is_initialism(acronym: str, words_before: list[str]) -> int:
    """Given "(ACR)" and the words before it, return how many words it abbreviates (0: none).

    >>> is_initialism("CSC", ["Care", "and", "Support", "Centres"]), is_initialism("NHS", ["Winter"])
    (4, 0)
    """
    letters = acronym.lower().replace("&", "")
    for n in range(1, len(words_before) + 1):
        run = words_before[-n:]
        if letters in (_initials(run, skip_stopwords=False), _initials(run, skip_stopwords=True)):
            return n
    return 0


def acronym_definitions(names: Iterable[str]) -> dict[str, str]:
    """Given raw names, return each bracketed initialism they define, mapped to its words.

    >>> acronym_definitions(["Care and Support Centres (CSC)", "Living at Home (Phase II)"])
    {'csc': 'care and support centres'}
    """
    found: dict[str, str] = {}
    for name in names:
        for match in _ACRONYM_RE.finditer(name):
            words = re.findall(r"[A-Za-z]+", name[: match.start()])
            n = is_initialism(match.group(1), words)
            if n:
                found.setdefault(match.group(1).lower().replace("&", ""), " ".join(words[-n:]).lower())
    return found


def _drop_initialisms(name: str) -> str:
    """Given a raw name, return it without bracketed initialisms of its own words."""
    def keep_or_drop(match: re.Match[str]) -> str:
        words = re.findall(r"[A-Za-z]+", name[: match.start()])
        return " " if is_initialism(match.group(1), words) else match.group(0)

    return _ACRONYM_RE.sub(keep_or_drop, name)


def _number_tokens(tokens: list[str]) -> list[str]:
    """Given tokens, return them with phase numbers as digits ("phase ii" -> "phase 2")."""
    out: list[str] = []
    for i, tok in enumerate(tokens):
        after_phase = i > 0 and tokens[i - 1] in _PHASE_WORDS
        if after_phase and (tok in _ROMAN or tok in _NUMBER_WORDS):
            tok = _ROMAN.get(tok) or _NUMBER_WORDS[tok]
        elif len(tok) > 1 and tok in _ROMAN and tok not in {"iv", "vi", "ix"}:
            tok = _ROMAN[tok]  # "Living at Home II"; "iv"/"vi"/"ix" may be words or initials
        out.append(tok)
    return out


def _strip_leading(text: str) -> str:
    """Given a normalised name, return it without leading funding/process words."""
    changed = True
    while changed:
        changed = False
        for words in LEADING_WORDS:
            if text.startswith(words + " ") and len(text) > len(words) + 1:
                text, changed = text[len(words) + 1:], True
    return text.removesuffix(" project")


def normalise_name(name: str, acronyms: Mapping[str, str] | None = None) -> str:
    """Given a project name, return its normalised form: lower-case words and digits only.

    Case-folds, drops markup, bracketed initialisms of the name's own words ("(CSC)"),
    punctuation and leading funding/process words (`LEADING_WORDS`); writes phase
    numbers as digits. With `acronyms` (see `acronym_definitions`) a standalone
    initialism written in capitals is spelled out, so "CSC" alone matches "Care and
    Support Centres (CSC)".

    >>> normalise_name("Investment in Shared lives"), normalise_name("Care and Support Centres (CSC)")
    ('shared lives', 'care and support centres')
    >>> normalise_name("Further Expansion of Assistive Technology (AT) to Promote Independence")
    'assistive technology to promote independence'
    >>> normalise_name("Living at Home (Phase II)"), normalise_name("Project Reduction in long-term care placements")
    ('living at home phase 2', 'reduction in long term care placements')
    >>> normalise_name("CSC review at home", {"csc": "care and support centres", "at": "assistive technology"})
    'care and support centres review at home'
    """
    text = unicodedata.normalize("NFKC", strip_tags(name, " "))
    text = join_hyphen_breaks(_drop_initialisms(text))
    if acronyms:  # only written as capitals: "AT" is assistive technology, "at" is not
        text = _CAPITALS_RE.sub(lambda m: acronyms.get(m.group().lower(), m.group()), text)
    text = text.replace("&", " and ").replace("\u2019", "").replace("'", "").casefold()
    tokens = _number_tokens(_NON_WORD_RE.sub(" ", text).split())
    return _strip_leading(" ".join(tokens))


def _stem(word: str) -> str:
    """Given a word, return it without a plural ending ("centres" -> "centre", "ies" -> "y")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def match_form(normalised: str) -> str:
    """Given a normalised name, return the words fuzzy matching compares.

    >>> match_form("redesign of the reablement services programme")
    'redesign reablement service'
    """
    words = [_stem(w) for w in normalised.split() if w not in STOPWORDS and w not in GENERIC_WORDS]
    return " ".join(words) or normalised


def _numbers(normalised: str) -> frozenset[str]:
    """Given a normalised name, return its number tokens ("phase 2", "18 64")."""
    return frozenset(t for t in normalised.split() if t.isdigit())


def _spell_out(short: str, long: str) -> str:
    """Given two normalised names, return `short` with any initialism of `long`'s words spelled out.

    >>> _spell_out("sen transport", "special educational needs transport")
    'special educational needs transport'
    """
    words, long_words = short.split(), long.split()
    for i, tok in enumerate(words):
        if not 2 <= len(tok) <= 5 or not tok.isalpha() or tok in long_words or tok in STOPWORDS:
            continue
        for start, end in itertools.combinations(range(len(long_words) + 1), 2):
            run = long_words[start:end]
            if run[0] not in STOPWORDS and tok == _initials(run, skip_stopwords=True):
                words[i] = " ".join(run)
                break
    return " ".join(words)


def _join_compounds(words: list[str], other: list[str]) -> list[str]:
    """Given words and the other name's words, return them with pairs the other writes as one word joined.

    >>> _join_compounds(["home", "care", "review"], ["homecare", "review"])
    ['homecare', 'review']
    """
    out: list[str] = []
    for word in words:
        if out and out[-1] + word in other and out[-1] + word not in words:
            out[-1] += word
        else:
            out.append(word)
    return out


def _unmatched(a: list[str], b: list[str]) -> tuple[set[str], set[str]]:
    """Given two match forms' words, return the words of each the other has no match for.

    Words match when equal or when one is a typo of the other (ratio >= 80, five letters
    or more).
    """
    left_a, left_b = set(a) - set(b), set(b) - set(a)
    for x, y in itertools.product(sorted(left_a), sorted(left_b)):
        if min(len(x), len(y)) >= 5 and fuzz.ratio(x, y) >= 80:
            left_a.discard(x)
            left_b.discard(y)
    return left_a, left_b


def name_similarity(a: str, b: str, scorer: Scorer = DEFAULT_SCORER) -> float:
    """Given two normalised names, return their similarity 0-100; 0 for a veto.

    Vetoes: different number tokens ("phase 1"/"phase 2", "18 64"/"65"), and a word
    swapped for another on both sides ("older adults"/"younger adults", "help"/"years"):
    councils run parallel projects whose names differ by one word, while a project's
    own name grows or loses words over the years but rarely trades one. An initialism
    of the other name's words is spelled out first ("ASC" = "adult social care").

    >>> name_similarity("shared lives", "shared live")
    100.0
    >>> name_similarity("smarter working phase 1", "smarter working phase 2")
    0.0
    >>> name_similarity("older adults day services", "younger adults day services")
    0.0
    """
    if _numbers(a) != _numbers(b):
        return 0.0
    a, b = _spell_out(a, b), _spell_out(b, a)
    words_a, words_b = match_form(a).split(), match_form(b).split()
    words_a, words_b = _join_compounds(words_a, words_b), _join_compounds(words_b, words_a)
    left_a, left_b = _unmatched(words_a, words_b)
    if left_a and left_b:
        return 0.0
    return float(scorer(" ".join(words_a), " ".join(words_b)))
