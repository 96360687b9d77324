"""--columns FILE: a user's header synonyms and forced column roles, on a layout of our own."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pandas as pd
import pytest

from extract.read import read_document
from normalise.extraction import extract_records
from normalise.tables.user_columns import ColumnRulesError, ReadOptions, load_column_rules
from slippage.cli import main

# A parks service's list whose first column is the area and whose second, under the vague
# header "Item", is the saving: by position and shape the built-in rules take the area as the name.
HEADER = ["Area", "Item", "Comments"]
ROWS = [
    ["North", "Verge cutting frequency", "Contractor mobilisation slipped by a month, so the saving is delayed."],
    ["South", "Sports pitch charges", "Bookings fell after the charges began and income is below the target."],
]


def _docx(path: Path) -> Path:
    doc = docx.Document()
    doc.add_heading("Parks savings", 2)
    table = doc.add_table(rows=0, cols=3)
    for texts in [HEADER, *ROWS]:
        for cell, text in zip(table.add_row().cells, texts, strict=True):
            cell.text = text
    doc.save(str(path))
    return path


def _rules(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "columns.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _roles(path: Path, options: ReadOptions | None) -> list[str]:
    ex = extract_records(read_document(path), options)
    return [c["role"] for c in ex.tables[0]["columns"]]  # type: ignore[index, union-attr]


def test_forced_mapping_overrides_the_evidence(tmp_path: Path) -> None:
    path = _docx(tmp_path / "parks.docx")
    assert _roles(path, None)[0] == "name"
    rules = load_column_rules(_rules(tmp_path, '[columns]\n"area" = "other"\n"ITEM" = "name"\n'))
    assert _roles(path, rules)[:2] == ["other", "name"]
    records = extract_records(read_document(path), rules).records
    assert [r.project for r in records] == [ROWS[0][1], ROWS[1][1]]
    assert records[0].reason == ROWS[0][2]


def test_synonyms_are_weighed_as_header_evidence(tmp_path: Path) -> None:
    path = _docx(tmp_path / "parks.docx")
    rules = load_column_rules(_rules(tmp_path, '[synonyms]\nname = ["item"]\n'))
    assert _roles(path, rules)[1] == "name"


@pytest.mark.parametrize("text, message", [
    ("[colums]\nx = 'name'\n", "unknown section 'colums'"),
    ("[columns]\n'Description' = 'title'\n", "unknown role 'title'"),
    ("[synonyms]\nname = 'description'\n", "synonyms.name must be a list"),
    ("[columns\n", "cannot read column rules"),
])
def test_bad_rules_files_name_the_entry(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ColumnRulesError, match=message):
        load_column_rules(_rules(tmp_path, text))


def test_cli_applies_rules_and_rejects_bad_ones(tmp_path: Path) -> None:
    path = _docx(tmp_path / "parks.docx")
    good = _rules(tmp_path, '[columns]\n"Item" = "name"\n')
    assert main(["ingest", str(path), "--out", str(tmp_path / "o"), "--quiet", "--no-ner", "--no-review", "--columns", str(good)]) == 0
    exceptions = pd.read_csv(tmp_path / "o" / "exceptions.csv")
    assert list(exceptions["project"]) == [ROWS[0][1], ROWS[1][1]]
    columns = json.loads(pd.read_csv(tmp_path / "o" / "tables.csv")["columns"].iloc[0])
    assert columns[1]["role"] == "name"
    bad = _rules(tmp_path, "[columns]\n'Description' = 'title'\n")
    assert main(["ingest", str(path), "--out", str(tmp_path / "o2"), "--quiet", "--no-ner", "--columns", str(bad)]) == 2
