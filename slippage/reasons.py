"""Library and OS errors -> reasons in plain words, and whether trying again could help.

A reader raises `SlippageError` for what it understands; anything else that escapes a
library (zlib on a corrupt DOCX stream, an OS error while reading) is named here by its
kind, so a `reports.error` never reads "internal error" or "[Errno 13]" for a known case.
"""

from __future__ import annotations

import errno
import zipfile
import zlib
from dataclasses import dataclass

from extract.errors import MissingTool, SlippageError

# What an OS error number means for a file someone asked us to read.
_ERRNO_WORDS = {
    errno.EACCES: "permission denied (slippage may not read it; check its permissions)",
    errno.EPERM: "permission denied (slippage may not read it; check its permissions)",
    errno.ENOENT: "the file is no longer there (moved or deleted during the run?)",
    errno.ENOTDIR: "a part of its path is a file, not a folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.EIO: "the disk reported a read error",
    errno.ELOOP: "its symbolic links go round in a loop",
    errno.ENAMETOOLONG: "its name is too long for the file system",
    errno.EMFILE: "too many files open at once",
    errno.ENFILE: "too many files open at once",
    errno.ENOMEM: "the machine is out of memory",
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the file system is read-only",
    errno.ETIMEDOUT: "a network file system did not answer in time",
    errno.ESTALE: "a network file system lost track of it (stale file handle)",
}
# Compressed-stream errors: the archive opened but one of its parts does not unpack.
_DAMAGED = (zlib.error, zipfile.BadZipFile, EOFError)


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a file failed, and whether the failure belongs to the machine, not the file."""

    text: str
    transient: bool


def printable(text: str) -> str:
    """Given text that may hold undecodable bytes of a file name (surrogate escapes), return it
    with each such byte written as `\\xNN`, so that it can be written as UTF-8.

    >>> printable(b"caf\\xe9.txt".decode("utf-8", "surrogateescape"))
    'caf\\\\xe9.txt'
    """
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that no file name decoding made
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def os_error_words(e: OSError) -> str:
    """Given an OS error, return what it means in plain words (no errno codes, no paths).

    >>> os_error_words(PermissionError(13, "Permission denied"))
    'permission denied (slippage may not read it; check its permissions)'
    >>> os_error_words(OSError(99, "Odd thing"))
    'odd thing'
    """
    words = _ERRNO_WORDS.get(e.errno) if e.errno is not None else None
    return words or (e.strerror or str(e) or type(e).__name__).lower()


def reason_for(e: Exception, name: str, claimed_format: str) -> Reason:
    """Given an error reading a file, its name and the format its suffix claims, return the reason.

    OS errors and missing tools are transient (a `chmod`, a remount or an install fixes
    them without the file changing); a damaged stream is the file's own fault.

    >>> reason_for(zlib.error("Error -3 while decompressing data: invalid stored block lengths"), "a.docx", "docx").text
    'a.docx: a damaged DOCX: a compressed part of it cannot be unpacked (invalid stored block lengths)'
    >>> reason_for(PermissionError(13, "Permission denied"), "a.pdf", "pdf")
    Reason(text='a.pdf: cannot be read: permission denied (slippage may not read it; check its permissions)', transient=True)
    """
    if isinstance(e, MissingTool):
        return Reason(str(e) if str(e).startswith(name) else f"{name}: {e}", True)
    if isinstance(e, SlippageError):
        return Reason(str(e), False)
    if isinstance(e, OSError):
        return Reason(f"{name}: cannot be read: {os_error_words(e)}", True)
    if isinstance(e, _DAMAGED):
        detail = str(e).rpartition(": ")[2] or type(e).__name__
        return Reason(f"{name}: a damaged {claimed_format.upper()}: a compressed part of it cannot be unpacked ({detail})", False)
    if isinstance(e, RecursionError):
        return Reason(f"{name}: nested too deeply to read (a damaged or hostile file?)", False)
    return Reason(f"internal error while reading {name}: {type(e).__name__}: {e}", False)
