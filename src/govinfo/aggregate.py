"""Consolidation: a supervising office's report as the cell-by-cell sum of its units' reports.

A district sums its streets, a city its departments. Every table cell is summed exactly
(amounts as ``Decimal``), totals included as each unit gave them, so a unit's wrong total
shows in the sum; a cell left blank by any unit is blank in the sum (its sum is unknown). The
text sections come from the parent's own report, never from concatenating the units'. Units
must be of one year and one layout of the tables. The units stream: only running sums are
kept, never the units' reports, so a city's thousands of units take the memory of one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final

import attrs

from .cells import CellSpec, Layout, Value, layout
from .checks import Finding, Severity, check
from .errors import GovinfoError
from .model import Edition, Report, blank_report, update
from .model.report import report_layout

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


_NO_SOURCES: Final = object()


def _named(
    reports: Iterable[Report], sources: Iterable[str | None] | None
) -> Iterator[tuple[Report, str | None]]:
    """Each report with its source name; ``sources``, when given, must be as long."""
    if sources is None:
        for report in reports:
            yield report, None
        return
    names = iter(sources)
    for report in reports:
        name = next(names, _NO_SOURCES)
        if name is _NO_SOURCES:
            raise AggregationError("fewer sources than reports were given")
        yield report, name  # type: ignore[misc]
    if next(names, _NO_SOURCES) is not _NO_SOURCES:
        raise AggregationError("more sources than reports were given")


@attrs.define
class _RunningSum:
    """The sum so far: one value per cell of the first unit's layout, and what stands in the
    way of adding more. Holds no unit's report: memory does not grow with the units."""

    year: int
    edition: Edition
    parts: dict[str, type[Any]]
    """The classes of the parts whose layout differs between editions (the units' layout)."""
    first_source: str
    lay: Layout
    sums: list[Value]
    blank: dict[int, list[str]] = attrs.field(factory=dict)
    problems: list[str] = attrs.field(factory=list)
    seen: dict[str, str] = attrs.field(factory=dict)

    @classmethod
    def start(cls, report: Report, source: str | None) -> _RunningSum:
        lay = layout(report)
        running = cls(
            report.year,
            report.edition,
            report_layout(report),
            _describe(report, source),
            lay,
            [None] * len(lay.specs),
        )
        running.sums = list(running._admit(report, source, lay.values(report)))
        return running

    def _admit(self, report: Report, source: str | None, values: Sequence[Value]) -> list[Value]:
        name = _describe(report, source)
        key = "".join(report.organ.split())
        if key in self.seen:
            self.problems.append(f"{report.organ} is given twice ({self.seen[key]} and {name})")
        self.seen.setdefault(key, name)
        for index, value in enumerate(values):
            if value is None:
                self.blank.setdefault(index, []).append(name)
        return list(values)

    def add(self, report: Report, source: str | None) -> None:
        name = _describe(report, source)
        if report.year != self.year:
            self.problems.append(
                f"{name} is for {report.year}, {self.first_source} for {self.year}"
            )
        if report.edition is not self.edition:
            self.problems.append(
                f"{name} follows the {report.edition.value} edition, "
                f"{self.first_source} the {self.edition.value} edition"
            )
            return
        if layout(report) is not self.lay:
            theirs = report_layout(report)
            parts = sorted(path for path, cls in self.parts.items() if theirs[path] is not cls)
            self.problems.append(
                f"{name} lays out {', '.join(parts)} differently from {self.first_source}"
            )
            return
        values = self._admit(report, source, self.lay.values(report))
        sums = self.sums
        for index, value in enumerate(values):
            if value is not None and sums[index] is not None:
                sums[index] = sums[index] + value  # type: ignore[operator]


def _units(
    pairs: Iterable[tuple[Report, str | None]],
    organ: str,
    own: Report | None,
    own_source: str | None,
) -> Iterator[tuple[Report, str | None]]:
    """The units to sum: ``pairs`` and the office's ``own`` figures. A report of the office
    itself among them is refused: it is most likely an earlier sum, which would be counted
    twice (all of them named, once every unit has been seen)."""
    key = "".join(organ.split())
    parents = []
    for report, name in pairs:
        if "".join(report.organ.split()) == key:
            parents.append(_describe(report, name))
            continue
        yield report, name
    if parents:
        raise AggregationError(
            f"{', '.join(parents)}: a report of {organ} itself (a sum made earlier?), not one of "
            "its units; leave it out, or give it as the office's own figures (own=, --own)"
        )
    if own is not None:
        yield own, own_source


def consolidate(
    reports: Iterable[Report],
    *,
    organ: str,
    year: int | None = None,
    text: Report | None = None,
    sources: Iterable[str | None] | None = None,
    own: Report | None = None,
    own_source: str | None = None,
) -> Consolidation:
    """Sum ``reports`` cell by cell into ``organ``'s report; see :func:`aggregate`.

    Also returns each unit's error-level findings and the cells left blank in the sum.
    ``reports`` (and ``sources``, one name per report) may be any iterable, a generator
    reading the units one by one included: only running sums are kept.
    """
    units: list[Unit] = []

    def checked(pairs: Iterable[tuple[Report, str | None]]) -> Iterator[tuple[Report, str | None]]:
        for report, name in pairs:
            errors = tuple(f for f in check(report) if f.severity is Severity.ERROR)
            units.append(Unit(report.organ, errors, name))
            yield report, name

    pairs = _units(_named(reports, sources), organ, own, own_source)
    summed, blank = _sum(checked(pairs), organ, year, text)
    return Consolidation(summed, tuple(units), blank)


def _sum(
    reports: Iterable[tuple[Report, str | None]],
    organ: str,
    year: int | None,
    text: Report | None,
) -> tuple[Report, tuple[tuple[CellSpec, tuple[str, ...]], ...]]:
    running: _RunningSum | None = None
    for report, name in reports:
        if running is None:
            running = _RunningSum.start(report, name)
        else:
            running.add(report, name)
    if running is None:
        raise AggregationError("nothing to sum: give at least one report")
    problems = running.problems
    if year is not None and year != running.year:
        problems.insert(0, f"the reports are for {running.year}, not {year}")
    if text is not None and text.year != running.year:
        problems.append(f"the text comes from a report for {text.year}, not {running.year}")
    if problems:
        raise AggregationError("cannot sum these reports: " + "; ".join(problems))

    specs = running.lay.specs
    changes: dict[str, Any] = {
        spec.dotted: value for spec, value in zip(specs, running.sums, strict=True)
    }
    blank: list[tuple[CellSpec, tuple[str, ...]]] = []
    for index, missing in sorted(running.blank.items()):
        changes[specs[index].dotted] = None
        blank.append((specs[index], tuple(missing)))

    # A blank report of the units' layout (which may be a mixed one), then every cell set.
    base = blank_report(organ, running.year, edition=running.edition)
    base = update(base, {path: cls() for path, cls in running.parts.items()})
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
    reports: Iterable[Report],
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
    errors of their own: a sum can hide them. ``reports`` may be any iterable (a generator
    loading one unit at a time): only running sums are kept, so memory does not grow with the
    number of units.
    """
    return _sum(_units(_named(reports, None), organ, own, None), organ, year, text)[0]
