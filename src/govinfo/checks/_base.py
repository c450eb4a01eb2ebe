"""What every family of checks shares: severities, rules as data, findings, and the context a
family reads a report through."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from ..cells import Layout, Value, layout
from ..errors import GovinfoError
from ..model import Report
from ._text import Text, texts

__all__ = [
    "CheckOptions",
    "Context",
    "Finding",
    "Rule",
    "Severity",
    "ValidationError",
    "describe_errors",
]


class Severity(enum.Enum):
    """How serious a finding is."""

    ERROR = "error"
    """The report contradicts the format: numbers that do not add up. It must be corrected."""
    WARNING = "warning"
    """Probably wrong, but with legitimate exceptions; worth a look."""
    NOTICE = "notice"
    """A relation could not be assessed because cells it needs are blank."""

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "notice": "提示"}[self.value]


@attrs.frozen
class Rule:
    """A check rule: a stable id, what it verifies, and where it comes from."""

    id: str
    severity: Severity
    title: str
    """What the rule verifies, in Chinese."""
    formula: str
    source: str
    """Where in the national format (or the regulations) the rule comes from."""
    parts: str = ""
    """How a message names the parts of a total (``各项办理结果``)."""


@attrs.frozen
class Finding:
    """One problem found in a report."""

    rule: str
    """The stable id of the rule that fired (see :data:`RULES`)."""
    severity: Severity
    message: str
    """What is wrong, in Chinese, naming the official row and column."""
    section: str = ""
    """The official heading of the section concerned."""
    row: tuple[str, ...] = ()
    """The official row label path of the cell concerned (empty when the rule is per column)."""
    column: tuple[str, ...] = ()
    path: str | None = None
    """The JSON path of the cell concerned, when the finding is about one cell."""
    expected: Value = None
    actual: Value = None
    difference: Value = None
    """``actual - expected``."""
    cells: tuple[str, ...] = ()
    """The JSON paths of every cell of the relation (for a rule comparing text: the cells, or
    the paragraphs, it compared)."""
    missing: tuple[str, ...] = ()
    """The JSON paths of blank cells: for a notice, those that prevented the check; for
    ``COMPLETE-TABLE`` and ``COMPLETE-CELLS``, those left to fill in."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (numbers stay exact: amounts are ``Decimal``)."""
        data = attrs.asdict(self, recurse=False)
        data["severity"] = self.severity.value
        data["row"] = list(self.row)
        data["column"] = list(self.column)
        data["cells"] = list(self.cells)
        data["missing"] = list(self.missing)
        return data


@attrs.define(eq=False)
class ValidationError(GovinfoError):
    """Raised by :func:`validate`: the report has error-level findings, all carried here."""

    findings: tuple[Finding, ...]

    def __str__(self) -> str:
        return describe_errors(self.findings, "the report has {count} error(s):")


def describe_errors(findings: Sequence[Finding], head: str) -> str:
    """The error-level findings, one per line, under ``head`` (``{count}`` is their number)."""
    errors = [f for f in findings if f.severity is Severity.ERROR]
    lines = [head.format(count=len(errors))]
    lines += [f"  [{f.rule}] {f.message}" for f in errors]
    return "\n".join(lines)


def _not_negative(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{attribute.name}: expected a whole number, got {value!r}")
    if value < 0:
        raise ValueError(f"{attribute.name}: cannot be negative, got {value}")


@attrs.frozen(kw_only=True)
class CheckOptions:
    """Thresholds of the checks that are a matter of judgement (the defaults suit most
    reports; an assessor may be stricter or more lenient). Each field's ``doc`` metadata says
    what it sets; the rules catalogue lists them."""

    problems_min_chars: int = attrs.field(
        default=50,
        validator=_not_negative,
        metadata={
            "doc": "Section 五 that is 「无」, or a single sentence with fewer characters than "
            "this (letters and digits; punctuation and spaces not counted), is a "
            "`TEXT-S5-SHORT` warning. 0 turns the check off."
        },
    )


DEFAULT_OPTIONS: Final = CheckOptions()


@attrs.frozen
class Context:
    """What a family of checks reads: the report, its cells, the report before it, options."""

    report: Report
    previous: Report | None
    layout: Layout
    values: tuple[Value, ...]
    """Every cell's value, in the order of :attr:`Layout.specs`."""
    texts: tuple[Text, ...]
    """Every paragraph of the report's text, in order (see :func:`._text.texts`)."""
    options: CheckOptions = DEFAULT_OPTIONS

    @classmethod
    def of(
        cls,
        report: Report,
        previous: Report | None = None,
        options: CheckOptions = DEFAULT_OPTIONS,
    ) -> Context:
        lay = layout(report)
        return cls(report, previous, lay, lay.values(report), tuple(texts(report)), options)


def rules_by_id(*families: Sequence[Rule]) -> dict[str, Rule]:
    """The rules of ``families``, by id, in order; an id declared twice is a bug."""
    found: dict[str, Rule] = {}
    for rules in families:
        for rule in rules:
            assert rule.id not in found, f"rule {rule.id} declared twice"
            found[rule.id] = rule
    return found


def fmt(value: Value) -> str:
    """A value as a message prints it (amounts without exponent)."""
    return f"{value:f}" if isinstance(value, Decimal) else str(value)
