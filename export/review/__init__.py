"""The HTML review report: one card per primary exception with its source crop or text, highlights,
flags, a spot-check sample with inclusion probabilities and the accuracy its verdicts measure.

In: the output tables. Out: `review.html` (jinja2, autoescaped) whose verdicts and corrections export as CSV.
"""
