"""Scanned PDF pages -> word boxes and table rulings, so `extract.pdf` reads them like a text layer.

In: a PDF page with no text layer. Out: pdfplumber-shaped words, ruling lines and an engine confidence
(Debian's `tesseract` does the recognition).
"""
