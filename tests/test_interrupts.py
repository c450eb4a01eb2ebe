"""Outputs that belong together are replaced together: an interrupt or a failure while they
are made leaves every old file as it was, and no temporary file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from govinfo._io import atomic_write_all
from govinfo.audit import audit, write_outputs

from .conftest import EXAMPLES


def _interrupted() -> Iterator[bytes]:
    yield b"half"
    raise KeyboardInterrupt


def test_files_written_together_are_all_old_or_all_new(tmp_path: Path) -> None:
    names = [tmp_path / n for n in ("a.csv", "b.csv", "c.html")]
    for path in names:
        path.write_bytes(b"old " + path.name.encode())
    with pytest.raises(KeyboardInterrupt):
        atomic_write_all([(names[0], b"new"), (names[1], b"new"), (names[2], _interrupted())])
    assert [p.read_bytes() for p in names] == [b"old a.csv", b"old b.csv", b"old c.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv", "c.html"]
    atomic_write_all([(p, b"new") for p in names])
    assert [p.read_bytes() for p in names] == [b"new"] * 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv", "c.html"]


def test_a_failure_names_the_file_not_its_temporary_file(tmp_path: Path) -> None:
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(IsADirectoryError) as caught:
        atomic_write_all([(tmp_path / "ok.csv", b"x"), (tmp_path / "dir.csv", b"y")])
    assert caught.value.filename == str(tmp_path / "dir.csv")
    assert not (tmp_path / "ok.csv").exists()


def test_an_audit_interrupted_while_writing_its_page_keeps_the_last_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "audit"
    result = audit([EXAMPLES / "audit"], units=EXAMPLES / "audit" / "units.csv", jobs=1)
    write_outputs(result, out, charts=False)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(before) == {"summary.csv", "findings.csv", "findings.jsonl", "index.html"}

    from govinfo.audit import _page

    def interrupted_page(*_args: object, **_kwargs: object) -> Iterator[str]:
        yield "<!DOCTYPE html>"
        raise KeyboardInterrupt

    monkeypatch.setattr(_page, "page", interrupted_page)
    again = audit([EXAMPLES / "audit" / "2023"], jobs=1)  # another run, other tables
    with pytest.raises(KeyboardInterrupt):
        write_outputs(again, out, charts=False)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
