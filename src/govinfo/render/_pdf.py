"""PDF through LibreOffice, with the official font names mapped to free substitutes.

The document keeps the official font names (仿宋_GB2312, 楷体_GB2312, 黑体, 方正小标宋简体, 宋体);
none of them is free. Inside the conversion process only, a private fontconfig file maps each
name to a substitute with 1-em ideographs, so line and page breaks match the real fonts. The
document itself is never rewritten.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

from .._io import atomic_write, cannot_write
from .._office import OfficeError, convert, find_soffice
from ..errors import GovinfoError
from ._ooxml import esc as escape

__all__ = [
    "FONT_SUBSTITUTES",
    "PdfError",
    "convert_to_pdf",
    "find_soffice",
    "fontconfig",
    "pdf_bytes",
]

FONT_SUBSTITUTES: Final[dict[str, tuple[str, ...]]] = {
    "仿宋_GB2312": ("FandolFang", "AR PL UMing CN", "Noto Serif CJK SC"),
    "仿宋": ("FandolFang", "AR PL UMing CN", "Noto Serif CJK SC"),
    "楷体_GB2312": ("AR PL UKai CN", "LXGW WenKai", "FandolKai", "Noto Serif CJK SC"),
    "楷体": ("AR PL UKai CN", "LXGW WenKai", "FandolKai", "Noto Serif CJK SC"),
    "黑体": ("Noto Sans CJK SC", "WenQuanYi Zen Hei"),
    "SimHei": ("Noto Sans CJK SC", "WenQuanYi Zen Hei"),
    "方正小标宋简体": ("Noto Serif CJK SC", "AR PL UMing CN"),
    "方正小标宋_GBK": ("Noto Serif CJK SC", "AR PL UMing CN"),
    "宋体": ("Noto Serif CJK SC", "AR PL UMing CN"),
    "SimSun": ("Noto Serif CJK SC", "AR PL UMing CN"),
    "Times New Roman": ("Liberation Serif", "DejaVu Serif"),
}
"""Official font name → substitutes, best first (each used only when installed)."""

TIMEOUT: Final = 180


class PdfError(GovinfoError):
    """The PDF could not be made (LibreOffice missing, failing or too slow)."""


def fontconfig() -> str:
    """A fontconfig file: the system configuration plus the official-name substitutions."""
    rules = []
    for official, substitutes in FONT_SUBSTITUTES.items():
        prefer = "".join(f"<string>{escape(s)}</string>" for s in substitutes)
        rules.append(
            f'  <match target="pattern"><test qual="any" name="family"><string>{escape(official)}'
            f'</string></test><edit name="family" mode="prepend" binding="strong">{prefer}'
            "</edit></match>"
        )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        "  <dir>/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol</dir>\n"
        + "\n".join(rules)
        + "\n</fontconfig>\n"
    )


def pdf_bytes(source: bytes, suffix: str = ".docx", *, timeout: float = TIMEOUT) -> bytes:
    """A document (``suffix``: .docx, .html …) as PDF, made by LibreOffice with the official
    font names mapped to their substitutes."""
    try:
        return convert(
            source,
            suffix,
            "pdf",
            timeout=timeout,
            files={"fonts.conf": fontconfig()},
            env={"FONTCONFIG_FILE": "{work}/fonts.conf"},
        )
    except OfficeError as exc:
        raise PdfError(str(exc)) from None


def convert_to_pdf(
    docx: str | os.PathLike[str], target: str | os.PathLike[str], *, timeout: float = TIMEOUT
) -> Path:
    """Convert a .docx to PDF at ``target`` (written atomically) with LibreOffice."""
    produced = pdf_bytes(Path(docx).read_bytes(), timeout=timeout)
    out = Path(target)
    try:
        atomic_write(out, produced)
    except OSError as exc:
        raise PdfError(cannot_write(out, exc)) from None
    return out
