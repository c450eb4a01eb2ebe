"""JSON in and out: the cattrs converter, ``load``/``loads``/``dump``/``dumps``, the JSON Schema.

The model knows nothing of JSON; everything JSON-specific lives here. Loading is strict: a
value of the wrong type is never coerced (no ``"5"`` or ``5.0`` or ``true`` for a count), an
unknown key is an error, every table cell must be present (totals may be left out and are then
computed), and amounts are read exactly as written (``Decimal``). All problems of a document
are reported together in one :class:`LoadError`, each with its JSON path and the official label
of the field.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import difflib
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn_from_attrs, override

from . import emphasis, limits
from ._io import atomic_write, read_limited
from .errors import GovinfoError, LimitExceeded
from .model import Edition, ExtraTable, Kind, Part, Report, Signature, field_info
from .model._fields import MONEY_DIGITS, check_count, check_money, check_signed, show_amount
from .model.extra import TEXT_SECTIONS, ExtraRow, ExtraValue, check_extra_value
from .model.report import FIRST_YEAR, LAST_YEAR, LAYOUTS, check_organ, check_title, check_year
from .model.text import check_text

__all__ = [
    "FORMAT_VERSION",
    "LoadError",
    "Problem",
    "converter",
    "dump",
    "dumps",
    "json_text",
    "load",
    "loads",
    "schema",
    "to_dict",
]

FORMAT_VERSION: Final = 2

_encode_string: Final = json.JSONEncoder(ensure_ascii=False).encode

# Fields that a JSON document may leave out (beside totals, which are then computed).
_OPTIONAL: Final[Mapping[type[Any], frozenset[str]]] = {
    Report: frozenset({"title", "published", "signature", "extras"}),
    Part: frozenset({"heading", "run_in"}),
    ExtraTable: frozenset({"section"}),
}


@attrs.frozen
class Problem:
    """One thing wrong with an input document, and where."""

    message: str
    path: str | None = None
    """The JSON path (``$.requests.received.natural_person``), when known."""
    label: str | None = None
    """The official label of the field at :attr:`path`, when it is a table cell or section."""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}, column {self.column}")
        if self.path is not None:
            where.append(self.path + (f" ({self.label})" if self.label else ""))
        return f"{', '.join(where)}: {self.message}" if where else self.message


@attrs.define(eq=False)
class LoadError(GovinfoError):
    """A document could not be read as a report. Carries every problem found."""

    source: str
    problems: tuple[Problem, ...]

    def __str__(self) -> str:
        count = len(self.problems)
        if count == 1:  # one line
            return f"{self.source}: {self.problems[0]}"
        head = f"{self.source}: {count} problems:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


# -- strict scalar hooks ----------------------------------------------------------------------


def _quote(text: str) -> str:
    """``text`` as a JSON string for a message: readable, but printable on any terminal."""
    quoted: str = _encode_string(text)
    return re.sub("[\ud800-\udfff\x00-\x1f\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _HugeNumber):
        return f"a number of {value.digits} digits"
    if isinstance(value, Decimal):
        return f"the number {show_amount(value)}"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {_quote(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _scalar_hook(check: Callable[[object], None]) -> Callable[[object, Any], Any]:
    def hook(value: object, _type: Any) -> Any:
        if isinstance(value, _HugeNumber):
            if check is check_money:
                raise ValueError(
                    f"an amount has at most {MONEY_DIGITS} digits before the decimal point, "
                    f"got {_json_type(value)}"
                )
            raise LimitExceeded("count_digits", value.digits, limits.current().count_digits)
        if isinstance(value, Decimal) and check is not check_money:
            raise TypeError(f"expected a whole number, got {_json_type(value)}")
        if isinstance(value, bool | str | list | dict):
            raise TypeError(f"expected a number, got {_json_type(value)}")
        if isinstance(value, int) and check is check_money:
            value = Decimal(value)
        check(value)
        return value

    return hook


_CELL_HOOKS: Final = {
    Kind.COUNT: _scalar_hook(check_count),
    Kind.SIGNED: _scalar_hook(check_signed),
    Kind.MONEY: _scalar_hook(check_money),
}


def _structure_str(value: object, _type: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {_json_type(value)}")
    check_text(value)
    return value


def _structure_optional_str(value: object, _type: Any) -> str | None:
    return None if value is None else _structure_str(value, str)


def _structure_int(value: object, _type: Any) -> int:
    if isinstance(value, _HugeNumber):
        raise ValueError(f"expected a whole number it can hold, got {_json_type(value)}")
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {_json_type(value)}")
    return value


def _structure_bool(value: object, _type: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {_json_type(value)}")
    return value


def _structure_date(value: object, _type: Any) -> dt.date:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise TypeError(f'expected a date as "YYYY-MM-DD", got {_json_type(value)}')
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"not a valid date: {value}") from None


def _structure_edition(value: object, _type: Any) -> Edition:
    known = [e.value for e in Edition]
    if not isinstance(value, str) or value not in known:
        raise ValueError(f"expected one of {', '.join(map(repr, known))}, got {_json_type(value)}")
    return Edition(value)


# The edition of the document being loaded: it decides the layout of a part whose keys fit
# both editions (an all-blank section, say); otherwise the keys decide.
_EDITION: contextvars.ContextVar[Edition] = contextvars.ContextVar("edition", default=Edition.E2021)


def _union_hook(
    conv: cattrs.Converter, classes: tuple[type[Any], ...]
) -> Callable[[object, Any], Any]:
    names = {cls: {a.name for a in attrs.fields(cls)} for cls in classes}
    required = {
        cls: {
            a.name
            for a in attrs.fields(cls)
            if not ((info := field_info(a)) is not None and info.is_total)
        }
        for cls in classes
    }

    def hook(value: object, _type: Any) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"expected an object, got {_json_type(value)}")
        keys = set(value)
        preferred = [c for c in classes if c in LAYOUTS[_EDITION.get()].values()]

        def fit(cls: type[Any]) -> tuple[int, int, bool]:
            # Fewest unknown keys, then fewest missing ones, then the edition's own layout.
            return -len(keys - names[cls]), -len(required[cls] - keys), cls in preferred

        return conv.structure(value, max(classes, key=fit))

    return hook


def _structure_extra_value(value: object, _type: Any) -> ExtraValue:
    if isinstance(value, _HugeNumber):
        raise LimitExceeded("count_digits", value.digits, limits.current().count_digits)
    if isinstance(value, bool | list | dict):
        raise TypeError(f"expected a number, text or null, got {_json_type(value)}")
    check_extra_value(value)
    return value  # type: ignore[return-value]


def _structure_section(value: object, _type: Any) -> str:
    if value not in TEXT_SECTIONS:
        raise ValueError(f"expected one of {', '.join(TEXT_SECTIONS)}, got {_json_type(value)}")
    assert isinstance(value, str)
    return value


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(ExtraValue, _structure_extra_value)
    conv.register_structure_hook_func(
        _equals(attrs.fields(ExtraTable).section.type), _structure_section
    )
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_structure_hook(Edition, _structure_edition)
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_unstructure_hook(Decimal, lambda d: d)
    conv.register_unstructure_hook(Edition, lambda e: e.value)

    def is_tuple(t: Any) -> bool:
        return get_origin(t) is tuple

    def structure_tuple(value: object, type_: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise TypeError(f"expected a list, got {_json_type(value)}")
        element = get_args(type_)[0]
        _count(element, len(value))
        items, errors = [], []
        for index, item in enumerate(value):
            try:
                items.append(conv.structure(item, element))
            except Exception as exc:
                note = IterableValidationNote(f"index {index}", index, element)
                setattr(exc, "__notes__", [*getattr(exc, "__notes__", []), note])  # noqa: B010
                errors.append(exc)
        if errors:
            raise IterableValidationError("while structuring a list", errors, type_)
        return tuple(items)

    conv.register_structure_hook_func(is_tuple, structure_tuple)
    conv.register_unstructure_hook_func(is_tuple, lambda t: [conv.unstructure(i) for i in t])

    # A class's hook is generated with the hooks of its fields: register those first.
    for cls in _model_classes():
        for union in _unions(cls):
            choices = tuple(t for t in get_args(union) if attrs.has(t))
            conv.register_structure_hook_func(_equals(union), _union_hook(conv, choices))
        conv.register_structure_hook(cls, _class_hook(conv, cls))
    return conv


# What the items of a list of the model count toward: the paragraphs of the report, or the
# cells of its own tables. Counted before a list is structured, so a document of millions of
# items is refused before the work is done.
_COUNTED: Final[Mapping[Any, str]] = {
    str: "paragraphs",
    Part: "paragraphs",
    ExtraRow: "table_cells",
    ExtraValue: "table_cells",
}
_COUNTS: contextvars.ContextVar[dict[str, int] | None] = contextvars.ContextVar(
    "counts", default=None
)


class _Skipped(Exception):
    """A list not structured because the document went over a limit before it: that limit
    is reported once, where it was exceeded."""


def _count(element: Any, items: int) -> None:
    counts = _COUNTS.get()
    kind = _COUNTED.get(element)
    if counts is None or kind is None:
        return
    if counts.get(kind, 0) < 0:
        raise _Skipped
    counts[kind] = counts.get(kind, 0) + items
    try:
        limits.enforce(kind, counts[kind])
    except LimitExceeded:
        counts[kind] = -1
        raise


def _equals(expected: Any) -> Callable[[Any], bool]:
    def predicate(t: Any) -> bool:
        return bool(t == expected)

    return predicate


def _classes(annotation: Any) -> list[type[Any]]:
    """The model classes a field may hold."""
    return [t for t in (annotation, *get_args(annotation)) if isinstance(t, type) and attrs.has(t)]


def _unions(cls: type[Any]) -> list[Any]:
    """The field types of ``cls`` that are a choice of model classes."""
    return [
        a.type
        for a in attrs.fields(cls)
        if len([t for t in get_args(a.type) if isinstance(t, type) and attrs.has(t)]) > 1
    ]


def _model_classes() -> list[type[Any]]:
    """Every attrs class of the model, each after the classes of its fields."""
    found: list[type[Any]] = []

    def visit(cls: type[Any]) -> None:
        if cls in found:
            return
        for a in attrs.fields(cls):
            for t in (a.type, *get_args(a.type)):
                if isinstance(t, type) and attrs.has(t):
                    visit(t)
        found.append(cls)

    visit(Report)
    return found


def _checked(structure: Callable[[object, Any], Any], check: Callable[[object], None]) -> Any:
    def hook(value: object, type_: Any) -> Any:
        result = structure(value, type_)
        check(result)
        return result

    return hook


# Single-field rules beyond the type, checked while structuring so that every problem of a
# document is reported at once (attrs validators run only once the whole report is built).
_FIELD_HOOKS: Final[Mapping[tuple[type[Any], str], Callable[[object, Any], Any]]] = {
    (Report, "year"): _checked(_structure_int, check_year),
    (Report, "organ"): _checked(_structure_str, check_organ),
    (Report, "title"): _checked(_structure_optional_str, check_title),
    (Signature, "organ"): _checked(_structure_str, check_organ),
}


def _class_hook(conv: cattrs.Converter, cls: type[Any]) -> Callable[[object, Any], Any]:
    overrides = {}
    attributes = []
    for a in attrs.fields(cls):
        info = field_info(a)
        if info is not None and info.kind in _CELL_HOOKS:
            overrides[a.name] = override(struct_hook=_CELL_HOOKS[info.kind])
        elif (cls, a.name) in _FIELD_HOOKS:
            overrides[a.name] = override(struct_hook=_FIELD_HOOKS[cls, a.name])
        optional = (info is not None and info.is_total) or a.name in _OPTIONAL.get(cls, ())
        attributes.append(a if optional else a.evolve(default=attrs.NOTHING))
    structure = make_dict_structure_fn_from_attrs(
        attributes,
        cls,
        conv,
        **overrides,  # type: ignore[arg-type]  # per-attribute overrides
    )

    def hook(value: object, _type: Any) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"expected an object, got {_json_type(value)}")
        return structure(value, cls)

    return hook


converter: Final = _make_converter()
"""The cattrs converter between reports and JSON-ready Python data."""


# -- errors -----------------------------------------------------------------------------------


def _key(path: str, key: object) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    text = str(key)
    return f"{path}.{text}" if text.isidentifier() else f"{path}[{_quote(text)}]"


@attrs.frozen
class _Place:
    """Where the loader is in the document: the JSON path and the official labels."""

    path: str = "$"
    row: tuple[str, ...] = ()
    column: tuple[str, ...] = ()

    def at(self, key: object, attribute: attrs.Attribute[Any] | None = None) -> _Place:
        info = field_info(attribute) if attribute is not None else None
        if info is not None:
            return _Place(
                _key(self.path, key), (*self.row, *info.row), (*self.column, *info.column)
            )
        section = attribute.metadata.get("govinfo_section") if attribute is not None else None
        if section:
            return _Place(_key(self.path, key), (section,), ())
        return _Place(_key(self.path, key), self.row, self.column)

    def problem(self, message: str) -> Problem:
        label = " · ".join(p for p in ("/".join(self.row), "/".join(self.column)) if p)
        return Problem(message, self.path, label or None)


def _flatten(exc: BaseException, place: _Place) -> Iterator[Problem]:
    """Every problem in a cattrs error tree, with its path and labels (of the classes the
    loader actually chose, so that both editions' labels come out right)."""
    if isinstance(exc, ClassValidationError):
        fields = attrs.fields_dict(exc.cl) if attrs.has(exc.cl) else {}
        with_notes, others = exc.group_exceptions()
        for sub, note in with_notes:
            yield from _flatten(sub, place.at(note.name, fields.get(note.name)))
        for sub in others:
            yield from _flatten(sub, place)
    elif isinstance(exc, IterableValidationError):
        with_index, others = exc.group_exceptions()
        for sub, inote in with_index:
            yield from _flatten(sub, place.at(inote.index))
        for sub in others:
            yield from _flatten(sub, place)
    elif isinstance(exc, ForbiddenExtraKeysError):
        known = [a.name for a in attrs.fields(exc.cl)]
        for key in sorted(exc.extra_fields):
            close = difflib.get_close_matches(key, known, n=1)
            hint = (
                f"; did you mean {close[0]!r}?"
                if close
                else f"; expected one of: {', '.join(known)}"
            )
            yield Problem(f"unknown field{hint}", _key(place.path, key))
    elif isinstance(exc, _Skipped):
        return
    elif isinstance(exc, KeyError):
        yield place.problem("required field missing")
    else:
        yield place.problem(str(exc))


def _problems(exc: BaseException) -> tuple[Problem, ...]:
    return tuple(_flatten(exc, _Place()))


# -- reading ----------------------------------------------------------------------------------


class _Object(dict[str, Any]):
    """A JSON object that remembers keys given more than once."""

    duplicates: tuple[str, ...] = ()


def _pairs_hook(found: list[_Object]) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    """An ``object_pairs_hook`` that notes, in ``found``, objects with a key given twice."""

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        marked = _Object(obj)
        seen: set[str] = set()
        repeated = []
        for key, _ in pairs:
            if key in seen:
                repeated.append(key)
            seen.add(key)
        marked.duplicates = tuple(repeated)
        found.append(marked)
        return marked

    return hook


def _duplicates(value: Any, path: str) -> Iterator[Problem]:
    if isinstance(value, dict):
        for key in getattr(value, "duplicates", ()):
            yield Problem("key given more than once", _key(path, key))
        for key, item in value.items():
            yield from _duplicates(item, _key(path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _duplicates(item, _key(path, index))


def _reject_constant(name: str) -> Any:
    raise _NotANumber(name)


class _NotANumber(ValueError):
    pass


_MAX_INT_DIGITS: Final = 30
"""Whole numbers with more digits are not converted at all (a guard against the cost of
converting huge literals); they reach the loader as a :class:`_HugeNumber`, which every hook
refuses with the path of the field."""


@attrs.frozen
class _HugeNumber:
    digits: int


def _parse_int(text: str) -> int | _HugeNumber:
    digits = len(text.lstrip("-"))
    if digits > _MAX_INT_DIGITS:
        return _HugeNumber(digits)
    return int(text)


def _position(text: str, token: str) -> tuple[int | None, int | None]:
    """Line and column of the first ``token`` outside a JSON string."""
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"|(' + re.escape(token) + ")", text):
        if match.group(1):
            line = text.count("\n", 0, match.start()) + 1
            return line, match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    return None, None


def _parse(text: str, source: str) -> tuple[Any, tuple[Problem, ...]]:
    """The parsed document, and the problems of keys given more than once."""
    repeated: list[_Object] = []
    try:
        data = json.loads(
            text.removeprefix("\ufeff"),
            parse_float=Decimal,
            parse_int=_parse_int,
            parse_constant=_reject_constant,
            object_pairs_hook=_pairs_hook(repeated),
        )
    except json.JSONDecodeError as exc:
        problem = Problem(f"not valid JSON: {exc.msg}", line=exc.lineno, column=exc.colno)
        start = text.lstrip("\ufeff \t\r\n")[:1]
        if start and start not in '{["-0123456789tfn':
            kind = "an HTML or XML document" if start == "<" else "text"
            problem = Problem(f"not a JSON report but {kind}; {_READ_HINT}")
        raise LoadError(source, (problem,)) from None
    except _NotANumber as exc:
        token = str(exc)
        line, column = _position(text, token)
        message = f"not valid JSON: {token} is not a number a report can hold"
        raise LoadError(source, (Problem(message, line=line, column=column),)) from None
    except RecursionError:
        raise LoadError(source, (Problem("not a report: nested too deeply"),)) from None
    # Silently keeping the last value would drop what the user wrote: report every repeat.
    return data, tuple(_duplicates(data, "$")) if repeated else ()


def from_dict(data: Any, source: str = "<data>") -> Report:
    """A report from JSON-ready Python data (as :func:`json.loads` would give)."""
    return _structure(data, source, ())


_REPORT_KEYS: Final = frozenset(a.name for a in attrs.fields(Report))


def _structure(data: Any, source: str, problems: tuple[Problem, ...]) -> Report:
    if not isinstance(data, dict):
        problem = Problem(f"expected an object, got {_json_type(data)}", "$")
        raise LoadError(source, (*problems, problem))
    if data and not _REPORT_KEYS & set(data) - {"title"}:  # a word many documents use
        # Some other JSON (a schema, a program's output): one problem, not one per key.
        shown = ", ".join(sorted(data)[:5]) + (", …" if len(data) > 5 else "")
        problem = Problem(f"not a report: none of its keys ({shown}) is a report's", "$")
        raise LoadError(source, (*problems, problem))
    edition = data.get("edition")
    known = isinstance(edition, str) and edition in {e.value for e in Edition}
    token = _EDITION.set(Edition(edition) if known else Edition.E2021)
    counting = _COUNTS.set({})
    try:
        report: Report = converter.structure(data, Report)
    except (ClassValidationError, IterableValidationError) as exc:
        raise LoadError(source, (*problems, *_problems(exc))) from None
    except (TypeError, ValueError) as exc:
        raise LoadError(source, (*problems, Problem(str(exc), "$"))) from None
    except RecursionError:
        raise LoadError(source, (*problems, Problem("not a report: nested too deeply"))) from None
    finally:
        _EDITION.reset(token)
        _COUNTS.reset(counting)
    if problems:
        raise LoadError(source, problems)
    return report


def loads(text: str | bytes | bytearray, *, source: str = "<string>") -> Report:
    """A report from a JSON document (text, or its bytes in UTF-8). Raises :class:`LoadError`
    listing every problem, :class:`~govinfo.errors.LimitExceeded` for a document over the
    ``json_bytes`` limit."""
    if isinstance(text, bytes | bytearray | memoryview):
        limits.enforce("json_bytes", len(text), where=source)
        text = _decode(bytes(text), source)
    elif isinstance(text, str):
        limits.enforce("json_bytes", len(text), where=source)  # at least as many bytes
    else:
        raise TypeError(
            f"loads() takes a JSON document as str or bytes, got {type(text).__name__}; "
            "load() reads a file"
        )
    if not text.strip():
        raise LoadError(source, (Problem("the file is empty"),))
    data, problems = _parse(text, source)
    return _structure(data, source, problems)


_READ_HINT: Final = (
    "a published report (.pdf, .docx, .html, .xlsx, text …) is read by govinfo.read "
    "(govinfo read FILE -o REPORT.json)"
)


def _decode(data: bytes, source: str) -> str:
    if data.startswith(b"PK\x03\x04"):
        problem = Problem(
            f"not a JSON report but a zip archive (a Word document or a workbook?); {_READ_HINT}"
        )
        raise LoadError(source, (problem,))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"{":
            problem = Problem(f"not a JSON report (not UTF-8 text, no “{{” first); {_READ_HINT}")
            raise LoadError(source, (problem,)) from None
        line = data[: exc.start].count(b"\n") + 1
        problem = Problem(
            f"not UTF-8 text (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
            "save the file as UTF-8",
            line=line,
            column=exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1,
        )
        raise LoadError(source, (problem,)) from None


def load(path: str | os.PathLike[str]) -> Report:
    """A report from a JSON file. Raises :class:`LoadError` (also when it cannot be read)."""
    try:
        data = read_limited(path, "json_bytes")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise LoadError(str(path), (Problem(f"cannot read the file: {reason}"),)) from None
    except LimitExceeded:
        raise
    except ValueError as exc:  # e.g. a NUL character in the path
        raise LoadError(repr(str(path)), (Problem(f"not a usable file name: {exc}"),)) from None
    return loads(data, source=str(path))


# -- writing ----------------------------------------------------------------------------------


def to_dict(report: Report) -> dict[str, Any]:
    """The report as JSON-ready Python data (amounts stay ``Decimal``)."""
    if not isinstance(report, Report):
        raise TypeError(f"to_dict() takes a Report, got {type(report).__name__}")
    data: dict[str, Any] = converter.unstructure(report)
    return data


def _emit(value: Any, indent: str, out: list[str]) -> None:
    if isinstance(value, dict):
        if not value:
            out.append("{}")
        elif all(not isinstance(v, dict | list) for v in value.values()):
            out.append(
                "{" + ", ".join(f"{_string(k)}: {_scalar(v)}" for k, v in value.items()) + "}"
            )
        else:
            inner = indent + "  "
            out.append("{\n")
            for i, (k, v) in enumerate(value.items()):
                out.append(f"{inner}{_string(k)}: ")
                _emit(v, inner, out)
                out.append(",\n" if i < len(value) - 1 else "\n")
            out.append(indent + "}")
    elif isinstance(value, list):
        if not value:
            out.append("[]")
            return
        inner = indent + "  "
        out.append("[\n")
        for i, item in enumerate(value):
            out.append(inner)
            _emit(item, inner, out)
            out.append(",\n" if i < len(value) - 1 else "\n")
        out.append(indent + "]")
    else:
        out.append(_scalar(value))


def _string(text: str) -> str:
    return _encode_string(text)


def _scalar(value: Any) -> str:
    if type(value) is int:
        return str(value)
    if isinstance(value, str):
        return _encode_string(value)
    if isinstance(value, Decimal):
        return f"{value:f}"  # an exact JSON number, never in exponent form
    return json.dumps(value)


def json_text(data: Any) -> str:
    """JSON-ready data as readable JSON text (UTF-8, ``Decimal`` as exact numbers)."""
    out: list[str] = []
    _emit(data, "", out)
    return "".join(out) + "\n"


def _without_totals(data: dict[str, Any], obj: Any) -> dict[str, Any]:
    result = {}
    for a in attrs.fields(type(obj)):
        info = field_info(a)
        if info is not None and info.is_total:
            continue
        value, child = data[a.name], getattr(obj, a.name)
        if isinstance(value, dict) and attrs.has(type(child)):
            value = _without_totals(value, child)
        result[a.name] = value
    return result


def dumps(report: Report, *, totals: bool = True) -> str:
    """The report as a JSON document: UTF-8 text with Chinese kept readable.

    Keys follow the model's field order; each table row is one line. Amounts are written as
    exact JSON numbers. ``loads(dumps(r)) == r`` for every report. With ``totals=False`` the
    totals are left out (they are computed again when the document is loaded): the form for a
    document people fill in by hand, as ``govinfo new`` writes it.
    """
    if not isinstance(report, Report):
        raise TypeError(f"dumps() takes a Report, got {type(report).__name__}")
    data = to_dict(report)
    return json_text(data if totals else _without_totals(data, report))


def dump(
    report: Report, path: str | os.PathLike[str], *, overwrite: bool = True, totals: bool = True
) -> None:
    """Write the report as JSON, atomically: a failure leaves any existing file untouched."""
    atomic_write(Path(path), dumps(report, totals=totals).encode("utf-8"), overwrite=overwrite)


# -- JSON Schema ------------------------------------------------------------------------------

# Characters text may not hold, as a pattern that matches alike in ECMA-262 and Python regular
# expressions (a negated search: no anchors, whose meaning differs between the two).
_FORBIDDEN_TEXT: Final = (
    "[\\u0000-\\u0008\\u000a-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ufdd0-\\ufdef\\ufffe\\uffff]"
)


_DATE_SCHEMA: Final = {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}


def _text_schema(**extra: Any) -> dict[str, Any]:
    return {"type": "string", "not": {"pattern": _FORBIDDEN_TEXT}, **extra}


def _cell_schema(kind: Kind, title: str, description: str) -> dict[str, Any]:
    base: dict[str, Any] = {"title": title}
    if description:
        base["description"] = description
    if kind is Kind.COUNT:
        return {**base, "type": ["integer", "null"], "minimum": 0}
    if kind is Kind.SIGNED:
        return {**base, "type": ["integer", "null"]}
    return {**base, "type": ["number", "null"], "minimum": 0}


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a report document."""
    defs: dict[str, Any] = {}

    def ref(cls: type[Any]) -> dict[str, Any]:
        if cls.__name__ not in defs:
            defs[cls.__name__] = {}  # placeholder against recursion
            defs[cls.__name__] = object_schema(cls)
        return {"$ref": f"#/$defs/{cls.__name__}"}

    def choice(annotation: Any) -> dict[str, Any]:
        classes = _classes(annotation)
        if len(classes) == 1:
            return ref(classes[0])
        return {"oneOf": [ref(c) for c in classes]}

    def field_schema(cls: type[Any], a: attrs.Attribute[Any]) -> dict[str, Any]:
        info = field_info(a)
        if info is not None:
            title = " · ".join(p for p in ("/".join(info.row), "/".join(info.column)) if p)
            if info.kind is Kind.GROUP:
                return {**choice(a.type), "title": title}
            note = "Computed from its parts when left out." if info.is_total else ""
            return _cell_schema(info.kind, title, " ".join(p for p in (info.doc, note) if p))
        section = a.metadata.get("govinfo_section")
        if section is not None:
            if a.metadata.get("govinfo_table") is not None:
                return {**choice(a.type), "title": section}
            return {"type": "array", "items": ref(Part), "title": section}
        return _plain_schema(cls, a, ref)

    def object_schema(cls: type[Any]) -> dict[str, Any]:
        fields = attrs.fields(cls)
        required = []
        for a in fields:
            info = field_info(a)
            if not ((info is not None and info.is_total) or a.name in _OPTIONAL.get(cls, ())):
                required.append(a.name)
        result = {
            "type": "object",
            "description": (cls.__doc__ or "").strip().splitlines()[0],
            "properties": {a.name: field_schema(cls, a) for a in fields},
            "required": required,
            "additionalProperties": False,
        }
        if cls is Part:  # a run-in heading needs a heading and a paragraph to run into
            result["if"] = {"properties": {"run_in": {"const": True}}, "required": ["run_in"]}
            result["then"] = {
                "properties": {"heading": {"type": "string"}, "paragraphs": {"minItems": 1}},
                "required": ["heading"],
            }
        return result

    root = object_schema(Report)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:govinfo:report:{FORMAT_VERSION}",
        "title": "政府信息公开工作年度报告",
        "$comment": (
            "govinfo's loader also refuses what JSON Schema cannot express portably: 1.0 where "
            "a whole number belongs, impossible dates (2024-02-30) unless the date format is "
            "asserted, a blank organ name, unpaired surrogates, amounts with more than 15 "
            "digits before or 6 after the decimal point."
        ),
        **root,
        "$defs": defs,
    }


def _plain_schema(
    cls: type[Any], a: attrs.Attribute[Any], ref: Callable[[type[Any]], dict[str, Any]]
) -> dict[str, Any]:
    name = a.name
    if cls is Report and name == "edition":
        return {
            "enum": [e.value for e in Edition],
            "description": "The edition of the national format.",
        }
    if cls is Report and name == "year":
        return {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}
    if name == "organ":
        return _text_schema(minLength=1)
    if (cls, name) in ((Report, "title"), (Part, "heading")):
        return {"anyOf": [_text_schema(), {"type": "null"}]}
    if name == "published":
        return {"anyOf": [_DATE_SCHEMA, {"type": "null"}]}
    if name == "date":
        return _DATE_SCHEMA
    if name == "signature":
        return {"anyOf": [ref(Signature), {"type": "null"}]}
    if name in ("preamble", "paragraphs"):
        paragraph = _text_schema(
            pattern=emphasis.PATTERN,
            description="A paragraph: **…** marks emphasis (printed bold); \\* is an "
            "asterisk, \\\\ a backslash.",
        )
        return {"type": "array", "items": paragraph}
    if name == "run_in":
        return {"type": "boolean"}
    if name == "extras":
        return {"type": "array", "items": ref(ExtraTable)}
    if cls is ExtraTable and name == "section":
        return {"enum": list(TEXT_SECTIONS)}
    if name in ("title", "label"):
        return _text_schema()
    if name == "columns":
        return {"type": "array", "items": _text_schema(), "minItems": 1}
    if name == "rows":
        return {"type": "array", "items": ref(ExtraRow)}
    if name == "values":
        return {
            "type": "array",
            "items": {"anyOf": [{"type": ["number", "null"]}, _text_schema()]},
        }
    raise AssertionError(f"no JSON Schema for {cls.__name__}.{name}")
