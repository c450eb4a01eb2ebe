"""Tables of an office's own, beyond the national format (a custom variant of the report).

Offices add local requirements — 落实上级年度政务公开工作要点情况 as a table, say. An
:class:`ExtraTable` is printed at the end of one of the free-text sections 一、五、六, survives
the JSON round trip, and is left alone by the checks and by consolidation (it is not part of
the national format).
"""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Final, Literal

import attrs

from ._fields import check_digits, check_money
from .text import check_text, paragraphs, validate_text

__all__ = ["TEXT_SECTIONS", "ExtraRow", "ExtraTable", "ExtraValue"]

ExtraValue = int | Decimal | str | None
"""A cell of an extra table: a whole number, an exact amount, text, or blank."""

TEXT_SECTIONS: Final = ("overview", "problems", "other_matters")


def check_extra_value(value: object, what: str = "") -> None:
    """Raise unless ``value`` is a whole number, an exact amount, text or ``None``."""
    prefix = f"{what}: " if what else ""
    if value is None:
        return
    if isinstance(value, int) and not isinstance(value, bool):
        check_digits(value, what)
        return
    if isinstance(value, Decimal):
        check_money(abs(value), what)
        return
    if isinstance(value, str):
        check_text(value, what)
        return
    raise TypeError(f"{prefix}expected a number, text or null, got {value!r}")


def _values(value: Iterable[ExtraValue]) -> tuple[ExtraValue, ...]:
    if isinstance(value, str):
        raise TypeError("expected a list of cells, got a single string")
    return tuple(value)


def _validate_values(_instance: object, attribute: "attrs.Attribute[Any]", value: Any) -> None:
    for index, item in enumerate(value):
        check_extra_value(item, f"{attribute.name}[{index}]")


@attrs.frozen(kw_only=True)
class ExtraRow:
    """A row of an extra table: its label and its cells."""

    label: str = attrs.field(validator=validate_text)
    values: tuple[ExtraValue, ...] = attrs.field(
        factory=tuple, converter=_values, validator=_validate_values
    )


def _rows(value: Iterable[ExtraRow]) -> tuple[ExtraRow, ...]:
    return tuple(value)


def _validate_columns(_instance: object, attribute: "attrs.Attribute[Any]", value: Any) -> None:
    if not value:
        raise ValueError("columns: an extra table needs at least its label column")
    for index, item in enumerate(value):
        check_text(item, f"columns[{index}]")


@attrs.frozen(kw_only=True)
class ExtraTable:
    """A table of the office's own, printed at the end of a free-text section."""

    title: str = attrs.field(validator=validate_text)
    """Printed above the table, as a sub-heading."""
    section: Literal["overview", "problems", "other_matters"] = attrs.field(
        default="other_matters", validator=attrs.validators.in_(TEXT_SECTIONS)
    )
    """The free-text section the table ends: overview (一), problems (五), other_matters (六)."""
    columns: tuple[str, ...] = attrs.field(converter=paragraphs, validator=_validate_columns)
    """The header: the label column's heading, then one per value column."""
    rows: tuple[ExtraRow, ...] = attrs.field(
        factory=tuple,
        converter=_rows,
        validator=attrs.validators.deep_iterable(attrs.validators.instance_of(ExtraRow)),
    )

    def __attrs_post_init__(self) -> None:
        for index, row in enumerate(self.rows):
            if len(row.values) != len(self.columns) - 1:
                raise ValueError(
                    f"rows[{index}] ({row.label}): {len(row.values)} cells for "
                    f"{len(self.columns) - 1} value columns"
                )
