"""Atomic writes: complete or absent, never through a device, never a half-written file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from govinfo._io import atomic_write


def test_a_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    atomic_write(target, b"data")
    assert target.read_bytes() == b"data"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in tmp_path.iterdir()] == ["new.json"]


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "old.json"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_symbolic_link_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_something_that_is_not_a_regular_file_is_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        atomic_write(fifo, b"x")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    with pytest.raises(OSError, match="not a regular file"):
        atomic_write(tmp_path, b"x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_no_overwrite_refuses_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    target.write_bytes(b"mine")
    with pytest.raises(FileExistsError):
        atomic_write(target, b"theirs", overwrite=False)
    assert target.read_bytes() == b"mine"
    assert [p.name for p in tmp_path.iterdir()] == ["mine.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "keep.json"
    target.write_bytes(b"keep")

    def broken_replace(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, b"lost")
    assert target.read_bytes() == b"keep"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.json"]


def test_atomic_write_takes_chunks(tmp_path: Path) -> None:
    target = tmp_path / "big.txt"
    atomic_write(target, (f"{i}\n".encode() for i in range(1000)))
    assert target.read_text().splitlines() == [str(i) for i in range(1000)]

    def failing() -> Iterator[bytes]:
        yield b"half"
        raise RuntimeError("the producer failed")

    with pytest.raises(RuntimeError):
        atomic_write(target, failing())
    assert target.read_text().splitlines()[-1] == "999"  # the file before is untouched
    assert [p.name for p in tmp_path.iterdir()] == ["big.txt"]  # no temporary file left
