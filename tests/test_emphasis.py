"""Emphasis in paragraphs: the markup, kept in JSON, printed bold, read back from every
source, and out of the way of every comparison of the words."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import docx
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo
from govinfo import Part, Report, emphasis
from govinfo.compare import compare
from govinfo.read import read_bytes
from govinfo.render import render_bytes

from .conftest import EXAMPLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_PIECES = st.lists(
    st.tuples(st.text(st.sampled_from(["一", "a", "*", "\\", " "]), max_size=5), st.booleans()),
    max_size=5,
)


def _joined(pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for text, strong in pieces:
        if not text:
            continue
        if out and out[-1][1] == strong:
            out[-1] = (out[-1][0] + text, strong)
        else:
            out.append((text, strong))
    return out


# -- the markup -------------------------------------------------------------------------------


@given(_PIECES)
def test_markup_gives_back_its_pieces_and_their_words(pieces: list[tuple[str, bool]]) -> None:
    written = emphasis.markup(pieces)
    assert list(emphasis.segments(written)) == _joined(pieces)
    assert emphasis.plain(written) == "".join(text for text, _ in pieces)


@given(st.text(st.sampled_from(["a", "*", "\\", "一"]), max_size=14))
def test_the_schema_pattern_accepts_exactly_what_the_loader_accepts(text: str) -> None:
    try:
        emphasis.segments(text)
        accepted = True
    except emphasis.MarkupError:
        accepted = False
    assert bool(re.search(emphasis.PATTERN, text)) == accepted


@given(st.text().filter(lambda t: "**" not in t and "\\*" not in t and "\\\\" not in t))
def test_text_without_markup_means_itself(text: str) -> None:
    assert emphasis.plain(text) == text
    assert emphasis.segments(text) == (((text, False),) if text else ())


@pytest.mark.parametrize(
    ("text", "position"),
    [("共有**3件", 2), ("a ** b", 2), ("**一是**二是**", 8), ("四个星号****", 4)],
)
def test_emphasis_not_ended_or_empty_is_an_error_naming_its_place(text: str, position: int) -> None:
    with pytest.raises(emphasis.MarkupError, match=rf"position {position + 1}\b") as caught:
        emphasis.segments(text)
    assert caught.value.position == position
    assert r"\*\*" in str(caught.value)  # says how to write asterisks


def test_literal_asterisks_and_backslashes() -> None:
    assert emphasis.plain(r"5*3，C:\x，\*\*，\\") == r"5*3，C:\x，**，" + "\\"
    assert emphasis.escape("**注**") == r"\*\*注\*\*"
    assert emphasis.plain(emphasis.escape("a\\**b")) == "a\\**b"


def test_the_model_refuses_a_paragraph_whose_emphasis_is_not_ended() -> None:
    with pytest.raises(ValueError, match=r"paragraphs\[1\]: “\*\*” at position 3"):
        Part(paragraphs=("好", "收到**3件"))
    with pytest.raises(ValueError, match=r"preamble\[0\]"):
        govinfo.blank_report("某县人民政府办公室", 2024).replace(preamble=("**",))
    assert Part(heading="**不是强调", paragraphs=("x",)).heading == "**不是强调"  # plain


def test_json_keeps_the_markup_and_the_schema_describes_it(seed_report: Report) -> None:
    document = json.loads(govinfo.dumps(seed_report))
    problems = document["problems"]
    assert any("**一是**" in p for part in problems for p in part["paragraphs"])
    assert govinfo.loads(json.dumps(document, ensure_ascii=False)) == seed_report
    validator = jsonschema.Draft202012Validator(govinfo.schema())
    assert validator.is_valid(document)
    document["problems"][0]["paragraphs"][0] = "一是**加强"
    assert not validator.is_valid(document)
    with pytest.raises(govinfo.LoadError, match=r"\$\.problems\[0\].*position 3"):
        govinfo.loads(json.dumps(document, ensure_ascii=False))


def test_the_bundled_example_has_its_bold_back(seed_report: Report) -> None:
    published = (EXAMPLES / "yulong-2023.txt").read_text(encoding="utf-8")
    marked = [p for part in seed_report.problems for p in part.paragraphs if "**" in p]
    assert len(marked) == 2
    for paragraph in marked:
        assert paragraph in published  # word for word, the emphasis as published
        assert [t for t, strong in emphasis.segments(paragraph) if strong] == [
            "一是",
            "二是",
            "三是",
        ]


# -- printed and read back --------------------------------------------------------------------


def _with(report: Report, paragraph: str) -> Report:
    return report.replace(problems=(Part(heading="（一）存在的主要问题", paragraphs=(paragraph,)),))


def test_word_prints_emphasis_bold_and_reads_it_back(full_report: Report) -> None:
    paragraph = r"具体体现在：**一是**制度建设有待加强；**二是**载体建设，5\*\*3。"
    report = _with(full_report, paragraph)
    data = render_bytes(report)
    document = docx.Document(io.BytesIO(data))
    runs = [
        (run.text, bool(run.bold))
        for p in document.paragraphs
        if "具体体现在" in p.text
        for run in p.runs
        if run.text
    ]
    assert runs == [
        ("具体体现在：", False),
        ("一是", True),
        ("制度建设有待加强；", False),
        ("二是", True),
        ("载体建设，5**3。", False),
    ]
    assert read_bytes(data, source="r.docx").report == report


def test_a_word_file_with_bold_runs_of_its_own_reads_as_emphasis(seed_report: Report) -> None:
    data = render_bytes(seed_report)
    # A Word user's document: no govinfo styles, emphasis as direct formatting (w:b).
    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        paragraph.style = document.styles["Normal"]
    buffer = io.BytesIO()
    document.save(buffer)
    read = read_bytes(buffer.getvalue(), source="office.docx").report
    assert [p for part in read.problems for p in part.paragraphs if "**" in p] == [
        p for part in seed_report.problems for p in part.paragraphs if "**" in p
    ]


def test_html_b_and_strong_read_as_emphasis_and_asterisks_as_asterisks() -> None:
    page = (
        "<html><body><p>某县人民政府2024年政府信息公开工作年度报告</p><p>一、总体情况</p>"
        "<p><strong>（一）主动公开。</strong>全年<b>一是</b>公开，<b>二是</b>  解读，"
        "注*与**号。</p><p>五、存在的主要问题及改进情况</p><p>无。</p></body></html>"
    )
    report = read_bytes(page.encode(), source="p.html").report
    (part,) = report.overview
    assert part.heading == "（一）主动公开。"  # a bold heading is a heading, not emphasis
    assert part.paragraphs == (r"全年**一是**公开，**二是** 解读，注*与\*\*号。",)


def test_text_and_markdown_read_double_asterisks_as_emphasis(seed_report: Report) -> None:
    text = (EXAMPLES / "yulong-2023.txt").read_text(encoding="utf-8")
    assert read_bytes(text.encode(), source="seed.md").report == seed_report
    note = "注：带**号的数字为估计数。"
    lone = text.replace("在今后的工作中", note + "\n在今后的工作中", 1)
    read = read_bytes(lone.encode(), source="seed.txt").report
    paragraphs = [p for part in read.problems for p in part.paragraphs]
    assert r"注：带\*\*号的数字为估计数。" in paragraphs  # an unpaired ** is two asterisks
    assert (
        govinfo.emphasis.plain(paragraphs[paragraphs.index(r"注：带\*\*号的数字为估计数。")])
        == note
    )


# -- out of the way of comparisons ------------------------------------------------------------


def test_the_text_table_check_reads_the_words_not_the_markup(seed_report: Report) -> None:
    def warned(sentence: str) -> list[object]:
        found = govinfo.check(seed_report.replace(problems=(Part(paragraphs=(sentence,)),)))
        return [f.actual for f in found if f.rule == "TEXT-TABLE"]

    assert warned("本年度共收到政府信息公开申请**3**件。") == [3]
    assert warned("本年度共收到政府信息公开申请**3件**。") == [3]
    assert warned("全年共办理行政复议案件**56**件。") == []


def test_diff_sees_a_change_of_emphasis(seed_report: Report) -> None:
    paragraphs = seed_report.problems[0].paragraphs
    plain = Part(
        heading=seed_report.problems[0].heading,
        paragraphs=tuple(emphasis.escape(emphasis.plain(p)) for p in paragraphs),
    )
    changed = seed_report.replace(problems=(plain, *seed_report.problems[1:]))
    result = compare(seed_report, changed)
    assert [t.field for t in result.text] == ["problems"]
    assert not result.cells


def test_the_rendered_document_holds_no_markup(seed_report: Report, tmp_path: Path) -> None:
    data = render_bytes(seed_report)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "**" not in xml
    assert xml.count("<w:b/>") == 6  # 一是 二是 三是, twice
