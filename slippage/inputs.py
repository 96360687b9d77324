"""Expand command-line paths into (file, reported name) pairs; nothing is dropped silently."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to ingest, and the name the tables will call it by."""

    path: Path
    source_file: str


def collect_inputs(paths: list[str]) -> tuple[list[InputFile], list[str]]:
    """Given files and folders, return every file to ingest (folders recursively) and path errors.

    Hidden files and folders (names starting with ".") are skipped inside folders; every
    other file is ingested, so an unsupported one still gets a `failed` report row.
    """
    files: list[InputFile] = []
    errors: list[str] = []
    for given in paths:
        root = Path(given)
        if root.is_dir():
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                rel = path.relative_to(root)
                if not any(part.startswith(".") for part in rel.parts):
                    files.append(InputFile(path, rel.as_posix()))
        elif root.is_file():
            files.append(InputFile(root, given))
        else:
            errors.append(f"{given}: no such file or folder")
    unique: dict[Path, InputFile] = {}
    for f in files:
        unique.setdefault(f.path.resolve(), f)  # a file named twice is ingested once
    return list(unique.values()), errors
