"""Regenerate the LibreOffice HTML copies of DOCX fixtures: `python tests/data/html/make_html.py`.

The copies are committed (a few tens of kB each); this script records how they were made
so they can be rebuilt on purpose. LibreOffice headless converts, in a profile of its own
so a running LibreOffice does not block it, each sample DOCX to both flavours (here), each
development-corpus DOCX (tests/data/corpus) to `.html` and each layouts DOCX
(tests/data/layouts) to `.xhtml` (in `copies/`); the copies share their originals' gold.

- `<stem>.html`: the "HTML (StarWriter)" filter (`--convert-to html`): `<h1>`/`<h2>` headings,
  `<thead>`, `<p>` per cell paragraph with the source wrapped over lines, `<b>` runs;
- `<stem>.xhtml`: the "XHTML Writer File" filter: an XML declaration, the whole body on one
  line, headings and bold as CSS classes (`<span class="T1">`), `<ul><li><p>` lists whose
  glyph is a private-use character.

The hand-written pages beside them (committee-system and Word "save as web page" layouts)
and their gold in `gold/` are written by hand, not by this script.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
FILTERS = {".html": "html", ".xhtml": "xhtml:XHTML Writer File:UTF8"}
# (folder of originals, suffixes to make, folder the copies go to)
SOURCES = (
    (ROOT / "samples", (".html", ".xhtml"), HERE),
    (ROOT / "tests" / "data" / "corpus" / "docs", (".html",), HERE / "copies"),
    (ROOT / "tests" / "data" / "layouts" / "docs", (".xhtml",), HERE / "copies"),
)
TIMEOUT_S = 180


def convert(docx: Path, suffix: str, profile: Path, target_dir: Path) -> Path:
    """Given a DOCX, an output suffix, a LibreOffice profile folder and a folder, write the copy there."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            "soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
            "--convert-to", FILTERS[suffix], "--outdir", tmp, str(docx),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=TIMEOUT_S)
        made = Path(tmp) / f"{docx.stem}{suffix}"
        target_dir.mkdir(exist_ok=True)
        target = target_dir / made.name
        shutil.copyfile(made, target)
    return target


def main() -> int:
    """Convert every source DOCX to its HTML flavours; return the exit code."""
    if shutil.which("soffice") is None:
        print("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as profile:
        for folder, suffixes, target_dir in SOURCES:
            for docx in sorted(folder.glob("*.docx")):
                for suffix in suffixes:
                    print(convert(docx, suffix, Path(profile), target_dir).relative_to(HERE))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
