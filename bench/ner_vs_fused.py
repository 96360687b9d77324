"""Print amount precision/recall of spaCy NER alone vs the fused extractor, and its throughput.

    python bench/ner_vs_fused.py [--repeat N]

Input: the reason/mitigation texts of the human gold (tests/gold/*.json). NER alone means
every MONEY entity of the model, its text parsed with `parse_amount`; fused means
`normalise.entities.mentions.find_mentions`. A predicted amount is correct when its value (to the
pound) equals an unmatched gold amount of the same row and field, as in score.py.
Throughput times `find_mentions` over all fields (model already loaded), `--repeat` times.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from normalise.entities.mentions import FieldText, find_mentions  # noqa: E402
from normalise.entities.spacy_model import load_nlp  # noqa: E402
from normalise.money.amounts import parse_amount  # noqa: E402

Key = tuple[str, str, str]  # (document, exception_id, field)


def load_gold() -> tuple[list[tuple[str, str | None, list[FieldText]]], dict[Key, list[Decimal]]]:
    """Return per document (name, period, fields) and the gold amount values per (doc, row, field)."""
    docs, gold = [], {}
    for path in sorted((ROOT / "tests" / "gold").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        fields = []
        for i, row in enumerate(data["exceptions"]):
            for name in ("reason", "mitigation"):
                fields.append(FieldText(str(i), name, row[name]))
                gold[path.stem, str(i), name] = [Decimal(a["value_gbp"]) for a in row["amounts"] if a["field"] == name]
        docs.append((path.stem, data["report_period"], fields))
    return docs, gold


def precision_recall(pred: Iterable[tuple[Key, Decimal | None]], gold: dict[Key, list[Decimal]]) -> tuple[float, float]:
    """Given predicted (key, value) pairs and gold values per key, return (precision, recall)."""
    left = {k: list(v) for k, v in gold.items()}
    tp = fp = 0
    for key, value in pred:
        pool = left.get(key, [])
        hit = next((g for g in pool if value is not None and round(value) == round(g)), None)
        if hit is None:
            fp += 1
        else:
            pool.remove(hit)
            tp += 1
    n_gold = sum(len(v) for v in gold.values())
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / n_gold if n_gold else 1.0)


def main(argv: list[str] | None = None) -> int:
    """Print the comparison table and the throughput line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    nlp = load_nlp()
    docs, gold = load_gold()
    ner_pred, fused_pred = [], []
    for stem, period, fields in docs:
        for f, doc in zip(fields, nlp.pipe(f.text for f in fields), strict=True):
            key = (stem, f.exception_id, f.field)
            ner_pred += [(key, parse_amount(e.text)) for e in doc.ents if e.label_ == "MONEY"]
        found = find_mentions(fields, report_period=period, nlp=nlp)
        fused_pred += [((stem, eid, field), a.value_gbp) for eid, field, a in found.amounts]
    n_gold = sum(len(v) for v in gold.values())
    print(f"gold amounts: {n_gold} in {sum(len(f) for _, _, f in docs)} fields of {len(docs)} documents")
    print(f"{'extractor':<14}{'predicted':>10}{'precision':>11}{'recall':>8}")
    for name, pred in (("spaCy NER", ner_pred), ("fused", fused_pred)):
        p, r = precision_recall(pred, gold)
        print(f"{name:<14}{len(pred):>10}{p:>11.3f}{r:>8.3f}")
    n_fields = n_mentions = 0
    start = time.perf_counter()
    for _ in range(args.repeat):
        for _, period, fields in docs:
            found = find_mentions(fields, report_period=period, nlp=nlp)
            n_fields += len(fields)
            n_mentions += len(found.amounts) + len(found.years) + len(found.entities)
    elapsed = time.perf_counter() - start
    print(f"throughput (fused, {args.repeat} runs): {n_mentions / elapsed:,.0f} mentions/s, "
          f"{n_fields / elapsed:,.1f} docs/s (a doc = one field text)")
    print(f"last run stats: {found.stats}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
