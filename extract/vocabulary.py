"""Words that head the columns of exception tables, shared by the text and PDF readers.

Readers use it only to *find* a header row; what each column means is decided later by
`normalise.tables.column_map`.
"""

from __future__ import annotations

import re

# Stems of header words, by meaning: the project, the exception, the action, the rest.
HEADER_STEMS = (
    r"projects?|schemes?|programmes?|programs?|initiatives?|workstreams?|proposals?|services?|savings?"
    r"|exceptions?|reasons?|issues?|risks?|problems?|causes?|explanations?|descriptions?|details?|narrative"
    r"|comments?|commentary|updates?|summary|background|variances?|slippage|delays?"
    r"|mitigat\w*|actions?|responses?|remed\w*|corrective|recovery|resolution|next\ steps?|plans?|measures?"
    r"|status|rag|r/a/g|rating|progress|owners?|leads?|officers?|responsib\w*|targets?|forecasts?|budgets?"
    r"|impacts?|deadlines?|milestones?|title|name|ref|reference|id"
)
# A header word anywhere in a cell ("Reason for Exception").
HEADER_WORD_IN_TEXT = re.compile(rf"\b(?:{HEADER_STEMS})\b", re.IGNORECASE)
# One word that is a header word, punctuation aside ("Mitigation:").
HEADER_WORD = re.compile(rf"^(?:{HEADER_STEMS})\W*$", re.IGNORECASE)
