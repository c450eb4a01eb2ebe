"""The ``govinfo`` command: parses arguments, calls the library, formats output, sets exit codes.

Exit codes (``docs/errors.md``): 0 success; 1 findings (errors in a report, a template, a
reading, differences); 2 bad input or a failure (a file that cannot be read or written, a
limit exceeded, a wrong command line); 70 an internal error (a bug: one line, and the
traceback with ``--debug``); 130 interrupted (Ctrl-C, SIGTERM).
No exception escapes as a traceback unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Final, NoReturn, TextIO

import attrs

from . import __version__
from ._io import atomic_write, cannot_write, refuse_overwriting
from .cells import cells_csv
from .checks import CheckOptions, Finding, Severity, UnrelatedReports, check
from .errors import GovinfoError
from .model import Edition, Report, blank_report
from .model.report import FIRST_YEAR, LAST_YEAR
from .serde import LoadError, dumps, json_text, load, loads, schema

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_FAILURE = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE of sysexits.h: a bug in govinfo
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C

EXIT_CODES: Final = {
    EXIT_OK: "success: no error-level finding",
    EXIT_FINDINGS: "findings: errors in a report (`check`, and any finding with "
    "`check --strict`; `render` refusing one, `aggregate`'s units, `audit`'s reports), cells "
    "that could not be read (`read`), problems in a template (`template --check`), "
    "differences (`diff`)",
    EXIT_FAILURE: "bad input or a failure: a file that cannot be read or written, not a report, "
    "an output that would replace an input, a limit exceeded, a wrong command line",
    EXIT_INTERNAL: "an internal error — a bug in govinfo: one line on standard error; run "
    "again with `--debug` for the traceback",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C, SIGTERM, SIGHUP): temporary files removed, "
    "nothing half-written",
}
"""Every exit code of the command, documented in ``docs/errors.md``."""


class _Failure(Exception):
    """A problem the user must fix (bad file, existing output); printed without traceback."""


def _out(text: str, stream: TextIO | None = None) -> None:
    try:
        (stream or sys.stdout).write(text)
    except BrokenPipeError:
        if stream is sys.stderr:
            return  # no one reads the messages any more: the work and its exit status stand
        raise  # the reader of the output went away: nothing to say (see _run)
    except OSError as exc:
        if stream is None or stream is sys.stdout:
            raise _Failure(f"cannot write the standard output: {exc.strerror or exc}") from None
        raise


def _flush() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:  # a full disk under `govinfo cells r.json > cells.csv`, say
        raise _Failure(f"cannot write the standard output: {exc.strerror or exc}") from None


# -- check ------------------------------------------------------------------------------------


def _summary(findings: Sequence[Finding]) -> str:
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    if not findings:
        return "未发现问题。"
    return (
        f"共 {counts[Severity.ERROR]} 个错误，{counts[Severity.WARNING]} 个警告，"
        f"{counts[Severity.NOTICE]} 个提示。"
    )


def _is_json(path: str) -> bool:
    """A ``.json`` file that is not a document of another kind (a Word file, a workbook or a
    PDF saved under that name is read as what it is)."""
    if Path(path).suffix.lower() != ".json":
        return False
    try:
        with open(path, "rb") as file:
            head = file.read(5)
    except (OSError, ValueError):
        return True  # the loader says why it cannot be read
    return not head.startswith((b"PK\x03\x04", b"%PDF-"))


def _open(path: str) -> tuple[Report, Any]:
    """A report from a JSON file, or read from a published .docx, .html or text file (with
    the reader's result, which says what could not be read). A JSON report is known by its
    content whatever its name."""
    if _is_json(path):
        return load(path), None
    from .read import read_bytes, read_source, sniff

    data = read_source(path)
    if sniff(path, data) == "json":
        return loads(data, source=path), None
    result = read_bytes(data, source=path)
    return result.report, result


def _open_all(path: str) -> list[tuple[str, Report, Any]]:
    """Every report in a file, each with its name and the reader's result: one, except for
    an Excel workbook holding one report per sheet (named ``file!sheet``)."""
    if _is_json(path):
        return [(path, load(path), None)]
    from .read import read_all_bytes, read_source, sniff

    data = read_source(path)
    if sniff(path, data) == "json":
        return [(path, loads(data, source=path), None)]
    return [(r.source, r.report, r) for r in read_all_bytes(data, source=path)]


def _describe_read(result: Any) -> str:
    kind = {
        "docx": "Word",
        "doc": "Word 97-2003 or WPS (converted by LibreOffice)",
        "html": "HTML",
        "text": "text",
        "markdown": "Markdown",
        "pdf": "PDF",
        "xlsx": "Excel",
    }.get(result.format, result.format)
    encoding = f", {result.encoding}" if result.encoding else ""
    layout = "、".join(
        f"{'表二' if path == 'proactive' else '表三（六）'} {edition.value}"
        for path, edition in result.layout.items()
    )
    mixed = f"; mixed layout: {layout}" if result.mixed else ""
    return f"read as {kind}{encoding}; tables of the {result.edition.value} edition{mixed}"


def _cmd_check(args: argparse.Namespace) -> int:
    if args.problems_min_chars < 0:
        raise _Failure(f"--problems-min-chars cannot be negative, got {args.problems_min_chars}")
    results: list[dict[str, Any]] = []
    worst = EXIT_OK
    previous = None
    if args.previous:
        if len(args.reports) != 1:
            raise _Failure("--previous goes with one report: the same organ's for the next year")
        previous = _open(args.previous)[0]
    for path in args.reports:
        try:
            opened = _open_all(path)
        except GovinfoError as exc:
            worst = EXIT_FAILURE
            if args.format == "json":
                problems = (
                    [attrs.asdict(p) for p in exc.problems]
                    if isinstance(exc, LoadError)
                    else [{"message": str(exc)}]
                )
                results.append({"file": path, "problems": problems})
            else:
                _out(f"govinfo: {exc}\n", sys.stderr)
            continue
        worst = _check_opened(args, opened, previous, results, worst)
    if args.format == "json":
        _out(json_text(results))
    return worst


def _check_opened(
    args: argparse.Namespace,
    opened: Sequence[tuple[str, Report, Any]],
    previous: Report | None,
    results: list[dict[str, Any]],
    worst: int,
) -> int:
    options = CheckOptions(problems_min_chars=args.problems_min_chars)
    for name, report, reading in opened:
        try:
            findings = check(
                report, previous=previous, allow_unrelated=args.allow_unrelated, options=options
            )
        except UnrelatedReports as exc:
            raise _Failure(f"{name}: {exc}") from None
        read_errors = reading.errors if reading is not None else ()
        failing = findings if args.strict else [f for f in findings if f.severity is Severity.ERROR]
        if (failing or read_errors) and worst == EXIT_OK:
            worst = EXIT_FINDINGS
        if args.format == "json":
            entry: dict[str, Any] = {
                "file": name,
                "organ": report.organ,
                "year": report.year,
                "edition": report.edition.value,
                "findings": [f.to_dict() for f in findings],
            }
            if reading is not None:
                entry["read"] = [attrs.asdict(d) for d in reading.diagnostics]
            results.append(entry)
        else:
            _out(f"{name}：{report.organ} {report.year} 年度报告（{report.edition.label}格式）\n")
            if reading is not None:
                _out(f"  {_describe_read(reading)}\n")
                for d in reading.diagnostics:
                    label = "读取错误" if d.severity == "error" else "读取提示"
                    _out(f"  {label} {d}\n")
            for f in findings:
                _out(f"  {f.severity.label} [{f.rule}] {f.message}\n")
            _out(f"  {_summary(findings)}\n")
    return worst


def _cmd_read(args: argparse.Namespace) -> int:
    from .read import read

    refuse_overwriting(args.output, [args.source])
    result = read(args.source, organ=args.organ, year=args.year)
    _write(
        Path(args.output),
        dumps(result.report).encode("utf-8"),
        overwrite=True,
        inputs=[args.source],
    )
    _out(f"{args.source}: {_describe_read(result)}\n", sys.stderr)
    for d in result.diagnostics:
        _out(f"  {d.severity}: {d}\n", sys.stderr)
    _out(f"wrote {args.output}\n", sys.stderr)
    return EXIT_FINDINGS if result.errors else EXIT_OK


# -- new, cells, schema -----------------------------------------------------------------------


def _cmd_new(args: argparse.Namespace) -> int:
    if not FIRST_YEAR <= args.year <= LAST_YEAR:
        raise _Failure(f"--year must be from {FIRST_YEAR} to {LAST_YEAR}, got {args.year}")
    if not args.organ.strip():
        raise _Failure("--organ cannot be empty")
    edition = Edition(args.edition) if args.edition else Edition.for_year(args.year)
    try:
        report = blank_report(args.organ, args.year, edition=edition)
    except (TypeError, ValueError) as exc:
        raise _Failure(str(exc)) from None
    # Without totals: they are computed from the parts a person fills in.
    _write(
        Path(args.output),
        dumps(report, totals=False).encode("utf-8"),
        overwrite=args.force,
        inputs=[],
    )
    _out(f"wrote {args.output}\n", sys.stderr)
    return EXIT_OK


def _write(
    path: Path, data: bytes, *, overwrite: bool, inputs: Sequence[str | Path | None]
) -> None:
    """Write a command's output atomically; refused when it would replace one of ``inputs``
    (every file the command read: name them all)."""
    refuse_overwriting(path, inputs)
    try:
        atomic_write(path, data, overwrite=overwrite)
    except FileExistsError:
        raise _Failure(f"{path} already exists; use --force to replace it") from None
    except OSError as exc:
        raise _Failure(cannot_write(path, exc)) from None


def _cmd_cells(args: argparse.Namespace) -> int:
    if args.output:
        refuse_overwriting(args.output, [args.report])
    report, reading = _open(args.report)
    if reading is not None:
        for d in reading.diagnostics:
            _out(f"{args.report}: {d.severity}: {d}\n", sys.stderr)
    text = cells_csv(report)
    if args.output:
        # A file gets a byte-order mark, as the audit's CSV files: Excel and WPS on Chinese
        # systems then open it as UTF-8. Standard output, read by programs, has none.
        data = text.encode("utf-8-sig")
        _write(Path(args.output), data, overwrite=True, inputs=[args.report])
        _out(f"wrote {args.output}\n", sys.stderr)
    else:
        _out(text)
    return EXIT_OK


def _cmd_schema(_args: argparse.Namespace) -> int:
    _out(json_text(schema()))
    return EXIT_OK


# -- render, template -------------------------------------------------------------------------


def _print_findings(name: str, findings: Sequence[Finding], stream: TextIO) -> None:
    for f in findings:
        _out(f"  {f.severity.label} [{f.rule}] {f.message}\n", stream)
    _out(f"  {_summary(findings)}\n", stream)


def _pdf(docx: Path, inputs: Sequence[str | None]) -> None:
    from .render import PdfError, convert_to_pdf

    refuse_overwriting(docx.with_suffix(".pdf"), inputs)
    try:
        convert_to_pdf(docx, docx.with_suffix(".pdf"))
    except PdfError as exc:
        raise _Failure(f"wrote {docx}, but not the PDF: {exc}") from None
    _out(f"wrote {docx.with_suffix('.pdf')}\n", sys.stderr)


def _check_output(args: argparse.Namespace) -> None:
    output = Path(args.output)
    refuse_overwriting(output, [*args.reports, args.template])
    if output.suffix.lower() == ".pdf":
        raise _Failure(
            f"-o {output}: -o names the Word file (.docx) or the web page (.html); with --pdf, "
            "the PDF is written beside the Word file"
        )
    if args.pdf:
        refuse_overwriting(output.with_suffix(".pdf"), [*args.reports, args.template])


def _html(report: Any, target: Path, inputs: Sequence[str | None], draft: bool) -> None:
    """The web page of ``report`` beside its Word document (``--html``)."""
    from .render import RenderError, render_html

    refuse_overwriting(target, inputs)
    try:
        render_html(report, target, draft=draft)
    except RenderError as exc:
        raise _Failure(f"not written: {target}: {exc}") from None
    _out(f"wrote {target}\n", sys.stderr)


def _cmd_render(args: argparse.Namespace) -> int:
    from .render import RenderError, RenderRefused, render_docx, render_html, render_many

    page = bool(args.output) and Path(args.output).suffix.lower() in (".html", ".htm")
    if page and (args.pdf or args.template):
        raise _Failure("--pdf and --template are for the Word document: -o FILE.docx")
    if args.output and args.directory:
        raise _Failure("give either -o FILE.docx (one report) or -d DIRECTORY, not both")
    if args.output and len(args.reports) > 1:
        raise _Failure("-o names one output file; use -d DIRECTORY to render several reports")
    if not args.output and not args.directory:
        raise _Failure("say where to write: -o FILE.docx, or -d DIRECTORY")
    if args.output:
        _check_output(args)
        report = load(args.reports[0])
        try:
            rendered = (
                render_html(report, args.output, draft=args.draft)
                if page
                else render_docx(report, args.output, args.template, draft=args.draft)
            )
        except RenderRefused as exc:
            _out(
                f"govinfo: {args.reports[0]}: not rendered, the report has errors "
                "(use --draft to render a draft marked 草稿):\n",
                sys.stderr,
            )
            _print_findings(args.reports[0], exc.findings, sys.stderr)
            return EXIT_FINDINGS
        except RenderError as exc:
            raise _Failure(str(exc)) from None
        shown = [f for f in rendered.findings if f.severity is not Severity.NOTICE]
        _out(f"wrote {rendered.path}{'（草稿）' if rendered.draft else ''}\n", sys.stderr)
        if shown:
            _print_findings(args.reports[0], rendered.findings, sys.stderr)
        if args.pdf:
            _pdf(rendered.path, [*args.reports, args.template])
        if args.html and not page:
            _html(report, rendered.path.with_suffix(".html"), args.reports, args.draft)
        return EXIT_OK

    if Path(args.directory).exists() and not Path(args.directory).is_dir():
        raise _Failure(f"-d {args.directory}: a file, not a folder")
    total = len(args.reports)
    show_progress = sys.stderr.isatty()

    finished = [0]

    def progress(position: int, item: Any) -> None:
        finished[0] = position
        if show_progress:
            width = 30
            done = width * position // total
            bar = "#" * done + "-" * (width - done)
            name = Path(item.source).name[:40]
            _out(f"\r[{bar}] {position}/{total} {name:40}", sys.stderr)
            if position == total:
                _out("\n", sys.stderr)

    try:
        results = render_many(
            args.reports, args.directory, args.template, draft=args.draft, progress=progress
        )
    except RenderError as exc:
        raise _Failure(str(exc)) from None
    except OSError as exc:
        raise _Failure(f"cannot write into {args.directory}: {exc.strerror or exc}") from None
    except KeyboardInterrupt:
        _out(
            f"{chr(10) if show_progress else ''}govinfo: interrupted after {finished[0]} of "
            f"{total} report(s); the documents written into {args.directory} are complete\n",
            sys.stderr,
        )
        return EXIT_INTERRUPTED
    bad = [r for r in results if r.error is not None]
    _out(f"rendered {total - len(bad)} of {total} report(s) into {args.directory}\n", sys.stderr)
    for item in bad:
        _out(f"  failed: {item.source}: {item.error}\n", sys.stderr)
    if any(r.error and r.error.startswith("refused:") for r in bad):
        _out(
            "  govinfo check REPORT lists a refused report's errors; --draft renders it marked "
            "草稿\n",
            sys.stderr,
        )
    if args.pdf:
        for item in results:
            if item.output is not None:
                _pdf(item.output, [*args.reports, args.template])
    if args.html:
        for item in results:
            if item.output is not None:
                _html(load(item.source), item.output.with_suffix(".html"), args.reports, args.draft)
    if not bad:
        return EXIT_OK
    refused_only = all(r.error and r.error.startswith("refused:") for r in bad)
    return EXIT_FINDINGS if refused_only else EXIT_FAILURE


def _cmd_template(args: argparse.Namespace) -> int:
    from .render import check_template, default_template_bytes

    if args.export:
        name = f"report-{args.edition}.docx"
        if args.like:
            from .render._template import shipped_template_for

            refuse_overwriting(args.export, [args.like])
            name = shipped_template_for(_open(args.like)[0])
        _write(
            Path(args.export),
            default_template_bytes(name),
            overwrite=args.force,
            inputs=[args.like],
        )
        _out(f"wrote {args.export}: the shipped template, to edit in Word or WPS\n", sys.stderr)
        return EXIT_OK
    from .render import TemplateError, TemplateUnreadable, load_template

    # A file that cannot be opened as a template at all is a failure (exit 2); what is wrong
    # in a template that opens is a finding (exit 1).
    with contextlib.suppress(TemplateError):
        try:
            load_template(args.check)
        except TemplateUnreadable as exc:
            raise _Failure(str(exc)) from None
    problems = check_template(args.check)
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        _out(f"{args.check}: {problem.severity}: {problem}\n")
    if not problems:
        _out(f"{args.check}: no problems found\n")
    return EXIT_FINDINGS if errors else EXIT_OK


# -- aggregate, diff --------------------------------------------------------------------------


def _cmd_aggregate(args: argparse.Namespace) -> int:
    from .aggregate import AggregationError, consolidate

    inputs = [*args.reports, args.text, args.own]
    refuse_overwriting(args.output, inputs)
    opened = [item for name in args.reports for item in _open_all(name)]
    reports = [report for _, report, _ in opened]
    text = _open(args.text)[0] if args.text else None
    own = _open(args.own)[0] if args.own else None
    organ = args.organ or (text.organ if text is not None else None)
    if not organ:
        raise _Failure("name the supervising office: --organ NAME (or give --text PARENT.json)")
    try:
        result = consolidate(
            reports,
            organ=organ,
            year=args.year,
            text=text,
            sources=[name for name, _, _ in opened],
            own=own,
            own_source=args.own,
        )
    except AggregationError as exc:
        raise _Failure(str(exc).replace("(own=, --own)", "(--own FILE)")) from None
    except (TypeError, ValueError) as exc:  # e.g. an organ name the model refuses
        raise _Failure(str(exc)) from None
    _write(Path(args.output), dumps(result.report).encode("utf-8"), overwrite=True, inputs=inputs)
    _out(
        f"summed {len(result.units)} report(s) into {args.output}: {organ} {result.report.year}\n",
        sys.stderr,
    )
    # The cells left blank by the same units together: a form returned empty is one line.
    blank: dict[tuple[str, ...], list[str]] = {}
    for spec, units in result.blank:
        blank.setdefault(tuple(units), []).append(spec.place)
    for units, places in blank.items():
        shown = "、".join(places[:_BLANK_SHOWN])
        more = f" and {len(places) - _BLANK_SHOWN} more" if len(places) > _BLANK_SHOWN else ""
        _out(
            f"  blank in the sum: {len(places)} cell(s) left blank by {', '.join(units)}: "
            f"{shown}{more}\n",
            sys.stderr,
        )
    unread = [(name, reading) for name, _, reading in opened if reading and reading.errors]
    for name, reading in unread:
        _out(f"  {name}: {len(reading.errors)} cell(s) or part(s) not read:\n", sys.stderr)
        for d in reading.errors:
            _out(f"    {d}\n", sys.stderr)
    bad = result.units_with_errors
    for unit in bad:
        _out(
            f"  {unit.source or unit.organ} ({unit.organ}) has {len(unit.errors)} error(s) of "
            "its own, which the sum may hide:\n",
            sys.stderr,
        )
        for finding in unit.errors:
            _out(f"    [{finding.rule}] {finding.message}\n", sys.stderr)
    return EXIT_FINDINGS if bad or unread else EXIT_OK


_BLANK_SHOWN: Final = 5  # blank cells of the sum named in full; `govinfo check` lists all


def _cmd_diff(args: argparse.Namespace) -> int:
    from .compare import compare

    result = compare(_open(args.old)[0], _open(args.new)[0])
    if args.format == "csv":
        _out(result.to_csv())
    elif args.format == "json":
        _out(
            json_text(
                {
                    "cells": [c.to_dict() for c in result.cells],
                    "text": [{"field": t.field, "label": t.label} for t in result.text],
                }
            )
        )
    else:
        _out(result.to_text())
    return EXIT_FINDINGS if result else EXIT_OK


# -- audit ------------------------------------------------------------------------------------


def _cmd_audit(args: argparse.Namespace) -> int:
    from .audit import AuditError, audit
    from .audit._write import write_outputs

    show_progress = sys.stderr.isatty()

    read = [0, 0]

    def progress(done: int, total: int) -> None:
        read[:] = [done, total]
        if show_progress and (done == total or done % max(1, total // 200) == 0):
            width = 30
            bar = "#" * (width * done // total) + "-" * (width - width * done // total)
            _out(f"\r[{bar}] {done}/{total} read", sys.stderr)
            if done == total:
                _out("\n", sys.stderr)

    years = None
    if args.years:
        try:
            years = [int(y) for y in args.years.replace("，", ",").split(",") if y.strip()]
        except ValueError:
            raise _Failure(f"--years: expected years such as 2023,2024, got {args.years}") from None
    if args.jobs is not None and args.jobs < 1:
        raise _Failure(f"--jobs must be 1 or more, got {args.jobs}")
    try:
        result = audit(
            args.paths,
            units=args.units,
            reviewed=args.reviewed,
            jobs=args.jobs,
            repeat_threshold=args.repeat_threshold,
            years=years,
            exclude=args.output,
            progress=progress,
        )
        write_outputs(
            result,
            args.output,
            protect=[p for p in (args.units, args.reviewed) if p],
            charts=not args.no_charts,
        )
    except AuditError as exc:
        raise _Failure(str(exc)) from None
    except KeyboardInterrupt:
        where = f"{read[0]} of {read[1]} file(s) read" if read[0] < read[1] else "all read"
        _out(
            f"{chr(10) if show_progress else ''}govinfo: interrupted ({where}): nothing "
            f"written into {args.output}, its files left as they were\n",
            sys.stderr,
        )
        return EXIT_INTERRUPTED
    statuses = {s: sum(1 for r in result.reports if r.status == s) for s in ("ok", "partial")}
    unreadable = len(result.reports) - sum(statuses.values())
    new = result.count(Severity.ERROR, review="new") + result.count(Severity.WARNING, review="new")
    _out(
        f"audited {len(result.reports)} file(s): {statuses['ok']} read, {statuses['partial']} "
        f"partly read, {unreadable} unreadable; {len(result.missing)} missing; "
        f"{result.count(Severity.ERROR)} error(s), {result.count(Severity.WARNING)} "
        f"warning(s), {result.count(Severity.NOTICE)} notice(s), {new} new; "
        f"wrote {Path(args.output) / 'index.html'}\n",
        sys.stderr,
    )
    return EXIT_FINDINGS if result.has_errors else EXIT_OK


# -- xlsx -------------------------------------------------------------------------------------


def _cmd_xlsx(args: argparse.Namespace) -> int:
    from .xlsx import file_name, workbook_bytes

    options: dict[str, Any] = {"password": args.password}
    if args.directory:
        if args.output or not args.units or args.one_file:
            raise _Failure("-d DIRECTORY goes with --units (a form for each unit); else -o FILE")
        args.output = args.directory
    if not args.output:
        raise _Failure("say where to write: -o FILE.xlsx (with --units: a folder, or -d)")
    if args.report:
        if args.year is not None or args.organ or args.units:
            raise _Failure("give a REPORT to export, or --year and --organ (or --units) for a form")
        report = _open(args.report)[0]
        data = workbook_bytes([report], **options)
        _write(Path(args.output), data, overwrite=args.force, inputs=[args.report])
        _out(f"wrote {args.output}: {report.organ} {report.year}\n", sys.stderr)
        return EXIT_OK
    if args.year is None:
        raise _Failure("--year is needed for a form to fill in (or give a REPORT to export)")
    if not FIRST_YEAR <= args.year <= LAST_YEAR:
        raise _Failure(f"--year must be from {FIRST_YEAR} to {LAST_YEAR}, got {args.year}")
    edition = Edition(args.edition) if args.edition else Edition.for_year(args.year)
    if not args.units:
        if not args.organ:
            raise _Failure("--organ names the organ the form is for (or give --units UNITS.csv)")
        forms = [(Path(args.output), [_form(args.organ, args.year, edition)], "")]
    else:
        from .units import read_units

        units = read_units(args.units)
        collector = args.organ or ""
        if args.one_file:
            reports = [_form(u.organ, args.year, edition) for u in units]
            parents = {u.parent for u in units}
            common = parents.pop() if len(parents) == 1 else None
            forms = [(Path(args.output), reports, collector or common or "")]
        else:
            folder = Path(args.output)
            forms = []
            seen: dict[str, str] = {}
            for unit in units:
                name = file_name(unit.organ)
                if name.casefold() in seen:
                    raise _Failure(
                        f"{unit.organ} and {seen[name.casefold()]} would both be written to "
                        f"{name}: rename one in {args.units}"
                    )
                seen[name.casefold()] = unit.organ
                report = _form(unit.organ, args.year, edition)
                forms.append((folder / name, [report], collector or unit.parent or ""))
            if folder.exists() and not folder.is_dir():
                raise _Failure(f"-o {folder}: with --units, -o names a folder (or add --one-file)")
            existing = [str(path) for path, _, _ in forms if path.exists()]
            if existing and not args.force:
                raise _Failure(
                    f"{len(existing)} workbook(s) already exist ({existing[0]} …); use --force "
                    "to replace them"
                )
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise _Failure(f"cannot make the folder {folder}: {exc.strerror}") from None
    inputs = [args.units] if args.units else []
    for path, reports, collector in forms:
        data = workbook_bytes(reports, blank=True, collector=collector, **options)
        _write(path, data, overwrite=args.force, inputs=inputs)
    what = f"{len(forms)} workbook(s) in {args.output}" if len(forms) > 1 else args.output
    _out(f"wrote {what}: forms to fill in for {args.year} ({edition.label})\n", sys.stderr)
    return EXIT_OK


def _form(organ: str, year: int, edition: Edition) -> Report:
    try:
        return blank_report(organ, year, edition=edition)
    except (TypeError, ValueError) as exc:
        raise _Failure(f"{organ!r}: {exc}") from None


# -- entry point ------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_FAILURE, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="govinfo",
        description="政府信息公开工作年度报告: check, create and export annual reports.",
        epilog="exit status: 0 success; 1 findings (errors in a report, cells not read, "
        "differences); 2 bad input or a failure; 70 an internal error; 130 interrupted "
        "(docs/errors.md). `govinfo COMMAND --help` for each command.",
    )
    parser.add_argument("--version", action="version", version=f"govinfo {__version__}")
    parser.add_argument("--debug", action="store_true", help=_DEBUG)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("check", help="check reports and list every finding")
    p.add_argument(
        "reports", nargs="+", metavar="REPORT", help=f"JSON reports, or {_PUBLISHED} files"
    )
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text to read (default), or json for programs",
    )
    p.add_argument(
        "--previous",
        metavar="LAST.json",
        help="the same organ's report for the year before: adds the year-over-year warnings",
    )
    p.add_argument(
        "--allow-unrelated",
        action="store_true",
        help="with --previous: compare even if the organ or the years do not match",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="for filing: warnings and notices count as errors (exit 1 if there is any finding)",
    )
    p.add_argument(
        "--problems-min-chars",
        type=int,
        default=CheckOptions().problems_min_chars,
        metavar="N",
        help="section 五 of 「无」 or one sentence shorter than N characters is a warning "
        "(TEXT-S5-SHORT; default %(default)s, 0 turns it off)",
    )
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser(
        "read",
        help="read a published report (.pdf, .docx, .doc, .wps, .html, .md, .xlsx or text) "
        "into a JSON report",
    )
    p.add_argument("source", metavar="FILE")
    p.add_argument("-o", "--output", required=True, metavar="REPORT.json")
    p.add_argument("--organ", help="the issuing organ, for a text without its title (发布机关)")
    p.add_argument(
        "--year", type=int, help="the year the report covers, for a text without its title"
    )
    p.set_defaults(func=_cmd_read)

    p = sub.add_parser("new", help="write a complete blank report to fill in")
    p.add_argument("--year", type=int, required=True, help="the year the report covers")
    p.add_argument("--organ", required=True, help="the issuing organ (发布机关)")
    p.add_argument(
        "--edition",
        choices=[e.value for e in Edition],
        help="the edition of the format (default: the one prescribed for the year)",
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE.json")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.set_defaults(func=_cmd_new)

    p = sub.add_parser("cells", help="every table cell as CSV: section,row,column,value")
    p.add_argument("report", metavar="REPORT", help=f"a JSON report, or a {_PUBLISHED} file")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE.csv",
        help="a file for spreadsheets (UTF-8 with a byte-order mark; default: standard output)",
    )
    p.set_defaults(func=_cmd_cells)

    p = sub.add_parser("schema", help="print the JSON Schema of report files")
    p.set_defaults(func=_cmd_schema)

    p = sub.add_parser(
        "render", help="render reports to the official Word layout, or as a web page"
    )
    p.add_argument("reports", nargs="+", metavar="REPORT.json")
    p.add_argument(
        "-o", "--output", metavar="OUT.docx", help="the Word file, or OUT.html (one report)"
    )
    p.add_argument("-d", "--directory", metavar="OUTDIR", help="a directory (many reports)")
    p.add_argument("--template", metavar="TEMPLATE.docx", help="a custom template")
    p.add_argument(
        "--draft", action="store_true", help="render even with errors, marked 草稿 on every page"
    )
    p.add_argument("--pdf", action="store_true", help="also convert to PDF with LibreOffice")
    p.add_argument(
        "--html",
        action="store_true",
        help="also write the web page beside each document (-o PAGE.html writes it alone)",
    )
    p.set_defaults(func=_cmd_render)

    p = sub.add_parser(
        "aggregate", help="sum units' reports cell by cell into a supervising office's report"
    )
    p.add_argument(
        "reports",
        nargs="+",
        metavar="UNIT",
        help="units' JSON reports, or published ones; a workbook's every report (sheet)",
    )
    p.add_argument("-o", "--output", required=True, metavar="SUM.json")
    p.add_argument("--organ", help="the supervising office (default: that of --text)")
    p.add_argument("--year", type=int, help="the report year (default: the units')")
    p.add_argument(
        "--text", metavar="PARENT", help="take the text sections from this report (any format)"
    )
    p.add_argument(
        "--own",
        metavar="OWN",
        help="the supervising office's own figures, summed as one more unit (a report of the "
        "office itself among the units is refused: it may be an earlier sum)",
    )
    p.set_defaults(func=_cmd_aggregate)

    p = sub.add_parser(
        "xlsx",
        help="an Excel workbook: a form to collect a unit's numbers, or a finished report",
    )
    p.add_argument(
        "report", nargs="?", metavar="REPORT", help="a report to export with its numbers"
    )
    p.add_argument(
        "-o", "--output", metavar="OUT.xlsx", help="the workbook (with --units: a folder)"
    )
    p.add_argument(
        "-d", "--directory", metavar="OUTDIR", help="with --units: the folder of the forms"
    )
    p.add_argument("--year", type=int, help="a form: the year the report covers")
    p.add_argument("--organ", help="a form: the organ it is for (with --units: who collects)")
    p.add_argument(
        "--edition",
        choices=[e.value for e in Edition],
        help="a form: the edition of the format (default: the one prescribed for the year)",
    )
    p.add_argument(
        "--units", metavar="UNITS.csv", help="a form for each unit listed (docs/xlsx.md)"
    )
    p.add_argument(
        "--one-file", action="store_true", help="with --units: one workbook, a sheet per unit"
    )
    p.add_argument("--password", help="protect the sheets with this password")
    p.add_argument("--force", action="store_true", help="replace existing workbooks")
    p.set_defaults(func=_cmd_xlsx)

    p = sub.add_parser("diff", help="the cells that differ between two reports")
    p.add_argument("old", metavar="OLD", help=f"a JSON report, or a {_PUBLISHED} file")
    p.add_argument("new", metavar="NEW", help="the same, to compare with OLD")
    p.add_argument(
        "--format",
        choices=("text", "csv", "json"),
        default="text",
        help="a table to read (default), or csv or json for programs",
    )
    p.set_defaults(func=_cmd_diff)

    p = sub.add_parser(
        "audit",
        help="audit many published reports: completeness, errors, year over year, a page",
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="report files, folders (searched recursively), globs",
    )
    p.add_argument(
        "-o",
        "--output",
        "-d",
        "--directory",
        dest="output",
        required=True,
        metavar="OUTDIR",
        help="folder for summary.csv, findings.csv, findings.jsonl and index.html (-d as in "
        "render)",
    )
    p.add_argument("--units", metavar="UNITS.csv", help="expected organs: organ[,parent][,level]")
    p.add_argument(
        "--reviewed", metavar="REVIEWED.csv", help="decisions: fingerprint,decision[,note]"
    )
    p.add_argument(
        "--jobs", type=int, metavar="N", help="processes to read with (default: every CPU)"
    )
    p.add_argument(
        "--repeat-threshold",
        type=float,
        default=0.5,
        metavar="RATIO",
        help="warn when more of a text section than this repeats last year's (default 0.5)",
    )
    p.add_argument(
        "--years", metavar="Y,Y", help="the years expected (default: those of the reports read)"
    )
    p.add_argument("--no-charts", action="store_true", help="write the page without charts")
    p.set_defaults(func=_cmd_audit)

    p = sub.add_parser("template", help="check a custom Word template, or export the shipped one")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--check", metavar="TEMPLATE.docx", help="report problems in a template")
    group.add_argument("--export", metavar="OUT.docx", help="write the shipped template")
    p.add_argument("--force", action="store_true", help="with --export: replace a file")
    p.add_argument(
        "--edition",
        choices=[e.value for e in Edition],
        default=Edition.E2021.value,
        help="with --export: the edition whose layout the template draws (default: 2021)",
    )
    p.add_argument(
        "--like",
        metavar="REPORT",
        help="with --export: the template drawn for this report's layout (a mixed one, say)",
    )
    p.set_defaults(func=_cmd_template)

    # `govinfo COMMAND --help` says what the command does, as `govinfo --help` lists it.
    for listed in sub._choices_actions:
        sub.choices[listed.dest].description = listed.help
    # Every command, including those added later, takes --debug after its name too.
    for command in sub.choices.values():
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=_DEBUG)
    return parser


_DEBUG: Final = "on an internal error, print the traceback"
_PUBLISHED: Final = "published .pdf, .docx, .doc, .wps, .html, .md, .xlsx or text"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the module's docstring)."""
    for stream in (sys.stdout, sys.stderr):
        # Chinese output needs UTF-8 whatever the locale says; never fail on a character.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="backslashreplace")
    with _interrupts_raise():
        try:
            return _run(argv)
        except KeyboardInterrupt:
            # Temporary files went with the unwinding stack (atomic_write removes its own).
            _out("govinfo: interrupted\n", sys.stderr)
            return EXIT_INTERRUPTED


def _run(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    debug = bool(getattr(args, "debug", False))
    try:
        code: int = args.func(args)
        _flush()
    except (GovinfoError, _Failure) as exc:
        if debug:
            traceback.print_exc()
        _out(f"govinfo: {exc}\n", sys.stderr)
        return EXIT_FAILURE
    except BrokenPipeError:
        # The reader of the output went away (`govinfo cells r.json | head`): nothing to say.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115  # no second error at exit
        return EXIT_FAILURE
    except OSError as exc:  # a file the command could not read or write
        if debug:
            traceback.print_exc()
        where = f"{exc.filename}: " if exc.filename else ""
        _out(f"govinfo: {where}{exc.strerror or exc}\n", sys.stderr)
        return EXIT_FAILURE
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # a bug: one line, not a traceback, unless --debug
        if debug:
            traceback.print_exc()
        else:
            message = " ".join(str(exc).split())[:300]
            _out(
                f"govinfo: internal error: {type(exc).__name__}"
                f"{': ' + message if message else ''} (a bug in govinfo; run the command again "
                "with --debug for the traceback, and report it)\n",
                sys.stderr,
            )
        return EXIT_INTERNAL
    return code


class _Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP: unwinds the stack like Ctrl-C, so temporary files are removed."""


@contextlib.contextmanager
def _interrupts_raise() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise :class:`KeyboardInterrupt` as SIGINT does
    (in the main thread only: signal handlers cannot be set elsewhere)."""
    previous: dict[int, Any] = {}

    def handler(signum: int, _frame: Any) -> None:
        raise _Interrupted(signum)

    if threading.current_thread() is threading.main_thread():
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is not None:
                previous[number] = signal.signal(number, handler)
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
