"""Shared fixtures and the hypothesis profiles.

The default profile, ``ci``, is derandomized with a bounded number of examples so the suite
gives the same result on every run and stays within a few minutes on two cores. Set
``HYPOTHESIS_PROFILE=thorough`` for a longer, randomized search.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import govinfo

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE_REPORTS = sorted(EXAMPLES.glob("*.json"))


@pytest.fixture(autouse=True, scope="session")
def _template_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled templates are kept in a folder of the test session, not the user's cache."""
    previous = os.environ.get("GOVINFO_CACHE_DIR")
    os.environ["GOVINFO_CACHE_DIR"] = str(tmp_path_factory.mktemp("template-cache"))
    yield
    if previous is None:
        del os.environ["GOVINFO_CACHE_DIR"]
    else:
        os.environ["GOVINFO_CACHE_DIR"] = previous


@pytest.fixture
def seed_report() -> govinfo.Report:
    """The published report the project started from (阜新市细河区玉龙街道, 2023)."""
    return govinfo.load(EXAMPLES / "yulong-2023.json")


@pytest.fixture
def full_report() -> govinfo.Report:
    """A realistic report with non-zero numbers in every table that passes every check."""
    return govinfo.load(EXAMPLES / "complete-2024.json")


def interruptible() -> None:
    """For ``preexec_fn``: a child process that Ctrl-C interrupts, as a user's command is —
    even when the tests run in the background of a shell, which ignores SIGINT in what it
    starts (and the child would inherit that)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m govinfo`` as a user would, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "govinfo", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        check=False,
    )
