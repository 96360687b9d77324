"""review.html: highlighting by offsets, escaping, flags, the reproducible sample, and the page in Chromium.

Unit tests build tables by hand in layouts and wordings of their own; the browser tests
ingest the samples plus a hostile DOCX with the real CLI and open the report in headless
Chromium (Debian's /usr/bin/chromium, driven by Playwright's Python package).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from markupsafe import Markup

from export.review.cards import Mentions, build_cards, flags_for
from export.review.flags import card_flags, looks_garbled
from export.review.highlight import Mention, amount_mention, highlight, usable_mentions
from export.review.overview_quality import changes_view
from export.review.page import render_review, write_review
from export.review.rows import INDEX_COLUMNS, ROW_NUMBER, ParquetRows, load_tables
from export.review.sample import FLAGGED_WEIGHT, flag_weights, weighted_sample
from export.review.source import page_boxes, source_view, source_views
from export.schema import AMOUNTS_COLUMNS
from export.tables import to_frame
from slippage.cli import main
from tests.conftest import SAMPLES

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def write_tables(folder: Path, reports: list[dict[str, Any]], exceptions: list[dict[str, Any]],
                 amounts: list[dict[str, Any]] | None = None, years: list[dict[str, Any]] | None = None) -> Path:
    """Given rows per table, write them as an ingest would (Parquet, contract columns) and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in (("reports", reports), ("exceptions", exceptions), ("amounts", amounts or []), ("years", years or [])):
        to_frame(name, rows).to_parquet(folder / f"{name}.parquet", index=False)
    return folder


def exception_row(eid: str, reason: str, mitigation: str = "Weekly checks.", **extra: Any) -> dict[str, Any]:
    """Given an id and texts, return an `exceptions` row of a one-report docx ingest."""
    row = {"exception_id": eid, "report_id": "r1", "source_file": "parks.docx", "report_period": "2020/21",
           "programme": "Green Spaces", "project": f"Project {eid}", "reason": reason, "mitigation": mitigation,
           "status": None, "page": None, "confidence": 1.0, "position": int(eid.rsplit("-", 1)[1]),
           "source_format": "docx", "flags": "[]", "prov": '[{"table": 0, "row": 1, "col": 1}]',
           "raw_project": f"Project {eid}", "raw_reason": reason, "raw_mitigation": mitigation}
    return row | extra


REPORT = {"report_id": "r1", "source_file": "parks.docx", "source_format": "docx", "status": "ok", "n_exceptions": 1,
          "report_period": "2020/21", "warnings": '["table 2: ragged rows"]', "source_path": None}


def pinned_batch(folder: Path) -> Path:
    """Write a two-report batch (and a failed file) in which every flag occurs; return the folder.

    Row i of a report: an amount of £i k (offsets off by one when i % 7 == 0, no year when
    i % 5 == 0, a rate when i % 10 == 0, scale inferred when i % 6 == 0), a year mention,
    no mitigation when i % 4 == 0, low confidence when i % 9 == 0; row 11 is garbled and
    row 13 carries the splitter's garbled-line note.
    """
    reports = [REPORT | {"n_exceptions": 20},
               REPORT | {"report_id": "r2", "source_file": "roads.txt", "source_format": "text", "n_exceptions": 12,
                         "report_period": "2021/22", "warnings": "[]"},
               REPORT | {"report_id": "r3", "source_file": "minutes.pdf", "source_format": "pdf", "status": "failed",
                         "n_exceptions": 0, "error": "minutes.pdf: not a readable PDF", "warnings": "[]"}]
    rows, amounts, years = [], [], []
    for rid, file, period, n in (("r1", "parks.docx", "2020/21", 20), ("r2", "roads.txt", "2021/22", 12)):
        for i in range(1, n + 1):
            eid = f"{rid}-{i:03d}"
            money, year = f"£{i}k", period
            reason = "Tlie wrk hs bn dlyd bcs thrgh prcrmnt" if i == 11 else f"Works at site {i} slipped by {money} in {year}."
            rows.append(exception_row(eid, reason, mitigation="" if i % 4 == 0 else "Weekly checks.", report_id=rid,
                                      source_file=file, report_period=period, confidence=0.6 if i % 9 == 0 else 1.0,
                                      programme=(None, "Green Spaces", "Highways")[i % 3],
                                      flags='["dropped repeated/garbled line: \'xx\'"]' if i == 13 else "[]"))
            if i == 11:
                continue
            start = reason.index(money) + (i % 7 == 0)
            amounts.append({"exception_id": eid, "field": "reason", "text": money, "start": start, "end": start + len(money),
                            "value_gbp": 1000.0 * i, "fiscal_year": None if i % 5 == 0 else year,
                            "kind": "rate" if i % 10 == 0 else "cost", "scale_inferred": i % 6 == 0})
            years.append({"exception_id": eid, "field": "reason", "text": year, "start": reason.index(year),
                          "end": reason.index(year) + len(year), "fiscal_year": year, "date": None})
    return write_tables(folder, reports, rows, amounts, years)


# --- highlighting and escaping ---------------------------------------------------------------

def test_highlight_escapes_text_around_and_inside_marks() -> None:
    text = 'Costs <b onmouseover="x()"> rose £1.2m & more'
    start = text.index("£1.2m")
    amount = {"start": start, "end": start + 5, "text": "£1.2m", "value_gbp": 1_200_000.0, "kind": 'cost"><script>',
              "fiscal_year": None, "scale_inferred": False}
    html = highlight(text, [amount_mention(amount)])
    assert isinstance(html, Markup)
    assert "<b" not in html and "&lt;b onmouseover=&#34;x()&#34;&gt;" in html and "&amp; more" in html
    assert 'data-value="1200000"' in html and 'data-kind="cost&#34;&gt;&lt;script&gt;"' in html
    assert re.search(r"<mark [^>]*>£1\.2m</mark>", html)


def test_mentions_with_wrong_offsets_or_overlaps_are_rejected() -> None:
    text = "Slipped £40k from 2019/20 into 2020/21."
    good = Mention(8, 12, "£40k", "amount", "")
    shifted = Mention(9, 13, "£40k", "amount", "")
    year = Mention(18, 25, "2019/20", "year", "")
    inside = Mention(20, 22, "19", "year", "")
    kept, rejected = usable_mentions(text, [year, shifted, inside, good])
    assert kept == [good, year] and set(rejected) == {shifted, inside}


def test_card_highlights_carry_offsets_from_the_tables() -> None:
    reason = "The £5k grant for 2020/21 arrived late."
    mentions = Mentions.group(
        [{"exception_id": "r1-001", "field": "reason", "text": "£5k", "start": 4, "end": 7, "value_gbp": 5000.0,
          "kind": "income", "fiscal_year": "2020/21", "scale_inferred": False}],
        [{"exception_id": "r1-001", "field": "reason", "text": "2020/21", "start": 18, "end": 25, "fiscal_year": "2020/21",
          "date": None}])
    exc = exception_row("r1-001", reason)
    card = build_cards([exc], mentions, {}, {"r1-001": flags_for(exc, mentions)})[0]
    assert re.search(r'<mark class="amount"[^>]*data-value="5000" data-kind="income" data-year="2020/21"[^>]*>£5k</mark>',
                     card.reason)
    assert re.search(r'<mark class="year"[^>]*data-year="2020/21"[^>]*>2020/21</mark>', card.reason)
    assert card.flags == ()


def test_an_offset_that_misses_its_text_is_flagged() -> None:
    mentions = Mentions.group([{"exception_id": "r1-001", "field": "reason", "text": "£5k", "start": 0, "end": 3,
                                "value_gbp": 5000.0, "kind": "income", "fiscal_year": "2020/21"}], [])
    assert "bad_offsets" in flags_for(exception_row("r1-001", "The £5k grant"), mentions)


# --- flags ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "garbled"), [
    ("Recruitment of two wardens slipped to Q3; the £18,500 saving moves to 2021/22.", False),
    ("ASC&PH Committee approved the PIMs roll-out for OA teams (18-64).", False),
    ("Tlie wrk hs bn dlyd bcs thrgh prcrmnt", True),
    ("The contractorâ€™s invoice of Â£4,000 arrived", True),
    ("Savings \ufffd\ufffd delayed", True),
    ("Strengths-based assessments rhythm", False),
], ids=["plain", "acronyms", "consonant-soup", "mojibake", "replacement-char", "real-consonant-runs"])
def test_garbled_text_heuristic(text: str, garbled: bool) -> None:
    assert looks_garbled(text) is garbled


def test_flags_direct_attention_to_each_problem() -> None:
    money = {"value_gbp": 9000.0, "fiscal_year": "2020/21", "kind": "cost", "scale_inferred": False}
    base = exception_row("r1-001", "Works ran late.")
    assert card_flags(base, [money]) == []
    assert card_flags(base | {"confidence": 0.6}, []) == ["low_confidence"]
    assert card_flags(base, [money | {"scale_inferred": True}]) == ["inferred_scale"]
    assert card_flags(base, [money | {"fiscal_year": None}]) == ["amount_no_year"]
    assert card_flags(base, [money | {"fiscal_year": None, "kind": "rate"}]) == []  # a weekly rate has no year
    assert card_flags(base | {"mitigation": ""}, []) == ["no_mitigation"]
    assert card_flags(base, [], pipeline_flags=["dropped repeated/garbled line: 'xx'"]) == ["garbled"]


# --- what the page shows, however the tables are read --------------------------------------

# The review of `pinned_batch` as it was when it read every table whole with pandas:
# the flagged cards, the cards three samples draw, and the overview's rows, flagged, amounts.
PINNED_FLAGS = {
    "r1-004": "no_mitigation", "r1-005": "amount_no_year", "r1-006": "inferred_scale", "r1-007": "bad_offsets",
    "r1-008": "no_mitigation", "r1-009": "low_confidence", "r1-011": "garbled", "r1-012": "inferred_scale no_mitigation",
    "r1-013": "garbled", "r1-014": "bad_offsets", "r1-015": "amount_no_year", "r1-016": "no_mitigation",
    "r1-018": "low_confidence inferred_scale", "r1-020": "no_mitigation", "r2-004": "no_mitigation", "r2-005": "amount_no_year",
    "r2-006": "inferred_scale", "r2-007": "bad_offsets", "r2-008": "no_mitigation", "r2-009": "low_confidence",
    "r2-011": "garbled", "r2-012": "inferred_scale no_mitigation"
}
PINNED_SAMPLES = {
    (7, 3): ["r1-014", "r1-016", "r1-020", "r2-004", "r2-007", "r2-008", "r2-009"],
    (7, 4): ["r1-010", "r1-014", "r1-018", "r2-003", "r2-006", "r2-007", "r2-009"],
    (12, 0): ["r1-001", "r1-005", "r1-007", "r1-012", "r1-013", "r1-017", "r1-018", "r2-004", "r2-006", "r2-007", "r2-009", "r2-011"],
}
PINNED_OVERVIEW = [("0", "0", "0"), ("20", "19", "14"), ("12", "11", "8")]
CARD = re.compile(r'<article class="card" id="card-([^"]+)".*?data-flags="([^"]*)"', re.S)
OVERVIEW_NUMBERS = re.compile(r'<td class="num">(\d+)</td><td class="num">(\d+)</td><td class="num">(\d+)</td>')


def test_the_review_shows_the_cards_flags_and_numbers_it_always_showed(tmp_path: Path) -> None:
    folder = pinned_batch(tmp_path / "out")
    page = write_review(folder).read_text(encoding="utf-8")
    cards = CARD.findall(page)
    assert sorted(c for c, _ in cards) == [f"r1-{i:03d}" for i in range(1, 21)] + [f"r2-{i:03d}" for i in range(1, 13)]
    assert [bool(f) for _, f in cards] == [True] * len(PINNED_FLAGS) + [False] * (32 - len(PINNED_FLAGS))  # worst first
    assert {c: f for c, f in cards if f} == PINNED_FLAGS
    assert re.search(r"32 exceptions · 30 amounts ·\s+25 flags\.", page)
    assert OVERVIEW_NUMBERS.findall(page) == PINNED_OVERVIEW
    for (n, seed), ids in PINNED_SAMPLES.items():
        sampled = write_review(folder, sample=n, seed=seed).read_text(encoding="utf-8")
        assert sorted(CARD.findall(sampled)) == [(c, PINNED_FLAGS.get(c, "")) for c in ids]
        assert OVERVIEW_NUMBERS.findall(sampled) == PINNED_OVERVIEW  # the overview counts every row, not the sample


def test_reading_parquet_in_batches_gives_the_page_of_whole_tables(review_out: Path, tmp_path: Path) -> None:
    folder = shutil.copytree(review_out, tmp_path / "out")  # the browser tests keep the full review
    tables = load_tables(folder)
    for sample, seed in ((None, 0), (9, 2)):
        written = write_review(folder, sample=sample, seed=seed).read_text(encoding="utf-8")
        assert written == render_review(tables, sample=sample, seed=seed, title="Slippage review: out", changes=changes_view(folder))
        assert written.count('src="data:image/png') > (8 if sample is None else 0)


def test_the_review_reads_whole_rows_only_for_the_cards_shown(tmp_path: Path) -> None:
    folder = pinned_batch(tmp_path / "out")
    rows = ParquetRows(folder)
    flagged = list(rows.flagged())
    assert len(flagged) == rows.n_exceptions == 32 and rows.n_amounts == 30
    assert all(set(row) == {*INDEX_COLUMNS, ROW_NUMBER} for row, _ in flagged)
    shown = [row for row, _ in flagged][13:3:-3]
    whole, mentions = rows.cards(shown)
    everything = {e["exception_id"]: e for e in load_tables(folder).exceptions}
    assert whole == [everything[r["exception_id"]] for r in shown]
    assert set(mentions.amounts) == {r["exception_id"] for r in shown} - {"r1-011"}  # row 11 has no amount
    assert all(set(a) == set(AMOUNTS_COLUMNS) for rows_of in mentions.amounts.values() for a in rows_of)


# --- the sample -----------------------------------------------------------------------------

def test_sample_is_reproducible_and_depends_on_the_seed() -> None:
    weights = {f"r{i:03d}": 1.0 for i in range(60)}
    first = weighted_sample(weights, 8, seed=3)
    assert first == weighted_sample(weights, 8, seed=3) and len(first) == 8
    assert first != weighted_sample(weights, 8, seed=4)
    assert first == [k for k in weights if k in set(first)]  # kept in card order
    with pytest.raises(ValueError, match="at least 1, got 0"):
        weighted_sample(weights, 0, seed=3)


def test_sample_leans_toward_flagged_cards() -> None:
    flags = {f"r{i:03d}": (["garbled"] if i % 5 == 0 else []) for i in range(100)}  # 20% flagged
    weights = flag_weights(flags)
    picked = [k for seed in range(150) for k in weighted_sample(weights, 10, seed)]
    share = sum(bool(flags[k]) for k in picked) / len(picked)
    # With weight 4 the expected flagged share is about 0.45; unweighted it would be 0.20.
    assert FLAGGED_WEIGHT == 4.0 and 0.35 < share < 0.6, share


def test_sampled_review_shows_only_the_drawn_cards(tmp_path: Path) -> None:
    rows = [exception_row(f"r1-{i:03d}", f"Reason {i}.", mitigation="" if i % 4 == 0 else "Done.") for i in range(1, 41)]
    folder = write_tables(tmp_path / "out", [REPORT | {"n_exceptions": 40}], rows)
    tables = load_tables(folder)
    page = render_review(tables, sample=6, seed=11)
    ids = re.findall(r'<article class="card" id="card-([^"]+)"', page)
    assert len(ids) == 6 and page == render_review(tables, sample=6, seed=11)
    assert ids != re.findall(r'<article class="card" id="card-([^"]+)"', render_review(tables, sample=6, seed=12))
    assert "Spot-check sample:</strong> 6 of 40 cards, seed 11" in page
    assert main(["review", str(folder), "--sample", "6", "--seed", "11"]) == 0
    written = (folder / "review.html").read_text(encoding="utf-8")
    assert re.findall(r'<article class="card" id="card-([^"]+)"', written) == ids


def test_a_large_batch_gets_a_sampled_review_and_a_small_one_every_card(tmp_path: Path) -> None:
    rows = [exception_row(f"r1-{i:03d}", f"Reason {i}.") for i in range(1, 41)]
    folder = write_tables(tmp_path / "out", [REPORT | {"n_exceptions": 40}], rows)
    cards = re.compile(r'<article class="card" id="card-')
    assert len(cards.findall(write_review(folder, max_cards=10).read_text(encoding="utf-8"))) == 10
    assert len(cards.findall(write_review(folder, max_cards=40).read_text(encoding="utf-8"))) == 40


def test_review_command_on_a_folder_without_tables_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(tmp_path)]) == 2
    assert "no slippage tables here" in capsys.readouterr().err
    assert not (tmp_path / "review.html").exists()


# --- sources and the file -------------------------------------------------------------------

def test_overview_lists_failures_and_warnings(tmp_path: Path) -> None:
    failed = {"report_id": "r2", "source_file": "minutes.pdf", "source_format": "pdf", "status": "failed", "n_exceptions": 0,
              "error": "minutes.pdf: not a readable PDF (<no trailer>)", "warnings": "[]"}
    folder = write_tables(tmp_path / "out", [REPORT, failed], [exception_row("r1-001", "Late.")])
    page = render_review(load_tables(folder))
    assert "2 reports (<span class=\"error\">1 failed</span>)" in page
    assert '<p class="error">minutes.pdf: not a readable PDF (&lt;no trailer&gt;)</p>' in page
    assert '<p class="warning">⚠ table 2: ragged rows</p>' in page


def test_missing_tables_raise_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"no slippage tables here \(missing reports.parquet, exceptions.parquet\)"):
        write_review(tmp_path)


def test_pdf_card_without_its_file_shows_raw_text_and_says_why(tmp_path: Path) -> None:
    exc = exception_row("r1-001", "Late.", source_format="pdf", page=1, raw_reason="Late\nraw.",
                        prov='[{"page": 1, "bbox": {"x0": 50, "top": 100, "x1": 250, "bottom": 140}, "table": 0, "row": 1, "col": 1}]')
    view = source_view(exc, str(tmp_path / "gone.pdf"), crop=True)
    assert view.crops == () and "source file is not at" in (view.note or "") and view.raw_reason == "Late\nraw."
    assert view.location == "page 1, table 1, row 2, col 2"


def test_pdf_crops_stop_at_the_cap(review_out: Path) -> None:
    tables = load_tables(review_out)
    pdf_rows = [e for e in tables.exceptions if e["source_format"] == "pdf"][:3]
    mentions = Mentions.group(tables.amounts, tables.years)
    paths = {r["report_id"]: r["source_path"] for r in tables.reports}
    cards = build_cards(pdf_rows, mentions, paths, {e["exception_id"]: [] for e in pdf_rows}, max_crops=2)
    assert [len(c.source.crops) > 0 for c in cards] == [True, True, False]
    assert cards[0].source.crops[0].uri.startswith("data:image/png;base64,iVBOR")
    assert cards[0].source.crops[0].page == page_boxes(json.loads(pdf_rows[0]["prov"]))[0][0]
    assert all(0 <= left and left + width <= 100.5 for left, _, width, _ in cards[0].source.crops[0].boxes)
    assert "MAX_CROPS" in (cards[2].source.note or "") and cards[2].source.raw_reason


def test_parallel_crops_give_the_same_cards(review_out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import export.review.cards

    monkeypatch.setattr(export.review.cards, "PARALLEL_CROPS_MIN", 1)  # the samples have fewer crops than the real floor
    tables = load_tables(review_out)
    pdf_rows = [e for e in tables.exceptions if e["source_format"] == "pdf"]
    mentions = Mentions.group(tables.amounts, tables.years)
    paths = {r["report_id"]: r["source_path"] for r in tables.reports}
    flags = {e["exception_id"]: [] for e in pdf_rows}
    serial = build_cards(pdf_rows, mentions, paths, flags, workers=1)
    parallel = build_cards(pdf_rows, mentions, paths, flags, workers=2)
    assert serial == parallel and all(c.source.crops for c in parallel)


def test_each_pdf_is_one_crop_job_opened_once(review_out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import export.review.cards
    import export.review.source

    tables = load_tables(review_out)
    pdf_rows = [e for e in tables.exceptions if e["source_format"] == "pdf"]
    paths = {r["report_id"]: r["source_path"] for r in tables.reports}
    opened: list[Path] = []
    jobs: list[tuple[str | None, int]] = []
    real_pages, real_views = export.review.source.PdfPages, export.review.cards._file_views
    monkeypatch.setattr(export.review.source, "PdfPages", lambda path, resolution: opened.append(path) or real_pages(path, resolution))
    monkeypatch.setattr(export.review.cards, "_file_views",
                        lambda js, workers: jobs.extend((p, len(rows)) for p, rows in js) or real_views(js, workers))
    cards = build_cards(pdf_rows, Mentions.group(tables.amounts, tables.years), paths, {e["exception_id"]: [] for e in pdf_rows})
    files = {paths[e["report_id"]] for e in pdf_rows}
    assert len(files) == 2 and sorted(opened) == sorted(Path(f) for f in files)
    assert sorted(jobs) == sorted((f, sum(paths[e["report_id"]] == f for e in pdf_rows)) for f in files)
    assert all(c.source.crops for c in cards)


def test_a_damaged_pdf_gives_every_card_a_note_not_a_crash() -> None:
    box = '[{"page": 1, "bbox": {"x0": 50, "top": 100, "x1": 250, "bottom": 140}}]'
    rows = [exception_row(f"r1-{i:03d}", "Late.", source_format="pdf", prov=prov)
            for i, prov in enumerate([box, "[]", box], start=1)]
    views = source_views(rows, str(SAMPLES.parent / "tests" / "data" / "pdf" / "truncated.pdf"), crop=True)
    assert [v.crops for v in views] == [(), (), ()]
    assert views[0].note == views[2].note and (views[0].note or "").startswith("Image unavailable (truncated.pdf: not a readable PDF")
    assert views[1].note == "Image unavailable: the record has no page boxes; showing the raw text."


def test_a_card_keeps_the_crops_before_a_page_that_fails(review_out: Path) -> None:
    tables = load_tables(review_out)
    row = next(e for e in tables.exceptions if e["source_format"] == "pdf")
    path = next(r["source_path"] for r in tables.reports if r["report_id"] == row["report_id"])
    good = json.loads(row["prov"])
    row = row | {"prov": json.dumps(good + [{"page": 99, "bbox": {"x0": 0, "top": 0, "x1": 10, "bottom": 10}}])}
    (view,) = source_views([row], path, crop=True)
    assert len(view.crops) == 1 and "page 99 is not in 1.." in (view.note or "")


# --- in the browser -------------------------------------------------------------------------

def hostile_docx(path: Path) -> Path:
    """Write a small DOCX whose cells carry markup that must show as text, not run."""
    import docx

    d = docx.Document()
    d.add_paragraph("Parks and open spaces: exceptions 2020/21")
    d.add_paragraph("Green Spaces", style="Heading 2")
    t = d.add_table(rows=3, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Project Exception", "Mitigation"
    t.cell(1, 0).text = f"Boundary fencing: {PAYLOAD} costs rose by £12,000 in 2020/21."
    t.cell(1, 1).text = f"Quotes are being re-tendered. {PAYLOAD}"
    t.cell(2, 0).text = "Tree planting: the £5k grant for 2020/21 arrived late."
    t.cell(2, 1).text = "Planting moved to the spring."
    d.save(str(path))
    return path


@pytest.fixture(scope="module")
def review_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ingest the samples and a hostile DOCX with the CLI, then build review.html; return the folder."""
    inputs = tmp_path_factory.mktemp("review_in")
    for sample in SAMPLES.iterdir():
        shutil.copy(sample, inputs / sample.name)
    hostile_docx(inputs / "hostile.docx")
    out = tmp_path_factory.mktemp("review_out")
    assert main(["ingest", str(inputs), "--out", str(out), "--quiet", "--no-ner", "--no-review"]) == 0
    write_review(out)
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium (Debian's package); the tests are skipped only when it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium; .ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, review_out: Path) -> Iterator[Any]:
    """review.html open in a fresh browser context, with page errors collected in `page.errors`."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    p = context.new_page()
    p.errors, p.requests = [], []
    p.on("pageerror", lambda e: p.errors.append(str(e)))
    p.on("request", lambda r: p.requests.append(r.url))
    p.goto((review_out / "review.html").as_uri(), wait_until="load")
    yield p
    context.close()


def _primary(review_out: Path) -> pd.DataFrame:
    """Given the review's folder, return the exceptions of reports that are not copies of another."""
    exceptions = pd.read_csv(review_out / "exceptions.csv")
    reports = pd.read_csv(review_out / "reports.csv")
    return exceptions[exceptions["report_id"].isin(reports.loc[reports["duplicate_of"].isna(), "report_id"])]


def test_one_card_per_primary_exception_and_its_copies_listed_on_it(page: Any, review_out: Path) -> None:
    exceptions = pd.read_csv(review_out / "exceptions.csv")
    primary = _primary(review_out)
    ids = page.eval_on_selector_all("article.card", "cards => cards.map(c => c.dataset.id)")
    assert sorted(ids) == sorted(primary["exception_id"]) and len(ids) == 21 and len(exceptions) == 59
    assert page.inner_text("#shown") == "21" and page.errors == []
    listed = page.eval_on_selector_all("p.copies", "ps => ps.flatMap(p => p.dataset.ids.split(' '))")
    assert sorted(listed + ids) == sorted(exceptions["exception_id"])  # every copy's row is on exactly one card
    # The 2016/17 sample's first row is one card naming its PDF (with its page) and its text export,
    # and showing the PDF copy's page image, as its own DOCX row has none.
    first = primary[primary["source_file"].str.endswith("2016-17_project_exceptions.docx") & (primary["position"] == 1)]
    card = page.locator(f"article.card[data-id='{first['exception_id'].iloc[0]}']")
    assert " ".join(card.locator("p.copies").text_content().split()) == (
        "Same row in this report's other copies: 2016-17_project_exceptions.pdf (page 1), 2016-17_project_exceptions.txt")
    assert card.locator("figure.crop").count() >= 1
    # Self-contained: the only thing loaded is the file itself (images are data: URIs).
    assert [u for u in page.requests if not u.startswith("data:")] == [(review_out / "review.html").as_uri()]


def test_highlights_carry_the_parsed_values(page: Any, review_out: Path) -> None:
    marks = page.eval_on_selector_all("mark.amount", """ms => ms.map(m => [m.closest('article').dataset.id,
        m.closest('.text').classList.contains('reason') ? 'reason' : 'mitigation', m.textContent,
        m.dataset.value, m.dataset.kind, m.dataset.year])""")
    amounts = pd.read_csv(review_out / "amounts.csv", keep_default_na=False)
    amounts = amounts[(amounts["field"] != "table") & amounts["exception_id"].isin(_primary(review_out)["exception_id"])]
    expected = {(r.exception_id, r.field, r.text, str(int(float(r.value_gbp))) if float(r.value_gbp).is_integer()
                 else f"{float(r.value_gbp):.2f}", r.kind, r.fiscal_year) for r in amounts.itertuples()}
    assert {tuple(m) for m in marks} == expected and len(marks) == len(amounts)
    # The 2016/17 report's £0.025m shortfall, once: its copies in two other formats have no cards.
    shortfalls = [m for m in marks if m[2] == "£0.025m"]
    assert len(shortfalls) == 1 and all(m[3:] == ["25000", "shortfall", "2016/17"] for m in shortfalls)


def test_hovering_an_amount_shows_value_kind_and_year(page: Any) -> None:
    mark = page.locator("mark.amount", has_text="£0.025m").first
    mark.scroll_into_view_if_needed()
    mark.hover()
    tip = mark.evaluate("m => getComputedStyle(m, '::after').content")
    assert tip == '"£25,000 · shortfall · 2016/17"'


def test_hostile_docx_cell_shows_as_text_and_does_not_run(page: Any) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"], article script').length") == 0
    card = page.locator("article.card", has_text="Boundary fencing")
    assert card.locator("figure.crop").count() == 0  # a DOCX card shows its source cell text
    # content-visibility: an off-screen card has no rendered text until it is scrolled to and painted.
    card.scroll_into_view_if_needed()
    raw = card.locator(".raw dd").nth(1)
    page.wait_for_function("el => el.innerText.length > 0", arg=raw.element_handle())
    assert raw.inner_text() == f"Boundary fencing: {PAYLOAD} costs rose by £12,000 in 2020/21."
    assert page.errors == []


def test_hostile_text_in_every_field_is_escaped(browser: Any, tmp_path: Path) -> None:
    reason = f"{PAYLOAD} overspend of £3k"
    exc = exception_row("r1-001", reason, mitigation=PAYLOAD, programme=PAYLOAD, project=PAYLOAD, status=PAYLOAD,
                        flags=f'["{PAYLOAD.replace(chr(34), chr(39))}"]', raw_project=PAYLOAD)
    amount = {"exception_id": "r1-001", "field": "reason", "text": "£3k", "start": len(reason) - 3, "end": len(reason),
              "value_gbp": 3000.0, "kind": PAYLOAD, "fiscal_year": None, "scale_inferred": False}
    folder = write_tables(tmp_path / "out", [REPORT | {"source_file": PAYLOAD, "warnings": f'["{PAYLOAD.replace(chr(34), chr(39))}"]'}],
                          [exc | {"source_file": PAYLOAD}], [amount])
    context = browser.new_context()
    p = context.new_page()
    p.goto(write_review(folder).as_uri(), wait_until="load")
    assert p.evaluate("typeof window.__pwned") == "undefined"
    assert p.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
    assert p.locator("h3.project").inner_text() == PAYLOAD
    assert p.locator("mark.amount").get_attribute("data-kind") == PAYLOAD
    assert p.locator("#filter-programme option").nth(1).get_attribute("value") == PAYLOAD
    context.close()


def test_flag_legend_filters_the_cards(page: Any) -> None:
    page.click("button[data-set-flag='amount_no_year']")
    expected = page.locator("article.card[data-flags~='amount_no_year']").count()
    assert page.input_value("#filter-flag") == "amount_no_year" and page.inner_text("#shown") == str(expected) != "0"


def test_filters_show_only_matching_cards(page: Any) -> None:
    flagged = page.locator("article.card[data-flags~='low_confidence']").count()
    assert flagged > 0
    page.select_option("#filter-flag", "low_confidence")
    assert page.inner_text("#shown") == str(flagged)
    assert page.locator("article.card:not([hidden])").count() == flagged
    page.select_option("#filter-flag", "*")
    page.select_option("#filter-programme", "Cross Cutting Interventions")
    assert page.locator("article.card:not([hidden])").count() == page.locator(
        "article.card[data-programme='Cross Cutting Interventions']").count() == int(page.inner_text("#shown")) > 0


def test_verdicts_export_as_csv_and_survive_a_reload(page: Any) -> None:
    cards = page.locator("article.card")
    first, second = cards.nth(0), cards.nth(1)
    first.locator("button[data-v='right']").click()
    second.locator("button[data-v='wrong']").click()
    second.locator("textarea.note").fill('year is 2017/18, "not" 2016/17')
    with page.expect_download() as info:
        page.click("#export")
    text = Path(info.value.path()).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    ids = [first.get_attribute("data-id"), second.get_attribute("data-id")]
    assert rows == [["target_id", "field", "value", "verdict", "note"], [ids[0], "", "", "right", ""],
                    [ids[1], "", "", "wrong", 'year is 2017/18, "not" 2016/17']]
    assert info.value.suggested_filename == "corrections.csv"
    page.reload(wait_until="load")
    assert page.locator("article.card").nth(1).get_attribute("data-verdict") == "wrong"
    assert page.locator("article.card").nth(1).locator("textarea.note").input_value() == 'year is 2017/18, "not" 2016/17'
    assert page.inner_text("#tally") == "2 checked (1 right, 1 wrong)"


def _export(page: Any) -> list[list[str]]:
    """Given the review page, click its export button and return the downloaded corrections.csv rows."""
    with page.expect_download() as info:
        page.click("#export")
    return list(csv.reader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))


def test_corrections_made_in_a_card_export_survive_a_reload_and_import_elsewhere(page: Any, browser: Any, review_out: Path,
                                                                                 tmp_path: Path) -> None:
    card = page.locator("article.card").nth(2)
    eid = card.get_attribute("data-id")
    card.locator("button.edit").click()
    project = card.locator(f"[id='edit-{eid}-project']")
    assert project.input_value() == card.get_attribute("data-project")
    project.fill("=HYPERLINK(\"x\")")
    card.locator(f"[id='edit-{eid}-mitigation']").fill("Re-tendered, line one\nline two")
    dropped = page.locator("article.card").nth(3)
    dropped.locator("button[data-v='drop']").click()
    rows = _export(page)
    assert rows == [["target_id", "field", "value", "verdict", "note"],
                    [eid, "mitigation", "Re-tendered, line one\nline two", "wrong", ""],
                    [eid, "project", "'=HYPERLINK(\"x\")", "wrong", ""],
                    [dropped.get_attribute("data-id"), "", "", "drop", ""]]
    assert card.get_attribute("data-corrected") == "true" and "1 corrected" in page.inner_text("#tally")
    page.reload(wait_until="load")
    card = page.locator(f"article.card[data-id='{eid}']")
    card.locator("button.edit").click()
    assert card.locator(f"[id='edit-{eid}-project']").input_value() == "=HYPERLINK(\"x\")"
    # Another reviewer's page (no localStorage) takes the file back in.
    saved = tmp_path / "corrections.csv"
    with saved.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    other = browser.new_context()
    fresh = other.new_page()
    fresh.goto((review_out / "review.html").as_uri(), wait_until="load")
    fresh.set_input_files("#import", str(saved))
    fresh.wait_for_function("document.getElementById('imported').textContent.length > 0")
    assert fresh.inner_text("#imported") == "3 corrections imported"
    assert fresh.locator(f"article.card[data-id='{dropped.get_attribute('data-id')}']").get_attribute("data-verdict") == "drop"
    again = fresh.locator(f"article.card[data-id='{eid}']")
    again.locator("button.edit").click()
    assert again.locator(f"[id='edit-{eid}-project']").input_value() == "=HYPERLINK(\"x\")"
    other.close()


def test_a_malformed_corrections_file_is_refused_with_its_line(page: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("target_id,field,value,verdict,note\nabc,,,maybe,\n", encoding="utf-8")
    page.set_input_files("#import", str(bad))
    page.wait_for_function("document.getElementById('imported').textContent.length > 0")
    assert page.inner_text("#imported") == "not imported: line 2 is not a correction"


def test_cards_come_worst_first_and_sort_back_to_document_order(page: Any) -> None:
    flagged = page.eval_on_selector_all("article.card", "cs => cs.map(c => c.dataset.flags !== '')")
    assert flagged == sorted(flagged, reverse=True) and any(flagged) and not all(flagged)
    page.select_option("#order", "document")
    ranks = page.eval_on_selector_all("article.card", "cs => cs.map(c => Number(c.dataset.rank))")
    assert ranks == sorted(ranks) == list(range(len(ranks)))


def test_a_correction_made_in_the_page_comes_back_through_a_re_ingest(browser: Any, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for sample in sorted(SAMPLES.glob("*.docx")):
        shutil.copy(sample, inputs / sample.name)
    out = tmp_path / "out"
    assert main(["ingest", str(inputs), "--out", str(out), "--quiet", "--no-ner"]) == 0
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto((out / "review.html").resolve().as_uri(), wait_until="load")
    # The overview says what changed between the two years: 7 new, 4 continuing, 4 resolved projects.
    assert [c.strip() for c in page.locator("table.changes tbody td.num").all_inner_texts()] == ["7", "4", "4"]
    cards = page.locator("article.card")
    edited, dropped = cards.nth(0), cards.nth(1)
    eid, gone = edited.get_attribute("data-id"), dropped.get_attribute("data-id")
    edited.locator("button.edit").click()
    edited.locator(f"[id='edit-{eid}-project']").fill("Corrected project name")
    dropped.locator("button[data-v='drop']").click()
    money = page.locator(f"article.card:not([data-id='{gone}']) tr[data-amount-id]:not([data-amount-id=''])").first
    aid = money.get_attribute("data-amount-id")
    money_card = page.locator(f"article.card:has(tr[data-amount-id='{aid}'])")
    money_card.locator("button.edit").click()
    money_card.locator(f"[id='edit-{aid}-value_gbp']").fill("12345")
    with page.expect_download() as info:
        page.click("#export")
    corrections = out / "corrections.csv"
    text = Path(info.value.path()).read_text(encoding="utf-8")
    corrections.write_text(text + "no-such-id-999,project,Nowhere,wrong,\r\n", encoding="utf-8")
    context.close()
    for _ in range(2):  # the second run takes every file from the cache
        assert main(["ingest", str(inputs), "--out", str(out), "--quiet", "--no-ner"]) == 0
        exceptions = pd.read_csv(out / "exceptions.csv", encoding="utf-8-sig").set_index("exception_id")
        assert exceptions.loc[eid, "project"] == "Corrected project name" and gone not in exceptions.index
        amounts = pd.read_csv(out / "amounts.csv", encoding="utf-8-sig").set_index("amount_id")
        assert aid and amounts.loc[aid, "value_gbp"] == 12345
        run = json.loads((out / "run.json").read_text(encoding="utf-8"))
        assert [o["target_id"] for o in run["corrections"]["orphaned"]] == ["no-such-id-999"]
        with duckdb.connect(str(out / "slippage.duckdb"), read_only=True) as con:
            assert con.sql(f"SELECT project FROM exceptions WHERE exception_id = '{eid}'").fetchall() == [("Corrected project name",)]
            assert con.sql(f"SELECT count(*) FROM exceptions WHERE exception_id = '{gone}'").fetchall() == [(0,)]
    assert run["cached"] == 2
    page_text = (out / "review.html").read_text(encoding="utf-8")
    assert "1 correction found no row" in page_text and "no-such-id-999" in page_text
