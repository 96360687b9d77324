"""Text clean-up and sentence structure: raw extracted text -> clean single-spaced text, and the
sentence and clause around a mention for the kind and year rules.

In: raw strings. Out: clean strings and spans.
"""
