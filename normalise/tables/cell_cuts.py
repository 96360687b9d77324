"""Paragraphs a PDF or text cell lost: where one cell's text is really several paragraphs.

Readers of DOCX keep paragraph marks; PDF and text cells keep only lines, and flattening
exports not even those. When one cell names several projects ("Name: text" each) and the
cells beside it must be shared out among them, these cut the text where a paragraph most
likely ended.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from extract.model import Paragraph
from extract.prose import LINE_END_STOPS, ends_sentence
from normalise.tables.project_labels import split_label

# A sentence opening "Name: " inside a run-on line starts another project ("… earlier than
# planned. Online payments upgrade: testing found …"); longer labels are taken for prose.
_RUN_ON_LABEL_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z][^.:!?;]{2,80}:\s)")
MAX_RUN_ON_LABEL_WORDS = 6
_SENTENCE_BREAK_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def cut_at_labels(para: Paragraph) -> list[Paragraph]:
    """Given a cell paragraph, return it cut before every "Name: text" start, on its own line or run on after a sentence."""
    lines = cut_lines(para, lambda prev, line: ends_sentence(prev, LINE_END_STOPS) and split_label(line) is not None)
    return [piece for p in lines for piece in _cut_run_on(p)]


def cut_for(paragraphs: list[Paragraph], n_projects: int) -> list[Paragraph]:
    """Given a shared column's paragraphs and how many projects share it, return them cut at sentence-ending lines when too few.

    PDF and text cells lose paragraph marks; a line that ends a sentence, followed by one
    that opens with a capital, is where a paragraph most likely ended.
    """
    if len(paragraphs) >= n_projects:
        return paragraphs
    lines = [piece for p in paragraphs for piece in cut_lines(p, lambda prev, line: ends_sentence(prev, LINE_END_STOPS) and line[:1].isupper())]
    if len(lines) >= n_projects:
        return lines
    # Run together in one line by a flattening export: every sentence is a candidate paragraph.
    return [Paragraph(t, t, p.style, p.prov) for p in lines for t in _SENTENCE_BREAK_RE.split(p.text) if t.strip()]


def cut_lines(para: Paragraph, cut: Callable[[str, str], bool]) -> list[Paragraph]:
    """Given a paragraph and a rule on (previous line, line), return it cut before every line the rule picks."""
    lines = para.text.split("\n")
    starts = [0, *(i for i in range(1, len(lines)) if cut(lines[i - 1].strip(), lines[i].strip())), len(lines)]
    if len(starts) == 2:
        return [para]
    return [Paragraph("\n".join(lines[a:b]), "\n".join(lines[a:b]), para.style, para.prov) for a, b in itertools.pairwise(starts)]


def _cut_run_on(para: Paragraph) -> list[Paragraph]:
    """Given a one-line paragraph, return it cut before each sentence that opens with a short "Name:" label.

    >>> [p.text for p in _cut_run_on(Paragraph("Depot roof: asbestos found. Fleet chargers: grid connection late."))]
    ['Depot roof: asbestos found.', 'Fleet chargers: grid connection late.']
    """
    if "\n" in para.text.strip():
        return [para]
    starts = [0, *(m.start() for m in _RUN_ON_LABEL_RE.finditer(para.text) if _short_label(para.text[m.start():])), len(para.text)]
    if len(starts) == 2:
        return [para]
    return [Paragraph(para.text[a:b].strip(), para.text[a:b].strip(), para.style, para.prov) for a, b in itertools.pairwise(starts)]


def _short_label(text: str) -> bool:
    """Given text opening with a candidate label, return whether it is a project label of at most MAX_RUN_ON_LABEL_WORDS words."""
    label = split_label(text)
    return label is not None and len(label[0].split()) <= MAX_RUN_ON_LABEL_WORDS
