"""The audit's page in a real browser: headless Chromium (Debian's ``chromium``) opens it from
disk with the network closed, runs its script without an error, shows its content, and
takes a screenshot.

The screenshot is kept in pytest's temporary folder and, when ``GOVINFO_TEST_ARTIFACTS``
names a folder, copied there (``.ci/run`` keeps it under ``.ci/artifacts/``). Without
Chromium the test is skipped, unless ``GOVINFO_REQUIRE_BROWSER=1`` (set by ``.ci/run``) makes
that a failure.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govinfo.audit import audit
from govinfo.audit._write import write_outputs

from .browser import chromium, keep_artifact, needs_chromium
from .conftest import EXAMPLES

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("audit")
    result = audit([EXAMPLES / "audit"], units=EXAMPLES / "audit" / "units.csv", jobs=1)
    write_outputs(result, out)
    return out / "index.html"


def _console_problems(stderr: str) -> list[str]:
    # Chromium logs the page's console messages and uncaught exceptions as CONSOLE lines.
    return [
        line
        for line in stderr.splitlines()
        if "CONSOLE" in line or "Uncaught" in line or "ERR_FILE_NOT_FOUND" in line
    ]


def test_the_page_runs_without_errors_and_shows_its_content(page: Path, tmp_path: Path) -> None:
    result = chromium(tmp_path / "profile", "--dump-dom", page.as_uri())
    assert result.returncode == 0, result.stderr
    assert _console_problems(result.stderr) == []
    dom = result.stdout
    assert 'data-ready="1"' in dom  # the script ran to its end
    count = re.search(r'<span id="unit-count">(\d+)</span>', dom)
    assert count is not None  # the filter counted the units
    assert int(count.group(1)) == 5
    for text in ("政府信息公开工作年度报告审核", "示例区北山乡人民政府", "缺报", "CONSOLIDATION"):
        assert text in dom
    assert dom.count("<svg") == 3


def test_the_page_screenshot(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "audit-page.png"
    result = chromium(
        tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2400", page.as_uri()
    )
    assert result.returncode == 0, result.stderr
    assert _console_problems(result.stderr) == []
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 50_000  # a page with text, tables and charts, not a blank one
    keep_artifact(shot)
