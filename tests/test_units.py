"""The units list: one CSV format for every command that works on an office's units."""

from __future__ import annotations

from pathlib import Path

import pytest

from govinfo.errors import GovinfoError
from govinfo.limits import Limits, using
from govinfo.units import UnitEntry, UnitsError, parse_units, read_units


def test_columns_by_english_or_chinese_names_in_any_order() -> None:
    text = "级别,名称,上级,备注\n街道,某街道办事处,某区人民政府,x\n,某区教育局,,\n"
    assert parse_units(text) == (
        UnitEntry("某街道办事处", "某区人民政府", "街道"),
        UnitEntry("某区教育局", None, ""),
    )


def test_empty_lines_skipped_and_cells_trimmed() -> None:
    assert parse_units("organ\n\n  某局 \n,\n") == (UnitEntry("某局"),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("name,parent\n某局,\n", "no organ column"),
        ("organ\n某局\n某 局\n", "line 3: 某 局 is already listed on line 2"),
        ("organ,parent\n某局,某局\n", "its own parent"),
        ("organ,parent\n,某区\n", "line 2: the organ is empty"),
        ("organ\n", "lists no organ"),
    ],
)
def test_unusable_lists_are_refused_with_their_line(text: str, message: str) -> None:
    with pytest.raises(UnitsError, match=message) as caught:
        parse_units(text, where="units.csv")
    assert isinstance(caught.value, GovinfoError)
    assert str(caught.value).startswith("units.csv")


def test_files_in_utf8_with_bom_or_gb18030(tmp_path: Path) -> None:
    for encoding in ("utf-8-sig", "gb18030"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes("单位,上级\n某街道,某区\n".encode(encoding))
        assert read_units(path) == (UnitEntry("某街道", "某区"),)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"organ\n\xff\xfe\xfa\n")
    with pytest.raises(UnitsError, match="not text"):
        read_units(bad)
    with pytest.raises(UnitsError, match="cannot read"):
        read_units(tmp_path / "missing.csv")


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text("organ\n" + "某局\n" * 10, encoding="utf-8")
    with using(Limits(units_list_bytes=20)), pytest.raises(GovinfoError, match="units_list_bytes"):
        read_units(path)


def test_documented_example() -> None:
    import doctest

    import govinfo.units

    assert doctest.testmod(govinfo.units).failed == 0
