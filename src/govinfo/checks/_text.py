"""The report's text as the text checks read it: every paragraph with its place.

Every check of the text (the ``text`` and ``prose`` families) reads paragraphs through
:func:`texts`, and text from elsewhere (a reader's) through :func:`plain`, so how a paragraph
becomes the words a reader sees is decided here once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Final

from .. import emphasis
from ..model import Report, sections

__all__ = [
    "CLAUSES",
    "FOOTNOTE_MARKS",
    "SENTENCES",
    "Text",
    "numerals",
    "plain",
    "section_number",
    "texts",
]

SENTENCES: Final = re.compile(r"(?<=[。；;！!？?])")
"""Splits text into sentences, each keeping its closing mark."""
CLAUSES: Final = re.compile(r"[，；;]|,(?!\d{3})")
"""Splits a sentence (after NFKC) into clauses at a one-character mark, not at the comma of
1,999."""


FOOTNOTE_MARKS: Final = (
    "\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf\u00b9\u00b2\u00b3\u2070-\u209f*※"
)
"""The characters of footnote marks set after a number (circled numbers, superscripts,
asterisks), as the body of a regular-expression character class."""
_MARKS: Final = re.compile(f"[{FOOTNOTE_MARKS}]")


def numerals(sentence: str) -> str:
    """A sentence with its digits made plain (NFKC: full-width digits become ASCII) and its
    footnote marks made spaces first, so that a mark never joins the count it follows: NFKC
    alone makes “12①件” “121件”."""
    return unicodedata.normalize("NFKC", _MARKS.sub(" ", sentence))


Text = tuple[str | None, str, str, str]
"""One paragraph and where it stands: its JSON path in the report (``None`` for text a reader
found outside the report), how a message names its place
(``五、存在的主要问题及改进情况·（一）存在的主要问题``), the words (see :func:`plain`), and the
number of the section it stands in (``一`` … ``六``; empty before section 一)."""


def plain(text: str) -> str:
    """A paragraph as the words printed on the page: the only place where a paragraph's
    representation in the model is turned into what the text checks compare."""
    return emphasis.plain(text)


def section_number(heading: str) -> str:
    """``五`` for ``五、存在的主要问题及改进情况``."""
    return heading.partition("、")[0]


def texts(report: Report) -> Iterator[Text]:
    """Every paragraph of text of ``report``, in order (run-in headings included)."""
    for index, paragraph in enumerate(report.preamble):
        yield f"$.preamble[{index}]", "导语", plain(paragraph), ""
    for section in sections(type(report)):
        if section.table is not None:
            continue
        number = section_number(section.heading)
        for p_index, part in enumerate(getattr(report, section.attribute)):
            place = section.heading + (f"·{part.heading}" if part.heading else "")
            base = f"$.{section.attribute}[{p_index}]"
            if part.heading is not None and part.run_in:
                yield f"{base}.heading", place, plain(part.heading), number
            for index, paragraph in enumerate(part.paragraphs):
                yield f"{base}.paragraphs[{index}]", place, plain(paragraph), number
