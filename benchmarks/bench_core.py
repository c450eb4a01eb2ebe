"""Throughput of the core: reports checked per second and JSON round trips per second.

Run ``python benchmarks/bench_core.py`` (``--quick`` for a short run). The process is pinned to
one core where the platform allows; each figure is the median of several timed runs of the
same workload, on the bundled complete example, so compare figures from one run only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import govinfo

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "complete-2024.json"


def rate(work: Callable[[], object], seconds: float, repeats: int) -> tuple[float, float]:
    """Median and spread (min..max) of operations per second over ``repeats`` timed runs."""
    work()  # warm caches (layouts, relations)
    rates = []
    for _ in range(repeats):
        count = 0
        start = time.perf_counter()
        deadline = start + seconds
        while True:
            for _ in range(50):
                work()
            count += 50
            now = time.perf_counter()
            if now >= deadline:
                break
        rates.append(count / (now - start))
    return statistics.median(rates), max(rates) - min(rates)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="short runs (a smoke test)")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    seconds, repeats = (0.2, 3) if args.quick else (2.0, 5)

    report = govinfo.load(EXAMPLE)
    text = govinfo.dumps(report)
    assert govinfo.check(report) == []

    results = {
        "check(report)": rate(lambda: govinfo.check(report), seconds, repeats),
        "loads(dumps(report))": rate(
            lambda: govinfo.loads(govinfo.dumps(report)), seconds, repeats
        ),
        "dumps(report)": rate(lambda: govinfo.dumps(report), seconds, repeats),
        "loads(text)": rate(lambda: govinfo.loads(text), seconds, repeats),
    }
    print(
        f"python {sys.version.split()[0]}, govinfo {govinfo.__version__}, one core, "
        f"median of {repeats} runs of {seconds:g} s"
    )
    for name, (median, spread) in results.items():
        print(f"  {name:24} {median:10,.0f} /s   (spread {spread:,.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
