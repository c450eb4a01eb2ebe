"""govinfo: the annual report on government information disclosure (政府信息公开工作年度报告).

The national format as typed, frozen classes; every arithmetic relation of its tables as
checks; JSON in and out. Typical use::

    import govinfo

    report = govinfo.load("report.json")
    for finding in govinfo.check(report):
        print(finding.severity.value, finding.message)
"""

from typing import TYPE_CHECKING, Any

from .aggregate import AggregationError, Consolidation, aggregate, consolidate
from .audit import Audit, AuditedReport, AuditError, AuditFinding, audit
from .cells import Cell, CellSpec, cells, cells_csv
from .checks import (
    RULES,
    CheckOptions,
    Finding,
    Rule,
    Severity,
    UnrelatedReports,
    ValidationError,
    check,
    validate,
)
from .compare import Comparison, compare
from .errors import GovinfoError, LimitExceeded
from .limits import Limits
from .model import (
    ApplicantCounts,
    CaseOutcomes,
    DocumentCounts,
    Edition,
    ExtraRow,
    ExtraTable,
    NotProcessed,
    OtherHandling,
    Outcomes,
    Part,
    Proactive,
    Proactive2019,
    Report,
    Requests,
    ReviewLitigation,
    Signature,
    Unavailable,
    Withheld,
    blank_report,
    update,
)
from .serde import LoadError, Problem, dump, dumps, load, loads, schema

__version__ = "0.1.0.dev0"

if TYPE_CHECKING:
    from .render import render_docx, render_many


def __getattr__(name: str) -> Any:
    # The Word renderer loads docxtpl, python-docx and lxml: only when it is first used.
    if name in ("render_docx", "render_many"):
        from . import render

        return getattr(render, name)
    raise AttributeError(f"module 'govinfo' has no attribute {name!r}")


__all__ = [
    "RULES",
    "AggregationError",
    "ApplicantCounts",
    "Audit",
    "AuditError",
    "AuditFinding",
    "AuditedReport",
    "CaseOutcomes",
    "Cell",
    "CellSpec",
    "CheckOptions",
    "Comparison",
    "Consolidation",
    "DocumentCounts",
    "Edition",
    "ExtraRow",
    "ExtraTable",
    "Finding",
    "GovinfoError",
    "LimitExceeded",
    "Limits",
    "LoadError",
    "NotProcessed",
    "OtherHandling",
    "Outcomes",
    "Part",
    "Proactive",
    "Proactive2019",
    "Problem",
    "Report",
    "Requests",
    "ReviewLitigation",
    "Rule",
    "Severity",
    "Signature",
    "Unavailable",
    "UnrelatedReports",
    "ValidationError",
    "Withheld",
    "aggregate",
    "audit",
    "blank_report",
    "cells",
    "cells_csv",
    "check",
    "compare",
    "consolidate",
    "dump",
    "dumps",
    "load",
    "loads",
    "render_docx",
    "render_many",
    "schema",
    "update",
    "validate",
]
