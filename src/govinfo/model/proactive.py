"""Section 二 of the national format: proactively disclosed information, in both editions."""

from decimal import Decimal
from typing import ClassVar

import attrs

from ._fields import count, group, money, signed
from ._table import TableInfo

__all__ = [
    "DecisionItems2019",
    "DocumentCounts",
    "DocumentCounts2019",
    "FeeItems2019",
    "Proactive",
    "Proactive2019",
    "Procurement2019",
]

_ITEM_1 = "第二十条第（一）项"
_ITEM_5 = "第二十条第（五）项"
_ITEM_6 = "第二十条第（六）项"
_ITEM_8 = "第二十条第（八）项"
_ITEM_9 = "第二十条第（九）项"
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


# -- 2019 edition (试行): five blocks, 22 cells ------------------------------------------------

_PREVIOUS = "上一年项目数量"
_CHANGE = "本年增/减"


@attrs.frozen(kw_only=True)
class DocumentCounts2019:
    """A row of the 2019 edition's 第二十条第（一）项 block."""

    new_made: int | None = count(column="本年新制作数量")
    new_published: int | None = count(column="本年新公开数量")
    total_published: int | None = count(column="对外公开总数量")


@attrs.frozen(kw_only=True)
class DecisionItems2019:
    """A row of the 2019 edition's 第二十条第（五）、（六）项 blocks."""

    previous_year: int | None = count(column=_PREVIOUS)
    change: int | None = signed(column=_CHANGE, doc="Signed: published as +12 or -3.")
    decisions: int | None = count(column="处理决定数量")


@attrs.frozen(kw_only=True)
class FeeItems2019:
    """The row of the 2019 edition's 第二十条第（八）项 block."""

    previous_year: int | None = count(column=_PREVIOUS)
    change: int | None = signed(column=_CHANGE, doc="Signed: published as +12 or -3.")


@attrs.frozen(kw_only=True)
class Procurement2019:
    """The row of the 2019 edition's 第二十条第（九）项 block."""

    projects: int | None = count(column="采购项目数量")
    amount: Decimal | None = money(
        column="采购总金额",
        doc="As published: the format prints no unit (reports write 元 or 万元 in the cell).",
    )


@attrs.frozen(kw_only=True)
class Proactive2019:
    """Section 二 (2019 edition, 试行): 主动公开政府信息情况, five blocks, 22 cells."""

    __table__: ClassVar[TableInfo] = TableInfo(
        number="二", heading="二、主动公开政府信息情况", row_header="信息内容"
    )

    rules: DocumentCounts2019 = group(DocumentCounts2019, row=(_ITEM_1, "规章"))
    normative_documents: DocumentCounts2019 = group(DocumentCounts2019, row=(_ITEM_1, "规范性文件"))
    licensing: DecisionItems2019 = group(DecisionItems2019, row=(_ITEM_5, "行政许可"))
    other_services: DecisionItems2019 = group(
        DecisionItems2019, row=(_ITEM_5, "其他对外管理服务事项")
    )
    penalties: DecisionItems2019 = group(DecisionItems2019, row=(_ITEM_6, "行政处罚"))
    enforcement: DecisionItems2019 = group(DecisionItems2019, row=(_ITEM_6, "行政强制"))
    fees: FeeItems2019 = group(FeeItems2019, row=(_ITEM_8, "行政事业性收费"))
    procurement: Procurement2019 = group(Procurement2019, row=(_ITEM_9, "政府集中采购"))
