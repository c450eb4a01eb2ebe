"""The command never loses a file and never shows a traceback: outputs that would replace an
input are refused, interrupts exit 130 and leave no temporary file, a bug is one line (70)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import govinfo
from govinfo import cli
from govinfo._io import remove_stale
from govinfo.render import render_bytes

from .conftest import EXAMPLES, interruptible, run_cli

YULONG = EXAMPLES / "yulong-2023.json"


def _tmp_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


# -- exit codes -------------------------------------------------------------------------------


def test_an_internal_error_is_one_line_with_its_own_exit_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(_args: object) -> int:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "_cmd_schema", broken)
    assert cli.main(["schema"]) == cli.EXIT_INTERNAL == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "internal error: ZeroDivisionError: division by zero" in err
    assert "--debug" in err
    assert "Traceback" not in err

    assert cli.main(["schema", "--debug"]) == 70  # --debug after the command, too
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert "ZeroDivisionError" in err
    assert cli.main(["--debug", "schema"]) == 70
    assert "Traceback" in capsys.readouterr().err


def test_ctrl_c_exits_130_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_cmd_schema", interrupted)
    assert cli.main(["schema"]) == cli.EXIT_INTERRUPTED == 130
    err = capsys.readouterr().err
    assert err == "govinfo: interrupted\n"


def test_a_limit_or_an_unreadable_file_exits_2(tmp_path: Path) -> None:
    missing = run_cli("diff", str(tmp_path / "nope.json"), str(YULONG))
    assert missing.returncode == 2
    assert "cannot read the file" in missing.stderr
    assert "Traceback" not in missing.stderr


# -- interrupts and temporary files -----------------------------------------------------------

_KILL_WHILE_WRITING = """
import os, signal, sys
real_fsync = os.fsync
def fsync(fd):
    os.kill(os.getpid(), signal.{signal})  # the temporary file exists, the target not yet
    real_fsync(fd)
os.fsync = fsync
from govinfo.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _run_killed(signal: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _KILL_WHILE_WRITING.format(signal=signal), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        preexec_fn=interruptible,
    )


@pytest.mark.parametrize("signal", ["SIGTERM", "SIGINT"])
def test_an_interrupted_batch_exits_130_and_leaves_no_temporary_file(
    tmp_path: Path, signal: str
) -> None:
    out = tmp_path / "out"
    result = _run_killed(signal, "render", str(YULONG), "-d", str(out))
    assert result.returncode == 130, result.stderr
    assert result.stderr == (
        f"govinfo: interrupted after 0 of 1 report(s); the documents written into {out} are "
        "complete\n"
    )
    assert _tmp_files(out) == []
    assert not (out / "yulong-2023.docx").exists()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_the_next_run_removes_what_a_killed_run_left(tmp_path: Path) -> None:
    target = tmp_path / "r.docx"
    killed = _run_killed("SIGKILL", "render", str(YULONG), "-o", str(target))
    assert killed.returncode == -9
    (left,) = _tmp_files(tmp_path)  # SIGKILL runs no code: the file stays
    assert left.startswith(".r.docx.")

    # Files that are not ours, or whose process still runs, are never touched.
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        running = tmp_path / f".r.docx.{sleeper.pid}.0123456789ab.tmp"
        running.write_bytes(b"being written")
        foreign = tmp_path / ".r.docx.notours.tmp"
        foreign.write_bytes(b"x")
        other = tmp_path / ".other.docx.1.0123456789ab.tmp"
        other.write_bytes(b"x")
        result = run_cli("render", str(YULONG), "-o", str(target))
        assert result.returncode == 0, result.stderr
        assert _tmp_files(tmp_path) == sorted([running.name, foreign.name, other.name])
        assert target.exists()
    finally:
        sleeper.kill()
        sleeper.wait()
    assert remove_stale(target) == [running]  # its writer is gone now


# -- outputs never replace inputs -------------------------------------------------------------


def _assert_refused(result: subprocess.CompletedProcess[str], path: Path, before: bytes) -> None:
    assert result.returncode == 2, result.stderr
    assert "writing it would destroy the input" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_read_cells_aggregate_and_new_refuse_to_write_over_an_input(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    shutil.copy(YULONG, report)
    before = report.read_bytes()
    _assert_refused(run_cli("cells", str(report), "-o", str(report)), report, before)
    _assert_refused(run_cli("read", str(report), "-o", str(report)), report, before)
    _assert_refused(
        run_cli("aggregate", str(report), "--organ", "某区", "-o", str(report)), report, before
    )
    text = tmp_path / "text.json"
    shutil.copy(YULONG, text)
    _assert_refused(
        run_cli("aggregate", str(report), "--text", str(text), "-o", str(text)),
        text,
        text.read_bytes(),
    )
    _assert_refused(
        run_cli("template", "--export", str(report), "--like", str(report), "--force"),
        report,
        before,
    )


def test_a_published_file_is_not_replaced_by_its_reading(tmp_path: Path) -> None:
    docx = tmp_path / "published.docx"
    docx.write_bytes(render_bytes(govinfo.load(YULONG)))
    before = docx.read_bytes()
    _assert_refused(run_cli("read", str(docx), "-o", str(docx)), docx, before)


@pytest.mark.skipif(os.name != "posix", reason="symbolic and hard links")
def test_links_to_an_input_are_the_input(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    shutil.copy(YULONG, report)
    before = report.read_bytes()
    symlink = tmp_path / "link.csv"
    symlink.symlink_to(report)
    hardlink = tmp_path / "hard.csv"
    os.link(report, hardlink)
    for output in (symlink, hardlink):
        _assert_refused(run_cli("cells", str(report), "-o", str(output)), report, before)
        _assert_refused(run_cli("render", str(report), "-o", str(output)), report, before)


def test_a_batch_never_writes_over_a_report_it_renders(tmp_path: Path) -> None:
    # A JSON report named .docx, rendered into its own directory, would be its own output.
    report = tmp_path / "rep.docx"
    shutil.copy(YULONG, report)
    other = tmp_path / "other.json"
    shutil.copy(EXAMPLES / "complete-2024.json", other)
    before = report.read_bytes()
    result = run_cli("render", str(report), str(other), "-d", str(tmp_path))
    assert result.returncode == 2, result.stderr
    assert "writing it would destroy the input" in result.stderr
    assert report.read_bytes() == before
    assert (tmp_path / "other.docx").exists()  # the rest of the batch goes on


def test_render_to_a_pdf_name_is_refused(tmp_path: Path) -> None:
    result = run_cli("render", str(YULONG), "-o", str(tmp_path / "x.pdf"))
    assert result.returncode == 2
    assert "-o names the Word file (.docx)" in result.stderr
    assert list(tmp_path.iterdir()) == []


# -- what a file is, whatever its name --------------------------------------------------------


def test_a_json_report_without_the_json_suffix_is_read_as_json(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    shutil.copy(YULONG, report)
    result = run_cli("check", str(report))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "read as" not in result.stdout  # loaded, not read as a published text
    cells = run_cli("cells", str(report))
    assert cells.stdout == run_cli("cells", str(YULONG)).stdout


def test_a_word_document_where_json_belongs_says_so(tmp_path: Path) -> None:
    docx = tmp_path / "published.docx"
    docx.write_bytes(render_bytes(govinfo.load(YULONG)))
    result = run_cli("render", str(docx), "-o", "x.docx", cwd=tmp_path)
    assert result.returncode == 2
    assert "not a JSON report but a zip archive (a Word document or a workbook?)" in result.stderr
    assert "govinfo read" in result.stderr
    assert "UTF-8" not in result.stderr
    # diff, like check and cells, reads a published report as it reads a JSON one.
    same = run_cli("diff", str(docx), str(YULONG), cwd=tmp_path)
    assert (same.returncode, same.stdout.strip()) == (0, "两份报告没有差别。")


def test_template_check_on_a_file_that_is_no_template_exits_2(tmp_path: Path) -> None:
    missing = run_cli("template", "--check", str(tmp_path / "missing.docx"))
    assert missing.returncode == 2
    assert "cannot read the template" in missing.stderr
    bogus = tmp_path / "bogus.docx"
    bogus.write_text("not a zip", encoding="utf-8")
    result = run_cli("template", "--check", str(bogus))
    assert result.returncode == 2
    assert "not a Word document" in result.stderr
