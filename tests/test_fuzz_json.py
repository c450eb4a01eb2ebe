"""Fuzzing JSON reports: valid documents mutated by type and structure, and as text, go
through loads, check, dumps and render_bytes. Every input ends in a report or in one of the
library's documented errors (a GovinfoError) — never another exception — within the limits;
a report that loads survives JSON exactly, and its Word document reads back to it."""

from __future__ import annotations

import contextlib
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from govinfo import GovinfoError, Part, Report, check, cli, dumps, loads
from govinfo.read import read_bytes
from govinfo.render import render_bytes
from govinfo.serde import json_text
from govinfo.strategies import reports

from .conftest import EXAMPLES

_FEW = max(10, settings.default.max_examples // 2)  # each example renders and reads a document

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(
        ["", "2019", "2021", "/", "—", "\x00", "\u2028", "a\nb", "9" * 40, "2024-02-30", "x" * 600]
    ),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _nodes(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The paths of every node of a JSON document."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _nodes(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _nodes(item, (*path, index))
    return found


_ACTIONS = ["replace", "blank", "count", "remove", "rename", "empty", "repeat", "nest"]
_MILD = ["blank", "count", "empty", "repeat"]  # what often still makes a report


def _mutate(doc: Any, data: st.DataObject, mild: bool) -> Any:
    """``doc`` with one node replaced, removed, renamed, emptied, repeated or nested."""
    paths = _nodes(doc)[1:]
    if mild:
        paths = [p for p in paths if not isinstance(_at(doc, p), dict)]
    path = data.draw(st.sampled_from(paths), label="path")
    parent = _at(doc, path[:-1])
    key = path[-1]
    action = data.draw(st.sampled_from(_MILD if mild else _ACTIONS), label="do")
    if action == "replace":
        parent[key] = data.draw(_VALUES, label="value")
    elif action == "blank":
        parent[key] = None
    elif action == "count":  # a value of the right kind, or nearly: around the bound
        parent[key] = data.draw(st.sampled_from([0, 7, 10**15 - 1, 10**15, -1]), label="count")
    elif action == "remove":
        del parent[key]
    elif action == "rename" and isinstance(parent, dict):
        parent[data.draw(st.text(max_size=12), label="name")] = parent.pop(key)
    elif action == "empty":
        parent[key] = type(parent[key])() if isinstance(parent[key], list | dict | str) else None
    elif action == "repeat" and isinstance(parent[key], list) and parent[key]:
        parent[key] = parent[key] * data.draw(st.integers(2, 5), label="times")
    elif action == "nest":
        parent[key] = data.draw(st.sampled_from([[parent[key]], {"x": parent[key]}]), label="how")
    return doc


def _at(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def _survives(text: str | bytes) -> Report | None:
    """The property: a report, whose JSON round trip is exact and whose checks never raise;
    or a documented error."""
    try:
        report = loads(text)
    except GovinfoError:
        return None
    check(report)
    assert loads(dumps(report)) == report
    return report


def _renders_and_reads_back(report: Report) -> None:
    try:
        data = render_bytes(report)
    except GovinfoError:
        return
    result = read_bytes(data, source="fuzzed.docx")
    assert result.report == _printed(report)  # never a number, nor a word, read wrong


def _printed(report: Report) -> Report:
    """The report as a document can print it: a part with neither heading nor paragraphs
    prints nothing, and an empty run-in heading nothing before its paragraph, so nothing of
    them comes back (the model allows both)."""

    def shown(part: Part) -> Part | None:
        if part.run_in and not part.heading:
            part = Part(paragraphs=part.paragraphs)
        return part if part.heading is not None or part.paragraphs else None

    sections = ("overview", "problems", "other_matters")
    return report.replace(
        **{
            name: tuple(p for p in map(shown, getattr(report, name)) if p is not None)
            for name in sections
        }
    )


@settings(max_examples=_FEW, suppress_health_check=[HealthCheck.too_slow])
@given(reports(mixed=True, blanks=True), st.data())
def test_reports_mutated_by_type_and_structure(report: Report, data: st.DataObject) -> None:
    doc = json.loads(dumps(report), parse_float=Decimal)
    mild = data.draw(st.booleans(), label="mild")
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        doc = _mutate(doc, data, mild)
    loaded = _survives(json_text(doc))
    event("loaded" if loaded is not None else "refused")
    if loaded is not None:
        _renders_and_reads_back(loaded)


_EDITS = st.lists(
    st.tuples(
        st.sampled_from(["delete", "insert", "digits"]),
        st.floats(0, 1),
        st.integers(1, 12),
        st.sampled_from(
            ['"', "{", "}", "[", "]", ",", ":", "\\", "\x00", "-", ".", "e", "9" * 31, "１"]
        ),
    ),
    min_size=1,
    max_size=4,
)


@given(_EDITS)
def test_report_text_mutated_by_characters(edits: list[tuple[str, float, int, str]]) -> None:
    text = (EXAMPLES / "yulong-2023.json").read_text(encoding="utf-8")
    for action, where, size, piece in edits:
        at = int(where * len(text))
        if action == "delete":
            text = text[:at] + text[at + size :]
        elif action == "insert":
            text = text[:at] + piece + text[at:]
        else:  # a number made longer than any count or amount
            text = text[:at] + "1" * (size * 4) + text[at:]
    for form in (text, text.encode("utf-8"), text.encode("gb18030", errors="replace")):
        _survives(form)


def test_the_command_line_never_shows_a_traceback_for_a_fuzzed_report(tmp_path: Path) -> None:
    doc = json.loads((EXAMPLES / "yulong-2023.json").read_text(encoding="utf-8"))
    doc["edition"] = []
    doc["requests"]["received"]["other"] = 10**31
    doc["overview"] = {"x": [None]}
    path = tmp_path / "fuzzed.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    for args in (["check", str(path)], ["render", str(path), "-o", str(tmp_path / "x.docx")]):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(args)
        assert code == 2, err.getvalue()
        assert "Traceback" not in err.getvalue()
        assert "$.edition" in err.getvalue() + out.getvalue()
