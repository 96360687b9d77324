"""Money: "£0.025m", "(1,781)" under £'000 -> exact pounds, with its kind (slippage, saving, cost...)
from ordered rules and the scale a figure's column or text declares.

In: field text or a money-column cell. Out: `normalise.money.model.Amount`s with offsets.
"""
