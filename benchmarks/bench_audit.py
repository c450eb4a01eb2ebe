"""Audit throughput and memory: reports per second and peak memory on a corpus of 10,000.

Builds a corpus (in a temporary folder, or ``--corpus DIR`` to keep it) of 5,000 organs'
reports for two consecutive years — JSON (40 %), text copies (30 %), web pages (15 %) and Word
files (15 %), one in ten with planted errors (a 总计 that is not the sum of its row, a carry-over
that does not match last year's), and a units list naming every organ with a parent for each
fifty. Then audits it with ``--jobs`` processes (default 2) as ``govinfo audit`` does (the
outputs written too), each run in a fresh process: the whole corpus, each format on its own,
and a fifth of the corpus, to show that memory does not grow with the number of reports. Peak
memory is the largest sum of the resident memory of the process and its workers, sampled
every 20 ms (pages a forked worker shares with its parent count twice: an upper bound). The
machine may be shared: beside the rate measured, the CPU time of the run (the process and its
workers) gives the rate on idle cores, ``reports / max(CPU time / jobs, the parent's CPU
time)`` — the jobs sharing the work, the parent's own part waiting for no one.

    python benchmarks/bench_audit.py            # 10,000 reports, 2 processes
    python benchmarks/bench_audit.py --quick    # 1,000 reports
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

import govinfo
from govinfo import Report, Signature, blank_report, update
from govinfo.audit import audit
from govinfo.audit._write import write_outputs
from govinfo.read._blocks import Table
from govinfo.read._sources import docx_blocks
from govinfo.render import render_bytes

BASE = "示例基准单位"
FORMATS = ("json",) * 8 + ("txt",) * 6 + ("html",) * 3 + ("docx",) * 3
BASES = 20


def _report(year: int, seed: int, carried_over: int, wrong: bool, copied: bool) -> Report:
    rng = random.Random(seed * 10_000 + year)
    received, carried_forward = rng.randint(5, 60), rng.randint(0, 4)
    handled = received + carried_over - carried_forward
    partly, not_held = rng.randint(0, handled // 4), rng.randint(0, handled // 4)
    cells: dict[str, Any] = {
        "requests.received.natural_person": received,
        "requests.carried_over.natural_person": carried_over,
        "requests.outcomes.disclosed.natural_person": handled - partly - not_held,
        "requests.outcomes.partly_disclosed.natural_person": partly,
        "requests.outcomes.unavailable.not_held.natural_person": not_held,
        "requests.carried_forward.natural_person": carried_forward,
        "review_litigation.review.upheld": rng.randint(0, 3),
        "proactive.licensing": rng.randint(10, 900),
    }
    report = update(blank_report(BASE, year), cells)
    if wrong:
        report = update(report, {"requests.received.total": received + 1}, recompute_totals=False)
    # The text of a real report for 2023 and of the complete example for 2024, without the
    # paragraphs that state counts (they would contradict these tables); one base in ten
    # copies 2023's text into 2024 (repeated text).
    source = "yulong-2023.json" if year == 2023 or copied else "complete-2024.json"
    template = govinfo.load(Path(__file__).resolve().parent.parent / "examples" / source)
    text = {
        name: tuple(
            attrs.evolve(part, paragraphs=kept)
            for part in getattr(template, name)
            if (kept := tuple(p for p in part.paragraphs if "件" not in p and "起" not in p))
        )
        for name in ("overview", "problems", "other_matters")
    }
    date = dt.date(year + 1, 1, 20)
    return report.replace(signature=Signature(organ=BASE, date=date), published=date, **text)


def _cell(text: str) -> str:
    # A label the Word layout breaks by hand over lines (商业/企业) is one label in a copy.
    return text.replace("\n", "")


def _text_copy(docx: bytes) -> str:
    lines = []
    for block in docx_blocks(docx)[0]:
        if isinstance(block, Table):
            lines += [
                "\t".join(_cell(c.text) if c.origin else "" for c in row) for row in block.rows
            ]
        else:
            lines.append(block.text)
    return "\n".join(lines) + "\n"


def _html(docx: bytes) -> str:
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"]
    for block in docx_blocks(docx)[0]:
        if isinstance(block, Table):
            parts.append("<table>")
            for row in block.rows:
                cells = "".join(f"<td>{_cell(c.text)}</td>" for c in row if c.origin)
                parts.append(f"<tr>{cells}</tr>")
            parts.append("</table>")
        else:
            parts.append(f"<p>{block.text}</p>")
    return "".join(parts) + "</body></html>"


def _rename_docx(data: bytes, organ: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename.endswith(".xml"):
                content = content.replace(BASE.encode(), organ.encode())
            target.writestr(item, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def build(folder: Path, organs: int) -> list[Path]:
    """Write the corpus into ``folder``; returns the files."""
    bases: dict[tuple[int, int], dict[str, bytes]] = {}
    for index in range(BASES):
        carried = 0
        for year in (2023, 2024):
            report = _report(year, index, carried, index % 10 == 3, index % 10 == 5)
            if index % 10 == 4 and year == 2024:  # a carry-over that does not match last year's
                report = update(
                    report,
                    {
                        "requests.carried_over.natural_person": carried + 1,
                        "requests.outcomes.disclosed.natural_person": (
                            report.requests.outcomes.disclosed.natural_person + 1
                        ),
                    },
                )
            carried = report.requests.carried_forward.natural_person or 0
            docx = render_bytes(report)
            bases[(index, year)] = {
                "json": govinfo.dumps(report).encode(),
                "txt": _text_copy(docx).encode(),
                "html": _html(docx).encode(),
                "docx": docx,
            }
    files = []
    lines = ["organ,parent,level"]
    for number in range(organs):
        organ = f"示例市第{number:05d}号单位"
        parent = f"示例市第{number // 50:03d}区"
        lines.append(f"{organ},{parent},单位")
        fmt = FORMATS[number % len(FORMATS)]
        for year in (2023, 2024):
            data = bases[(number % BASES, year)][fmt]
            path = folder / str(year) / f"{organ}.{fmt}"
            path.parent.mkdir(parents=True, exist_ok=True)
            if fmt == "docx":
                path.write_bytes(_rename_docx(data, organ))
            else:
                path.write_bytes(data.replace(BASE.encode(), organ.encode()))
            files.append(path)
    # Each parent publishes its own report (JSON): compared with the sum of its fifty units.
    for number in range(0, organs, 50):
        parent = f"示例市第{number // 50:03d}区"
        for year in (2023, 2024):
            path = folder / str(year) / f"{parent}.json"
            path.write_bytes(
                bases[(number % BASES, year)]["json"].replace(BASE.encode(), parent.encode())
            )
            files.append(path)
    (folder / "units.csv").write_text("\n".join(lines) + "\n", "utf-8")
    return files


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, ()))
    return found


def measure(run: Callable[[], Any]) -> tuple[float, int, int]:
    """Seconds, peak memory of the process tree and of this process alone (bytes)."""
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            me = os.getpid()
            peak[0] = max(peak[0], sum(_rss(pid) for pid in _tree(me)))
            peak[1] = max(peak[1], _rss(me))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return seconds, peak[0], peak[1]


def _number(path: Path) -> int:
    """The organ's number (a parent: its first unit's)."""
    stem = path.stem
    return int(stem[4:7]) * 50 if stem.endswith("区") else int(stem[4:9])


def _scenarios(folder: Path, organs: int) -> dict[str, tuple[list[Path], bool]]:
    files = sorted(p for p in folder.glob("*/*") if p.suffix != ".csv")
    found: dict[str, tuple[list[Path], bool]] = {"all formats, with the units list": (files, True)}
    for fmt in ("json", "txt", "html", "docx"):
        found[f"{fmt} only"] = ([f for f in files if f.suffix == f".{fmt}"], False)
    fifth = [f for f in files if _number(f) < organs // 5]
    found["a fifth, with the units list"] = (fifth, True)
    return found


def _run_one(folder: Path, organs: int, name: str, jobs: int) -> None:
    """One scenario, in this (fresh) process: prints its figures as JSON."""
    sources, with_units = _scenarios(folder, organs)[name]
    found: list[Any] = []
    with tempfile.TemporaryDirectory(prefix="govinfo-bench-out-") as out:

        def go() -> None:
            units = folder / "units.csv" if with_units else None
            result = audit(sources, units=units, jobs=jobs)
            write_outputs(result, out)
            found.append(result)

        seconds, tree, own = measure(go)
        mine, theirs = (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )  # the workers, ended and waited for
    result = found[0]
    print(
        json.dumps(
            {
                "reports": len(sources),
                "seconds": seconds,
                "tree": tree,
                "own": own,
                "cpu": mine.ru_utime + mine.ru_stime + theirs.ru_utime + theirs.ru_stime,
                "main_cpu": mine.ru_utime + mine.ru_stime,
                "with_errors": sum(r.errors > 0 for r in result.reports),
                "findings": sum(len(r.findings) for r in result.reports),
            }
        )
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1,000 reports instead of 10,000")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--corpus", type=Path, help="build the corpus here (or use it) and keep it")
    parser.add_argument("--scenario", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    organs = 500 if args.quick else 5000
    if args.scenario:
        _run_one(args.corpus, organs, args.scenario, args.jobs)
        return 0
    with tempfile.TemporaryDirectory(prefix="govinfo-bench-audit-") as tmp:
        folder = args.corpus or Path(tmp) / "corpus"
        if not (folder / "units.csv").exists():
            folder.mkdir(parents=True, exist_ok=True)
            start = time.perf_counter()
            files = build(folder, organs)
            print(f"built {len(files):,} reports in {time.perf_counter() - start:.0f} s")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(
            f"python {sys.version.split()[0]}, {args.jobs} processes, {os.cpu_count()} CPUs, "
            f"load average {load:.2f} before; each run in a fresh process, outputs written"
        )
        for name in _scenarios(folder, organs):
            command = [sys.executable, __file__, "--scenario", name, "--corpus", str(folder)]
            command += ["--jobs", str(args.jobs)] + (["--quick"] if args.quick else [])
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            got = json.loads(done.stdout.strip().splitlines()[-1])
            # On an idle machine the jobs share the work and the parent's own part waits
            # for no one: a bound from the CPU time, whatever else runs here.
            idle = got["reports"] / max(got["cpu"] / args.jobs, got["main_cpu"])
            print(
                f"  {name:34} {got['reports']:6,} reports {got['seconds']:6.1f} s "
                f"{got['reports'] / got['seconds']:6.0f}/s; CPU "
                f"{1000 * got['cpu'] / got['reports']:5.1f} ms a report "
                f"(≤ {idle:4.0f}/s on {args.jobs} idle cores); peak {got['tree'] / 2**20:4.0f} MiB "
                f"(main process {got['own'] / 2**20:4.0f} MiB); "
                f"{got['with_errors']:,} with errors, {got['findings']:,} findings"
            )
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"load average {load:.2f} after")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
