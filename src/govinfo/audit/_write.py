"""The audit's files: summary.csv, findings.csv, findings.jsonl and index.html, each written
whole or not at all, never over an input."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from .._io import atomic_write_all, cannot_write, refuse_overwriting
from ..cells import format_value
from ..units import UnitEntry
from ._figures import FIGURES
from ._model import Audit, AuditError, AuditFinding
from ._names import organ_key
from ._repeat import TEXT_SECTIONS

__all__ = ["FINDING_COLUMNS", "OUTPUTS", "SUMMARY_COLUMNS", "write_outputs"]

PAGE: Final = "index.html"
OUTPUTS: Final = ("summary.csv", "findings.csv", "findings.jsonl", PAGE)

SUMMARY_COLUMNS: Final = (
    "source",
    "format",
    "status",
    "problem",
    "organ",
    "unit",
    "parent",
    "level",
    "year",
    "edition",
    "errors",
    "warnings",
    "notices",
    "new",
    "previous",
    *(f"repeated_{s.attribute}" for s in TEXT_SECTIONS),
    *(f.name for f in FIGURES),
)
"""The columns of summary.csv, one row per input file (described in docs/audit.md)."""

FINDING_COLUMNS: Final = (
    "fingerprint",
    "decision",
    "note",
    "source",
    "organ",
    "year",
    "rule",
    "severity",
    "section",
    "row",
    "column",
    "path",
    "expected",
    "actual",
    "difference",
    "cells",
    "where",
    "message",
)
"""The columns of findings.csv, one row per finding (described in docs/audit.md)."""


def _csv(rows: Iterable[Iterable[Any]]) -> Iterator[bytes]:
    """CSV in chunks of about 64 KB, with a BOM: spreadsheet programs on Chinese systems then
    read the file as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    out.write("\ufeff")
    for row in rows:
        writer.writerow(row)
        if out.tell() > 65536:
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
    yield out.getvalue().encode("utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_value(value) if isinstance(value, int) else str(value)
    return format_value(value) if not isinstance(value, str) else value


def units_by_key(units: Iterable[UnitEntry]) -> dict[str, UnitEntry]:
    return {organ_key(u.organ): u for u in units}


def summary_rows(result: Audit) -> Iterator[list[str]]:
    listed = units_by_key(result.units)
    yield list(SUMMARY_COLUMNS)
    for report in result.reports:
        unit = listed.get(organ_key(report.organ)) if report.organ else None
        values, repeated = report.figures, report.repeated
        yield [
            report.source,
            report.format,
            report.status,
            report.problem,
            report.organ or "",
            report.unit or "",
            (unit.parent or "") if unit else "",
            unit.level if unit else "",
            _cell(report.year),
            report.edition.value if report.edition else "",
            str(report.errors),
            str(report.warnings),
            str(report.notices),
            str(report.new),
            report.previous or "",
            *(_cell(repeated.get(s.attribute)) for s in TEXT_SECTIONS),
            *(_cell(values.get(f.name)) for f in FIGURES),
        ]


def _finding_row(f: AuditFinding) -> list[str]:
    return [
        f.fingerprint,
        "" if f.review == "new" else f.review,
        f.note,
        f.source,
        f.organ,
        _cell(f.year),
        f.rule,
        f.severity.value,
        f.section,
        "/".join(f.row),
        "/".join(f.column),
        f.path or "",
        _cell(f.expected),
        _cell(f.actual),
        _cell(f.difference),
        " ".join(f.cells),
        f.where or "",
        f.message,
    ]


_NUMBERS: Final = ("expected", "actual", "difference")


def _number(value: Any) -> str:
    if value is None:
        return "null"
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def _json_line(finding: AuditFinding) -> str:
    # Amounts are exact JSON numbers (a Decimal written as it is), the rest plain JSON.
    data = finding.to_dict()
    numbers = ",".join(f'"{name}":{_number(data.pop(name))}' for name in _NUMBERS)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))[:-1] + f",{numbers}}}\n"


def _chunks(lines: Iterable[str]) -> Iterator[bytes]:
    batch: list[str] = []
    size = 0
    for line in lines:
        batch.append(line)
        size += len(line)
        if size > 65536:
            yield "".join(batch).encode("utf-8")
            batch, size = [], 0
    yield "".join(batch).encode("utf-8")


def findings_jsonl(result: Audit) -> Iterator[bytes]:
    return _chunks(_json_line(f) for f in result.findings())


def findings_csv(result: Audit) -> Iterator[bytes]:
    return _csv([list(FINDING_COLUMNS), *(_finding_row(f) for f in result.findings())])


def _identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return (found.st_dev, found.st_ino)


def _refuse_overwriting_inputs(folder: Path, inputs: Iterable[str | os.PathLike[str]]) -> None:
    """:func:`~govinfo._io.refuse_overwriting` for every output and thousands of inputs: only
    an output that exists can be an input, and then it is the same file (same device and
    inode, whatever the path, link or hard link); each input is looked at once."""
    existing = {}
    for name in OUTPUTS:
        identity = _identity(folder / name)
        if identity is not None:
            existing[identity] = folder / name
    if not existing:
        return
    for item in inputs:
        output = existing.get(_identity(item))  # type: ignore[arg-type]
        if output is not None:
            refuse_overwriting(output, [item])  # raises OutputIsInput


def write_outputs(
    result: Audit,
    outdir: str | os.PathLike[str],
    *,
    protect: Iterable[str | os.PathLike[str]] = (),
    charts: bool = True,
) -> list[Path]:
    """Write the audit's four files into ``outdir`` (created if needed) and return their
    paths. Each file appears whole or not at all; an output that would replace one of the
    input files (the reports, and ``protect``: the units and reviewed lists) is refused
    before anything is written (:class:`~govinfo.errors.OutputIsInput`). ``charts=False``
    leaves the charts out of the page (they are also left out, and the page says so, without
    matplotlib)."""
    from ._page import page

    folder = Path(outdir)
    _refuse_overwriting_inputs(folder, [*(r.source for r in result.reports), *protect])
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise AuditError(f"{folder}: a file, not a folder") from None
    except OSError as exc:
        raise AuditError(f"cannot create {folder}: {exc.strerror or exc}") from None
    # Each file is made and written piece by piece: never whole in memory.
    contents: dict[str, Callable[[], Iterable[bytes]]] = {
        "summary.csv": lambda: _csv(summary_rows(result)),
        "findings.csv": lambda: findings_csv(result),
        "findings.jsonl": lambda: findings_jsonl(result),
        "index.html": lambda: _chunks(page(result, folder, charts=charts)),
    }
    # All four are put in place together: an interrupted or failed audit leaves the files of
    # the previous run as they were, never new tables beside an old page.
    written = [folder / name for name in OUTPUTS]
    try:
        atomic_write_all((path, contents[path.name]()) for path in written)
    except OSError as exc:
        raise AuditError(cannot_write(exc.filename, exc)) from None
    return written
