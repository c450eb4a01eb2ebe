"""Section 二 of the national format (2021 edition): proactively disclosed information."""

from decimal import Decimal
from typing import ClassVar

import attrs

from ._fields import count, group, money
from ._table import TableInfo

__all__ = ["DocumentCounts", "Proactive"]

_ITEM_1 = "第二十条第（一）项"
_ITEM_5 = "第二十条第（五）项"
_ITEM_6 = "第二十条第（六）项"
_ITEM_8 = "第二十条第（八）项"
_DECISIONS = "本年处理决定数量"


@attrs.frozen(kw_only=True)
class DocumentCounts:
    """A row of the 第二十条第（一）项 block: documents issued, repealed and in force."""

    issued: int | None = count(column="本年制发件数")
    repealed: int | None = count(column="本年废止件数")
    in_force: int | None = count(column="现行有效件数")


@attrs.frozen(kw_only=True)
class Proactive:
    """Section 二 (2021 edition): 主动公开政府信息情况, four blocks, ten cells."""

    __table__: ClassVar[TableInfo] = TableInfo(
        number="二", heading="二、主动公开政府信息情况", row_header="信息内容"
    )

    rules: DocumentCounts = group(DocumentCounts, row=(_ITEM_1, "规章"))
    normative_documents: DocumentCounts = group(DocumentCounts, row=(_ITEM_1, "行政规范性文件"))
    licensing: int | None = count(row=(_ITEM_5, "行政许可"), column=_DECISIONS)
    penalties: int | None = count(row=(_ITEM_6, "行政处罚"), column=_DECISIONS)
    enforcement: int | None = count(row=(_ITEM_6, "行政强制"), column=_DECISIONS)
    fees: Decimal | None = money(
        row=(_ITEM_8, "行政事业性收费"),
        column="本年收费金额（单位：万元）",
        doc="In 万元 (ten thousand yuan); decimals allowed.",
    )
