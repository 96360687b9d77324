"""Named entities: one spaCy pipeline per process (NER plus our entity ruler) fused with the money
and year rules into one list of mentions per field.

In: exception fields. Out: mention rows for `amounts`, `years` and `entities`.
"""
