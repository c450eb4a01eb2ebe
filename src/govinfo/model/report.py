"""The report as a whole: metadata, the six sections in their fixed order, and edits."""

import datetime as dt
import enum
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from ._fields import FieldInfo, Kind, field_info, is_row_class
from ._table import TableInfo
from .extra import ExtraTable
from .proactive import Proactive, Proactive2019
from .requests import ApplicantCounts, OtherHandling, Outcomes, Requests
from .review import ReviewLitigation
from .text import (
    Part,
    check_text,
    paragraphs,
    parts,
    validate_paragraphs,
)

__all__ = [
    "FIRST_YEAR",
    "LAYOUTS",
    "Edition",
    "Report",
    "Section",
    "Signature",
    "blank_report",
    "layout_deviations",
    "report_layout",
    "sections",
    "update",
]

FIRST_YEAR: Final = 2008
"""The first year covered by the regulations (in force 2008-05-01)."""
LAST_YEAR: Final = 2100

SECTION_KEY: Final = "govinfo_section"
TABLE_KEY: Final = "govinfo_table"


class Edition(enum.Enum):
    """Which edition of the national format a report follows."""

    E2019 = "2019"
    """国办公开办函〔2019〕60号 (试行), for report years 2019 and 2020."""
    E2021 = "2021"
    """国办公开办函〔2021〕30号, for report years 2021 onward."""

    @classmethod
    def for_year(cls, year: int) -> "Edition":
        """The edition the format prescribes for a report year."""
        return cls.E2021 if year >= 2021 else cls.E2019

    @property
    def label(self) -> str:
        return {"2019": "2019 年版（试行）", "2021": "2021 年版"}[self.value]


def check_year(value: object, what: str = "") -> None:
    """Raise unless ``value`` is a plausible report year (an int, not a bool)."""
    prefix = f"{what}: " if what else ""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{prefix}expected a whole number, got {value!r}")
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise ValueError(
            f"{prefix}expected a report year from {FIRST_YEAR} to {LAST_YEAR}, got {value}"
        )


def _validate_year(_instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    check_year(value, attribute.name)


def check_organ(value: object, what: str = "") -> None:
    """Raise unless ``value`` is a usable organ name (text, not blank, not too long)."""
    check_text(value, what, limit="name_chars")
    assert isinstance(value, str)
    if all(c.isspace() or unicodedata.category(c) in ("Cf", "Zs") for c in value):
        raise ValueError(f"{what}: " * bool(what) + "the name of the organ cannot be empty")


def _validate_organ(_instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    check_organ(value, attribute.name)


def check_title(value: object, what: str = "") -> None:
    """Raise unless ``value`` is ``None`` or a usable title (text, not too long)."""
    if value is not None:
        check_text(value, what, limit="name_chars")


def _validate_title(_instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    check_title(value, attribute.name)


def _validate_date(_instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    # datetime is a subclass of date; a report date has no time of day.
    if value is not None and (type(value) is not dt.date):
        raise TypeError(f"{attribute.name}: expected a date, got {value!r}")


@attrs.frozen(kw_only=True)
class Signature:
    """The signature (落款) under the body: the organ's name and the date."""

    organ: str = attrs.field(validator=_validate_organ)
    date: dt.date = attrs.field(validator=_validate_date)


def _extras(value: Iterable[ExtraTable]) -> tuple[ExtraTable, ...]:
    return tuple(value)


def _text_section(heading: str, doc: str) -> Any:
    return attrs.field(
        factory=tuple,
        converter=parts,
        validator=attrs.validators.deep_iterable(attrs.validators.instance_of(Part)),
        metadata={SECTION_KEY: heading, "doc": doc},
    )


def _table_section(*classes: type[Any]) -> Any:
    # Several classes: the section's layout differs between editions (the first is the default).
    table: TableInfo = classes[0].__table__
    return attrs.field(
        factory=classes[0],
        validator=attrs.validators.instance_of(classes),
        metadata={SECTION_KEY: table.heading, TABLE_KEY: table},
    )


@attrs.frozen(kw_only=True)
class Report:
    """An annual report on government information disclosure (政府信息公开工作年度报告).

    Sections 一、五、六 are free text (:class:`Part` sequences); sections 二、三、四 are the
    national tables. Every table cell defaults to 0 and every total to the sum of its parts;
    a total given explicitly is kept as given, so that a published report can be represented
    as it was printed and its faults reported by :func:`govinfo.check`.
    """

    organ: str = attrs.field(validator=_validate_organ)
    """The issuing organ (发布机关), e.g. ``阜新市细河区玉龙街道``."""
    year: int = attrs.field(validator=_validate_year)
    """The year the report covers (not the year it is published)."""
    edition: Edition = attrs.field(
        default=Edition.E2021, validator=attrs.validators.instance_of(Edition)
    )
    title: str | None = attrs.field(default=None, validator=_validate_title)
    """The title as published, when it differs from :attr:`default_title`."""
    published: dt.date | None = attrs.field(default=None, validator=_validate_date)
    """The publication date, when known."""
    signature: Signature | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(Signature)),
    )
    preamble: tuple[str, ...] = attrs.field(
        factory=tuple, converter=paragraphs, validator=validate_paragraphs
    )
    """Paragraphs before section 一 (the basis of the report, its period)."""
    overview: tuple[Part, ...] = _text_section("一、总体情况", "Section 一 (free text).")
    proactive: Proactive | Proactive2019 = _table_section(Proactive, Proactive2019)
    requests: Requests = _table_section(Requests)
    review_litigation: ReviewLitigation = _table_section(ReviewLitigation)
    problems: tuple[Part, ...] = _text_section(
        "五、存在的主要问题及改进情况", "Section 五 (free text)."
    )
    other_matters: tuple[Part, ...] = _text_section(
        "六、其他需要报告的事项", "Section 六 (free text)."
    )
    extras: tuple[ExtraTable, ...] = attrs.field(
        factory=tuple,
        converter=_extras,
        validator=attrs.validators.deep_iterable(attrs.validators.instance_of(ExtraTable)),
    )
    """Tables of the office's own, each printed at the end of a free-text section."""

    @property
    def default_title(self) -> str:
        """The title the format prescribes: ``{organ}{year}年政府信息公开工作年度报告``."""
        return f"{self.organ}{self.year}年政府信息公开工作年度报告"

    @property
    def display_title(self) -> str:
        """The title as published if given, else :attr:`default_title`."""
        return self.title if self.title is not None else self.default_title

    def replace(self, **changes: Any) -> "Report":
        """A copy with whole fields replaced (``report.replace(requests=...)``)."""
        return attrs.evolve(self, **changes)


@attrs.frozen
class Section:
    """One of the six sections of a report, in the format's order."""

    heading: str
    attribute: str
    table: TableInfo | None
    """The table's description for sections 二、三、四; ``None`` for free text."""


_SECTIONS: dict[type[Report], tuple[Section, ...]] = {}


def sections(report_class: type[Report] = Report) -> tuple[Section, ...]:
    """The six sections of the format in order, each with its official heading."""
    found = _SECTIONS.get(report_class)
    if found is None:
        found = _SECTIONS[report_class] = _sections(report_class)
    return found


def _sections(report_class: type[Report]) -> tuple[Section, ...]:
    result = []
    for a in attrs.fields(report_class):
        heading = a.metadata.get(SECTION_KEY)
        if heading is None:
            continue
        result.append(Section(heading, a.name, a.metadata.get(TABLE_KEY)))
    return tuple(result)


_SKELETON: Final[Mapping[str, tuple[str, ...]]] = {
    "overview": (
        "（一）主动公开",
        "（二）依申请公开",
        "（三）政府信息管理",
        "（四）政府信息公开平台建设",
        "（五）监督保障",
    ),
    "problems": ("（一）存在的主要问题", "（二）改进情况"),
    "other_matters": (
        "（一）收取信息处理费情况",
        "（二）落实上级年度政务公开工作要点情况",
        "（三）人大代表建议和政协提案办理结果公开情况",
        "（四）年度政务公开工作创新情况",
    ),
}


LAYOUTS: Final[Mapping[Edition, Mapping[str, type[Any]]]] = {
    Edition.E2021: {"proactive": Proactive, "requests.outcomes.other_handling": OtherHandling},
    Edition.E2019: {
        "proactive": Proactive2019,
        "requests.outcomes.other_handling": ApplicantCounts,
    },
}
"""The parts whose layout differs between the editions: the class each edition prescribes."""


def report_layout(report: Report) -> dict[str, type[Any]]:
    """The classes of ``report``'s parts whose layout differs between editions, by path."""
    found = {}
    for path in LAYOUTS[Edition.E2021]:
        value: Any = report
        for name in path.split("."):
            value = getattr(value, name)
        found[path] = type(value)
    return found


def layout_deviations(report: Report) -> list[str]:
    """The parts of ``report`` laid out as the other edition prescribes (a mixed layout)."""
    found = []
    for path, cls in LAYOUTS[report.edition].items():
        value: Any = report
        for name in path.split("."):
            value = getattr(value, name)
        if type(value) is not cls:
            found.append(path)
    return found


def blank_report(organ: str, year: int, *, edition: Edition | None = None) -> Report:
    """A complete report to fill in: every cell 0, the usual sub-headings with empty text.

    The edition defaults to the one the format prescribes for ``year``; its tables have that
    edition's layout (the 2019 edition's section 二 and single-row （六）其他处理).
    """
    edition = edition or Edition.for_year(year)

    def skeleton(name: str) -> tuple[Part, ...]:
        return tuple(Part(heading=h, paragraphs=("",)) for h in _SKELETON[name])

    layout = LAYOUTS[edition]
    tables = {
        "proactive": layout["proactive"](),
        "requests": Requests(
            outcomes=Outcomes(other_handling=layout["requests.outcomes.other_handling"]())
        ),
    }
    return Report(
        organ=organ,
        year=year,
        edition=edition,
        preamble=(
            f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，编制本报告。"
            f"报告数据统计期限为{year}年1月1日至{year}年12月31日。",
        ),
        overview=skeleton("overview"),
        problems=skeleton("problems"),
        other_matters=skeleton("other_matters"),
        **tables,
    )


# -- edits ------------------------------------------------------------------------------------


def update(report: Report, changes: Mapping[str, Any], *, recompute_totals: bool = True) -> Report:
    """A copy of ``report`` with the cells at dotted ``changes`` paths set.

    Paths name attributes: ``"requests.received.natural_person"``. With ``recompute_totals``
    (the default) every total that depends on a changed cell is computed again from its parts,
    as in a spreadsheet, unless that total is itself among ``changes``; totals that depend on
    no changed cell are kept as they were. With ``recompute_totals=False`` only the named cells
    change.
    """
    tree: dict[str, Any] = {}
    for path, value in changes.items():
        node = tree
        names = path.split(".")
        for name in names[:-1]:
            child = node.setdefault(name, {})
            if not isinstance(child, dict):
                raise KeyError(f"{path}: {name} is set and also has cells set below it")
            node = child
        if names[-1] in node:
            raise KeyError(f"{path}: set twice")
        node[names[-1]] = _Leaf(value)
    result: Report = _apply(report, tree, recompute_totals, "")[0]
    return result


@attrs.frozen
class _Leaf:
    value: Any


_NO_INFO: Final = FieldInfo(Kind.GROUP)


_EVERY_COLUMN: Final = "*"


def _difference(before: Any, after: Any, name: str) -> set[str]:
    """The cells that differ when the field ``name`` goes from ``before`` to ``after``."""
    if not attrs.has(type(after)):
        return {name}
    if type(before) is type(after) and is_row_class(type(after)):
        return {
            a.name
            for a in attrs.fields(type(after))
            if getattr(before, a.name) != getattr(after, a.name)
        }
    return {_EVERY_COLUMN}


def _apply(obj: Any, tree: Mapping[str, Any], recompute: bool, prefix: str) -> tuple[Any, set[str]]:
    """``obj`` with ``tree``'s changes, and the names of the cells (columns) that changed."""
    cls = type(obj)
    fields = {a.name: a for a in attrs.fields(cls)}
    values: dict[str, Any] = {name: getattr(obj, name) for name in fields}
    changed: set[str] = set()
    for name, sub in tree.items():
        if name not in fields:
            known = ", ".join(fields)
            raise KeyError(f"{prefix}{name}: {cls.__name__} has no field {name!r} (it has {known})")
        if isinstance(sub, _Leaf):
            before, values[name] = values[name], sub.value
            changed |= _difference(before, sub.value, name)
        else:
            child = values[name]
            if not attrs.has(type(child)):
                raise KeyError(f"{prefix}{name}: is a single value and has no fields below it")
            values[name], below = _apply(child, sub, recompute, f"{prefix}{name}.")
            changed |= below
    stale_rows: dict[str, Any] = {}
    if recompute:
        for name, attribute in fields.items():
            info = field_info(attribute)
            if info is None or not info.is_total or name in tree:
                continue  # not a total, or set (or edited inside) by the caller
            if not any(part in tree for part in info.total_of):
                continue  # depends on nothing that changed
            if info.kind is Kind.GROUP:
                stale_rows[name] = values.pop(name)
            else:
                del values[name]  # recomputed from its parts by the field's default
                changed.add(name)
    result = cls(**values)
    if stale_rows and _EVERY_COLUMN not in changed:
        # A row of totals (（七）总计): only the columns whose parts changed are computed
        # again; a column given as published, and untouched, keeps its value.
        kept = {}
        for name, old in stale_rows.items():
            keep = {
                a.name: getattr(old, a.name)
                for a in attrs.fields(type(old))
                if a.name not in changed and not (field_info(a) or _NO_INFO).is_total
            }
            kept[name] = attrs.evolve(getattr(result, name), **keep)
        result = attrs.evolve(result, **kept)
    return result, changed
