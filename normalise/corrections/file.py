"""A reviewer's corrections file, read and checked: `target_id,field,value,verdict,note`.

One line per judgement, as the review page exports it:

- `target_id` an `exception_id` or an `amount_id` (`export/ids.py`: an exception id
  followed by `-r127`, `-m40` or `-t2`);
- `field` the column judged, or empty for a verdict on the whole row;
- `verdict` `right`, `wrong` or `drop` (the row is not an exception / not a money figure);
  empty on a line with no field for a note alone, and read as `wrong` on a line with a field
  (a value given is a correction);
- `value` the right value of `field` (verdict `wrong`). Empty clears the field: an empty
  mitigation or reason, no programme or status, no value or year for an amount; a project
  name or an amount's kind cannot be cleared (drop the row instead);
- `note` free text.

A cell the page defused for spreadsheets (`'=...`, `'-500`) is read without the `'`.
Older verdict exports (`exception_id,verdict,note`) read too: `exception_id` is taken for
`target_id`. Anything else is an error naming the file and line, so a typo never turns
into a correction applied to the wrong thing. Applying them is `normalise/correct.py`.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

CORRECTIONS_FILE = "corrections.csv"  # OUT/corrections.csv, where the review page's export is applied from
VERDICTS = ("right", "wrong", "drop")
NOTE = ""  # the verdict of a line that only carries a note
# Fields an empty value clears, and to what (the contract: mitigation is "" when there is none).
CLEARED: dict[str, str | None] = {"reason": "", "mitigation": "", "programme": None, "status": None,
                                  "value_gbp": None, "fiscal_year": None}
DEFUSED_RE = re.compile(r"^'(?=[=+\-@\t\r])")
COLUMNS = ("target_id", "field", "value", "verdict", "note")
REQUIRED = ("target_id", "verdict")
# Columns of each table a reviewer may correct (the review page's editable fields).
EXCEPTION_FIELDS = ("programme", "project", "reason", "mitigation", "status")
AMOUNT_FIELDS = ("value_gbp", "kind", "fiscal_year")
# An amount id ends in a field letter and an offset or ordinal (`-r127`, `-t2`, `-r4.2`);
# an exception id in a three-digit position (`-004`).
AMOUNT_ID_RE = re.compile(r"-[a-z]\d+(?:\.\d+)?$")


class CorrectionsError(ValueError):
    """A corrections file that cannot be read as corrections; the message names the line."""


@dataclass(frozen=True, slots=True)
class Correction:
    """One line of a corrections file, checked: `value` is already of the column's type."""

    line: int
    target_id: str
    field: str
    value: Any
    text: str
    verdict: str
    note: str

    @property
    def table(self) -> str:
        """Given the correction, return the table its target is a row of."""
        return "amounts" if is_amount_id(self.target_id) else "exceptions"

    @property
    def exception_id(self) -> str:
        """Given the correction, return the exception its target is or belongs to."""
        return exception_of(self.target_id)

    @property
    def changes_value(self) -> bool:
        """Given the correction, return whether applying it sets (or clears) a value."""
        return self.verdict == "wrong" and bool(self.field)


def is_amount_id(target_id: str) -> bool:
    """Given a target id, return whether it names an `amounts` row.

    >>> is_amount_id("5fa7e49c78771768-003-r127"), is_amount_id("5fa7e49c78771768-003")
    (True, False)
    """
    return bool(AMOUNT_ID_RE.search(target_id))


def exception_of(target_id: str) -> str:
    """Given an exception or amount id, return the exception id.

    >>> exception_of("5fa7e49c78771768-003-t2"), exception_of("5fa7e49c78771768-003")
    ('5fa7e49c78771768-003', '5fa7e49c78771768-003')
    """
    return target_id.rsplit("-", 1)[0] if is_amount_id(target_id) else target_id


def read_corrections(path: Path) -> tuple[Correction, ...]:
    """Read and check a corrections CSV file.

    Args:
        path: a UTF-8 CSV (a BOM, as Excel writes, is fine) with a header row.

    Returns:
        One `Correction` per non-blank line, in file order.

    Raises:
        CorrectionsError: the file cannot be read, or a line is malformed (unknown column,
            verdict or field, a value of the wrong type, two different judgements of one
            target and field); the message names the file and the line.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise CorrectionsError(f"{path.name}: cannot be read as UTF-8 text ({e})") from e
    return parse_corrections(text, name=path.name)


def parse_corrections(text: str, *, name: str = "corrections.csv") -> tuple[Correction, ...]:
    """Given the text of a corrections file and its name for messages, return its corrections (see `read_corrections`).

    >>> [c.value for c in parse_corrections("target_id,field,value,verdict,note\\nr-001-r4,value_gbp,£0.5m,wrong,\\n")]
    [Decimal('500000')]
    >>> parse_corrections("target_id,verdict,colour\\n")
    Traceback (most recent call last):
    ...
    normalise.corrections.file.CorrectionsError: corrections.csv line 1: unknown column 'colour' (columns: target_id, field, value, verdict, note)
    """
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise CorrectionsError(f"{name}: empty file (expected the header {','.join(COLUMNS)})")
    columns = _columns(header, name)
    out: list[Correction] = []
    line = reader.line_num + 1
    for cells in reader:
        if any(c.strip() for c in cells):
            out.append(_correction(dict(zip(columns, cells, strict=False)), len(cells), len(columns), f"{name} line {line}", line))
        line = reader.line_num + 1
    _no_conflicts(out, name)
    return tuple(out)


def _columns(header: list[str], name: str) -> list[str]:
    """Given a header row, return its column names (`exception_id` read as `target_id`), checked."""
    columns = ["target_id" if h.strip() == "exception_id" else h.strip() for h in header]
    for col in columns:
        if col not in COLUMNS:
            raise CorrectionsError(f"{name} line 1: unknown column {col!r} (columns: {', '.join(COLUMNS)})")
    missing = [c for c in REQUIRED if c not in columns]
    if missing or len(set(columns)) != len(columns):
        raise CorrectionsError(f"{name} line 1: the header needs {', '.join(REQUIRED)} once each, got {','.join(header)}")
    return columns


def _correction(cells: dict[str, str], n_cells: int, n_columns: int, where: str, line: int) -> Correction:
    """Given one line's cells by column, return its checked correction."""
    if n_cells > n_columns:
        raise CorrectionsError(f"{where}: {n_cells} cells, the header has {n_columns} (a value with a comma needs quotes)")
    target, field, verdict, text, note = (_cell(cells, c) for c in ("target_id", "field", "verdict", "value", "note"))
    verdict = verdict.lower() or ("wrong" if field else NOTE)
    if not target:
        raise CorrectionsError(f"{where}: no target_id")
    if verdict not in VERDICTS and not (verdict == NOTE and note):
        raise CorrectionsError(f"{where}: verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
    allowed = AMOUNT_FIELDS if is_amount_id(target) else EXCEPTION_FIELDS
    if field and field not in allowed:
        what = "an amount" if is_amount_id(target) else "an exception"
        raise CorrectionsError(f"{where}: {field!r} is not a field of {what} a review can correct ({', '.join(allowed)})")
    if field and verdict == "drop":
        raise CorrectionsError(f"{where}: 'drop' removes the whole row; leave field empty")
    value = _typed(field, text, where) if field and verdict == "wrong" else None
    return Correction(line, target, field, value, text, verdict, note)


def _cell(cells: dict[str, str], column: str) -> str:
    """Given a line's cells and a column, return its text stripped, without a spreadsheet-defusing `'`.

    >>> _cell({"value": " '-1,781 "}, "value"), _cell({"note": "'tis"}, "note"), _cell({}, "field")
    ('-1,781', "'tis", '')
    """
    return DEFUSED_RE.sub("", cells.get(column, "").strip())


def _typed(field: str, text: str, where: str) -> Any:
    """Given a field and the value written for it, return the value as the column holds it."""
    if not text:
        if field not in CLEARED:
            raise CorrectionsError(f"{where}: {field} cannot be empty (drop the row if it is not one)")
        return CLEARED[field]
    # The parsers are imported when a correction needs them: a run without corrections finds
    # where they would be (`corrections_path`) without paying for the amount rules.
    from normalise.money.amounts import parse_amount
    from normalise.money.kind_rules import KINDS

    if field == "value_gbp":
        value: Decimal | None = parse_amount(text)
        if value is None:
            raise CorrectionsError(f"{where}: value_gbp {text!r} is not one money figure (e.g. 25000 or £0.025m)")
        return value
    if field == "kind":
        if text not in KINDS:
            raise CorrectionsError(f"{where}: kind {text!r} is not one of {', '.join(KINDS)}")
        return text
    if field == "fiscal_year":
        return _fiscal_year(text, where)
    return text.lower() if field == "status" else text


def _fiscal_year(text: str, where: str) -> str:
    """Given a written financial year, return it as YYYY/YY.

    >>> _fiscal_year("2019/2020", "x"), _fiscal_year("FY18/19".replace("18/", "2018/"), "x")
    ('2019/20', '2018/19')
    """
    from normalise.time.years import normalise_fiscal_year  # imported when a correction needs it, as the parsers are

    fiscal = normalise_fiscal_year(text)
    if fiscal is None:
        raise CorrectionsError(f"{where}: fiscal_year {text!r} is not a financial year such as 2018/19")
    return fiscal


def _no_conflicts(corrections: list[Correction], name: str) -> None:
    """Given a file's corrections, raise if one target and field is judged twice in different ways."""
    first: dict[tuple[str, str], Correction] = {}
    for c in corrections:
        before = first.setdefault((c.target_id, c.field), c)
        if (before.verdict, before.value) != (c.verdict, c.value):
            what = f"{c.target_id} {c.field}" if c.field else c.target_id
            raise CorrectionsError(f"{name} line {c.line}: {what} was judged differently on line {before.line}")


def corrections_path(given: Path | None, out_dir: Path) -> Path | None:
    """Given `--corrections` (or None) and the output folder, return the corrections file to apply, if any.

    A file given must exist (a typo must not pass for "no corrections"); OUT/corrections.csv
    is used when it is there.
    """
    if given is not None:
        if not given.is_file():
            raise FileNotFoundError(f"--corrections {given}: no such file")
        return given
    default = out_dir / CORRECTIONS_FILE
    return default if default.is_file() else None
