"""Consolidation: a supervising office's report as the cell-by-cell sum of its units' reports.

A district sums its streets, a city its departments. Every table cell is summed exactly
(amounts as ``Decimal``), totals included as each unit gave them, so a unit's wrong total
shows in the sum; a cell left blank by any unit is blank in the sum (its sum is unknown). The
text sections come from the parent's own report, never from concatenating the units'. Units
must be of one year and one layout of the tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from .cells import CellSpec, layout
from .checks import Finding, Severity, check
from .errors import GovinfoError
from .model import Report, blank_report, update
from .model.report import layout_deviations, report_layout

__all__ = ["AggregationError", "Consolidation", "Unit", "aggregate", "consolidate"]


class AggregationError(GovinfoError, ValueError):
    """The reports cannot be summed (different years, editions or table layouts)."""


@attrs.frozen
class Unit:
    """One unit of a consolidation and what the checks say about its own report."""

    organ: str
    errors: tuple[Finding, ...]
    """The unit's error-level findings: a sum can hide them (errors that cancel out)."""
    source: str | None = None


@attrs.frozen
class Consolidation:
    """The summed report, the units, and the cells left blank in the sum."""

    report: Report
    units: tuple[Unit, ...]
    blank: tuple[tuple[CellSpec, tuple[str, ...]], ...]
    """Each cell blank in the sum, with the units that left it blank."""

    @property
    def units_with_errors(self) -> tuple[Unit, ...]:
        return tuple(unit for unit in self.units if unit.errors)


def _describe(report: Report, source: str | None) -> str:
    return source or f"{report.organ} {report.year}"


def _shape_problems(reports: Sequence[Report], sources: Sequence[str | None]) -> list[str]:
    first, first_source = reports[0], _describe(reports[0], sources[0])
    problems = []
    seen: dict[str, str] = {}
    for report, source in zip(reports, sources, strict=True):
        key = "".join(report.organ.split())
        if key in seen:
            problems.append(
                f"{report.organ} is given twice ({seen[key]} and {_describe(report, source)})"
            )
        seen.setdefault(key, _describe(report, source))
    for report, source in zip(reports[1:], sources[1:], strict=True):
        name = _describe(report, source)
        if report.year != first.year:
            problems.append(f"{name} is for {report.year}, {first_source} for {first.year}")
        if report.edition is not first.edition:
            problems.append(
                f"{name} follows the {report.edition.value} edition, "
                f"{first_source} the {first.edition.value} edition"
            )
        elif layout(report) is not layout(first):
            parts = sorted(set(layout_deviations(report)) ^ set(layout_deviations(first)))
            problems.append(f"{name} lays out {', '.join(parts)} differently from {first_source}")
    return problems


def _units(
    reports: Sequence[Report],
    names: Sequence[str | None],
    organ: str,
    own: Report | None,
    own_source: str | None,
) -> tuple[list[Report], list[str | None]]:
    """The units to sum: ``reports`` and the office's ``own`` figures. A report of the
    office itself among ``reports`` is refused: it is most likely an earlier sum, which
    would be counted twice."""
    key = "".join(organ.split())
    parents = [
        _describe(r, n)
        for r, n in zip(reports, names, strict=True)
        if "".join(r.organ.split()) == key
    ]
    if parents:
        raise AggregationError(
            f"{', '.join(parents)}: a report of {organ} itself (a sum made earlier?), not one of "
            "its units; leave it out, or give it as the office's own figures (own=, --own)"
        )
    if own is None:
        return list(reports), list(names)
    return [*reports, own], [*names, own_source]


def consolidate(
    reports: Sequence[Report],
    *,
    organ: str,
    year: int | None = None,
    text: Report | None = None,
    sources: Sequence[str | None] | None = None,
    own: Report | None = None,
    own_source: str | None = None,
) -> Consolidation:
    """Sum ``reports`` cell by cell into ``organ``'s report; see :func:`aggregate`.

    Also returns each unit's error-level findings and the cells left blank in the sum.
    """
    names: Sequence[str | None] = sources if sources is not None else [None] * len(reports)
    reports, names = _units(reports, names, organ, own, own_source)
    summed, blank = _sum(reports, organ, year, text, names)
    units = tuple(
        Unit(r.organ, tuple(f for f in check(r) if f.severity is Severity.ERROR), n)
        for r, n in zip(reports, names, strict=True)
    )
    return Consolidation(summed, units, blank)


def _sum(
    reports: Sequence[Report],
    organ: str,
    year: int | None,
    text: Report | None,
    names: Sequence[str | None],
) -> tuple[Report, tuple[tuple[CellSpec, tuple[str, ...]], ...]]:
    if not reports:
        raise AggregationError("nothing to sum: give at least one report")
    problems = _shape_problems(reports, names)
    first = reports[0]
    if year is not None and year != first.year:
        problems.insert(0, f"the reports are for {first.year}, not {year}")
    if text is not None and text.year != first.year:
        problems.append(f"the text comes from a report for {text.year}, not {first.year}")
    if problems:
        raise AggregationError("cannot sum these reports: " + "; ".join(problems))

    lay = layout(first)
    columns = [lay.values(r) for r in reports]
    changes: dict[str, Any] = {}
    blank: list[tuple[CellSpec, tuple[str, ...]]] = []
    for index, spec in enumerate(lay.specs):
        values = [column[index] for column in columns]
        missing = tuple(
            _describe(r, n) for r, n, v in zip(reports, names, values, strict=True) if v is None
        )
        if missing:
            changes[spec.dotted] = None
            blank.append((spec, missing))
        else:
            changes[spec.dotted] = sum(values[1:], values[0])  # type: ignore[arg-type]

    # A blank report of the units' layout (which may be a mixed one), then every cell set.
    base = blank_report(organ, first.year, edition=first.edition)
    base = update(base, {path: cls() for path, cls in report_layout(first).items()})
    summed = update(base, changes, recompute_totals=False)
    if text is not None:
        summed = summed.replace(
            title=text.title,
            published=text.published,
            signature=text.signature,
            preamble=text.preamble,
            overview=text.overview,
            problems=text.problems,
            other_matters=text.other_matters,
            extras=text.extras,
        )
    else:
        summed = summed.replace(preamble=(), overview=(), problems=(), other_matters=())
    return summed, tuple(blank)


def aggregate(
    reports: Sequence[Report],
    *,
    organ: str,
    year: int | None = None,
    text: Report | None = None,
    own: Report | None = None,
) -> Report:
    """The report of ``organ`` as the cell-by-cell sum of its units' ``reports``.

    Every table cell is the sum of the units' cells (amounts exactly); totals are summed as the
    units gave them; a cell any unit left blank is blank. The text sections, title, signature
    and extra tables come from ``text`` — the parent's own report — or are left empty. The
    reports must all be of one year (``year``, when given), one edition and one layout of the
    tables (:class:`AggregationError` otherwise). A report of ``organ`` itself is refused as a
    unit — it may be an earlier sum, counted twice — unless given as ``own``, the office's own
    figures, summed as one more unit. Use :func:`consolidate` to also learn which units have
    errors of their own: a sum can hide them.
    """
    units, names = _units(reports, [None] * len(reports), organ, own, None)
    return _sum(units, organ, year, text, names)[0]
