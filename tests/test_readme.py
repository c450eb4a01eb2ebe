"""The README's quick start stays true: two commands, the second being what CI runs."""

from __future__ import annotations

import re

from .conftest import ROOT


def _quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_the_quick_start_is_two_commands() -> None:
    first, second = _quick_start_commands()
    assert "examples/" in first
    assert "pytest" in second


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _quick_start_commands()[1] in ci.splitlines()


def test_the_quick_start_example_exists() -> None:
    first = _quick_start_commands()[0]
    example = re.search(r"(examples/\S+)", first)
    assert example is not None
    assert (ROOT / example.group(1)).is_file()
