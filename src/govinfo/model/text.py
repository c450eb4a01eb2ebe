"""Free text: the sub-sections of sections 一、五、六 and the checks every text field passes."""

import re
from collections.abc import Iterable
from typing import Any, Final, cast

import attrs

from .. import emphasis, limits
from ..errors import LimitExceeded

__all__ = [
    "Part",
    "check_text",
    "paragraphs",
    "parts",
    "validate_optional_text",
    "validate_paragraphs",
    "validate_text",
]

# Characters XML 1.0 cannot hold (C0 controls other than tab/newline/CR, lone surrogates,
# U+FFFE/U+FFFF) and the C1 controls it discourages (text pasted from PDF or WPS carries them),
# the noncharacters U+FDD0-U+FDEF (kept for a program's own use: the readers mark emphasis
# with them), plus the line breaks that a paragraph must not contain: each paragraph of the
# model becomes its own paragraph in Word, with its own indent.
_FORBIDDEN: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
_LINE_BREAK: Final = re.compile("[\n\r\u2028\u2029\x85]")


def check_text(
    value: object, what: str = "", *, multiline: bool = False, limit: str = "text_chars"
) -> None:
    """Raise unless ``value`` is a string that can be written to a Word document as is, no
    longer than the limit named ``limit`` (``text_chars``, or ``name_chars`` for a name)."""
    prefix = f"{what}: " if what else ""
    if not isinstance(value, str):
        raise TypeError(f"{prefix}expected text, got {value!r} ({type(value).__name__})")
    maximum = getattr(limits.current(), limit)
    if len(value) > maximum:
        raise LimitExceeded(limit, len(value), maximum, what)
    bad = _FORBIDDEN.search(value)
    if bad:
        raise ValueError(
            f"{prefix}contains the character U+{ord(bad.group()):04X} at position "
            f"{bad.start() + 1}, which a Word document cannot hold; remove it"
        )
    if not multiline:
        brk = _LINE_BREAK.search(value)
        if brk:
            raise ValueError(
                f"{prefix}contains a line break at position {brk.start() + 1}; give each "
                "paragraph as its own item"
            )


def validate_text(_instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    check_text(value, attribute.name)


def validate_optional_text(
    _instance: object, attribute: "attrs.Attribute[Any]", value: object
) -> None:
    if value is not None:
        check_text(value, attribute.name)


def validate_paragraphs(
    _instance: object, attribute: "attrs.Attribute[Any]", value: tuple[object, ...]
) -> None:
    """Each paragraph is text a Word document can hold, with well-formed emphasis
    (:mod:`govinfo.emphasis`)."""
    for index, item in enumerate(value):
        what = f"{attribute.name}[{index}]"
        check_text(item, what)
        emphasis.check(cast("str", item), what)


def paragraphs(value: Iterable[str]) -> tuple[str, ...]:
    """Converter: any iterable of paragraphs (but not a lone string) to a tuple."""
    if isinstance(value, str):
        raise TypeError("expected a list of paragraphs, got a single string")
    return tuple(value)


@attrs.frozen(kw_only=True)
class Part:
    """A sub-section of a free-text section: an optional heading and its paragraphs.

    ``heading`` is written as published, numbering included (``（一）主动公开``); ``None`` for
    paragraphs that stand under no heading. Paragraphs mark their emphasis with ``**``
    (:mod:`govinfo.emphasis`); a heading is plain text.

    ``run_in`` marks a heading printed at the start of its first paragraph rather than on a
    line of its own, as in “（1）通过街道、社区公告栏、电子屏公开信息。及时发布……”.
    """

    heading: str | None = attrs.field(default=None, validator=validate_optional_text)
    paragraphs: tuple[str, ...] = attrs.field(
        default=(), converter=paragraphs, validator=validate_paragraphs
    )
    run_in: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))

    def __attrs_post_init__(self) -> None:
        if self.run_in and (self.heading is None or not self.paragraphs):
            raise ValueError("run_in needs a heading and at least one paragraph to run into")


def parts(value: Iterable[Part]) -> tuple[Part, ...]:
    """Converter: any iterable of :class:`Part` to a tuple."""
    return tuple(value)
