"""Text: the free-text sections (一、五、六) say something under every heading; section 五
says more than 「无」; section 六 does not say 「无」 about a 信息处理费 the report declares.

The 信息处理费 is the fee for information processing charged to applicants (国办函〔2020〕109号),
stated in the text; the 行政事业性收费 of table 二 is another matter and plays no part here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Final

from ..model import sections
from ._base import DEFAULT_OPTIONS, Context, Finding, Rule, Severity
from ._text import CLAUSES, SENTENCES, Text

__all__ = ["RULES", "findings"]

RULES: Final = (
    Rule(
        "TEXT-EMPTY",
        Severity.WARNING,
        "文字部分（一、五、六）及其各小标题下有正文",
        "每个文字部分至少有一段非空正文；每个小标题下至少有一段非空正文",
        "《中华人民共和国政府信息公开条例》第五十条（年度报告应当包括的内容）",
    ),
    Rule(
        "TEXT-S5-SHORT",
        Severity.WARNING,
        "五、存在的主要问题及改进情况不只是“无”或一句短话",
        "第五部分的正文不只是“无”，也不只是一句不足 N 字（只计文字和数字）的话；N 默认为 "
        f"{DEFAULT_OPTIONS.problems_min_chars}，可调（CheckOptions.problems_min_chars、"
        "govinfo check --problems-min-chars），0 关闭此项",
        "《中华人民共和国政府信息公开条例》第五十条第（四）项（政府信息公开工作存在的主要问题及"
        "改进情况）；只写“无”或一句话的，评估时会被扣分",
    ),
    Rule(
        "TEXT-S6-FEE",
        Severity.WARNING,
        "六、其他需要报告的事项不与正文所写收取的信息处理费矛盾",
        "正文写明收取了信息处理费（“收取信息处理费 X 元”，X > 0）时，第六部分不写“无”，"
        "其收取信息处理费情况不写“无”或未收取（只看信息处理费，不看表二的行政事业性收费）",
        "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；格式第六部分"
        "（通常报告收取信息处理费情况）",
    ),
)
_EMPTY, _SHORT, _FEE_RULE = RULES


def findings(context: Context) -> Iterator[Finding]:
    """Warnings for a text section, or a heading within one, with no text under it; for a
    section 五 of 「无」 or one short sentence; for a section 六 that says 「无」 about a
    信息处理费 the report declares."""
    yield from _empty(context)
    yield from _short_problems(context.texts, context.options.problems_min_chars)
    yield from _fee_contradiction(context.texts)


def _empty(context: Context) -> Iterator[Finding]:
    report = context.report
    # The parts with text ("$.problems[1]"), from the paragraphs (not run-in headings).
    filled = {
        path.partition(".paragraphs[")[0]
        for path, _, text, _ in context.texts
        if path is not None and ".paragraphs[" in path and text.strip()
    }
    for section in sections(type(report)):
        if section.table is not None:
            continue
        parts = getattr(report, section.attribute)
        path = f"$.{section.attribute}"
        if not any(f"{path}[{index}]" in filled for index in range(len(parts))):
            yield Finding(
                _EMPTY.id,
                _EMPTY.severity,
                f"{section.heading}：没有正文",
                section.heading,
                path=path,
            )
            continue
        for index, part in enumerate(parts):
            if part.heading is not None and f"{path}[{index}]" not in filled:
                yield Finding(
                    _EMPTY.id,
                    _EMPTY.severity,
                    f"{section.heading}·{part.heading}：小标题下没有正文",
                    section.heading,
                    path=f"{path}[{index}]",
                )


# -- section 五: more than 「无」 -------------------------------------------------------------

_PROBLEMS: Final = "五"
_OTHER_MATTERS: Final = "六"
# 「无」「暂无」「本年度无其他需要报告的事项」「我单位无相关情况」 (letters only, as _letters gives)
_NOTHING: Final = re.compile(
    r"(?:[本我今全]|本年度)?(?:机关|单位|部门|局)?(?:本?年度?)?暂?(?:无|没有)"
    r"(?:其他)?(?:相关|此类|此项)?(?:需要|需)?(?:报告)?的?(?:事项|情况)?"
)
_SENTENCE_END: Final = re.compile(r"[。！？!?]")
_LETTER: Final = re.compile(r"[^\W_]")  # a letter or a digit
_NOTHING_LENGTH: Final = 40  # longer than any way of saying 「无」


def _letters(text: str) -> str:
    """The letters and digits of ``text``: what counts as its length."""
    return "".join(_LETTER.findall(text))


def _says_nothing(text: str) -> bool:
    return (
        len(text) <= _NOTHING_LENGTH
        and ("无" in text or "没有" in text)
        and _NOTHING.fullmatch(_letters(unicodedata.normalize("NFKC", text))) is not None
    )


def _paragraphs(texts: Sequence[Text], number: str) -> list[tuple[str, str, str]]:
    """The non-empty paragraphs of section ``number`` (run-in headings left out): their JSON
    path, place and text, stripped."""
    return [
        (path, place, stripped)
        for path, place, text, section in texts
        if section == number
        and path is not None
        and not path.endswith(".heading")
        and (stripped := text.strip())
    ]


def _short_problems(texts: Sequence[Text], minimum: int) -> Iterator[Finding]:
    body = _paragraphs(texts, _PROBLEMS)
    if not body or minimum == 0:
        return  # no text at all is TEXT-EMPTY's
    heading = _section_heading(body[0][1])
    said = [text for _, _, text in body]
    # Punctuation alone (「……」, 「。」) says nothing either.
    if all(_says_nothing(text) or not _LETTER.search(text) for text in said):
        what = f"只写了“{'”“'.join(said)}”"
    else:
        sentences = [s for text in said for s in _SENTENCE_END.split(text) if _LETTER.search(s)]
        if len(sentences) > 1:
            return
        size = len(_letters(sentences[0]))
        if size >= minimum:
            return
        what = f"只有一句话（{size} 字）：“{''.join(said)}”"
    yield Finding(
        _SHORT.id,
        _SHORT.severity,
        f"{heading}{what}，应写明存在的主要问题和改进情况",
        heading,
        path=body[0][0].partition("[")[0],
    )


def _section_heading(place: str) -> str:
    """``五、存在的主要问题及改进情况`` for a place in it (``…·（一）存在的主要问题``)."""
    return place.partition("·")[0]


# -- section 六: 「无」 beside a declared 信息处理费 --------------------------------------------

_FEE_NAME: Final = r"信息(?:公开)?处理费"
# 「未收取信息处理费」「不收取信息处理费」「信息处理费0元」: no fee.
_NO_FEE: Final = re.compile(
    rf"(?:未|没有|无|不)[^，。；;,]{{0,12}}?{_FEE_NAME}"
    rf"|{_FEE_NAME}[^，。；;,\d]{{0,8}}0(?:\.0+)?\s*(?:万元|元)"
)
# 「收取信息处理费300元」「信息处理费收入共计1.5万元」「收取信息处理费2笔」: a fee collected —
# unless the clause negates it, refunds or waives it, or states a rate (100元/件, 收费标准).
_FEE: Final = re.compile(
    rf"{_FEE_NAME}[^，。；;,\d]{{0,12}}?(\d+(?:\.\d+)?)\s*(?:万元|元)(?!\s*[/每])"
    rf"|收取{_FEE_NAME}\s*(\d+)\s*(?:笔|次|件)"
)
_NOT_A_FEE: Final = re.compile(r"未|没有|无|不|免|退|减|标准")


_FEE_HINT: Final = re.compile(r"处理费[^。；;！!？?]*?[0-9０-９]")  # a number after the fee


def _declared_fee(text: str) -> str | None:
    """The sentence of ``text`` that declares a 信息处理费 collected, if one does."""
    if "处理费" not in text or _FEE_HINT.search(text) is None:
        return None
    for sentence in SENTENCES.split(text):
        for clause in CLAUSES.split(unicodedata.normalize("NFKC", sentence)):
            match = _FEE.search(clause)
            if match is None or _NOT_A_FEE.search(clause):
                continue
            if Decimal(next(g for g in match.groups() if g is not None)) > 0:
                return sentence.strip()
    return None


def _says_no_fee(texts: Sequence[Text]) -> tuple[str, str, str] | None:
    """The paragraph of section 六 — (JSON path, place, text) — that says 「无」 for the section
    or for its 信息处理费, or that says no 信息处理费 was collected."""
    paragraphs = _paragraphs(texts, _OTHER_MATTERS)
    nothing = [(path, place, text) for path, place, text in paragraphs if _says_nothing(text)]
    for path, place, text in paragraphs:
        if ((path, place, text) in nothing and "处理费" in place) or (
            "处理费" in text
            and _NO_FEE.search(unicodedata.normalize("NFKC", text))
            and _declared_fee(text) is None
        ):
            return path, place, text
    if nothing and len(nothing) == len(paragraphs):  # the whole section says 「无」
        path, place, text = nothing[0]
        return path, _section_heading(place), text
    return None


def _fee_contradiction(texts: Sequence[Text]) -> Iterator[Finding]:
    none = _says_no_fee(texts)
    if none is None:
        return
    none_path, none_place, none_text = none
    for path, place, text, _ in texts:
        declared = _declared_fee(text)
        if declared is not None and path is not None:
            yield Finding(
                _FEE_RULE.id,
                _FEE_RULE.severity,
                f"{none_place}写“{none_text}”，而{place}写“{declared}”：信息处理费的情况前后"
                "不一致（表二的行政事业性收费不在此列）",
                _section_heading(none_place),
                path=none_path,
                cells=(none_path, path),
            )
            return
