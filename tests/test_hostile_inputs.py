"""The inputs of the hostile test, each through the command that choked on it: no traceback,
no internal error, an exit code that says what happened (docs/errors.md)."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

import govinfo
from govinfo import cli
from govinfo.render import default_template_bytes, render_bytes

from . import docx_helpers as dx
from .conftest import EXAMPLES


def _json(change: Callable[[dict[str, object]], None]) -> bytes:
    doc = json.loads((EXAMPLES / "yulong-2023.json").read_text(encoding="utf-8"))
    change(doc)
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _docx(old: bytes, new: bytes, part: str = "word/document.xml") -> bytes:
    members = dx.parts(render_bytes(govinfo.load(EXAMPLES / "yulong-2023.json")))
    assert old in members[part]
    members[part] = members[part].replace(old, new, 1)
    return dx.zipped(members)


def _text_cell(digits: int) -> bytes:
    lines = (EXAMPLES / "yulong-2023.txt").read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("规章\t"))
    lines[row] = "规章\t" + "9" * digits + "\t0\t0"
    return "\n".join(lines).encode("utf-8")


# name, bytes, command (FILE stands for the input, OUT for an output), exit code
HOSTILE: list[tuple[str, Callable[[], bytes], list[str], int]] = [
    ("edition.json", lambda: _json(lambda d: d.update(edition=[])), ["check", "FILE"], 2),
    (
        "count31.json",
        lambda: _json(lambda d: d["requests"]["received"].update(other=10**30)),  # type: ignore[attr-defined]
        ["check", "FILE"],
        2,
    ),
    (
        "organ.json",
        lambda: _json(lambda d: d.update(organ="某" * 100_000)),
        ["render", "FILE", "-o", "OUT.docx"],
        2,
    ),
    (
        "paragraph.json",
        lambda: _json(lambda d: d["overview"][0].update(paragraphs=["x" * 17_000_000])),  # type: ignore[index]
        ["check", "FILE"],
        2,
    ),
    (
        "report.docx",
        lambda: b"PK\x03\x04" + b"\0" * 64,
        ["diff", "FILE", str(EXAMPLES / "yulong-2023.json")],
        2,
    ),
    (
        "loose.html",
        lambda: dx.page("<div><p>一、总体情况</p>a\nb<p>c</p></div>"),
        ["read", "FILE", "-o", "OUT.json"],
        1,  # read, with the sections it lacks reported
    ),
    (
        "divs.html",
        lambda: dx.page("<div>" * 1000 + "x" + "</div>" * 1000),
        ["read", "FILE", "-o", "OUT.json"],
        2,
    ),
    (
        "tables.html",
        lambda: dx.page("<table><tr><td>" * 400 + "x" + "</td></tr></table>" * 400),
        ["read", "FILE", "-o", "OUT.json"],
        2,
    ),
    (
        "spans.html",
        lambda: dx.page(
            "<table><tr>"
            + "<td rowspan=1000 colspan=1000>1</td>" * 300
            + "</tr><tr><td>2</td></tr></table>"
        ),
        ["read", "FILE", "-o", "OUT.json"],
        2,
    ),
    (
        "edition.docx",
        lambda: _docx(
            b'name="govinfo.edition"><vt:lpwstr>2021',
            b'name="govinfo.edition"><vt:lpwstr>[]',
            "docProps/custom.xml",
        ),
        ["read", "FILE", "-o", "OUT.json"],
        1,  # read; the property is an error diagnostic
    ),
    (
        "year.docx",
        lambda: _docx(
            b'name="govinfo.year"><vt:lpwstr>2023',
            b'name="govinfo.year"><vt:lpwstr>abc',
            "docProps/custom.xml",
        ),
        ["check", "FILE"],
        1,
    ),
    ("digits.txt", lambda: _text_cell(5000), ["read", "FILE", "-o", "OUT.json"], 1),
    (
        "bomb.docx",
        lambda: dx.zipped({"word/document.xml": b" " * 40_000_000}),
        ["read", "FILE", "-o", "OUT.json"],
        2,
    ),
    (
        "huge.docx",
        lambda: dx.template_with("一、总体情况", "{{ 'x' * 10**9 }}"),
        ["template", "--check", "FILE"],
        2,
    ),
    (
        "dtd.docx",
        lambda: dx.template_with(
            'standalone="yes"?>',
            'standalone="yes"?><!DOCTYPE w:document SYSTEM "file:///etc/passwd">',
        ),
        ["template", "--check", "FILE"],
        2,
    ),
    (
        "utf16.docx",
        lambda: dx.zipped(
            {
                **dx.parts(default_template_bytes()),
                "word/document.xml": dx.parts(default_template_bytes())["word/document.xml"]
                .decode("utf-8")
                .replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
                .encode("utf-16"),
            }
        ),
        ["template", "--check", "FILE"],
        2,
    ),
    ("missing.docx", lambda: b"", ["template", "--check", "FILE.missing"], 2),
    (
        "x.json",
        lambda: (EXAMPLES / "yulong-2023.json").read_bytes(),
        ["render", "FILE", "-o", "OUT.pdf"],
        2,
    ),
]


@pytest.mark.parametrize(("name", "make", "command", "code"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_no_traceback_on_a_hostile_input(
    tmp_path: Path, name: str, make: Callable[[], bytes], command: list[str], code: int
) -> None:
    source = tmp_path / name
    source.write_bytes(make())
    args = [a.replace("FILE", str(source)).replace("OUT", str(tmp_path / "out")) for a in command]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        exit_code = cli.main(args)
    assert "Traceback" not in out.getvalue() + err.getvalue()
    assert "internal error" not in err.getvalue()
    assert exit_code == code, err.getvalue()
    if exit_code == 2:
        assert err.getvalue().startswith("govinfo: ")
