"""The figures assessors and researchers compute from a report, each with its formula.

Every figure is computed from the cells as printed (totals included, as the report gives
them): a report with errors gets figures to be read with its findings. A figure whose cells
are blank, or whose denominator is 0, is blank (``None``) — never 0. Shares are ratios
rounded to four decimals (0.1234 = 12.34 %); rates per hundred applications to two.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Final

import attrs

from ..model import Proactive, Report
from ..model._fields import leaf_rows
from ..model.review import CaseOutcomes

__all__ = ["FIGURES", "Figure", "FigureValue", "figures", "pack_values", "unpack_values"]

FigureValue = int | Decimal | None


@attrs.frozen
class Figure:
    """One figure: its column name, its Chinese label, its formula and how it is computed."""

    name: str
    label: str
    formula: str
    compute: Callable[[Report], FigureValue] = attrs.field(repr=False, eq=False)


_SHARE: Final = Decimal("0.0001")
_RATE: Final = Decimal("0.01")


def _total(obj: Any) -> int | None:
    """The 总计 column summed over the rows under ``obj`` (blank if any row's is)."""
    values = [row.total for row in leaf_rows(obj)]
    return None if None in values else sum(values)


def _add(*values: int | None) -> int | None:
    return None if None in values else sum(v for v in values if v is not None)


def _ratio(numerator: int | None, denominator: int | None, scale: int = 1) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    quantum = _SHARE if scale == 1 else _RATE
    return (Decimal(numerator * scale) / Decimal(denominator)).quantize(quantum, ROUND_HALF_EVEN)


def _concluded(groups: Iterable[CaseOutcomes]) -> tuple[int | None, int | None]:
    """Cases with a result (总计 − 尚未审结) and those corrected, over ``groups``."""
    concluded, corrected = 0, 0
    for group in groups:
        if group.total is None or group.pending is None or group.corrected is None:
            return None, None
        concluded += group.total - group.pending
        corrected += group.corrected
    return concluded, corrected


def _corrected_share(groups: Iterable[CaseOutcomes]) -> Decimal | None:
    concluded, corrected = _concluded(groups)
    return _ratio(corrected, concluded)


def _handled(r: Report) -> int | None:
    return r.requests.outcomes.total.total


def _fee(r: Report) -> Decimal | None:
    return r.proactive.fees if isinstance(r.proactive, Proactive) else None


def _suits(r: Report) -> int | None:
    return _add(r.review_litigation.direct_suit.total, r.review_litigation.suit_after_review.total)


_HANDLED = "三、本年度办理结果（七）总计·总计"
_RECEIVED = "一、本年新收政府信息公开申请数量·总计"

FIGURES: Final[tuple[Figure, ...]] = (
    Figure("received", "本年新收申请", _RECEIVED, lambda r: r.requests.received.total),
    Figure(
        "carried_over",
        "上年结转申请",
        "二、上年结转政府信息公开申请数量·总计",
        lambda r: r.requests.carried_over.total,
    ),
    Figure("handled", "本年办理", _HANDLED, _handled),
    Figure(
        "carried_forward",
        "结转下年度",
        "四、结转下年度继续办理·总计",
        lambda r: r.requests.carried_forward.total,
    ),
    Figure(
        "disclosed_share",
        "公开率（予以公开与部分公开）",
        f"（（一）予以公开·总计 + （二）部分公开·总计）÷ {_HANDLED}",
        lambda r: _ratio(
            _add(r.requests.outcomes.disclosed.total, r.requests.outcomes.partly_disclosed.total),
            _handled(r),
        ),
    ),
    Figure(
        "withheld_share",
        "不予公开占比",
        f"（三）不予公开各项·总计之和 ÷ {_HANDLED}",
        lambda r: _ratio(_total(r.requests.outcomes.withheld), _handled(r)),
    ),
    Figure(
        "unavailable_share",
        "无法提供占比",
        f"（四）无法提供各项·总计之和 ÷ {_HANDLED}",
        lambda r: _ratio(_total(r.requests.outcomes.unavailable), _handled(r)),
    ),
    Figure(
        "not_processed_share",
        "不予处理占比",
        f"（五）不予处理各项·总计之和 ÷ {_HANDLED}",
        lambda r: _ratio(_total(r.requests.outcomes.not_processed), _handled(r)),
    ),
    Figure(
        "reviews_per_100",
        "每百件申请行政复议数",
        f"表四行政复议·总计 × 100 ÷ {_RECEIVED}",
        lambda r: _ratio(r.review_litigation.review.total, r.requests.received.total, 100),
    ),
    Figure(
        "suits_per_100",
        "每百件申请行政诉讼数",
        f"（表四未经复议直接起诉·总计 + 复议后起诉·总计）× 100 ÷ {_RECEIVED}",
        lambda r: _ratio(_suits(r), r.requests.received.total, 100),
    ),
    Figure(
        "review_corrected_share",
        "行政复议纠错率",
        "表四行政复议·结果纠正 ÷ （行政复议·总计 − 行政复议·尚未审结）",
        lambda r: _corrected_share([r.review_litigation.review]),
    ),
    Figure(
        "suit_corrected_share",
        "行政诉讼纠错率",
        "（未经复议直接起诉·结果纠正 + 复议后起诉·结果纠正）÷ （两组总计之和 − 两组尚未审结之和）",
        lambda r: _corrected_share(
            [r.review_litigation.direct_suit, r.review_litigation.suit_after_review]
        ),
    ),
    Figure(
        "fee",
        "行政事业性收费（万元）",
        "表二第二十条第（八）项行政事业性收费·本年收费金额（单位：万元）（2021 年版表式；"
        "2019 年版表式无金额，为空）",
        _fee,
    ),
)
"""Every figure, in the order of the summary's columns."""


def figures(report: Report) -> dict[str, FigureValue]:
    """Every figure of ``report`` by name."""
    return {figure.name: figure.compute(report) for figure in FIGURES}


def pack_values(values: Mapping[str, FigureValue] | str) -> str:
    """Named counts and exact amounts as one short text (``name=value;…``): a row of an audit
    of a hundred thousand reports keeps this, not a dictionary of objects. Text is returned
    as it is."""
    if isinstance(values, str):
        return values
    parts = []
    for name, value in values.items():
        if value is None:
            text = ""
        elif isinstance(value, Decimal):
            text = f"{value:f}" if "." in f"{value:f}" else f"{value:f}."  # marked as exact
        else:
            text = str(value)
        parts.append(f"{name}={text}")
    return ";".join(parts)


def unpack_values(text: str) -> dict[str, FigureValue]:
    """The values :func:`pack_values` packed, with their types (a count stays an ``int``, an
    amount a ``Decimal``)."""
    found: dict[str, FigureValue] = {}
    if not text:
        return found
    for part in text.split(";"):
        name, _, value = part.partition("=")
        if not value:
            found[name] = None
        elif "." in value:
            found[name] = Decimal(value.rstrip(".") if value.endswith(".") else value)
        else:
            found[name] = int(value)
    return found
