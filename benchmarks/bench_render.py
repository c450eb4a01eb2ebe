"""Rendering speed: milliseconds per report, four ways, measured in one run.

(a) one-shot ``render_docx`` per report; (b) a batch with ``render_many``; (c) plain docxtpl
loading and rendering the same template afresh for each report (autoescaped, saved to a file);
(d) the floor: copying the entries of the output .docx into a new zip file, written the same
way (atomically, synced). Targets: (b) <= 2 x (d) and (c) >= 5 x (b).

Run ``python benchmarks/bench_render.py`` (``--quick`` for a smoke run). Pinned to one core
where the platform allows; each time is the median of several rounds, each ratio the median
of the rounds' ratios.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

import govinfo
from govinfo._io import atomic_write
from govinfo.render import build_context, render_docx, render_many
from govinfo.render._template import DEFAULT_TEMPLATE

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "src/govinfo/render/templates" / DEFAULT_TEMPLATE


def reports(count: int) -> list[govinfo.Report]:
    base = govinfo.load(ROOT / "examples" / "complete-2024.json")
    return [
        govinfo.update(
            base,
            {
                "requests.received.natural_person": 152 + i,
                "requests.carried_forward.natural_person": 7 + i,
            },
        ).replace(organ=f"示例市第{i + 1}区人民政府办公室")
        for i in range(count)
    ]


def per_report(
    work: dict[str, Callable[[], None]], count: int, rounds: int
) -> dict[str, list[float]]:
    """Milliseconds per report of each workload in each round, the workloads run round-robin
    so that the machine's noise falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in work}
    for _ in range(rounds):
        for name, job in work.items():
            gc.collect()  # the garbage of the job before is not collected on this one's time
            start = time.perf_counter()
            job()
            times[name].append((time.perf_counter() - start) / count * 1000)
    return times


def ratio(top: list[float], bottom: list[float]) -> float:
    """The median of the rounds' ratios: each compares two workloads run moments apart."""
    return statistics.median(t / b for t, b in zip(top, bottom, strict=True))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    count, rounds = (10, 3) if args.quick else (40, 15)
    batch = reports(count)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        render_docx(batch[0], out / "warm.docx")  # compile the template once, as a process does

        def one_shot() -> None:
            for i, report in enumerate(batch):
                render_docx(report, out / f"a{i}.docx")

        def many() -> None:
            results = render_many(batch, out / "b")
            assert all(r.error is None for r in results)

        def plain_docxtpl() -> None:
            for i, report in enumerate(batch):
                tpl = DocxTemplate(TEMPLATE)
                tpl.render(build_context(report), SandboxedEnvironment(), autoescape=True)
                tpl.save(out / f"c{i}.docx")

        outputs = [out / f"a{i}.docx" for i in range(count)]

        def floor() -> None:
            for i, source in enumerate(outputs):
                buffer = io.BytesIO()
                with (
                    zipfile.ZipFile(source) as src,
                    zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst,
                ):
                    for info in src.infolist():
                        dst.writestr(info, src.read(info))
                atomic_write(out / f"d{i}.docx", buffer.getvalue())

        one_shot()  # creates the outputs the floor copies
        times = per_report(
            {  # the batch and the floor run one after the other
                "(a) render_docx, one at a time": one_shot,
                "(b) render_many, one batch": many,
                "(d) floor: copy the zip": floor,
                "(c) plain docxtpl, afresh": plain_docxtpl,
            },
            count,
            rounds,
        )
    print(f"python {sys.version.split()[0]}, {count} reports x {rounds} rounds, one core")
    for name in sorted(times):
        print(f"  {name:34} {statistics.median(times[name]):8.2f} ms/report (median)")
    a, b, d, c = times.values()
    print("medians of the rounds' ratios:")
    print(f"  one-shot / batch        = {ratio(a, b):5.2f}")
    print(f"  batch / floor           = {ratio(b, d):5.2f}  (target <= 2)")
    print(f"  plain docxtpl / batch   = {ratio(c, b):5.2f}  (target >= 5)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
