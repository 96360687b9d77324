"""OfficeReader: Word 97 `.doc`, `.rtf` and `.odt` -> `Document`, via LibreOffice and the DOCX reader.

LibreOffice (headless `soffice --convert-to docx`) rewrites the file as DOCX in a
temporary folder, and `extract.word.docx.DocxReader` reads that, so tables, merged cells,
bullets and headings of a legacy file go through the same code as a DOCX. The returned
`Document` keeps the file's own `Origin` (format `doc`/`rtf`/`odt`) and says
`read_via="libreoffice"`.

Each worker process uses its own LibreOffice profile folder, because concurrent `soffice`
processes sharing one profile wait on each other's lock. The conversion runs in its own
process group under `ExtractSettings.convert_timeout`: a hung LibreOffice is killed, with
its children, and the file fails with that reason. The worker's memory limit is
inherited, so a conversion cannot take more than the file's reader could.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from extract.errors import MissingTool, UnreadableFile
from extract.model import Document, Origin
from extract.settings import ExtractSettings
from extract.word.docx import DocxReader

# Environment variable naming the LibreOffice program (tests point it at a stand-in).
SOFFICE_ENV = "SLIPPAGE_SOFFICE"
INSTALL_HINT = "install LibreOffice (Debian: apt-get install libreoffice-writer-nogui)"
_DOCX_FILTER = "docx:MS Word 2007 XML"
_SUFFIX = {"doc": ".doc", "rtf": ".rtf", "odt": ".odt"}


class OfficeReader:
    """Reads legacy and OpenDocument word-processor files by converting them to DOCX first."""

    formats: ClassVar[frozenset[str]] = frozenset({"doc", "rtf", "odt"})

    def read(self, path: Path, origin: Origin, *, settings: ExtractSettings) -> Document:
        """Read one `.doc`/`.rtf`/`.odt` file into the common document model.

        Args:
            path: the file.
            origin: its identity; `origin.format` is the sniffed format.
            settings: limits; `convert_timeout` bounds the conversion.

        Returns:
            The document as the DOCX reader reads LibreOffice's conversion of it.

        Raises:
            MissingTool: LibreOffice is not installed.
            UnreadableFile: LibreOffice failed, produced nothing, or did not finish in time.
        """
        with tempfile.TemporaryDirectory(prefix="slippage-convert-") as work:
            docx = convert_to_docx(path, Path(work), origin.format, settings.convert_timeout)
            document = DocxReader().read(docx, origin, settings=settings)
        return replace(document, read_via="libreoffice")


def soffice_program(name: str) -> str:
    """Given the file's name, return the LibreOffice program to run, raising `MissingTool` if none."""
    named = os.environ.get(SOFFICE_ENV)
    found = shutil.which(named) if named else shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise MissingTool(f"{name}: LibreOffice is needed to read this file and was not found; {INSTALL_HINT}")
    return found


def profile_folder() -> Path:
    """Given the current process, return its own LibreOffice profile folder (made on first use)."""
    return Path(tempfile.gettempdir()) / f"slippage-lo-profile-{os.getuid()}-{os.getpid()}"


def convert_to_docx(path: Path, work: Path, fmt: str, timeout: float) -> Path:
    """Given a legacy file, a scratch folder, its format and a time limit, return the DOCX LibreOffice made.

    The input is copied under a plain ASCII name with its real suffix first, so odd file
    names and wrong extensions do not confuse LibreOffice's output naming or filter choice.
    """
    program = soffice_program(path.name)
    source = work / f"input{_SUFFIX.get(fmt, path.suffix)}"
    shutil.copyfile(path, source)
    out = work / "out"
    command = [
        program, "--headless", "--norestore", "--nologo", "--nolockcheck", "--nodefault",
        f"-env:UserInstallation={profile_folder().as_uri()}",
        "--convert-to", _DOCX_FILTER, "--outdir", str(out), str(source),
    ]
    stderr = _run_group(command, timeout, path.name)
    produced = out / "input.docx"
    if not produced.is_file() or produced.stat().st_size == 0:
        detail = f" ({stderr})" if stderr else ""
        raise UnreadableFile(f"{path.name}: LibreOffice could not convert this {fmt.upper()} file; it may be damaged{detail}")
    return produced


def _run_group(command: list[str], timeout: float, name: str) -> str:
    """Given a command, a time limit and the file's name, run it in its own process group; return its last stderr line."""
    with subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          start_new_session=True, env=_quiet_env()) as proc:
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise UnreadableFile(f"{name}: LibreOffice did not finish converting the file within {timeout:g} s and was stopped") from None
    lines = [ln for ln in err.decode("utf-8", "replace").splitlines() if ln.strip() and "javaldx" not in ln]
    return lines[-1].strip()[:200] if lines else ""


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Given a running process leading its own group, kill the whole group and reap the leader."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def _quiet_env() -> dict[str, str]:
    """Given the environment, return a copy that keeps LibreOffice off any display (headless rendering plugin)."""
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env["SAL_USE_VCLPLUGIN"] = "svp"
    return env
