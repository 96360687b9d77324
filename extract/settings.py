"""Reader settings: a dataclass that validates itself (pdfplumber's TableSettings style)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal, get_args

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_PAGES = 2000
DEFAULT_MAX_UNZIPPED_BYTES = 500 * 1024 * 1024
# Below the per-file timeout (120 s), so a hung LibreOffice is killed by us and reported.
DEFAULT_CONVERT_TIMEOUT = 90
OcrMode = Literal["auto", "always", "never"]
OCR_MODES: tuple[str, ...] = get_args(OcrMode)
DEFAULT_OCR: OcrMode = "auto"
# Tesseract reads 10pt print best at about 300 dpi (letters 20-30 pixels high).
DEFAULT_OCR_DPI = 300
MAX_OCR_DPI = 1200


@dataclass(frozen=True, slots=True)
class ExtractSettings:
    """Limits and knobs shared by every reader.

    Attributes:
        max_bytes: files larger than this are refused as too large.
        max_pages: PDFs with more pages are refused.
        max_unzipped_bytes: DOCX archives that would inflate beyond this are refused,
            and PDFs whose streams inflate beyond it (zip- and decompression-bomb guard).
        convert_timeout: seconds LibreOffice may take to convert a .doc/.rtf/.odt file
            before it is killed and the file fails.
        ocr: which PDF pages are read by OCR: "auto" (pages with no text layer that
            are a scanned image), "always" (every page, ignoring the text layer) or
            "never" (a PDF with no text layer fails).
        ocr_dpi: the resolution pages are rendered at for OCR (at most MAX_OCR_DPI).
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int = DEFAULT_MAX_PAGES
    max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES
    convert_timeout: int = DEFAULT_CONVERT_TIMEOUT
    ocr: OcrMode = DEFAULT_OCR
    ocr_dpi: int = DEFAULT_OCR_DPI

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "ocr":
                if value not in OCR_MODES:
                    raise ValueError(f"ExtractSettings.ocr must be one of {', '.join(OCR_MODES)}, got {value!r}")
            elif not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"ExtractSettings.{f.name} must be a positive int, got {value!r}")
        if self.ocr_dpi > MAX_OCR_DPI:
            raise ValueError(f"ExtractSettings.ocr_dpi must be at most {MAX_OCR_DPI}, got {self.ocr_dpi}")

    @classmethod
    def resolve(cls, settings: None | dict[str, Any] | ExtractSettings) -> ExtractSettings:
        """Given None, a dict or an instance, return validated settings; unknown keys raise."""
        if settings is None:
            return cls()
        if isinstance(settings, ExtractSettings):
            return settings
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(settings) - known)
        if unknown:
            raise ValueError(f"unknown extract setting(s): {', '.join(unknown)}")
        return cls(**settings)
