"""Plain-text exports -> `Document`: tab-separated, `pdftotext -layout`, reading-order `pdftotext`,
ASCII box and markdown pipe tables, each found from whitespace and punctuation alone.

In: bytes of a text file. Out: `extract.model.Document` with line and character offsets.
"""
