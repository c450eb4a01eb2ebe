"""The corpus of published forms: every fixture read, each cell right or reported.

``tests/corpus/expected.json`` says, for each fixture made by ``tools/make_corpus.py`` from
the project's own documents, the report it was made from, the cells that may not be read
(they must be blank and reported), the text that comes back as it was, the checks' findings
and every diagnostic — or the error that refuses the whole file. Every other cell must equal
the report's: a number read wrong fails here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import govinfo
from govinfo.cells import cells
from govinfo.read import ReadError, read

from .conftest import ROOT

CORPUS = Path(__file__).resolve().parent / "corpus"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (CORPUS / "expected.json").read_text(encoding="utf-8")
)


def _needs_office(name: str) -> None:
    from govinfo._office import find_soffice

    if name.endswith((".doc", ".wps")) and find_soffice() is None:
        if os.environ.get("GOVINFO_REQUIRE_PDF"):
            pytest.fail("LibreOffice is required (GOVINFO_REQUIRE_PDF=1) and not installed")
        pytest.skip("LibreOffice is not installed")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_cell_is_read_right_or_reported(name: str) -> None:
    _needs_office(name)
    expected = EXPECTED[name]
    if "error" in expected:
        with pytest.raises(ReadError) as raised:
            read(CORPUS / name)
        assert str(raised.value) == f"{CORPUS / name}: {expected['error']}"
        return
    result = read(CORPUS / name)
    truth = govinfo.load(ROOT / expected["source"])
    assert result.format == expected["format"]
    truth_cells = {cell.spec.dotted: cell.value for cell in cells(truth)}
    unread = set(expected["unread"])
    for cell in cells(result.report):
        if cell.spec.dotted in unread:
            assert cell.value is None, cell.spec.place
            assert cell.spec.dotted in result.blanks, cell.spec.place
        else:
            assert cell.value == truth_cells[cell.spec.dotted], cell.spec.place
    if unread:
        assert result.errors, "cells left blank without an error saying so"
    for field in expected["text"]:
        assert getattr(result.report, field) == getattr(truth, field), field
    findings = sorted({f"{f.rule} {f.severity.value}" for f in govinfo.check(result.report)})
    assert findings == expected.get("findings", [])
    assert [[d.severity, d.where, d.message] for d in result.diagnostics] == expected["diagnostics"]


def test_the_corpus_holds_every_fixture_and_nothing_else() -> None:
    made = {p.name for p in CORPUS.iterdir() if p.suffix != ".json"}
    older = {"ambiguous.txt", "edition-2019.txt", "mixed-gb18030.html", "typos-blanks.txt"}
    assert made - older == set(EXPECTED)
