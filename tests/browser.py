"""Headless Chromium (Debian's ``chromium``) for the tests of pages: found once, started with
a private profile and the network closed.

Without Chromium the tests that need it are skipped, unless ``GOVINFO_REQUIRE_BROWSER=1``
(set by ``.ci/run``) makes that a failure. Screenshots are kept in pytest's temporary folder
and, when ``GOVINFO_TEST_ARTIFACTS`` names a folder, copied there (``.ci/run`` keeps them
under ``.ci/artifacts/``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None
)
if CHROMIUM is None and os.environ.get("GOVINFO_REQUIRE_BROWSER") == "1":
    raise RuntimeError("GOVINFO_REQUIRE_BROWSER=1 but chromium is not installed")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with ``args`` (a page's URL last)."""
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            *args,
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
        check=False,
    )


def keep_artifact(path: Path) -> None:
    """Copy ``path`` into the folder ``GOVINFO_TEST_ARTIFACTS`` names, if it names one."""
    artifacts = os.environ.get("GOVINFO_TEST_ARTIFACTS")
    if artifacts:
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(artifacts) / path.name)
