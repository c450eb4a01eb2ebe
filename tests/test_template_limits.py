"""Custom templates within bounds: running time, output size and zip bombs end in a clear
error quickly; document type declarations and encodings other than UTF-8 are refused; a
template that leaves report text out is flagged; titles split in time linear in their length."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

import govinfo
from govinfo import LimitExceeded, Report
from govinfo.limits import DEFAULT, Limits, using
from govinfo.render import (
    RenderError,
    TemplateUnreadable,
    check_template,
    default_template_bytes,
    load_template,
    render_bytes,
)
from govinfo.render._context import TITLE_WIDTH, _width, title_lines

from . import docx_helpers as dx
from .conftest import EXAMPLES, run_cli


def _template(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "custom.docx"
    path.write_bytes(dx.template_with(old, new))
    return path


@pytest.fixture
def report() -> Report:
    return govinfo.load(EXAMPLES / "complete-2024.json")


@pytest.mark.parametrize(
    "expression",
    [
        "{{ 'x' * 10**9 }}",
        "{{ 10 ** (10 ** 8) }}",
        "{{ 'x'.center(10**9) }}",
        "{{ '%999999999d' % 1 }}",
        "{{ '{:>999999999}'.format(1) }}",
        "{{ ('x' * 10**7).replace('', 'yyyyyyy') }}",
        "{{ range(100000)|list|join('x' * 1000) }}",
        "{{ ('a\\n' * 10**6)|indent('x' * 1000) }}",
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
        "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",
    ],
)
def test_a_template_cannot_make_a_huge_value(
    tmp_path: Path, report: Report, expression: str
) -> None:
    template = _template(tmp_path, "一、总体情况", expression)
    with pytest.raises(LimitExceeded) as info:
        render_bytes(report, template=template)
    assert info.value.limit == "template_output_chars"
    assert str(info.value).startswith(f"{template}: word/document.xml: ")


@pytest.mark.parametrize(
    "expression",
    [
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "{% for i in range(100000) recursive %}{% if loop.depth &lt; 3 %}"
        "{{ loop(range(100000)) }}{% endif %}{% endfor %}",
    ],
)
def test_a_template_that_runs_away_stops_at_the_time_limit(
    tmp_path: Path, report: Report, expression: str
) -> None:
    template = _template(tmp_path, "一、总体情况", expression)
    with using(Limits(template_seconds=0.5)):
        with pytest.raises(LimitExceeded) as info:
            load_template(template)  # compiling renders a sample: it stops there
        assert info.value.limit == "template_seconds"
        with pytest.raises(LimitExceeded, match="template_seconds"):
            check_template(template)


def test_template_check_on_a_runaway_template_ends_with_exit_2(tmp_path: Path) -> None:
    template = _template(tmp_path, "一、总体情况", "{{ 'x' * 10**9 }}")
    result = run_cli("template", "--check", str(template))
    assert result.returncode == 2
    assert "over the limit of 67108864 (template_output_chars" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_template_that_is_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in dx.parts(default_template_bytes()).items():
            archive.writestr(name, data)
        archive.writestr("word/media/padding.bin", b"\0" * (DEFAULT.part_bytes + 1))
    assert bomb.stat().st_size < 4_000_000
    with pytest.raises(LimitExceeded, match="part_bytes"):
        load_template(bomb)
    result = run_cli("template", "--check", str(bomb))
    assert result.returncode == 2
    assert "word/media/padding.bin" in result.stderr


def test_a_document_type_declaration_is_refused_and_never_written(
    tmp_path: Path, report: Report
) -> None:
    declaration = '<!DOCTYPE w:document SYSTEM "file:///etc/passwd">'
    template = _template(tmp_path, 'standalone="yes"?>', f'standalone="yes"?>{declaration}')
    with pytest.raises(TemplateUnreadable, match="declares a document type"):
        load_template(template)
    with pytest.raises(RenderError, match="declares a document type"):
        render_bytes(report, template=template)
    result = run_cli("template", "--check", str(template))
    assert result.returncode == 2
    assert "declares a document type" in result.stderr
    assert "no problems found" not in result.stdout


@pytest.mark.parametrize("encoding", ["utf-16", "gb18030"])
def test_a_template_part_not_in_utf8_is_a_clear_error(
    tmp_path: Path, report: Report, encoding: str
) -> None:
    entries = dx.parts(default_template_bytes())
    text = entries["word/document.xml"].decode("utf-8")
    text = text.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"', 1)
    template = tmp_path / "encoded.docx"
    with zipfile.ZipFile(template, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, text.encode(encoding) if name == "word/document.xml" else data)
    with pytest.raises(RenderError, match=f"written in {encoding.upper()}, not in UTF-8"):
        render_bytes(report, template=template)
    result = run_cli("template", "--check", str(template))
    assert result.returncode == 2
    assert "save it again" in result.stderr


def test_a_template_that_leaves_out_report_text_is_flagged(tmp_path: Path, report: Report) -> None:
    template = _template(tmp_path, "{%p for text in preamble %}", "{%p for text in preamble[:0] %}")
    with pytest.raises(RenderError, match=r"leaves out the report's text: preamble\[0\]"):
        render_bytes(report, template=template)
    problems = [str(p) for p in check_template(template)]
    assert any("leaves out the report's text: preamble[0]" in p for p in problems)
    result = run_cli("template", "--check", str(template))
    assert result.returncode == 1
    assert "leaves out the report's text" in result.stdout


def test_a_long_title_splits_into_lines_that_fit() -> None:
    for title in ("某" * 100_000, "2024年" * 20_000, "a" + " " * 50_000 + "b年"):
        lines = title_lines(title, title[:10])
        assert all(_width(line) <= TITLE_WIDTH for line in lines if " " not in line.strip())
        assert "".join(lines) == "".join(title.split())


def test_the_largest_organ_name_a_report_holds_renders(report: Report) -> None:
    big = report.replace(organ="某" * DEFAULT.name_chars)
    assert dx.parts(render_bytes(big))  # rendered and verified
    with pytest.raises(LimitExceeded, match="name_chars"):
        report.replace(organ="某" * (DEFAULT.name_chars + 1))


def test_each_report_gets_the_time_limit_afresh(tmp_path: Path, report: Report) -> None:
    # A budget is per report: time spent between renders, or on earlier ones, never counts.
    template = load_template(_template(tmp_path, "一、总体情况", "一、总体情况{{ organ }}"))
    with using(Limits(template_seconds=0.3)):
        render_bytes(report, template=template)
        time.sleep(0.4)
        render_bytes(report, template=template)
