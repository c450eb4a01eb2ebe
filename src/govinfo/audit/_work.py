"""The work done in the worker processes: read and check one file; pair two years; sum units.

Workers receive file paths (or references to reports they spooled) and return compact
results — a summary row and findings, never a whole report — so the parent's memory does not
grow with the reports. Each report read is pickled once into the worker's spool file in a
temporary folder, where the year-over-year and consolidation steps load it again without
reading the source a second time. Everything here is importable at module level, so the
``spawn`` start method works.
"""

from __future__ import annotations

import os
import pickle
import secrets
import signal
import zlib
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any, Final

import attrs

from ..checks import Finding, Severity, check
from ..errors import GovinfoError
from ..model import Report, ReviewLitigation
from ..model.requests import Requests
from ._figures import figures
from ._fingerprint import fingerprint, of_finding, unique
from ._model import RULES, AuditedReport, AuditFinding, FindingStore
from ._names import organ_key
from ._repeat import MIN_CHARS, TEXT_SECTIONS, repeated_share, section_text

if TYPE_CHECKING:
    from ..read import Diagnostic

__all__ = [
    "FileResult",
    "Ref",
    "audit_file",
    "close_worker",
    "consolidation_task",
    "init_worker",
    "pair_task",
]


@attrs.frozen
class Ref:
    """Where a spooled report is: a file of the spool, an offset and a length."""

    file: str
    offset: int
    length: int


@attrs.frozen
class FileResult:
    report: AuditedReport
    key: str | None
    ref: Ref | None
    packed: bytes = b""
    """The file's own findings, packed for the parent's store (which need not open them)."""
    fingerprints: tuple[str, ...] = ()
    tally: tuple[tuple[str, Severity, int], ...] = ()
    """How many findings of each rule and severity."""
    span: tuple[int, int] = (0, 0)
    """Where the parent keeps them (see :class:`~govinfo.audit._model.FindingStore`)."""


def _result(
    row: AuditedReport, key: str | None, ref: Ref | None, found: Sequence[AuditFinding]
) -> FileResult:
    numbered = [
        f if fp == f.fingerprint else attrs.evolve(f, fingerprint=fp)
        for f, fp in zip(found, unique([f.fingerprint for f in found]), strict=True)
    ]
    counts = Counter((f.rule, f.severity) for f in numbered)
    severities = Counter(f.severity for f in numbered)
    row = attrs.evolve(
        row,
        errors=severities[Severity.ERROR],
        warnings=severities[Severity.WARNING],
        notices=severities[Severity.NOTICE],
        new=len(numbered),
    )
    return FileResult(
        row,
        key,
        ref,
        FindingStore.pack(numbered),
        tuple(f.fingerprint for f in numbered),
        tuple((rule, severity, n) for (rule, severity), n in counts.items()),
    )


class _Spool:
    def __init__(self, folder: str) -> None:
        self.path = os.path.join(folder, f"{os.getpid()}-{secrets.token_hex(4)}.spool")
        self.file: IO[bytes] = open(self.path, "ab")  # noqa: SIM115 (closed by close_worker)

    def put(self, report: Report) -> Ref:
        data = zlib.compress(pickle.dumps(report, pickle.HIGHEST_PROTOCOL), 1)
        offset = self.file.tell()
        self.file.write(data)
        self.file.flush()
        return Ref(self.path, offset, len(data))


_spool: _Spool | None = None
_readers: dict[str, IO[bytes]] = {}


def init_worker(folder: str, pooled: bool = False) -> None:
    """Open this process's spool in ``folder`` (a pool's initializer, ``pooled``: then the
    parent alone answers Ctrl-C and SIGTERM, ending the workers)."""
    global _spool
    if pooled:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if hasattr(signal, "pthread_sigmask"):  # started while the parent held them back
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    _spool = _Spool(folder)


def close_worker() -> None:
    global _spool
    if _spool is not None:
        _spool.file.close()
        _spool = None
    for handle in _readers.values():
        handle.close()
    _readers.clear()


def load_ref(ref: Ref) -> Report:
    handle = _readers.get(ref.file)
    if handle is None:
        handle = _readers[ref.file] = open(ref.file, "rb")  # noqa: SIM115
    handle.seek(ref.offset)
    report: Report = pickle.loads(zlib.decompress(handle.read(ref.length)))
    return report


# -- one file ---------------------------------------------------------------------------------


def from_finding(source: str, report: Report, key: str, finding: Finding) -> AuditFinding:
    return AuditFinding(
        of_finding(key, report.year, finding),
        source,
        report.organ,
        report.year,
        finding.rule,
        finding.severity,
        finding.message,
        finding.section,
        finding.row,
        finding.column,
        finding.path,
        finding.expected,
        finding.actual,
        finding.difference,
        finding.cells,
    )


_READ_SEVERITY: Final = {
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "info": Severity.NOTICE,
}


def _unreadable(source: str, fmt: str, problem: str) -> FileResult:
    # The file is named beside the problem in every output: not again at its start.
    problem = problem.removeprefix(f"{source}: ")
    finding = AuditFinding(
        fingerprint(source, "READ-FAILED"),
        source,
        "",
        None,
        "READ-FAILED",
        RULES["READ-FAILED"].severity,
        problem,
    )
    return _result(AuditedReport(source, fmt, "unreadable", problem), None, None, [finding])


def _first_lines(text: str, count: int = 4) -> str:
    lines = text.splitlines()
    more = f" (and {len(lines) - count} more)" if len(lines) > count else ""
    return " ".join(line.strip() for line in lines[:count]) + more


def audit_file(source: str) -> list[FileResult]:
    """Read and check every report in the file at ``source`` (one, or one per sheet of a
    workbook that holds several units); never raises for a bad file."""
    from .. import read
    from ..serde import loads

    fmt = "unknown"
    try:
        data = read.read_source(source)
        fmt = read.sniff(source, data)  # a JSON report is known by its content
        if fmt == "json":
            return [_audited(source, fmt, loads(data, source=source), (), "ok")]
        results = read.read_all_bytes(data, source=source, fmt=fmt)
    except GovinfoError as exc:
        return [_unreadable(source, fmt, _first_lines(str(exc)))]
    except Exception as exc:  # a reader's bug must not end a run over thousands of files
        return [
            _unreadable(source, fmt, f"internal error while reading (please report it): {exc!r}")
        ]
    return [
        _audited(r.source, r.format, r.report, r.diagnostics, "partial" if r.errors else "ok")
        for r in results
    ]


def _audited(
    source: str,
    fmt: str,
    report: Report,
    diagnostics: Sequence[Diagnostic],
    status: str,
) -> FileResult:
    key = organ_key(report.organ)
    found: list[AuditFinding] = []
    for d in diagnostics:
        found.append(
            AuditFinding(
                fingerprint(key, report.year, "READ", d.path, d.where, d.message),
                source,
                report.organ,
                report.year,
                "READ",
                _READ_SEVERITY[d.severity],
                d.message,
                path=d.path,
                where=d.where,
            )
        )
    found.extend(from_finding(source, report, key, f) for f in check(report))
    assert _spool is not None, "init_worker() was not called"
    row = AuditedReport(
        source,
        fmt,
        status,  # type: ignore[arg-type]
        organ=report.organ,
        year=report.year,
        edition=report.edition,
        figures=figures(report),
    )
    return _result(row, key, _spool.put(report), found)


# -- two years of one organ -------------------------------------------------------------------


@attrs.frozen
class PairResult:
    findings: tuple[AuditFinding, ...]
    repeated: dict[str, Decimal | None]


def pair_task(task: tuple[Ref, Ref, str, float]) -> PairResult:
    """The year-over-year findings and the repeated text of the report at ``current``,
    against ``previous``. The year-over-year findings are those of the checks' family that
    :func:`govinfo.check` runs when given ``previous`` (the findings of ``current`` alone are
    already known), so each pair costs that family, not a second run of every check."""
    from ..checks import year_over_year
    from ..checks._base import Context

    previous_ref, current_ref, source, threshold = task
    previous, current = load_ref(previous_ref), load_ref(current_ref)
    key = organ_key(current.organ)
    found = [
        from_finding(source, current, key, finding)
        for finding in year_over_year.findings(Context.of(current, previous))
    ]
    repeated: dict[str, Decimal | None] = {}
    rule = RULES["REPEAT-TEXT"]
    for section in TEXT_SECTIONS:
        this = section_text(getattr(current, section.attribute))
        share = repeated_share(this, section_text(getattr(previous, section.attribute)))
        repeated[section.attribute] = share
        if share is None or share <= Decimal(str(threshold)) or len(this) < MIN_CHARS:
            continue
        found.append(
            AuditFinding(
                fingerprint(key, current.year, rule.id, section.attribute, str(share)),
                source,
                current.organ,
                current.year,
                rule.id,
                rule.severity,
                f"{section.heading}：{share * 100:.0f}% 的文字与 {previous.year} 年度报告相同"
                f"（阈值 {threshold * 100:.0f}%）",
                section.heading,
                path=f"$.{section.attribute}",
                actual=share,
            )
        )
    return PairResult(tuple(found), repeated)


# -- a parent and its units -------------------------------------------------------------------

_SUMMED_SECTIONS: Final = (Requests.__table__.heading, ReviewLitigation.__table__.heading)
"""The tables compared with the sum of the units: requests (三) and reviews and suits (四).
Section 二 counts each organ's own documents and decisions, which do not add up."""


def consolidation_task(task: tuple[Ref, str, Sequence[tuple[Ref, str]]]) -> list[AuditFinding]:
    """The parent's cells of sections 三 and 四 that differ from the sum of its units'."""
    from ..aggregate import AggregationError, aggregate
    from ..cells import cells
    from ..compare import compare

    parent_ref, source, units = task
    parent = load_ref(parent_ref)
    key = organ_key(parent.organ)
    rule = RULES["CONSOLIDATION"]
    try:
        # aggregate, not consolidate: each unit's own errors are already among its findings.
        summed = aggregate(
            (load_ref(ref) for ref, _ in units), organ=parent.organ, year=parent.year
        )
    except AggregationError as exc:
        return [
            AuditFinding(
                fingerprint(key, parent.year, rule.id, "not assessable"),
                source,
                parent.organ,
                parent.year,
                rule.id,
                Severity.NOTICE,
                f"无法与下属单位报告之和核对：{exc}",
            )
        ]
    paths = {(c.section, c.row, c.column): c.spec.json_path for c in cells(parent)}
    found = []
    for change in compare(summed, parent).cells:
        if change.section not in _SUMMED_SECTIONS or change.status != "changed":
            continue
        if change.old is None or change.new is None:
            continue  # a blank cell: not assessable
        path = paths.get((change.section, change.row, change.column))
        difference: Any = change.new - change.old
        found.append(
            AuditFinding(
                fingerprint(key, parent.year, rule.id, path, str(change.old), str(change.new)),
                source,
                parent.organ,
                parent.year,
                rule.id,
                rule.severity,
                f"{change.place}：{len(units)} 个下属单位报告之和为 {change.old}，"
                f"本机关报告为 {change.new}，相差 {abs(difference)}",
                change.section,
                change.row,
                change.column,
                path,
                change.old,
                change.new,
                difference,
                (path,) if path else (),
            )
        )
    return found
