"""Auditing a region's published reports: completeness, errors, year over year, a page.

:func:`audit` reads and checks every report it is given — files, folders, globs, in any
format govinfo reads — in parallel, pairs consecutive years of each organ for the
year-over-year checks and the repeated text, and, with a units list, finds the reports not
published and compares each parent with the sum of its units. :func:`write_outputs` writes
``summary.csv``, ``findings.csv``, ``findings.jsonl`` and ``index.html``. The audit is a
consumer of the library: it calls :func:`govinfo.read`, :func:`govinfo.check`,
:func:`govinfo.compare` and :func:`govinfo.aggregate`; what it adds is the pairing, the
completeness, the repetition, the figures, the fingerprints and the page.
"""

from __future__ import annotations

from ..units import UnitEntry, UnitsError, read_units
from ._figures import FIGURES, Figure, FigureValue, figures
from ._inputs import REPORT_SUFFIXES, find_reports, read_reviewed
from ._model import (
    RULES,
    Audit,
    AuditedReport,
    AuditError,
    AuditFinding,
    Decision,
    MergedName,
    Status,
)
from ._names import SUFFIX_VARIANTS, organ_key
from ._repeat import MIN_CHARS, SHINGLE, repeated_share, section_text
from ._run import audit
from ._write import write_outputs

__all__ = [
    "FIGURES",
    "MIN_CHARS",
    "REPORT_SUFFIXES",
    "RULES",
    "SHINGLE",
    "SUFFIX_VARIANTS",
    "Audit",
    "AuditError",
    "AuditFinding",
    "AuditedReport",
    "Decision",
    "Figure",
    "FigureValue",
    "MergedName",
    "Status",
    "UnitEntry",
    "UnitsError",
    "audit",
    "figures",
    "find_reports",
    "organ_key",
    "read_reviewed",
    "read_units",
    "repeated_share",
    "section_text",
    "write_outputs",
]
