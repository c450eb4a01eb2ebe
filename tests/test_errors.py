"""Every error the library raises on bad input is a GovinfoError, and carries its data."""

from __future__ import annotations

import pytest

import govinfo
from govinfo.limits import DEFAULT, enforce
from govinfo.read import ReadError
from govinfo.render import PdfError, RenderError, RenderRefused, TemplateError

from .conftest import ROOT


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
    assert str(error) == (
        "$.requests.received.other: a count of 31 digits, over the limit of 15 "
        "(count_digits in govinfo.limits)"
    )
    assert isinstance(error, ValueError)  # callers that caught ValueError still do


def _every_govinfo_error() -> set[type[Exception]]:
    import importlib
    import pkgutil

    for module in pkgutil.walk_packages(govinfo.__path__, "govinfo."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found: set[type[Exception]] = set()
    pending: list[type[Exception]] = [govinfo.GovinfoError]
    while pending:
        error = pending.pop()
        if error.__module__.startswith("govinfo") and not error.__name__.startswith("_"):
            found.add(error)
        pending.extend(error.__subclasses__())
    return found


def test_every_error_is_documented_on_the_errors_page() -> None:
    from govinfo._docgen import documented_errors, pages

    assert _every_govinfo_error() <= set(documented_errors())
    page = pages()["errors.md"]
    for error in documented_errors():
        assert f".{error.__name__}` |" in page


def test_every_limit_and_exit_code_is_documented() -> None:
    import attrs

    from govinfo.cli import EXIT_CODES
    from govinfo.limits import Limits

    page = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    for field in attrs.fields(Limits):
        assert f"| `{field.name}` |" in page
        assert field.metadata["doc"]
    assert set(EXIT_CODES) == {0, 1, 2, 70, 130}
    for code in EXIT_CODES:
        assert f"| {code} |" in page
