"""Every error the library raises on bad input is a GovinfoError, and carries its data."""

from __future__ import annotations

import pytest

import govinfo
from govinfo.limits import DEFAULT, enforce
from govinfo.read import ReadError
from govinfo.render import PdfError, RenderError, RenderRefused, TemplateError


@pytest.mark.parametrize(
    "error",
    [
        govinfo.LoadError,
        govinfo.ValidationError,
        govinfo.UnrelatedReports,
        govinfo.AggregationError,
        govinfo.LimitExceeded,
        ReadError,
        RenderError,
        RenderRefused,
        TemplateError,
        PdfError,
    ],
)
def test_every_public_error_is_a_govinfo_error(error: type[Exception]) -> None:
    assert issubclass(error, govinfo.GovinfoError)


def test_a_load_error_is_caught_as_a_govinfo_error() -> None:
    with pytest.raises(govinfo.GovinfoError) as caught:
        govinfo.loads("{")
    assert isinstance(caught.value, govinfo.LoadError)


def test_enforce_names_the_limit_and_the_place() -> None:
    enforce("count_digits", DEFAULT.count_digits, DEFAULT.count_digits)  # at the limit: fine
    with pytest.raises(govinfo.LimitExceeded) as caught:
        enforce("count_digits", 31, DEFAULT.count_digits, "$.requests.received.other")
    error = caught.value
    assert (error.limit, error.value, error.maximum) == ("count_digits", 31, 15)
    assert str(error).startswith("$.requests.received.other: count_digits is 31")
    assert isinstance(error, ValueError)  # callers that caught ValueError still do
