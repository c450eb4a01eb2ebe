"""Checking a custom Word template before rendering with it.

A template is checked statically — every variable it prints or tests must be one the report
context provides (see ``docs/template.md``) — and then by rendering a sample report through
it, which catches what static analysis cannot (a sandbox refusal, a filter that fails).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final

import attrs
from jinja2 import nodes

from ..cells import layout
from ..model import ApplicantCounts, Edition, ExtraTable, Part, Report, Signature, update
from ..model.extra import TEXT_SECTIONS
from ..model.report import LAYOUTS
from ._build import sample_report
from ._context import BLOCK_FIELDS, build_context
from ._template import CompiledTemplate, TemplateError, _environment, load_template

__all__ = ["TemplateProblem", "check_template", "context_schema"]

_ANY: Final = object()
"""A value the checker does not track (a loop variable, a filter's result)."""


@attrs.frozen
class TemplateProblem:
    """Something wrong with a template, with the part and line it is on."""

    message: str
    part: str | None = None
    line: int | None = None
    severity: str = "error"
    """``error`` (rendering would fail) or ``warning`` (it renders, but check it)."""

    def __str__(self) -> str:
        where = self.part + (f", line {self.line}" if self.line else "") if self.part else ""
        return f"{where}: {self.message}" if where else self.message


def _sample_report(layout: Mapping[str, type[Any]] | None = None) -> Report:
    """A report of ``layout`` with numbers, and text in every place a report has some (a
    template that leaves text out fails to render it)."""
    report = sample_report(layout or LAYOUTS[Edition.E2021])
    return update(
        report,
        {
            "requests.received": ApplicantCounts(natural_person=1),
            "requests.outcomes.disclosed": ApplicantCounts(natural_person=1),
        },
    ).replace(
        preamble=("根据《条例》规定编制本报告。",),
        overview=(
            Part(heading="（一）主动公开", paragraphs=("主动公开示例。",)),
            Part(heading="（二）依申请公开。", paragraphs=("依申请公开示例。",), run_in=True),
        ),
        problems=(Part(paragraphs=("存在问题示例。",)),),
        other_matters=(Part(heading="（一）其他事项", paragraphs=("其他事项示例。",)),),
        signature=Signature(organ="示例单位", date=dt.date(2025, 1, 20)),
    )


def _schema(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _schema(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_schema(value[0]) if value else _ANY]
    return "value"


def context_schema(layout: Mapping[str, type[Any]] | None = None) -> dict[str, Any]:
    """The shape of the template context for reports of ``layout`` (2021 by default): nested
    dicts, ``[element]`` lists, ``"value"``."""
    context = build_context(_sample_report(layout))
    schema: dict[str, Any] = _schema(context)
    schema["signature"] = {"organ": "value", "date": "value"}
    runs = [{"text": "value", "strong": "value"}]
    schema["overview"] = schema["problems"] = schema["other_matters"] = [
        {**dict.fromkeys(BLOCK_FIELDS, "value"), "runs": runs}
    ]
    schema["preamble"] = [{"runs": runs}]
    return schema


def _chain(node: nodes.Node) -> tuple[str, list[str]] | None:
    """``a.b.c`` / ``a['b']`` as ("a", ["b", "c"]), or None when not a plain chain."""
    names: list[str] = []
    while True:
        if isinstance(node, nodes.Getattr):
            names.append(node.attr)
            node = node.node
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            names.append(str(node.arg.value))
            node = node.node
        elif isinstance(node, nodes.Name):
            return node.name, names[::-1]
        else:
            return None


def _lookup(schema: Any, names: list[str]) -> tuple[Any, int]:
    """Follow ``names`` into ``schema``; returns the result and how many names resolved."""
    for index, name in enumerate(names):
        if schema is _ANY:
            return _ANY, len(names)
        if isinstance(schema, dict) and name in schema:
            schema = schema[name]
        elif isinstance(schema, list) and name in ("length",):
            schema = "value"
        else:
            return None, index
    return schema, len(names)


def _targets(target: nodes.Node) -> list[str]:
    if isinstance(target, nodes.Name):
        return [target.name]
    return [n.name for n in target.find_all(nodes.Name)]


def _walk(node: nodes.Node, scope: dict[str, Any], part: str) -> Iterator[TemplateProblem]:
    if isinstance(node, nodes.For):
        yield from _walk(node.iter, scope, part)
        element: Any = _ANY
        chain = _chain(node.iter)
        if chain is not None and chain[0] in scope:
            found, resolved = _lookup(scope[chain[0]], chain[1])
            if resolved == len(chain[1]) and isinstance(found, list):
                element = found[0]
        inner = dict(scope)
        inner["loop"] = _ANY
        for name in _targets(node.target):
            inner[name] = element
        for child in (*node.body, *node.else_, *([node.test] if node.test else [])):
            yield from _walk(child, inner, part)
        return
    if isinstance(node, nodes.Assign | nodes.AssignBlock):
        for name in _targets(node.target):
            scope[name] = _ANY
    if isinstance(node, nodes.Getattr | nodes.Getitem | nodes.Name):
        chain = _chain(node)
        if chain is not None:
            root, names = chain
            if root not in scope:
                yield TemplateProblem(f"unknown variable {root!r}", part, node.lineno)
                return
            found, resolved = _lookup(scope[root], names)
            if found is None:
                path = ".".join([root, *names[: resolved + 1]])
                yield TemplateProblem(f"unknown variable {path!r}", part, node.lineno)
            return
    for child in node.iter_child_nodes():
        yield from _walk(child, scope, part)


def _static_problems(compiled: CompiledTemplate) -> Iterator[TemplateProblem]:
    env = _environment()
    schema = context_schema(compiled.layout or None)
    scope = {**dict.fromkeys(env.globals, _ANY), **schema}  # range, dict, namespace, …
    for part, source in compiled.source.items():
        jinja_source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
        tree = env.parse(jinja_source)
        yield from _walk(tree, dict(scope), part)


def check_template(path: str | os.PathLike[str] | None) -> list[TemplateProblem]:
    """Every problem found in the template at ``path`` (the shipped one when ``None``)."""
    try:
        compiled = load_template(None if path is None else Path(path))
    except TemplateError as exc:
        return [TemplateProblem(str(exc))]
    problems = list(_static_problems(compiled))
    if not problems:
        from ._render import RenderError, render_bytes

        sample = _sample_report(compiled.layout or None).replace(
            extras=tuple(
                ExtraTable(title="示例", section=section, columns=("项目", "数量"))
                for section in TEXT_SECTIONS
            )
        )
        for draft in (False, True):
            try:
                render_bytes(sample, template=compiled, draft=draft)
            except RenderError as exc:
                what = "a draft of a sample report" if draft else "a sample report"
                problems.append(TemplateProblem(f"rendering {what} failed: {exc}"))
                break
    printed = set(compiled.placeholder_cells)
    report = _sample_report(compiled.layout or None)
    for spec in layout(report).specs:
        if spec.dotted not in printed:
            problems.append(
                TemplateProblem(
                    f"{spec.place} ({spec.dotted}) is not printed in a table cell of its own",
                    severity="warning",
                )
            )
    return problems
