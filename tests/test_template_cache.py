"""Compiled templates kept between processes: the same document from a kept template as from
one compiled afresh, and never an error from the cache itself."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from govinfo import Report
from govinfo.render import _template, default_template_bytes, render_bytes
from govinfo.render._cache import cache_dir

from .conftest import EXAMPLES, run_cli


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv("GOVINFO_CACHE_DIR", str(folder))
    _forget()
    yield folder
    _forget()


def _forget() -> None:
    """Forget the templates this process compiled, as a new process would."""
    _template._CACHE.clear()
    _template._SHIPPED.clear()


def test_a_kept_template_renders_the_same_bytes(cache: Path, full_report: Report) -> None:
    fresh = render_bytes(full_report, draft=True)
    (entry,) = cache.glob("*.bin")
    _forget()
    kept = render_bytes(full_report, draft=True)
    assert kept == fresh
    assert list(cache.glob("*.bin")) == [entry]  # read, not written again


def test_a_damaged_entry_is_compiled_again(cache: Path, full_report: Report) -> None:
    fresh = render_bytes(full_report)
    (entry,) = cache.glob("*.bin")
    entry.write_bytes(entry.read_bytes()[:2000])
    _forget()
    assert render_bytes(full_report) == fresh
    entry.write_bytes(b"something else")
    _forget()
    assert render_bytes(full_report) == fresh


def test_a_folder_that_cannot_be_written_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full_report: Report
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("GOVINFO_CACHE_DIR", str(blocker / "cache"))
    _forget()
    assert render_bytes(full_report).startswith(b"PK")
    _forget()


def test_each_template_has_its_own_entry(cache: Path, full_report: Report, tmp_path: Path) -> None:
    render_bytes(full_report)
    custom = tmp_path / "custom.docx"
    # A custom template: the shipped one's bytes, but verified by its labels, not positions.
    custom.write_bytes(default_template_bytes())
    render_bytes(full_report, template=custom)
    assert len(list(cache.glob("*.bin"))) == 2


def test_the_folder_and_an_empty_setting_that_turns_the_cache_off(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, full_report: Report
) -> None:
    monkeypatch.delenv("GOVINFO_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert cache_dir() == tmp_path / "govinfo"
    monkeypatch.setenv("GOVINFO_CACHE_DIR", "")
    assert cache_dir() is None
    _forget()
    render_bytes(full_report)
    assert not (tmp_path / "govinfo").exists()
    _forget()


def test_a_second_process_renders_from_the_kept_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOVINFO_CACHE_DIR", str(tmp_path / "cache"))
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    assert run_cli("render", str(EXAMPLES / "yulong-2023.json"), "-o", str(first)).returncode == 0
    (entry,) = (tmp_path / "cache").glob("*.bin")
    written = entry.stat().st_mtime_ns
    assert run_cli("render", str(EXAMPLES / "yulong-2023.json"), "-o", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    assert entry.stat().st_mtime_ns == written
