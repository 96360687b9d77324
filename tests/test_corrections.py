"""Reviewer corrections: the file read with errors that name the line, then applied to rows by id."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from export.ids import with_amount_ids
from normalise.corrections.apply import apply_corrections, orphan_rows, orphans
from normalise.corrections.file import CorrectionsError, parse_corrections, read_corrections
from tests.conftest import SAMPLES, ingest, read_tables

HEADER = "target_id,field,value,verdict,note\n"

# --- reading the file ------------------------------------------------------------------------


def test_a_file_as_the_review_page_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "corrections.csv"
    path.write_text(
        "\ufeff" + HEADER
        + "aa11-002,project,Bus Lane Phase 2,wrong,typo in the PDF\n"
        + "aa11-002-r88,value_gbp,\"£1,250\",wrong,\n"
        + "\n"
        + "aa11-002-t1,kind,shortfall,wrong,\n"
        + "aa11-003,,,drop,a glossary line\n"
        + "aa11-004,,,right,\n"
        + "aa11-005,status,,wrong,\"status is \"\"amber\"\",\nnot red\"\n"
        + "aa11-006,mitigation,,right,\n",
        encoding="utf-8",
    )
    got = read_corrections(path)
    assert [(c.line, c.target_id, c.table, c.field, c.value, c.verdict) for c in got] == [
        (2, "aa11-002", "exceptions", "project", "Bus Lane Phase 2", "wrong"),
        (3, "aa11-002-r88", "amounts", "value_gbp", Decimal("1250"), "wrong"),
        (5, "aa11-002-t1", "amounts", "kind", "shortfall", "wrong"),
        (6, "aa11-003", "exceptions", "", None, "drop"),
        (7, "aa11-004", "exceptions", "", None, "right"),
        (8, "aa11-005", "exceptions", "status", None, "wrong"),  # an empty value clears the status
        (10, "aa11-006", "exceptions", "mitigation", None, "right"),
    ]
    assert got[5].note == 'status is "amber",\nnot red' and got[5].changes_value and not got[6].changes_value
    assert got[1].exception_id == "aa11-002"


def test_the_old_verdict_export_reads_as_pure_verdicts() -> None:
    got = parse_corrections("exception_id,verdict,note\nbb22-001,right,\nbb22-002,WRONG,name cut short\n")
    assert [(c.target_id, c.field, c.verdict, c.note) for c in got] == [
        ("bb22-001", "", "right", ""), ("bb22-002", "", "wrong", "name cut short")]


@pytest.mark.parametrize(("text", "message"), [
    ("", "corrections.csv: empty file"),
    ("target_id,field,value,verdict,comment\n", "line 1: unknown column 'comment'"),
    ("target_id,field,value\n", "line 1: the header needs target_id, verdict once each"),
    (HEADER + "aa11-001,,,right,\naa11-002,,,ok,\n", "line 3: verdict 'ok' is not one of right, wrong, drop"),
    (HEADER + "aa11-001,projcet,Ring Road,wrong,\n", "line 2: 'projcet' is not a field of an exception"),
    (HEADER + "aa11-001-r5,project,Ring Road,wrong,\n", "line 2: 'project' is not a field of an amount"),
    (HEADER + "aa11-001-r5,value_gbp,about half,wrong,\n", "line 2: value_gbp 'about half' is not one money figure"),
    (HEADER + "aa11-001-r5,kind,savings,wrong,\n", "line 2: kind 'savings' is not one of"),
    (HEADER + "aa11-001-r5,fiscal_year,2018/20,wrong,\n", "line 2: fiscal_year '2018/20' is not a financial year"),
    (HEADER + "aa11-001,project,,drop,\n", "line 2: 'drop' removes the whole row"),
    (HEADER + ",,,right,\n", "line 2: no target_id"),
    (HEADER + "aa11-001,project,Ring Road, north,wrong,\n", "line 2: 6 cells, the header has 5"),
    (HEADER + "aa11-001,,,right,\n\naa11-001,,,drop,\n", "line 4: aa11-001 was judged differently on line 2"),
])
def test_a_malformed_file_names_the_line(text: str, message: str) -> None:
    with pytest.raises(CorrectionsError, match=message.replace("(", r"\(")):
        parse_corrections(text)


def test_lines_as_the_page_writes_them_notes_defused_cells_and_fields_without_a_verdict() -> None:
    got = parse_corrections(HEADER + "ee-004,,,,'=not a formula: a note\nee-004-t1,value_gbp,'-1781,,\nee-005,mitigation,,wrong,\n")
    assert [(c.field, c.value, c.verdict, c.note) for c in got] == [
        ("", None, "", "=not a formula: a note"), ("value_gbp", Decimal("-1781"), "wrong", ""), ("mitigation", "", "wrong", "")]
    with pytest.raises(CorrectionsError, match="line 2: verdict '' is not one of"):
        parse_corrections(HEADER + "ee-004,,,,\n")
    with pytest.raises(CorrectionsError, match="line 2: project cannot be empty"):
        parse_corrections(HEADER + "ee-004,project,,wrong,\n")


def test_the_same_judgement_twice_is_no_conflict_and_a_fiscal_year_is_normalised() -> None:
    got = parse_corrections(HEADER + "cc-001-m4,fiscal_year,2019/2020,wrong,\ncc-001-m4,fiscal_year,2019/20,wrong,again\n")
    assert [c.value for c in got] == ["2019/20", "2019/20"]


def test_a_file_that_is_not_text_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "verdicts.csv"
    path.write_bytes(b"target_id,verdict\n\xff\xfe\x00bad")
    with pytest.raises(CorrectionsError, match="verdicts.csv: cannot be read as UTF-8"):
        read_corrections(path)


# --- applying them ---------------------------------------------------------------------------


def _chunk() -> dict[str, list[dict[str, Any]]]:
    """Two exceptions of one report with their mentions, as a worker returns them."""
    exceptions: list[dict[str, Any]] = [
        {"exception_id": "dd-001", "project": "Libary kiosks", "status": "red", "reason": "Delayed £40k.", "mitigation": ""},
        {"exception_id": "dd-002", "project": "Glossary", "status": None, "reason": "Term: meaning.", "mitigation": ""},
    ]
    amounts = with_amount_ids([
        {"exception_id": "dd-001", "field": "table", "start": None, "value_gbp": Decimal("40000"), "kind": "other"},
        {"exception_id": "dd-001", "field": "reason", "start": 8, "value_gbp": Decimal("40000"), "kind": "slippage"},
        {"exception_id": "dd-002", "field": "reason", "start": 0, "value_gbp": Decimal("1"), "kind": "other"},
    ])
    years: list[dict[str, Any]] = [{"exception_id": "dd-002", "field": "reason", "text": "2019"}]
    return {"exceptions": exceptions, "amounts": amounts, "years": years, "entities": []}


def test_corrections_set_values_log_every_judgement_and_drop_whole_exceptions() -> None:
    corrections = parse_corrections(
        HEADER + "dd-001,project,Library kiosks,wrong,\ndd-001-t1,kind,shortfall,wrong,\ndd-001-r8,,,right,\n"
        "dd-001,status,,wrong,no status is stated\ndd-001,mitigation,,,belongs to the next row\n"
        "dd-002,,,drop,a glossary\ndd-002-r0,,,wrong,\nzz-009,,,right,\n")
    done = apply_corrections(corrections, _chunk(), "2026-12-01T11:00:00Z")
    (kiosks,) = done.tables["exceptions"]
    assert (kiosks["project"], kiosks["status"], kiosks["mitigation"]) == ("Library kiosks", None, "")
    assert json.loads(kiosks["corrected"]) == ["amounts.kind", "mitigation", "project", "status"]
    assert [(a["amount_id"], a["kind"], json.loads(a["corrected"])) for a in done.tables["amounts"]] == [
        ("dd-001-t1", "shortfall", ["kind"]), ("dd-001-r8", "slippage", [])]
    assert done.tables["years"] == [] and done.tables["entities"] == []  # went with the dropped exception
    log = [(r["target_id"], r["field"], r["extracted_value"], r["corrected_value"], r["verdict"]) for r in done.log]
    assert sorted(log, key=str) == sorted([
        ("dd-001", "project", "Libary kiosks", "Library kiosks", "wrong"), ("dd-001", "status", "red", None, "wrong"),  # cleared
        ("dd-001", "mitigation", "", "", "wrong"),
        ("dd-001-t1", "kind", "other", "shortfall", "wrong"), ("dd-001-r8", None, None, None, "right"),
        ("dd-002", None, None, None, "drop"), ("dd-002-r0", None, None, None, "wrong"),
    ], key=str)
    assert {r["applied_at"] for r in done.log} == {"2026-12-01T11:00:00Z"}
    assert [c.target_id for c in orphans(corrections, done.met)] == ["zz-009"]
    assert orphan_rows(orphans(corrections, done.met)) == [
        {"line": 9, "target_id": "zz-009", "field": None, "value": None, "verdict": "right", "note": None}]


def test_a_dropped_amount_leaves_its_exception_and_an_orphan_changes_nothing() -> None:
    corrections = parse_corrections(HEADER + "dd-001-r8,,,drop,not money\ndd-001-r9,value_gbp,5,wrong,\n")
    before = _chunk()
    done = apply_corrections(corrections, before, "t")
    assert [a["amount_id"] for a in done.tables["amounts"]] == ["dd-001-t1", "dd-002-r0"]
    assert [e["exception_id"] for e in done.tables["exceptions"]] == ["dd-001", "dd-002"]
    assert [c.target_id for c in orphans(corrections, done.met)] == ["dd-001-r9"]
    untouched = apply_corrections([], _chunk(), "t")
    assert [dict(r, corrected="[]") for r in before["amounts"] if r["amount_id"] != "dd-001-r8"] == [
        r for r in untouched.tables["amounts"] if r["amount_id"] != "dd-001-r8"]
    assert all(r["corrected"] == "[]" for name in ("exceptions", "amounts") for r in untouched.tables[name])


# --- one run's corrections ----------------------------------------------------------------------


def test_a_runs_corrections_keep_the_log_the_orphans_and_the_extracted_weights(tmp_path: Path) -> None:
    from slippage.corrections import CorrectionRun, corrections_path

    path = tmp_path / "corrections.csv"
    path.write_text(HEADER + "dd-001,project,Library kiosks,wrong,\ndd-002,,,drop,\ndd-001-t1,,,right,\nzz-009,,,right,\n",
                    encoding="utf-8")
    assert corrections_path(None, tmp_path) == path and corrections_path(None, tmp_path / "elsewhere") is None
    with pytest.raises(FileNotFoundError, match="--corrections nope.csv: no such file"):
        corrections_path(Path("nope.csv"), tmp_path)
    run = CorrectionRun.from_file(path, "2026-12-01T11:00:00Z")
    chunk = _chunk()
    for row in chunk["exceptions"]:
        row.update(is_primary=True, confidence=0.9, flags="[]")
    chunk["exceptions"][1]["mitigation"], chunk["amounts"][2]["fiscal_year"] = "See the glossary.", "2019/20"
    out = run.apply(chunk)
    assert [e["exception_id"] for e in out["exceptions"]] == ["dd-001"] and set(out) == {"exceptions", "amounts", "years", "entities"}
    assert run.weights == {"dd-001": 4.0, "dd-002": 1.0}  # dd-001 has no mitigation: flagged, as extracted
    summary = run.summary()
    assert summary["corrections"]["lines"] == 4 and summary["corrections"]["applied"] == 2
    assert [o["target_id"] for o in summary["corrections"]["orphaned"]] == ["zz-009"]
    assert (summary["accuracy"]["checked"], summary["accuracy"]["right"]) == (2, 0)  # dd-001 corrected, dd-002 dropped
    log = run.log_frame(["target_id", "field", "verdict", "line"])
    assert log[["target_id", "line"]].values.tolist() == [["dd-001", 2], ["dd-002", 3], ["dd-001-t1", 4]]
    assert CorrectionRun.from_file(None, "t").summary() == {}


# --- applied on every run (the CLI) --------------------------------------------------------------


def _ingest_sample(out: Path, *options: str) -> int:
    """Given an output folder and extra options, ingest the 2018/19 sample DOCX without NER; return the exit code."""
    return ingest(out, [SAMPLES / "2018-19_project_exceptions.docx"], "--no-ner", "--workers", "1", *options)


def test_corrections_apply_on_every_run_and_survive_the_cache(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _ingest_sample(out) == 0
    before = read_tables(out)
    exceptions, amounts = before["exceptions"], before["amounts"]
    assert amounts["amount_id"].is_unique and amounts["amount_id"].notna().all()
    assert exceptions["is_primary"].all() and (exceptions["corrected"] == "[]").all()
    first, dropped = exceptions["exception_id"].iloc[0], exceptions["exception_id"].iloc[2]
    money = amounts[amounts["exception_id"] == first].iloc[0]
    (out / "corrections.csv").write_text(
        HEADER + f"{first},project,Housing With Care (phase 1),wrong,renamed in the PDF\n"
        f"{money['amount_id']},value_gbp,'-1250,wrong,\n{dropped},,,drop,not an exception\nffffffffffffffff-001,,,right,\n",
        encoding="utf-8")
    for run in ("corrected", "again from cache"):
        assert _ingest_sample(out) == 0, run
        after = read_tables(out)
        row = after["exceptions"].set_index("exception_id").loc[first]
        assert row["project"] == "Housing With Care (phase 1)" and json.loads(row["corrected"]) == ["amounts.value_gbp", "project"]
        assert after["amounts"].set_index("amount_id").loc[money["amount_id"], "value_gbp"] == -1250
        assert dropped not in set(after["exceptions"]["exception_id"]) and dropped not in set(after["amounts"]["exception_id"])
        assert len(after["exceptions"]) == len(exceptions) - 1
        log = pd.read_parquet(out / "applied_corrections.parquet")  # the CSV writes '-1250 for spreadsheets
        assert log[["target_id", "extracted_value", "corrected_value"]].values.tolist()[:2] == [
            [first, exceptions.set_index("exception_id").loc[first, "project"], "Housing With Care (phase 1)"],
            [money["amount_id"], str(money["value_gbp"]).removesuffix(".0"), "-1250"]]
        report = json.loads((out / "run.json").read_text(encoding="utf-8"))
        assert [o["target_id"] for o in report["corrections"]["orphaned"]] == ["ffffffffffffffff-001"]
        assert report["accuracy"]["checked"] == 2 and report["accuracy"]["right"] == 0
        with duckdb.connect(str(out / "slippage.duckdb"), read_only=True) as con:
            assert con.execute("SELECT project FROM exceptions WHERE exception_id = ?", [first]).fetchall() == [(row["project"],)]
            assert con.execute("SELECT COUNT(*) FROM exceptions WHERE exception_id = ?", [dropped]).fetchall() == [(0,)]
            assert con.execute("SELECT value_gbp FROM amounts WHERE amount_id = ?", [money["amount_id"]]).fetchall() == [(-1250,)]
            # The database also has the log under the name, `corrections`, as a view.
            assert con.execute("SELECT target_id, verdict FROM corrections WHERE verdict = 'drop'").fetchall() == [(dropped, "drop")]
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["cached"] == 1


def test_a_malformed_corrections_file_stops_the_run_naming_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "verdicts.csv"
    bad.write_text(HEADER + "aa-001,,,right,\naa-002,,,maybe,\n", encoding="utf-8")
    assert _ingest_sample(tmp_path / "out", "--corrections", str(bad)) == 2
    assert "verdicts.csv line 3: verdict 'maybe' is not one of right, wrong, drop" in capsys.readouterr().err
    assert _ingest_sample(tmp_path / "out", "--corrections", str(tmp_path / "none.csv")) == 2
