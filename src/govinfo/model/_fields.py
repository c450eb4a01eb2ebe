"""Field declarations that carry the official labels of the national format.

Every table field of the model is declared through one of the helpers here. Each helper
returns an ordinary ``attrs.field`` whose metadata holds a :class:`FieldInfo`: the official
row and column labels the field contributes, what kind of value it holds, and, for totals,
which sibling fields it adds up. The cell view, the checks, the JSON Schema, the CSV export and
the Word template all read the format from this metadata, so every label string is written
exactly once, beside the field it names.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from .. import limits
from ..errors import LimitExceeded

__all__ = [
    "FieldInfo",
    "Kind",
    "count",
    "field_info",
    "group",
    "money",
    "signed",
    "total",
]

METADATA_KEY: Final = "govinfo"

MONEY_DIGITS: Final = 15
"""Digits an amount may have before the decimal point (up to 10^15 万元)."""
MONEY_PLACES: Final = 6
"""Digits an amount may have after the decimal point."""


class Kind(enum.Enum):
    """What a table field holds."""

    COUNT = "count"
    """A non-negative whole number (件), or ``None`` when the cell was left blank."""
    SIGNED = "signed"
    """A whole number that may be negative (2019 edition 本年增/减), or ``None``."""
    MONEY = "money"
    """A non-negative :class:`~decimal.Decimal` amount, or ``None``."""
    GROUP = "group"
    """A nested attrs class: a row of cells, or a group of rows or columns."""

    # A member is equal to itself only: hashed by identity, without the Python-level call of
    # Enum.__hash__ (a Kind is a key of the readers' caches, looked up for every cell).
    __hash__ = object.__hash__


@attrs.frozen
class FieldInfo:
    """What the national format says about one field.

    ``row`` and ``column`` are the label-path segments the field adds on its way down to a
    cell: a cell's full row label is the concatenation of the ``row`` segments of every field
    on its attribute path, and likewise for its column label.
    """

    kind: Kind
    row: tuple[str, ...] = ()
    column: tuple[str, ...] = ()
    doc: str = ""
    total_of: tuple[str, ...] = ()
    """For a total: the names of the sibling fields it adds up (their leaf cells)."""
    rule: str | None = None
    """For a total: the id of the check rule that verifies it."""

    @property
    def label(self) -> str:
        """The field's own official label: the last segment it contributes."""
        if self.column:
            return self.column[-1]
        if self.row:
            return self.row[-1]
        return ""

    @property
    def is_total(self) -> bool:
        return bool(self.total_of)


def field_info(attribute: attrs.Attribute[Any]) -> FieldInfo | None:
    """The format metadata of an attrs attribute, or ``None`` for a plain field."""
    info = attribute.metadata.get(METADATA_KEY)
    return info if isinstance(info, FieldInfo) else None


def _segments(value: str | Sequence[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


# -- single-field validation ------------------------------------------------------------------


def describe(attribute: attrs.Attribute[Any]) -> str:
    info = field_info(attribute)
    return f"{info.label} ({attribute.name})" if info and info.label else attribute.name


def _prefix(what: str) -> str:
    return f"{what}: " if what else ""


_BOUNDS: dict[int, int] = {}


def count_bound() -> int:
    """The first count too large to hold: ``10 ** count_digits`` of the limits in force."""
    digits = limits.current().count_digits
    bound = _BOUNDS.get(digits)
    if bound is None:
        bound = _BOUNDS[digits] = 10**digits
    return bound


def digits_of(value: int) -> int:
    """The number of decimal digits of ``value`` (at least that many, for a number too large
    to be converted to text)."""
    value = abs(value)
    if value.bit_length() < 13_000:
        return len(str(value))
    return int(value.bit_length() * 0.30102999566398) + 1


def check_digits(value: int, what: str = "") -> None:
    """Raise :class:`LimitExceeded` when a whole number has more digits than a count may."""
    if -count_bound() < value < count_bound():
        return
    raise LimitExceeded("count_digits", digits_of(value), limits.current().count_digits, what)


def check_count(value: object, what: str = "") -> None:
    """Raise unless ``value`` is a non-negative ``int`` (not a bool) below the bound of
    counts (``count_digits``), or ``None``."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{_prefix(what)}expected a whole number, got {value!r}")
    if value < 0:
        raise ValueError(f"{_prefix(what)}a count cannot be negative, got {value}")
    check_digits(value, what)


def check_signed(value: object, what: str = "") -> None:
    """Raise unless ``value`` is an ``int`` (not a bool) within the bound of counts, or
    ``None``."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{_prefix(what)}expected a whole number, got {value!r}")
    check_digits(value, what)


def check_money(value: object, what: str = "") -> None:
    """Raise unless ``value`` is a finite, non-negative ``Decimal`` or ``None``."""
    if value is None:
        return
    if not isinstance(value, Decimal):
        raise TypeError(
            f"{_prefix(what)}expected an exact amount (decimal.Decimal or int), got {value!r}"
        )
    if not value.is_finite():
        raise ValueError(f"{_prefix(what)}an amount must be a finite number, got {value}")
    if value < 0 or value.is_signed():  # -0.0 included: it would print as “-0.0”
        raise ValueError(f"{_prefix(what)}an amount cannot be negative, got {value}")
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite
    if value.adjusted() >= MONEY_DIGITS or exponent < -MONEY_PLACES:
        raise ValueError(
            f"{_prefix(what)}an amount has at most {MONEY_DIGITS} digits before the decimal "
            f"point and {MONEY_PLACES} after it, got {show_amount(value)}"
        )


def show_amount(value: Decimal) -> str:
    """An amount for a message: exactly as given (``100.000000000``), shortened only when it is
    too long to read."""
    text = str(value)
    if len(text) <= 40:
        return text
    digits = len(value.as_tuple().digits)
    return f"{text[:12]}…{text[-12:]} ({digits} digits)"


def _count_validator(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None or (type(value) is int and (value == 0 or 0 <= value < count_bound())):
        return  # the common cases (0 is below any bound), without building a description
    check_count(value, describe(attribute))


def _signed_validator(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None or (type(value) is int and -count_bound() < value < count_bound()):
        return
    check_signed(value, describe(attribute))


def _money_validator(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_money(value, describe(attribute))


def to_money(value: object) -> object:
    """Accept an ``int`` for an amount (exact); leave anything else for the validator."""
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value


# -- field helpers ----------------------------------------------------------------------------


def count(*, row: str | Sequence[str] = (), column: str | Sequence[str] = (), doc: str = "") -> Any:
    """A count cell (件). Defaults to 0 when built in Python; required in JSON."""
    info = FieldInfo(Kind.COUNT, _segments(row), _segments(column), doc)
    return attrs.field(default=0, validator=_count_validator, metadata={METADATA_KEY: info})


def signed(
    *, row: str | Sequence[str] = (), column: str | Sequence[str] = (), doc: str = ""
) -> Any:
    """A signed whole-number cell (e.g. 本年增/减). Defaults to 0; required in JSON."""
    info = FieldInfo(Kind.SIGNED, _segments(row), _segments(column), doc)
    return attrs.field(default=0, validator=_signed_validator, metadata={METADATA_KEY: info})


def money(*, row: str | Sequence[str] = (), column: str | Sequence[str] = (), doc: str = "") -> Any:
    """An amount cell, kept as an exact ``Decimal``. Defaults to 0; required in JSON."""
    info = FieldInfo(Kind.MONEY, _segments(row), _segments(column), doc)
    return attrs.field(
        default=Decimal(0),
        converter=to_money,
        validator=_money_validator,
        metadata={METADATA_KEY: info},
    )


def group(
    cls: type[Any] | tuple[type[Any], ...],
    *,
    row: str | Sequence[str] = (),
    column: str | Sequence[str] = (),
    doc: str = "",
) -> Any:
    """A nested row or group of rows/columns. Defaults to an all-zero instance of ``cls``.

    ``cls`` may be several classes, for a part whose layout differs between editions (the
    2019 edition's single-row （六）其他处理): the first is the default.
    """
    classes = cls if isinstance(cls, tuple) else (cls,)
    info = FieldInfo(Kind.GROUP, _segments(row), _segments(column), doc)
    return attrs.field(
        factory=classes[0],
        validator=attrs.validators.instance_of(classes),
        metadata={METADATA_KEY: info},
    )


def total(
    *,
    of: Sequence[str],
    rule: str,
    row: str | Sequence[str] = (),
    column: str | Sequence[str] = (),
    cls: type[Any] | None = None,
    doc: str = "",
) -> Any:
    """A total of sibling fields ``of``.

    When it is not given it is computed from its parts (``None`` if a part is blank); when it
    is given it is kept as given, so that a published report whose total is wrong can be
    represented and then reported by the rule ``rule``. ``cls`` is the row class of a total
    that adds up whole rows (section 三's （七）总计) rather than single cells.
    """
    names = tuple(of)
    if cls is None:
        info = FieldInfo(Kind.COUNT, _segments(row), _segments(column), doc, names, rule)
        return attrs.field(
            default=attrs.Factory(lambda self: _safe_sum(getattr(self, n) for n in names), True),
            validator=_count_validator,
            metadata={METADATA_KEY: info},
        )
    info = FieldInfo(Kind.GROUP, _segments(row), _segments(column), doc, names, rule)
    return attrs.field(
        default=attrs.Factory(lambda self: _safe_row_sum(cls, self, names), True),
        validator=attrs.validators.instance_of(cls),
        metadata={METADATA_KEY: info},
    )


# -- arithmetic shared by totals, checks and consolidation ------------------------------------


def sum_cells(values: Iterable[Any]) -> Any:
    """The sum of cell values; ``None`` when any of them is blank."""
    result: Any = 0
    for value in values:
        if value is None:
            return None
        result += value
    return result


_ROW_CLASSES: dict[type[Any], bool] = {}


def _safe_sum(values: Iterable[Any]) -> Any:
    # Defaults are computed before validators run: a part of the wrong type must reach its
    # own validator (which names it) rather than fail here.
    try:
        return sum_cells(values)
    except TypeError:
        return None


def _safe_row_sum(cls: type[Any], obj: Any, names: Sequence[str]) -> Any:
    try:
        return sum_rows(cls, [r for n in names for r in leaf_rows(getattr(obj, n))])
    except (AttributeError, TypeError, ValueError, attrs.exceptions.NotAnAttrsClassError):
        return None  # a part is invalid; its own validator reports it


def is_row_class(cls: type[Any]) -> bool:
    """A row class holds only scalar cells (its fields are the table's columns)."""
    known = _ROW_CLASSES.get(cls)
    if known is None:
        infos = [field_info(a) for a in attrs.fields(cls)]
        known = bool(infos) and all(i is not None and i.kind is not Kind.GROUP for i in infos)
        _ROW_CLASSES[cls] = known
    return known


def leaf_rows(obj: Any) -> list[Any]:
    """The row instances under ``obj`` (``obj`` itself if it is a row), totals excluded."""
    if is_row_class(type(obj)):
        return [obj]
    rows: list[Any] = []
    for attribute in attrs.fields(type(obj)):
        info = field_info(attribute)
        if info is not None and info.kind is Kind.GROUP and not info.is_total:
            rows.extend(leaf_rows(getattr(obj, attribute.name)))
    return rows


def sum_rows(cls: type[Any], rows: Sequence[Any]) -> Any:
    """A row of ``cls`` whose every cell, totals included, is the column sum of ``rows``."""
    values: dict[str, Any] = {
        a.name: sum_cells(getattr(r, a.name) for r in rows) for a in attrs.fields(cls)
    }
    return cls(**values)
