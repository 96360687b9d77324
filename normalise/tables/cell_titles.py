"""Project names written as a title over their text inside a cell, with no "Name:" label.

Some councils open each exception cell with the project's name on a line of its own (often
bold) and then its text ("Social Prescribing Expansion" / "Referrals from GP practices are
..."), sometimes with the RAG in brackets ("Disrepair Claims Backlog (Amber)"). A cell may hold
several titled projects, and the mitigation cell beside it may repeat the titles over each
project's actions. DOCX keeps a title a paragraph of its own; PDF and text cells keep only
lines, so there a title line must also read as one (Title Case) and be followed by a new
sentence, since a wrapped sentence breaks at any word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.model import Paragraph, Prov
from extract.prose import is_figure
from normalise.tables.align import Alignment
from normalise.tables.project_labels import is_name
from normalise.text.clean import squash
from normalise.titles import item_name

MAX_TITLE_WORDS = 10
# Share of a line's words of four letters or more that must be capitalised for a line (not a whole
# paragraph) to be a title: "Home Care Framework Retender", not "The works were delayed by".
MIN_CAPITALISED = 0.75
_LONG_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}")
_PUNCTUATED_RE = re.compile(r"[.,;:!?]$")
_KEY_RE = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Titled:
    """One project of a cell: its name, status from the title, the title as written, its text paragraphs."""

    name: str
    status: str | None
    raw: str
    prov: tuple[Prov, ...]
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    para: int
    title: bool


def title_like(text: str) -> bool:
    """Given a line or paragraph, return whether it reads as a project title: short, a name, no sentence punctuation.

    >>> title_like("Temporary Accommodation Reduction (Red)"), title_like("The works were delayed."), title_like("1,250")
    (True, False, False)
    """
    text = squash(text)
    words = text.split()
    if not words or len(words) > MAX_TITLE_WORDS or _PUNCTUATED_RE.search(text) or is_figure(text):
        return False
    return is_name(text)


def _title_case(text: str) -> bool:
    """Given a line, return whether its longer words are capitalised, as a name's are.

    >>> _title_case("Supported Living Pathway"), _title_case("Only nine providers bid for the")
    (True, False)
    """
    words = _LONG_WORD_RE.findall(text)
    return bool(words) and sum(w[0].isupper() for w in words) >= MIN_CAPITALISED * len(words)


def _lines(paragraphs: list[Paragraph]) -> list[_Line]:
    """Given a cell's paragraphs, return its lines, each marked whether it is a title.

    A paragraph of one title-like line is a title when more text follows it; a line inside
    a paragraph is one when it is Title Case, opens the cell or follows a finished sentence,
    and the next line opens a sentence.
    """
    out: list[_Line] = []
    for i, para in enumerate(paragraphs):
        lines = [ln.strip() for ln in para.text.split("\n") if ln.strip()]
        more_after = i + 1 < len(paragraphs)
        for k, line in enumerate(lines):
            nxt = lines[k + 1] if k + 1 < len(lines) else None
            if len(lines) == 1:
                title = more_after and title_like(line)
            else:
                after_sentence = k == 0 or bool(re.search(r"[.!?]$", lines[k - 1]))
                title = nxt is not None and after_sentence and nxt[:1].isupper() and _title_case(line) and title_like(line)
            out.append(_Line(line, i, title))
    return out


def _key(text: str) -> str:
    """Given a name, return it lower-case alphanumeric only, to match a repeated title."""
    return _KEY_RE.sub(" ", item_name(text)[0].lower()).strip()


def titled_projects(paragraphs: list[Paragraph]) -> list[Titled] | None:
    """Given the key cell's paragraphs of a row with no "Name:" labels, return its titled projects, or None.

    None unless the cell opens with a title; each title starts a project, and the lines after it
    (until the next title) are its text, in their original paragraphs.
    """
    lines = _lines(paragraphs)
    if not lines or not lines[0].title:
        return None
    groups: list[tuple[_Line, list[_Line]]] = []
    for line in lines:
        if line.title:
            groups.append((line, []))
        else:
            groups[-1][1].append(line)
    out = []
    for title, body in groups:
        name, status = item_name(title.text)
        out.append(Titled(name, status, title.text, paragraphs[title.para].prov, _rejoin(body, paragraphs)))
    return out


def _rejoin(lines: list[_Line], paragraphs: list[Paragraph]) -> tuple[Paragraph, ...]:
    """Given lines and the paragraphs they came from, return them as paragraphs again (lines of one paragraph joined)."""
    out: list[Paragraph] = []
    last = -1
    for line in lines:
        source = paragraphs[line.para]
        if line.para == last:
            prev = out[-1]
            out[-1] = Paragraph(prev.text + "\n" + line.text, prev.raw + "\n" + line.text, prev.style, prev.prov)
        else:
            out.append(Paragraph(line.text, line.text, source.style, source.prov))
        last = line.para
    return tuple(out)


def title_groups(paragraphs: list[Paragraph], names: list[str]) -> tuple[list[Paragraph], Alignment] | None:
    """Given a mitigation cell's paragraphs and the row's project names, return them split under repeated titles.

    When the cell repeats each project's title, in the projects' order, over its actions, the
    titles decide the split (and are no part of the text); otherwise None, and the paragraphs are
    aligned by content (`normalise.tables.align`).
    """
    keys = [_key(n) for n in names]
    lines = [ln for ln in _lines(paragraphs) if ln.text]
    found = [i for i, ln in enumerate(lines) if _key(ln.text) in keys and title_like(ln.text)]
    if [_key(lines[i].text) for i in found] != keys or (found and found[0] != 0):
        return None
    kept: list[Paragraph] = []
    groups: list[tuple[int, ...]] = []
    for start, end in zip(found, [*found[1:], len(lines)], strict=True):
        body = _rejoin(lines[start + 1 : end], paragraphs)
        groups.append(tuple(range(len(kept), len(kept) + len(body))))
        kept.extend(body)
    return kept, Alignment(tuple(groups), 1.0, "mitigation titled by project")
