"""Score our layouts as the corpus' files are made: LibreOffice's PDF of the DOCX, and that PDF's text exports.

    python bench/variants.py [--out DIR] [--ner]

The corpus' PDFs are LibreOffice 7.4 exports of their DOCX, its `.txt` files are
`pdftotext -layout` of those PDFs and its `_raw.txt` files plain `pdftotext`; most of our
layout fixtures were drawn by our own generator instead (fpdf2 PDFs, our own layout text).
So this makes, for every layout DOCX in tests/data/layouts/docs, the three files the
corpus' way (`<stem>_lo.pdf`, `<stem>_lo.txt`, `<stem>_lo_raw.txt`), ingests them (rules
only unless `--ner`) and prints each file's scores against the layout's gold, then the mean
score per kind of file. Needs `soffice` and `pdftotext` (poppler-utils). Nothing here is
tuned against: it is the unseen check on the path the held-back documents most likely took.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from slippage.cli import main as slippage_main  # noqa: E402
from tests.conftest import read_tables  # noqa: E402
from tests.scoring import load_golds, score_tables  # noqa: E402

LAYOUTS = ROOT / "tests" / "data" / "layouts"
# score.py's last line: the mean of these over files.
SCORED = ("rows", "reason", "mitigation", "amounts", "years")
KINDS = {"_lo.pdf": "LibreOffice PDF", "_lo.txt": "pdftotext -layout", "_lo_raw.txt": "pdftotext (reading order)"}


def make_variants(docs: Path, out: Path) -> list[Path]:
    """Given the layouts' folder and an empty folder, write every DOCX's three corpus-style files into it."""
    sources = sorted(docs.glob("*.docx"))
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, *map(str, sources)], check=True, capture_output=True, timeout=1800)
        for source in sources:
            pdf = out / f"{source.stem}_lo.pdf"
            shutil.copyfile(Path(tmp) / f"{source.stem}.pdf", pdf)
            subprocess.run(["pdftotext", "-layout", str(pdf), str(out / f"{source.stem}_lo.txt")], check=True, timeout=60)
            subprocess.run(["pdftotext", str(pdf), str(out / f"{source.stem}_lo_raw.txt")], check=True, timeout=60)
    return sorted(out.iterdir())


def main() -> int:
    """Make, ingest and score the variants; print per file and per kind; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="keep the variants and the output here (default: a temporary folder)")
    parser.add_argument("--ner", action="store_true", help="run spaCy NER as the tests do (slower)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = args.out or Path(tmp)
        docs, out = base / "docs", base / "out"
        docs.mkdir(parents=True, exist_ok=True)
        made = make_variants(LAYOUTS / "docs", docs)
        code = slippage_main(["ingest", str(docs), "--out", str(out), "--quiet", "--no-review", "--force",
                              *([] if args.ner else ["--no-ner"])])
        if code not in (0, 1):
            return code
        scores = score_tables(read_tables(out), load_golds(LAYOUTS / "gold"))
        by_kind: dict[str, list[float]] = defaultdict(list)
        print(f"{'file':70} {'rows':>5} {'prog':>5} {'text':>5} {'amts':>5} {'score':>6}")
        for name, score in sorted(scores.items()):
            kind = next(k for k in KINDS if name.endswith(k))
            overall = statistics.fmean(score.metric(m) for m in SCORED)
            by_kind[kind].append(overall)
            print(f"{name:70} {score.rows:5.3f} {score.programme:5.3f} {score.text:5.3f} {score.amounts:5.3f} {overall:6.3f}")
        print(f"\n{len(made)} files from {len(made) // 3} layout DOCX")
        for kind, label in KINDS.items():
            values = by_kind[kind]
            print(f"{label:28} {len(values):3} files  mean score {statistics.fmean(values):.3f}  at 1.000: {sum(v >= 0.999 for v in values)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
