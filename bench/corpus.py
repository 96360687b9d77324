"""Build benchmark corpora of n documents from samples/: varied copies in all three formats.

    python bench/corpus.py N [--seed S]      # prints the corpus folder

Document i of a seed is always the same file, so the corpus of 100 is the first 100 of the
corpus of 1,000. Each document is made from one sample (alternating) in one format (txt,
docx, pdf in turn, the samples' own proportion) with, per document:

- years shifted by one offset (-5..+5; "2018/19" -> "2021/22", also in the file name);
- every £ amount multiplied by its own random factor (0.6-1.6, rounded like the original);
- about a third of the project names (taken from tests/gold) swapped for one of a few
  variants ("(Phase 3)", "and" -> "&", "New ..."), so names recur across reports as in a
  real series but not always spelt the same way.

So no two documents are byte-identical and their figures differ, which keeps the
pipeline's duplicate-report detection from folding them together.

- txt: the sample's text with the changes above.
- docx: the sample edited run by run with python-docx (names sit in their own bold run).
- pdf: the edited DOCX rendered with fpdf2 as ruled tables (A4, DejaVu Sans when installed,
  else Helvetica with the text folded to Latin-1). A PDF cannot be edited like a DOCX, and
  LibreOffice (which made the sample PDFs) is not a pip package, so the PDFs share the
  samples' content and structure but not their exact typesetting.

Files are generated once into bench/corpus/s<seed>/pool/ and hard-linked (copied where links
fail) into bench/corpus/s<seed>/n<N>/; both folders are git-ignored.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pdfrender import render_pdf  # noqa: E402

SAMPLES = ROOT / "samples"
GOLD = ROOT / "tests" / "gold"
CORPUS_ROOT = Path(__file__).resolve().parent / "corpus"
GENERATOR_VERSION = "2"  # bump when the output of make_document changes, to rebuild pools
FORMATS = ("txt", "docx", "pdf")
TEMPLATES = ("2016-17_project_exceptions", "2018-19_project_exceptions")
NAME_PREFIXES = ("appendix", "exceptions", "cabinet-item", "ic-subcttee", "pmo-report")
NAME_CHANGE_SHARE = 0.35

_YEAR_RE = re.compile(r"(?<![\d£])(?<!\d[,.])(20\d\d)(?:([/-])(\d{4}|\d{2}))?(?!\d|[,.]\d)")
_AMOUNT_RE = re.compile(r"£\s?(\d[\d,]*(?:\.\d+)?)")


@dataclass(frozen=True, slots=True)
class Variation:
    """How one document differs from its sample: year offset, amount factors, renamed projects."""

    year_shift: int
    names: tuple[tuple[str, str], ...]
    seed: int


def shift_years(text: str, shift: int) -> str:
    """Given text and an offset, return it with every 20xx year and financial year moved by it.

    >>> shift_years("In 2018/19 and 2019-2020, by March 2019; adults 18-64; £12,2019.", 2)
    'In 2020/21 and 2021-2022, by March 2021; adults 18-64; £12,2019.'
    """
    def moved(m: re.Match[str]) -> str:
        first = str(int(m.group(1)) + shift)
        if not m.group(2):
            return first
        second = m.group(3)
        later = str(int(second) + shift) if len(second) == 4 else f"{(int(second) + shift) % 100:02d}"
        return f"{first}{m.group(2)}{later}"

    return _YEAR_RE.sub(moved, text)


def scale_figure(figure: str, factor: float) -> str:
    """Given a figure as written and a factor, return the scaled figure written the same way.

    >>> scale_figure("62,000", 1.5), scale_figure("0.025", 2.0), scale_figure("2.5", 1.0)
    ('93,000', '0.050', '2.5')
    """
    whole, _, decimals = figure.replace(",", "").partition(".")
    value = float(figure.replace(",", "")) * factor
    if decimals:
        return f"{value:{',' if ',' in figure else ''}.{len(decimals)}f}"
    zeros = len(whole) - len(whole.rstrip("0")) if whole.strip("0") else 0
    rounded = max(int(round(value, -zeros)), 10**zeros)
    return f"{rounded:,}" if "," in figure else str(rounded)


def scale_amounts(text: str, rng: random.Random) -> str:
    """Given text, return it with each £ amount multiplied by its own factor from rng."""
    return _AMOUNT_RE.sub(lambda m: m.group().replace(m.group(1), scale_figure(m.group(1), rng.uniform(0.6, 1.6))), text)


def name_variants(name: str) -> list[str]:
    """Given a project name, return the other spellings a later report might use.

    >>> name_variants("Care and Support Centres")
    ['Care and Support Centres (Phase 2)', 'Care and Support Centres (Phase 3)', 'New Care and Support Centres', 'Care & Support Centres']
    """
    out = [f"{name} (Phase 2)", f"{name} (Phase 3)", f"New {name}"]
    if " and " in name:
        out.append(name.replace(" and ", " & "))
    return out


def project_names(template: str) -> list[str]:
    """Given a sample's stem, return its project names from the gold file, longest first."""
    data = json.loads((GOLD / f"{template}.json").read_text(encoding="utf-8"))
    return sorted({row["project"] for row in data["exceptions"]}, key=len, reverse=True)


def make_variation(template: str, seed: int, index: int) -> Variation:
    """Given a sample, the corpus seed and a document number, return that document's variation."""
    rng = random.Random(f"{seed}-{index}")
    names = tuple((n, rng.choice(name_variants(n))) for n in project_names(template) if rng.random() < NAME_CHANGE_SHARE)
    return Variation(year_shift=rng.randint(-5, 5), names=names, seed=rng.randrange(1 << 30))


def text_editor(variation: Variation) -> Callable[[str], str]:
    """Given a variation, return a function applying it to one piece of text (amounts drawn in call order)."""
    rng = random.Random(variation.seed)

    def edit(text: str) -> str:
        for old, new in variation.names:
            text = text.replace(old, new)
        return scale_amounts(shift_years(text, variation.year_shift), rng)

    return edit


def doc_paragraphs(document: DocxDocument) -> Iterator[DocxParagraph]:
    """Given a python-docx document, yield every paragraph of its body and its table cells."""
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in _unique_cells(row.cells):
                yield from cell.paragraphs


def _unique_cells(cells: tuple[object, ...] | list[object]) -> list:  # type: ignore[type-arg]
    """Given a row's cells (python-docx repeats a merged cell), return each cell once."""
    seen, out = set(), []
    for cell in cells:
        if id(cell._tc) not in seen:  # type: ignore[attr-defined]
            seen.add(id(cell._tc))  # type: ignore[attr-defined]
            out.append(cell)
    return out


def write_txt(template: str, edit: Callable[[str], str], dest: Path) -> None:
    """Given a sample and an editor, write the edited text file."""
    dest.write_text(edit((SAMPLES / f"{template}.txt").read_text(encoding="utf-8")), encoding="utf-8")


def edited_docx(template: str, edit: Callable[[str], str]) -> DocxDocument:
    """Given a sample and an editor, return the sample DOCX with every run's text edited."""
    document = docx.Document(str(SAMPLES / f"{template}.docx"))
    for paragraph in doc_paragraphs(document):
        for run in paragraph.runs:
            if run.text:
                run.text = edit(run.text)
    document.core_properties.title = edit(document.core_properties.title or "")
    return document


def write_pdf(document: DocxDocument, dest: Path) -> None:
    """Given an (edited) DOCX, write it as a PDF of headings and ruled tables."""
    blocks: list[tuple[str, object]] = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = DocxParagraph(element, document)
            if paragraph.text.strip():
                blocks.append((paragraph.style.name if paragraph.style else "Normal", paragraph.text))
        elif tag == "tbl":
            table = DocxTable(element, document)
            blocks.append(("table", [[_cell_text(c) for c in _unique_cells(row.cells)] for row in table.rows]))
    render_pdf(blocks, dest, title=document.core_properties.title or "")


def _cell_text(cell: object) -> str:
    """Given a python-docx cell, return its paragraphs as lines, bullets marked with "•"."""
    lines = []
    for p in cell.paragraphs:  # type: ignore[attr-defined]
        style = p.style.name if p.style else ""
        lines.append(f"• {p.text}" if "List" in style else p.text)
    return "\n\n".join(lines).strip()


def document_name(template: str, fmt: str, variation: Variation, index: int) -> str:
    """Given a document's sample, format, variation and number, return its file name."""
    rng = random.Random(f"name-{variation.seed}")
    stem = shift_years(template, variation.year_shift)
    return f"{index:04d}_{rng.choice(NAME_PREFIXES)}_{stem}.{fmt}"


def make_document(seed: int, index: int, folder: Path) -> Path:
    """Given a seed and a document number, write that document into folder and return its path."""
    template = TEMPLATES[(index // len(FORMATS)) % len(TEMPLATES)]
    fmt = FORMATS[index % len(FORMATS)]
    variation = make_variation(template, seed, index)
    dest = folder / document_name(template, fmt, variation, index)
    if dest.exists():
        return dest
    edit = text_editor(variation)
    partial = dest.with_name(f".{dest.name}.part")
    if fmt == "txt":
        write_txt(template, edit, partial)
    elif fmt == "docx":
        edited_docx(template, edit).save(str(partial))
    else:
        write_pdf(edited_docx(template, edit), partial)
    partial.replace(dest)
    return dest


def _link(src: Path, dest: Path) -> None:
    """Given a pool file and a corpus path, hard-link it there (copy when links are not possible)."""
    try:
        os.link(src, dest)
    except OSError:
        shutil.copy2(src, dest)


def build_corpus(n: int, dest: Path | None = None, seed: int = 0) -> Path:
    """Build (or reuse) the corpus of the first n documents of a seed.

    Args:
        n: number of documents.
        dest: the corpus folder; default bench/corpus/s<seed>/n<n>.
        seed: which family of variations.

    Returns:
        The folder, holding exactly those n files.
    """
    base = CORPUS_ROOT / f"s{seed}-v{GENERATOR_VERSION}"
    pool = base / "pool"
    dest = dest or base / f"n{n}"
    pool.mkdir(parents=True, exist_ok=True)
    dest.mkdir(parents=True, exist_ok=True)
    wanted = {make_document(seed, i, pool).name for i in range(n)}
    for stale in dest.iterdir():
        if stale.name not in wanted:
            stale.unlink()
    for name in sorted(wanted - {p.name for p in dest.iterdir()}):
        _link(pool / name, dest / name)
    return dest


def main(argv: list[str] | None = None) -> int:
    """Build one corpus and print its folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(build_corpus(args.n, seed=args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
