"""What an audit returns: each report's row, every finding with its fingerprint, the units."""

from __future__ import annotations

import os
import pickle
import tempfile
import threading
import zlib
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, Literal

import attrs

from ..cells import Value
from ..checks import Rule, Severity
from ..errors import GovinfoError
from ..model import Edition
from ..units import UnitEntry
from ._figures import FigureValue, pack_values, unpack_values

__all__ = [
    "RULES",
    "Audit",
    "AuditError",
    "AuditFinding",
    "AuditedReport",
    "Decision",
    "MergedName",
    "Status",
]

Status = Literal["ok", "partial", "unreadable"]
"""How a file was read: ``ok`` (every cell read, or a JSON report), ``partial`` (read, but
some cells could not be: they are blank, see the ``READ`` findings), ``unreadable`` (not a
report at all: the row says why)."""

Review = Literal["new", "confirmed", "dismissed"]


class AuditError(GovinfoError, ValueError):
    """An audit cannot run: no report found, a path that does not exist, a reviewed list that
    cannot be used, an output folder that cannot be written."""


RULES: Final[Mapping[str, Rule]] = {
    rule.id: rule
    for rule in (
        Rule(
            "READ",
            Severity.WARNING,
            "读取发布文件时的诊断",
            "读取错误（error）：该格未能读取，留空；读取警告（warning）；读取提示（notice）",
            "govinfo 读取器（docs/read.md）",
        ),
        Rule(
            "READ-FAILED",
            Severity.ERROR,
            "文件无法作为年度报告读取",
            "文件不是可读取的 JSON、Word、网页或文本年度报告",
            "govinfo 读取器（docs/read.md）",
        ),
        Rule(
            "AUDIT-MISSING",
            Severity.ERROR,
            "单位名单中的机关缺少该年度报告",
            "名单中每个机关、审核涉及的每个年度，均应有一份可读取的报告",
            "《中华人民共和国政府信息公开条例》第四十九条（每年公布年度报告）",
        ),
        Rule(
            "AUDIT-DUPLICATE",
            Severity.WARNING,
            "同一机关同一年度有多份报告",
            "每个机关每个年度一份报告（其余各份不参与跨年度核对与汇总）",
            "《中华人民共和国政府信息公开条例》第四十九条",
        ),
        Rule(
            "REPEAT-TEXT",
            Severity.WARNING,
            "文字部分与上年度报告重复过多",
            "本年该部分文字中与上年同一部分相同的字数 ÷ 本年该部分字数 > 阈值（默认 0.5）",
            "年度报告评估通行做法：与上年重复超过一半者扣分（方法见 docs/audit.md）",
        ),
        Rule(
            "CONSOLIDATION",
            Severity.WARNING,
            "上级机关报告的表三、表四与下属单位报告之和一致",
            "上级机关报告各格 = 名单中其全部下属单位报告该格之和",
            "单位名单（--units）所列上下级关系；汇总方法见 docs/variants.md",
        ),
    )
}
"""The rules the audit adds to those of :data:`govinfo.RULES` (their severity is the usual one;
``READ`` findings take the severity of the reader's diagnostic)."""


@attrs.frozen
class AuditFinding:
    """A finding of the audit: a check's finding, a read diagnostic, or one of :data:`RULES`."""

    fingerprint: str
    """Stable across runs while the report and the finding stay the same (see docs/audit.md)."""
    source: str
    """The report's file; empty for a missing report."""
    organ: str
    year: int | None
    rule: str
    severity: Severity
    message: str
    section: str = ""
    row: tuple[str, ...] = ()
    column: tuple[str, ...] = ()
    path: str | None = None
    expected: Value = None
    actual: Value = None
    difference: Value = None
    cells: tuple[str, ...] = ()
    where: str | None = None
    """For a read diagnostic: its place in the source file (``line 40``, ``table 2, row 7``)."""
    review: Review = "new"
    """``new`` (no decision yet), or the decision of ``--reviewed``."""
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (amounts stay exact ``Decimal``)."""
        data = attrs.asdict(self, recurse=False)
        data["severity"] = self.severity.value
        for name in ("row", "column", "cells"):
            data[name] = list(data[name])
        return data


class FindingStore:
    """The findings of an audit, kept in an anonymous temporary file rather than in memory:
    an audit of a hundred thousand reports holds one report's findings at a time. The file
    goes when the audit result does (or with the process)."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="govinfo-audit-")  # noqa: SIM115
        self._size = 0
        self._lock = threading.Lock()

    @staticmethod
    def pack(findings: Sequence[AuditFinding]) -> bytes:
        """``findings`` as the store keeps them (made where they are found: in a worker)."""
        if not findings:
            return b""
        return zlib.compress(pickle.dumps(tuple(findings), pickle.HIGHEST_PROTOCOL), 1)

    def put(self, findings: Sequence[AuditFinding] | bytes) -> tuple[int, int]:
        """Keep ``findings`` (or their :meth:`pack`); returns where they are, for :meth:`get`."""
        data = findings if isinstance(findings, bytes) else self.pack(findings)
        if not data:
            return (0, 0)
        with self._lock:
            offset = self._size
            self._file.seek(offset)
            self._file.write(data)
            self._size += len(data)
        return (offset, len(data))

    def get(self, span: tuple[int, int]) -> tuple[AuditFinding, ...]:
        offset, length = span
        if not length:
            return ()
        with self._lock:
            self._file.flush()
            data = os.pread(self._file.fileno(), length, offset)
        found: tuple[AuditFinding, ...] = pickle.loads(zlib.decompress(data))
        return found

    def __getstate__(self) -> object:
        raise TypeError("an audit's findings stay in the process that made them")


@attrs.frozen
class AuditedReport:
    """One input file: how it was read, whose report it is, its counts and figures.

    Its :attr:`findings` are read back from the audit's temporary file when asked for: the
    row itself is small, whatever the number of findings."""

    source: str
    format: str
    """``json``, or the reader's name of the format (``docx``, ``html``, ``text``, …)."""
    status: Status
    problem: str = ""
    """Why the file could not be read (``unreadable`` only)."""
    organ: str | None = None
    year: int | None = None
    edition: Edition | None = None
    unit: str | None = None
    """The organ as named in the units list (or its most frequent spelling without a list)."""
    # Kept as compact text (an audit keeps a row per report): see the properties below.
    _figures: str = attrs.field(default="", converter=pack_values, repr=False)
    _repeated: str = attrs.field(default="", converter=pack_values, repr=False)
    previous: str | None = None
    """The previous year's report paired with this one for the year-over-year checks."""
    duplicate_of: str | None = None
    """Another report of the same organ and year, which the audit took instead of this one."""
    errors: int = 0
    warnings: int = 0
    notices: int = 0
    new: int = 0
    """Findings without a reviewer's decision."""
    _store: FindingStore | None = attrs.field(default=None, repr=False, eq=False, alias="store")
    _span: tuple[int, int] = attrs.field(default=(0, 0), repr=False, eq=False, alias="span")

    @property
    def figures(self) -> dict[str, FigureValue]:
        """Each figure of :data:`govinfo.audit.FIGURES` by name (``{}`` for a file not read)."""
        return unpack_values(self._figures)

    @property
    def repeated(self) -> dict[str, Decimal | None]:
        """The share of each text section repeated from the previous year, by attribute name
        (``{}`` without a previous year's report)."""
        return unpack_values(self._repeated)  # type: ignore[return-value]

    @property
    def findings(self) -> tuple[AuditFinding, ...]:
        """Every finding about this file, in the order found."""
        return self._store.get(self._span) if self._store is not None else ()


@attrs.frozen
class Decision:
    """A reviewer's decision on a finding, from ``--reviewed``."""

    fingerprint: str
    decision: Literal["confirmed", "dismissed"]
    note: str = ""


@attrs.frozen
class MergedName:
    """Spellings of one organ's name taken as the same (see ``organ_key``)."""

    name: str
    """The name used in the outputs."""
    spellings: tuple[str, ...]


@attrs.frozen
class Audit:
    """The result of :func:`govinfo.audit`."""

    reports: tuple[AuditedReport, ...]
    """Every input file, in the order of their paths."""
    missing: tuple[AuditFinding, ...]
    """An ``AUDIT-MISSING`` finding for each expected report not found (with ``--units``)."""
    years: tuple[int, ...]
    """The years audited (those of the reports read, or as given)."""
    units: tuple[UnitEntry, ...] = ()
    merged: tuple[MergedName, ...] = ()
    unlisted: tuple[str, ...] = ()
    """Organs whose reports were found but that the units list does not name."""
    stale: tuple[Decision, ...] = ()
    """Decisions of ``--reviewed`` whose finding is no longer found (kept, not applied)."""
    repeat_threshold: float = 0.5

    tally: Mapping[tuple[str, Severity, Review], int] = attrs.field(factory=dict)
    """The number of findings by rule, severity and review (missing reports included)."""

    def findings(self) -> Iterator[AuditFinding]:
        """Every finding: each report's in turn, then the missing reports."""
        for report in self.reports:
            yield from report.findings
        yield from self.missing

    def count(self, severity: Severity, *, review: Review | None = None) -> int:
        return sum(
            n
            for (_, s, r), n in self.tally.items()
            if s is severity and (review is None or r == review)
        )

    @property
    def has_errors(self) -> bool:
        """Whether an error-level finding was found and not dismissed by a reviewer."""
        return any(
            n and s is Severity.ERROR and r != "dismissed" for (_, s, r), n in self.tally.items()
        )
