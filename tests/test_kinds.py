"""Kind rules: what a money mention is, read from its clause."""

from __future__ import annotations

import pytest

from normalise.money.kind import KIND_RULES, KINDS, classify_kind


def kind(text: str, amount: str, nth: int = 0) -> str:
    start = -1
    for _ in range(nth + 1):
        start = text.index(amount, start + 1)
    return classify_kind(text, start, start + len(amount))


FROM_SAMPLES = [
    ("This will result in a small under delivery of £0.025m savings in 2016/17.", "£0.025m", 0, "shortfall"),
    ("There has already been slippage of £0.197m savings from 2015/16 to 2016/17", "£0.197m", 0, "slippage"),
    ("Across all years the project has over achieved its £2.5 million savings target by £310,000, and the",
     "£2.5 million", 0, "saving_target"),
    ("Across all years the project has over achieved its £2.5 million savings target by £310,000, and the",
     "£310,000", 0, "over_achievement"),
    ("Actual in year project savings to date total £1,489,832 and are projected to be £1,608,787 by year end, "
     "i.e. £328,787 above target.", "£1,608,787", 0, "saving_projected"),
    ("the in year income from this charge is currently only £6,000, against a target of £28,000.", "£6,000", 0,
     "income"),
    ("the in year income from this charge is currently only £6,000, against a target of £28,000.", "£28,000", 0,
     "saving_target"),
    ("It is now projected that £115,000 will remain for delivery against this project in 2019/20.", "£115,000", 0,
     "slippage"),
    ("there is increased confidence in the delivery of the remaining £115,000 in 2019/2020. This amount does "
     "currently, however, remains at risk.", "£115,000", 0, "at_risk"),
    ("none have been awarded for placements costing more than £1,600 per week, other than", "£1,600", 0, "rate"),
    ("To date, £0.017m savings have been achieved.", "£0.017m", 0, "saving_achieved"),
    ("this suggests a maximum saving of £0.045m will be achieved.", "£0.045m", 0, "saving_projected"),
    ("An overspend of £0.300m is currently projected on the transport budget.", "£0.300m", 0, "overspend"),
    ("to confirm that £0.500m savings in 2017/18 is not achievable and slip £0.500m savings into 2018/19",
     "£0.500m", 0, "slippage"),
]
NEW = [
    ("The service reports a pressure of £40k on the placements budget.", "£40k", 0, "overspend"),
    ("There is a forecast overspend of £1.2m.", "£1.2m", 0, "overspend"),
    ("Additional costs of £300,000 have been incurred.", "£300,000", 0, "cost"),
    ("The scheme will cost £300,000 to run.", "£300,000", 0, "cost"),
    ("A further £20k at risk if the contract is delayed.", "£20k", 0, "at_risk"),
    ("It will generate income of £5,000 per annum from the hire.", "£5,000", 0, "income"),
    ("Interim staff are paid £450 per hour.", "£450", 0, "rate"),
    ("Agency cover costs £95 a day.", "£95", 0, "rate"),
    ("The shortfall against plan is £75,000.", "£75,000", 0, "shortfall"),
    ("We expect a shortfall of £75,000 this year.", "£75,000", 0, "shortfall"),
    ("Savings of £50,000 have slipped into next year.", "£50,000", 0, "slippage"),
    ("£80,000 of savings has been deferred to 2020/21.", "£80,000", 0, "slippage"),
    ("The project has delivered £45,000 so far.", "£45,000", 0, "saving_achieved"),
    ("Savings of £12,500 have been achieved to date.", "£12,500", 0, "saving_achieved"),
    ("Forecast savings for the year are £210,000.", "£210,000", 0, "saving_projected"),
    ("The 2019/20 savings target is £1.1m.", "£1.1m", 0, "saving_target"),
    ("Savings were £20,000 below target.", "£20,000", 0, "shortfall"),
    ("The project exceeded its target by £14,000.", "£14,000", 0, "over_achievement"),
    ("Planned savings of £0.6m were agreed by Committee.", "£0.6m", 0, "saving_target"),
    ("The council holds reserves of £3m.", "£3m", 0, "other"),
    ("The project is £30,000 adrift of its savings target.", "£30,000", 0, "shortfall"),
    # rates per tenancy or application, and external funding as income (layouts l13, l18 and wordings of our own)
    ("A landlord incentive of £2,000 per tenancy has been introduced.", "£2,000", 0, "rate"),
    ("Applicants pay a fee of £75 per application.", "£75", 0, "rate"),
    ("New burdens funding of £1.45m has been received from government.", "£1.45m", 0, "income"),
    ("Levelling Up funding worth £2m will pay for the works.", "£2m", 0, "income"),
]
# The text kinds of the corpus README, each in two or more wordings of our own (other services, other councils).
OTHER_COUNCILS = [
    # rate: per thing, not only per unit of time
    ("Residents' permits will rise to £60 per permit per year.", "£60", 0, "rate"),
    ("The trade waste tariff is £18 per bin per collection.", "£18", 0, "rate"),
    ("Meals on wheels now cost £6.50 per meal.", "£6.50", 0, "rate"),
    # overspend: a cost or outturn above its budget
    ("The final account is £0.4m above the contract sum.", "£0.4m", 0, "overspend"),
    ("Extra costs of £75k over the approved budget are forecast.", "£75k", 0, "overspend"),
    ("Outturn is forecast at £2.1m, £150k over budget.", "£150k", 0, "overspend"),
    ("After use of contingency, the projected overspend on the scheme is £85k.", "£85k", 0, "overspend"),
    ("The overspend against the cost plan now stands at £1.2m.", "£1.2m", 0, "overspend"),
    # over-achievement: over-delivery and over-recovery
    ("An over-delivery of £25,000 is reported on the fleet review.", "£25,000", 0, "over_achievement"),
    ("The over recovery of £12k on parking offsets the pressure.", "£12k", 0, "over_achievement"),
    # shortfall: below profile or baseline
    ("Car park takings are running £30k below the pre-Covid baseline.", "£30k", 0, "shortfall"),
    ("Bereavement income is -£8k against profile.", "-£8k", 0, "shortfall"),
    ("Lettings income is £9,500 below profile at month 6.", "£9,500", 0, "shortfall"),
    # slippage: spend moving into a later year
    ("£600k of the capital budget will move into 2024/25.", "£600k", 0, "slippage"),
    ("Retention payments of £90,000 now fall into the next financial year.", "£90,000", 0, "slippage"),
    ("Works worth £1.1m will now be completed in Q2 2024/25.", "£1.1m", 0, "slippage"),
    ("Around £0.5m of the highways programme will not be delivered in the current year.", "£0.5m", 0, "slippage"),
    ("The remaining £200k will not be drawn down until 2025/26.", "£200k", 0, "slippage"),
    ("£45,000 of the grant has been re-phased to next year.", "£45,000", 0, "slippage"),
    # income: budgeted income, grants, compensation, recovery
    ("Crematorium fees reached £410k against a budgeted £450k.", "£450k", 0, "income"),
    ("Pest control charges raised £35k against the £50k expected.", "£50k", 0, "income"),
    ("A Section 31 grant of £75,000 has been confirmed.", "£75,000", 0, "income"),
    ("Insurance compensation of £22k is expected in March.", "£22k", 0, "income"),
    ("The scheme attracts £40k of developer contributions.", "£40k", 0, "income"),
    ("The claim should recover around £60k of lost income.", "£60k", 0, "income"),
    ("New Burdens funding will cover £15,000 of the additional cost.", "£15,000", 0, "income"),
    # the year's saving, also when it will not be achieved
    ("The saving on agency staffing costs of £95,000 will not be achieved this year.", "£95,000", 0, "saving_target"),
    ("Savings from reduced fuel costs of £30k are planned for 2024/25.", "£30k", 0, "saving_target"),
    ("The £70k saving for 2023/24 will not be achieved.", "£70k", 0, "saving_target"),
    # cost: estimated or incurred cost of works
    ("The roof repairs are estimated at £120k.", "£120k", 0, "cost"),
    ("Remediation was costed at around £2.3m.", "£2.3m", 0, "cost"),
    ("The cost of the bridge scheme has increased to £4.2m.", "£4.2m", 0, "cost"),
    ("Build costs are now £3.4m.", "£3.4m", 0, "cost"),
    ("Spend to date is £640k.", "£640k", 0, "cost"),
    ("Expenditure so far totals £2.2m.", "£2.2m", 0, "cost"),
    # projected: revised or forecast savings
    ("The saving is estimated at £50k.", "£50k", 0, "saving_projected"),
    ("A revised saving of £60k is now expected.", "£60k", 0, "saving_projected"),
    ("Savings of £80,000 are forecast for the year.", "£80,000", 0, "saving_projected"),
    ("Due to cost increases, the forecast saving has been reduced to £30k.", "£30k", 0, "saving_projected"),
    # at risk
    ("The £90k fees target for 2023/24 is at risk.", "£90k", 0, "at_risk"),
    ("Some £25,000 of the saving is at risk because of the strike.", "£25,000", 0, "at_risk"),
    # rates written with abbreviations
    ("Supported living is commissioned at £1,150 pw.", "£1,150", 0, "rate"),
    ("Relief drivers are paid £18 ph plus mileage.", "£18", 0, "rate"),
    # shortfall: behind profile, unmet or unachievable savings
    ("Planning fees are £22k behind profile.", "£22k", 0, "shortfall"),
    ("Unmet savings of £140,000 are carried as a pressure.", "£140,000", 0, "shortfall"),
    ("£35k of the procurement saving is now unachievable.", "£35k", 0, "shortfall"),
    # slippage: a carry-forward by another name
    ("A roll-over of £0.3m into 2024/25 is requested.", "£0.3m", 0, "slippage"),
    # at risk: may not be achieved
    ("The £60k from the fleet review may not be achieved.", "£60k", 0, "at_risk"),
    ("Up to £45,000 could be lost if the tender fails.", "£45,000", 0, "at_risk"),
    # a saving named as a reduction or efficiency
    ("The review will make a £50k reduction in agency spend.", "£50k", 0, "saving_target"),
    ("Procurement expects £120,000 efficiencies from the new framework.", "£120,000", 0, "saving_target"),
    ("Schools face a £30k reduction in grant.", "£30k", 0, "other"),
    # an underspend is none of the kinds
    ("The forecast underspend of £0.3m will be returned to reserves.", "£0.3m", 0, "other"),
    ("Waste disposal shows £120k underspent at month 9.", "£120k", 0, "other"),
    # a saving or income compared with its plan, a cost compared with its budget
    ("Fleet savings are expected to be £40k lower than planned because of fuel inflation.", "£40k", 0, "shortfall"),
    ("Licensing income is £12,000 less than budgeted.", "£12,000", 0, "shortfall"),
    ("Procurement savings came in £25k higher than the target.", "£25k", 0, "over_achievement"),
    ("The contract value is £1.1m, which is £200k more than the approved budget.", "£200k", 0, "overspend"),
    # future delivery of a saving
    ("The libraries restructure will deliver £80,000 in 2023/24.", "£80,000", 0, "saving_projected"),
    ("The programme is on track to deliver £2.1m of its £2.6m target.", "£2.1m", 0, "saving_projected"),
    ("Overall the directorate is projecting £1.9m of savings against a target of £2.4m.", "£1.9m", 0, "saving_projected"),
    ("The restructure will deliver £80,000 rather than the £120,000 originally planned.", "£120,000", 0, "saving_target"),
    # income won from a fund
    ("The project has secured £3.5m from the Levelling Up Fund.", "£3.5m", 0, "income"),
    ("The museum received £40,000 from the Arts Council.", "£40,000", 0, "income"),
    ("The team has secured £40k savings from the contract.", "£40k", 0, "saving_achieved"),
    # terse tracker commentary: label first, abbreviations
    ("Overspend on home to school transport £1.9m.", "£1.9m", 0, "overspend"),
    ("Pressure in temporary accommodation £420k.", "£420k", 0, "overspend"),
    ("Shortfall on car parking fees £50k.", "£50k", 0, "shortfall"),
    ("Slippage on the depot scheme £0.4m.", "£0.4m", 0, "slippage"),
    ("Income target missed; shortfall est. £25k.", "£25k", 0, "shortfall"),
    ("Saving reprofiled: £200k to 2023/24.", "£200k", 0, "slippage"),
    ("Budget £1.2m, forecast outturn £1.35m.", "£1.35m", 0, "other"),
    ("The outturn is now £4.1m.", "£4.1m", 0, "other"),
    # spend allowed into a later year; money to be spent from a reserve; a rate per quarter
    ("The funder has agreed that £1.1m may be spent in 2024/25.", "£1.1m", 0, "slippage"),
    ("£250k can now be used in the following financial year.", "£250k", 0, "slippage"),
    ("Extra legal support of £30k will be funded from the corporate contingency.", "£30k", 0, "cost"),
    ("Temporary fencing at £4,000 is to be met from the site budget.", "£4,000", 0, "cost"),
    ("Security costs of £12,000 per quarter continue.", "£12,000", 0, "rate"),
    # funding coming in
    ("The scheme is funded by a £2.2m Towns Fund grant.", "£2.2m", 0, "income"),
    ("The pilot is financed through £60k of Public Health grant.", "£60k", 0, "income"),
    # a cost tolerance exceeded, an overrun
    ("The project will exceed its cost tolerance by £65,000.", "£65,000", 0, "overspend"),
    ("Works overran the approved budget by £0.2m.", "£0.2m", 0, "overspend"),
    ("A further overrun of £35k is likely.", "£35k", 0, "overspend"),
    ("The project exceeded its savings target by £14k.", "£14k", 0, "over_achievement"),
    # a credit or refund coming in; an estimated cost
    ("The supplier has credited one month's fee of £6,500.", "£6,500", 0, "income"),
    ("HMRC refunded £18,000 of VAT.", "£18,000", 0, "income"),
    ("Tender prices came in 14% above the pre-tender estimate of £3.2m.", "£3.2m", 0, "cost"),
    ("The lowest quote of £48k was accepted.", "£48k", 0, "cost"),
    ("The savings estimate of £40k is prudent.", "£40k", 0, "saving_projected"),
    # money added to a cost
    ("Piling found soft clay, adding £0.55m to the contract sum.", "£0.55m", 0, "cost"),
    ("A second carrier is needed, which adds a further £38,000 to the project cost.", "£38,000", 0, "cost"),
    ("The redesign added £12k to the fit-out price.", "£12k", 0, "cost"),
    # a budget level
    ("The contract was let within the £1.8m budget.", "£1.8m", 0, "other"),
    ("An approved budget of £600k was set in February.", "£600k", 0, "other"),
]
# Round two: capital and revenue monitoring wordings of our own (reprofiling, pressures, funding applied, underspends
# in brackets, expected costs, forecasts added to), each with the kind the corpus conventions give it.
ROUND_TWO = [
    # slippage: capital spend moved to a later year
    ("£1.2m will be reprofiled into 2024/25 to match the contractor's programme.", "£1.2m", 0, "slippage"),
    ("The scheme has slipped by £0.4m from 2022/23.", "£0.4m", 0, "slippage"),
    ("Capital slippage of £2.75m is reported across the housing programme.", "£2.75m", 0, "slippage"),
    ("£650k of the budget is now expected to be spent in 2025/26.", "£650k", 0, "slippage"),
    ("Spend of £300k has been rephased to next year.", "£300k", 0, "slippage"),
    ("Delays to the planning decision mean £1.8m will now be carried forward.", "£1.8m", 0, "slippage"),
    ("Slippage of £0.6m into 2025-26 is requested.", "£0.6m", 0, "slippage"),
    ("£0.25m has slipped from 2023/24 into 2024/25.", "£0.25m", 0, "slippage"),
    ("The remaining £75k of the saving will be delivered in 2025/26 instead.", "£75k", 0, "slippage"),
    # overspend: a pressure, an adverse variance, a forecast pushed up, a funding gap left by costs
    ("A pressure of £450k is forecast in home to school transport.", "£450k", 0, "overspend"),
    ("This creates a budget pressure of £0.9m in 2024/25.", "£0.9m", 0, "overspend"),
    ("The service is forecasting a £1.3m overspend at outturn.", "£1.3m", 0, "overspend"),
    ("Inflation on materials is adding £120k to the forecast outturn.", "£120k", 0, "overspend"),
    ("Extra agency shifts added £45k to the forecast.", "£45k", 0, "overspend"),
    ("Tender returns came in above the estimate, leaving a funding gap of £0.35m.", "£0.35m", 0, "overspend"),
    ("A funding gap of £1.1m remains after the grant bid was refused.", "£1.1m", 0, "overspend"),
    ("The funding gap of £0.4m will be met from reserves.", "£0.4m", 0, "overspend"),  # was shortfall: l12 gold, costs above funding
    ("Budget £1.2m, forecast £1.45m, an adverse variance of £250k.", "£250k", 0, "overspend"),
    ("Inflationary pressures of £0.5m have been absorbed within the directorate.", "£0.5m", 0, "overspend"),
    ("The scheme is now forecast to cost £12.3m, £1.3m more than the approved budget.", "£1.3m", 0, "overspend"),
    # shortfall: a savings gap, income below budget
    ("The savings gap for 2025/26 now stands at £2.4m.", "£2.4m", 0, "shortfall"),
    ("Income from parking is forecast to be £90k below budget.", "£90k", 0, "shortfall"),
    ("There is a shortfall in commercial rent income of £65k.", "£65k", 0, "shortfall"),
    ("In 2024/25 the saving will be £80k lower than planned.", "£80k", 0, "shortfall"),
    # income: funding applied to a pressure (a grant allocation, reserves, contributions), grants, receipts
    ("The overspend will be met from the Public Health grant allocation of £200k.", "£200k", 0, "income"),
    ("The pressure is mitigated by one-off reserves of £150k.", "£150k", 0, "income"),
    ("The gap is mitigated by the use of one-off reserves of £0.4m.", "£0.4m", 0, "income"),
    ("A one-off contribution from reserves of £500k will balance the position.", "£500k", 0, "income"),
    ("The works will be funded from an earmarked reserve of £250k.", "£250k", 0, "income"),
    ("Grant income of £1.2m has been confirmed by the DfE.", "£1.2m", 0, "income"),
    ("The scheme has been awarded £4m of Levelling Up funding.", "£4m", 0, "income"),
    ("Section 106 contributions of £220k will fund the play area.", "£220k", 0, "income"),
    ("Capital receipts of £1.6m are forecast from the sale of the depot.", "£1.6m", 0, "income"),
    # cost: costs expected or anticipated (not a projected saving), expenditure, estimates
    ("Costs for the temporary accommodation contract of around £350,000 are expected.", "£350,000", 0, "cost"),
    ("Additional staffing costs in the region of £75k are anticipated.", "£75k", 0, "cost"),
    ("The scheme is now forecast to cost £12.3m, £1.3m more than the approved budget.", "£12.3m", 0, "cost"),
    ("Expenditure to date of £2.1m is in line with profile.", "£2.1m", 0, "cost"),
    ("The revised estimate for the works is £8.4m.", "£8.4m", 0, "cost"),
    # savings: delivered, planned, projected, at risk
    ("Savings of £400k were delivered in 2023/24.", "£400k", 0, "saving_achieved"),
    ("£1.1m of the £1.5m target has been achieved to date.", "£1.1m", 0, "saving_achieved"),
    ("£1.1m of the £1.5m target has been achieved to date.", "£1.5m", 0, "saving_target"),
    ("The programme is projecting savings of £3.2m against a target of £3.8m.", "£3.2m", 0, "saving_projected"),
    ("The programme is projecting savings of £3.2m against a target of £3.8m.", "£3.8m", 0, "saving_target"),
    ("A saving of £500k is planned for 2024/25 from the restructure.", "£500k", 0, "saving_target"),
    ("Only a part-year saving of £60k is possible in 2024/25, with a full-year effect of £150k in 2025/26.",
     "£150k", 0, "saving_projected"),
    ("Delivery of £200k is at risk due to the delayed consultation.", "£200k", 0, "at_risk"),
    ("Over-recovery of fee income of £40k offsets part of the pressure.", "£40k", 0, "over_achievement"),
    # underspends, in words or in brackets, and budget levels are none of the kinds
    ("An underspend of (£0.3m) is forecast on capital financing.", "£0.3m", 0, "other"),
    ("The directorate reports a (£0.3m) underspend.", "£0.3m", 0, "other"),
    ("A favourable variance of £90k is reported.", "£90k", 0, "other"),
    ("The approved capital budget for the scheme is £6.5m.", "£6.5m", 0, "other"),
    # rates
    ("Agency social workers cost £1,050 per week.", "£1,050", 0, "rate"),
    ("The new charge of £35 per visit starts in April.", "£35", 0, "rate"),
]
# Second wordings for each round-two rule (H16): other services, other councils.
ROUND_TWO_SECOND = [
    ("The adverse variance of £0.7m reflects higher energy prices.", "£0.7m", 0, "overspend"),
    ("Month 9 shows £310k adverse on the transport budget.", "£310k", 0, "overspend"),
    ("An over-recovery on planning fee income of £25k is forecast.", "£25k", 0, "over_achievement"),
    ("The balance of £1.4m is forecast to be spent in 2026/27.", "£1.4m", 0, "slippage"),
    ("The last £30k of the saving will now be achieved in Q1 2025/26 rather than this year.", "£30k", 0, "slippage"),
    ("The directorate is forecasting savings of £2.2m against its plan.", "£2.2m", 0, "saving_projected"),
    ("The policy change has a part-year effect of £40k in 2024/25.", "£40k", 0, "saving_projected"),
    ("Given the late start, only £50k is achievable this year.", "£50k", 0, "saving_projected"),
    ("A saving of £20k would be possible if the contract is extended.", "£20k", 0, "saving_projected"),
    ("£600k of the £900k saving has now been delivered.", "£600k", 0, "saving_achieved"),
    ("Costs of the interim management arrangement of about £60k will fall this year.", "£60k", 0, "cost"),
    ("The quote for the replacement boilers was £145k.", "£145k", 0, "cost"),
    ("Legal costs in the region of £20k are likely.", "£20k", 0, "cost"),
    ("The shortfall will be covered by the Household Support Fund allocation of £95k.", "£95k", 0, "income"),
    ("The deficit is bridged through use of the general fund balance of £0.9m.", "£0.9m", 0, "income"),
    ("The scheme now faces a funding gap of £2m after the tender.", "£2m", 0, "overspend"),
    ("Rising costs leave a £0.5m funding gap on the scheme.", "£0.5m", 0, "overspend"),
    ("Agency overtime is adding £15k to the pressure each month.", "£15k", 0, "overspend"),
    ("Costs above the insurance excess of about £40k will fall to the service.", "£40k", 0, "cost"),
    ("The extra £60k will be covered by the highways contingency.", "£60k", 0, "overspend"),
    ("The lowest tender is £85k above the estimate.", "£85k", 0, "cost"),
    ("Scaffolding came in £12,000 over the quantity surveyor's estimate.", "£12,000", 0, "cost"),
    ("This additional £25k has been absorbed within the directorate budget.", "£25k", 0, "overspend"),
    ("The additional £0.2m is being met from the capital contingency.", "£0.2m", 0, "overspend"),
    ("Costs beyond the performance bond of £0.2m are being claimed from the contractor.", "£0.2m", 0, "cost"),
]
# Round-two sentences the rules do not yet read as written: strict xfails until a rule serves their wording.
ROUND_TWO_FAILING: set[tuple[str, str]] = set()
# Round three: a budget level named in a sentence that goes on to forecast (a weak point noted in round two).
ROUND_THREE = [
    ("Costs above the approved budget of £600k are forecast because of steel prices.", "£600k", 0, "other"),
    ("Spend above the agreed budget of £1.2m is now forecast for the pool scheme.", "£1.2m", 0, "other"),
    ("The scheme budget is £2.4m and the works are forecast to finish in May.", "£2.4m", 0, "other"),
    ("The revised saving of £40k is forecast against a budget of £55k.", "£40k", 0, "saving_projected"),
    # a part of a whole saving: the whole is the target, the part what the sentence says of it
    ("Only £35k of the £90k target is now at risk after the fee review.", "£35k", 0, "at_risk"),
    ("Only £35k of the £90k target is now at risk after the fee review.", "£90k", 0, "saving_target"),
    ("£0.4m of this year's £1.1m savings remains at risk.", "£0.4m", 0, "at_risk"),
    ("£0.4m of this year's £1.1m savings remains at risk.", "£1.1m", 0, "saving_target"),
]
KNOWN_FAILURES = [
    # a shortfall named only by a verb and the target it misses
    ("Delivery trails the savings target by £30,000.", "£30,000", 0, "shortfall"),
]


@pytest.mark.parametrize("text, amount, nth, expected", FROM_SAMPLES, ids=[f"{a}-{k}" for _, a, _, k in FROM_SAMPLES])
def test_kinds_from_samples(text: str, amount: str, nth: int, expected: str) -> None:
    assert kind(text, amount, nth) == expected


@pytest.mark.parametrize("text, amount, nth, expected", NEW, ids=[t[:30] for t, *_ in NEW])
def test_kinds_new(text: str, amount: str, nth: int, expected: str) -> None:
    assert kind(text, amount, nth) == expected


@pytest.mark.parametrize("text, amount, nth, expected", OTHER_COUNCILS, ids=[t[:30] for t, *_ in OTHER_COUNCILS])
def test_kinds_other_councils(text: str, amount: str, nth: int, expected: str) -> None:
    assert kind(text, amount, nth) == expected


@pytest.mark.parametrize("text, amount, nth, expected", [
    pytest.param(*case, marks=pytest.mark.xfail(strict=True)) if case[:2] in ROUND_TWO_FAILING else case for case in ROUND_TWO
], ids=[f"{t[:30]}-{a}" for t, a, *_ in ROUND_TWO])
def test_kinds_round_two(text: str, amount: str, nth: int, expected: str) -> None:
    assert kind(text, amount, nth) == expected


@pytest.mark.parametrize("text, amount, nth, expected", ROUND_TWO_SECOND, ids=[t[:30] for t, *_ in ROUND_TWO_SECOND])
def test_kinds_round_two_second_wordings(text: str, amount: str, nth: int, expected: str) -> None:
    assert kind(text, amount, nth) == expected


@pytest.mark.parametrize("text, amount, nth, expected", ROUND_THREE, ids=[t[:30] for t, *_ in ROUND_THREE])
def test_kinds_round_three(text: str, amount: str, nth: int, expected: str) -> None:
    assert kind(text, amount, nth) == expected


@pytest.mark.xfail(strict=True)
@pytest.mark.parametrize("text, amount, nth, expected", KNOWN_FAILURES, ids=[t[:30] for t, *_ in KNOWN_FAILURES])
def test_kinds_known_failures(text: str, amount: str, nth: int, expected: str) -> None:
    assert kind(text, amount, nth) == expected


def test_every_rule_names_a_known_kind() -> None:
    assert {k for _, k in KIND_RULES} <= set(KINDS)


def test_other_amount_in_clause_does_not_lend_its_cue() -> None:
    text = "income of £6,000 and a target of £28,000"
    assert (kind(text, "£6,000"), kind(text, "£28,000")) == ("income", "saving_target")


@pytest.mark.parametrize("text, amount", [
    ("£120k achieved, £30k outstanding.", "£30k"),
    ("Parking income rose to £80k, leaving £15k unallocated.", "£15k"),
])
def test_sentence_fallback_skips_other_amounts_clauses(text: str, amount: str) -> None:
    """The sentence is tried when the clause has no cue, but not the clause that belongs to another amount."""
    assert kind(text, amount) == "other"
