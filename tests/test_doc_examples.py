"""Every example of the README and docs/ runs as written.

The ``govinfo`` commands of each page's shell blocks run in order, in a folder holding the
files they name (made from the bundled examples), through a shell as a user types them: none
may fail (exit 2), end in an internal error (70) or print a traceback. The Python blocks run
as written too. Where a page states an output, the test holds the command to it.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl.cell.cell import Cell

import govinfo
from govinfo.read import read
from govinfo.render._pdf import find_soffice

from .conftest import EXAMPLES, ROOT
from .xlsx_helpers import open_book, save_book

CORPUS = ROOT / "tests" / "corpus"
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
_COMMENT = re.compile(r"\s{2,}#.*$")


def blocks(page: str, language: str) -> list[str]:
    """The fenced code blocks of ``language`` in ``page`` (a path from the repository's root)."""
    text = (ROOT / page).read_text(encoding="utf-8")
    return [body for lang, body in _FENCE.findall(text) if lang == language]


def commands(page: str) -> list[str]:
    """The ``govinfo`` command lines of ``page``'s shell blocks, in order, comments removed."""
    return [
        _COMMENT.sub("", line).strip()
        for body in blocks(page, "sh")
        for line in body.splitlines()
        if line.startswith("govinfo ")
    ]


def _dump(report: govinfo.Report, path: Path) -> None:
    govinfo.dump(report, path)


def workspace(root: Path) -> Path:
    """A folder holding every file the pages' examples name, made from the bundled examples."""
    audit = EXAMPLES / "audit"
    shutil.copytree(audit, root / "reports")
    shutil.copytree(audit, root / "examples" / "audit")
    shutil.copy(audit / "units.csv", root / "units.csv")
    (root / "reviewed.csv").write_text("fingerprint,decision,note\n", encoding="utf-8")
    # One organ's two consecutive years, and three units of one district for one year.
    nanhu_2023 = read(audit / "2023" / "南湖镇.txt").report
    _dump(nanhu_2023, root / "2023.json")
    shutil.copy(audit / "2024" / "南湖镇.json", root / "2024.json")
    shutil.copy(root / "2023.json", root / "old.json")
    shutil.copy(root / "2024.json", root / "new.json")
    shutil.copy(audit / "2023" / "北山乡.json", root / "street-1.json")
    _dump(nanhu_2023, root / "street-2.json")
    _dump(read(audit / "2023" / "东城街道.docx").report, root / "street-3.json")
    _dump(govinfo.blank_report("示例区人民政府", 2023), root / "district-text.json")
    for name, example in (("a", "yulong-2023"), ("b", "complete-2024")):
        shutil.copy(EXAMPLES / f"{example}.json", root / f"{name}.json")
    shutil.copy(audit / "2023" / "北山乡.json", root / "c.json")
    shutil.copy(audit / "2023" / "北山乡.json", root / "more.json")
    # Published forms: a PDF exported from Word, a page saved from a portal, a text copy.
    shutil.copy(CORPUS / "pdf-docx.pdf", root / "published.pdf")
    shutil.copy(CORPUS / "pdf-docx.pdf", root / "report.pdf")
    shutil.copy(CORPUS / "word-export.html", root / "https-page-saved.html")
    shutil.copy(EXAMPLES / "yulong-2023.txt", root / "report.txt")
    return root


def run(line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``line`` through bash (globs, quotes, redirections), ``govinfo`` being this Python's."""
    script = f'govinfo() {{ "{sys.executable}" -m govinfo "$@"; }}\n{line}\n'
    env = {**os.environ, "GOVINFO_CACHE_DIR": ""}
    return subprocess.run(
        ["bash", "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
        timeout=300,
    )


def run_all(
    page: str, cwd: Path, before: dict[str, Callable[[], None]] | None = None
) -> dict[str, subprocess.CompletedProcess[str]]:
    """Run ``page``'s commands in ``cwd``, each after its ``before`` step if it has one."""
    results = {}
    for line in commands(page):
        if before and line in before:
            before[line]()
        result = run(line, cwd)
        problem = f"{page}: `{line}` exited {result.returncode}:\n{result.stderr}"
        assert result.returncode in (0, 1), problem
        assert "Traceback" not in result.stderr, problem
        results[line] = result
    return results


def _shown(line: str) -> bool:
    """A line of a file's content shown in a shell block (``#   organ,parent``)."""
    return line.startswith("#   ")


def fill_forms(folder: Path) -> None:
    """Fill every empty input cell (unlocked) of the forms in ``folder`` as a unit would."""
    for path in folder.glob("*.xlsx"):
        book = open_book(path.read_bytes())
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell, Cell) and not cell.protection.locked and cell.value is None:
                        cell.value = 0
        path.write_bytes(save_book(book))


needs_soffice = pytest.mark.skipif(
    find_soffice() is None and os.environ.get("GOVINFO_REQUIRE_PDF") != "1",
    reason="LibreOffice is not installed (render --pdf)",
)


@needs_soffice
def test_the_readme_commands_run_as_written(tmp_path: Path) -> None:
    lines = commands("README.md")
    used = {line.split()[1] for line in lines}
    # "Using it" shows every command of the tool.
    from govinfo.cli import _parser

    subcommands = next(
        action.choices
        for action in _parser()._actions
        if getattr(action, "choices", None) and "check" in action.choices
    )
    assert used == set(subcommands)
    results = run_all("README.md", workspace(tmp_path))
    assert (tmp_path / "report.pdf").stat().st_size > 0
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"a.docx", "b.docx", "c.docx"}
    assert len(list((tmp_path / "forms").glob("*.xlsx"))) == 5
    check = results["govinfo check report.json"]
    assert check.returncode == 0
    assert "未发现问题" not in check.stdout
    assert results["govinfo check --strict report.json"].returncode == 1


@pytest.mark.parametrize(
    "page", ["docs/quickstart.md", "docs/read.md", "docs/variants.md", "docs/xlsx.md"]
)
def test_the_commands_of_a_page_run_as_written(tmp_path: Path, page: str) -> None:
    root = workspace(tmp_path)
    if page == "docs/xlsx.md":
        # The units list the page shows (`cat units.csv`).
        shown = next(body for body in blocks(page, "sh") if "cat units.csv" in body)
        after = shown.partition("cat units.csv\n")[2].splitlines()
        lines = [line.lstrip("#").strip() for line in itertools.takewhile(_shown, after)]
        assert lines[0] == "organ,parent,level"
        (root / "units.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (root / "district-text.json").unlink()  # the page makes it
    # 3. The units fill in their forms (every input cell; 0 where nothing happened).
    filled = "govinfo read forms/西街道办事处.xlsx -o west.json"
    run_all(page, root, before={filled: lambda: fill_forms(root / "forms")})
    if page == "docs/xlsx.md":
        assert (root / "district.docx").exists()
        assert (root / "district.xlsx").exists()


def test_the_audit_page_examples_run_as_written(tmp_path: Path) -> None:
    results = run_all("docs/audit.md", workspace(tmp_path))
    worked = results["govinfo audit examples/audit --units examples/audit/units.csv -o audit"]
    assert worked.returncode == 1  # "The exit code is 1 (errors found)."
    (summary,) = (body for body in blocks("docs/audit.md", "") if body.startswith("audited "))
    assert worked.stderr.splitlines()[-1] == summary.strip()
    with (tmp_path / "audit" / "findings.csv").open(encoding="utf-8-sig") as file:
        rules = {row["rule"] for row in csv.DictReader(file)}
    assert rules == {
        "CONSOLIDATION",
        "YOY-CARRY",
        "S3-ROW-TOTAL",
        "S3-BALANCE",
        "REPEAT-TEXT",
        "READ-FAILED",
        "AUDIT-MISSING",
    }


@pytest.mark.parametrize(
    ("page", "index"),
    [
        ("README.md", 0),
        ("docs/quickstart.md", 0),
        ("docs/quickstart.md", 1),
        ("docs/audit.md", 0),
        ("docs/word.md", 0),
    ],
)
def test_the_python_examples_run_as_written(
    tmp_path: Path, page: str, index: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = workspace(tmp_path)
    govinfo.dump(govinfo.blank_report("某县人民政府办公室", 2025), root / "report.json")
    monkeypatch.chdir(root)
    code = blocks(page, "python")[index]
    # The grid's example goes on from a report in hand.
    namespace = {"report": govinfo.load(EXAMPLES / "complete-2024.json")}
    exec(compile(code, f"{page}[python {index}]", "exec"), namespace)
    if page == "docs/audit.md":
        assert {p.name for p in (root / "audit").iterdir()} == {
            "summary.csv",
            "findings.csv",
            "findings.jsonl",
            "index.html",
        }


@pytest.mark.parametrize("command", ["check", "read", "cells"])
def test_the_help_names_every_format_read(command: str) -> None:
    result = run(f"govinfo {command} --help", ROOT)
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    for suffix in (".pdf", ".docx", ".doc", ".wps", ".html", ".md", ".xlsx"):
        assert suffix in text, suffix


def test_the_json_page_shows_the_errors_load_gives(tmp_path: Path) -> None:
    # The page's example: a year as a string, a negative count, a misspelt key.
    doc = json.loads((EXAMPLES / "yulong-2023.json").read_text(encoding="utf-8"))
    doc["year"] = "2024"
    received = doc["requests"]["received"]
    received["natural_person"] = -3
    received["research_instituton"] = received.pop("research_institution")
    (tmp_path / "report.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (shown,) = (b for b in blocks("docs/json.md", "") if b.startswith("report.json: "))
    with pytest.raises(govinfo.LoadError) as caught:
        govinfo.loads((tmp_path / "report.json").read_bytes(), source="report.json")
    assert str(caught.value) == shown.rstrip("\n")


def _anchors(text: str) -> set[str]:
    """The anchors of a page's headings, as GitHub makes them."""
    headings = re.findall(r"^#+ (.*)$", text, flags=re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


@pytest.mark.parametrize(
    "page", ["README.md", *sorted(f"docs/{p.name}" for p in (ROOT / "docs").glob("*.md"))]
)
def test_every_link_of_a_page_leads_somewhere(page: str) -> None:
    source = ROOT / page
    for target in re.findall(r"\]\(([^)]+)\)", source.read_text(encoding="utf-8")):
        if target.startswith(("http://", "https://")):
            continue
        path, _, fragment = target.partition("#")
        linked = source.parent / path if path else source
        assert linked.exists(), f"{page}: {target}"
        if fragment and linked.suffix == ".md":
            assert fragment in _anchors(linked.read_text(encoding="utf-8")), f"{page}: {target}"


def test_the_help_gives_every_exit_code_of_the_errors_page() -> None:
    from govinfo.cli import EXIT_CODES

    result = run("govinfo --help", ROOT)
    text = " ".join(result.stdout.split())
    assert "exit status:" in text
    for code in EXIT_CODES:
        assert re.search(rf"\b{code} ", text.partition("exit status:")[2]), code
