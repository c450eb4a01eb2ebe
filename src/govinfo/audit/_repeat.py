"""Text repeated from the previous year: the share of a section made of last year's passages.

Method (documented in ``docs/audit.md``): both years' text of one section — its paragraphs,
without the sub-headings the format prescribes — is reduced to letters and digits (width
normalised, punctuation and spaces removed, every run of digits replaced by one ``0`` so that
a sentence copied with this year's numbers still counts as copied). A character of this
year's text is *repeated* when it lies inside a run of :data:`SHINGLE` characters that also
occurs in last year's text of the same section. The ratio is repeated characters over all
characters of this year's text: 0 for new text, 1 for last year's text with new numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from typing import Final

from ..model import Part, Report, sections

__all__ = ["MIN_CHARS", "SHINGLE", "TEXT_SECTIONS", "repeated_share", "section_text"]

SHINGLE: Final = 10
"""Characters in a shared run: long enough that a common phrase (政府信息公开工作) alone does
not count, short enough that a copied sentence with a word changed still does."""

MIN_CHARS: Final = 50
"""A section with fewer characters this year (after reduction) gets a ratio but no warning:
a one-line section (“无。”, “本年度未收取信息处理费。”) is the same every year by nature."""

TEXT_SECTIONS: Final = tuple(s for s in sections(Report) if s.table is None)
"""The free-text sections: 一、总体情况, 五、存在的主要问题及改进情况, 六、其他需要报告的事项."""

_DIGITS: Final = re.compile(r"\d+")
_NOT_WORD: Final = re.compile(r"[\W_]+")


def section_text(parts: Iterable[Part]) -> str:
    """A section's paragraphs reduced to letters and digits (digit runs as ``0``)."""
    text = unicodedata.normalize("NFKC", "".join(p for part in parts for p in part.paragraphs))
    return _NOT_WORD.sub("", _DIGITS.sub("0", text))


def repeated_share(this: str, last: str) -> Decimal | None:
    """The share of ``this`` (reduced text) made of runs found in ``last``; ``None`` when
    ``this`` is shorter than one run or ``last`` is empty (nothing to compare)."""
    if len(this) < SHINGLE or len(last) < SHINGLE:
        return None
    before = {last[i : i + SHINGLE] for i in range(len(last) - SHINGLE + 1)}
    covered = 0
    reach = 0  # this year's characters up to here are covered
    for i in range(len(this) - SHINGLE + 1):
        if this[i : i + SHINGLE] in before:
            start = max(i, reach)
            reach = i + SHINGLE
            covered += reach - start
    return (Decimal(covered) / Decimal(len(this))).quantize(Decimal("0.0001"))
