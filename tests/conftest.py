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
