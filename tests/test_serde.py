"""JSON in and out: exact round trips, strict loading with precise errors, the JSON Schema."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given

import govinfo
from govinfo import LoadError, Report, dumps, load, loads, schema
from govinfo.serde import to_dict
from govinfo.strategies import reports

from .conftest import EXAMPLE_REPORTS

VALIDATOR = jsonschema.Draft202012Validator(
    schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def _doc(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(dumps(report))
    return data


def _problems(text: str) -> list[str]:
    with pytest.raises(LoadError) as info:
        loads(text)
    return [str(p) for p in info.value.problems]


# -- round trip -------------------------------------------------------------------------------


@given(reports())
def test_json_round_trip_is_the_identity(report: Report) -> None:
    assert loads(dumps(report)) == report


@given(reports(blanks=True))
def test_blank_cells_survive_the_round_trip_as_null(report: Report) -> None:
    again = loads(dumps(report))
    assert again == report
    assert [c.value for c in govinfo.cells(again)] == [c.value for c in govinfo.cells(report)]


@pytest.mark.parametrize("path", EXAMPLE_REPORTS, ids=lambda p: p.name)
def test_examples_are_stored_exactly_as_dumps_writes_them(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert dumps(loads(text)) == text


def test_amounts_keep_every_digit_as_written() -> None:
    report = govinfo.blank_report("X", 2023).replace(
        proactive=govinfo.Proactive(fees=Decimal("1234567890.10"))
    )
    text = dumps(report)
    assert '"fees": 1234567890.10' in text
    assert loads(text).proactive.fees.as_tuple() == Decimal("1234567890.10").as_tuple()


def test_chinese_is_written_readably_and_the_edition_is_recorded(seed_report: Report) -> None:
    text = dumps(seed_report)
    assert "\\u" not in text
    assert "阜新市细河区玉龙街道" in text
    assert json.loads(text)["edition"] == "2021"


def test_totals_may_be_left_out_and_are_then_computed(full_report: Report) -> None:
    doc = _doc(full_report)
    for row in doc["requests"]["outcomes"]["disclosed"], doc["requests"]["received"]:
        del row["total"]
    del doc["requests"]["outcomes"]["total"]
    assert loads(json.dumps(doc)) == full_report


def test_a_wrong_total_is_kept_as_given(full_report: Report) -> None:
    doc = _doc(full_report)
    doc["requests"]["received"]["total"] = 1
    report = loads(json.dumps(doc))
    assert report.requests.received.total == 1
    assert any(f.rule == "S3-ROW-TOTAL" for f in govinfo.check(report))


def test_utf8_with_bom_is_accepted(full_report: Report) -> None:
    assert loads(b"\xef\xbb\xbf" + dumps(full_report).encode("utf-8")) == full_report


def test_dump_writes_a_file_that_loads_back(tmp_path: Path, full_report: Report) -> None:
    target = tmp_path / "r.json"
    govinfo.dump(full_report, target)
    assert load(target) == full_report
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # no temporary file left


# -- errors -----------------------------------------------------------------------------------


def test_every_problem_is_listed_with_its_path_and_label(full_report: Report) -> None:
    doc = _doc(full_report)
    doc["year"] = "2024"
    doc["requests"]["received"]["natural_person"] = -3
    doc["requests"]["received"]["commercial_enterprise"] = 2.0
    doc["requests"]["received"]["research_instituton"] = 2
    del doc["requests"]["received"]["other"]
    doc["proactive"]["fees"] = True
    doc["overview"][1]["paragraphs"] = "一段话"
    doc["review_litigation"]["review"]["upheld"] = "3"
    assert _problems(json.dumps(doc, ensure_ascii=False)) == [
        '$.year: expected a whole number, got the string "2024"',
        '$.overview[1].paragraphs (一、总体情况): expected a list, got the string "一段话"',
        "$.proactive.fees (二、主动公开政府信息情况/第二十条第（八）项/行政事业性收费 · "
        "本年收费金额（单位：万元）): expected a number, got true",
        "$.requests.received.natural_person (三、收到和处理政府信息公开申请情况/"
        "一、本年新收政府信息公开申请数量 · 自然人): a count cannot be negative, got -3",
        "$.requests.received.commercial_enterprise (三、收到和处理政府信息公开申请情况/"
        "一、本年新收政府信息公开申请数量 · 法人或其他组织/商业企业): "
        "expected a whole number, got the number 2.0",
        "$.requests.received.other (三、收到和处理政府信息公开申请情况/"
        "一、本年新收政府信息公开申请数量 · 法人或其他组织/其他): required field missing",
        "$.requests.received.research_instituton: unknown field; did you mean "
        "'research_institution'?",
        "$.review_litigation.review.upheld (四、政府信息公开行政复议、行政诉讼情况 · "
        '行政复议/结果维持): expected a number, got the string "3"',
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"organ": "X",\n "year": 2023,,}', "line 2, column 15: not valid JSON"),
        ("", "the file is empty"),
        (" \n\t", "the file is empty"),
        ('{"a": NaN}', "line 1, column 7: not valid JSON: NaN is not a number"),
        ("[1, 2]", "$: expected an object, got a list"),
    ],
)
def test_malformed_documents_get_one_clear_error(text: str, expected: str) -> None:
    (problem,) = _problems(text)
    assert problem.startswith(expected)


def test_a_key_given_twice_is_reported_with_every_other_problem(full_report: Report) -> None:
    text = dumps(full_report).replace('"year": 2024,', '"year": 2024, "year": 2025,', 1)
    text = text.replace('"licensing": 3521', '"licensing": -1', 1)
    problems = _problems(text)
    assert problems[0] == "$.year: key given more than once"
    assert any(p.startswith("$.proactive.licensing") for p in problems)


def test_text_with_a_control_character_is_refused_naming_the_field(full_report: Report) -> None:
    doc = _doc(full_report)
    doc["problems"][0]["paragraphs"][0] = "问题\u0007一"
    (problem,) = _problems(json.dumps(doc))
    assert problem.startswith("$.problems[0].paragraphs[0] (五、存在的主要问题及改进情况)")
    assert "U+0007" in problem


def test_a_missing_section_and_unknown_edition_are_reported(full_report: Report) -> None:
    doc = _doc(full_report)
    del doc["requests"]
    doc["edition"] = "2022"
    assert _problems(json.dumps(doc)) == [
        "$.edition: expected one of '2019', '2021', got the string \"2022\"",
        "$.requests (三、收到和处理政府信息公开申请情况): required field missing",
    ]


def test_a_file_that_is_not_utf8_is_refused_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "gbk.json"
    path.write_bytes('{\n "organ": "某单位"}'.encode("gbk"))
    with pytest.raises(LoadError) as info:
        load(path)
    (problem,) = info.value.problems
    assert problem.line == 2
    assert "not UTF-8" in problem.message
    assert str(path) in str(info.value)


def test_a_missing_file_is_a_load_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="cannot read the file"):
        load(tmp_path / "nope.json")


# -- JSON Schema ------------------------------------------------------------------------------


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())


@pytest.mark.parametrize("path", EXAMPLE_REPORTS, ids=lambda p: p.name)
def test_every_example_validates_against_the_schema(path: Path) -> None:
    VALIDATOR.validate(json.loads(path.read_text(encoding="utf-8")))


@given(reports(blanks=True))
def test_every_generated_report_validates_against_the_schema(report: Report) -> None:
    VALIDATOR.validate(json.loads(dumps(report)))


def _broken(doc: dict[str, Any], how: str) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    received = doc["requests"]["received"]
    if how == "negative":
        received["natural_person"] = -1
    elif how == "float":
        received["natural_person"] = 1.5
    elif how == "bool":
        received["natural_person"] = True
    elif how == "string":
        received["natural_person"] = "1"
    elif how == "unknown key":
        received["extra"] = 1
    elif how == "missing cell":
        del received["other"]
    elif how == "missing section":
        del doc["overview"]
    elif how == "edition":
        doc["edition"] = "2030"
    elif how == "control character":
        doc["preamble"] = ["a\u0001b"]
    elif how == "bad date":
        doc["published"] = "2024/01/20"
    elif how == "negative amount":
        doc["proactive"]["fees"] = -0.5
    return doc


@pytest.mark.parametrize(
    "how",
    [
        "negative",
        "float",
        "bool",
        "string",
        "unknown key",
        "missing cell",
        "missing section",
        "edition",
        "control character",
        "bad date",
        "negative amount",
    ],
)
def test_invalid_documents_fail_both_the_schema_and_the_loader(
    full_report: Report, how: str
) -> None:
    doc = _broken(_doc(full_report), how)
    assert not VALIDATOR.is_valid(doc)
    with pytest.raises(LoadError):
        loads(json.dumps(doc))


def test_to_dict_keeps_amounts_exact(full_report: Report) -> None:
    assert to_dict(full_report)["proactive"]["fees"] == Decimal("128.35")


def test_every_cell_is_checked_while_loading_wherever_it_sits(full_report: Report) -> None:
    # Each row class appears at several depths; a negative count must be named at each.
    doc = _doc(full_report)
    doc["requests"]["outcomes"]["withheld"]["state_secret"]["other"] = -1
    doc["requests"]["outcomes"]["total"]["other"] = -2
    doc["requests"]["carried_forward"]["other"] = -3
    doc["proactive"]["rules"]["issued"] = -4
    assert [p.split(" ")[0] for p in _problems(json.dumps(doc))] == [
        "$.proactive.rules.issued",
        "$.requests.outcomes.withheld.state_secret.other",
        "$.requests.outcomes.total.other",
        "$.requests.carried_forward.other",
    ]


def test_a_deeply_nested_document_is_a_load_error_not_a_crash() -> None:
    (problem,) = _problems("[" * 100_000 + "]" * 100_000)
    assert "nested too deeply" in problem


def test_an_amount_with_an_absurd_exponent_is_refused(full_report: Report) -> None:
    text = dumps(full_report).replace('"fees": 128.35', '"fees": 1e999999999999999999')
    (problem,) = _problems(text)
    assert problem.startswith("$.proactive.fees")
    assert "at most 15 digits" in problem


def test_a_number_too_long_for_a_report_is_refused_at_its_path() -> None:
    problems = _problems('{"year": ' + "9" * 5000 + "}")
    assert "$.year: expected a whole number it can hold, got a number of 5000 digits" in problems


def test_messages_quote_unprintable_characters_safely() -> None:
    problems = _problems('{"\\ud800": 1, "organ": "\\ud800"}')
    assert any('$["\\ud800"]: unknown field' in p for p in problems)
    for problem in problems:
        problem.encode("utf-8")  # printable: no lone surrogate left in the message


def test_a_string_with_a_byte_order_mark_loads(full_report: Report) -> None:
    assert loads("\ufeff" + dumps(full_report)) == full_report


def test_a_file_name_with_a_nul_character_is_a_load_error() -> None:
    with pytest.raises(LoadError, match="not a usable file name"):
        load("a\x00b.json")


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"title": "标题\n"}, "line break"),
        ({"organ": "\ufeff"}, "cannot be empty"),
        ({"title": "标题\x85"}, "line break"),
        ({"title": "标题\x9b"}, "U+009B"),
    ],
)
def test_text_the_loader_refuses(full_report: Report, changes: dict[str, str], words: str) -> None:
    doc = {**_doc(full_report), **changes}
    (problem,) = _problems(json.dumps(doc))
    assert words in problem


@pytest.mark.parametrize(
    "part",
    [
        {"heading": None, "paragraphs": ["段落"], "run_in": True},
        {"heading": "（一）标题", "paragraphs": [], "run_in": True},
        {"paragraphs": ["a\u0080b"]},
        {"paragraphs": ["一\n二"]},
    ],
)
def test_parts_refused_by_the_loader_are_refused_by_the_schema(
    full_report: Report, part: dict[str, Any]
) -> None:
    doc = _doc(full_report)
    doc["overview"][0] = part
    assert not VALIDATOR.is_valid(doc)
    with pytest.raises(LoadError):
        loads(json.dumps(doc))


def test_dumps_without_totals_loads_back_equal(full_report: Report) -> None:
    text = dumps(full_report, totals=False)
    assert '"total"' not in text
    assert loads(text) == full_report
