"""Section 四 of the national format: administrative review and litigation (both editions)."""

from typing import ClassVar

import attrs

from ._fields import count, group, total
from ._table import TableInfo

__all__ = ["CaseOutcomes", "ReviewLitigation"]

_LITIGATION = "行政诉讼"


@attrs.frozen(kw_only=True)
class CaseOutcomes:
    """The five columns of one group: 结果维持, 结果纠正, 其他结果, 尚未审结 and 总计."""

    upheld: int | None = count(column="结果维持")
    corrected: int | None = count(column="结果纠正")
    other: int | None = count(column="其他结果")
    pending: int | None = count(column="尚未审结")
    total: int | None = total(
        column="总计", of=("upheld", "corrected", "other", "pending"), rule="S4-TOTAL"
    )


@attrs.frozen(kw_only=True)
class ReviewLitigation:
    """Section 四: 政府信息公开行政复议、行政诉讼情况, one row of fifteen cells."""

    __table__: ClassVar[TableInfo] = TableInfo(
        number="四", heading="四、政府信息公开行政复议、行政诉讼情况"
    )

    review: CaseOutcomes = group(CaseOutcomes, column="行政复议")
    direct_suit: CaseOutcomes = group(CaseOutcomes, column=(_LITIGATION, "未经复议直接起诉"))
    suit_after_review: CaseOutcomes = group(CaseOutcomes, column=(_LITIGATION, "复议后起诉"))
