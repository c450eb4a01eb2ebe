"""Reading speed: published reports read per second, for each source format.

Text: the bundled seed report (examples/yulong-2023.txt). HTML: a published-style page with
row- and column-spanning tables in GB18030 (tests/corpus/mixed-gb18030.html). Word: the
complete example rendered by govinfo. Run ``python benchmarks/bench_read.py`` (``--quick`` for
a smoke run); pinned to one core where the platform allows; medians of several timed runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import govinfo
from govinfo.read import read_bytes
from govinfo.render import render_bytes

ROOT = Path(__file__).resolve().parent.parent


def rate(data: bytes, source: str, seconds: float, repeats: int) -> float:
    read_bytes(data, source=source)  # warm caches
    rates = []
    for _ in range(repeats):
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            for _ in range(10):
                read_bytes(data, source=source)
            count += 10
        rates.append(count / (time.perf_counter() - start))
    return statistics.median(rates)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    seconds, repeats = (0.2, 3) if args.quick else (2.0, 5)
    sources = {
        "text (seed, 7 KB)": ((ROOT / "examples/yulong-2023.txt").read_bytes(), "seed.txt"),
        "HTML (GB18030)": ((ROOT / "tests/corpus/mixed-gb18030.html").read_bytes(), "page.html"),
        "Word (.docx by govinfo)": (
            render_bytes(govinfo.load(ROOT / "examples/complete-2024.json")),
            "report.docx",
        ),
    }
    print(f"python {sys.version.split()[0]}, one core, median of {repeats} runs of {seconds:g} s")
    for name, (data, source) in sources.items():
        print(f"  {name:26} {rate(data, source, seconds, repeats):8,.0f} reports/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
