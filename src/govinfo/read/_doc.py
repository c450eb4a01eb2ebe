"""Old Word (.doc) and WPS (.wps) files, converted to .docx by LibreOffice and read as Word.

The binary formats are not read here: LibreOffice, when installed, converts the file (as the
renderer's ``--pdf`` uses it), within the ``conversion_seconds`` limit, and the .docx it makes
is read like any other. Without LibreOffice the error says what to install.
"""

from __future__ import annotations

from .._office import INSTALL, OfficeError, convert, find_soffice
from ..limits import current
from ._blocks import Para, Table
from ._sources import SourceError, docx_blocks

__all__ = ["doc_blocks"]


def doc_blocks(data: bytes, suffix: str) -> tuple[list[Para | Table], dict[str, str]]:
    """The paragraphs and tables of a .doc or .wps file, and its custom properties."""
    kind = suffix.lstrip(".") or "doc"
    if find_soffice() is None:
        raise SourceError(
            f"reading a .{kind} file needs LibreOffice to convert it, and LibreOffice is not "
            f"installed (no soffice on PATH); {INSTALL}; or save the file as .docx"
        )
    try:
        docx = convert(
            data, f".{kind}", "docx:MS Word 2007 XML", timeout=current().conversion_seconds
        )
    except OfficeError as exc:
        raise SourceError(f"the .{kind} file could not be converted to .docx: {exc}") from None
    return docx_blocks(docx)
