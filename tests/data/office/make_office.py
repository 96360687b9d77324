"""Make the legacy-format fixtures: LibreOffice copies of DOCX reports as .doc, .rtf and .odt.

Run from the repository root: `python tests/data/office/make_office.py` (needs `soffice`).
The samples get all three formats; the corpus and our own layouts get one each, in turn,
so every format is tried on several layouts without converting forty files in the tests.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
OUT = Path(__file__).resolve().parent / "docs"
FORMATS = ("doc", "rtf", "odt")
FILTERS = {"doc": "doc:MS Word 97", "rtf": "rtf:Rich Text Format", "odt": "odt:writer8"}


def sources() -> list[tuple[Path, tuple[str, ...]]]:
    """Given the repository, return each DOCX to copy with the formats to copy it into."""
    picked: list[tuple[Path, tuple[str, ...]]] = [(p, FORMATS) for p in sorted((ROOT / "samples").glob("*.docx"))]
    others = sorted((ROOT / "tests/data/corpus/docs").glob("*.docx")) + sorted((ROOT / "tests/data/layouts/docs").glob("*.docx"))
    picked += [(p, (FORMATS[i % len(FORMATS)],)) for i, p in enumerate(others)]
    return picked


def convert(source: Path, fmt: str, profile: Path) -> None:
    """Given a DOCX, a target format and a LibreOffice profile folder, write the copy into OUT.

    A .doc is made from an ODT copy: LibreOffice 7.4's direct DOCX -> DOC export drops the
    table structure of tables whose width is "auto" (as python-docx writes them), which Word
    itself never produces; going through ODT keeps them.
    """
    if fmt == "doc":
        with tempfile.TemporaryDirectory() as hop:
            _soffice(source, "odt", Path(hop), profile)
            _soffice(Path(hop) / f"{source.stem}.odt", "doc", OUT, profile)
        return
    _soffice(source, fmt, OUT, profile)


def _soffice(source: Path, fmt: str, out: Path, profile: Path) -> None:
    """Given a file, a target format, an output folder and a profile, run one LibreOffice conversion."""
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", FILTERS[fmt], "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=120,
    )


def main() -> int:
    """Given nothing, convert every fixture; return the exit code."""
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        for source, formats in sources():
            for fmt in formats:
                convert(source, fmt, Path(profile))
                print(f"{source.name} -> {source.stem}.{fmt}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
