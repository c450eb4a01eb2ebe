"""Hypothesis strategies for reports, for govinfo's own tests and for yours.

Every strategy draws the parts of a table and computes its totals, so the reports it generates
satisfy every arithmetic relation of the format; :func:`reports` draws whole reports that pass
:func:`govinfo.check` with no finding at all. Requires ``hypothesis`` (not a dependency of
govinfo itself)::

    from hypothesis import given
    from govinfo.strategies import reports

    @given(reports())
    def test_my_exporter(report): ...
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar, get_args

import attrs
from hypothesis import strategies as st

from . import emphasis
from .model import (
    ApplicantCounts,
    CaseOutcomes,
    Edition,
    Kind,
    Outcomes,
    Part,
    Proactive,
    Proactive2019,
    Report,
    Requests,
    ReviewLitigation,
    Signature,
    field_info,
)
from .model.report import LAYOUTS

__all__ = [
    "applicant_counts",
    "case_outcomes",
    "counts",
    "outcomes",
    "paragraph",
    "paragraphs",
    "parts",
    "proactive",
    "reports",
    "requests",
    "review_litigation",
    "text",
]

T = TypeVar("T", bound=attrs.AttrsInstance)

DEFAULT_MAX = 10_000

# Text a report may hold: any character except controls, surrogates and line breaks, with
# Chinese text and full-width punctuation well represented.
_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_PUNCT = st.sampled_from("，。、；：？！“”‘’（）《》〔〕【】—…·％")
_ANY = st.characters(
    blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
    blacklist_characters="\ufffe\uffff" + "".join(map(chr, range(0xFDD0, 0xFDF0))),
)


def text(*, min_size: int = 0, max_size: int = 60) -> st.SearchStrategy[str]:
    """Text valid in a report field (no control characters or line breaks)."""
    return st.text(st.one_of(_CJK, _PUNCT, _ANY), min_size=min_size, max_size=max_size)


def _visible_text(max_size: int = 60) -> st.SearchStrategy[str]:
    return st.builds(lambda a, b: a + b, _CJK, text(max_size=max_size - 1))


def counts(*, max_value: int = DEFAULT_MAX, blanks: bool = False) -> st.SearchStrategy[Any]:
    """One count cell: a non-negative int, or (with ``blanks``) sometimes ``None``."""
    value = st.integers(min_value=0, max_value=max_value)
    return st.one_of(st.none(), value) if blanks else value


def _cell(kind: Kind, max_value: int, blanks: bool) -> st.SearchStrategy[Any]:
    if kind is Kind.COUNT:
        return counts(max_value=max_value, blanks=blanks)
    if kind is Kind.SIGNED:
        value: st.SearchStrategy[Any] = st.integers(min_value=-max_value, max_value=max_value)
    else:
        value = _money(max_value)
    return st.one_of(st.none(), value) if blanks else value


def _money(max_value: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=0, max_value=max_value, places=2, allow_nan=False, allow_infinity=False
    )


def _table(
    cls: type[T],
    *,
    max_value: int,
    blanks: bool,
    layout: Mapping[str, type[Any]] | None,
    prefix: str = "",
) -> st.SearchStrategy[T]:
    """Any table class of the model: every cell drawn, totals left to be computed.

    ``layout`` fixes the class of parts that differ between editions (by dotted path);
    ``None`` draws them freely, giving mixed layouts.
    """
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for a in attrs.fields(cls):
        info = field_info(a)
        if info is None or info.is_total:
            continue
        path = prefix + a.name
        if info.kind is not Kind.GROUP:
            fields[a.name] = _cell(info.kind, max_value, blanks)
            continue
        choices = [t for t in (a.type, *get_args(a.type)) if isinstance(t, type) and attrs.has(t)]
        if layout is not None and path in layout:
            choices = [layout[path]]
        fields[a.name] = st.one_of(
            *(
                _table(c, max_value=max_value, blanks=blanks, layout=layout, prefix=f"{path}.")
                for c in choices
            )
        )
    return st.builds(cls, **fields)


def _layout(edition: Edition | None) -> Mapping[str, type[Any]] | None:
    return None if edition is None else LAYOUTS[edition]


def applicant_counts(
    *, max_value: int = DEFAULT_MAX, blanks: bool = False
) -> st.SearchStrategy[ApplicantCounts]:
    """A row of section 三 with its 总计 computed."""
    return _table(ApplicantCounts, max_value=max_value, blanks=blanks, layout={})


def outcomes(
    *, max_value: int = DEFAULT_MAX, blanks: bool = False, edition: Edition | None = Edition.E2021
) -> st.SearchStrategy[Outcomes]:
    """三、本年度办理结果: every outcome row drawn, （七）总计 computed.

    ``edition`` decides the layout of （六）其他处理 (three rows in 2021, one in 2019);
    ``None`` draws either.
    """
    layout = _layout(edition)
    inner = (
        {k.removeprefix("requests.outcomes."): v for k, v in layout.items()}
        if layout is not None
        else None
    )
    return _table(Outcomes, max_value=max_value, blanks=blanks, layout=inner)


@st.composite
def requests(
    draw: st.DrawFn,
    *,
    max_value: int = DEFAULT_MAX,
    blanks: bool = False,
    edition: Edition | None = Edition.E2021,
) -> Requests:
    """Section 三 satisfying every relation: 一 + 二 = （七）总计 + 四 in each column."""
    handled = draw(outcomes(max_value=max_value, blanks=blanks, edition=edition))
    forward = draw(applicant_counts(max_value=max_value, blanks=blanks))
    received: dict[str, int | None] = {}
    carried: dict[str, int | None] = {}
    for a in attrs.fields(ApplicantCounts):
        if a.name == "total":
            continue
        out, fwd = getattr(handled.total, a.name), getattr(forward, a.name)
        if out is None or fwd is None:
            received[a.name] = draw(counts(max_value=max_value, blanks=True))
            carried[a.name] = draw(counts(max_value=max_value, blanks=True))
            continue
        carried_here = draw(st.integers(min_value=0, max_value=out + fwd))
        carried[a.name] = carried_here
        received[a.name] = out + fwd - carried_here
    return Requests(
        received=ApplicantCounts(**received),
        carried_over=ApplicantCounts(**carried),
        outcomes=handled,
        carried_forward=forward,
    )


def case_outcomes(
    *, max_value: int = DEFAULT_MAX, blanks: bool = False
) -> st.SearchStrategy[CaseOutcomes]:
    """One group of section 四 with its 总计 computed."""
    return _table(CaseOutcomes, max_value=max_value, blanks=blanks, layout={})


def review_litigation(
    *, max_value: int = DEFAULT_MAX, blanks: bool = False
) -> st.SearchStrategy[ReviewLitigation]:
    """Section 四 with its three 总计 computed."""
    return _table(ReviewLitigation, max_value=max_value, blanks=blanks, layout={})


def proactive(
    *, max_value: int = DEFAULT_MAX, blanks: bool = False, edition: Edition | None = Edition.E2021
) -> st.SearchStrategy[Proactive | Proactive2019]:
    """Section 二 of ``edition`` (``None``: either); amounts are exact, with two decimals."""
    classes = [Proactive, Proactive2019] if edition is None else [LAYOUTS[edition]["proactive"]]
    return st.one_of(*(_table(c, max_value=max_value, blanks=blanks, layout={}) for c in classes))


def paragraph(*, max_size: int = 60) -> st.SearchStrategy[str]:
    """A paragraph: text in pieces, some of them emphasised, written in the report's markup
    (:mod:`govinfo.emphasis`) — asterisks and backslashes of the text escaped as needed."""
    pieces = st.lists(st.tuples(text(max_size=max_size // 3), st.booleans()), max_size=4)
    return pieces.map(emphasis.markup)


def _visible_paragraph() -> st.SearchStrategy[str]:
    return st.builds(lambda a, b: a + b, _CJK, paragraph())


def paragraphs(*, max_paragraphs: int = 3) -> st.SearchStrategy[tuple[str, ...]]:
    """One or more paragraphs (:func:`paragraph`), the first with visible text."""
    return st.builds(
        lambda first, rest: (first, *rest),
        _visible_paragraph(),
        st.lists(paragraph(), max_size=max_paragraphs - 1),
    )


def _part(heading: st.SearchStrategy[str | None]) -> st.SearchStrategy[Part]:
    return st.builds(Part, heading=heading, paragraphs=paragraphs()).flatmap(
        lambda p: (
            st.sampled_from([p, attrs.evolve(p, run_in=True)])
            if p.heading is not None
            else st.just(p)
        )
    )


def parts(*, max_parts: int = 4) -> st.SearchStrategy[tuple[Part, ...]]:
    """A free-text section: parts with or without headings, each with visible text."""
    part = _part(st.one_of(st.none(), _visible_text(20)))
    return st.lists(part, min_size=1, max_size=max_parts).map(tuple)


def _substantial(section: tuple[Part, ...]) -> tuple[Part, ...]:
    """Section 五 with more than one sentence (「无」 or one short sentence is a warning): its
    first paragraph said twice."""
    first = section[0]
    opening = f"{first.paragraphs[0]}。{first.paragraphs[0]}"
    return (attrs.evolve(first, paragraphs=(opening, *first.paragraphs[1:])), *section[1:])


def _dated(year: int) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=dt.date(year + 1, 1, 1), max_value=dt.date(year + 1, 3, 31))


@st.composite
def reports(
    draw: st.DrawFn,
    *,
    edition: Edition = Edition.E2021,
    max_value: int = DEFAULT_MAX,
    blanks: bool = False,
    mixed: bool = False,
) -> Report:
    """A whole report that passes every check (with ``blanks``: no arithmetic errors, only
    notices, and the completeness findings that name the blank cells).

    The year is one the edition is prescribed for; the publication date, when drawn, falls
    within the period the regulations allow. With ``mixed`` the parts whose layout differs
    between editions are drawn in either layout (the report then has ``META-LAYOUT``
    warnings, and no errors).
    """
    low, high = (2019, 2020) if edition is Edition.E2019 else (2021, 2100)
    year = draw(st.integers(min_value=low, max_value=high))
    layout_edition = None if mixed else edition
    organ = draw(_visible_text(30))
    published = draw(st.one_of(st.none(), _dated(year)))
    signature = draw(
        st.one_of(st.none(), st.builds(Signature, organ=st.just(organ), date=_dated(year)))
    )
    title = draw(st.one_of(st.none(), _visible_text(40)))
    return Report(
        organ=organ,
        year=year,
        edition=edition,
        title=title,
        published=published,
        signature=signature,
        preamble=draw(st.lists(_visible_paragraph(), max_size=2).map(tuple)),
        overview=draw(parts()),
        proactive=draw(proactive(max_value=max_value, blanks=blanks, edition=layout_edition)),
        requests=draw(requests(max_value=max_value, blanks=blanks, edition=layout_edition)),
        review_litigation=draw(review_litigation(max_value=max_value, blanks=blanks)),
        problems=draw(parts().map(_substantial)),
        other_matters=draw(parts()),
    )
