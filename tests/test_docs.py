"""The generated documentation pages are up to date with the code."""

from __future__ import annotations

import pytest

from govinfo._docgen import pages

from .conftest import ROOT


@pytest.mark.parametrize("name", sorted(pages()))
def test_generated_page_is_current(name: str) -> None:
    committed = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert committed == pages()[name], f"docs/{name} is stale: run python tools/gen_docs.py"


def test_the_rules_catalogue_lists_every_rule() -> None:
    from govinfo import RULES

    catalogue = pages()["rules.md"]
    for rule_id in RULES:
        assert f"| `{rule_id}` |" in catalogue
