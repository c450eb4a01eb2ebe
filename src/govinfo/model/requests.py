"""Section 三 of the national format: requests received and how they were handled.

One row class (:class:`ApplicantCounts`, the seven number columns) is used for every row of
the table; the classes above it group the rows exactly as the format's merged label cells do.
"""

from typing import ClassVar

import attrs

from ._fields import count, group, total
from ._table import TableInfo

__all__ = [
    "ApplicantCounts",
    "NotProcessed",
    "OtherHandling",
    "Outcomes",
    "Requests",
    "Unavailable",
    "Withheld",
]

_LEGAL_ENTITY = "法人或其他组织"
_APPLICANT_COLUMNS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "public_interest_organization",
    "legal_service_agency",
    "other",
)


@attrs.frozen(kw_only=True)
class ApplicantCounts:
    """One row of section 三: requests by kind of applicant, and their 总计."""

    natural_person: int | None = count(column="自然人")
    commercial_enterprise: int | None = count(column=(_LEGAL_ENTITY, "商业企业"))
    research_institution: int | None = count(column=(_LEGAL_ENTITY, "科研机构"))
    public_interest_organization: int | None = count(column=(_LEGAL_ENTITY, "社会公益组织"))
    legal_service_agency: int | None = count(column=(_LEGAL_ENTITY, "法律服务机构"))
    other: int | None = count(column=(_LEGAL_ENTITY, "其他"))
    total: int | None = total(column="总计", of=_APPLICANT_COLUMNS, rule="S3-ROW-TOTAL")


@attrs.frozen(kw_only=True)
class Withheld:
    """（三）不予公开, by reason."""

    state_secret: ApplicantCounts = group(ApplicantCounts, row="1.属于国家秘密")
    prohibited_by_law: ApplicantCounts = group(ApplicantCounts, row="2.其他法律行政法规禁止公开")
    three_securities_one_stability: ApplicantCounts = group(
        ApplicantCounts, row="3.危及“三安全一稳定”"
    )
    third_party_rights: ApplicantCounts = group(ApplicantCounts, row="4.保护第三方合法权益")
    internal_affairs: ApplicantCounts = group(ApplicantCounts, row="5.属于三类内部事务信息")
    process_information: ApplicantCounts = group(ApplicantCounts, row="6.属于四类过程性信息")
    enforcement_files: ApplicantCounts = group(ApplicantCounts, row="7.属于行政执法案卷")
    inquiry_matters: ApplicantCounts = group(ApplicantCounts, row="8.属于行政查询事项")


@attrs.frozen(kw_only=True)
class Unavailable:
    """（四）无法提供, by reason."""

    not_held: ApplicantCounts = group(ApplicantCounts, row="1.本机关不掌握相关政府信息")
    needs_creation: ApplicantCounts = group(ApplicantCounts, row="2.没有现成信息需要另行制作")
    still_unclear: ApplicantCounts = group(ApplicantCounts, row="3.补正后申请内容仍不明确")


@attrs.frozen(kw_only=True)
class NotProcessed:
    """（五）不予处理, by reason."""

    petition: ApplicantCounts = group(ApplicantCounts, row="1.信访举报投诉类申请")
    repeated: ApplicantCounts = group(ApplicantCounts, row="2.重复申请")
    publications: ApplicantCounts = group(ApplicantCounts, row="3.要求提供公开出版物")
    excessive: ApplicantCounts = group(ApplicantCounts, row="4.无正当理由大量反复申请")
    confirmation: ApplicantCounts = group(
        ApplicantCounts, row="5.要求行政机关确认或重新出具已获取信息"
    )


@attrs.frozen(kw_only=True)
class OtherHandling:
    """（六）其他处理, by reason (2021 edition; the 2019 edition has a single row, an
    :class:`ApplicantCounts`)."""

    no_correction: ApplicantCounts = group(
        ApplicantCounts,
        row="1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    )
    fee_unpaid: ApplicantCounts = group(
        ApplicantCounts,
        row="2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    )
    other: ApplicantCounts = group(ApplicantCounts, row="3.其他")


_OUTCOME_FIELDS = (
    "disclosed",
    "partly_disclosed",
    "withheld",
    "unavailable",
    "not_processed",
    "other_handling",
)


@attrs.frozen(kw_only=True)
class Outcomes:
    """三、本年度办理结果: the outcome rows and their （七）总计."""

    disclosed: ApplicantCounts = group(ApplicantCounts, row="（一）予以公开")
    partly_disclosed: ApplicantCounts = group(
        ApplicantCounts, row="（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    )
    withheld: Withheld = group(Withheld, row="（三）不予公开")
    unavailable: Unavailable = group(Unavailable, row="（四）无法提供")
    not_processed: NotProcessed = group(NotProcessed, row="（五）不予处理")
    other_handling: OtherHandling | ApplicantCounts = group(
        (OtherHandling, ApplicantCounts),
        row="（六）其他处理",
        doc="Three rows by reason (2021 edition) or a single row (2019 edition).",
    )
    total: ApplicantCounts = total(
        row="（七）总计",
        of=_OUTCOME_FIELDS,
        rule="S3-OUTCOMES-TOTAL",
        cls=ApplicantCounts,
    )


@attrs.frozen(kw_only=True)
class Requests:
    """Section 三: 收到和处理政府信息公开申请情况."""

    __table__: ClassVar[TableInfo] = TableInfo(
        number="三",
        heading="三、收到和处理政府信息公开申请情况",
        note="（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        column_caption="申请人情况",
    )

    received: ApplicantCounts = group(ApplicantCounts, row="一、本年新收政府信息公开申请数量")
    carried_over: ApplicantCounts = group(ApplicantCounts, row="二、上年结转政府信息公开申请数量")
    outcomes: Outcomes = group(Outcomes, row="三、本年度办理结果")
    carried_forward: ApplicantCounts = group(ApplicantCounts, row="四、结转下年度继续办理")
