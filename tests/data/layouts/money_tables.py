"""Two money-table exception layouts of invented councils, each with the records it must give.

l1: highways capital slippage table in £k, commentary holding reason and "Action:" mitigation.
l2: children's services savings RAG tracker, one £'000 year column, bold Total row.
"""

from __future__ import annotations

from model import Layout, Money, Para, Record, Row, Table


def thousands(cell: str) -> int:
    """Given a £k cell such as "1,150", "(230)" or "-55", return its value in pounds."""
    sign = -1 if cell.startswith(("(", "-")) else 1
    return sign * int(cell.strip("()-").replace(",", "")) * 1000


# --- l1: highways capital slippage -------------------------------------------------------------

def _scheme(name: str, money: tuple[str, str, str], reason: str, action: str, own_paragraph: bool,
            text_amounts: tuple[Money, ...] = (), years: tuple[str, ...] = (), notes: str = "") -> tuple[Row, Record]:
    """Given one scheme's cells and commentary parts, return its table row and gold record."""
    budget, spend, slip = money
    commentary = (reason, f"**Action:** {action}") if own_paragraph else (f"{reason} **Action:** {action}",)
    slip_kind = "overspend" if thousands(slip) < 0 else "slippage"
    table = (Money(budget, thousands(budget), "table", "other"), Money(spend, thousands(spend), "table", "other"),
             Money(slip, thousands(slip), "table", slip_kind))
    return (Row(((name,), (budget,), (spend,), (slip,), commentary)),
            Record(name, reason, action, amounts=table + text_amounts, fiscal_years=years, notes=notes))


L1_SCHEMES = (
    _scheme("Carriageway resurfacing – A38 Mill Road", ("2,400", "610", "850"),
            "Utility works by the water company on the northern section overran by eleven weeks, so surfacing of that section "
            "cannot start before the winter embargo.",
            "the northern section has been rescheduled for April 2024 and £850k will be carried forward into 2024/25; the southern "
            "section remains on programme.", True,
            (Money("£850k", 850000, "mitigation", "slippage", "2024/25"),), ("2024/25",),
            "'Action:' starts its own paragraph; £850k carried forward into 2024/25 is slippage of that year; April 2024 is a month."),
    _scheme("Bridge strengthening – Ferry Lane Bridge", ("1,150", "1,320", "(230)"),
            "Corrosion to the main girders was more extensive than the principal inspection showed, adding steel repairs "
            "estimated at £230k.",
            "the additional cost will be met from the structures contingency and the 2023/24 footway programme has been reduced "
            "by the same amount.", False,
            (Money("£230k", 230000, "reason", "cost"),), ("2023/24",),
            "Inline 'Action:' label; '(230)' slippage is negative, so overspend; £230k estimated repairs is cost."),
    _scheme("Traffic signal replacement programme", ("780", "95", "400"),
            "Delivery lead times for signal controllers have extended from 12 to 30 weeks.",
            "orders for all 14 junctions were placed in August; installation at the remaining sites will follow in Quarter 1 of "
            "2024-25.", True, (), ("2024/25",), "'2024-25' is a financial year written with a hyphen."),
    _scheme("Active travel corridor – Station Road cycleway", ("1,900", "240", "1,100"),
            "The scheme is funded by a £1.9m Active Travel Fund grant, and the public consultation returned strong objections to "
            "the loss of on-street parking, so the design is being revisited.",
            "a revised design retaining 40 parking bays will go to the Cabinet Member in December; the grant body has agreed that "
            "£1.1m may be spent in 2024/25.", True,
            (Money("£1.9m", 1900000, "reason", "income"), Money("£1.1m", 1100000, "mitigation", "slippage", "2024/25")),
            ("2024/25",), "£1.9m grant is income; £1.1m spent in a later year is slippage of 2024/25."),
    _scheme("Street lighting column replacement", ("650", "410", "0"),
            "Spend is on profile but the contractor has given notice that column prices will rise by 9% from January.",
            "the remaining columns are being ordered before the increase takes effect.", False,
            notes="Slippage cell '0' is a real amount of 0 (kind slippage)."),
)

L1 = Layout(
    stem="l1_highways_capital_slippage_2023-24_q2",
    title="Harrowdene Borough Council – Highways Capital Programme 2023/24: Quarter 2 Slippage Report",
    report_period="2023/24",
    notes="One ruled table, no programme headings (programme null), no status column. Commentary holds the reason, then "
          "'Action:' (bold, inline or starting its own paragraph) and the mitigation; the label is in neither field. Money "
          "columns in £k (x1000): Budget and Spend to date are kind other, Slippage is slippage when positive and overspend "
          "when negative; headers name no year, so table amounts have fiscal_year null. The bold Total row is not a record. "
          "£14.2m in the introduction and £2.35m in the recommendation belong to no record.",
    blocks=(
        Para("The highways capital programme for 2023/24 totals £14.2m. The schemes below forecast slippage or a variance "
             "that needs Cabinet approval."),
        Table(("Scheme", "Budget £k", "Spend to date £k", "Slippage £k", "Commentary"),
              tuple(row for row, _ in L1_SCHEMES)
              + (Row((("Total",), ("6,880",), ("2,675",), ("2,120",), ("",)), bold=True),),
              (22, 9, 10, 9, 50)),
        Para("Recommendation: Cabinet is asked to approve the carry forward of £2.35m into 2024/25."),
    ),
    records=tuple(record for _, record in L1_SCHEMES),
    landscape=True,
    tab_txt=True,
    borderless_pdf=True,
)


# --- l2: children's services savings RAG tracker ----------------------------------------------

def _saving(ref: str, name: str, target: str, rag: str, update: tuple[str, ...], reason: str, mitigation: str,
            text_amounts: tuple[Money, ...] = (), years: tuple[str, ...] = (), notes: str = "") -> tuple[Row, Record]:
    """Given one saving's cells, the update paragraphs and their gold split, return its row and record."""
    table = () if target == "-" else (Money(target, thousands(target), "table", "saving_target", "2023/24"),)
    return (Row(((ref,), (name,), (target,), (rag,), update)),
            Record(name, reason, mitigation, status=rag.lower(), amounts=table + text_amounts, fiscal_years=years, notes=notes))


_CS01_R = "Agency numbers have fallen from 38 to 29 against a target of 20, so £180k of the saving is at risk."
_CS01_M = "a second cohort of 12 newly qualified social workers starts in October and a market supplement has been agreed for " \
          "hard-to-fill posts."
_CS02_R = "Only 4 of the planned 15 step-downs have taken place because the in-house foster carer pool has not grown. A shortfall " \
          "of £720k is forecast for 2023/24."
_CS02_M = "the fostering recruitment campaign has been relaunched and a £25 per night retention payment for carers is proposed."
_CS03_R = "Re-tendered routes went live in September and the full saving is expected to be delivered."
_CS04_R = "The new contract start has moved from July to November, delaying £95k of the saving into 2024/25."
_CS04_M = "interim extensions of the current contracts at reduced rates have been agreed with two providers."
_CS05_R = "Two buildings were vacated in June; the saving of £150k has been achieved in full."
_CS06_R = "The saving is profiled from 2024/25; procurement of the case management module has slipped by two months."

L2_SAVINGS = (
    _saving("CS01", "Reduce reliance on agency social workers", "450", "Amber", (_CS01_R, f"**Mitigation:** {_CS01_M}"),
            _CS01_R, _CS01_M, (Money("£180k", 180000, "reason", "at_risk"),),
            notes="'Mitigation:' starts its own paragraph; £180k 'is at risk'."),
    _saving("CS02", "Residential placement step-down to fostering", "1,200", "Red", (_CS02_R, f"**Mitigation:** {_CS02_M}"),
            _CS02_R, _CS02_M, (Money("£720k", 720000, "reason", "shortfall", "2023/24"), Money("£25", 25, "mitigation", "rate")),
            ("2023/24",), "£25 per night is a rate."),
    _saving("CS03", "Home to school transport route optimisation", "300", "Green", (_CS03_R,), _CS03_R, "",
            notes="Green rows are records; no label, so all reason and mitigation ''."),
    _saving("CS04", "Early help commissioning review", "250", "Amber", (f"{_CS04_R} **Mitigating action:** {_CS04_M}",),
            _CS04_R, _CS04_M, (Money("£95k", 95000, "reason", "slippage", "2024/25"),), ("2024/25",),
            "Inline label 'Mitigating action:' (singular); the saving delayed into 2024/25 is slippage of that year."),
    _saving("CS05", "Youth service building rationalisation", "150", "Green", (_CS05_R,), _CS05_R, "",
            (Money("£150k", 150000, "reason", "saving_achieved"),), notes="Achieved in full: saving_achieved."),
    _saving("CS06", "SEND assessment digitisation", "-", "Amber", (_CS06_R,), _CS06_R, "", (), ("2024/25",),
            "'-' in the year column is not an amount."),
)

L2 = Layout(
    stem="l2_childrens_savings_rag_2023-24_m6",
    title="Westmarsh County Council – Children's Services Savings Delivery Tracker 2023/24: Month 6",
    report_period="2023/24",
    notes="A tracker listing every saving with its RAG: every body row is a record, Green ones included; the bold Total row "
          "is not. No programme headings (programme null; the Ref CS01.. is not a programme). status = RAG word lower-case. "
          "Update holds reason and, after a bold 'Mitigation:' or 'Mitigating action:' label (own paragraph or inline), the "
          "mitigation; with no label it is all reason and mitigation ''. The 2023/24 £'000 cells are amounts (x1000, "
          "saving_target, fiscal_year 2023/24); '-' is not an amount. The header year is not a year mention of the rows.",
    blocks=(
        Para("RAG: Green = on track; Amber = at risk of partial delivery; Red = not expected to be delivered this year."),
        Table(("Ref", "Saving", "2023/24 £'000", "RAG", "Update"),
              tuple(row for row, _ in L2_SAVINGS) + (Row((("",), ("Total",), ("2,350",), ("",), ("",)), bold=True),),
              (6, 22, 9, 7, 56)),
    ),
    records=tuple(record for _, record in L2_SAVINGS),
    landscape=True,
    borderless_pdf=True,
)
