"""Text: the free-text sections (一、五、六) say something under every heading."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from ..model import sections
from ._base import Context, Finding, Rule, Severity
from ._text import plain

__all__ = ["RULES", "findings"]

RULES: Final = (
    Rule(
        "TEXT-EMPTY",
        Severity.WARNING,
        "文字部分（一、五、六）及其各小标题下有正文",
        "每个文字部分至少有一段非空正文；每个小标题下至少有一段非空正文",
        "《中华人民共和国政府信息公开条例》第五十条（年度报告应当包括的内容）",
    ),
)
_EMPTY = RULES[0]


def findings(context: Context) -> Iterator[Finding]:
    """A warning for a text section, or a heading within one, with no text under it."""
    report = context.report
    for section in sections(type(report)):
        if section.table is not None:
            continue
        parts = getattr(report, section.attribute)
        path = f"$.{section.attribute}"
        if not any(plain(p).strip() for part in parts for p in part.paragraphs):
            yield Finding(
                _EMPTY.id,
                _EMPTY.severity,
                f"{section.heading}：没有正文",
                section.heading,
                path=path,
            )
            continue
        for index, part in enumerate(parts):
            if part.heading is not None and not any(plain(p).strip() for p in part.paragraphs):
                yield Finding(
                    _EMPTY.id,
                    _EMPTY.severity,
                    f"{section.heading}·{part.heading}：小标题下没有正文",
                    section.heading,
                    path=f"{path}[{index}]",
                )
