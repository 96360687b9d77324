"""Two narrative committee reports of invented councils, exceptions as headed sections, not tables.

l13: numbered section headings (programme "4. Leisure and Culture", project "4.1 Leisure Centre
     Refurbishment"), a "RAG status:" line, and bold label paragraphs "Reason for variance" and
     "Remedial action" standing alone above the paragraphs they label; numbered prose sections
     (purpose, recommendations, financial implications) that are not records.
l14: unnumbered programme headings; each exception a run of labelled paragraphs: "Scheme:" (the
     project), "Status:" (sample-style wording: at risk, experiencing obstacles, on target),
     "Explanation:" and "Corrective action:"; one scheme with no corrective action.
"""

from __future__ import annotations

from model import Heading, Layout, Money, Para, Record

# --- l13: numbered sections with stand-alone label paragraphs -----------------------------------


def _l13_section(number: str, programme: str, name: str, rag: str, reason: tuple[str, ...], action: tuple[str, ...],
                 amounts: tuple[Money, ...] = (), years: tuple[str, ...] = (), notes: str = "") -> tuple[tuple[Heading | Para, ...], Record]:
    """Given one exception section's parts, return its blocks and gold record (paragraphs joined by one space)."""
    blocks = (Heading(f"{number} {name}", 2), Para(f"**RAG status:** {rag}"), Para("**Reason for variance**"),
              *(Para(p) for p in reason), Para("**Remedial action**"), *(Para(p) for p in action))
    return blocks, Record(name, " ".join(reason), " ".join(action), programme=programme, status=rag.lower(),
                          amounts=amounts, fiscal_years=years, notes=notes)


_LEISURE = "Leisure and Culture"
_WASTE = "Environment and Waste"
L13_SECTIONS = (
    _l13_section("4.1", _LEISURE, "Leisure Centre Refurbishment", "Amber",
                 ("The roof survey carried out during the works found defective timber joists across the main hall. "
                  "Replacing them adds £340k to the cost and twelve weeks to the programme.",),
                 ("The additional cost will be met from the leisure capital reserve.",
                  "The contractor has re-sequenced the works so that the swimming pool reopens in January as planned."),
                 (Money("£340k", 340000, "reason", "cost"),), notes="Two Remedial action paragraphs joined by one space."),
    _l13_section("4.2", _LEISURE, "Museum Collections Store", "Red",
                 ("The landowner has withdrawn the preferred site at Weavers Yard, so the budget of £1.2m for 2024/25 will "
                  "not be spent this year.",),
                 ("Officers are assessing two alternative council-owned sites and will report to Cabinet in December with a "
                  "revised timetable.",),
                 (Money("£1.2m", 1200000, "reason", "other", "2024/25"),), ("2024/25",), "A budget level is kind other."),
    _l13_section("5.1", _WASTE, "Food Waste Collection Rollout", "Amber",
                 ("The manufacturer has delayed delivery of the 26 food waste vehicles until March 2025.",
                  "New burdens funding of £1.45m has been received from government."),
                 ("Collections will start in April 2025 with hired vehicles for the first two months, and £0.9m of vehicle "
                  "spend will be carried forward to 2025/26.",),
                 (Money("£1.45m", 1450000, "reason", "income"), Money("£0.9m", 900000, "mitigation", "slippage", "2025/26")),
                 ("2025/26",), "Two Reason for variance paragraphs; March 2025 and April 2025 are months."),
    _l13_section("5.2", _WASTE, "Closed Landfill Gas Management", "Green",
                 ("The works were completed under budget because fewer gas wells needed replacing than the survey "
                  "showed.",),
                 ("None required; the underspend of £75k will be returned to the capital programme.",),
                 (Money("£75k", 75000, "mitigation", "other"),), notes="A Green section is a record; an underspend is "
                                                                      "kind other."),
)

L13 = Layout(
    stem="l13_cabinet_report_headed_sections_2024-25_q2",
    title="Cheswick Borough Council – Report to Cabinet: Capital Programme Monitoring, Quarter 2 2024/25",
    report_period="2024/25",
    notes="No table. Numbered Heading 1 sections; those holding numbered Heading 2 subsections are programmes (number "
          "removed: '4. Leisure and Culture' -> 'Leisure and Culture'), and each subsection is one record: project = its "
          "heading without the number; status = the 'RAG status:' word lower-case; reason = the paragraphs under the "
          "bold 'Reason for variance' paragraph, mitigation = those under 'Remedial action', each joined by one space; the "
          "labels are in neither field. Sections 1, 2, 3 and 6 (purpose, recommendations, background, financial "
          "implications) and their figures belong to no record.",
    blocks=(
        Heading("1. Purpose of the report"),
        Para("1.1 This report updates Cabinet on the capital schemes forecast to vary from their approved budget or "
             "timetable at the end of Quarter 2."),
        Heading("2. Recommendations"),
        Para("2.1 Cabinet is asked to note the variances below and to approve the carry forward of £0.9m into 2025/26."),
        Heading("3. Background"),
        Para("3.1 The capital programme approved in February is £48.6m, of which £31.2m is forecast to be spent this "
             "year. Schemes are reported below by exception."),
        Heading(f"4. {_LEISURE}"), *L13_SECTIONS[0][0], *L13_SECTIONS[1][0],
        Heading(f"5. {_WASTE}"), *L13_SECTIONS[2][0], *L13_SECTIONS[3][0],
        Heading("6. Financial implications"),
        Para("6.1 The net effect of the variances is a pressure of £0.34m in 2024/25, to be funded from reserves."),
    ),
    records=tuple(record for _, record in L13_SECTIONS),
)


# --- l14: labelled paragraphs naming the scheme ------------------------------------------------

def _l14_scheme(programme: str, name: str, status: str, explanation: str, action: str,
                amounts: tuple[Money, ...] = (), years: tuple[str, ...] = (), notes: str = "") -> tuple[tuple[Para, ...], Record]:
    """Given one scheme's labelled values, return its paragraphs and gold record."""
    paras = [Para(f"**Scheme:** {name}"), Para(f"**Status:** {status}"), Para(f"**Explanation:** {explanation}")]
    if action:
        paras.append(Para(f"**Corrective action:** {action}"))
    return tuple(paras), Record(name, explanation, action, programme=programme, status=status, amounts=amounts,
                                fiscal_years=years, notes=notes)


_REGEN = "Regeneration and Housing"
_CORPORATE = "Corporate Services"
L14_SCHEMES = (
    _l14_scheme(_REGEN, "Harbour Wall Repairs", "experiencing obstacles",
                "Storm damage in November widened the breach in the east wall, and the marine licence must be varied before "
                "repairs can start.",
                "A variation to the licence was submitted on 4 December 2023, and temporary rock armour has been placed at a "
                "cost of £64,000.", (Money("£64,000", 64000, "mitigation", "cost"),), notes="4 December 2023 is a date."),
    _l14_scheme(_REGEN, "Empty Homes Acquisition Programme", "at risk",
                "Only 9 of the 20 planned homes have been bought because asking prices have risen faster than the £2.2m "
                "budget allows.",
                "The purchase limit has been raised to £185,000 per home and the remaining purchases will be made in "
                "2024/25.",
                (Money("£2.2m", 2200000, "reason", "other"), Money("£185,000", 185000, "mitigation", "rate")), ("2024/25",),
                "'£185,000 per home' is a rate; the £2.2m budget is kind other."),
    _l14_scheme(_CORPORATE, "Finance System Replacement", "at risk",
                "Data migration testing found 3,400 unmatched supplier records, so go-live has moved from April to July "
                "2024.",
                "Additional data analysts have been engaged for three months at a cost of £27,500, met from the "
                "transformation reserve.", (Money("£27,500", 27500, "mitigation", "cost"),)),
    _l14_scheme(_CORPORATE, "Customer Contact Centre Relocation", "on target",
                "The move was delayed by one month while the new telephone lines were installed, but the project remains "
                "within its £410k budget.", "", (Money("£410k", 410000, "reason", "other"),),
                notes="No 'Corrective action:' paragraph: mitigation ''."),
)

L14 = Layout(
    stem="l14_scrutiny_labelled_schemes_2023-24_p8",
    title="Marshfield District Council – Overview and Scrutiny Committee: Project Exception Reports, Period 8 2023/24",
    report_period="2023/24",
    notes="No table. Unnumbered Heading 1 headings are the programmes (the introduction has none). Each record is a run of "
          "paragraphs opened by a bold 'Scheme:' label: project = its value; status = the 'Status:' value as written "
          "(lower-case); reason = the 'Explanation:' value; mitigation = the 'Corrective action:' value, '' when the scheme "
          "has none. The labels are in neither field. The introduction and its figure belong to no record.",
    blocks=(
        Para("The Committee asked for exception reports on schemes that are at risk or experiencing obstacles. The capital "
             "budget for these schemes is £6.8m in 2023/24."),
        Heading(_REGEN), *L14_SCHEMES[0][0], *L14_SCHEMES[1][0],
        Heading(_CORPORATE), *L14_SCHEMES[2][0], *L14_SCHEMES[3][0],
        Para("Background papers: none."),
    ),
    records=tuple(record for _, record in L14_SCHEMES),
)
