"""The national format as typed, frozen attrs classes (the one definition of the format)."""

from ._fields import FieldInfo, Kind, field_info
from ._table import TableInfo
from .proactive import DocumentCounts, Proactive
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
    "DocumentCounts",
    "Edition",
    "FieldInfo",
    "Kind",
    "NotProcessed",
    "OtherHandling",
    "Outcomes",
    "Part",
    "Proactive",
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
