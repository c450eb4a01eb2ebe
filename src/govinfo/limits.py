"""Limits on what govinfo reads, loads and renders: named, documented, in one place.

Every reader, the JSON loader and the renderer check their input against these limits before
doing work whose cost grows with it, so that a crafted or damaged file ends in a
:class:`~govinfo.errors.LimitExceeded` in bounded time and memory instead of taking the
machine. Each limit is generous for any real report (a real report is a few hundred KB, a
few hundred paragraphs and a few tables of at most a few hundred cells).

``DEFAULT`` holds the limits in force; a program may pass its own :class:`Limits` where an
API takes ``limits=``. The table in ``docs/errors.md`` is generated from the fields below.
"""

from __future__ import annotations

from typing import Any, Final

import attrs

from .errors import LimitExceeded

__all__ = ["DEFAULT", "Limits", "enforce"]


def _limit(default: int | float, doc: str) -> Any:
    return attrs.field(default=default, metadata={"doc": doc})


@attrs.frozen(kw_only=True)
class Limits:
    """Every limit, with its default. Sizes are in bytes, times in seconds."""

    count_digits: int = _limit(
        15,
        "Digits a count (件) may have: counts are below 10^15, as amounts have at most 15 "
        "digits before the decimal point. Enforced when loading JSON, when reading a "
        "published report, and when a count is set in Python.",
    )
    units_list_bytes: int = _limit(
        16 * 1024 * 1024,
        "Size of a units list (a CSV file of organs, ``--units``): a list of a hundred "
        "thousand organs is a few MB.",
    )


DEFAULT: Final = Limits()
"""The limits in force unless a caller passes its own."""


def enforce(name: str, value: int | float, maximum: int | float, where: str = "") -> None:
    """Raise :class:`LimitExceeded` when ``value`` is above ``maximum``."""
    if value > maximum:
        raise LimitExceeded(name, value, maximum, where)
