"""Run slippage on documents that hold no project exceptions and print what it made of them.

    python bench/negatives.py DIR [--out OUT] [--workers N] [--extract GIT_DIR:PREFIX ...]

DIR is a folder of other projects' test documents (PDF, DOCX, TXT, HTML): none of them is
a council exceptions report, so every exception row slippage writes for them is a false
positive and every failed file should be an unreadable one. `--extract` first copies the
matching files of a bare git mirror (no work tree: `git ls-tree` + `git cat-file`) into
DIR/<mirror name>/<path>, e.g. `--extract /work/.mirror/jsvine+pdfplumber/repo:tests/pdfs`.
Keep DIR outside the repository; tests/data/negative/ holds a small subset of it.

Prints the number of files by status, the failures with their error, the number of
exception rows, and each file that produced rows with its count.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from slippage.cli import main as slippage_main  # noqa: E402

# The formats the negative set is drawn from: what slippage reads, plus HTML, which it
# should skip or read without crashing.
SUFFIXES = frozenset({".pdf", ".docx", ".txt", ".html", ".htm"})


@dataclass(frozen=True, slots=True)
class Blob:
    """One file of a git tree: its object id, size in bytes and path."""

    oid: str
    size: int
    path: str


@dataclass(frozen=True, slots=True)
class Summary:
    """What one run made of a negative set."""

    files: int
    by_status: dict[str, int]
    failures: list[tuple[str, str]]
    rows: int
    files_with_rows: list[tuple[str, int]]


def list_blobs(git_dir: Path, prefix: str) -> list[Blob]:
    """Given a bare mirror and a folder inside it, return its blobs with a wanted suffix."""
    out = subprocess.run(["git", "--git-dir", str(git_dir), "ls-tree", "-r", "-l", "HEAD", prefix],
                         check=True, capture_output=True, text=True).stdout
    blobs = []
    for line in out.splitlines():
        meta, path = line.split("\t", 1)
        _, kind, oid, size = meta.split()
        # A size of "-" marks an object the mirror lists but does not hold.
        if kind == "blob" and size.isdigit() and Path(path).suffix.lower() in SUFFIXES:
            blobs.append(Blob(oid, int(size), path))
    return blobs


def extract(spec: str, dest: Path) -> int:
    """Given "GIT_DIR:PREFIX", copy its wanted files under dest/<mirror name>/; return how many."""
    git_text, _, prefix = spec.rpartition(":")
    git_dir = Path(git_text)
    name = git_dir.parent.name if git_dir.name == "repo" else git_dir.name
    n = 0
    for blob in list_blobs(git_dir, prefix):
        done = subprocess.run(["git", "--git-dir", str(git_dir), "cat-file", "blob", blob.oid], capture_output=True)
        if done.returncode != 0:  # listed but absent from the snapshot
            continue
        target = dest / name / blob.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(done.stdout)
        n += 1
    return n


def summarise(out: Path) -> Summary:
    """Given an ingest output folder, return its counts, failures and files with rows."""
    reports = pd.read_csv(out / "reports.csv", keep_default_na=False)
    failed = reports[reports["status"] == "failed"]
    with_rows = reports[reports["n_exceptions"] > 0].sort_values("n_exceptions", ascending=False)
    return Summary(
        files=len(reports),
        by_status={str(k): int(v) for k, v in reports["status"].value_counts().items()},
        failures=list(zip(failed["source_file"], failed["error"], strict=True)),
        rows=int(reports["n_exceptions"].sum()),
        files_with_rows=[(str(f), int(n)) for f, n in zip(with_rows["source_file"], with_rows["n_exceptions"], strict=True)],
    )


def print_summary(s: Summary) -> None:
    """Given a summary, print it for a reader."""
    print(f"files: {s.files}  " + "  ".join(f"{k}: {v}" for k, v in sorted(s.by_status.items())))
    print(f"failures: {len(s.failures)}")
    for name, error in s.failures:
        print(f"  {name}: {error}")
    print(f"exception rows: {s.rows}  from {len(s.files_with_rows)} files")
    for name, n in s.files_with_rows:
        print(f"  {n:4d}  {name}")


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, optionally extract mirrors, ingest DIR and print the summary."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--out", type=Path, default=Path("/tmp/slippage-negatives-out"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--extract", action="append", default=[], metavar="GIT_DIR:PREFIX")
    args = ap.parse_args(argv)
    for spec in args.extract:
        print(f"extracted {extract(spec, args.dir)} files from {spec}")
    code = slippage_main(["ingest", str(args.dir), "--out", str(args.out), "--workers", str(args.workers),
                          "--quiet", "--no-review", "--force", "--no-ner"])
    if not (args.out / "reports.csv").exists():  # a usage error or an interrupted run wrote nothing to summarise
        return code
    print_summary(summarise(args.out))
    # Exit 1 (some files failed) is a finding this bench prints, not an error of the bench.
    return 0 if code in (0, 1) else code


if __name__ == "__main__":
    sys.exit(main())
