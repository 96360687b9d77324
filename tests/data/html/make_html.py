"""Regenerate the LibreOffice HTML copies of the samples: `python tests/data/html/make_html.py`.

The copies are committed (a few tens of kB); this script records how they were made so
they can be rebuilt on purpose. Each sample DOCX is converted twice with LibreOffice
headless, in a profile of its own so a running LibreOffice does not block it:

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
SAMPLES = HERE.parents[2] / "samples"
FILTERS = {".html": "html", ".xhtml": "xhtml:XHTML Writer File:UTF8"}
TIMEOUT_S = 180


def convert(docx: Path, suffix: str, profile: Path) -> Path:
    """Given a sample DOCX, an output suffix and a LibreOffice profile folder, write the copy here."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            "soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
            "--convert-to", FILTERS[suffix], "--outdir", tmp, str(docx),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=TIMEOUT_S)
        made = Path(tmp) / f"{docx.stem}{suffix}"
        target = HERE / made.name
        shutil.copyfile(made, target)
    return target


def main() -> int:
    """Convert every sample DOCX to both HTML flavours; return the exit code."""
    if shutil.which("soffice") is None:
        print("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as profile:
        for docx in sorted(SAMPLES.glob("*.docx")):
            for suffix in FILTERS:
                print(convert(docx, suffix, Path(profile)).name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
