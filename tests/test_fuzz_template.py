"""Fuzzing templates: the shipped template with Jinja tags, expressions and markup inserted,
or its XML damaged, goes through `govinfo template --check`. Every one ends in the problems
found (exit 1), none (exit 0) or a documented error (exit 2) — never a traceback or an
internal error — within the time limit."""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo import cli
from govinfo.limits import Limits, using
from govinfo.render import default_template_bytes

from .docx_helpers import parts

_FEW = max(8, settings.default.max_examples // 4)  # each example compiles and renders twice

_NUMBERS = st.sampled_from(["0", "1", "7", "100000", "10**9", "-1", "2**64", "'x'"])
_SNIPPETS = st.one_of(
    st.sampled_from(
        [
            "{{ organ }}",
            "{{ nothing }}",
            "{{ requests.received.total }}",
            "{{ 1/0 }}",
            "{{ organ.__class__ }}",
            "{{ title_lines|join }}",
            "{% if draft %}草稿{% endif %}",
            "{% for b in overview %}{{ b.text }}{% endfor %}",
            "{% for i in range(3) %}",
            "{% endfor %}",
            "{% if %}",
            "{{",
            "}}",
            "{%",
            "%}",
            "{#",
            "#}",
            "{{ organ }",
            "{%p for b in problems %}",
            "{%p endfor %}",
            "{%r if draft %}",
            "{%tr for x in y %}",
            "{% set ns = namespace(a=1) %}{{ ns.a }}",
            "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}",
            "{{ extra_tables.overview }}",
            "{{p extra_tables.problems }}",
            "{% include 'x' %}",
            "{{ lipsum(10) }}",
            "{{ cycler(1, 2).next() }}",
            "{{ [].append(1) }}",
        ]
    ),
    st.builds(lambda n: f"{{{{ 'x' * {n} }}}}", _NUMBERS),
    st.builds(lambda n: f"{{{{ organ|center({n}) }}}}", _NUMBERS),
    st.builds(lambda n: f"{{{{ range({n})|list|length }}}}", _NUMBERS),
    st.builds(
        lambda a, b: (
            f"{{% for i in range({a}) %}}{{% for j in range({b}) %}}{{% endfor %}}{{% endfor %}}"
        ),
        _NUMBERS,
        _NUMBERS,
    ),
    st.builds(lambda a, b: f"{{{{ {a} ** {b} }}}}", _NUMBERS, _NUMBERS),
    st.text(alphabet="{}%#|.()'\"abc 0123456789", max_size=16),
)


@cache
def _members() -> dict[str, bytes]:
    return parts(default_template_bytes())


def _check(tmp_path: Path, members: dict[str, bytes]) -> tuple[int, str, str]:
    path = tmp_path / "fuzzed.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    out, err = io.StringIO(), io.StringIO()
    with (
        using(Limits(template_seconds=1)),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code = cli.main(["template", "--check", str(path)])
    return code, out.getvalue(), err.getvalue()


def _assert_clean_end(code: int, out: str, err: str) -> None:
    assert code in (cli.EXIT_OK, cli.EXIT_FINDINGS, cli.EXIT_FAILURE), (code, err)
    assert "Traceback" not in err + out
    if code == cli.EXIT_FAILURE:
        assert err.startswith("govinfo: "), err
    else:
        assert out  # the problems, or “no problems found”


@settings(
    max_examples=_FEW,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.tuples(st.floats(0, 1), _SNIPPETS), min_size=1, max_size=3))
def test_templates_with_tags_inserted(tmp_path: Path, inserts: list[tuple[float, str]]) -> None:
    members = dict(_members())
    document = members["word/document.xml"].decode("utf-8")
    texts = [m.end(1) for m in re.finditer(r"(<w:t(?: [^>]*)?>)", document)]
    for where, snippet in sorted(inserts, reverse=True):
        at = texts[int(where * (len(texts) - 1))]
        document = document[:at] + escape(snippet) + document[at:]
    members["word/document.xml"] = document.encode("utf-8")
    _assert_clean_end(*_check(tmp_path, members))


_DAMAGE = st.sampled_from(
    [
        "<",
        ">",
        "&",
        "</w:p>",
        "<w:p>",
        "<!DOCTYPE x>",
        '<?xml version="1.0"?>',
        "\x00",
        "]]>",
        "\ufffe",
    ]
)


@settings(
    max_examples=_FEW,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.sampled_from(
        ["word/document.xml", "word/styles.xml", "[Content_Types].xml", "word/header1.xml"]
    ),
    st.lists(st.tuples(st.floats(0, 1), _DAMAGE), min_size=1, max_size=3),
)
def test_templates_with_damaged_xml(
    tmp_path: Path, part: str, inserts: list[tuple[float, str]]
) -> None:
    members = dict(_members())
    if part not in members:
        return
    text = members[part].decode("utf-8")
    for where, damage in inserts:
        at = int(where * len(text))
        text = text[:at] + damage + text[at:]
    members[part] = text.encode("utf-8")
    _assert_clean_end(*_check(tmp_path, members))
