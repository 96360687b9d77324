"""The fused extractor against the human gold, with the installed spaCy model."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from spacy.language import Language

from normalise.entities.mentions import FieldText, Mentions, find_mentions
from normalise.entities.spacy_model import EntityMention, ModelNotInstalled, load_nlp
from normalise.money.amounts import Amount
from normalise.time.years import YearMention

GOLD = sorted(Path(__file__).parent.joinpath("gold").glob("*.json"))


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def gold_rows(path: Path) -> tuple[str | None, list[dict]]:  # type: ignore[type-arg]
    doc = json.loads(path.read_text(encoding="utf-8"))
    return doc["report_period"], doc["exceptions"]


def fields_of(rows: list[dict]) -> Iterator[FieldText]:  # type: ignore[type-arg]
    for i, row in enumerate(rows):
        for name in ("reason", "mitigation"):
            yield FieldText(str(i), name, row[name])


def score(rows: list[dict], found: Mentions) -> dict[str, float]:  # type: ignore[type-arg]
    """Given gold rows and mentions, return amounts F1, kind and fy accuracy, years F1 (score.py's rules)."""
    tp = fp = fn = kind_ok = fy_ok = y_tp = y_fp = y_fn = 0
    for i, row in enumerate(rows):
        left = list(row["amounts"])
        for eid, field, a in found.amounts:
            if eid != str(i):
                continue
            hit = next((g for g in left if g["field"] == field and Decimal(g["value_gbp"]) == a.value_gbp), None)
            if hit is None:
                fp += 1
                continue
            left.remove(hit)
            tp += 1
            kind_ok += hit["kind"] == a.kind
            fy_ok += hit["fiscal_year"] == a.fiscal_year
        fn += len(left)
        gold_years = set(row["fiscal_years"])
        pred_years = {y.fiscal_year for eid, _, y in found.years if eid == str(i) and y.fiscal_year}
        y_tp, y_fp, y_fn = y_tp + len(gold_years & pred_years), y_fp + len(pred_years - gold_years), \
            y_fn + len(gold_years - pred_years)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    years_f1 = 2 * y_tp / (2 * y_tp + y_fp + y_fn) if y_tp + y_fp + y_fn else 1.0
    return {"amounts": f1, "kind": kind_ok / tp, "fy": fy_ok / tp, "years": years_f1}


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_fused_extractor_meets_the_gold(path: Path, nlp: Language) -> None:
    period, rows = gold_rows(path)
    found = find_mentions(list(fields_of(rows)), report_period=period, nlp=nlp)
    result = score(rows, found)
    assert result["amounts"] == 1.0, result
    assert result["kind"] >= 0.9 and result["fy"] >= 0.9, result
    assert result["years"] >= 0.98, result


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_rules_alone_meet_the_gold(path: Path) -> None:
    period, rows = gold_rows(path)
    result = score(rows, find_mentions(list(fields_of(rows)), report_period=period))
    assert result["amounts"] == 1.0 and result["years"] >= 0.98, result


def test_ner_alone_loses_the_scale_and_fusion_counts_it(nlp: Language) -> None:
    period, rows = gold_rows(next(p for p in GOLD if p.stem.startswith("2016-17")))
    found = find_mentions(list(fields_of(rows)), report_period=period, nlp=nlp)
    assert found.stats.ner_money > 0
    assert found.stats.disagreements >= 10  # NER says "0.025" where the rule says 25000
    assert found.stats.regex_only == 0 and found.stats.ruler_only == 0


def test_offsets_index_each_field(nlp: Language) -> None:
    period, rows = gold_rows(GOLD[-1])
    fields = list(fields_of(rows))
    texts = {(f.exception_id, f.field): f.text for f in fields}
    found = find_mentions(fields, report_period=period, nlp=nlp)
    every: list[tuple[str, str, Amount | YearMention | EntityMention]] = [*found.amounts, *found.years, *found.entities]
    for eid, field, m in every:
        assert texts[eid, field][m.start:m.end] == m.text
    assert any(e.label in {"ORG", "GPE", "FAC", "PERSON"} for _, _, e in found.entities)


def test_bare_figure_takes_scale_from_the_same_row_only() -> None:
    fields = [
        FieldText("r1", "reason", "a small under delivery of £0.025m savings in 2016/17."),
        FieldText("r1", "mitigation", "The £0.025 short fall in 2016/17 will be made up."),
        FieldText("r2", "reason", "A fee of £0.025 applies."),
        FieldText("r2", "mitigation", "The fee is £1.50 per page."),
    ]
    found = {(eid, field): a for eid, field, a in find_mentions(fields, report_period="2016/17").amounts}
    assert (found["r1", "mitigation"].value_gbp, found["r1", "mitigation"].scale_inferred) == (Decimal(25_000), True)
    assert found["r1", "mitigation"].kind == "shortfall"
    assert found["r2", "reason"].value_gbp == Decimal("0.025")  # row r2 and the batch have no scale convention


def test_row_convention_scales_an_implausible_figure() -> None:
    fields = [FieldText("r1", "reason", "A target of £0.500m, of which £0.250m is achieved and £0.1 is at risk.")]
    (_, _, a), (_, _, b), (_, _, c) = find_mentions(fields, report_period=None).amounts
    assert (c.value_gbp, c.scale_inferred, c.kind) == (Decimal(100_000), True, "at_risk")


def test_ner_adds_a_calendar_year_the_rules_miss(nlp: Language) -> None:
    fields = [FieldText("r1", "reason", "The contract signed 2017 runs to the end of 2019 for Nottinghamshire.")]
    found = find_mentions(fields, report_period=None, nlp=nlp)
    dates = {y.date for _, _, y in found.years}
    assert found.stats.ner_years_added >= 1 and dates & {"2017", "2019"}


def test_missing_model_names_the_install_command() -> None:
    with pytest.raises(ModelNotInstalled, match=r"tried no_such_model_x, no_such_model_y.*pip install en-core-web-sm"):
        load_nlp(("no_such_model_x", "no_such_model_y"))


def test_env_var_overrides_the_first_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLIPPAGE_SPACY_MODEL", "no_such_model_z")
    with pytest.raises(ModelNotInstalled, match="tried no_such_model_z, no_such_model_y"):
        load_nlp(("a", "no_such_model_y"))


def test_model_is_loaded_once_with_only_ner(nlp: Language) -> None:
    assert load_nlp() is nlp
    assert nlp.pipe_names == ["ner", "slippage_ruler"]
