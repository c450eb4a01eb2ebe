"""The errors govinfo raises on bad input: one base class, each error carrying its data.

Every error the library raises because of what it was given — a file it cannot read, a report
that cannot be rendered, an input beyond a documented limit — is a :class:`GovinfoError`.
A program embedding govinfo can catch that one class; anything else that escapes is a bug.
The command-line tool prints a ``GovinfoError`` as one line and exits 2 (see ``docs/errors.md``).
"""

from __future__ import annotations

import attrs

__all__ = ["GovinfoError", "LimitExceeded", "OutputIsInput"]


class GovinfoError(Exception):
    """Base class of every error govinfo raises on bad input."""


@attrs.define(eq=False)
class LimitExceeded(GovinfoError, ValueError):
    """An input goes beyond one of the limits of :mod:`govinfo.limits`.

    Raised before the work whose cost grows with the input is done, so that a crafted file
    costs bounded time and memory.
    """

    limit: str
    """The name of the limit (a field of :class:`govinfo.limits.Limits`)."""
    value: int | float
    """What the input has (or at least has: reading stops at the limit)."""
    maximum: int | float
    where: str = ""
    """The place in the input: a file, a part of a package, a JSON path, a line."""

    def __str__(self) -> str:
        from .limits import Limits  # limits imports this module

        where = f"{self.where}: " if self.where else ""
        field = attrs.fields_dict(Limits).get(self.limit)
        says = field.metadata.get("says", "") if field is not None else ""
        what = says.format(value=self.value) if says else f"{self.limit} is {self.value}"
        return f"{where}{what}, over the limit of {self.maximum} ({self.limit} in govinfo.limits)"


@attrs.define(eq=False)
class OutputIsInput(GovinfoError, ValueError):
    """A file to be written is one of the inputs (by name, symbolic link or hard link):
    writing it would destroy the input, so nothing is written."""

    output: str
    input: str

    def __str__(self) -> str:
        return (
            f"{self.output} is the input {self.input}: writing it would destroy the input; "
            "name another file"
        )
