"""Reading speed: published reports read per second, for each source format, on one core.

The sources are the project's own: the bundled seed report as text (examples/yulong-2023.txt);
the complete example (examples/complete-2024.json, a report of seven pages) as govinfo's Word
document, and as the corpus made from it by tools/make_corpus.py — PDF exported by
LibreOffice, the same PDF as ``pdftotext -layout`` prints it, a Word-exported web page in
GB2312, a Markdown conversion, a Word 97 file; and a published-style page with spanning
tables in GB18030 (tests/corpus/mixed-gb18030.html).

The process is pinned to one core where the platform allows. Each figure is the median of
several timed runs; the rate is given per second of the process's CPU time (what one core
does, whatever else the machine is doing) and per second of wall-clock time, with the load
average at the start, since a shared machine slows the second. Run
``python benchmarks/bench_read.py`` (``--quick`` for a smoke run).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import govinfo
from govinfo._office import find_soffice
from govinfo.read import read_bytes
from govinfo.render import render_bytes

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"


def rate(data: bytes, source: str, seconds: float, repeats: int) -> tuple[float, float]:
    """Reports per CPU second and per wall-clock second (medians of ``repeats`` runs)."""
    read_bytes(data, source=source)  # warm caches
    cpu_rates, wall_rates = [], []
    for _ in range(repeats):
        count = 0
        wall, cpu = time.perf_counter(), time.process_time()
        while time.perf_counter() - wall < seconds or count == 0:
            read_bytes(data, source=source)
            count += 1
        cpu_rates.append(count / max(time.process_time() - cpu, 1e-9))
        wall_rates.append(count / (time.perf_counter() - wall))
    return statistics.median(cpu_rates), statistics.median(wall_rates)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    seconds, repeats = (0.2, 3) if args.quick else (2.0, 5)
    complete = render_bytes(govinfo.load(ROOT / "examples/complete-2024.json"))
    sources = {
        "text (seed, 7 KB)": ((ROOT / "examples/yulong-2023.txt").read_bytes(), "seed.txt"),
        "text (pdftotext -layout)": ((CORPUS / "text-layout.txt").read_bytes(), "layout.txt"),
        "HTML (GB18030)": ((CORPUS / "mixed-gb18030.html").read_bytes(), "page.html"),
        "HTML (Word export, GB2312)": ((CORPUS / "word-export.html").read_bytes(), "word.html"),
        "Markdown": ((CORPUS / "markdown.md").read_bytes(), "report.md"),
        "Word (.docx by govinfo)": (complete, "report.docx"),
        "PDF (seven pages)": ((CORPUS / "pdf-docx.pdf").read_bytes(), "report.pdf"),
    }
    if find_soffice() is not None:
        sources["Word 97 (.doc, LibreOffice)"] = ((CORPUS / "word-97.doc").read_bytes(), "r.doc")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"python {sys.version.split()[0]}, one core, median of {repeats} runs of {seconds:g} s; "
        f"load average {load:.2f} on {os.cpu_count()} cores"
    )
    print(f"  {'':30} {'per CPU s':>10} {'per wall s':>11}")
    for name, (data, source) in sources.items():
        if name.startswith("Word 97"):  # a LibreOffice process a report: a few runs suffice
            cpu, wall = rate(data, source, 0.0, 2 if args.quick else 3)
            print(f"  {name:30} {'-':>10} {wall:11,.2f}  (LibreOffice's time is not ours)")
            continue
        cpu, wall = rate(data, source, seconds, repeats)
        print(f"  {name:30} {cpu:10,.1f} {wall:11,.1f}  reports/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
