"""The audit: find the files, read and check them in parallel, pair the years, check the
units list, apply the reviewers' decisions."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Final, Protocol, TypeVar

import attrs

from ..checks import Severity
from ..units import UnitEntry, read_units
from ._fingerprint import fingerprint, unique
from ._inputs import expected_units, find_reports, read_reviewed
from ._model import (
    RULES,
    Audit,
    AuditedReport,
    AuditError,
    AuditFinding,
    Decision,
    FindingStore,
    MergedName,
)
from ._names import organ_key
from ._work import (
    FileResult,
    PairResult,
    Ref,
    audit_file,
    close_worker,
    consolidation_task,
    init_worker,
    pair_task,
)

__all__ = ["audit"]

T = TypeVar("T")
R = TypeVar("R")


class _Runner(Protocol):
    def imap(
        self, func: Callable[[T], R], items: Iterable[T], chunksize: int = 1
    ) -> Iterator[R]: ...


class _InProcess:
    def imap(self, func: Callable[[T], R], items: Iterable[T], chunksize: int = 1) -> Iterator[R]:
        return map(func, items)


@contextlib.contextmanager
def _runner(jobs: int, spool: str) -> Iterator[_Runner]:
    if jobs <= 1:
        init_worker(spool)
        try:
            yield _InProcess()
        finally:
            close_worker()
        return
    # The platform's default start method (fork on Linux, spawn on macOS and Windows): the
    # workers take only module-level functions and plain arguments, so spawn works as well
    # (the tests run both).
    context = multiprocessing.get_context(START_METHOD)
    pool = context.Pool(jobs, initializer=init_worker, initargs=(spool, True))
    try:
        yield pool
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


_DEFERRED: Final = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back while the spool folder and the workers are being set up
    (each is cleaned up once set up, not half-way); they arrive as soon as the block ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _cpus() -> int:
    """The CPUs this process may run on (fewer than the machine's in a container)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _chunks(count: int, jobs: int) -> int:
    return max(1, min(16, count // (jobs * 8)))


START_METHOD: str | None = None
"""The multiprocessing start method (``None``: the platform's default)."""

_RANK = {"ok": 0, "partial": 1, "unreadable": 2}


def audit(
    sources: Iterable[str | os.PathLike[str]],
    *,
    units: str | os.PathLike[str] | Iterable[UnitEntry] | None = None,
    reviewed: str | os.PathLike[str] | Mapping[str, Decision] | None = None,
    jobs: int | None = None,
    repeat_threshold: float = 0.5,
    years: Iterable[int] | None = None,
    exclude: str | os.PathLike[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Audit:
    """Audit every report found in ``sources``: files, folders (searched recursively) and
    globs, in any format govinfo reads.

    Each report is read and checked in one of ``jobs`` processes (default: every CPU this
    process may use); the
    reports of one organ for consecutive years are paired for the year-over-year checks and
    the repeated text (warned above ``repeat_threshold``); with ``units`` (a CSV file or
    :class:`UnitEntry` items), each expected organ's report for each of ``years`` (default:
    the years of the reports read) is looked for, and a parent's tables 三 and 四 compared with
    the sum of its units' (a parent named only as a parent is expected too). ``reviewed`` (a
    CSV file or decisions by fingerprint) marks the
    findings already decided. ``exclude`` is a folder never searched (the output folder);
    ``progress(done, total)`` is called as files are read. A file that cannot be read is a
    row with status ``unreadable``, never an exception; :class:`AuditError` (or
    :class:`~govinfo.units.UnitsError` for the units list) is raised only when the audit
    cannot run (no file found, a units or reviewed list that cannot be used).
    """
    if not 0 <= repeat_threshold <= 1:
        raise AuditError(f"the repeat threshold must be from 0 to 1, got {repeat_threshold}")
    unit_list = expected_units(
        read_units(units) if isinstance(units, (str, os.PathLike)) else tuple(units or ())
    )
    decisions = (
        read_reviewed(reviewed)
        if isinstance(reviewed, (str, os.PathLike))
        else dict(reviewed or {})
    )
    files = find_reports(sources, Path(exclude) if exclude is not None else None)
    if not files:
        raise AuditError("no report found: name files, folders or globs of reports")
    jobs = max(1, min(jobs or _cpus(), len(files)))

    with contextlib.ExitStack() as stack:
        with _signals_deferred():  # Ctrl-C now would leave the folder or the workers behind
            spool = stack.enter_context(tempfile.TemporaryDirectory(prefix="govinfo-audit-"))
            run = stack.enter_context(_runner(jobs, spool))
        results: list[FileResult] = []
        store = FindingStore()
        for done, found in enumerate(run.imap(audit_file, files, _chunks(len(files), jobs)), 1):
            # The findings go to the store at once: memory holds the rows only.
            for result in found:
                results.append(attrs.evolve(result, packed=b"", span=store.put(result.packed)))
            if progress is not None:
                progress(done, len(files))
        return _complete(run, results, store, unit_list, decisions, repeat_threshold, years)


def _complete(
    run: _Runner,
    results: list[FileResult],
    store: FindingStore,
    unit_list: tuple[UnitEntry, ...],
    decisions: Mapping[str, Decision],
    threshold: float,
    years: Iterable[int] | None,
) -> Audit:
    extra: dict[int, list[AuditFinding]] = defaultdict(list)
    changes: dict[int, dict[str, Any]] = defaultdict(dict)

    # Which report of each organ and year counts (a .docx and its .html are one report).
    by_key_year: dict[tuple[str, int], list[int]] = defaultdict(list)
    for index, result in enumerate(results):
        if result.key is not None and result.report.year is not None:
            by_key_year[(result.key, result.report.year)].append(index)
    primary: dict[tuple[str, int], int] = {}
    for (key, year), indexes in by_key_year.items():
        ordered = sorted(
            indexes,
            key=lambda i: (
                _RANK[results[i].report.status],
                results[i].report.format != "json",
                results[i].report.source,
            ),
        )
        primary[(key, year)] = ordered[0]
        first = results[ordered[0]].report
        rule = RULES["AUDIT-DUPLICATE"]
        for other in ordered[1:]:
            row = results[other].report
            changes[other]["duplicate_of"] = first.source
            extra[other].append(
                AuditFinding(
                    fingerprint(key, year, rule.id),
                    row.source,
                    row.organ or "",
                    year,
                    rule.id,
                    rule.severity,
                    f"{row.organ} {year} 年度还有一份报告 {first.source}，"
                    "本文件不参与跨年度核对与汇总",
                )
            )

    # Names: the units list's, else the most frequent spelling; and which spellings merged.
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for result in results:
        if result.key is not None and result.report.organ is not None:
            spellings[result.key][result.report.organ] += 1
    listed = {organ_key(u.organ): u for u in unit_list}
    names: dict[str, str] = {}
    merged = []
    for key, counter in sorted(spellings.items()):
        unit = listed.get(key)
        ranked = sorted(counter, key=lambda name: (-counter[name], name))
        names[key] = unit.organ if unit is not None else ranked[0]
        every = sorted({*counter, *([unit.organ] if unit is not None else [])})
        if len(every) > 1:
            merged.append(MergedName(names[key], tuple(every)))
    for index, result in enumerate(results):
        if result.key is not None:
            changes[index]["unit"] = names[result.key]

    # Consecutive years of one organ: year-over-year checks and repeated text.
    pairs: list[tuple[int, int]] = [
        (primary[(key, year - 1)], index)
        for (key, year), index in sorted(primary.items())
        if (key, year - 1) in primary
    ]
    tasks = [
        (_ref(results[p]), _ref(results[c]), results[c].report.source, threshold) for p, c in pairs
    ]
    outcome: PairResult
    for (previous, current), outcome in zip(
        pairs, run.imap(pair_task, tasks, _chunks(len(tasks), 2)), strict=True
    ):
        extra[current].extend(outcome.findings)
        changes[current]["repeated"] = outcome.repeated
        changes[current]["previous"] = results[previous].report.source

    audited_years = tuple(sorted(set(years) if years is not None else {y for _, y in primary}))

    # The units list: a parent against the sum of its units; the reports not found.
    children: dict[str, list[str]] = defaultdict(list)
    for unit in unit_list:
        if unit.parent is not None:
            children[organ_key(unit.parent)].append(organ_key(unit.organ))
    groups = []
    for parent, kids in sorted(children.items()):
        for year in audited_years:
            if (parent, year) in primary and all((k, year) in primary for k in kids):
                groups.append((primary[(parent, year)], [primary[(k, year)] for k in kids]))
    sums = [
        (
            _ref(results[p]),
            results[p].report.source,
            [(_ref(results[k]), results[k].report.source) for k in kids],
        )
        for p, kids in groups
    ]
    for (parent_index, _), found in zip(groups, run.imap(consolidation_task, sums, 1), strict=True):
        extra[parent_index].extend(found)

    rule = RULES["AUDIT-MISSING"]
    missing = [
        AuditFinding(
            fingerprint(organ_key(unit.organ), year, rule.id),
            "",
            unit.organ,
            year,
            rule.id,
            rule.severity,
            f"未见{unit.organ} {year} 年度报告",
        )
        for unit in unit_list
        for year in audited_years
        if (organ_key(unit.organ), year) not in primary
    ]
    unlisted = tuple(sorted(names[k] for k in spellings if k not in listed)) if unit_list else ()

    # Findings numbered where they repeat, the reviewers' decisions, and into the store.
    used: set[str] = set()
    tally: Counter[tuple[str, Severity, str]] = Counter()

    def decide(findings: list[AuditFinding]) -> list[AuditFinding]:
        done = []
        for finding, fp in zip(findings, unique([f.fingerprint for f in findings]), strict=True):
            decision = decisions.get(fp)
            if decision is not None:
                used.add(fp)
                finding = attrs.evolve(
                    finding, fingerprint=fp, review=decision.decision, note=decision.note
                )
            elif fp != finding.fingerprint:
                finding = attrs.evolve(finding, fingerprint=fp)
            tally[(finding.rule, finding.severity, finding.review)] += 1
            done.append(finding)
        return done

    reports: list[AuditedReport] = []
    for index, result in enumerate(results):
        row, more = result.report, extra.pop(index, ())
        row = attrs.evolve(row, **changes.pop(index, {}))
        if not more and not decisions.keys() & set(result.fingerprints):
            # Nothing to add or decide: the worker's findings stay as they were stored.
            for rule_id, severity, n in result.tally:
                tally[(rule_id, severity, "new")] += n
            reports.append(attrs.evolve(row, store=store, span=result.span))
            continue
        findings = decide([*store.get(result.span), *more])
        counts = Counter(f.severity for f in findings)
        reports.append(
            attrs.evolve(
                row,
                errors=counts[Severity.ERROR],
                warnings=counts[Severity.WARNING],
                notices=counts[Severity.NOTICE],
                new=sum(1 for f in findings if f.review == "new"),
                store=store,
                span=store.put(findings),
            )
        )
    return Audit(
        tuple(reports),
        tuple(decide(missing)),
        audited_years,
        unit_list,
        tuple(merged),
        unlisted,
        tuple(d for fp, d in decisions.items() if fp not in used),
        threshold,
        dict(tally),  # type: ignore[arg-type]
    )


def _ref(result: FileResult) -> Ref:
    assert result.ref is not None
    return result.ref
