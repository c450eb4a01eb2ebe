"""Start-up: one report rendered by a whole process, against ``govinfo --version``.

Both are run as a user runs them, a new Python process each time (``python -m govinfo``),
alternating so that the machine's noise falls on both alike. The compiled template is kept
between processes (``govinfo.render._cache``): the render is timed with the cache filled by
an untimed first render, and once more with an empty cache folder every time (what the very
first render on a machine costs). Target: render <= 1.5 x version, with the cache.

Run ``python benchmarks/bench_startup.py`` (``--rounds N``, ``--quick`` for a smoke run).
Each time is the median of the rounds; the ratio is the median of the rounds' ratios. The
machine's load average is printed with the figures: quote them together.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "examples" / "yulong-2023.json"


def run(args: list[str], env: dict[str, str]) -> float:
    """Seconds the process ``python -m govinfo ARGS`` takes, start to exit."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "govinfo", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="three rounds")
    args = parser.parse_args(argv)
    rounds = 3 if args.quick else args.rounds
    with tempfile.TemporaryDirectory(prefix="govinfo-bench-") as work:
        folder = Path(work)
        out = str(folder / "one.docx")
        warm = {**os.environ, "GOVINFO_CACHE_DIR": str(folder / "cache")}
        run(["render", str(REPORT), "-o", out], warm)  # fills the cache
        version: list[float] = []
        render: list[float] = []
        cold: list[float] = []
        for number in range(rounds):
            version.append(run(["--version"], warm))
            render.append(run(["render", str(REPORT), "-o", out], warm))
            empty = {**os.environ, "GOVINFO_CACHE_DIR": str(folder / f"empty-{number}")}
            cold.append(run(["render", str(REPORT), "-o", out], empty))
    ratios = [r / v for r, v in zip(render, version, strict=True)]
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    ms = lambda values: 1000 * statistics.median(values)  # noqa: E731
    print(f"rounds: {rounds}; load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"govinfo --version:                    {ms(version):6.0f} ms")
    print(f"govinfo render one.json -o one.docx:  {ms(render):6.0f} ms (compiled template kept)")
    print(f"  the same, with an empty cache:      {ms(cold):6.0f} ms")
    ratio = statistics.median(ratios)
    print(f"render / version: {ratio:.2f} (target <= 1.5)")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
