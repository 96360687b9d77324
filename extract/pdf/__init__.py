"""PDF pages -> `Document`: pdfplumber words and rulings become lines, paragraphs, ruled and borderless
tables and headings, each with its page and bbox; `crops` renders page regions for the review.

In: a PDF path (and OCR words for scanned pages, from `extract.ocr`). Out: `extract.model.Document`.
"""
