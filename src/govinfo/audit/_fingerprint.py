"""Fingerprints: a finding's identity across runs, from what it is about, never its wording.

A fingerprint is the first 16 hex digits of the SHA-256 of a JSON array of the finding's
data: a version, the organ's key (its name with width, spaces and suffix variants set
aside), the year, the rule, the cell's JSON path, the cells of the relation, the row and
column labels, and the expected and actual values. Not the message (its wording may
improve), not the severity, not the file's name or place (files move): the same finding on
the same report keeps its fingerprint across runs and machines; a finding whose numbers
change is a new one. A read diagnostic has no data but its text, so its place and message
are used; a file that cannot be read at all is known by its path. Two findings of one report
with the same data get ``-2``, ``-3``… in the order found.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any, Final

from ..cells import format_value
from ..checks import Finding

__all__ = ["VERSION", "fingerprint", "of_finding", "unique"]

VERSION: Final = "1"


def fingerprint(*data: Any) -> str:
    text = json.dumps([VERSION, *data], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def of_finding(key: str, year: int | None, finding: Finding) -> str:
    return fingerprint(
        key,
        year,
        finding.rule,
        finding.path,
        list(finding.cells),
        list(finding.row),
        list(finding.column),
        format_value(finding.expected),
        format_value(finding.actual),
    )


def unique(fingerprints: Sequence[str]) -> list[str]:
    """``fingerprints`` with repeats numbered (``…-2``, ``…-3``) in order."""
    seen: dict[str, int] = {}
    result = []
    for fp in fingerprints:
        seen[fp] = seen.get(fp, 0) + 1
        result.append(fp if seen[fp] == 1 else f"{fp}-{seen[fp]}")
    return result
