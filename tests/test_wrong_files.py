"""Every command given the wrong file: an output where an input belongs, a finished document
where a template belongs, a file of another kind. One line naming the file and the problem, a
documented exit code, nothing written that says something wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

import govinfo
from govinfo.render import RenderError, render_bytes, render_docx

from .conftest import EXAMPLES, run_cli


def test_a_finished_document_given_as_a_template_prints_nothing_of_another_report(
    tmp_path: Path, seed_report: govinfo.Report, full_report: govinfo.Report
) -> None:
    # A rendered document has no tags: as a template it would print its own numbers and
    # text whatever the report. It is verified like any template, and so refused.
    finished = tmp_path / "yulong.docx"
    finished.write_bytes(render_bytes(seed_report))
    with pytest.raises(RenderError, match="verification failed: 表二"):
        render_docx(full_report, tmp_path / "other.docx", finished)
    assert not (tmp_path / "other.docx").exists()
    result = run_cli(
        "render",
        str(EXAMPLES / "complete-2024.json"),
        "-o",
        str(tmp_path / "other.docx"),
        "--template",
        str(finished),
    )
    assert result.returncode == 2
    assert result.stderr.startswith("govinfo: verification failed: ")
    assert not (tmp_path / "other.docx").exists()


def test_template_check_of_a_finished_document_lists_its_problems(
    tmp_path: Path, seed_report: govinfo.Report
) -> None:
    finished = tmp_path / "yulong.docx"
    finished.write_bytes(render_bytes(seed_report))
    result = run_cli("template", "--check", str(finished))
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr
    assert ": error: rendering a sample report failed: " in result.stdout
    assert "is not printed in a table cell of its own" in result.stdout
