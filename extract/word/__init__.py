"""Word documents -> `Document`: DOCX by python-docx; `.doc`, `.rtf` and `.odt` converted to DOCX by
headless LibreOffice first.

In: a file path. Out: `extract.model.Document`, body order kept.
"""
