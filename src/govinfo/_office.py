"""LibreOffice, run headless: one file converted to another format.

The renderer makes PDF this way and the reader turns old Word (.doc) and WPS (.wps) files
into .docx. Each conversion runs in a private temporary folder with a private LibreOffice
profile (so conversions can run side by side), within a time limit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Final

__all__ = ["INSTALL", "OfficeError", "convert", "find_soffice"]

INSTALL: Final = (
    "on Debian or Ubuntu: apt-get install libreoffice-writer-nogui fonts-noto-cjk "
    "fonts-arphic-ukai fonts-arphic-uming"
)
"""How to install what :func:`convert` needs."""


class OfficeError(Exception):
    """LibreOffice is missing, failed, or did not finish in time (each caller says so in its
    own public error: :class:`~govinfo.render.PdfError`, :class:`~govinfo.read.ReadError`)."""


def find_soffice() -> str | None:
    """The LibreOffice executable, if installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert(
    source: bytes,
    suffix: str,
    target: str,
    *,
    timeout: float,
    files: Mapping[str, str] | None = None,
    env: Mapping[str, str] | None = None,
) -> bytes:
    """The bytes of ``source`` (a file ending in ``suffix``) converted by LibreOffice to
    ``target`` (``pdf:writer_pdf_Export``, ``docx:MS Word 2007 XML`` …). ``files`` are
    written beside it first (name → text), and ``env`` adds to its environment; ``{work}`` in
    an ``env`` value stands for the conversion's folder."""
    soffice = find_soffice()
    if soffice is None:
        raise OfficeError(f"LibreOffice is not installed (no soffice on PATH); {INSTALL}")
    with tempfile.TemporaryDirectory(prefix="govinfo-office-") as work:
        work_dir = Path(work)
        for name, text in (files or {}).items():
            (work_dir / name).write_text(text, encoding="utf-8")
        given = work_dir / f"in{suffix}"
        given.write_bytes(source)
        extra = {key: value.replace("{work}", work) for key, value in (env or {}).items()}
        command = [
            soffice,
            f"-env:UserInstallation={(work_dir / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(work_dir / "out"),
            str(given),
        ]
        try:
            result = subprocess.run(
                command,
                env={**os.environ, "HOME": work, **extra},
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise OfficeError(f"LibreOffice did not finish within {timeout:g} s") from None
        produced = work_dir / "out" / f"in.{target.split(':')[0]}"
        if result.returncode != 0 or not produced.exists():
            detail = (result.stderr or result.stdout).strip().splitlines()
            raise OfficeError(
                "LibreOffice could not convert the document" + (f": {detail[-1]}" if detail else "")
            )
        return produced.read_bytes()
