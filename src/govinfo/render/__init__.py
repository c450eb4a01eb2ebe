"""Rendering reports to the official Word layout (and to PDF through LibreOffice).

The shipped template draws the national tables as static tables with the official merged
cells and sets the GB/T 9704-2012 page; :func:`render_docx` fills it for a report, verifies the
result and writes it atomically. Custom templates (a copy of the shipped one edited in Word or
WPS) are rendered in a Jinja sandbox; ``docs/template.md`` lists every variable. :func:`render_html`
writes the report as one self-contained web page for an office's portal.
"""

from ._check import TemplateProblem, check_template
from ._context import build_context
from ._html import html_page, render_html
from ._pdf import PdfError, convert_to_pdf
from ._render import (
    BatchItem,
    Rendered,
    RenderError,
    RenderRefused,
    render_bytes,
    render_docx,
    render_many,
)
from ._template import (
    DEFAULT_TEMPLATE,
    CompiledTemplate,
    TemplateError,
    TemplateUnreadable,
    default_template_bytes,
    load_template,
)

__all__ = [
    "DEFAULT_TEMPLATE",
    "BatchItem",
    "CompiledTemplate",
    "PdfError",
    "RenderError",
    "RenderRefused",
    "Rendered",
    "TemplateError",
    "TemplateProblem",
    "TemplateUnreadable",
    "build_context",
    "check_template",
    "convert_to_pdf",
    "default_template_bytes",
    "html_page",
    "load_template",
    "render_bytes",
    "render_docx",
    "render_html",
    "render_many",
]
