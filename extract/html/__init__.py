"""HTML and XHTML pages -> `Document`: tables on the DOCX reader's grid, paragraphs and headings
in reading order, site chrome left out.

In: bytes of a page. Out: `extract.model.Document` with line and character offsets into the decoded source.
"""
