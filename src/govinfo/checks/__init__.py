"""The checks: every arithmetic relation (勾稽关系) of the tables, and metadata and text checks.

Rules are data (:class:`Rule`: a stable id, a severity, the formula, where in the format it
comes from), declared by one module per family of rules, each of which yields findings:

- :mod:`~govinfo.checks.completeness` — every table and every cell filled in;
- :mod:`~govinfo.checks.arithmetic` — the relations between cells, derived from the model;
- :mod:`~govinfo.checks.metadata` — edition, layout and publication date;
- :mod:`~govinfo.checks.year_over_year` — the report against the year before's;
- :mod:`~govinfo.checks.prose` — the counts the text states against the tables;
- :mod:`~govinfo.checks.text` — the free-text sections.

:func:`check` runs every family and returns every finding at once; it never raises for a
report that could be built. A relation that needs a blank cell cannot be assessed: it neither
passes nor fails, and is reported as a ``notice`` naming the blank cells — except in a
table with no value at all, which is one ``COMPLETE-TABLE`` error instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

from ..model import Report
from . import arithmetic, completeness, metadata, prose, text, year_over_year
from ._base import (
    DEFAULT_OPTIONS,
    CheckOptions,
    Context,
    Finding,
    Rule,
    Severity,
    ValidationError,
    describe_errors,
    rules_by_id,
)
from .prose import prose_findings
from .year_over_year import UnrelatedReports, check_pair

__all__ = [
    "RULES",
    "CheckOptions",
    "Finding",
    "Rule",
    "Severity",
    "UnrelatedReports",
    "ValidationError",
    "check",
    "describe_errors",
    "prose_findings",
    "validate",
]

RULES: Final[dict[str, Rule]] = rules_by_id(
    completeness.RULES,
    arithmetic.RULES,
    metadata.RULES,
    year_over_year.RULES,
    prose.RULES,
    text.RULES,
)
"""Every rule, by id, in the order of the rules catalogue."""

_FAMILIES: Final[tuple[Callable[[Context], Iterable[Finding]], ...]] = (
    completeness.findings,
    arithmetic.findings,
    metadata.findings,
    year_over_year.findings,
    text.findings,
    prose.findings,
)
"""Every family's findings, in the order :func:`check` reports them."""
_EMPTY_TABLE: Final = completeness.RULES[0].id


def check(
    report: Report,
    *,
    previous: Report | None = None,
    allow_unrelated: bool = False,
    options: CheckOptions | None = None,
) -> list[Finding]:
    """Every finding about ``report``, in the order of the format. Never raises for a report.

    With ``previous`` — the same organ's report for the year before — the year-over-year
    warnings are added (``YOY-CARRY``, ``YOY-IN-FORCE``), across the 2020 → 2021 edition
    change too. A ``previous`` report of another organ or year is refused
    (:class:`UnrelatedReports`) unless ``allow_unrelated`` is true. ``options`` sets the
    thresholds of the checks that are a matter of judgement (:class:`CheckOptions`).
    """
    if previous is not None and not allow_unrelated:
        check_pair(report, previous)
    context = Context.of(report, previous, options or DEFAULT_OPTIONS)
    findings: list[Finding] = []
    for family in _FAMILIES:
        findings.extend(family(context))
    empty = {f.section for f in findings if f.rule == _EMPTY_TABLE}
    if empty:  # a table with no value: one error says it, not a notice for every relation
        findings = [
            f for f in findings if f.severity is not Severity.NOTICE or f.section not in empty
        ]
    return findings


def validate(
    report: Report,
    *,
    previous: Report | None = None,
    allow_unrelated: bool = False,
    options: CheckOptions | None = None,
) -> list[Finding]:
    """Raise :class:`ValidationError` if ``report`` has any error-level finding.

    Returns the remaining findings (warnings and notices) otherwise. ``previous``,
    ``allow_unrelated`` and ``options`` are as for :func:`check`.
    """
    findings = check(report, previous=previous, allow_unrelated=allow_unrelated, options=options)
    if any(f.severity is Severity.ERROR for f in findings):
        raise ValidationError(tuple(findings))
    return findings
