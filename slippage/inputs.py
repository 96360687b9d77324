"""Expand command-line paths into the files to read, and a row for everything else the walk meets.

Nothing is dropped silently. Inside a folder:

- a file with a suffix slippage reads (`extract.detect.SUFFIX_FORMATS`) is read, and fails
  with a reason if it is not what its suffix says;
- images, spreadsheets, slides, archives, emails and media (`UNREAD_KINDS`, by suffix)
  get a `skipped` row with the reason, which does not make the run fail;
- any other file is sniffed: a PDF, Word, ODT, RTF or HTML file under another name is
  read; a file with no suffix (or `.md`) whose bytes are text is read; the rest are skipped;
- a symbolic link is followed; a link to a folder already walked (a loop, or a second
  path to it), a second path to a file (read at a path that is not a link), a dangling
  link and a named pipe, socket or device each get a `skipped` row saying so; a folder
  that cannot be listed gets a `failed` row;
- hidden files and folders (names starting with ".") and the output folder (`--out`, with
  its cache) are not inputs; `--include`/`--exclude` globs leave files out without a row.

Files named on the command line are read whatever their suffix, as today. Names that are
not valid UTF-8 are kept as bytes for opening and written escaped (`\\xff`) in the tables.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Literal

from extract.detect import SUFFIX_FORMATS, sniff_format
from extract.errors import SlippageError
from slippage.reasons import os_error_words, printable

WalkStatus = Literal["read", "skipped", "failed"]
# Suffixes whose text content is read when sniffed as text (a text export saved without .txt).
TEXT_SUFFIXES = frozenset({"", ".md", ".markdown"})
# Kinds of file that sit beside reports in a meeting pack and are skipped by their suffix alone
# (a JPEG need hold no NUL in its first bytes, an Outlook .msg is an OLE2 file like a .doc).
UNREAD_KINDS = {
    **dict.fromkeys((".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".bmp", ".webp", ".heic", ".svg"), "an image"),
    **dict.fromkeys((".xls", ".xlsx", ".xlsm", ".xlsb", ".ods", ".numbers"), "a spreadsheet"),
    **dict.fromkeys((".ppt", ".pptx", ".pps", ".ppsx", ".odp", ".key"), "a slide deck"),
    **dict.fromkeys((".zip", ".7z", ".rar", ".gz", ".tgz", ".tar", ".bz2", ".xz"), "an archive"),
    **dict.fromkeys((".msg", ".eml", ".mbox"), "an email"),
    **dict.fromkeys((".mp3", ".mp4", ".m4a", ".mov", ".avi", ".wav", ".wmv"), "audio or video"),
}
# What a file that is not a regular file is, by its mode.
_SPECIAL = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
            (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


@dataclass(frozen=True, slots=True)
class InputFile:
    """One path to report on: where to open it, the names the tables give it, and what to do.

    Attributes:
        path: where to open it (absolute; symbolic links not resolved).
        source_file: its name in the tables: as given, or relative to the folder given (escaped).
        source_path: the path written to `reports.source_path` (relative to where the run
            started unless the input was absolute or `--absolute-paths` was given).
        status: "read" to read it; "skipped" or "failed" for a row that says `reason`.
        reason: why it is not read.
    """

    path: Path
    source_file: str
    source_path: str = ""
    status: WalkStatus = "read"
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class WalkRules:
    """What a folder walk leaves out, and how it records paths."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    out_dir: Path | None = None
    absolute_paths: bool = False


@dataclass(frozen=True, slots=True)
class _Met:
    """A regular file the walk met: its row, (device, inode), and how it was reached."""

    row: InputFile
    identity: tuple[int, int]
    via_link: bool
    named: bool  # named on the command line (else met in a folder)


@dataclass(slots=True)
class _Walk:
    """The state of one run's walk: rows in order, folders entered and files met."""

    rules: WalkRules
    rows: list[InputFile | _Met] = field(default_factory=list)
    folders: dict[tuple[int, int], str] = field(default_factory=dict)
    out_id: tuple[int, int] | None = None


def collect_inputs(paths: Sequence[str], rules: WalkRules | None = None) -> tuple[list[InputFile], list[str]]:
    """Given files and folders, return every path to report on (folders recursively) and path errors.

    A path that does not exist is an error, not a row. A file reached by several paths is
    read once, at a path that is not a link if there is one, else the first: another path
    named on the command line is dropped, one met in a folder is a skipped row naming it.
    """
    walk = _Walk(rules or WalkRules())
    if walk.rules.out_dir is not None:
        walk.out_id = _identity(walk.rules.out_dir)
    errors: list[str] = []
    for given in paths:
        root = Path(given)
        if root.is_dir() and walk.out_id is not None and _identity(root) == walk.out_id:
            errors.append(f"{printable(given)}: this is the --out folder; its outputs are never read as input")
        elif root.is_dir():
            _walk_folder(walk, root, "")
        elif root.is_file():
            row = InputFile(Path(os.path.abspath(root)), printable(given), _source_path(walk.rules, root))
            walk.rows.append(_Met(row, _identity(root) or (-1, len(walk.rows)), False, True))
        else:
            errors.append(f"{printable(given)}: {_missing_words(root)}")
    return _one_path_per_file(walk.rows), errors


def _one_path_per_file(rows: list[InputFile | _Met]) -> list[InputFile]:
    """Given the walk's rows, return them with each file read at one path and its type checked."""
    met = [r for r in rows if isinstance(r, _Met)]
    keeper: dict[tuple[int, int], _Met] = {}
    for m in sorted(met, key=lambda m: m.via_link):  # stable: the first path that is no link
        keeper.setdefault(m.identity, m)
    out: list[InputFile] = []
    for r in rows:
        if not isinstance(r, _Met):
            out.append(r)
        elif keeper[r.identity] is r:
            skip = None if r.named else _unread_type(r.row.path)
            out.append(replace(r.row, status="skipped", reason=skip) if skip else r.row)
        elif not r.named:
            out.append(replace(r.row, status="skipped",
                               reason=f"the same file as {keeper[r.identity].row.source_file}, already listed"))
    return out


def _walk_folder(walk: _Walk, folder: Path, prefix: str) -> None:
    """Add the rows of one folder's entries, in name order, entering sub-folders once."""
    identity = _identity(folder)
    if identity is not None:
        walk.folders[identity] = prefix.rstrip("/") or "."
    try:
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as e:
        walk.rows.append(_row(walk.rules, folder, prefix.rstrip("/") or ".", "failed",
                              f"the folder cannot be read: {os_error_words(e)}"))
        return
    for entry in entries:
        _walk_entry(walk, folder / entry.name, prefix + entry.name)


def _walk_entry(walk: _Walk, path: Path, rel: str) -> None:
    """Add the rows for one path met in a folder (a sub-folder adds its own entries)."""
    name = printable(rel)
    try:
        st = path.stat()
    except OSError as e:
        walk.rows.append(_row(walk.rules, path, name, "skipped", _unreachable_words(path, e)))
        return
    identity = (st.st_dev, st.st_ino)
    if stat.S_ISDIR(st.st_mode):
        if identity == walk.out_id:
            return  # the output folder (and its cache) inside an input folder is never input
        if identity in walk.folders:
            walk.rows.append(_row(walk.rules, path, name, "skipped",
                                  f"a link to a folder already read ({walk.folders[identity]})"))
        else:
            _walk_folder(walk, path, rel + "/")
    elif not _wanted(walk.rules, rel):
        return
    elif stat.S_ISREG(st.st_mode):
        walk.rows.append(_Met(_row(walk.rules, path, name, "read", None), identity, path.is_symlink(), False))
    else:
        what = next((words for test, words in _SPECIAL if test(st.st_mode)), "not a regular file")
        walk.rows.append(_row(walk.rules, path, name, "skipped", f"{what}, not a file to read"))


def _unread_type(path: Path) -> str | None:
    """Given a regular file met in a folder, return why slippage does not read its type, or None to read it."""
    suffix = path.suffix.lower()
    if suffix in SUFFIX_FORMATS:
        return None
    if suffix in UNREAD_KINDS:
        return f"{UNREAD_KINDS[suffix]} ({suffix}), not a type slippage reads"
    kind = f"a {suffix} file" if suffix else "a file without a suffix"
    try:
        fmt = sniff_format(path)
    except SlippageError as e:
        return f"{kind}, not a type slippage reads ({str(e).partition(': ')[2] or e})"
    except OSError as e:
        return f"{kind}, not a type slippage reads, and it cannot be opened: {os_error_words(e)}"
    if fmt == "txt" and suffix not in TEXT_SUFFIXES:
        return f"{kind} of plain text, not a type slippage reads (name a text export .txt to read it)"
    return None


def _wanted(rules: WalkRules, rel: str) -> bool:
    """Given a file's path relative to its input folder, return whether --include/--exclude keep it.

    A pattern with a "/" matches the relative path, one without matches the file name.

    >>> _wanted(WalkRules(include=("*.docx",)), "2019/a.docx"), _wanted(WalkRules(exclude=("drafts/*",)), "drafts/a.pdf")
    (True, False)
    """
    def hit(pattern: str) -> bool:
        return fnmatchcase(rel if "/" in pattern else rel.rpartition("/")[2], pattern)

    if rules.include and not any(hit(p) for p in rules.include):
        return False
    return not any(hit(p) for p in rules.exclude)


def _row(rules: WalkRules, path: Path, name: str, status: WalkStatus, reason: str | None) -> InputFile:
    """Given a path met under an input folder, its reported name and what to do, return its row."""
    return InputFile(Path(os.path.abspath(path)), name, _source_path(rules, path), status, reason)


def _source_path(rules: WalkRules, path: Path) -> str:
    """Given a path as reached from the input given, return what `reports.source_path` records."""
    return printable(os.path.abspath(path) if rules.absolute_paths else os.path.normpath(path))


def _identity(path: Path) -> tuple[int, int] | None:
    """Given a path, return its (device, inode) after following links, or None if it cannot be stat'ed."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _unreachable_words(path: Path, e: OSError) -> str:
    """Given a path that cannot be stat'ed and the error, return why, in plain words."""
    if e.errno == errno.ELOOP:
        return "a symbolic link that goes round in a loop"
    if path.is_symlink():
        if not os.path.exists(path):
            return f"a symbolic link to {printable(os.readlink(path))}, which is not there"
        return f"a symbolic link that cannot be followed: {os_error_words(e)}"
    return f"cannot be looked at: {os_error_words(e)}"


def _missing_words(path: Path) -> str:
    """Given a path named on the command line that is neither a file nor a folder, return why."""
    if path.is_symlink() and not path.exists():
        return "a symbolic link to something that is not there"
    if path.exists():
        return "not a regular file (a named pipe, socket or device), so not read"
    return "no such file or folder"
