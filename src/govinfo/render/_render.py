"""Rendering reports to Word: checks first, a verified package, atomic writes, batches."""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Final

import attrs
from lxml import etree

from .._io import atomic_write, cannot_write, refuse_overwriting
from ..cells import Layout, layout
from ..checks import Finding, Severity, check, describe_errors
from ..emphasis import plain
from ..errors import GovinfoError
from ..model import Report, sections
from ..serde import load
from ._build import core_properties, custom_properties
from ._context import build_context, date_text, display_value, displayed
from ._template import (
    DEFAULT_TEMPLATE,
    CompiledTemplate,
    ReadBack,
    TemplateError,
    W,
    load_template,
    national_tables,
    parse_strict,
    report_layout,
    shipped_template_for,
)
from ._zip import EACH, Entry, deflate, write_zip

__all__ = [
    "BatchItem",
    "RenderError",
    "RenderRefused",
    "Rendered",
    "render_bytes",
    "render_docx",
    "render_many",
]


class RenderError(GovinfoError):
    """A report could not be rendered (bad template, verification failure, unwritable file)."""


@attrs.define(eq=False)
class RenderRefused(RenderError):
    """The report has error-level findings; render it with ``draft=True`` to mark it 草稿."""

    findings: tuple[Finding, ...]

    def __str__(self) -> str:
        return describe_errors(
            self.findings,
            "refused: the report has {count} error(s); fix them, or render a draft "
            "(marked 草稿 on every page)",
        )


@attrs.frozen
class Rendered:
    """What :func:`render_docx` wrote."""

    path: Path
    findings: tuple[Finding, ...]
    """Every finding of the report (warnings and notices; errors too for a draft)."""
    draft: bool


_TEMPLATE_ARG = str | os.PathLike[str] | CompiledTemplate | None


def _template(template: _TEMPLATE_ARG, report: Report | None = None) -> CompiledTemplate:
    """The compiled template to use: the one given, or the shipped one for ``report``."""
    if isinstance(template, CompiledTemplate):
        return template
    try:
        if template is None:
            name = shipped_template_for(report) if report is not None else DEFAULT_TEMPLATE
            return load_template(None, name=name)
        return load_template(Path(template))
    except TemplateError as exc:
        raise RenderError(str(exc)) from None


def _check_layout(compiled: CompiledTemplate, report: Report) -> None:
    wanted = report_layout(report)
    if compiled.layout and compiled.layout != wanted:
        differ = [path for path, cls in wanted.items() if compiled.layout.get(path) is not cls]
        raise RenderError(
            f"{compiled.name} is drawn for another layout of "
            + ", ".join(differ)
            + " than this report's; use a template drawn for this layout (or the shipped one)"
        )


def _reopen(
    compiled: CompiledTemplate, data: bytes, rendered: dict[str, bytes]
) -> dict[str, etree._Element]:
    """Open the package as a reader does: every part of the template in its place, and every
    part written for this report read back (its checksum checked) and parsed strictly —
    except parts whose very bytes were read back before, and the template's own parts, which
    were parsed when it was compiled."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.namelist() != list(compiled.parts):
                raise RenderError("verification failed: the package lacks parts of the template")
            return {
                name: parse_strict(name, archive.read(name))
                for name in compiled.parts
                if name in rendered and (name, rendered[name]) not in compiled.known
            }
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise RenderError(f"verification failed: the package cannot be read back: {exc}") from None


def _verify(
    compiled: CompiledTemplate,
    roots: dict[str, etree._Element],
    report: Report,
    shown: Sequence[str],
) -> None:
    """Read every number back from its cell of the parsed document and compare it with
    ``shown``, the report's cells as printed (:func:`displayed`)."""
    document = roots.get("word/document.xml")
    if document is None:
        # A template whose body has no tags (a finished document given as a template) prints
        # its own numbers whatever the report: verified all the same, so it is refused.
        document = parse_strict("word/document.xml", compiled.parts["word/document.xml"])
    if report.extras:
        printed = len(document.findall(f".//{W}tbl")) - len(national_tables(document))
        if printed != len(report.extras):
            raise RenderError(
                f"{compiled.name} does not print the office's own tables ({len(report.extras)} "
                f"in the report, {printed} in the document): a custom template prints them with "
                "{{p extra_tables.overview }}, {{p extra_tables.problems }} and "
                "{{p extra_tables.other_matters }}"
            )
    if not compiled.shipped:
        _verify_by_labels(document, report)
        _verify_text(compiled, document, report)
        return
    tables = national_tables(document)
    if len(tables) != len(compiled.table_sizes):
        raise RenderError(
            f"verification failed: the document has {len(tables)} tables, the template "
            f"{len(compiled.table_sizes)}"
        )
    texts = [[e.text or "" for e in table.iter(f"{W}t")] for table in tables]
    for number, (found, size) in enumerate(zip(texts, compiled.table_sizes, strict=True)):
        if len(found) != size:
            raise RenderError(
                f"verification failed: table {number + 1} changed shape while rendering"
            )
    lay = layout(report)
    plan = _read_back(compiled, lay)
    expected = [shown[k] for k in plan.cells]
    printed_values = [texts[t][i] for t, i in plan.places]
    if printed_values != expected:
        index, reads, wanted = next(
            (k, a, b)
            for k, a, b in zip(plan.cells, printed_values, expected, strict=True)
            if a != b
        )
        raise RenderError(
            f"verification failed: {lay.specs[index].place} reads {reads!r} in the "
            f"document, expected {wanted!r}"
        )


def _read_back(compiled: CompiledTemplate, lay: Layout) -> ReadBack:
    """Where ``compiled`` prints each cell of ``lay`` (worked out once per layout)."""
    found = compiled.plans.get(lay)
    if found is None:
        cells, places = [], []
        for attribute, place in compiled.slots.items():
            try:
                cells.append(lay.index(attribute))
            except KeyError:
                continue  # a cell this layout does not have
            places.append(place)
        found = compiled.plans[lay] = ReadBack(tuple(cells), tuple(places))
    return found


def _check_draft_mark(
    compiled: CompiledTemplate, rendered: dict[str, bytes], roots: dict[str, etree._Element]
) -> None:
    """A draft must say so on every page: a header on odd and even pages that says 草稿."""

    def part(name: str) -> etree._Element:
        # A part without tags was not rendered (nor read back): it is the template's own.
        root = roots.get(name)
        if root is None:
            root = parse_strict(name, rendered.get(name, compiled.parts[name]))
        return root

    document = part("word/document.xml")
    referenced = {ref.get(f"{W}type", "default") for ref in document.iter(f"{W}headerReference")}
    headers = [name for name in compiled.parts if re.fullmatch(r"word/header\d*\.xml", name)]

    def says_draft(name: str) -> bool:
        return "草稿" in "".join(t.text or "" for t in part(name).iter(f"{W}t"))

    if not headers or not {"default", "even"} <= referenced or not all(map(says_draft, headers)):
        raise RenderError(
            f"{compiled.name} does not mark drafts on every page (it needs headers for odd and "
            "even pages with {%p if draft %}…草稿…{%p endif %}): a draft cannot be rendered "
            "with it"
        )


def _report_text(report: Report) -> Iterable[tuple[str, str]]:
    """Every paragraph of text a document must print, with its name: the preamble, and each
    heading and paragraph of the free-text sections, as printed (emphasis taken away)."""
    for index, text in enumerate(report.preamble):
        yield f"preamble[{index}]", plain(text)
    for section in sections(type(report)):
        if section.table is not None:
            continue
        for number, part in enumerate(getattr(report, section.attribute)):
            where = f"{section.attribute}[{number}]"
            if part.heading is not None:
                yield f"{where}.heading", part.heading
            for index, text in enumerate(part.paragraphs):
                yield f"{where}.paragraphs[{index}]", plain(text)
    if report.signature is not None:
        yield "signature.organ", report.signature.organ
        yield "signature.date", date_text(report.signature.date)


def _verify_text(compiled: CompiledTemplate, document: Any, report: Report) -> None:
    """A custom template may leave text out: every paragraph of the report must be in the
    document (a paragraph of its own, or within one, as a run-in heading is), and the title
    (which the page may split into lines)."""
    printed = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in document.iter(f"{W}p")]
    paragraphs = set(printed)
    everything = "\n".join(printed)
    for where, text in _report_text(report):
        if text.strip() and text not in paragraphs and text not in everything:
            shown = text if len(text) <= 30 else text[:30] + "……"
            raise RenderError(
                f"{compiled.name} leaves out the report's text: {where} “{shown}” is not in the "
                "document (a custom template prints every paragraph; see docs/template.md)"
            )
    title = "".join(report.display_title.split())
    if title not in "".join(everything.split()):
        raise RenderError(f"{compiled.name} leaves out the report's title “{report.display_title}”")


def _verify_by_labels(document: Any, report: Report) -> None:
    """A custom template may put anything in any cell: read every number back from the cell
    the format's labels give it, as a reader of the document would, and compare."""
    from ..read._assemble import read_national_tables
    from ..read._sources import docx_table

    tables = [docx_table(t, i) for i, t in enumerate(national_tables(document), start=1)]
    found, problems = read_national_tables(tables, report)
    if problems:
        raise RenderError("verification failed: " + "; ".join(problems[:5]))
    lay = layout(report)
    for spec, value in zip(lay.specs, lay.values(report), strict=True):
        if found.get(spec.dotted) != value:
            shown = found.get(spec.dotted)
            raise RenderError(
                f"verification failed: {spec.place} reads {display_value(shown, spec.kind)!r} "
                f"in the document, expected {display_value(value, spec.kind)!r}"
            )


_KNOWN_SIZE: Final = 4096
"""Rendered headers and footers up to this size are remembered
(:attr:`CompiledTemplate.known`)."""
_KNOWN_COUNT: Final = 256


def _package(
    compiled: CompiledTemplate, rendered: dict[str, bytes]
) -> tuple[bytes, dict[tuple[str, bytes], Entry]]:
    """The package, and the compressed headers and footers worth remembering once it has
    been verified."""
    entries = []
    fresh = {}
    for name, data in compiled.parts.items():
        entry = compiled.static.get(name)
        if entry is None:
            data = rendered.get(name, data)
            entry = compiled.known.get((name, data))
            if entry is None:
                entry = deflate(name, data, EACH)
                if (
                    name in compiled.compiled
                    and name != "word/document.xml"  # always read back, whatever its bytes
                    and len(data) <= _KNOWN_SIZE
                ):
                    fresh[name, data] = entry
        entries.append(entry)
    return write_zip(entries), fresh


PROPERTY_PREFIX: Final = "govinfo."


def document_properties(report: Report) -> dict[str, str]:
    """The report's metadata that the page does not print in full, as document properties."""
    values = {
        "organ": report.organ,
        "year": str(report.year),
        "edition": report.edition.value,
    }
    if report.title is not None:
        values["title"] = report.title
    if report.published is not None:
        values["published"] = report.published.isoformat()
    return {PROPERTY_PREFIX + name: value for name, value in values.items()}


def render_bytes(report: Report, *, template: _TEMPLATE_ARG = None, draft: bool = False) -> bytes:
    """The .docx of ``report`` as bytes, rendered and verified (no checks of the report)."""
    compiled = _template(template, report)
    _check_layout(compiled, report)
    shown = displayed(report)
    context = build_context(report, draft=draft, shown=shown)
    try:
        rendered = compiled.render(context)
        rendered["docProps/core.xml"] = core_properties(report.display_title, report.organ).encode()
        rendered["docProps/custom.xml"] = custom_properties(document_properties(report)).encode()
        data, fresh = _package(compiled, rendered)
        roots = _reopen(compiled, data, rendered)
        if draft:
            _check_draft_mark(compiled, rendered, roots)
        _verify(compiled, roots, report, shown)
    except TemplateError as exc:
        raise RenderError(str(exc)) from None
    if len(compiled.known) < _KNOWN_COUNT:
        compiled.known.update(fresh)
    return data


def render_docx(
    report: Report,
    target: str | os.PathLike[str],
    template: _TEMPLATE_ARG = None,
    *,
    draft: bool = False,
) -> Rendered:
    """Render ``report`` to the Word file ``target``.

    A report with error-level findings is refused (:class:`RenderRefused`, carrying them)
    unless ``draft`` is true; a draft is marked 草稿 on every page. ``template`` is the path of
    a custom template (by default the shipped one). The document is verified before it is
    written, and written atomically: on any failure an existing ``target`` is left untouched.
    """
    findings = tuple(check(report))
    if not draft and any(f.severity is Severity.ERROR for f in findings):
        raise RenderRefused(findings)
    data = render_bytes(report, template=template, draft=draft)
    path = Path(target)
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise RenderError(cannot_write(path, exc)) from None
    return Rendered(path, findings, draft)


@attrs.frozen
class BatchItem:
    """The outcome of one report of :func:`render_many`."""

    source: str
    """The input file, or a description of the report."""
    output: Path | None
    """The written document, or ``None`` when this report failed."""
    error: str | None
    """Why it failed, or ``None``."""
    findings: tuple[Finding, ...] = ()


_UNSAFE: Final = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _output_name(item: Report | str | os.PathLike[str]) -> str:
    if isinstance(item, Report):
        return _UNSAFE.sub("_", item.display_title) + ".docx"
    return Path(item).stem + ".docx"


def render_many(
    items: Iterable[Report | str | os.PathLike[str]],
    directory: str | os.PathLike[str],
    template: _TEMPLATE_ARG = None,
    *,
    draft: bool = False,
    progress: Callable[[int, BatchItem], None] | None = None,
) -> list[BatchItem]:
    """Render many reports (or report JSON files) into ``directory``.

    The template is compiled once for the whole batch. Each report is named after its JSON file
    (``a.json`` → ``a.docx``) or, for a :class:`Report`, after its title. One report that
    fails — unreadable, refused for its errors, or clashing with another's output name — does
    not stop the others; the result lists every report with its outcome. ``progress`` is
    called after each report with its position and outcome.
    """
    # A given template is compiled once here; the shipped ones once each, as the reports' layouts
    # call for them.
    compiled = None if template is None else _template(template)
    out_dir = Path(directory)
    out_dir.mkdir(parents=True, exist_ok=True)
    results: list[BatchItem] = []
    taken: dict[str, str] = {}
    items = list(items)
    # No output may replace a file the batch reads: a report, or the template.
    inputs = [item for item in items if not isinstance(item, Report)]
    if template is not None and not isinstance(template, CompiledTemplate):
        inputs.append(template)
    for position, item in enumerate(items, start=1):
        source = f"{item.organ} {item.year}" if isinstance(item, Report) else os.fspath(item)
        result = _render_one(item, source, out_dir, compiled, draft, taken, inputs)
        results.append(result)
        if progress is not None:
            progress(position, result)
    return results


def _render_one(
    item: Report | str | os.PathLike[str],
    source: str,
    out_dir: Path,
    compiled: CompiledTemplate | None,
    draft: bool,
    taken: dict[str, str],
    inputs: Sequence[str | os.PathLike[str]],
) -> BatchItem:
    name = _output_name(item)
    if name in taken:
        return BatchItem(source, None, f"{name} is already the output of {taken[name]}")
    taken[name] = source
    try:
        refuse_overwriting(out_dir / name, inputs)
        report = item if isinstance(item, Report) else load(item)
        rendered = render_docx(report, out_dir / name, compiled, draft=draft)
    except RenderRefused as exc:
        errors = sum(1 for f in exc.findings if f.severity is Severity.ERROR)
        return BatchItem(source, None, f"refused: {errors} error(s) in the report", exc.findings)
    except GovinfoError as exc:  # unreadable, a template failing, a limit, an input as output
        return BatchItem(source, None, str(exc))
    return BatchItem(source, rendered.path, None, rendered.findings)


def failed(results: Sequence[BatchItem]) -> list[BatchItem]:
    """The items of a batch that failed."""
    return [r for r in results if r.error is not None]
