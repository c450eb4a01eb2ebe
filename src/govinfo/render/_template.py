"""A Word template loaded and compiled once, rendered many times, verified every time.

docxtpl prepares the template: it reads the document with python-docx and cleans the Jinja tags
that Word splits across runs (``patch_xml``). The cleaned parts are compiled once in a
sandboxed, autoescaping Jinja environment with strict undefined variables and kept, with the
raw bytes of every other part, in a :class:`CompiledTemplate`. Rendering a report then only
renders the parts that hold tags, checks them, and zips the package.
"""

from __future__ import annotations

import hashlib
import io
import re
import threading
import zipfile
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from types import CodeType
from typing import Any, Final

import attrs
import jinja2
from lxml import etree

from .. import limits
from .._io import declares_doctype, read_limited, zip_parts
from ..cells import Layout
from ..errors import GovinfoError, LimitExceeded
from ..model.report import report_layout
from ._context import Values
from ._sandbox import GuardedSandbox, budget, guarded_code
from ._zip import ONCE, Entry, deflate

__all__ = [
    "DEFAULT_TEMPLATE",
    "CompiledTemplate",
    "TemplateError",
    "TemplateUnreadable",
    "default_template_bytes",
    "load_template",
    "national_tables",
    "report_layout",
    "shipped_template_for",
]

W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TAG: Final = re.compile(r"\{\{|\{%|\{#")
_PLACEHOLDER: Final = re.compile(r"^\s*\{\{\s*([A-Za-z_][\w.]*)\s*\}\}\s*$")
_STRICT: Final = etree.XMLParser(
    recover=False, resolve_entities=False, no_network=True, collect_ids=False
)

DEFAULT_TEMPLATE: Final = "report-2021.docx"
PER_REPORT_PARTS: Final = frozenset({"docProps/core.xml", "docProps/custom.xml"})
"""Parts written for each report besides those holding template tags."""


@attrs.frozen
class ReadBack:
    """Where a shipped template prints the cells of one layout: the cells' positions in the
    layout, and (table, text element) of each in the rendered document."""

    cells: tuple[int, ...]
    places: tuple[tuple[int, int], ...]


class TemplateError(GovinfoError):
    """A template that cannot be used, or that failed while rendering a report."""


class TemplateUnreadable(TemplateError):
    """A file that cannot be opened as a template at all: unreadable, not a Word document,
    damaged, or beyond the limits."""


_MAPPING_METHODS: Final = frozenset({"items", "keys", "values", "get"})


class _Sandbox(GuardedSandbox):
    """The Jinja sandbox, with a direct path for the context's own mappings.

    ``a.b`` on a :class:`Values` is a key lookup: plain data the renderer made, so there is
    nothing to guard. Everything else goes through the sandbox's checks.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is Values:
            try:
                return obj[attribute]
            except KeyError:
                if attribute not in _MAPPING_METHODS:
                    # A misspelt name is an error, not a method of the mapping printed as text.
                    return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def _environment() -> GuardedSandbox:
    # Autoescape: a value holding & or < is written as text, never as markup. Sandbox: a
    # template cannot reach Python internals. StrictUndefined: a misspelt variable is an error.
    return _Sandbox(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


@attrs.frozen
class _CompiledPart:
    prefix: str
    template: jinja2.Template
    suffix: str
    code: CodeType = attrs.field(repr=False)
    """The template's compiled code (what :mod:`._cache` keeps between processes)."""

    def render(self, context: Mapping[str, Any]) -> bytes:
        with budget() as spent:
            pieces = []
            size = 0
            for piece in self.template.generate(context):
                size += len(piece)
                spent.allow(size)  # what the part holds so far
                spent.tick()
                pieces.append(piece)
        # docxtpl puts each paragraph on a line of its own so errors have useful line numbers.
        body = "".join(pieces).replace("\n<w:p", "<w:p")
        return (self.prefix + body + self.suffix).encode("utf-8")


@attrs.frozen(eq=False)
class CompiledTemplate:
    """A template ready to render: static parts as bytes, tagged parts compiled."""

    name: str
    digest: str
    """SHA-256 of the template file: what the process-wide cache is keyed by."""
    parts: dict[str, bytes]
    """Every part of the template package, as stored in it, in zip order."""
    compiled: dict[str, _CompiledPart]
    """The parts that hold template tags."""
    placeholder_cells: dict[str, tuple[int, int, int]]
    """Placeholder path → (table, row, cell) of a template cell that holds only it."""
    source: dict[str, str]
    """The cleaned Jinja source of each tagged part (for checking templates)."""
    layout: dict[str, type[Any]]
    """The layout of the reports the template is drawn for (see ``model.report.LAYOUTS``)."""
    slots: dict[tuple[str, ...], tuple[int, int]]
    """Cell attribute path → (table, text element) where the rendered document prints it."""
    table_sizes: tuple[int, ...]
    """The number of text elements in each table of a rendered document."""
    static: dict[str, Entry]
    """The parts that are the same for every report, compressed once."""
    shipped: bool = False
    """A template shipped with govinfo (built from the model): its number cells are known to
    be in their official places, and verification reads them back by position."""
    known: dict[tuple[str, bytes], Entry] = attrs.field(factory=dict, repr=False)
    """Small rendered parts already parsed and compressed (headers that only change with
    ``draft``): the same bytes are not checked or compressed again."""
    plans: dict[Layout, ReadBack] = attrs.field(factory=dict, repr=False)
    """Per cell layout, where verification reads each cell back."""

    def render(self, context: Mapping[str, Any]) -> dict[str, bytes]:
        """The rendered bytes of every tagged part."""
        with budget():  # the whole report's parts within one budget
            return self._render(context)

    def _render(self, context: Mapping[str, Any]) -> dict[str, bytes]:
        rendered = {}
        for name, part in self.compiled.items():
            try:
                rendered[name] = part.render(context)
            except LimitExceeded as exc:
                exc.where = f"{self.name}: {name}"
                raise
            except jinja2.UndefinedError as exc:
                raise TemplateError(
                    f"{self.name}: the template uses a variable the report does not provide "
                    f"({exc.message}); see docs/template.md for the variables"
                ) from None
            except jinja2.exceptions.SecurityError as exc:
                raise TemplateError(
                    f"{self.name}: refused by the template sandbox: {exc}"
                ) from None
            except jinja2.TemplateError as exc:
                raise TemplateError(f"{self.name}: {name}: {exc}") from None
            except RecursionError:
                raise TemplateError(
                    f"{self.name}: {name}: the template recurses too deeply"
                ) from None
            except Exception as exc:  # anything a template expression can raise: 1/0, …
                raise TemplateError(
                    f"{self.name}: {name}: the template failed: {type(exc).__name__}: {exc}"
                ) from None
        return rendered


# docxtpl leaves an empty run on each side of a {%r %} tag: they print nothing.
_EMPTY_RUN: Final = re.compile(r'<w:r><w:t xml:space="preserve"></w:t></w:r>')

_OPENERS: Final = {"{{": "}}", "{%": "%}", "{#": "#}"}


def _check_tags(name: str, part_name: str, xml: str) -> None:
    """Refuse a tag opened and not closed before the next one opens: docxtpl would take
    everything up to the next closing braces for the tag, and silently drop it."""
    text = "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml))
    openers = list(re.finditer(r"\{[{%#]", text))
    for index, match in enumerate(openers):
        opener = match.group()
        close = text.find(_OPENERS[opener], match.end())
        following = openers[index + 1].start() if index + 1 < len(openers) else len(text)
        if close < 0 or following < close:
            shown = text[match.start() : match.start() + 30]
            raise TemplateError(
                f"{name}: {part_name}: the tag “{shown}…” is not closed with “{_OPENERS[opener]}”"
            )


def _split_body(document: str) -> tuple[str, str]:
    start = re.search(r"<w:body(?:\s[^>]*)?>", document)
    end = document.rfind("</w:body>")
    if start is None or end < 0:
        raise TemplateError("word/document.xml has no w:body")
    return document[: start.end()], document[end:]


def _inner(xml: str, tag: str) -> str:
    """The content of the root element ``tag`` of a serialized element."""
    start = re.match(rf"<{tag}(?:\s[^>]*)?>", xml)
    if start is None or xml.endswith("/>"):
        return ""
    return xml[start.end() : xml.rfind(f"</{tag}>")]


_PLACEHOLDER_ANYWHERE: Final = re.compile(r"\{\{\s*([A-Za-z_][\w.]*)\s*\}\}")


def _probe(
    name: str, compiled: dict[str, _CompiledPart], source: str
) -> tuple[dict[str, type[Any]], dict[tuple[str, ...], tuple[int, int]], tuple[int, ...]]:
    """The layout a template is drawn for, and where it prints each table cell.

    The layout is the one whose cells best match the template's placeholders. The template is
    then rendered once with a unique marker in place of every cell value; the position of each
    marker among the text elements of its table is where verification reads the value back.
    The positions are empty when the template cannot render a sample report (its problems are
    then reported when a report is rendered).
    """
    from ..cells import layout
    from ..model import Report, sections
    from ._build import layouts, sample_report
    from ._context import build_context

    placeholders = set(_PLACEHOLDER_ANYWHERE.findall(source))

    def overlap(candidate: Mapping[str, type[Any]]) -> int:
        specs = layout(sample_report(candidate)).specs
        return len(placeholders & {spec.dotted for spec in specs})

    candidates: list[Mapping[str, type[Any]]] = list(layouts().values())
    best = max(candidates, key=overlap)
    chosen = dict(best)
    context = build_context(sample_report(chosen))
    markers: dict[str, tuple[str, ...]] = {}

    def mark(values: dict[str, Any], prefix: tuple[str, ...]) -> None:
        for key, value in values.items():
            if isinstance(value, dict):
                mark(value, (*prefix, key))
            else:
                token = f"\ue000{len(markers)}\ue001"
                markers[token] = (*prefix, key)
                values[key] = token

    for section in sections(Report):
        if section.table is not None:
            mark(context[section.attribute], (section.attribute,))
    try:
        with budget():
            root = etree.fromstring(compiled["word/document.xml"].render(context), _STRICT)
    except LimitExceeded as exc:  # a template that runs away runs away on every report
        exc.where = f"{name}: word/document.xml"
        raise
    except Exception:  # any failure of a custom template surfaces when rendering a report
        return chosen, {}, ()
    slots: dict[tuple[str, ...], tuple[int, int]] = {}
    sizes = []
    for t, tbl in enumerate(national_tables(root)):
        texts = [e.text or "" for e in tbl.iter(f"{W}t")]
        sizes.append(len(texts))
        for i, text in enumerate(texts):
            if text in markers:
                slots[markers[text]] = (t, i)
    return chosen, slots, tuple(sizes)


_EXTRA_STYLE: Final = "GovExtraTable"


def national_tables(root: etree._Element) -> list[etree._Element]:
    """The tables of a document, without the office's own (extra) tables."""
    return [
        tbl
        for tbl in root.iter(f"{W}tbl")
        if tbl.find(f"{W}tblPr/{W}tblStyle[@{W}val='{_EXTRA_STYLE}']") is None
    ]


def _number_cells(document: bytes) -> dict[str, tuple[int, int, int]]:
    root = etree.fromstring(document, _STRICT)
    found: dict[str, tuple[int, int, int]] = {}
    for t, tbl in enumerate(root.iter(f"{W}tbl")):
        for r, tr in enumerate(tbl.iterfind(f"{W}tr")):
            for c, tc in enumerate(tr.iterfind(f"{W}tc")):
                text = "".join(x.text or "" for x in tc.iter(f"{W}t"))
                match = _PLACEHOLDER.match(text)
                if match:
                    found[match.group(1)] = (t, r, c)
    return found


def _check_part(name: str, part_name: str, part: bytes) -> None:
    """An XML part of a template: well-formed, UTF-8 (what Word writes, and what the parts
    holding tags are read as), and without a document type declaration — which a Word
    document never has, which could name files to read, and which would be copied into
    every document rendered."""
    limits.enforce("markup_tags", part.count(b"<"), where=f"{name}: {part_name}")
    if declares_doctype(part):  # checked before parsing: the parser would read what it names
        raise TemplateUnreadable(
            f"{name}: {part_name} declares a document type (<!DOCTYPE …>), which a Word "
            "document never has: it is refused, and never written into a document"
        )
    try:
        root = etree.fromstring(part, _STRICT)
    except etree.XMLSyntaxError as exc:
        raise TemplateUnreadable(f"{name}: {part_name} is not well-formed XML: {exc}") from None
    try:
        part.decode("utf-8")
    except UnicodeDecodeError:
        encoding = root.getroottree().docinfo.encoding or "another encoding"
        raise TemplateUnreadable(
            f"{name}: {part_name} is written in {encoding}, not in UTF-8 as Word writes it: "
            "open the template in Word and save it again"
        ) from None


def _compile(name: str, data: bytes, *, shipped: bool = False) -> CompiledTemplate:
    from docxtpl import DocxTemplate

    try:
        parts = zip_parts(data, where=name)
    except zipfile.BadZipFile as exc:
        raise TemplateUnreadable(f"{name}: not a Word document (.docx): {exc}") from None
    if "word/document.xml" not in parts:
        raise TemplateUnreadable(f"{name}: not a Word document (.docx): no word/document.xml")
    for part_name, part in parts.items():
        if part_name.endswith((".xml", ".rels")):
            _check_part(name, part_name, part)

    tpl = DocxTemplate(io.BytesIO(data))
    try:
        tpl.init_docx()
    except Exception as exc:  # python-docx raises several kinds for unusual packages
        raise TemplateError(f"{name}: python-docx cannot open it: {exc}") from None
    env = _environment()
    compiled: dict[str, _CompiledPart] = {}
    source: dict[str, str] = {}

    def add(part_name: str, prefix: str, inner: str, suffix: str) -> None:
        _check_tags(name, part_name, inner)
        patched = _EMPTY_RUN.sub("", tpl.patch_xml(inner))
        if not _TAG.search(patched):
            return
        jinja_source = re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)
        try:
            code = guarded_code(env, jinja_source)
        except jinja2.TemplateSyntaxError as exc:
            line = jinja_source.splitlines()[exc.lineno - 1] if exc.lineno else ""
            text = re.sub(r"<[^>]+>", "", line)[:80]
            raise TemplateError(
                f"{name}: {part_name}: template syntax error: {exc.message} (near “{text}”)"
            ) from None
        template = env.template_class.from_code(env, code, env.make_globals(None), None)
        compiled[part_name] = _CompiledPart(prefix, template, suffix, code)
        source[part_name] = patched

    document = parts["word/document.xml"].decode("utf-8")
    prefix, suffix = _split_body(document)
    body = _inner(tpl.get_xml(), "w:body")
    add("word/document.xml", prefix, body, suffix)
    for part_name, part in parts.items():
        if re.fullmatch(r"word/(header|footer)\d*\.xml", part_name):
            text = part.decode("utf-8")
            root = re.search(r"<w:(hdr|ftr)(?:\s[^>]*)?>", text)
            end = max(text.rfind("</w:hdr>"), text.rfind("</w:ftr>"))
            if root is None or end < 0:
                continue
            add(part_name, text[: root.end()], text[root.end() : end], text[end:])
    if "word/document.xml" in compiled:
        chosen, slots, sizes = _probe(name, compiled, source["word/document.xml"])
    else:
        chosen, slots, sizes = {}, {}, ()
    return CompiledTemplate(
        name=name,
        digest=hashlib.sha256(data).hexdigest(),
        parts=parts,
        compiled=compiled,
        placeholder_cells=_number_cells(parts["word/document.xml"]),
        source=source,
        layout=chosen,
        slots=slots,
        table_sizes=sizes,
        static={
            n: deflate(n, part, ONCE)
            for n, part in parts.items()
            if n not in compiled and n not in PER_REPORT_PARTS
        },
        shipped=shipped,
    )


def default_template_bytes(name: str = DEFAULT_TEMPLATE) -> bytes:
    """A shipped template (by default the one for the 2021 edition), as .docx bytes."""
    package = resources.files("govinfo.render")
    try:
        return package.joinpath("templates").joinpath(name).read_bytes()
    except FileNotFoundError:
        raise TemplateError(f"no shipped template named {name}") from None


_CACHE: dict[tuple[str, bool], CompiledTemplate] = {}
_SHIPPED: dict[str, CompiledTemplate] = {}
_LOCK = threading.Lock()


def load_template(
    path: str | Path | None = None, *, name: str = DEFAULT_TEMPLATE
) -> CompiledTemplate:
    """The compiled template at ``path``, or the shipped template ``name`` when ``path`` is
    ``None``.

    Templates are compiled once per process and cached by content, so rendering many reports
    with one template pays for loading and compiling only once.
    """
    shipped = path is None
    if path is None:
        found = _SHIPPED.get(name)  # package data: read and compiled once per process
        if found is not None:
            return found
        data = default_template_bytes(name)
    else:
        try:
            data = read_limited(path, "source_bytes")
        except OSError as exc:
            raise TemplateUnreadable(f"{path}: cannot read the template: {exc.strerror}") from None
        name = str(path)
    digest = hashlib.sha256(data).hexdigest()
    with _LOCK:
        found = _CACHE.get((digest, shipped))
        if found is None:
            from ._cache import compiled  # compiled once per machine, not once per process

            found = compiled(name, data, digest, shipped, _compile)
            _CACHE[digest, shipped] = found
        if shipped:
            _SHIPPED[name] = found
    return found


def shipped_template_for(report: Any) -> str:
    """The name of the shipped template drawn for ``report``'s layout."""
    from ._build import layouts

    wanted = report_layout(report)
    return next(name for name, layout in layouts().items() if dict(layout) == wanted)


def parse_strict(name: str, data: bytes) -> etree._Element:
    """Parse a rendered part without error recovery; a failure names the part."""
    try:
        return etree.fromstring(data, _STRICT)
    except etree.XMLSyntaxError as exc:
        raise TemplateError(f"the rendered {name} is not well-formed XML: {exc}") from None
