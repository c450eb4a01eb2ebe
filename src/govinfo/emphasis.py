"""Emphasis in paragraphs: the small markup a report's text paragraphs carry.

Published reports set run-in phrases in bold (**一是**, **二是**). A paragraph of the report
(the preamble and the paragraphs of sections 一、五、六) marks them as Markdown does::

    具体体现在：**一是**政府信息公开制度建设有待加强。

- ``**`` begins and ends emphasis, printed bold. Emphasis is not nested, holds at least one
  character, and every ``**`` that begins it is ended in the same paragraph.
- ``\\*`` is a literal asterisk and ``\\\\`` a literal backslash; a backslash before any other
  character is itself. A single ``*`` is literal too: only two in a row are markup, so two
  literal asterisks are written ``\\*\\*`` (or ``*\\*``).

Headings, titles and names are plain text: an asterisk there is an asterisk. Everything
that compares or searches the words of a paragraph reads them through :func:`plain`;
readers and programs that build a paragraph from pieces write it with :func:`markup`.

    >>> segments("**一是**加强制度建设")
    (('一是', True), ('加强制度建设', False))
    >>> plain("**一是**加强制度建设，5\\\\*3"), markup([("2\\\\3", False), ("**", True)])
    ('一是加强制度建设，5*3', '2\\\\3**\\\\*\\\\***')
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Final

__all__ = ["PATTERN", "MarkupError", "check", "escape", "markup", "plain", "segments"]

MARKER: Final = "**"

_LITERAL: Final = r"(?:[^*\\]|\\[*\\]|\\(?![*\\])|\*(?!\*))"
PATTERN: Final = rf"^{_LITERAL}*(?:\*\*{_LITERAL}+\*\*{_LITERAL}*)*$"
"""The well-formed paragraphs as a regular expression that means the same in ECMA-262 (JSON
Schema) and Python: what :func:`segments` accepts."""

Segment = tuple[str, bool]
"""A piece of a paragraph: its text and whether it is emphasised."""


class MarkupError(ValueError):
    """A paragraph whose emphasis markup is not well formed."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position
        """Where in the paragraph (0-based)."""


@functools.lru_cache(maxsize=4096)
def segments(text: str) -> tuple[Segment, ...]:
    """The pieces of a paragraph, alternately plain and emphasised, in order (empty pieces
    left out). Raises :class:`MarkupError` for emphasis that is not ended, or empty."""
    if "*" not in text and "\\" not in text:
        return ((text, False),) if text else ()
    found: list[Segment] = []
    piece: list[str] = []
    strong = False
    opened = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and text[index + 1 : index + 2] in ("*", "\\"):
            piece.append(text[index + 1])
            index += 2
        elif text.startswith(MARKER, index):
            if strong and not piece:
                raise MarkupError(
                    f"empty emphasis “****” at position {opened + 1}; write \\*\\*\\*\\* for "
                    "four asterisks",
                    opened,
                )
            if piece:
                found.append(("".join(piece), strong))
                piece = []
            strong, opened = not strong, index
            index += 2
        else:
            piece.append(char)
            index += 1
    if strong:
        raise MarkupError(
            f"“**” at position {opened + 1} begins emphasis that is not ended; write \\*\\* "
            "for two asterisks",
            opened,
        )
    if piece:
        found.append(("".join(piece), False))
    return tuple(found)


def check(text: str, what: str = "") -> None:
    """Raise :class:`MarkupError` (a ``ValueError``) naming ``what`` unless ``text`` is a
    well-formed paragraph."""
    try:
        segments(text)
    except MarkupError as exc:
        raise MarkupError(f"{what}: {exc}" if what else str(exc), exc.position) from None


def plain(text: str) -> str:
    """The words of a paragraph, as printed: its markup taken away. Never raises: text that
    is not well-formed markup (a heading, say) is returned as it is. The one function for
    comparing or searching the text of paragraphs."""
    if "*" not in text and "\\" not in text:
        return text
    try:
        return "".join(piece for piece, _ in segments(text))
    except MarkupError:
        return text


def escape(text: str) -> str:
    """Plain ``text`` as a paragraph that means exactly it (no emphasis)."""
    return markup([(text, False)])


def markup(pieces: Iterable[Segment]) -> str:
    """A paragraph of ``pieces`` (text, emphasised), written with as few escapes as it needs:
    ``plain(markup(pieces))`` is their text and ``segments(markup(pieces))`` gives them back
    (adjacent pieces alike joined, empty ones left out)."""
    merged: list[Segment] = []
    for text, strong in pieces:
        if not text:
            continue
        if merged and merged[-1][1] == strong:
            merged[-1] = (merged[-1][0] + text, strong)
        else:
            merged.append((text, strong))
    if not any("*" in text or "\\" in text for text, _ in merged):
        # Nothing to escape: only ``*`` and ``\\`` ever are.
        return "".join(MARKER + text + MARKER if strong else text for text, strong in merged)
    tokens: list[str | None] = []  # characters; None for a marker
    for text, strong in merged:
        tokens.extend([None] if strong else [])
        tokens.extend(text)
        tokens.extend([None] if strong else [])
    out = []
    for index, token in enumerate(tokens):
        if token is None:
            out.append(MARKER)
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        before = tokens[index - 1] if index else ""
        if token == "\\" and following in (None, "*", "\\"):
            out.append("\\\\")
        elif token == "*" and (None in (following, before) or "*" in (following, before)):
            out.append("\\*")
        else:
            out.append(token)
    return "".join(out)
