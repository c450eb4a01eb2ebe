"""The documentation pages: the generated ones are up to date with the code, and the overview
links every page."""

from __future__ import annotations

import re

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


def test_the_overview_links_every_page() -> None:
    overview = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    pages = overview.split("## The pages", 1)[1].split("\n## ", 1)[0]
    linked = set(re.findall(r"^- \[[^]]+\]\(([^)#]+)\)", pages, flags=re.MULTILINE))
    on_disk = {p.name for p in (ROOT / "docs").iterdir() if p.name != "index.md"}
    assert linked == on_disk
