"""Shared fixtures: the samples ingested once per test session, and the gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLD = Path(__file__).resolve().parent / "gold"
DATA = Path(__file__).resolve().parent / "data"
# The programme headings of the 2018-19 sample, as every reader must return them.
HEADINGS_2018_19 = [
    "Interventions for Adults aged 65+:",
    "Interventions for Adults aged 18-64:",
    "Cross Cutting Interventions:",
    "Early Resolution:",
    "Commissioning & Direct Services:",
]


def gold_for(source_file: str) -> dict[str, Any]:
    """Given a sample's file name, return its gold answer key."""
    for path in GOLD.glob("*.json"):
        if Path(source_file).name.startswith(path.stem):
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return data
    raise KeyError(source_file)


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ingest samples/ once with the real CLI; return the output folder."""
    from slippage.cli import main

    out = tmp_path_factory.mktemp("sample_out")
    code = main(["ingest", str(SAMPLES), "--out", str(out), "--quiet"])
    assert code == 0, f"ingest of samples exited {code}"
    return out


@pytest.fixture(scope="session")
def sample_tables(sample_out: Path) -> dict[str, pd.DataFrame]:
    """The sample output tables, read back from CSV as an analyst would."""
    return {p.stem: pd.read_csv(p, keep_default_na=False, na_values=[""]) for p in sample_out.glob("*.csv")}


def docx_table(path: Path, header: list[str], rows: list[list[str] | str], heading: str | None = None,
               n_cols: int | None = None) -> Path:
    """Write a one-table DOCX and return its path.

    A str row is one cell merged across the table; "\n\n" splits a cell's paragraphs; an empty
    header writes no header row (then `n_cols` gives the width); `heading` goes above the table.
    """
    import docx

    doc = docx.Document()
    doc.add_heading("Quarter 1 Exceptions", 1)
    if heading:
        doc.add_heading(heading, 2)
    table = doc.add_table(rows=1 if header else 0, cols=len(header) or n_cols or 2)
    for cell, text in zip(table.rows[0].cells if header else [], header, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        if isinstance(row, str):
            cells[0].merge(cells[-1]).text = row
            continue
        for cell, text in zip(cells, row, strict=True):
            first, *rest = text.split("\n\n")
            cell.text = first
            for para in rest:
                cell.add_paragraph(para)
    doc.save(str(path))
    return path


# Further document sets, each ingested once per session by the module that scores it.
CORPUS = DATA / "corpus"
LAYOUTS = DATA / "layouts"
NEGATIVE = DATA / "negative"


def read_tables(out: Path) -> dict[str, pd.DataFrame]:
    """Given an ingest output folder, return its tables read back from CSV as an analyst would."""
    return {p.stem: pd.read_csv(p, keep_default_na=False, na_values=[""]) for p in out.glob("*.csv")}


def ingest(out: Path, inputs: list[Path], *options: str) -> int:
    """Given an output folder, input files or folders and extra CLI options, run `slippage ingest`; return its exit code."""
    from slippage.cli import main

    return main(["ingest", *(str(p) for p in inputs), "--out", str(out), "--quiet", "--no-review", *options])


def process_running(pid: int) -> bool:
    """Given a pid, return whether that process still runs (a zombie awaiting its reaper counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


# The team's bar for a document to count as read, per score.py column.
THRESHOLDS = {"rows": 0.90, "text": 0.85, "amounts": 0.85}
# (files, metrics, why they fall short today): the data a scored set's strict xfails come from.
KnownFailures = tuple[tuple[tuple[str, ...], tuple[str, ...], str], ...]


def bar_cases(files: list[str], known: KnownFailures) -> list[Any]:
    """Given file names and their known failures, return one pytest param per (file, metric), strict-xfailed where known."""
    why_by_case = {(f, m): why for names, metrics, why in known for f in names for m in metrics}
    unknown = {f for f, _ in why_by_case} - set(files), {m for _, m in why_by_case} - set(THRESHOLDS)
    assert unknown == (set(), set()), f"known failures name no such file or metric: {unknown}"
    cases = []
    for name in files:
        for metric in THRESHOLDS:
            why = why_by_case.get((name, metric))
            marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
            cases.append(pytest.param(name, metric, marks=marks, id=f"{name}-{metric}"))
    return cases
