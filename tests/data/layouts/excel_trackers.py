"""Two wide trackers of invented bodies, many money columns and the commentary squeezed to the right.

l31: a capital tracker exported from a spreadsheet: Code | Scheme | Approved £000 | Spend to date £000 |
     2024/25 Forecast £000 | 2025/26 Forecast £000 | Variance £000 | RAG | Comment, bracketed negatives, a
     bold Total row, and one narrow Comment cell holding the reason and, after "Action:" or "Mitigation:", the
     mitigation.
l32: an NHS trust's cost improvement programme (CIP): Scheme ID | Scheme | Annual plan £000 | YTD plan £000 |
     YTD actual £000 | YTD variance £000 | Explanation of variance | Recovery plan, under division rows
     merged across the table.
"""

from __future__ import annotations

from model import Layout, Money, Para, Record, Row, Table


def _cell_value(cell: str, unit: int = 1000) -> int:
    """Given a money cell ('1,250', '(470)'), return its value in pounds."""
    value = int(cell.strip("()").replace(",", "")) * unit
    return -value if cell.startswith("(") else value


# --- l31: spreadsheet capital tracker --------------------------------------------------------------

_L31 = (  # code, scheme, approved, spend, f24, f25, variance, rag, reason, label, action, amounts, years, notes
    ("C1042", "Northgate car park deck repairs", "1,250", "410", "780", "470", "(470)", "A",
     "Concrete testing found more chloride damage than the survey showed; repair areas doubled.",
     "Action:", "phased closure of levels agreed with the operator; remaining works in 2025/26.",
     (), ("2025/26",), "Reason and mitigation share the Comment cell, split at 'Action:'."),
    ("C1057", "Riverside cycle route phase 2", "860", "120", "300", "560", "(560)", "R",
     "Land deal with the rail operator not yet signed, so works cannot start.",
     "Mitigation:", "heads of terms agreed; £560k re-phased to 2025/26 with the funder's consent.",
     (Money("£560k", 560000, "mitigation", "slippage", "2025/26"),), ("2025/26",),
     "Split at 'Mitigation:'; re-phased to a later year is slippage of that year."),
    ("C1063", "Museum lift replacement", "240", "95", "265", "0", "25", "A",
     "Asbestos found in the lift shaft added £25k to the contract.",
     "Action:", "cost met from the corporate contingency.",
     (Money("£25k", 25000, "reason", "overspend"),), (),
     "A positive Variance is forecast above the approved sum: overspend, as the £25k in the text."),
    ("C1071", "Schools boiler programme", "1,900", "1,310", "1,640", "260", "(260)", "G",
     "Two boilers deferred to the summer holiday to avoid closing schools in term time.",
     "", "", (), (), "No label: the whole comment is the reason and mitigation is ''."),
    ("C1088", "Crematorium car park extension", "330", "15", "60", "270", "(270)", "R",
     "Planning refused in November on highway grounds.",
     "Action:", "revised access design to be submitted in January.", (), (), "No money in the text."),
)
_L31_KINDS = (("other", None), ("other", None), ("other", "2024/25"), ("other", "2025/26"))


def _l31_variance(cell: str) -> Money:
    """Given a Variance cell, return its amount: bracketed (spend moved to the next year) slippage, else overspend."""
    value = _cell_value(cell)
    return Money(cell, value, "table", "slippage" if value < 0 else "overspend")


def _l31_record(r: tuple) -> Record:  # type: ignore[type-arg]
    """Given an l31 row's data, return its gold record."""
    code, scheme, *money, rag, reason, _, action, amounts, years, notes = r
    table = tuple(Money(c, _cell_value(c), "table", kind, fy) for c, (kind, fy) in zip(money[:4], _L31_KINDS, strict=True))
    return Record(scheme, reason, action, status={"R": "red", "A": "amber", "G": "green"}[rag],
                  amounts=(*table, _l31_variance(money[4]), *amounts), fiscal_years=years, notes=notes)


def _l31_row(r: tuple) -> Row:  # type: ignore[type-arg]
    """Given an l31 row's data, return its table row, the comment one cell."""
    code, scheme, *money, rag, reason, label, action, _, _, _ = r
    comment = f"{reason} {label} {action}" if label else reason
    return Row(tuple((c,) for c in (code, scheme, *money, rag, comment)))


L31 = Layout(
    stem="l31_capital_tracker_export_2024-25_p9",
    title="Fenwick Cross Borough Council – Capital Tracker 2024/25, Period 9: Schemes Flagged for Exception",
    report_period="2024/25",
    notes="One wide landscape table, a spreadsheet exported to PDF. Code is a reference, not the project or a "
          "programme; project = Scheme. RAG letters R/A/G give status red/amber/green. The narrow Comment cell holds the "
          "reason and, after an inline 'Action:' or 'Mitigation:' label, the mitigation (label in neither field); a "
          "comment with no label is all reason. Money columns in £000 (x1000), bracketed negatives: Approved, Spend to "
          "date, 2024/25 Forecast and 2025/26 Forecast are other (the forecast columns with the year of their header); "
          "Variance (2024/25 forecast minus approved) is slippage when bracketed (spend moved into 2025/26) and "
          "overspend when positive; a 0 cell is a real amount. The bold Total row is not a record.",
    blocks=(
        Para("Extract from the capital tracker: schemes flagged R or A, or with a variance above £250k."),
        Table(("Code", "Scheme", "Approved £000", "Spend to date £000", "2024/25 Forecast £000", "2025/26 Forecast £000",
               "Variance £000", "RAG", "Comment"),
              (*(_l31_row(r) for r in _L31),
               Row((("",), ("Total",), ("4,580",), ("1,950",), ("3,045",), ("1,560",), ("(1,535)",), ("",), ("",)), bold=True)),
              (7, 18, 8, 8, 9, 9, 8, 5, 28)),
    ),
    records=tuple(_l31_record(r) for r in _L31),
    landscape=True,
    borderless_pdf=True,
    tab_txt=True,
    formats=("html",),
)


# --- l32: NHS cost improvement programme -----------------------------------------------------------

_SURGERY = "Surgery Division"
_MEDICINE = "Medicine Division"
_CORPORATE = "Corporate Services"
_L32 = (  # division, id, scheme, annual plan, ytd plan, ytd actual, ytd variance, explanation, recovery, amounts, years, notes
    (_SURGERY, "CIP-S04", "Theatre list utilisation", "900", "525", "310", "(215)",
     "Anaesthetist vacancies have cancelled 38 elective lists since April, so the extra activity the scheme relies on "
     "has not been delivered.",
     "Two locum anaesthetists start in December and Saturday lists resume from January.", (), (),
     "No money in the text; YTD variance negative is shortfall."),
    (_SURGERY, "CIP-S09", "Orthopaedic implant procurement", "420", "245", "180", "(65)",
     "The regional framework price for hip implants was agreed three months later than expected.",
     "The new prices apply from October; the £65k gap to date will be recovered by the end of 2024/25.",
     (Money("£65k", 65000, "mitigation", "shortfall", "2024/25"),), ("2024/25",),
     "The gap to date is the shortfall, in the clause naming 2024/25."),
    (_MEDICINE, "CIP-M02", "Reduction in agency nursing", "1,200", "700", "410", "(290)",
     "Winter escalation beds stayed open through the summer, and they are staffed by agency nurses.",
     "Escalation beds close on 30 November and a bank-only staffing rule applies from then.", (), (),
     "No money in the text; 30 November is a calendar date."),
    (_MEDICINE, "CIP-M06", "Outpatient follow-up redesign", "350", "205", "240", "35",
     "Patient-initiated follow-up has been taken up faster than planned in dermatology and rheumatology.",
     "The model will be extended to cardiology from February.", (), (),
     "A positive YTD variance is over_achievement."),
    (_CORPORATE, "CIP-C03", "Estates rationalisation", "600", "350", "120", "(230)",
     "The sale of the Chantry House offices has been delayed by the buyer's funding, so running costs of £19k a month "
     "continue.",
     "The Trust is marketing the building to a second bidder and has given notice on the service contracts.",
     (Money("£19k", 19000, "reason", "rate"),), (), "'£19k a month' is a rate."),
)
_L32_KINDS = ("saving_target", "saving_target", "saving_achieved")


def _l32_record(r: tuple) -> Record:  # type: ignore[type-arg]
    """Given an l32 row's data, return its gold record."""
    division, _, scheme, *money, explanation, recovery, amounts, years, notes = r
    table = tuple(Money(c, _cell_value(c), "table", kind) for c, kind in zip(money[:3], _L32_KINDS, strict=True))
    variance = _cell_value(money[3])
    return Record(scheme, explanation, recovery, programme=division,
                  amounts=(*table, Money(money[3], variance, "table", "shortfall" if variance < 0 else "over_achievement"),
                           *amounts), fiscal_years=years, notes=notes)


def _l32_rows() -> tuple[Row, ...]:
    """Return l32's body rows: a merged division row before each division's schemes."""
    rows: list[Row] = []
    for division in (_SURGERY, _MEDICINE, _CORPORATE):
        rows.append(Row(((division,),), bold=True, span=True))
        rows += [Row(tuple((c,) for c in r[1:9])) for r in _L32 if r[0] == division]
    return tuple(rows)


L32 = Layout(
    stem="l32_nhs_cip_schemes_off_plan_2024-25_m7",
    title="Westbourne and Lyme Valley NHS Foundation Trust – Cost Improvement Programme 2024/25: Schemes Off Plan at "
          "Month 7",
    report_period="2024/25",
    notes="One ruled landscape table with division rows merged across it (Surgery Division, Medicine Division, Corporate "
          "Services), each the programme of the schemes under it. Scheme ID is a reference; project = Scheme. reason = "
          "Explanation of variance, mitigation = Recovery plan. Money columns in £000 (x1000): Annual plan and YTD plan "
          "are saving_target, YTD actual is saving_achieved, YTD variance is shortfall when bracketed and "
          "over_achievement when positive; no year in the headers (fiscal_year null). No status column.",
    blocks=(
        Para("Cost improvement schemes more than 10% behind their year-to-date plan, or ahead of it, at Month 7."),
        Table(("Scheme ID", "Scheme", "Annual plan £000", "YTD plan £000", "YTD actual £000", "YTD variance £000",
               "Explanation of variance", "Recovery plan"), _l32_rows(), (8, 15, 8, 8, 8, 8, 24, 21)),
    ),
    records=tuple(_l32_record(r) for r in _L32),
    landscape=True,
    formats=("odt",),
)
