"""Tables and text blocks -> exception records: header rows, column roles from evidence, the
exceptions decision, one record per project under its programme, mitigation aligned.

In: `extract.model.Document`. Out: `normalise.record.ExceptionRecord`s and a column map per table.
"""
