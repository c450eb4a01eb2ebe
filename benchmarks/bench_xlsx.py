"""Excel speed: workbooks written and read per second.

The complete example (examples/complete-2024.json) exported with its text, a blank form, and
the same form filled in by a program (no saved values: every total is computed by the reader).
Run ``python benchmarks/bench_xlsx.py`` (``--quick`` for a smoke run); pinned to one core
where the platform allows; medians of several timed runs.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

import govinfo
from govinfo.cells import layout, totals
from govinfo.read import read_bytes
from govinfo.xlsx import plan, workbook_bytes

ROOT = Path(__file__).resolve().parent.parent


def rate(job: Callable[[], object], seconds: float, repeats: int) -> float:
    job()  # warm caches
    rates = []
    for _ in range(repeats):
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            job()
            count += 1
        rates.append(count / (time.perf_counter() - start))
    return statistics.median(rates)


def filled_form(report: govinfo.Report) -> bytes:
    form = workbook_bytes([report.replace(organ="某街道")], blank=True)
    book = openpyxl.load_workbook(io.BytesIO(form))
    sums = totals(report)
    for index, value in enumerate(layout(report).values(report)):
        if index not in sums:
            book.worksheets[0].cell(*plan(report).values[index]).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    seconds, repeats = (0.2, 3) if args.quick else (2.0, 5)
    report = govinfo.load(ROOT / "examples/complete-2024.json")
    export = workbook_bytes([report])
    filled = filled_form(report)
    jobs = {
        "write: export with text": lambda: workbook_bytes([report]),
        "write: blank form": lambda: workbook_bytes([report], blank=True),
        "read: export": lambda: read_bytes(export, source="report.xlsx"),
        "read: filled form": lambda: read_bytes(filled, source="form.xlsx"),
    }
    print(f"python {sys.version.split()[0]}, one core, median of {repeats} runs of {seconds:g} s")
    for name, job in jobs.items():
        print(f"  {name:26} {rate(job, seconds, repeats):8,.1f} workbooks/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
