"""The checks: every arithmetic relation (勾稽关系) of the tables, and metadata and text checks.

Rules are data (:class:`Rule`: a stable id, a severity, the formula, where in the format it
comes from). The arithmetic relations of a report are derived from the model: every total
field names the rule that verifies it and the parts it adds up, and section 三's balance
(一 + 二 = （七）总计 + 四) is declared below. :func:`check` evaluates all of them and returns
every finding at once; it never raises for a report that could be built.

A relation that needs a blank cell cannot be assessed: it neither passes nor fails, and is
reported as a ``notice`` naming the blank cells.
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from .cells import CellSpec, Layout, Value, layout
from .errors import GovinfoError
from .model import ApplicantCounts, Edition, Kind, Proactive, Report, field_info, sections
from .model._fields import is_row_class, leaf_rows
from .model.report import layout_deviations

__all__ = [
    "RULES",
    "Finding",
    "Rule",
    "Severity",
    "UnrelatedReports",
    "ValidationError",
    "check",
    "validate",
]


class Severity(enum.Enum):
    """How serious a finding is."""

    ERROR = "error"
    """The report contradicts the format: numbers that do not add up. It must be corrected."""
    WARNING = "warning"
    """Probably wrong, but with legitimate exceptions; worth a look."""
    NOTICE = "notice"
    """A relation could not be assessed because cells it needs are blank."""

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "notice": "提示"}[self.value]


@attrs.frozen
class Rule:
    """A check rule: a stable id, what it verifies, and where it comes from."""

    id: str
    severity: Severity
    title: str
    """What the rule verifies, in Chinese."""
    formula: str
    source: str
    """Where in the national format (or the regulations) the rule comes from."""
    parts: str = ""
    """How a message names the parts of a total (``各项办理结果``)."""


def _labels(cls: type[Any], names: Sequence[str]) -> list[str]:
    fields = attrs.fields_dict(cls)
    result = []
    for name in names:
        info = field_info(fields[name])
        assert info is not None
        result.append(info.label)
    return result


def _total_formula(cls: type[Any], total: str) -> str:
    info = field_info(attrs.fields_dict(cls)[total])
    assert info is not None
    return f"{info.label} = " + " + ".join(_labels(cls, info.total_of))


def _build_rules() -> dict[str, Rule]:
    from .model import CaseOutcomes, Outcomes, Requests

    received, carried_over, _, carried_forward = _labels(
        Requests, ("received", "carried_over", "outcomes", "carried_forward")
    )
    outcomes_total = _labels(Outcomes, ("total",))[0]
    rules = [
        Rule(
            "S3-BALANCE",
            Severity.ERROR,
            "表三每一列：第一项加第二项之和，等于第三项加第四项之和",
            f"{received} + {carried_over} = 三、本年度办理结果{outcomes_total} + {carried_forward}"
            "（每一列）",
            "格式表三表头注“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”"
            "（印在表中）",
        ),
        Rule(
            "S3-OUTCOMES-TOTAL",
            Severity.ERROR,
            "表三每一列：（七）总计等于各项办理结果之和",
            _total_formula(Outcomes, "total") + "（（三）至（六）按其各分项计，每一列）",
            "格式表三“三、本年度办理结果”的结构：每件申请只计入一种办理结果（由表式推得）",
            parts="各项办理结果",
        ),
        Rule(
            "S3-ROW-TOTAL",
            Severity.ERROR,
            "表三每一行：总计等于各类申请人之和",
            _total_formula(ApplicantCounts, "total") + "（每一行）",
            "格式表三“申请人情况”的结构：总计列为自然人与法人或其他组织各列之和（由表式推得）",
            parts="自然人与法人或其他组织各列",
        ),
        Rule(
            "S4-TOTAL",
            Severity.ERROR,
            "表四每组：总计等于结果维持、结果纠正、其他结果、尚未审结之和",
            _total_formula(CaseOutcomes, "total")
            + "（行政复议、未经复议直接起诉、复议后起诉各组）",
            "格式表四的结构（由表式推得）",
            parts="结果维持、结果纠正、其他结果、尚未审结",
        ),
        Rule(
            "META-EDITION",
            Severity.WARNING,
            "报告所用格式版本与报告年度相符",
            "2019、2020 年度用 2019 年版（试行）；2021 年度起用 2021 年版",
            "国办公开办函〔2019〕60号；国办公开办函〔2021〕30号",
        ),
        Rule(
            "META-LAYOUT",
            Severity.WARNING,
            "表二、表三（六）其他处理的表式与报告所标的格式版本一致",
            "2019 年版：表二五个部分，（六）其他处理为一行；2021 年版：表二四个部分，"
            "（六）其他处理分三项",
            "国办公开办函〔2019〕60号；国办公开办函〔2021〕30号",
        ),
        Rule(
            "META-PUBLISHED",
            Severity.WARNING,
            "发布日期在报告年度结束之后、次年3月31日之前",
            "报告年度 + 1 年 1月1日 ≤ 发布日期 ≤ 报告年度 + 1 年 3月31日",
            "《中华人民共和国政府信息公开条例》第四十九条（部门 1月31日前，政府 3月31日前）",
        ),
        Rule(
            "YOY-CARRY",
            Severity.WARNING,
            "上年报告的“结转下年度继续办理”等于本年报告的“上年结转”",
            f"上年度 {carried_forward} = 本年度 {carried_over}（每一列）",
            "格式表三第二项、第四项的含义（跨年度核对；机构改革、合并、更正会合理地打破它）",
            parts="上年度报告“四、结转下年度继续办理”",
        ),
        Rule(
            "YOY-IN-FORCE",
            Severity.WARNING,
            "现行有效件数与上年衔接（规章、行政规范性文件）",
            "本年现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数",
            "格式表二第二十条第（一）项（跨年度核对；文件也会未经废止而失效，"
            "不与 2019 年版的对外公开总数量比较）",
        ),
        Rule(
            "TEXT-TABLE",
            Severity.WARNING,
            "正文中的数字与表格一致",
            "正文“共受理政府信息公开申请 N 件”“予以公开 N 件”“行政复议 N 件”等 = 表中相应总计",
            "《条例》第五十条：年度报告的文字与表格说明同一事实（常见错误：正文与表格矛盾）",
        ),
        Rule(
            "TEXT-EMPTY",
            Severity.WARNING,
            "文字部分（一、五、六）及其各小标题下有正文",
            "每个文字部分至少有一段非空正文；每个小标题下至少有一段非空正文",
            "《中华人民共和国政府信息公开条例》第五十条（年度报告应当包括的内容）",
        ),
    ]
    return {rule.id: rule for rule in rules}


RULES: Final[dict[str, Rule]] = _build_rules()
"""Every rule, by id, in the order of the rules catalogue."""


@attrs.frozen
class Finding:
    """One problem found in a report."""

    rule: str
    """The stable id of the rule that fired (see :data:`RULES`)."""
    severity: Severity
    message: str
    """What is wrong, in Chinese, naming the official row and column."""
    section: str = ""
    """The official heading of the section concerned."""
    row: tuple[str, ...] = ()
    """The official row label path of the cell concerned (empty when the rule is per column)."""
    column: tuple[str, ...] = ()
    path: str | None = None
    """The JSON path of the cell concerned, when the finding is about one cell."""
    expected: Value = None
    actual: Value = None
    difference: Value = None
    """``actual - expected``."""
    cells: tuple[str, ...] = ()
    """The JSON paths of every cell of the relation."""
    missing: tuple[str, ...] = ()
    """For a notice: the JSON paths of the blank cells that prevented the check."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (numbers stay exact: amounts are ``Decimal``)."""
        data = attrs.asdict(self, recurse=False)
        data["severity"] = self.severity.value
        data["row"] = list(self.row)
        data["column"] = list(self.column)
        data["cells"] = list(self.cells)
        data["missing"] = list(self.missing)
        return data


@attrs.define(eq=False)
class ValidationError(GovinfoError):
    """Raised by :func:`validate`: the report has error-level findings, all carried here."""

    findings: tuple[Finding, ...]

    def __str__(self) -> str:
        return describe_errors(self.findings, "the report has {count} error(s):")


def describe_errors(findings: Sequence[Finding], head: str) -> str:
    """The error-level findings, one per line, under ``head`` (``{count}`` is their number)."""
    errors = [f for f in findings if f.severity is Severity.ERROR]
    lines = [head.format(count=len(errors))]
    lines += [f"  [{f.rule}] {f.message}" for f in errors]
    return "\n".join(lines)


# -- relations --------------------------------------------------------------------------------


@attrs.frozen
class _Relation:
    """One instance of an arithmetic rule on one report shape: Σ left = Σ right."""

    rule: Rule
    left: tuple[int, ...]
    """Cell indexes whose sum is the expected value."""
    right: tuple[int, ...]
    """Cell indexes whose sum is the actual value."""
    target: CellSpec | None
    section: str
    column: tuple[str, ...]
    place: str
    message: Callable[[Value, Value, Value], str]


def _fmt(value: Value) -> str:
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def _gap(difference: Value) -> str:
    assert difference is not None
    return _fmt(-difference if difference < 0 else difference)


def _sum_message(rule: Rule, place: str) -> Callable[[Value, Value, Value], str]:
    def message(expected: Value, actual: Value, difference: Value) -> str:
        return (
            f"{place}：应为 {_fmt(expected)}（{rule.parts}之和），实为 {_fmt(actual)}，"
            f"相差 {_gap(difference)}"
        )

    return message


def _sum_relations(lay: Layout, obj: Any, prefix: tuple[str, ...]) -> Iterator[_Relation]:
    """The relations of every total field found under ``obj`` (at attribute path ``prefix``)."""
    cls = type(obj)
    for attribute in attrs.fields(cls):
        info = field_info(attribute)
        if info is None:
            continue
        path = (*prefix, attribute.name)
        if info.is_total:
            assert info.rule is not None
            rule = RULES[info.rule]
            if info.kind is not Kind.GROUP:  # a total of cells in the same row
                target = lay.specs[lay.index(path)]
                parts = tuple(lay.index((*prefix, n)) for n in info.total_of)
                yield _Relation(
                    rule,
                    parts,
                    (lay.index(path),),
                    target,
                    target.section,
                    target.column,
                    target.place,
                    _sum_message(rule, target.place),
                )
            else:  # a row that totals whole rows, column by column
                total_row = getattr(obj, attribute.name)
                leaves = [
                    leaf
                    for n in info.total_of
                    for leaf in _leaf_paths(getattr(obj, n), (*prefix, n))
                ]
                for column in attrs.fields(type(total_row)):
                    target_path = (*path, column.name)
                    target = lay.specs[lay.index(target_path)]
                    parts = tuple(lay.index((*leaf, column.name)) for leaf in leaves)
                    yield _Relation(
                        rule,
                        parts,
                        (lay.index(target_path),),
                        target,
                        target.section,
                        target.column,
                        target.place,
                        _sum_message(rule, target.place),
                    )
        if info.kind is Kind.GROUP:
            yield from _sum_relations(lay, getattr(obj, attribute.name), path)


def _leaf_paths(obj: Any, prefix: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    if is_row_class(type(obj)):
        yield prefix
        return
    for attribute in attrs.fields(type(obj)):
        info = field_info(attribute)
        if info is not None and info.kind is Kind.GROUP and not info.is_total:
            yield from _leaf_paths(getattr(obj, attribute.name), (*prefix, attribute.name))


def _balance_relations(lay: Layout, report: Report) -> Iterator[_Relation]:
    rule = RULES["S3-BALANCE"]
    table = type(report.requests).__table__
    for column in attrs.fields(ApplicantCounts):
        c = column.name

        def index(*path: str, c: str = c) -> int:
            return lay.index(("requests", *path, c))

        spec = lay.specs[index("received")]
        place = f"{table.short_name}·" + "·".join(spec.column)

        def message(expected: Value, actual: Value, difference: Value, place: str = place) -> str:
            return (
                f"{place}：第一项加第二项之和为 {_fmt(expected)}，第三项（七）总计加第四项之和为 "
                f"{_fmt(actual)}，两者应相等，相差 {_gap(difference)}"
            )

        yield _Relation(
            rule,
            (index("received"), index("carried_over")),
            (index("outcomes", "total"), index("carried_forward")),
            None,
            spec.section,
            spec.column,
            place,
            message,
        )


_RELATIONS: dict[Layout, tuple[_Relation, ...]] = {}


def _relations(report: Report) -> tuple[Layout, tuple[_Relation, ...]]:
    lay = layout(report)
    found = _RELATIONS.get(lay)
    if found is None:
        found = tuple(_balance_relations(lay, report))
        for section in sections(type(report)):
            if section.table is not None:
                table = getattr(report, section.attribute)
                found += tuple(_sum_relations(lay, table, (section.attribute,)))
        _RELATIONS[lay] = found  # layouts live as long as the process
    return lay, found


def _evaluate(lay: Layout, relation: _Relation, values: Sequence[Value]) -> Finding | None:
    left = [values[i] for i in relation.left]
    right = [values[i] for i in relation.right]
    if None in left or None in right:
        blank = [lay.specs[i] for i in (*relation.left, *relation.right) if values[i] is None]
        return Finding(
            relation.rule.id,
            Severity.NOTICE,
            f"{relation.place}：无法核对，" + "、".join(s.place for s in blank) + " 为空",
            relation.section,
            relation.target.row if relation.target else (),
            relation.column,
            relation.target.json_path if relation.target else None,
            cells=_paths(lay, relation),
            missing=tuple(s.json_path for s in blank),
        )
    expected: Any = sum(left)
    actual: Any = sum(right)
    if expected == actual:
        return None
    difference = actual - expected
    return Finding(
        relation.rule.id,
        relation.rule.severity,
        relation.message(expected, actual, difference),
        relation.section,
        relation.target.row if relation.target else (),
        relation.column,
        relation.target.json_path if relation.target else None,
        expected,
        actual,
        difference,
        _paths(lay, relation),
    )


def _paths(lay: Layout, relation: _Relation) -> tuple[str, ...]:
    return tuple(lay.specs[i].json_path for i in (*relation.left, *relation.right))


# -- metadata and text ------------------------------------------------------------------------


def _date(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _part_name(report: Report, path: str) -> str:
    """How a message names a part whose layout differs between editions: 表三（六）其他处理."""
    names = path.split(".")
    section = next(s for s in sections(type(report)) if s.attribute == names[0])
    assert section.table is not None
    labels: list[str] = []
    cls: Any = type(getattr(report, names[0]))
    for name in names[1:]:
        attribute = attrs.fields_dict(cls)[name]
        info = field_info(attribute)
        if info is not None:
            labels.extend(info.row[-1:])
        cls = attribute.type
    shown = labels[1:] if len(labels) > 1 else labels  # as CellSpec.place names rows
    return section.table.short_name + "·".join(shown)


def _metadata_findings(report: Report) -> Iterator[Finding]:
    for path in layout_deviations(report):
        other = next(e for e in Edition if e is not report.edition)
        yield Finding(
            "META-LAYOUT",
            Severity.WARNING,
            f"{_part_name(report, path)}按{other.label}的表式填报，"
            f"本报告标为{report.edition.label}",
            path=f"$.{path}",
        )
    expected = Edition.for_year(report.year)
    if report.edition is not expected:
        yield Finding(
            "META-EDITION",
            Severity.WARNING,
            f"{report.year} 年度报告应使用{expected.label}格式，本报告标为{report.edition.label}",
            path="$.edition",
        )
    if report.published is not None:
        earliest = dt.date(report.year + 1, 1, 1)
        latest = dt.date(report.year + 1, 3, 31)
        if not earliest <= report.published <= latest:
            when = "早于报告年度结束" if report.published < earliest else "晚于次年3月31日"
            yield Finding(
                "META-PUBLISHED",
                Severity.WARNING,
                f"发布日期 {_date(report.published)} {when}（《条例》第四十九条）",
                path="$.published",
            )


def _text_findings(report: Report) -> Iterator[Finding]:
    for section in sections(type(report)):
        if section.table is not None:
            continue
        parts = getattr(report, section.attribute)
        path = f"$.{section.attribute}"
        if not any(p.strip() for part in parts for p in part.paragraphs):
            yield Finding(
                "TEXT-EMPTY",
                Severity.WARNING,
                f"{section.heading}：没有正文",
                section.heading,
                path=path,
            )
            continue
        for index, part in enumerate(parts):
            if part.heading is not None and not any(p.strip() for p in part.paragraphs):
                yield Finding(
                    "TEXT-EMPTY",
                    Severity.WARNING,
                    f"{section.heading}·{part.heading}：小标题下没有正文",
                    section.heading,
                    path=f"{path}[{index}]",
                )


# -- what the text says about the tables ------------------------------------------------------

_COUNT: Final = (
    r"\s*(?:共计|合计|总计|共|计|为|数量为?)?\s*[:：]?\s*(\d{1,3}(?:,\d{3})+|\d+)\s*(?:件|起)"
)


_PROSE: Final = (
    (
        r"(?:新收到|收到|受理|新收)(?:各类)?(?:政府信息公开|依申请公开)?申请(?:共|合计|总计)?"
        + _COUNT,
        ("requests.received",),
        "requests.received.total",
    ),
    (
        r"上年结转(?:政府信息公开申请|申请)?" + _COUNT,
        ("requests.carried_over",),
        "requests.carried_over.total",
    ),
    (
        r"(?<!不)予以公开" + _COUNT,
        ("requests.outcomes.disclosed",),
        "requests.outcomes.disclosed.total",
    ),
    (
        r"部分公开" + _COUNT,
        ("requests.outcomes.partly_disclosed",),
        "requests.outcomes.partly_disclosed.total",
    ),
    (r"不予公开" + _COUNT, ("requests.outcomes.withheld",), "requests.outcomes.withheld"),
    (r"无法提供" + _COUNT, ("requests.outcomes.unavailable",), "requests.outcomes.unavailable"),
    (r"不予处理" + _COUNT, ("requests.outcomes.not_processed",), "requests.outcomes.not_processed"),
    (
        r"其他处理" + _COUNT,
        ("requests.outcomes.other_handling",),
        "requests.outcomes.other_handling",
    ),
    (
        r"结转下年度(?:继续办理)?" + _COUNT,
        ("requests.carried_forward",),
        "requests.carried_forward.total",
    ),
    (
        r"(?:信息公开|公开工作)\S{0,12}?行政复议(?:案件|申请)?" + _COUNT,
        ("review_litigation.review",),
        "review_litigation.review.total",
    ),
    (
        r"(?:信息公开|公开工作)\S{0,12}?行政诉讼(?:案件)?" + _COUNT,
        ("review_litigation.direct_suit", "review_litigation.suit_after_review"),
        "review_litigation",
    ),
)


def _table_total(report: Report, paths: Sequence[str]) -> Value:
    values: list[Any] = []
    for path in paths:
        part = operator.attrgetter(path)(report)
        values.extend(row.total for row in leaf_rows(part))
    return None if None in values else sum(values)


# Every statement of _PROSE in one expression (one pass over a sentence), each count in the
# named group of its statement.
_STATEMENTS: Final = re.compile(
    "|".join(
        pattern.replace(_COUNT, _COUNT.replace("(\\d{1,3}", f"(?P<n{i}>\\d{{1,3}}"))
        for i, (pattern, _, _) in enumerate(_PROSE)
    )
)
_SENTENCES: Final = re.compile(r"(?<=[。；;！!？?])")
_CLAUSES: Final = re.compile(r"[，；;]|,(?!\d{3})")  # (not the comma of 1,999)
# A clause comparing with another year states that year's count, not this report's.
_COMPARING: Final = re.compile(r"(较|相比|比上年|同比|环比|去年|前年|上一年)")
_YEAR: Final = re.compile(r"(\d{4})\s*年")


def _prose_findings(report: Report) -> Iterator[Finding]:
    return prose_findings(report, _texts(report))


def prose_findings(
    report: Report, texts: Iterable[tuple[str | None, str, str]]
) -> Iterator[Finding]:
    """``TEXT-TABLE`` findings for ``texts`` — (JSON path, place, text) — against ``report``'s
    tables (also for text a reader found outside the report's text sections)."""
    rule = RULES["TEXT-TABLE"]
    lay = layout(report)
    for path, place, text in texts:
        if "件" not in text and "起" not in text:
            continue  # no count stated
        for sentence in _SENTENCES.split(text):
            if "件" not in sentence and "起" not in sentence:
                continue
            normalized = unicodedata.normalize("NFKC", sentence)  # full-width digits
            for clause in _CLAUSES.split(normalized):
                if _COMPARING.search(clause) or any(
                    int(y) != report.year for y in _YEAR.findall(clause)
                ):
                    continue
                yield from _statements(report, lay, rule, path, place, sentence, clause)


def _statements(
    report: Report,
    lay: Layout,
    rule: Rule,
    path: str | None,
    place: str,
    sentence: str,
    clause: str,
) -> Iterator[Finding]:
    for match in _STATEMENTS.finditer(clause):
        group = match.lastgroup  # the count of the statement that matched: n0, n1, …
        assert group is not None
        _, paths, cell = _PROSE[int(group[1:])]
        stated = int(match.group(group).replace(",", ""))
        expected = _table_total(report, paths)
        if expected is None or stated == expected:
            continue
        yield Finding(
            rule.id,
            rule.severity,
            f"{place}：“{sentence.strip()}”中的 {stated} 与{_prose_place(lay, cell)}"
            f"（{expected}）不符",
            path=path,
            expected=expected,
            actual=stated,
            difference=stated - expected,
            cells=(f"$.{cell}",),
        )


def _prose_place(lay: Layout, cell: str) -> str:
    try:
        return lay.specs[lay.index(cell.split("."))].place
    except KeyError:
        names = {
            "requests.outcomes.withheld": "表三（三）不予公开各项之和",
            "requests.outcomes.unavailable": "表三（四）无法提供各项之和",
            "requests.outcomes.not_processed": "表三（五）不予处理各项之和",
            "requests.outcomes.other_handling": "表三（六）其他处理",
            "review_litigation": "表四行政诉讼两组总计之和",
        }
        return names[cell]


def _texts(report: Report) -> Iterator[tuple[str | None, str, str]]:
    """Every paragraph of text: its JSON path, how to name its place, and the text."""
    for index, paragraph in enumerate(report.preamble):
        yield f"$.preamble[{index}]", "导语", paragraph
    for section in sections(type(report)):
        if section.table is not None:
            continue
        for p_index, part in enumerate(getattr(report, section.attribute)):
            place = section.heading + (f"·{part.heading}" if part.heading else "")
            base = f"$.{section.attribute}[{p_index}]"
            if part.heading is not None and part.run_in:
                yield f"{base}.heading", place, part.heading
            for index, paragraph in enumerate(part.paragraphs):
                yield f"{base}.paragraphs[{index}]", place, paragraph


# -- public -----------------------------------------------------------------------------------


class UnrelatedReports(GovinfoError, ValueError):
    """``previous`` is not the report of the same organ for the year before."""


def _same_organ(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def _check_pair(report: Report, previous: Report) -> None:
    problems = []
    if previous.year != report.year - 1:
        problems.append(f"it is for {previous.year}, not {report.year - 1}")
    if not _same_organ(previous.organ, report.organ):
        problems.append(f"it is of {previous.organ}, not {report.organ}")
    if problems:
        raise UnrelatedReports(
            "the previous report does not go with this one: "
            + "; ".join(problems)
            + " (compare them anyway with allow_unrelated=True, or --allow-unrelated)"
        )


def _year_over_year(report: Report, previous: Report) -> Iterator[Finding]:
    lay = layout(report)
    before = previous.requests.carried_forward
    now = report.requests.carried_over
    rule = RULES["YOY-CARRY"]
    for column in attrs.fields(ApplicantCounts):
        expected, actual = getattr(before, column.name), getattr(now, column.name)
        spec = lay.specs[lay.index(("requests", "carried_over", column.name))]
        source = f"{previous.year} 年度报告“四、结转下年度继续办理”"
        if expected is None or actual is None:
            blank = "本年" if actual is None else f"{previous.year} 年度报告"
            yield Finding(
                rule.id,
                Severity.NOTICE,
                f"{spec.place}：无法与{source}核对，{blank}该格为空",
                spec.section,
                spec.row,
                spec.column,
                spec.json_path,
            )
        elif expected != actual:
            yield Finding(
                rule.id,
                rule.severity,
                f"{spec.place}：应为 {expected}（{source}），实为 {actual}，"
                f"相差 {abs(actual - expected)}",
                spec.section,
                spec.row,
                spec.column,
                spec.json_path,
                expected,
                actual,
                actual - expected,
                (spec.json_path,),
            )
    if not (isinstance(report.proactive, Proactive) and isinstance(previous.proactive, Proactive)):
        return  # the 2019 edition's 对外公开总数量 is not 现行有效件数
    rule = RULES["YOY-IN-FORCE"]
    for name in ("rules", "normative_documents"):
        last, this = getattr(previous.proactive, name), getattr(report.proactive, name)
        spec = lay.specs[lay.index(("proactive", name, "in_force"))]
        parts = (last.in_force, this.issued, this.repealed, this.in_force)
        if None in parts:
            yield Finding(
                rule.id,
                Severity.NOTICE,
                f"{spec.place}：无法与上年衔接核对，有关单元格为空",
                spec.section,
                spec.row,
                spec.column,
                spec.json_path,
            )
            continue
        expected = last.in_force + this.issued - this.repealed
        if this.in_force != expected:
            yield Finding(
                rule.id,
                rule.severity,
                f"{spec.place}：按上年现行有效 {last.in_force} 件加本年制发 {this.issued} 件、"
                f"减本年废止 {this.repealed} 件，应为 {expected}，实为 {this.in_force}，"
                f"相差 {abs(this.in_force - expected)}（文件也会未经废止而失效，请核对）",
                spec.section,
                spec.row,
                spec.column,
                spec.json_path,
                expected,
                this.in_force,
                this.in_force - expected,
                (spec.json_path,),
            )


def check(
    report: Report, *, previous: Report | None = None, allow_unrelated: bool = False
) -> list[Finding]:
    """Every finding about ``report``, in the order of the format. Never raises for a report.

    With ``previous`` — the same organ's report for the year before — the year-over-year
    warnings are added (``YOY-CARRY``, ``YOY-IN-FORCE``), across the 2020 → 2021 edition
    change too. A ``previous`` report of another organ or year is refused
    (:class:`UnrelatedReports`) unless ``allow_unrelated`` is true.
    """
    if previous is not None and not allow_unrelated:
        _check_pair(report, previous)
    lay, relations = _relations(report)
    values = lay.values(report)
    findings = [f for r in relations if (f := _evaluate(lay, r, values)) is not None]
    findings.extend(_metadata_findings(report))
    if previous is not None:
        findings.extend(_year_over_year(report, previous))
    findings.extend(_text_findings(report))
    findings.extend(_prose_findings(report))
    return findings


def validate(
    report: Report, *, previous: Report | None = None, allow_unrelated: bool = False
) -> list[Finding]:
    """Raise :class:`ValidationError` if ``report`` has any error-level finding.

    Returns the remaining findings (warnings and notices) otherwise. ``previous`` and
    ``allow_unrelated`` are as for :func:`check`.
    """
    findings = check(report, previous=previous, allow_unrelated=allow_unrelated)
    if any(f.severity is Severity.ERROR for f in findings):
        raise ValidationError(tuple(findings))
    return findings
