"""govinfo: the annual report on government information disclosure (政府信息公开工作年度报告).

The national format as typed, frozen classes; every arithmetic relation of its tables as
checks; JSON in and out. Typical use::

    import govinfo

    report = govinfo.load("report.json")
    for finding in govinfo.check(report):
        print(finding.severity.value, finding.message)
"""

from .cells import Cell, CellSpec, cells, cells_csv
from .checks import (
    RULES,
    Finding,
    Rule,
    Severity,
    UnrelatedReports,
    ValidationError,
    check,
    validate,
)
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

__all__ = [
    "RULES",
    "ApplicantCounts",
    "CaseOutcomes",
    "Cell",
    "CellSpec",
    "DocumentCounts",
    "Edition",
    "ExtraRow",
    "ExtraTable",
    "Finding",
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
    "blank_report",
    "cells",
    "cells_csv",
    "check",
    "dump",
    "dumps",
    "load",
    "loads",
    "schema",
    "update",
    "validate",
]
