"""Exceptions outside grid tables: key/value forms (PRINCE2-style) and labelled paragraphs under item
headings, read into records and merged with the table records in reading order.

In: `extract.model.Document` blocks. Out: `normalise.record.ExceptionRecord`s with the blocks they came from.
"""
