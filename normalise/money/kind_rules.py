"""The kind rules as data: an ordered list of (pattern, kind), first match wins (see `normalise/money/kind.py`).

Each pattern reads a masked window (the amount is "§", every other amount "¤", lower-cased),
so a rule is a local pattern such as "slippage of §". Each block's comment names the kind of
wording, and the document genre, it serves; `tests/test_kinds.py` holds examples of each in
wordings of our own.
"""

from __future__ import annotations

import re

KINDS = ("saving_target", "saving_achieved", "saving_projected", "shortfall", "slippage",
         "over_achievement", "at_risk", "income", "cost", "overspend", "rate", "other")

_W = r"(?:[\w'’-]+\.?\s+)"  # one word (or abbreviation: "est.") and its trailing space, for "up to N words" gaps
_VERB_BE = r"(?:will|would|should|could|is\s+expected\s+to|are\s+expected\s+to|is\s+likely\s+to)"

_UNIT = (r"(?:hour|hr|day|night|week|wk|fortnight|month|head|person|client|resident|bed|unit|placement|place|visit"
         r"|session|package|case|user|carer|child|adult|household|home|property|dwelling|bin|tonne|mile|pupil|student"
         r"|patient|room|vehicle|space|permit|licence|item|meal|trip|journey|passenger|tenant|customer|subscriber|quarter"
         r"|tenanc(?:y|ie)|application|claim|referral|assessment|school|site|letting)")
# Words that may stand between a verb or noun and its amount: "costs are now £3.4m", "recover around £60k".
_ABOUT = (r"(?:(?:now|currently|only|about|around|approximately|roughly|some|nearly|almost|over|up\s+to|more\s+than"
          r"|less\s+than|in\s+the\s+region\s+of|of\s+the\s+order\s+of|an?\s+(?:further|additional|extra|estimated))\s+){0,2}")

KIND_RULES: list[tuple[re.Pattern[str], str]] = [(re.compile(p, re.VERBOSE), k) for p, k in [
    # rate: an amount per unit of time, head or thing ("£1,600 per week", "£450 an hour", "£30 per bin per year")
    (rf"§\s*(?:per|a|an|each|/)\s*{_UNIT}s?\b", "rate"),
    (r"§\s*(?:pw|p\.w\.|ph|p\.h\.|pppw)(?!\w)", "rate"),  # "£250 pw", "£18 ph": per week / per hour abbreviated
    (r"\b(?:hourly|daily|weekly|nightly|fortnightly|monthly|unit)\s+(?:rates?|costs?|fees?|charges?|prices?)"
     r"\s+(?:of\s+)?§", "rate"),
    # income: funding applied to a pressure or a scheme, named before its amount ("will be met from the Better Care Fund
    # allocation of £312k", "mitigated by one-off reserves of £150k", "a contribution from reserves of £500k"): revenue and
    # capital monitoring; before the overspend rules, whose "overspend ... of §" would read across it
    (r"\b(?:met|funded|financed|covered|mitigated|offset|balanced|bridged|contribution|use|drawdown|draw[-\s]down)\s+"
     r"(?:in\s+part\s+|partly\s+|in\s+full\s+|fully\s+)?(?:by|from|through|with|of)\s+(?:(?!sav)[^§¤]){0,60}?"
     r"\b(?:reserves?|allocation|grants?|contingency|fund|funding|balances?)\s+(?:of|totalling|worth)\s+§", "income"),
    # an underspend is none of the kinds ("the forecast underspend of £0.3m"): budget monitoring
    (rf"\bunder[-\s]?spen[dt]\w*\s+(?:of\s+|by\s+)?{_W}{{0,2}}§", "other"),
    (rf"§\s+{_W}{{0,2}}under[-\s]?spen[dt]", "other"),
    # a saving or income compared with its plan: lower is a shortfall, higher an over-achievement; a cost higher is an overspend
    (r"\b(?:sav\w*|income|revenue|receipts?|fees?)\b[^§¤]{0,60}?§\s+(?:lower|less|below|short\s+of)\s+(?:than\s+)?"
     r"(?:the\s+)?(?:planned|budgeted|budget|target|expected|forecast|profiled?|plan)", "shortfall"),
    (r"\b(?:sav\w*|income|revenue|receipts?|fees?)\b[^§¤]{0,60}?§\s+(?:higher|more|greater)\s+than\s+"
     r"(?:the\s+)?(?:planned|budgeted|budget|target|expected|forecast|profiled?|plan)", "over_achievement"),
    # cost: a price above an estimate is extra cost of the works, not spending above a budget ("the quotation is £120,000
    # higher than the estimate", l6): capital reports
    (r"§[^§¤]{0,40}?\b(?:above|over|in\s+excess\s+of|beyond|(?:more|higher|greater)\s+than)\s+(?:the\s+|its\s+|our\s+)?"
     r"(?:[\w'’-]+\s+){0,2}?estimates?\b", "cost"),
    # overspend: a cost or outturn above its budget ("outturn is £0.3m above the approved budget", capital reports)
    (r"§[^§¤]{0,40}?\b(?:above|over|in\s+excess\s+of|beyond|(?:more|higher|greater)\s+than)\s+(?:the\s+|its\s+|our\s+)?(?:[\w'’-]+\s+)?"
     r"(?:budget|cost\s+plan|allocation|estimate|contract\s+sum)", "overspend"),
    # overspend: a cost tolerance or budget exceeded, an overrun ("will exceed its cost tolerance by £65,000")
    (r"\b(?:exceed\w*|over-?r[au]n\w*|overshoot\w*|breach\w*)\s+(?:its\s+|the\s+|their\s+|our\s+)?(?:[\w'’-]+\s+){0,2}?"
     r"(?:costs?|budget|tolerance|allocation|estimate|contract\s+sum)\w*\b[^§¤]{0,30}?\bby\s+§", "overspend"),
    (rf"\bover[-\s]?runs?\s+(?:of\s+|by\s+)?{_W}{{0,2}}§", "overspend"),
    # overspend: money added to a forecast or outturn ("adding £0.23m to the forecast"), a funding gap left by costs above
    # the funding ("leaving a funding gap of £0.6m", l12), an adverse variance: capital and revenue monitoring
    (r"\badd(?:s|ed|ing)?\s+(?:an?\s+(?:extra|further|additional)\s+)?§\s+to\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?"
     r"(?:forecasts?|outturn|pressures?|overspend|deficit)\b", "overspend"),
    (rf"\bfunding\s+gap\s+(?:of\s+|is\s+|was\s+|stands\s+at\s+)?{_W}{{0,2}}§", "overspend"),
    # "the additional £95k will be funded from the contingency": the excess itself (no noun of its own), being covered
    (r"\b(?:the|this|that|an?)\s+(?:additional|extra|further)\s+§\s+(?:is|will|has|have|was|would|can|are)\b[^§¤]{0,30}?"
     r"\b(?:met|funded|financed|covered|absorbed|contained)\b", "overspend"),
    (r"§\s+funding\s+gap\b", "overspend"),
    (rf"\badverse\s+(?:variance|movement)\s+(?:of\s+)?{_W}{{0,2}}§", "overspend"),
    (r"§\s+(?:\(?adverse\)?)(?!\s+(?:to|against)\s+(?:the\s+)?(?:sav|income))", "overspend"),
    # over-achievement: beyond the target ("over achieved ... by £310,000", "£328,787 above target", "over-delivery of £5k")
    (rf"over[-\s]?achie\w*[^§]{{0,60}}?\bby\s+{_W}?§", "over_achievement"),  # may pass the target: "its ¤ target by §"
    (rf"\bover[-\s]?(?:achievement|deliver\w*|recover\w*)\s+(?:of\s+|by\s+)?{_W}{{0,2}}§", "over_achievement"),
    (r"\bover[-\s]?(?:achievement|deliver\w*|recover\w*)\s+(?:of|on|in)\s+(?:[\w'’-]+\s+){1,3}?(?:of|by)\s+§",
     "over_achievement"),  # "over-recovery of fee income of £40k"
    (r"§\s+(?:above|over|ahead\s+of|more\s+than|in\s+excess\s+of|better\s+than)\s+(?:the\s+|its\s+)?"
     r"(?:\w+\s+)?(?:target|plan|profile)", "over_achievement"),
    (r"\b(?:exceed\w*|surpass\w*|outperform\w*)\b[^§¤]{0,60}?\bby\s+§", "over_achievement"),
    (r"§\s+(?:of\s+)?(?:savings?\s+)?over[-\s]?(?:achie|deliver)", "over_achievement"),
    # shortfall: less than the target, profile or baseline ("under delivery of £0.025m", "£38k below profile")
    (rf"\b(?:shortfall|short[-\s]fall|under[-\s]?deliver\w*|under[-\s]?achie\w*|under[-\s]?recover\w*"
     rf"|gap|deficit)\s+(?:of\s+|in\s+savings\s+of\s+)?{_W}{{0,2}}§", "shortfall"),
    (r"§\s+(?:[\w'’-]+\s+)?(?:shortfall|short[-\s]?fall|short\b|adrift\b|under[-\s]?deliver\w*|under[-\s]?achie\w*"
     r"|(?:below|behind)\s+(?:the\s+|its\s+)?(?:\w+\s+)?(?:target|budget|plan|profile)|less\s+than\s+(?:the\s+)?target)",
     "shortfall"),
    (rf"\b(?:unmet|unachieved|undelivered|unachievable|undeliverable|unrealised|unrealized)\s+(?:savings?\s+)?(?:of\s+)?{_W}?§",
     "shortfall"),
    (r"§\s+(?:of\s+)?(?:the\s+|its\s+)?(?:\w+\s+)?savings?\s+(?:is|are|remains?|was|were)\s+(?:now\s+|currently\s+)?"
     r"(?:unachievable|undeliverable|unmet|not\s+achievable|not\s+deliverable)", "shortfall"),
    (r"§\s+(?:below|under|behind|short\s+of|against|compared\s+(?:to|with)|versus|vs\.?)\s+(?:the\s+|its\s+|a\s+)?"
     r"(?:[\w'’-]+\s+){0,2}?(?:baseline|profile)", "shortfall"),  # income monitoring: "-£20k against the baseline"
    (r"\bf[ae]ll\w*\s+short\s+(?:of\s+[^§¤]{0,30})?by\s+§", "shortfall"),
    (r"\b(?:shortfall|under[-\s]?recovery|gap)\s+(?:on|in|against|for|within)\s+[^§¤]{0,50}?§", "shortfall"),  # "Shortfall on fees £50k"
    (r"\b(?:shortfall|short[-\s]fall|under[-\s]?delivery|gap|deficit)\b[^§¤]{0,30}?"
     r"\b(?:is|was|of|totals?|totalling|amounts\s+to|stands\s+at)\s+§", "shortfall"),
    # slippage: savings or spend moved to a later year ("slippage of £251,000", "£1m of spend will move into 2023/24")
    (rf"\bslip\w*\s+(?:of\s+|by\s+)?{_W}{{0,2}}§", "slippage"),
    (rf"§\s+{_W}{{0,2}}(?:slip\w*|deferr?\w*|re-?profil\w*|re-?phas\w*|carried\s+forward|rolled?\s+forward)", "slippage"),
    (r"§[^§¤]{0,60}?\b(?:slip|slips|slipped|deferred|carried\s+forward|rolled\s+forward|re-?profiled|re-?phased)\b",
     "slippage"),
    (r"§\s+(?:will|is\s+to|are\s+to|is\s+expected\s+to|are\s+expected\s+to)\s+(?:now\s+)?"
     r"(?:remain|be\s+carried|carry|roll|be\s+deferred)", "slippage"),
    (r"§[^§¤]{0,40}?\b(?:mov(?:e|es|ed|ing)|shift\w*|transferr?\w*|falls?|fell|fall(?:s|ing)|push\w*)\s+"
     r"(?:back\s+|over\s+|forward\s+)?(?:in)?to\s+(?:the\s+)?(?:next|following|later|future|new|20\d\d|\d\d/\d\d|fy|financial|q[1-4])",
     "slippage"),
    (r"§[^§¤]{0,40}?\bwill\s+now\s+(?:only\s+)?be\s+(?:delivered|spent|paid|incurred|achieved|made|realised|completed)"
     r"\s+(?:in|during|by)\b", "slippage"),  # "now ... in <later period>": the timing moved
    (r"§[^§¤]{0,60}?\bwill\s+(?:now\s+)?be\s+(?:delivered|achieved|made|realised|realized|spent)\s+(?:in|during)\s+"
     r"[^§¤]{0,30}?\b(?:instead|rather\s+than)\b", "slippage"),  # "the remaining £75k will be delivered in 2025/26 instead"
    (r"§[^§¤]{0,40}?\b(?:will|can)\s+not\s+be\s+(?:spent|paid|incurred|needed|required|drawn\s+down|claimed)\s+until\b",
     "slippage"),
    (r"§[^§¤]{0,40}?\b(?:(?:may|can|could)\s+(?:now\s+|still\s+)?|will\s+now\s+"
     r"|(?:is|are)\s+(?:now\s+)?(?:expected|forecast|planned|due|likely)\s+to\s+)be\s+(?:spent|used|paid|incurred|drawn\s+down)"
     r"\s+(?:in|during|into)\s+(?:the\s+)?(?:next|following|later|future|20\d\d|\d\d/\d\d|fy|financial|q[1-4]|quarter)",
     "slippage"),  # "the funder has agreed that £1.1m may be spent in 2024/25"
    (r"§\s+of\s+(?:the\s+|this\s+|its\s+)?(?:[\w'’-]+\s+)?(?:programme|budget|spend|allocation|scheme|works|capital)\b"
     r"[^§¤]{0,30}?\b(?:will|can)\s*not\s+be\s+(?:delivered|spent|used|incurred)\s+(?:in\s+)?(?:this|the\s+current)\s+"
     r"(?:financial\s+)?year", "slippage"),  # capital programmes: spend not delivered this year moves on
    (r"\bslippage\s+(?:on|in|against|for|within)\s+[^§¤]{0,50}?§", "slippage"),  # "Slippage on the depot scheme £0.4m"
    (rf"\b(?:delay\w*|deferr\w*|re-?profil\w*|re-?phas\w*|carr(?:y|ied)\s+forward|roll[-\s]?over)\s*:?\s+(?:of\s+)?{_W}{{0,2}}§",
     "slippage"),
    # a part of a whole saving ("£120k of the £200k saving is at risk", savings trackers): the whole is the year's target,
    # the part takes the kind the sentence gives it (at risk, achieved, slipped)
    (r"¤\s+of\s+(?:the\s+|its\s+|this\s+year.s\s+)?§\s+(?:[\w'’-]+\s+){0,2}?(?:target|savings?)\b", "saving_target"),
    (r"§\s+of\s+(?:the\s+|its\s+|this\s+year.s\s+)?¤\s+(?:[\w'’-]+\s+){0,2}?(?:target|savings?)\b[^§¤]{0,40}?\bat\s+risk\b",
     "at_risk"),
    # at risk: not yet lost, but may be ("£20k at risk", "savings at risk of £20k")
    (r"§[^§¤]{0,80}?\bat\s+risk\b", "at_risk"),
    (rf"\bat\s+risk\s*(?:of\s+|is\s+|are\s+|totals?\s+|:\s*)?{_W}{{0,2}}§", "at_risk"),
    (rf"\brisks?\s+(?:of\s+|to\s+)?{_W}{{0,2}}§", "at_risk"),
    (r"§[^§¤]{0,40}?\b(?:could|may|might)\s+(?:yet\s+|still\s+)?(?:be\s+lost|not\s+be\s+(?:achieved|delivered|realised|realized|made))",
     "at_risk"),  # "may not be achieved": not yet lost, unlike "will not be achieved" (the target)
    # overspend: spending beyond budget, or a budget pressure ("overspend of £1.2m", "the net overspend is £0.2m")
    (rf"\b(?:over[-\s]?spend\w*|overspent|pressures?|over[-\s]?commit\w*)\s+(?:of\s+|by\s+)?{_W}{{0,2}}§",
     "overspend"),
    (rf"§\s+{_W}{{0,2}}(?:over[-\s]?spend\w*|overspent|pressures?\b|over\s+budget)", "overspend"),
    (r"\bover[-\s]?spend\b[^§¤]{0,50}?\b(?:is|was|of|totals?|totalling|stands\s+at|amounts\s+to|at|now)\s+§",
     "overspend"),
    (r"\b(?:over[-\s]?spend|pressure)\s+(?:on|in|against|for|within)\s+[^§¤]{0,50}?§", "overspend"),  # "Overspend on transport £1.9m"
    # a budget or outturn level is none of the kinds ("forecast outturn £1.35m"): revenue and capital monitoring
    (rf"\bout[-\s]?turn\b\s*(?:of\s+|is\s+|was\s+|at\s+|:\s*)?{_ABOUT}§", "other"),
    # income: money coming in ("in year income from this charge is only £6,000", "grant of £50k", "recover £20k")
    (r"\b(?:income|revenue|receipts?|fees?|charges?|subscriptions?|sales)\b[^§]{0,80}?\bagainst\s+(?:an?\s+|the\s+)?"
     r"(?:budget(?:ed)?|expected|estimated|planned|forecast)\s+(?:income\s+|level\s+)?(?:of\s+)?§", "income"),
    (r"\b(?:income|revenue|receipts?|fees?|charges?|subscriptions?|sales)\b[^§]{0,80}?\bagainst\s+(?:an?\s+|the\s+)?"
     r"§\s+(?:budget(?:ed)?|expected|estimated|planned|forecast)\b", "income"),  # the budgeted level of the same income
    (r"\b(?:income|revenue|receipts?)\b[^§¤]{0,60}?§", "income"),
    (rf"§\s+{_W}{{0,2}}(?:income|revenue|receipts?)\b", "income"),
    (r"\b(?:credited|refund\w*|reimburs\w*)\b[^§¤]{0,40}?§", "income"),  # "the supplier has credited one month's fee of £6,500"
    (rf"\b(?:generat\w*|rais\w*|collect\w*|earn\w*|cover\w*|recover\w*|recoup\w*|reclaim\w*|receiv\w*|award\w*)"
     rf"\s+{_ABOUT}{_W}{{0,2}}§", "income"),
    (rf"\b(?:grants?|compensation|contributions?|sponsorship|donations?|fees\s+and\s+charges)"
     rf"(?:\s+(?:funding|income|payments?|claims?))?\s+(?:of\s+|worth\s+|totalling\s+)?{_ABOUT}§", "income"),
    (r"§\s+(?:of\s+)?(?:(?!reduc|cut|loss|fall|drop)[\w'’-]+\s+){0,3}(?:grants?|compensation|contributions?|sponsorship)\b",
     "income"),  # "a £1.9m Active Travel Fund grant", not "a £30k reduction in grant"
    # external funding received or awarded ("New burdens funding of £1.45m", "Levelling Up funding worth £2m"): capital reports
    (rf"\bfunding\s+(?:of\s+|worth\s+|totalling\s+){_ABOUT}§", "income"),
    (r"\b(?:funded|financed|paid\s+for)\s+(?:by|through|from)\s+(?:an?\s+|the\s+)?§", "income"),  # "funded by a £1.9m grant"
    (rf"\b(?:secured|obtained|won|attracted|received)\s+{_ABOUT}§\s+(?:(?!sav)[\w'’-]+\s+){{0,2}}?from\b", "income"),
    # projected: a saving the service is projecting, a full-year effect, a part-year saving that is possible (savings
    # trackers: "projecting savings of £3.2m against a target of £3.8m", "a full-year effect of £150k in 2025/26")
    (rf"\b(?:projecting|forecasting|expecting|anticipating)\s+(?:savings?\s+(?:of\s+)?)?{_ABOUT}§", "saving_projected"),
    (rf"\b(?:full|part)[-\s]year\s+effects?\s+(?:of\s+|is\s+|will\s+be\s+)?{_ABOUT}§", "saving_projected"),
    (r"§\s+(?:is|are|will\s+be|would\s+be)\s+(?:now\s+|only\s+|still\s+)?(?:possible|achievable|deliverable|realistic)\b",
     "saving_projected"),
    # the savings target, when named next to the amount ("target of £28,000", "£130,000 savings target")
    (r"\btargets?\b\s*(?:of|was|is|totalling|totaling|:|\()?\s*§", "saving_target"),
    (r"§\s+(?:originally|initially|previously)\s+(?:planned|agreed|assumed|expected|budgeted|approved)", "saving_target"),
    (rf"§\s+{_W}{{0,2}}(?:savings?\s+)?targets?\b", "saving_target"),
    (r"\b(?:aim\w*|plan\w*|intend\w*|seek\w*|expect\w*)\s+to\s+(?:reduce|save|deliver|achieve|cut)\b"
     r"[^§¤]{0,80}?\bby\s+§", "saving_target"),
    (r"\bsav\w*\s+(?:in|on|from)\s+(?:[\w'’-]+\s+){0,5}?(?:costs?|spend|expenditure|budgets?|bills?)\s+(?:of\s+)?§",
     "saving_target"),  # "the saving on agency costs of £40k": the saving is the head noun
    # cost: money going out ("costs of £300,000", "£300,000 cost", "estimated at £450k", "spend to date is £1m")
    (rf"\bsav\w*\b[^§¤]{{0,40}}?\b(?:estimated|valued|put)\s+at\s+{_ABOUT}§", "saving_projected"),
    (rf"\b(?:estimated|costed|valued|priced|quoted)\s+at\s+{_ABOUT}§", "cost"),
    (rf"\bsav\w*\s+estimates?\s+(?:of\s+|is\s+|was\s+)?{_ABOUT}§", "saving_projected"),
    (rf"\b(?:estimates?|quotes?|quotations?|tender\s+prices?|tenders?)\s+(?:of\s+|is\s+|was\s+|at\s+|for\s+)?{_ABOUT}§",
     "cost"),  # "the pre-tender estimate of £3.2m": an estimated cost of works
    (r"\b(?:costs?|costing|spend|spent|expenditure|prices?|fees?|charges?|invest\w*)\s+(?:of\s+|at\s+|is\s+|was\s+)?"
     rf"{_ABOUT}§", "cost"),
    (r"\bcosts?\b(?:(?!sav)[^§¤]){0,60}?\b(?:risen|rose|increased|grown|gone\s+up|from|to|at|is|was|are|were|totals?|totalling"
     rf"|reached)\s+{_ABOUT}§", "cost"),
    (r"\b(?:spend|spent|expenditure)\b(?:\s+to\s+date|\s+so\s+far)?\s+(?:is|was|of|totals?|totalling|stands\s+at|at"
     rf"|has\s+reached|reached)\s+{_ABOUT}§", "cost"),
    # "adding £0.55m to the contract sum", "adds £38,000 to the cost of the works": money added to a cost
    (r"\badd(?:s|ed|ing)?\s+(?:an?\s+(?:extra|further|additional)\s+)?§\s+to\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?"
     r"(?:costs?|contract\s+(?:sum|price|value)|price|bill|spend)\b", "cost"),
    (r"§\s+(?:[\w'’-]+\s+)?(?:costs?|spend|expenditure|investment)\b", "cost"),
    # costs named before a long noun phrase, an estimate for works ("costs for the contract of around £350,000 are
    # expected", "the revised estimate for the works is £8.4m"): not a projected saving
    (rf"\bcosts?\s+(?:for|of|on)\s+(?:(?!sav)[^§¤]){{0,60}}?\bof\s+{_ABOUT}§", "cost"),
    (rf"\bcosts?\s+(?:above|beyond|in\s+excess\s+of)\s+(?:the\s+|its\s+)?(?!(?:[\w'’-]+\s+){{0,3}}?(?:budget|plan|allocation|estimate))"
     rf"(?:[\w'’-]+\s+){{1,3}}?of\s+{_ABOUT}§", "cost"),  # "costs above the bond of around £350,000": not the budget
    (r"\b(?:estimates?|quotes?|quotations?|tender\s+prices?)\s+for\s+(?:(?!sav)[^§¤]){0,40}?\b(?:is|was|are|were|of|at|now)\s+"
     rf"{_ABOUT}§", "cost"),
    (r"§[^§¤]{0,40}?\b(?:will|to|is\s+to|are\s+to)\s+be\s+(?:funded|met|financed|paid\s+for)\s+(?:from|by|through|out\s+of)\b",
     "cost"),  # "support of £30k will be funded from the planning reserve": money to be spent
    # a budget level named as the budget ("costs above the approved budget of £600k are forecast", "the scheme budget is
    # £2.4m"): the sum is the budget, not the forecast the sentence goes on to give; capital and revenue monitoring
    (rf"\bbudgets?\s+(?:of|is|was|stands\s+at|totalling|:)\s+{_ABOUT}§", "other"),
    # projected, achieved: future and past tense of a saving
    (rf"§[^§¤]{{0,40}}?\b{_VERB_BE}\s+be\s+(?:achieved|delivered|realised|realized|made|saved)", "saving_projected"),
    (r"§\s+(?:is|are|has\s+been|have\s+been)\s+(?:now\s+)?(?:forecast|projected|expected|anticipated|estimated)\b",
     "saving_projected"),
    (rf"\b(?:will|would|is\s+(?:expected|forecast|projected|likely|on\s+(?:track|course|target))\s+to|expects?\s+to"
     rf"|plans?\s+to)\s+(?:now\s+|only\s+|still\s+)?(?:deliver|achieve|save|realise|realize|make)\s+{_ABOUT}§",
     "saving_projected"),  # "will deliver £80,000 in 2023/24", "is on track to deliver £2.1m"
    (rf"\b(?:revised|forecast|projected|expected|estimated|anticipated|likely)\s+{_W}?sav\w*\s+(?:of\s+|is\s+|are\s+)?§",
     "saving_projected"),
    (r"§\s+of\s+(?:the\s+|its\s+)?¤\s+(?:[\w'’-]+\s+){0,2}?(?:target|savings?)\s+(?:has|have)\s+(?:now\s+|already\s+)?been\s+"
     r"(?:achieved|delivered|realised|realized|made|secured)", "saving_achieved"),  # "£1.1m of the £1.5m target has been achieved"
    (r"§[^§¤]{0,40}?\b(?:has|have|had)\s+(?:now\s+|already\s+)?(?:been\s+)?"
     r"(?:achieved|delivered|realised|realized|made|secured|saved|banked)", "saving_achieved"),
    (r"\b(?:to\s+date|so\s+far|actual\w*|already|achieved|realised|realized|saved|banked)\b[^§¤]{0,40}?§",
     "saving_achieved"),
    (rf"\b(?:has|have|had)\s+(?:now\s+|already\s+)?(?:achieved|delivered|realised|realized|saved|secured|banked)"
     rf"\s+{_W}{{0,2}}§", "saving_achieved"),
    (r"§[^§¤]{0,20}?\b(?:so\s+far|to\s+date)\b", "saving_achieved"),
    (r"§[^§¤]{0,40}?(?<!be\s)(?<!been\s)\b(?:achieved|delivered|realised|realized|secured)\b", "saving_achieved"),
    (r"\b(?:project(?:ed|ing|ions?)|forecast\w*|anticipat\w*|expected|estimated|predicted|likely)\b[^§¤]{0,50}?§",
     "saving_projected"),
    # a savings amount with no other cue is the target ("the £62,000 saving for 2018/19")
    (rf"§\s+{_W}{{0,2}}savings?\b", "saving_target"),
    (rf"§\s+{_W}?(?:reductions?|efficienc(?:y|ies)|cuts?)\b(?!\s+in\s+(?:income|grant|funding|revenue))", "saving_target"),
    (rf"\bsav\w*\s+(?:of\s+)?{_W}?§", "saving_target"),
    (r"\b(?:reduc\w*|sav\w*|cut\w*|lower\w*)\b[^§¤]{0,80}?\bby\s+§", "saving_target"),
]]
