"""The financial year each amount is tied to, in capital and revenue monitoring wordings of our own.

Conventions (shared/corpus/README.md): the year written in the amount's own clause, else null;
"this year", "next year", "last year" are not written years. Slippage "from X into Y" keeps
the first year after the amount (the samples' "slippage of £0.197m savings from 2015/16 to
2016/17" is 2015/16).
"""

from __future__ import annotations

import pytest

from normalise.money.amounts import find_amounts
from normalise.time.years import fiscal_year_for

CASES = [
    ("£1.2m will be reprofiled into 2024/25.", 0, "2024/25"),
    ("The scheme has slipped by £0.4m from 2022/23.", 0, "2022/23"),
    ("This creates a budget pressure of £0.9m in 2024/25.", 0, "2024/25"),
    ("Only a part-year saving of £60k is possible in 2024/25, with a full-year effect of £150k in 2025/26.", 0, "2024/25"),
    ("Only a part-year saving of £60k is possible in 2024/25, with a full-year effect of £150k in 2025/26.", 1, "2025/26"),
    ("Of the £3m budget for 2023/24, £1.2m will slip to 2024/25.", 0, "2023/24"),
    ("Of the £3m budget for 2023/24, £1.2m will slip to 2024/25.", 1, "2024/25"),
    ("£350k was delivered in 2023/24 against the 2024/25 target of £500k.", 0, "2023/24"),
    ("£350k was delivered in 2023/24 against the 2024/25 target of £500k.", 1, "2024/25"),
    ("The MTFS assumes £250k in 2025/26 and a further £100k in 2026/27.", 0, "2025/26"),
    ("The MTFS assumes £250k in 2025/26 and a further £100k in 2026/27.", 1, "2026/27"),
    ("A one-off saving of £80k was made last year.", 0, None),
    ("The saving of £120k (FY 2024/25) is on track.", 0, "2024/25"),
    ("A pressure of £0.6m in 2024/25 rises to £1.1m in 2025/26.", 0, "2024/25"),
    ("A pressure of £0.6m in 2024/25 rises to £1.1m in 2025/26.", 1, "2025/26"),
    ("£2m (2024/25) and £1.5m (2025/26) are now forecast.", 0, "2024/25"),
    ("£2m (2024/25) and £1.5m (2025/26) are now forecast.", 1, "2025/26"),
    ("The 2025/26 savings target of £400k is at risk.", 0, "2025/26"),
    ("Slippage of £0.6m into 2025-26 is requested.", 0, "2025/26"),
    ("Spend this year is £40k; the balance of £60k follows next year.", 0, None),
    ("Spend this year is £40k; the balance of £60k follows next year.", 1, None),
    ("In 2023/24, £95k was delivered, and the remaining £55k is now expected in 2024/25.", 0, "2023/24"),
    ("In 2023/24, £95k was delivered, and the remaining £55k is now expected in 2024/25.", 1, "2024/25"),
    ("£0.25m has slipped from 2023/24 into 2024/25.", 0, "2023/24"),
    ("Savings of £1.1m were delivered against the 2023/24 plan.", 0, "2023/24"),
    ("The 2024/25 budget of £2.2m includes £0.3m of growth.", 0, "2024/25"),
    ("£0.45m of the 2024-25 allocation will move into 2025-26.", 0, "2024/25"),
    ("A full-year effect of £210k is expected from 2025/26 onwards.", 0, "2025/26"),
    ("The saving for 2024/25 of £300k will be delivered in full.", 0, "2024/25"),
    ("Slippage in 2023/24 of £0.8m reflects the delayed start.", 0, "2023/24"),
    ("2024/25: £150k saving delivered.", 0, "2024/25"),
    ("For the 2025/26 financial year, a pressure of £0.7m is forecast.", 0, "2025/26"),
    ("The budget was £1m in 2022/23 but the scheme will cost £1.4m.", 1, None),
    ("£500k in 2024/25 and £250k in each of 2025/26 and 2026/27.", 1, "2025/26"),
    ("The pressure of £0.4m (2024/25) is funded from reserves.", 0, "2024/25"),
]
KNOWN_FAILURES: list[tuple[str, int, str | None]] = []


@pytest.mark.parametrize("text, nth, expected", CASES, ids=lambda v: str(v)[:30])
def test_amount_year(text: str, nth: int, expected: str | None) -> None:
    amount = find_amounts(text)[nth]
    assert fiscal_year_for(text, amount) == expected


@pytest.mark.xfail(strict=True)
@pytest.mark.parametrize("text, nth, expected", KNOWN_FAILURES, ids=lambda v: str(v)[:30])
def test_amount_year_known_failures(text: str, nth: int, expected: str | None) -> None:
    amount = find_amounts(text)[nth]
    assert fiscal_year_for(text, amount) == expected
