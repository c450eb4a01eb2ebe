"""The national format as typed, frozen attrs classes (the one definition of the format)."""

from ._fields import FieldInfo, Kind, field_info
from ._table import TableInfo
from .extra import ExtraRow, ExtraTable
from .proactive import (
    DecisionItems2019,
    DocumentCounts,
    DocumentCounts2019,
    FeeItems2019,
    Proactive,
    Proactive2019,
    Procurement2019,
)
from .report import Edition, Report, Section, Signature, blank_report, sections, update
from .requests import (
    ApplicantCounts,
    NotProcessed,
    OtherHandling,
    Outcomes,
    Requests,
    Unavailable,
    Withheld,
)
from .review import CaseOutcomes, ReviewLitigation
from .text import Part

__all__ = [
    "ApplicantCounts",
    "CaseOutcomes",
    "DecisionItems2019",
    "DocumentCounts",
    "DocumentCounts2019",
    "Edition",
    "ExtraRow",
    "ExtraTable",
    "FeeItems2019",
    "FieldInfo",
    "Kind",
    "NotProcessed",
    "OtherHandling",
    "Outcomes",
    "Part",
    "Proactive",
    "Proactive2019",
    "Procurement2019",
    "Report",
    "Requests",
    "ReviewLitigation",
    "Section",
    "Signature",
    "TableInfo",
    "Unavailable",
    "Withheld",
    "blank_report",
    "field_info",
    "sections",
    "update",
]
