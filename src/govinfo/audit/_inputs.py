"""What an audit is given: report files found in paths, folders and globs; the units list;
the reviewed list."""

from __future__ import annotations

import csv
import glob
import io
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Final

from .._io import read_limited
from ..read import SUFFIXES
from ..units import UnitEntry, csv_text
from ._model import AuditError, Decision
from ._names import organ_key
from ._write import OUTPUTS, PAGE

__all__ = ["REPORT_SUFFIXES", "expected_units", "find_reports", "read_reviewed"]

REPORT_SUFFIXES: Final = frozenset({".json", *SUFFIXES})
"""Endings of the files taken from folders and globs: JSON reports and every published
format the reader reads (:data:`govinfo.read.SUFFIXES`, which grows with the readers)."""


def _wanted(name: str) -> bool:
    # Hidden files and Word's lock files (~$报告.docx) are never reports.
    return not name.startswith((".", "~$")) and os.path.splitext(name)[1].lower() in REPORT_SUFFIXES


def _walk(folder: Path, exclude: Path | None) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and (exclude is None or not _same(here / d, exclude))
        )
        # An earlier audit's folder (its four files): its page is no report.
        earlier = set(OUTPUTS) <= set(files)
        for name in sorted(files):
            if _wanted(name) and not (earlier and name == PAGE):
                yield here / name


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.realpath(a) == os.path.realpath(b)
    except (OSError, ValueError):
        return False


def find_reports(
    sources: Iterable[str | os.PathLike[str]], exclude: Path | None = None
) -> list[str]:
    """The report files named by ``sources``: files as named (whatever their ending), folders
    searched recursively and globs (``**`` included) for the files whose ending a reader
    knows, ``exclude`` (the output folder) left out. Each file once, sorted by path."""
    found: dict[str, str] = {}

    def take(path: Path) -> None:
        found.setdefault(os.path.realpath(path), str(path))

    for source in sources:
        text = os.fspath(source)
        path = Path(text)
        if path.is_dir():
            for item in _walk(path, exclude):
                take(item)
        elif path.is_file():
            take(path)
        elif glob.has_magic(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise AuditError(f"{text}: matches no file")
            for match in map(Path, matches):
                if match.is_dir():
                    for item in _walk(match, exclude):
                        take(item)
                elif (
                    match.is_file()
                    and _wanted(match.name)
                    and (exclude is None or not _same(match.parent, exclude))
                ):
                    take(match)
        else:
            raise AuditError(f"{text}: no such file or folder")
    return sorted(found.values())


def _decode(path: Path) -> str:
    try:
        data = read_limited(path, "reviewed_list_bytes")
    except OSError as exc:
        raise AuditError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    try:
        return csv_text(data)
    except ValueError as exc:
        raise AuditError(f"{path}: {exc}") from None


_HEADERS: Final = {
    "fingerprint": ("fingerprint", "指纹"),
    "decision": ("decision", "结论"),
    "note": ("note", "备注"),
}
_COLUMNS: Final = ("fingerprint", "decision", "note")


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(_decode(path), newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise AuditError(f"{path}: empty; the first line names the columns") from None
    except csv.Error as exc:
        raise AuditError(f"{path}: line 1: {exc}") from None
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        for key in _COLUMNS:
            if name.strip().lower() in _HEADERS[key]:
                columns.setdefault(key, index)
    for key in ("fingerprint", "decision"):
        if key not in columns:
            raise AuditError(
                f"{path}: line 1 has no {key!r} column (the columns are "
                f"{', '.join(_COLUMNS)}; found {', '.join(header) or 'none'})"
            )
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                yield (
                    reader.line_num,
                    {key: (row[i].strip() if i < len(row) else "") for key, i in columns.items()},
                )
    except csv.Error as exc:
        raise AuditError(f"{path}: line {reader.line_num}: {exc}") from None


def expected_units(units: Sequence[UnitEntry]) -> tuple[UnitEntry, ...]:
    """``units`` and, after them, each parent named only as a parent: it is expected too."""
    listed = {organ_key(u.organ) for u in units}
    found = list(units)
    for unit in units:
        if unit.parent is not None and organ_key(unit.parent) not in listed:
            listed.add(organ_key(unit.parent))
            found.append(UnitEntry(unit.parent))
    return tuple(found)


_DECISIONS: Final = {"confirmed": "confirmed", "dismissed": "dismissed"}


def read_reviewed(path: str | os.PathLike[str]) -> dict[str, Decision]:
    """Reviewers' decisions: a CSV file with ``fingerprint``, ``decision`` (``confirmed`` or
    ``dismissed``; lines without one are skipped) and optional ``note`` columns; other
    columns are ignored, so a ``findings.csv`` with its decisions filled in is one."""
    file = Path(path)
    decisions: dict[str, Decision] = {}
    for line, values in _rows(file):
        decision = values["decision"].lower()
        if not decision:
            continue
        if decision not in _DECISIONS:
            raise AuditError(
                f"{file}: line {line}: decision {values['decision']!r} is neither "
                "'confirmed' nor 'dismissed'"
            )
        fingerprint = values["fingerprint"]
        if not fingerprint:
            raise AuditError(f"{file}: line {line}: the fingerprint is empty")
        found = Decision(fingerprint, _DECISIONS[decision], values.get("note", ""))  # type: ignore[arg-type]
        earlier = decisions.get(fingerprint)
        if earlier is not None and earlier.decision != found.decision:
            raise AuditError(
                f"{file}: line {line}: {fingerprint} is {found.decision} here and "
                f"{earlier.decision} above"
            )
        decisions[fingerprint] = found
    return decisions
